"""The review model: due dates, status boundaries, owners and the outdated-quiz flag.

Dates are always passed in, never read from the clock.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from escalation_handbook.folder import load_handbook
from escalation_handbook.model.durations import parse
from escalation_handbook.review import (
    ReviewRecord,
    counts,
    months_before,
    review_records,
    status_for,
    warning_starts,
)

D = date.fromisoformat


# --- due dates: months as people count them ---------------------------------------------------


@pytest.mark.parametrize(("reviewed", "every", "due"), [
    ("2026-08-31", "6 months", "2027-02-28"),  # 31 August + 6 months = 28 February
    ("2027-08-31", "6 months", "2028-02-29"),  # … 29 February in a leap year
    ("2028-02-29", "1 year", "2029-02-28"),  # a leap day + 1 year
    ("2028-02-29", "4 years", "2032-02-29"),
    ("2026-01-31", "1 month", "2026-02-28"),
    ("2026-03-31", "1 month", "2026-04-30"),
    ("2026-12-31", "2 months", "2027-02-28"),
    ("2026-01-15", "6 months", "2026-07-15"),
    ("2026-11-30", "3 months", "2027-02-28"),
    ("2026-01-01", "90 days", "2026-04-01"),
    ("2028-02-01", "4 weeks", "2028-02-29"),
])
def test_due_dates(reviewed: str, every: str, due: str) -> None:
    assert parse(every).after(D(reviewed)) == D(due)


@pytest.mark.parametrize(("day", "months", "expected"), [
    ("2027-03-31", 1, "2027-02-28"),
    ("2028-03-31", 1, "2028-02-29"),
    ("2027-01-15", 2, "2026-11-15"),
    ("2029-02-28", 12, "2028-02-28"),
    ("2026-08-31", 6, "2026-02-28"),
])
def test_months_before(day: str, months: int, expected: str) -> None:
    assert months_before(D(day), months) == D(expected)


# --- status boundaries -------------------------------------------------------------------------


@pytest.mark.parametrize(("warn", "first_day"), [
    ("30 days", "2027-01-29"),
    ("1 day", "2027-02-27"),
    ("0 days", "2027-02-28"),
    ("2 weeks", "2027-02-14"),
    ("1 month", "2027-01-28"),
    ("3 months", "2026-11-28"),
    ("1 year", "2026-02-28"),
])
def test_status_boundaries(warn: str, first_day: str) -> None:
    due, warn_before = D("2027-02-28"), parse(warn)
    start = D(first_day)
    assert warning_starts(due, warn_before) == start
    before = date.fromordinal(start.toordinal() - 1)
    assert status_for(due, warn_before, before) == "ok"  # the day before the window
    assert status_for(due, warn_before, start) == "due-soon"  # its first day
    assert status_for(due, warn_before, due) == "due-soon"  # the due day itself
    assert status_for(due, warn_before, D("2027-03-01")) == "overdue"  # the day after


def test_warning_window_in_months_clamps_the_day() -> None:
    # due 31 March: a month before is 28 February (29 in a leap year)
    assert warning_starts(D("2027-03-31"), parse("1 month")) == D("2027-02-28")
    assert status_for(D("2027-03-31"), parse("1 month"), D("2027-02-27")) == "ok"
    assert status_for(D("2027-03-31"), parse("1 month"), D("2027-02-28")) == "due-soon"
    assert warning_starts(D("2028-03-31"), parse("1 month")) == D("2028-02-29")


def test_warn_before_in_hours_only_warns_on_the_due_day() -> None:
    assert warning_starts(D("2027-02-28"), parse("12 hours")) == D("2027-02-28")


# --- records from a handbook --------------------------------------------------------------------

SETTINGS = """\
title: T
organisation: O
review:
  every: 6 months
  warn_before: {warn}
severities:
  - id: sev1
    name: Critical
    description: Down.
    respond_within: 15 minutes
"""

CONTACTS = """\
contacts:
  - id: dpo
    name: Data Protection Officer
    type: role
    email: dpo@example.com
    phone: "+44 20 7946 0001"
  - id: ops
    name: Ops lead
    type: person
    phone: "+44 20 7946 0000"
    chat: "#ops"
  - id: chatty
    name: Chat only
    type: team
    chat: "#chatty"
