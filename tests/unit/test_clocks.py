"""Regulator clocks: the arithmetic of every shipped clock, on real calendars and time zones.

Each case is a moment an incident could start and the due times the law gives, worked out by
hand from the calendar (weekends, bank holidays, summer time, short months).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from escalation_handbook.clocks import library, library_clock
from escalation_handbook.model.timing import (
    WithinError,
    add,
    due_times,
    holiday_years,
    parse_within,
    public_holidays,
    shortest_offsets,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
UTC = ZoneInfo("UTC")


def at(text: str, zone: ZoneInfo = LONDON) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def due(name: str, events: dict[str, datetime], country: str | None = None
        ) -> dict[str, datetime | None]:
    clock = library_clock(name, country)
    code = clock.country
    holidays = public_holidays(code, (2026, 2027)) if code else frozenset()
    return due_times(clock.rules, events, holidays)


def test_every_library_clock_resolves_and_cites_its_source() -> None:
    assert sorted(library()) == ["dora", "eu-whistleblowing", "gdpr-art-33", "gdpr-art-34",
                                 "hipaa", "nis2", "riddor", "riddor-over-7-day", "sec-8k"]
    for name, clock in library().items():
        resolved = library_clock(name)
        assert clock.source and clock.legal and clock.name, name
        assert resolved.stages and all(s.source and s.within for s in resolved.stages), name


def test_gdpr_art_33_counts_72_elapsed_hours_across_the_change_to_summer_time() -> None:
    # Aware on Friday 27 March 2026 at 16:00 GMT; the clocks go forward on Sunday 29 March.
    found = due("gdpr-art-33", {"aware": at("2026-03-27T16:00")})
    assert found["authority"] == at("2026-03-30T17:00")  # 17:00 BST is 16:00 GMT + 72 h


def test_gdpr_art_34_has_no_fixed_due_time() -> None:
    assert due("gdpr-art-34", {"aware": at("2026-03-27T16:00")}) == {"people": None}


def test_nis2_final_report_is_a_month_after_the_notification_clamped_to_february() -> None:
    found = due("nis2", {"aware": at("2026-01-29T10:00", UTC)})
    assert found == {"early-warning": at("2026-01-30T10:00", UTC),
                     "notification": at("2026-02-01T10:00", UTC),
                     "final-report": at("2026-03-01T10:00", UTC)}
    found = due("nis2", {"aware": at("2026-01-28T10:00", UTC)})
    assert found["notification"] == at("2026-01-31T10:00", UTC)
    assert found["final-report"] == at("2026-02-28T10:00", UTC)  # 31 January + 1 month


def test_dora_initial_report_4_hours_from_classification_unless_the_24_hour_cap_bites() -> None:
    aware = at("2026-05-01T09:00", UTC)
    early = due("dora", {"aware": aware, "classified-major": at("2026-05-01T22:00", UTC)})
    assert early["initial"] == at("2026-05-02T02:00", UTC)
    late = due("dora", {"aware": aware, "classified-major": at("2026-05-02T07:00", UTC)})
    assert late["initial"] == at("2026-05-02T09:00", UTC)  # 24 h from awareness comes first
    assert late["intermediate"] == at("2026-05-05T09:00", UTC)
    assert late["final"] == at("2026-06-05T09:00", UTC)


def test_dora_before_classification_only_the_cap_is_known() -> None:
    found = due("dora", {"aware": at("2026-05-01T09:00", UTC)})
    assert found["initial"] == at("2026-05-02T09:00", UTC)


def test_sec_8k_four_business_days_skip_thanksgiving_and_the_weekend() -> None:
    # Decided on Wednesday 25 November 2026; Thursday 26 is Thanksgiving.
    found = due("sec-8k", {"materiality-decision": at("2026-11-25T15:00", NEW_YORK)})
    assert found["form-8k"] == at("2026-12-02T15:00", NEW_YORK)  # Fri, Mon, Tue, Wed


def test_business_days_in_england_skip_christmas_and_the_boxing_day_substitute() -> None:
    # From Wednesday 23 December 2026: Thu 24 (1), Fri 25 and Mon 28 are bank holidays,
    # Tue 29 (2), Wed 30 (3), Thu 31 (4).
    found = due("sec-8k", {"materiality-decision": at("2026-12-23T11:00")}, country="GB-ENG")
    assert found["form-8k"] == at("2026-12-31T11:00")


def test_hipaa_60_calendar_days_from_discovery() -> None:
    assert due("hipaa", {"discovery": at("2026-01-15T09:00", NEW_YORK)}) == {
        "individuals": at("2026-03-16T09:00", NEW_YORK)}


def test_riddor_notify_at_once_report_in_10_days_and_over_7_day_injuries_in_15() -> None:
    accident = {"accident": at("2026-02-20T14:30")}
    assert due("riddor", accident) == {"notify": None, "report": at("2026-03-02T14:30")}
    assert due("riddor-over-7-day", accident) == {"report": at("2026-03-07T14:30")}


def test_whistleblowing_feedback_three_months_after_the_acknowledgement_is_due() -> None:
    found = due("eu-whistleblowing", {"report-received": at("2026-11-24T10:00")})
    assert found == {"acknowledge": at("2026-12-01T10:00"),
                     "feedback": at("2027-03-01T10:00")}


def test_a_stage_counted_from_an_event_not_yet_known_has_no_due_time() -> None:
    assert due("sec-8k", {"aware": at("2026-11-25T15:00")}) == {"form-8k": None}


def test_shortest_offsets_are_what_a_check_can_count_on() -> None:
    assert shortest_offsets(library_clock("nis2").rules) == {
        "early-warning": 24 * 60, "notification": 72 * 60,
        "final-report": 72 * 60 + 28 * 1440}
    assert shortest_offsets(library_clock("dora").rules)["initial"] == 4 * 60
    assert shortest_offsets(library_clock("sec-8k").rules) == {"form-8k": 4 * 1440}
    assert shortest_offsets(library_clock("riddor").rules)["notify"] is None


@pytest.mark.parametrize(("text", "unit", "amount", "counting"), [
    ("72 hours", "hour", 72, "elapsed"),
    ("4 business days", "business_day", 4, "business"),
    ("10 Working Days", "business_day", 10, "business"),
    ("1 month", "month", 1, "calendar"),
    ("Without undue delay", None, None, "asap"),
])
def test_time_limits_as_people_write_them(text: str, unit: str | None, amount: int | None,
                                          counting: str) -> None:
    within = parse_within(text)
    assert (within.unit, within.amount, within.counting) == (unit, amount, counting)


def test_a_time_limit_that_is_none_says_how_to_write_one() -> None:
    with pytest.raises(WithinError, match="'4 business days'"):
        parse_within("four days")


def test_adding_a_week_keeps_the_time_of_day_across_summer_time() -> None:
    within = parse_within("1 week")
    assert add(at("2026-10-20T09:00"), within) == at("2026-10-27T09:00")  # GMT after BST


def test_the_site_carries_this_year_and_the_next_two() -> None:
    assert holiday_years(date(2026, 11, 28)) == (2026, 2027, 2028)
    assert date(2028, 12, 25) in public_holidays("GB", holiday_years(date(2026, 11, 28)))


def test_a_country_or_region_without_known_holidays_is_reported_at_its_line(tmp_path) -> None:
    from support import build

    from escalation_handbook.folder import load_handbook

    root = build(None, tmp_path)
    settings = root / "playbooks/handbook.yaml"
    lines = settings.read_text().splitlines()
    settings.write_text("\n".join([*lines, "country: GB-XYZ", "time_zone: Europe/Londres"]) + "\n")
    found = [(p.line, p.code, p.message) for p in load_handbook(root).problems]
    assert found == [
        (len(lines) + 1, "invalid-value",
         "'XYZ' is not a region of GB (known: ENG, NIR, SCT, WLS)"),
        (len(lines) + 2, "invalid-value",
         "'Europe/Londres' is not a time zone: write an IANA name, such as 'Europe/London' or "
         "'America/New_York'"),
    ]


def test_a_stage_notifying_an_unknown_contact_is_reported_at_its_line(tmp_path) -> None:
    from datetime import date

    from support import build

    from escalation_handbook.checks import check
    from escalation_handbook.folder import load_handbook

    root = build(None, tmp_path)
    path = root / "playbooks/general/service-outage.yaml"
    text = path.read_text()
    path.write_text(text.replace("notify: duty-manager", "notify: duty-manger"))
    line = text.splitlines().index("          notify: duty-manager") + 1
    found = [(p.line, p.code, p.message) for p in check(load_handbook(root), date(2026, 6, 1))]
    assert found == [(line, "unknown-contact", "unknown contact 'duty-manger': did you mean "
                      "'duty-manager'? (contacts are listed in playbooks/contacts.yaml)")]
