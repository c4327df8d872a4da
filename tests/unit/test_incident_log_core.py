"""The incident log's core: each deadline judged from the events, the record it writes, and
reading logs that are broken, foreign, older or for a playbook that has changed since."""

from __future__ import annotations

import json

import pytest

from escalation_handbook.incident_log import LogError, read_log, summarise
from escalation_handbook.incident_log.compare import summarise_against
from escalation_handbook.incident_log.report import markdown
from escalation_handbook.incident_log.text import span, warn_minutes
from tests.incident_logs import EVENTS, breach_log, sample


@pytest.fixture(scope="module")
def handbook():
    return sample()


def results(log: dict) -> dict[str, tuple[str, int | None]]:
    summary = summarise(read_log(json.dumps(log)))
    return {o.deadline.id: (o.status, o.delta) for o in summary.outcomes}


@pytest.mark.parametrize(("minutes", "text"), [
    (0, "under 1 min"), (1, "1 min"), (59, "59 min"), (60, "1 h"), (61, "1 h 1 min"),
    (4272, "71 h 12 min"), (4 * 1440 - 1, "95 h 59 min"), (4 * 1440, "4 d"),
    (5 * 1440 + 185, "5 d 3 h"), (-12, "12 min")])
def test_spans_read_as_hours_up_to_four_days(minutes, text):
    assert span(minutes) == text


def test_deadlines_turn_amber_a_tenth_before_within_bounds():
    assert [warn_minutes(m) for m in (15, 240, 4320, 60 * 24 * 30)] == [5, 24, 432, 720]


def test_each_deadline_is_judged_from_the_events(handbook):
    assert results(breach_log(handbook, EVENTS, closed_at="2026-12-04T12:00:00+00:00")) == {
        "respond": ("met", 4),          # first call 14:16, due 14:20
        "ack-1": ("met", 1),            # 14:18:30, due 14:20: whole minutes
        "step-2": ("missed", 15),       # DPO tried at 14:50, due 14:35
        "ack-2": ("met", 4),            # CISO at 15:01, due 15:05
        "step-3": ("skipped", None),    # due 18:05, closed two days later, nobody called
        "step-4": ("not_needed", None),  # due 14:05 on the 4th, closed at 12:00
        "uk-gdpr-article-33": ("met", 1685),  # 10:00 on the 4th, due 14:05 on the 5th
    }


def test_an_open_log_is_judged_as_of_its_export(handbook):
    log = breach_log(handbook, EVENTS[:2], exported_at="2026-12-02T14:40:00+00:00")
    found = results(log)
    assert found["step-2"] == ("skipped", None)
    assert found["ack-2"] == ("open", None)
    assert found["uk-gdpr-article-33"] == ("open", None)


def test_closed_early_a_later_deadline_was_not_needed(handbook):
    log = breach_log(handbook, [*EVENTS[:2], {"at": "2026-12-02T14:25:00+00:00",
                                              "kind": "closed"}],
                     closed_at="2026-12-02T14:25:00+00:00")
    found = results(log)
    assert found["step-2"] == ("not_needed", None)
    assert found["uk-gdpr-article-33"] == ("not_needed", None)


def test_the_record(handbook):
    log = breach_log(handbook, EVENTS, closed_at="2026-12-04T12:00:00+00:00")
    text = markdown(summarise(read_log(json.dumps(log))))
    assert "- **Severity:** SEV1 Critical, changed to SEV2\n" in text
    assert ("| Step 2 reached: Data Protection Officer; Priya Raman, Chief Information Security "
            "Officer | 2026-12-02 14:35 | missed by 15 min (2026-12-02 14:50) |") in text
    assert ("| 2026-12-02 14:18 | 13 min | Security on-call analyst acknowledged (step 1): "
            "on it \\| joining the bridge |") in text
    assert "| Data Protection Officer | — | — | 2026-12-02 14:50 |" in text
    assert "- Did not answer: Data Protection Officer\n" in text
    assert "- **Closed:** 2026-12-04 12:00 (45 h 55 min after becoming aware)\n" in text


def test_times_are_written_in_the_offset_we_became_aware_in(handbook):
    log = breach_log(handbook, [{"at": "2026-12-02T15:16:00+01:00", "kind": "called",
                                 "step": 1, "contact": "security-oncall"}])
    text = markdown(summarise(read_log(json.dumps(log))))
    assert "| 2026-12-02 14:16 | 11 min | Called Security on-call analyst (step 1) |" in text


