"""A playbook's clocks → the timeline its page shows and the JSON the browser counts down from.

Every sentence and every duration rule is made here; the browser receives the rules as data
(see ARCHITECTURE.md, "Clock JSON") and never rewrites them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..clocks import ResolvedClock, Stage
from ..model import Playbook
from ..model.timing import (
    START_EVENTS,
    Limit,
    Within,
    holiday_years,
    public_holidays,
    shortest_offsets,
)
from . import links
from .views import Lookups

CLOCK_JSON_VERSION = 1


def within_data(within: Within) -> dict[str, Any]:
    return {"text": within.text, "amount": within.amount, "unit": within.unit,
            "counting": within.counting}


def since_data(since: str) -> dict[str, str]:
    if since.startswith("stage:"):
        return {"stage": since[len("stage:"):]}
    return {"event": since}


def _since_words(since: str, names: dict[str, str]) -> str:
    if since.startswith("stage:"):
        return f"when the {names.get(since[6:], since[6:]).lower()} is due"
    return START_EVENTS.get(since, since)


def limit_words(limit: Limit, names: dict[str, str]) -> str:
    """`within 24 hours of becoming aware`; `without undue delay after the accident`."""
    since = _since_words(limit.since, names)
    if limit.within.counting == "asap":
        return f"{limit.within.text} after {since}"
    return f"within {limit.within.text} of {since}"


def stage_when(stage: Stage, names: dict[str, str]) -> str:
    text = limit_words(Limit(stage.within or Within(None, None, "without undue delay"),
                             stage.since), names)
    if stage.cap:
        text += f", and at the latest {limit_words(stage.cap, names)}"
    return text[:1].upper() + text[1:]


def at_label(stage: Stage) -> str:
    """What the timeline shows on the left of a stage: its limit as written (`72 hours`),
    `+1 month` when counted from an earlier stage."""
    text = stage.within.text if stage.within else "without undue delay"
    return f"+{text}" if stage.since.startswith("stage:") and stage.within and \
        stage.within.amount else text


def clock_lines(clocks: list[ResolvedClock]) -> list[dict[str, str]]:
    """One line per stage with a fixed time, for the incident card: `UK GDPR Article 33,
    Report the breach to the ICO: within 72 hours of becoming aware`."""
    lines = []
    for clock in clocks:
        names = {s.id: s.name for s in clock.stages}
        for stage in clock.stages:
            if stage.within is None or stage.within.counting == "asap":
                continue
            name = clock.obligation if stage.name == clock.obligation else \
                f"{clock.obligation}, {stage.name}"
            when = stage_when(stage, names)
            lines.append({"name": name, "when": when[:1].lower() + when[1:]})
    return lines


class ClockViews:
    """Views of one playbook's clocks, for its page (`_clocks.j2`) and its JSON."""

    def __init__(self, site: Lookups, doc_id: str, playbook: Playbook,
                 clocks: list[ResolvedClock], page: str, today: date) -> None:
        self.site, self.id, self.pb, self.clocks = site, doc_id, playbook, clocks
        self.page, self.today = page, today
        self.templates = {c.id: c for c in playbook.communications if c.id}

    def _contact(self, contact_id: str | None) -> dict[str, Any] | None:
        if not contact_id or contact_id not in self.site.contacts:
            return None
        c = self.site.contacts[contact_id]
        return {"id": c.id, "name": c.name,
                "url": links.relative(self.page, self.site.directory_page[c.id], c.id)}

    def _template(self, template_id: str | None) -> dict[str, Any] | None:
        message = self.templates.get(template_id or "")
        if message is None:
            return None
        return {"id": message.id, "when": message.when, "audience": message.audience,
                "url": f"#communication-{message.id}", "owner": self._contact(message.owner)}

    def _stage(self, stage: Stage, names: dict[str, str], offset: int | None) -> dict[str, Any]:
        within = stage.within or Within(None, None, "without undue delay")
        return {
            "id": stage.id, "name": stage.name, "when": stage_when(stage, names),
            "within": within_data(within), "since": since_data(stage.since),
            "cap": {"within": within_data(stage.cap.within), "since": since_data(
                stage.cap.since)} if stage.cap else None,
            "shortest_minutes": offset, "at_label": at_label(stage),
            "notify": self._contact(stage.notify), "template": self._template(stage.template),
            "source": stage.source, "legal_url": stage.legal,
        }

    def clock(self, clock: ResolvedClock) -> dict[str, Any]:
        names = {s.id: s.name for s in clock.stages}
        offsets = shortest_offsets(clock.rules)
        return {
            "id": clock.key, "uses": clock.used, "name": clock.name,
            "obligation": clock.obligation, "start": clock.start,
            "start_label": START_EVENTS[clock.start],
            "country": clock.country if clock.business_days else None,
            "source": clock.source, "legal_url": clock.legal, "notes": clock.notes,
            "stages": [self._stage(s, names, offsets[s.id]) for s in clock.stages],
        }

    def views(self) -> list[dict[str, Any]]:
        return [self.clock(c) for c in self.clocks]

    def data(self) -> dict[str, Any]:
        """The page's clock JSON (ARCHITECTURE.md, "Clock JSON")."""
        countries = sorted({c.country for c in self.clocks if c.business_days and c.country})
        years = holiday_years(self.today)
        return {
            "version": CLOCK_JSON_VERSION, "playbook": self.id,
            "events": {e: label for e, label in START_EVENTS.items()},
            "clocks": self.views(),
            "holidays": {code: sorted(d.isoformat() for d in public_holidays(code, years))
                         for code in countries},
            "holiday_years": list(years),
        }