"""


def _playbook(owner: str, reviewed: str, extra: str = "") -> str:
    return (f"title: Playbook of {owner}\nsummary: S.\nowner: {owner}\n"
            f"last_reviewed: {reviewed}\n{extra}"
            "triggers:\n  - {id: t, name: T, severity: sev1, pathway: p}\n"
            f"pathways:\n  - id: p\n    name: P\n    steps:\n      - contacts: [{owner}]\n")


def _quiz(playbooks: str, reviewed: str, extra: str = "") -> str:
    return (f"title: Quiz\nplaybooks: [{playbooks}]\n{extra}last_reviewed: {reviewed}\n"
            "questions:\n  - {question: Q?, answer: true}\n")


def make(root: Path, files: dict[str, str], warn: str = "30 days") -> Path:
    files = {"playbooks/handbook.yaml": SETTINGS.format(warn=warn),
             "playbooks/contacts.yaml": CONTACTS, **files}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def records(root: Path, today: str) -> list[ReviewRecord]:
    handbook = load_handbook(root)
    assert handbook.problems == []
    return review_records(handbook, D(today))


def by_id(found: list[ReviewRecord]) -> dict[str, ReviewRecord]:
    return {r.id: r for r in found}


def test_a_playbook_record(tmp_path: Path) -> None:
    make(tmp_path, {"playbooks/security/breach.yaml": _playbook("dpo", "2026-08-31")})
    [record] = records(tmp_path, "2027-02-15")
    assert record == ReviewRecord(
        id="breach", kind="playbook", title="Playbook of dpo",
        path="playbooks/security/breach.yaml", line=4, col=16,
        owner_id="dpo", owner_name="Data Protection Officer", owner_email="dpo@example.com",
        owner_phone="+44 20 7946 0001", owner_chat=None,
        last_reviewed=D("2026-08-31"), review_every="6 months", due=D("2027-02-28"),
        warn_from=D("2027-01-29"), status="due-soon", days_overdue=0,
    )
    assert record.owner_reach == "dpo@example.com"
    assert record.owner_label == "Data Protection Officer <dpo@example.com>"
    assert record.warn_days == 30
    assert record.needs_review


@pytest.mark.parametrize(("today", "status", "days"), [
    ("2027-01-28", "ok", 0),  # the day before the warning window
    ("2027-01-29", "due-soon", 0),  # its first day
    ("2027-02-28", "due-soon", 0),  # the due day itself
    ("2027-03-01", "overdue", 1),  # the day after the due date
    ("2027-03-31", "overdue", 31),
])
def test_record_status_and_days_overdue(tmp_path: Path, today: str, status: str,
                                        days: int) -> None:
    make(tmp_path, {"playbooks/security/breach.yaml": _playbook("dpo", "2026-08-31")})
    [record] = records(tmp_path, today)
    assert (record.status, record.days_overdue) == (status, days)


def test_leap_year_due_date(tmp_path: Path) -> None:
    make(tmp_path, {"playbooks/a/leap.yaml": _playbook("ops", "2027-08-31"),
                    "playbooks/a/leap-day.yaml": _playbook("ops", "2028-02-29",
                                                           "review_every: 1 year\n")})
    found = by_id(records(tmp_path, "2028-03-01"))
    assert found["leap"].due == D("2028-02-29")
    assert (found["leap"].status, found["leap"].days_overdue) == ("overdue", 1)
    assert found["leap-day"].due == D("2029-02-28")
    assert found["leap-day"].review_every == "1 year"


@pytest.mark.parametrize(("warn", "warn_from"), [
    ("10 days", "2027-02-18"), ("2 weeks", "2027-02-14"), ("1 month", "2027-01-28"),
])
def test_warn_before_in_any_unit(tmp_path: Path, warn: str, warn_from: str) -> None:
    make(tmp_path, {"playbooks/a/x.yaml": _playbook("ops", "2026-08-31")}, warn=warn)
    [record] = records(tmp_path, "2027-02-01")
    assert record.warn_from == D(warn_from)
    assert record.status == ("due-soon" if D(warn_from) <= D("2027-02-01") else "ok")


def test_sorted_by_due_date_then_path(tmp_path: Path) -> None:
    make(tmp_path, {
        "playbooks/b/late.yaml": _playbook("ops", "2026-06-01"),
        "playbooks/b/same-day.yaml": _playbook("ops", "2026-03-01"),
        "playbooks/a/same-day.yaml": _playbook("ops", "2026-03-01", "id: first\n"),
        "playbooks/a/early.yaml": _playbook("ops", "2026-03-01", "review_every: 1 month\n"),
        "quizzes/q.yaml": _quiz("late", "2026-06-01"),
    })
    found = records(tmp_path, "2026-06-02")
    assert [(r.due.isoformat(), r.path) for r in found] == [
        ("2026-04-01", "playbooks/a/early.yaml"),
        ("2026-09-01", "playbooks/a/same-day.yaml"),
        ("2026-09-01", "playbooks/b/same-day.yaml"),
        ("2026-12-01", "playbooks/b/late.yaml"),
        ("2026-12-01", "quizzes/q.yaml"),
    ]
    assert counts(found) == {"overdue": 1, "due-soon": 0, "ok": 4}


def test_quiz_owner_defaults_to_its_first_playbooks_owner(tmp_path: Path) -> None:
    make(tmp_path, {
        "playbooks/a/mine.yaml": _playbook("ops", "2026-06-01"),
        "playbooks/a/theirs.yaml": _playbook("dpo", "2026-06-01"),
        "quizzes/default.yaml": _quiz("mine, theirs", "2026-06-01"),
        "quizzes/explicit.yaml": _quiz("mine", "2026-06-01", "owner: chatty\n"),
    })
    found = by_id(records(tmp_path, "2026-06-02"))
    assert found["default"].owner_id == "ops"
    assert found["default"].owner_label == "Ops lead (+44 20 7946 0000)"
    assert found["explicit"].owner_id == "chatty"
    assert found["explicit"].owner_reach == "#chatty"
    assert found["explicit"].owner_label == "Chat only (#chatty)"
    assert found["explicit"].kind == "quiz"
    assert found["explicit"].review_every == "6 months"


def test_owner_not_in_contacts(tmp_path: Path) -> None:
    make(tmp_path, {"playbooks/a/x.yaml": _playbook("ghost", "2026-06-01")})
    [record] = review_records(load_handbook(tmp_path), D("2026-06-02"))
    assert (record.owner_id, record.owner_name, record.owner_email) == ("ghost", None, None)
    assert record.owner_reach is None
    assert record.owner_label == "ghost (not in contacts)"


def test_quiz_of_a_broken_playbook_has_no_owner(tmp_path: Path) -> None:
    make(tmp_path, {"playbooks/a/broken.yaml": "title: [\n",
                    "quizzes/q.yaml": _quiz("broken", "2026-06-01")})
    handbook = load_handbook(tmp_path)
    [record] = review_records(handbook, D("2026-06-02"))
    assert (record.id, record.owner_id, record.owner_label) == ("q", None, "(no owner)")


def test_quiz_reviewed_before_its_playbook_is_possibly_outdated(tmp_path: Path) -> None:
    make(tmp_path, {
        "playbooks/a/newer.yaml": _playbook("ops", "2026-05-02"),
        "playbooks/a/older.yaml": _playbook("ops", "2026-04-01"),
        "playbooks/a/same.yaml": _playbook("ops", "2026-05-01"),
        "quizzes/stale.yaml": _quiz("older, newer, same", "2026-05-01"),
        "quizzes/fresh.yaml": _quiz("older, same", "2026-05-01"),
    })
    found = by_id(records(tmp_path, "2026-06-01"))
    stale = found["stale"]
    assert stale.possibly_outdated
    assert stale.outdated_by == ("newer",)
    assert stale.note == ("possibly out of date: playbook newer (2026-05-02) reviewed after "
                          "this quiz (2026-05-01)")
    assert stale.status == "ok"  # the status still comes from the quiz's own dates
    assert stale.needs_review
    fresh = found["fresh"]  # reviewed the same day as its newest playbook: fine
    assert (fresh.possibly_outdated, fresh.outdated_by, fresh.note) == (False, (), "")
    assert not fresh.needs_review
    assert not any(r.possibly_outdated for r in found.values() if r.kind == "playbook")


def test_a_questions_playbook_counts_too(tmp_path: Path) -> None:
    make(tmp_path, {
        "playbooks/a/main.yaml": _playbook("ops", "2026-01-01"),
        "playbooks/a/other.yaml": _playbook("dpo", "2026-03-01"),
        "playbooks/a/third.yaml": _playbook("dpo", "2026-04-01"),
        "quizzes/q.yaml": "title: Quiz\nplaybooks: [main, other]\nlast_reviewed: 2026-02-01\n"
                          "questions:\n  - {question: Q?, answer: true, playbook: third}\n",
    })
    [quiz] = [r for r in review_records(load_handbook(tmp_path), D("2026-06-01"))
              if r.kind == "quiz"]
    assert quiz.outdated_by == ("other", "third")
    assert quiz.note.startswith("possibly out of date: playbooks other (2026-03-01), third "
                                "(2026-04-01) reviewed after")


def test_without_settings_the_defaults_apply(tmp_path: Path) -> None:
    make(tmp_path, {"playbooks/a/x.yaml": _playbook("ops", "2026-01-31")})
    (tmp_path / "playbooks" / "handbook.yaml").unlink()
    [record] = review_records(load_handbook(tmp_path), D("2026-07-01"))
    assert (record.due, record.warn_from, record.status) == (
        D("2026-07-31"), D("2026-07-01"), "due-soon")


def test_an_empty_handbook_has_no_records(tmp_path: Path) -> None:
    make(tmp_path, {})
    assert records(tmp_path, "2026-07-01") == []
    assert counts([]) == {"overdue": 0, "due-soon": 0, "ok": 0}


# --- formats helpers ----------------------------------------------------------------------------


def _record(status: str, **changes: object) -> ReviewRecord:
    base = dict(id="x", kind="playbook", title="X", path="playbooks/a/x.yaml", line=4, col=16,
                owner_id="ops", owner_name="Ops lead", owner_email=None,
                owner_phone="+44 20 7946 0000", owner_chat=None, last_reviewed=D("2026-01-01"),
                review_every="6 months", due=D("2026-07-01"), warn_from=D("2026-06-01"),
                status=status, days_overdue=3 if status == "overdue" else 0)
    return ReviewRecord(**{**base, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(("statuses", "fail_on", "expected"), [
    (["ok"], "overdue", False), (["ok"], "due-soon", False), (["ok"], "never", False),
    (["ok", "due-soon"], "overdue", False), (["ok", "due-soon"], "due-soon", True),
    (["ok", "due-soon"], "never", False),
    (["overdue"], "overdue", True), (["overdue"], "due-soon", True), (["overdue"], "never", False),
    ([], "due-soon", False),
])
def test_fails(statuses: list[str], fail_on: str, expected: bool) -> None:
    from escalation_handbook.review.formats import fails

    assert fails([_record(s) for s in statuses], fail_on) is expected


def test_markdown_escapes_titles() -> None:
    from escalation_handbook.review.formats import markdown

    out = markdown([_record("overdue", title="*Urgent* [draft] <b>")], D("2026-07-04"))
    assert r"**\*Urgent\* \[draft\] \<b\>**" in out
    assert "overdue by 3 days (due 2026-07-01)" in out


def test_github_escapes_workflow_command_syntax() -> None:
    from escalation_handbook.review.formats import github

    out = github([_record("due-soon", title="50% done\nnext", path="a,b:c.yaml")],
                 D("2026-07-01"), "never")
    first = out.splitlines()[0]
    assert first.startswith("::warning file=a%2Cb%3Ac.yaml,line=4,title=review due soon::")
    assert "50%25 done%0Anext (playbook x) is due today (2026-07-01)" in first
