"""Working hours on the page: the text as written, and the data the `hours` widget needs to
say whether the contact is on duty now, decided in the reader's browser (see ARCHITECTURE.md,
"Working hours on the page"). The words are here, once."""

from __future__ import annotations

import json
from datetime import date
from functools import cached_property
from typing import Any

from markupsafe import Markup, escape

from ..folder import Handbook
from ..model.hours import parse
from ..model.timing import holiday_years, public_holidays

HOURS_TEXT = {"on": "on duty now", "off": "off duty now"}


def hours_data(handbook: Handbook, contact_id: str, today: date) -> dict[str, Any] | None:
    """`{zone, always, ranges, holidays}` for a contact with checkable hours, else None.

    `zone` null means the reader's own clock (hours that name no zone, in a handbook without
    `time_zone`); `ranges` are [start, end) minutes from Monday 00:00; `holidays` are the days
    they are off (when `public holidays off`), this year and the next two.
    """
    contact = handbook.contact(contact_id)
    if contact is None or not contact.hours:
        return None
    try:
        hours = parse(contact.hours)
    except ValueError:
        return None
    if not hours.checkable or hours.kind == "always":
        return None  # nothing to decide: free text, or round the clock
    settings = handbook.settings.model if handbook.settings else None
    holidays: list[str] = []
    if hours.holidays_off and settings and settings.country:
        holidays = sorted(d.isoformat() for d in public_holidays(
            settings.country, holiday_years(today)))
    return {"zone": hours.zone or (settings.time_zone if settings else None),
            "always": hours.kind == "always", "ranges": [list(r) for r in hours.ranges],
            "holidays": holidays}


class HoursAttributes:
    """`hours_of(contact_id)` in the templates: the widget's data attributes, or nothing."""

    def __init__(self, handbook: Handbook, today: date) -> None:
        self.handbook, self.today = handbook, today
        self.cache: dict[str, Markup] = {}

    @cached_property
    def _inputs(self) -> tuple[Any, ...]:
        hb = self.handbook
        settings = hb.settings.model if hb.settings else None
        return (self.today, settings and (settings.country, settings.time_zone),
                tuple((c.id, c.hours) for c in hb.contact_index.values()))

    def __eq__(self, other: object) -> bool:
        # Two look-ups of the same hours give the same attributes: a page given either
        # renders the same (`RenderMemo` compares what each page is given).
        return isinstance(other, HoursAttributes) and self._inputs == other._inputs

    __hash__ = None  # type: ignore[assignment]

    def __call__(self, contact_id: str) -> Markup:
        if contact_id not in self.cache:
            data = hours_data(self.handbook, contact_id, self.today)
            self.cache[contact_id] = Markup("") if data is None else Markup(
                ' data-hours="{}" data-label-on="{}" data-label-off="{}"').format(
                    escape(json.dumps(data, separators=(",", ":"))), HOURS_TEXT["on"],
                    HOURS_TEXT["off"])
        return self.cache[contact_id]
