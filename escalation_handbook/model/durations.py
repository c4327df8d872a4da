"""Durations as people write them: ``15 minutes``, ``15 min``, ``2h``, ``1 day``, ``6 months``."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

# Each unit's canonical name and its length in minutes, for ordering durations of mixed units.
# Months and years are calendar units when added to a date (see ``Duration.after``); their minute
# lengths below are only used to compare one duration with another.
_UNITS: dict[str, tuple[str, int]] = {}
for _names, _unit, _minutes in [
    (("m", "min", "mins", "minute", "minutes"), "minute", 1),
    (("h", "hr", "hrs", "hour", "hours"), "hour", 60),
    (("d", "day", "days"), "day", 24 * 60),
    (("w", "wk", "wks", "week", "weeks"), "week", 7 * 24 * 60),
    (("mo", "mon", "month", "months"), "month", 30 * 24 * 60),
    (("y", "yr", "yrs", "year", "years"), "year", 365 * 24 * 60),
]:
    for _name in _names:
        _UNITS[_name] = (_unit, _minutes)

def _any_case(word: str) -> str:
    """`min` → `[mM][iI][nN]`: JSON Schema patterns have no case-insensitive flag, and the
    checker accepts `30 Minutes` as well as `30 minutes`."""
    return "".join(f"[{c}{c.upper()}]" for c in word)


# For editors (the JSON Schemas): the same durations `parse` accepts.
PATTERN = r"^\s*[0-9]+\s*(" + "|".join(
    _any_case(unit) for unit in sorted(_UNITS, key=lambda u: (-len(u), u))) + r")\s*$"
_DURATION = re.compile(r"\s*(?P<amount>[0-9]+)\s*(?P<unit>[A-Za-z]+)\s*\Z")
# The longest duration accepted: review dates stay far from the calendar's end, and no
# timedelta overflows.
LONGEST = "100 years"
LONGEST_MINUTES = 100 * 365 * 24 * 60
EXAMPLES = ["15 minutes", "15 min", "2 hours", "2h", "1 day", "6 months", "1 year"]


class DurationError(ValueError):
    """The text is not a duration; the message says how to write one."""


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: str  # minute | hour | day | week | month | year
    text: str  # as the author wrote it

    @property
    def minutes(self) -> int:
        """Length in minutes (months count 30 days, years 365): for ordering, not for calendars."""
        return self.amount * _UNITS[self.unit][1]

    def after(self, start: date) -> date:
        """The date this long after ``start``, months counted as people count them.

        31 August + 6 months is 28 February (29 in a leap year): the day is clamped to the
        length of the target month.
        """
        if self.unit in ("month", "year"):
            months = self.amount * (12 if self.unit == "year" else 1)
            index = start.month - 1 + months
            year, month = start.year + index // 12, index % 12 + 1
            day = min(start.day, calendar.monthrange(year, month)[1])
            return date(year, month, day)
        return start + timedelta(minutes=self.minutes)

    def __str__(self) -> str:
        return self.text

    def __lt__(self, other: Duration) -> bool:
        return self.minutes < other.minutes


@functools.lru_cache(maxsize=4096)  # a handbook writes the same few durations thousands of times
def parse(text: str) -> Duration:
    """Read a duration, or raise ``DurationError`` with a message that says how to fix it."""
    match = _DURATION.match(text)
    if match is None:
        if text.strip().isdigit():
            raise DurationError(
                f"'{text}' has no unit: write it with one, such as '{text.strip()} minutes'"
            )
        raise DurationError(
            f"'{text}' is not a duration: write a whole number and a unit, "
            "such as '15 minutes', '2 hours', '1 day' or '6 months'"
        )
    unit = _UNITS.get(match["unit"].lower())
    if unit is None:
        raise DurationError(
            f"'{match['unit']}' is not a unit of time: use minutes, hours, days, weeks, "
            "months or years"
        )
    # Dates a duration is added to stay inside the calendar (see `model.values.Date`).
    amount = match["amount"]
    if len(amount) > 9 or int(amount) * unit[1] > LONGEST_MINUTES:
        raise DurationError(
            f"'{text.strip()}' is longer than {LONGEST}: write a shorter duration"
        )
    return Duration(int(amount), unit[0], text.strip())
