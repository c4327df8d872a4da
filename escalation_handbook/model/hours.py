"""Working hours as people write them, and who is on duty when. Pure: no pydantic, no I/O.

``24/7``; or days and times with a time zone, ranges separated by ``,`` or ``;``, such as
``Mon-Fri 08:00-18:00, Sat 09:00-13:00 Europe/London; public holidays off``. A range that
ends before it starts runs overnight (``Fri 18:00-08:00``); ``24:00`` is midnight at the end
of the day. Text that does not start with days (``Online form, any time``) is free text: kept
and shown, but nobody can check coverage against it.

A week is measured in minutes from Monday 00:00 (0) to the next Monday 00:00 (10080).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

WEEK = 7 * 1440
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_DAY_NAMES = {d.lower(): i for i, d in enumerate(DAYS)}
_DAY_NAMES.update({d[:3].lower(): i for i, d in enumerate(DAYS)})
_DAY_NAMES.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
ALWAYS_WORDS = ("24/7", "24x7")
HOLIDAYS_OFF = ("public holidays off", "bank holidays off", "closed on public holidays")
_TIME = re.compile(r"(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})\Z")
_DAY_SPEC = re.compile(r"[A-Za-z]+(-[A-Za-z]+)?\Z")
EXAMPLE = "Mon-Fri 08:00-18:00 Europe/London"


class HoursError(ValueError):
    """Text that starts like working hours but is not; the message says how to write them."""


@dataclass(frozen=True)
class Hours:
    text: str
    kind: str  # always | weekly | free
    ranges: tuple[tuple[int, int], ...] = ()  # minutes of the week, start < end, no wrap
    zone: str | None = None
    holidays_off: bool = False

    @property
    def checkable(self) -> bool:
        return self.kind != "free"

    def mask(self) -> int:
        """The minutes of the week on duty as bits of an int (bit n: minute n), in own zone."""
        if self.kind == "always":
            return (1 << WEEK) - 1
        bits = 0
        for start, end in self.ranges:
            bits |= ((1 << (end - start)) - 1) << start
        return bits


def _is_zone(token: str) -> bool:
    return ("/" in token and token not in ALWAYS_WORDS) or token == "UTC"


def _day(word: str, piece: str) -> int:
    found = _DAY_NAMES.get(word.lower())
    if found is None:
        raise HoursError(f"'{word}' in '{piece}' is not a day: write Mon, Tue, Wed, Thu, Fri, "
                         f"Sat or Sun, such as '{EXAMPLE}'")
    return found


def _days(spec: str, piece: str) -> list[int]:
    if spec.lower() == "daily":
        return list(range(7))
    if "-" in spec:
        first, last = (_day(w, piece) for w in spec.split("-", 1))
        return [(first + n) % 7 for n in range((last - first) % 7 + 1)]
    return [_day(spec, piece)]


def _minute(text: str, piece: str) -> int:
    match = _TIME.match(text)
    if not match or int(match["m"]) > 59 or int(match["h"]) > 24 or (
            int(match["h"]) == 24 and match["m"] != "00"):
        raise HoursError(f"'{text}' in '{piece}' is not a time of day: write it as HH:MM from "
                         "00:00 to 24:00, such as '08:00-18:00'")
    return int(match["h"]) * 60 + int(match["m"])


def _times(token: str, piece: str) -> tuple[int, int]:
    if token.count("-") != 1:
        raise HoursError(f"'{token}' in '{piece}' is not a range of times: write a start and "
                         "an end, such as '08:00-18:00'")
    start, end = (_minute(t, piece) for t in token.split("-"))
    if start == end:
        raise HoursError(f"'{token}' in '{piece}' starts and ends at the same time: for all "
                         "day write '00:00-24:00'")
    return start, end


def _week_ranges(days: list[int], times: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found = []
    for day in days:
        for start, end in times:
            begin = day * 1440 + start
            finish = day * 1440 + (end if end > start else end + 1440)  # overnight
            if finish <= WEEK:
                found.append((begin, finish))
            else:  # Sunday night into Monday morning
                found += [(begin, WEEK), (0, finish - WEEK)]
    return found


def _merge(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


_TIMES_START = re.compile(r"[0-9]{1,2}:[0-9]{2}-")


def _is_days(word: str) -> bool:
    return bool(_DAY_SPEC.match(word)) and all(w.lower() in _DAY_NAMES for w in word.split("-"))


def normalise(text: str) -> str:
    """One spelling: dashes for ranges (`–`, ` to `), single spaces, `daily` for every day."""
    text = " ".join(text.replace("\u2013", "-").replace("\u2014", "-").split())
    text = re.sub(r"([0-9]{1,2}:[0-9]{2}) ?(?:-|to) ?([0-9]{1,2}:[0-9]{2})", r"\1-\2", text)
    text = re.sub(r"(?i)\bevery day\b", "daily", text)

    def days(match: re.Match[str]) -> str:
        a, b = match[1], match[2]
        return f"{a}-{b}" if _is_days(a) and _is_days(b) else match[0]

    return re.sub(r"\b([A-Za-z]+) ?(?:-|to) ?([A-Za-z]+)\b", days, text)


def starts_like_hours(text: str) -> bool:
    first = re.split(r"[ ,;]", normalise(text), maxsplit=1)[0]
    return (first.lower() in ALWAYS_WORDS or first.lower() == "daily"
            or first.split("-")[0].lower() in _DAY_NAMES or bool(_TIMES_START.match(first)))


@functools.cache
def parse(text: str) -> Hours:
    """Read working hours, or raise ``HoursError`` when text that starts with days, times or
    24/7 goes wrong; text that does not is ``free``."""
    cleaned = " ".join(text.split())
    if not starts_like_hours(cleaned):
        return Hours(cleaned, "free")
    tokens = normalise(cleaned).split(" ")
    zones = {t.rstrip(",;") for t in tokens if _is_zone(t.rstrip(",;"))}
    if len(zones) > 1:
        raise HoursError(f"'{cleaned}' names {len(zones)} time zones ({', '.join(sorted(zones))}"
                         "): one contact's hours have one, written once")
    zone = zones.pop() if zones else None
    # the zone may end the text or the ranges before `; public holidays off`
    body = " ".join(t if t.rstrip(",;") != zone else t[len(zone):] for t in tokens)
    body = re.sub(r" +([,;])", r"\1", body).strip().strip(",;").strip()
    if zone:
        try:
            ZoneInfo(zone)
        except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
            raise HoursError(f"'{zone}' is not a time zone: write an IANA name, such as "
                             "'Europe/London'") from None
    first = body.split(" ", 1)[0]
    if first.lower() in ALWAYS_WORDS:
        if body.lower() not in ALWAYS_WORDS:
            raise HoursError(f"'{first}' stands alone (or with a time zone) but is followed "
                             f"by '{body[len(first):].strip()}': write '{first}', and put the "
                             "rest in the contact's notes")
        return Hours(cleaned, "always", zone=zone)
    pieces = [p.strip() for p in re.split(r"[,;]", body)]
    ranges: list[tuple[int, int]] = []
    holidays_off = False
    n = 0
    while n < len(pieces):
        piece = pieces[n]
        n += 1
        if not piece:
            raise HoursError(f"'{cleaned}' has an empty range between separators: remove "
                             "the extra ',' or ';'")
        if piece.lower() in HOLIDAYS_OFF:
            holidays_off = True
            continue
        words = piece.split(" ")
        if _TIMES_START.match(words[0]):
            spec, rest = "daily", words
        else:
            spec, rest = words[0], words[1:]
        if not rest and n < len(pieces) and _TIMES_START.match(pieces[n]):
            rest = pieces[n].split(" ")  # `Monday to Friday, 08:00-18:00`
            n += 1
        if not rest:
            raise HoursError(f"'{piece}' has days but no times: add them, such as "
                             f"'{piece} 08:00-18:00'")
        days = _days(spec, piece)
        ranges += _week_ranges(days, [_times(t, piece) for t in rest])
    if not ranges:
        raise HoursError(f"'{cleaned}' names no days and times: write them, such as "
                         f"'{EXAMPLE}'")
    return Hours(cleaned, "weekly", _merge(ranges), zone, holidays_off)


def validate(text: str) -> str | None:
    """The message for text that starts like working hours and is not (None: it is fine)."""
    try:
        parse(text)
    except HoursError as error:
        return str(error)
    return None


# --- on duty --------------------------------------------------------------------------------


def minute_of_week(moment: datetime) -> int:
    return moment.weekday() * 1440 + moment.hour * 60 + moment.minute


def on_duty(hours: Hours, moment: datetime, zone: str, holidays: frozenset[date] = frozenset()
            ) -> bool:
    """Whether someone with ``hours`` is on duty at ``moment`` (aware); ``zone`` is theirs."""
    if hours.kind == "always":
        return True
    if hours.kind == "free":
        raise ValueError("free-text hours cannot be checked")
    local = moment.astimezone(ZoneInfo(zone))
    if hours.holidays_off and local.date() in holidays:
        return False
    minute = minute_of_week(local)
    return any(start <= minute < end for start, end in hours.ranges)


def shift(mask: int, minutes: int) -> int:
    """A week mask moved later by ``minutes`` (negative: earlier), wrapping around the week."""
    minutes %= WEEK
    full = (1 << WEEK) - 1
    return ((mask << minutes) | (mask >> (WEEK - minutes))) & full


def zone_shift(own: str, reference: str, week_of: date) -> int:
    """Minutes to add to a time in ``own`` zone to read it in ``reference``, in the week of
    ``week_of`` (offsets differ only when the two zones change to summer time apart)."""
    monday = week_of - timedelta(days=week_of.weekday())
    noon = datetime(monday.year, monday.month, monday.day, 12)
    a = noon.replace(tzinfo=ZoneInfo(own)).utcoffset() or timedelta()
    b = noon.replace(tzinfo=ZoneInfo(reference)).utcoffset() or timedelta()
    return int((b - a).total_seconds() // 60)


def gaps(mask: int) -> list[tuple[int, int]]:
    """The windows of the week nobody covers, (start, end) in minutes; a window that runs over
    Sunday midnight into Monday is one, its end past ``WEEK``."""
    minutes = format(mask, f"0{WEEK}b")[::-1]  # character n: minute n
    found: list[tuple[int, int]] = []
    start = minutes.find("0")
    while start != -1:  # str.find, not a regex: the rules ask for hundreds of weeks
        end = minutes.find("1", start)
        end = WEEK if end == -1 else end
        found.append((start, end))
        start = minutes.find("0", end)
    if len(found) > 1 and found[0][0] == 0 and found[-1][1] == WEEK:
        first = found.pop(0)
        found[-1] = (found[-1][0], WEEK + first[1])
    return found


def window_text(start: int, end: int) -> str:
    """`Saturday 18:00–Monday 08:00`; `Monday–Sunday` for the whole week."""
    if end - start >= WEEK:
        return "all week"

    def at(minute: int) -> str:
        minute %= WEEK
        return f"{DAYS[minute // 1440]} {minute % 1440 // 60:02d}:{minute % 60:02d}"

    if start // 1440 == (end - 1) // 1440 and end % 1440:  # within one day
        return f"{at(start)}–{end % 1440 // 60:02d}:{end % 60:02d}"
    return f"{at(start)}–{at(end)}"
