"""Clock arithmetic: when a stage of a regulator's clock is due. Pure: no pydantic, no I/O.

A stage's ``within`` is counted one of four ways (`Within.counting`):

- ``elapsed``: minutes and hours are time on the clock of the world (72 hours is 72 hours,
  across a change to or from summer time);
- ``calendar``: days, weeks, months and years are counted on the calendar in the start's own
  time zone, at the same time of day (1 month from 31 January is 28 or 29 February: the day is
  clamped to the month's length);
- ``business``: business days skip Saturdays, Sundays and the public holidays of a country,
  at the same time of day;
- ``asap``: "without undue delay": no fixed due time.

The same rules are handed to the browser as data (see ARCHITECTURE.md, "Clock JSON"), never
rewritten there.
"""

from __future__ import annotations

import ast
import calendar
import functools
import importlib.util
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from . import durations

# What can start a clock, and how it is said on the site.
START_EVENTS: dict[str, str] = {
    "aware": "becoming aware",
    "classified-major": "classifying the incident as major",
    "materiality-decision": "deciding the incident is material",
    "discovery": "discovering the breach",
    "report-received": "receiving the report",
    "accident": "the accident",
}
ASAP_WORDS = ("without undue delay", "without delay", "immediately", "as soon as possible")
_BUSINESS = re.compile(r"\s*(?P<amount>[0-9]{1,4})\s*(business|working)\s+days?\s*\Z", re.I)
COUNTING = {"minute": "elapsed", "hour": "elapsed", "day": "calendar", "week": "calendar",
            "month": "calendar", "year": "calendar", "business_day": "business"}
# The fewest minutes a calendar unit can last: what a check can count on in any week.
_SHORTEST = {"minute": 1, "hour": 60, "day": 1440, "week": 7 * 1440, "month": 28 * 1440,
             "year": 365 * 1440, "business_day": 1440}
EXAMPLES = ["72 hours", "4 business days", "1 month", "without undue delay"]


class WithinError(ValueError):
    """The text is no time limit; the message says how to write one."""


@dataclass(frozen=True)
class Within:
    """A time limit as written: an amount of a unit, or "as soon as possible" (no amount)."""

    amount: int | None
    unit: str | None  # minute | hour | day | week | month | year | business_day; None: asap
    text: str

    @property
    def counting(self) -> str:
        return COUNTING[self.unit] if self.unit else "asap"

    @property
    def shortest_minutes(self) -> int | None:
        """The least time it can take (4 business days take at least 4 days); None for asap."""
        if self.unit is None or self.amount is None:
            return None
        return self.amount * _SHORTEST[self.unit]

    def __str__(self) -> str:
        return self.text


def parse_within(text: str) -> Within:
    """Read a time limit: a duration (``72 hours``), business days (``4 business days``) or
    ``without undue delay``; raise ``WithinError`` saying how to write one."""
    cleaned = " ".join(text.split())
    if cleaned.lower() in ASAP_WORDS:
        return Within(None, None, cleaned)
    business = _BUSINESS.match(text)
    if business:
        return Within(int(business["amount"]), "business_day", cleaned)
    try:
        duration = durations.parse(text)
    except durations.DurationError as error:
        raise WithinError(
            f"{error}; a time limit may also be business days ('4 business days') or "
            "'without undue delay'"
        ) from None
    return Within(duration.amount, duration.unit, duration.text)


def from_duration(duration: durations.Duration) -> Within:
    return Within(duration.amount, duration.unit, duration.text)


HolidayDays = Collection[date]


def add(start: datetime, within: Within, holidays: HolidayDays = ()) -> datetime | None:
    """``start`` plus ``within`` (None for asap). ``start`` is aware; the result is in its zone."""
    if within.unit is None or within.amount is None:
        return None
    amount, unit = within.amount, within.unit
    if unit in ("minute", "hour"):
        minutes = amount * (60 if unit == "hour" else 1)
        return (start.astimezone(timezone.utc) + timedelta(minutes=minutes)).astimezone(
            start.tzinfo)
    if unit in ("day", "week"):
        return _wall(start, start.date() + timedelta(days=amount * (7 if unit == "week" else 1)))
    if unit in ("month", "year"):
        months = amount * (12 if unit == "year" else 1)
        index = start.month - 1 + months
        year, month = start.year + index // 12, index % 12 + 1
        day = min(start.day, calendar.monthrange(year, month)[1])
        return _wall(start, date(year, month, day))
    day, left = start.date(), amount
    while left:
        day += timedelta(days=1)
        if is_business_day(day, holidays):
            left -= 1
    return _wall(start, day)


def _wall(start: datetime, day: date) -> datetime:
    """The same time of day as ``start`` on ``day``, in ``start``'s zone (wall-clock time)."""
    return start.replace(year=day.year, month=day.month, day=day.day)


