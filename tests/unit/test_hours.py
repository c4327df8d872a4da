"""Working hours as people write them, who is on duty when, and the cover of a step."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support import build

from escalation_handbook.clocks.coverage import Coverage
from escalation_handbook.folder import load_handbook
from escalation_handbook.model.hours import (
    WEEK,
    HoursError,
    gaps,
    on_duty,
    parse,
    shift,
    window_text,
    zone_shift,
)

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(("text", "kind", "first", "zone", "holidays_off"), [
    ("24/7", "always", None, None, False),
    ("24/7 Europe/London", "always", None, "Europe/London", False),
    ("Mon-Fri 08:00-18:00 Europe/London", "weekly", (480, 1080), "Europe/London", False),
    ("Mon-Fri 08:00-18:00, Sat 09:00-13:00 Europe/London; public holidays off", "weekly",
     (480, 1080), "Europe/London", True),
    ("Monday to Friday, 08:00 to 18:00", "weekly", (480, 1080), None, False),
    ("Mon\u2013Fri 09:00\u201317:00", "weekly", (540, 1020), None, False),
    ("09:00-17:30", "weekly", (540, 1050), None, False),  # every day
    ("Sun 22:00-06:00", "weekly", (0, 360), None, False),  # over Sunday midnight
    ("Online form, any time", "free", None, None, False),
])
def test_hours_as_people_write_them(text: str, kind: str, first: tuple[int, int] | None,
                                    zone: str | None, holidays_off: bool) -> None:
    hours = parse(text)
    assert (hours.kind, hours.zone, hours.holidays_off) == (kind, zone, holidays_off)
    if first:
        assert hours.ranges[0] == first


@pytest.mark.parametrize(("text", "message"), [
    ("Mon-Fro 08:00-18:00", "'Fro' in 'Mon-Fro 08:00-18:00' is not a day"),
    ("Mon-Fri 08:00-25:00", "'25:00' in 'Mon-Fri 08:00-25:00' is not a time of day"),
    ("Mon-Fri", "'Mon-Fri' has days but no times"),
    ("Mon-Fri 08:00-18:00 Europe/Londn", "'Europe/Londn' is not a time zone"),
    ("24/7 by phone", "'24/7' stands alone"),
    ("Mon 08:00-18:00 Europe/London, Tue 08:00-18:00 Europe/Paris", "names 2 time zones"),
    ("Mon-Fri 08:00-08:00", "starts and ends at the same time"),
])
def test_hours_that_start_like_hours_but_are_not_say_why(text: str, message: str) -> None:
    with pytest.raises(HoursError, match=message.replace("(", r"\(")):
        parse(text)


def test_on_duty_reads_the_moment_in_the_contacts_zone_and_their_holidays() -> None:
    hours = parse("Mon-Fri 09:00-17:30 Europe/London; public holidays off")
    tuesday_9 = datetime(2026, 7, 7, 8, 30, tzinfo=ZoneInfo("UTC"))  # 09:30 BST
    assert on_duty(hours, tuesday_9, "Europe/London")
    assert not on_duty(hours, datetime(2026, 7, 7, 17, 0, tzinfo=ZoneInfo("UTC")),
                       "Europe/London")  # 18:00 BST
    boxing_day_observed = datetime(2026, 12, 28, 10, 0, tzinfo=LONDON)  # a Monday
    assert not on_duty(hours, boxing_day_observed, "Europe/London",
                       frozenset({date(2026, 12, 28)}))


def test_gaps_name_the_window_over_the_weekend_and_wrap_round_sunday_midnight() -> None:
    weekdays = parse("Mon-Fri 08:00-18:00").mask()
    found = gaps(weekdays)
    assert [window_text(*g) for g in found][-1] == "Friday 18:00–Monday 08:00"
    assert window_text(*found[0]) == "Monday 18:00–Tuesday 08:00"
    assert window_text(480, 1080) == "Monday 08:00–18:00"
    assert gaps(parse("24/7").mask()) == []
    assert window_text(*gaps(0)[0]) == "all week"


def test_a_mask_moves_between_zones_by_their_difference_that_week() -> None:
    assert zone_shift("America/New_York", "Europe/London", date(2026, 1, 12)) == 300
    assert zone_shift("America/New_York", "Europe/London", date(2026, 3, 16)) == 240  # US first
    late = parse("Sun 23:00-24:00").mask()
    assert gaps(shift(late, 120)) == [(120, WEEK + 60)]  # on duty Monday 01:00-02:00 only
    assert shift(late, WEEK) == late


def _handbook(tmp_path: Path, it_hours: str, manager_hours: str):
    root = build(None, tmp_path)
    contacts = root / "playbooks/contacts.yaml"
    text = contacts.read_text().replace("    hours: 24/7\n    backup: duty-manager",
                                        f"    hours: {it_hours}\n    backup: duty-manager")
    text = text.replace("    hours: 24/7\n    backup: it-oncall",
                        f"    hours: {manager_hours}\n    backup: it-oncall")
    contacts.write_text(text)
    return load_handbook(root)


def test_a_step_is_covered_by_its_contacts_and_their_backups(tmp_path: Path) -> None:
    handbook = _handbook(tmp_path, "Mon-Fri 08:00-18:00 Europe/London",
                         "Mon-Fri 18:00-08:00 Europe/London")
    cover = Coverage(handbook, date(2026, 6, 1))
    assert cover.chain("it-oncall") == (("it-oncall", "duty-manager"), "it-oncall")
    assert [window_text(*g) for g in cover.gaps(["it-oncall"])] == [
        "Saturday 08:00–Monday 08:00"]
    assert cover.answering(["it-oncall"], 9 * 60) == ["it-oncall"]
    assert cover.answering(["it-oncall"], 20 * 60) == ["duty-manager"]
    assert cover.answering(["it-oncall"], 5 * 1440 + 12 * 60) == []


def test_hours_in_another_zone_are_read_in_the_handbooks(tmp_path: Path) -> None:
    handbook = _handbook(tmp_path, "Mon-Fri 08:00-18:00 Europe/London",
                         "Mon-Fri 08:00-18:00 America/New_York")
    cover = Coverage(handbook, date(2026, 1, 12))
    # New York's 08:00-18:00 is London's 13:00-23:00 in January
    assert cover.answering(["it-oncall"], 22 * 60) == ["duty-manager"]
    assert window_text(*cover.gaps(["it-oncall"])[0]) == "Monday 23:00–Tuesday 08:00"
