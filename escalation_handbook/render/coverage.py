"""The Coverage page: for each pathway that a SEV1 or SEV2 trigger uses, who answers its first
step at each hour of the week (a grid readable without colour or JavaScript, gaps marked in
words), and every regulator clock the handbook's playbooks start."""

from __future__ import annotations

import string
from datetime import date
from typing import Any

from ..clocks import playbook_clocks
from ..clocks.coverage import Coverage
from ..folder import Handbook
from ..model.hours import DAYS, window_text
from . import links
from .clocks import stage_when
from .views import Lookups

SEVERE_LEVELS = 2  # the pathways the out-of-hours check holds to every hour: SEV1 and SEV2
# A week's grid is 168 cells (6 KB) and a clock's row about 250 bytes: past these the page
# would outweigh every other (61 grids and 240 clocks were 495 KB at a thousand playbooks).
GRID_LIMIT = 6
CLOCK_LIMIT = 40
COVERAGE_TEXT = {
    "gap": "nobody",
    "part": "part",
    "caption": "Who answers step 1, hour by hour ({zone})",
}


def _keys(n: int) -> list[str]:
    letters = string.ascii_uppercase
    return [letters[i] if i < 26 else letters[i // 26 - 1] + letters[i % 26] for i in range(n)]


def _grid(cover: Coverage, contacts: list[str]) -> list[dict[str, Any]]:
    """Seven rows of 24 cells: who answers at the hour and half past; `gap` if nobody at any
    minute of it (`part` when somebody does for some of it)."""
    mask = cover.cover(contacts)
    rows = []
    for day in range(7):
        cells = []
        for hour in range(24):
            start = day * 1440 + hour * 60
            covered = bin(mask >> start & ((1 << 60) - 1)).count("1")
            who = dict.fromkeys([*cover.answering(contacts, start),
                                 *cover.answering(contacts, start + 30)])
            cells.append({"hour": hour, "who": list(who),
                          "state": "full" if covered == 60 else "gap" if covered == 0
                          else "part"})
        rows.append({"day": DAYS[day], "cells": cells})
    return rows


def _view(cover: Coverage, site: Lookups, page: str, contacts: tuple[str, ...],
          pathways: list[dict[str, Any]], found: list[tuple[int, int]],
          holiday: list[tuple[int, int]]) -> dict[str, Any]:
    chained = list(dict.fromkeys(c for first in contacts for c in cover.chain(first)[0]))
    grid = _grid(cover, list(contacts))
    shown = {c for row in grid for cell in row["cells"] for c in cell["who"]}
    answering = [c for c in chained if c in shown]  # keys in the order people are tried
    key = dict(zip(answering, _keys(len(answering)), strict=True))
    for row in grid:
        for cell in row["cells"]:
            cell["keys"] = [key[c] for c in cell.pop("who")]
    return {
        "pathways": pathways, "grid": grid,
        "legend": [{"key": key[c], **site.contact(c, page)} for c in answering],
        "gaps": [window_text(*g) for g in found],
        "holiday_gaps": [window_text(*g) for g in holiday],
        "unknown": [site.contact(c, page)["name"] for c in chained
                    if cover.hours(site.contacts[c]) is None],
    }


def coverage_context(handbook: Handbook, site: Lookups, today: date) -> dict[str, Any]:
    cover = Coverage(handbook, today)
    settings = handbook.settings.model if handbook.settings else None
    severe = [s.id for s in settings.severities[:SEVERE_LEVELS]] if settings else []
    page = links.COVERAGE
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for doc in handbook.playbooks:
        for pathway in doc.model.pathways:
            if not pathway.steps or not any(t.pathway == pathway.id and t.severity in severe
                                            for t in doc.model.triggers):
                continue
            contacts = tuple(c for c in pathway.steps[0].contacts if c in site.contacts)
            groups.setdefault(contacts, []).append({
                "name": pathway.name, "playbook": doc.model.title,
                "url": site.playbook_url(page, doc.id, f"pathway-{pathway.id}")})
    # gaps first, for every set of first contacts; the grids only for those the page shows
    found = {contacts: cover.gaps(list(contacts)) for contacts in groups}
    holidays_off = cover.any_holidays_off
    holiday = {contacts: cover.gaps(list(contacts), True)
               if holidays_off and not found[contacts] else [] for contacts in groups}
    order = sorted(groups, key=lambda k: (not found[k] and not holiday[k],
                                          groups[k][0]["playbook"].lower()))
    grids = [_view(cover, site, page, contacts, groups[contacts], found[contacts],
                   holiday[contacts]) for contacts in order[:GRID_LIMIT]]
    clocks = []
    for doc in sorted(handbook.playbooks, key=lambda d: d.model.title.lower()):
        for clock in playbook_clocks(handbook, doc):
            names = {s.id: s.name for s in clock.stages}
            clocks.append({
                "name": clock.name, "obligation": clock.obligation, "legal_url": clock.legal,
                "source": clock.source, "playbook": doc.model.title,
                "url": site.playbook_url(page, doc.id, f"clock-{clock.key}"),
                "stages": [{"name": s.name, "when": stage_when(s, names),
                            "notify": site.contact(s.notify, page)
                            if s.notify in site.contacts else None} for s in clock.stages]})
    return {"zone": cover.zone or "the reader's own time", "hours": list(range(24)),
            "grids": grids, "more": max(0, len(groups) - GRID_LIMIT),
            "clocks": clocks[:CLOCK_LIMIT],
            "more_clocks": max(0, len(clocks) - CLOCK_LIMIT),
            "text": COVERAGE_TEXT, "holidays_off": [
                c.name for c in handbook.contacts
                if (h := cover.hours(c)) is not None and h.holidays_off]}