def is_business_day(day: date, holidays: HolidayDays = ()) -> bool:
    return day.weekday() < 5 and day not in holidays


@dataclass(frozen=True)
class Limit:
    """``within`` counted from ``since``: a start event's name, or ``stage:<id>``."""

    within: Within
    since: str


@dataclass(frozen=True)
class StageRule:
    id: str
    limit: Limit
    cap: Limit | None = None  # a second limit: the earlier of the two applies


def due_times(stages: Sequence[StageRule], events: Mapping[str, datetime],
              holidays: HolidayDays = ()) -> dict[str, datetime | None]:
    """Each stage's due time, given when the events happened (an event not given yet leaves
    the stages counted from it without a due time, None, as does "without undue delay")."""
    due: dict[str, datetime | None] = {}

    def at(limit: Limit) -> datetime | None:
        if limit.since.startswith("stage:"):
            start = due.get(limit.since[len("stage:"):])
        else:
            start = events.get(limit.since)
        return add(start, limit.within, holidays) if start is not None else None

    for stage in stages:
        times = [t for t in (at(stage.limit), at(stage.cap) if stage.cap else None) if t]
        due[stage.id] = min(times) if times else None
    return due


def shortest_offsets(stages: Sequence[StageRule]) -> dict[str, int | None]:
    """The least minutes from the first event to each stage's due time, with every event at
    the same moment: what a check can hold the pathway's `after` times against."""
    found: dict[str, int | None] = {}

    def offset(limit: Limit) -> int | None:
        base = found.get(limit.since[6:]) if limit.since.startswith("stage:") else 0
        length = limit.within.shortest_minutes
        return None if base is None or length is None else base + length

    for stage in stages:
        options = [o for o in (offset(stage.limit), offset(stage.cap) if stage.cap else None)
                   if o is not None]
        found[stage.id] = min(options) if options else None
    return found


# --- public holidays ------------------------------------------------------------------------

_COUNTRY = re.compile(r"(?P<country>[A-Z]{2})(-(?P<subdiv>[A-Z0-9]{1,3}))?\Z")


def split_country(code: str) -> tuple[str, str | None]:
    match = _COUNTRY.match(code)
    if not match:
        raise ValueError(code)
    return match["country"], match["subdiv"]


def country_error(code: str) -> str | None:
    """Why ``code`` names no country whose holidays are known (None: it does)."""
    match = _COUNTRY.match(code)
    if not match:
        return (f"'{code}' is not a country code: write two capital letters, such as 'GB' or "
                "'US', optionally with a region, such as 'GB-ENG'")
    countries = _countries()
    if match["country"] not in countries:
        return f"no public holidays are known for country '{match['country']}'"
    regions = _regions(countries[match["country"]])
    if match["subdiv"] and match["subdiv"] not in regions:
        return (f"'{match['subdiv']}' is not a region of {match['country']} (known: "
                f"{', '.join(regions) or 'none'})")
    return None


# Importing the holidays package takes a third of a second: `handbook check` reads which
# countries and regions it knows from its source instead, and imports it only to count days.
def _holidays_source(*parts: str) -> ast.Module | None:
    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return None
    try:
        return ast.parse(Path(spec.submodule_search_locations[0], *parts).read_text("utf-8"))
    except (OSError, SyntaxError, ValueError):
        return None


def _assigned(tree: ast.Module | None, name: str) -> Any:
    for node in ast.walk(tree) if tree else ():
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) and node.targets else None)
        if isinstance(target, ast.Name) and target.id == name and node.value is not None:
            try:
                return ast.literal_eval(node.value)
            except ValueError:
                return None
    return None


@functools.cache
def _countries() -> dict[str, str]:
    """Country code → the holidays module that holds it."""
    found = _assigned(_holidays_source("registry.py"), "COUNTRIES")
    if isinstance(found, dict):
        return {names[1]: module for module, names in found.items() if len(names) > 1}
    import holidays

    return {code: code for code in holidays.list_supported_countries()}


@functools.cache
def _regions(module: str) -> tuple[str, ...]:
    found = _assigned(_holidays_source("countries", f"{module}.py"), "subdivisions")
    if isinstance(found, tuple):
        return found
    import holidays

    supported = holidays.list_supported_countries()
    return tuple(supported.get(module, ()))


@functools.cache
def public_holidays(code: str, years: tuple[int, ...]) -> frozenset[date]:
    """The public holidays of ``code`` (``GB``, ``GB-ENG``, ``US``) in ``years``."""
    import holidays

    country, subdiv = split_country(code)
    return frozenset(holidays.country_holidays(country, subdiv=subdiv, years=list(years)))


def holiday_years(today: date) -> tuple[int, ...]:
    """The years whose holidays the site carries: this one and the next two."""
    return (today.year, today.year + 1, today.year + 2)


HolidayLookup = Callable[[str], HolidayDays]