@pytest.mark.parametrize(("text", "message"), [
    ("", "not JSON (Expecting value at line 1 column 1)"),
    ("[1, 2]", 'not an incident log: it has no "format": "escalation-handbook/incident-log"'),
    ('{"format": "escalation-handbook/incident-log", "version": 9}',
     "version 9 is not one this handbook reads (1, 2): update escalation-handbook"),
    ('{"format": "escalation-handbook/incident-log", "version": 2}', "id: Field required"),
])
def test_what_is_not_a_log_says_why(text, message):
    with pytest.raises(LogError) as caught:
        read_log(text)
    assert str(caught.value) == message


def test_a_bad_time_is_named_where_it_is(handbook):
    log = breach_log(handbook, [{"at": "tomorrow", "kind": "note"}])
    with pytest.raises(LogError) as caught:
        read_log(json.dumps(log))
    assert str(caught.value) == (
        "events.0.at: 'tomorrow' is not a time: write it as 2026-12-02T14:05:00+01:00")


def test_a_version_1_log_takes_the_plan_of_the_playbook_now(handbook):
    log = breach_log(handbook, EVENTS, closed_at="2026-12-04T12:00:00+00:00")
    older = {k: v for k, v in log.items() if k not in ("plan", "contacts")} | {"version": 1}
    summary = summarise_against(read_log(json.dumps(older)), handbook)
    assert summary.notes == ["This log (version 1) does not carry its plan: the deadlines are "
                             "those of the playbook as it is now."]
    assert [(o.deadline.id, o.status) for o in summary.outcomes] == [
        (o.deadline.id, o.status) for o in summarise(read_log(json.dumps(log))).outcomes]
    with pytest.raises(ValueError, match="needs the handbook"):
        summarise_against(read_log(json.dumps(older)), None)


def test_each_stage_of_a_clock_is_a_deadline_notified_apart(tmp_path):
    from escalation_handbook.clocks import playbook_clocks
    from escalation_handbook.incident_log.plan import playbook_plan
    from escalation_handbook.pipeline import load_folder
    from tests.support import copy_sample

    root = copy_sample(tmp_path / "hb")
    path = root / "playbooks" / "security" / "data-breach.yaml"
    text = path.read_text()
    text = text.replace("compliance:\n", "compliance:\n  - name: NIS2 Article 23\n"
                        "    requirement: Report a significant incident.\n"
                        "    clock: {use: nis2}\n  - name: SEC Form 8-K\n"
                        "    requirement: Disclose a material incident.\n"
                        "    clock: {use: sec-8k}\n", 1)
    path.write_text(text)
    handbook = load_folder(root)
    doc = next(d for d in handbook.playbooks if d.id == "data-breach")
    plan = playbook_plan(doc.model, handbook.contact_index, playbook_clocks(handbook, doc))
    found = {d["id"]: (d["minutes"], d["obligation"]) for d in plan["obligation_deadlines"]}
    assert found["nis2-article-23-early-warning"] == (24 * 60, "nis2-article-23-early-warning")
    assert found["nis2-article-23-notification"] == (72 * 60, "nis2-article-23-notification")
    # four business days are never fewer than four calendar days: the countdown is not late
    sec = [m for ident, (m, _) in found.items() if ident.startswith("sec-form-8-k")]
    assert sec and min(sec) >= 4 * 24 * 60
    names = {o["id"]: o["name"] for o in plan["obligations"]}
    assert names["nis2-article-23-early-warning"] == "NIS2 Article 23: Early warning"

    log = breach_log(handbook, [], closed_at="2026-12-20T12:00:00+00:00")
    from escalation_handbook.incident_log.plan import incident_plan
    severities = {s.id: s for s in handbook.settings.model.severities}
    log["plan"] = incident_plan(plan, "breach-escalation", severities["sev1"])
    log["events"] = [{"id": "e1", "at": "2026-12-03T10:00:00+00:00",
                      "kind": "regulator_notified", "obligation": "nis2-article-23-early-warning"}]
    got = results(log)
    assert got["nis2-article-23-early-warning"] == ("met", 245)
    assert got["nis2-article-23-notification"] == ("not_recorded", None)
