"""The incident log page on the sample handbook's real build, in chromium with a faked clock:
a log started 10 minutes after becoming aware, countdowns crossing each deadline, calls and
acknowledgements, a reload, the exports (Markdown compared with an expected file and with
`handbook log summary` on the exported JSON), an import into a fresh browser, keyboard-only
use, axe, a phone's screen, no JavaScript, file://, and the start links of the other pages.

Set HANDBOOK_UPDATE_EXPECTED=1 to rewrite the expected record after a deliberate change.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import axe_violations, built_site, copy_sample

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HANDBOOK = Path(sys.executable).with_name("handbook")
REPO = Path(__file__).resolve().parents[2]
EXPECTED = Path(__file__).parent / "fixtures" / "incident-log.md"
TODAY = "2026-12-01"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
LONDON = {"timezone_id": "Europe/London", "viewport": {"width": 390, "height": 844}}
START = "log.html#new=data-breach/exposed-records"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return built_site(copy_sample(tmp_path_factory.mktemp("log-site") / "handbook"), TODAY)


@pytest.fixture(scope="module")
def url(site, serve):
    with serve(site) as (base, _stop):
        yield base


@pytest.fixture
def london(browser):
    contexts = []

    def make(**extra):
        ctx = browser.new_context(**LONDON, **extra)
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(10_000)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.errors = errors  # type: ignore[attr-defined]
        return page

    yield make
    for ctx in contexts:
        ctx.close()


def start_log(page, base: str) -> None:
    """At 14:15 (UTC, which London is in December), a log of a breach we knew of at 14:05."""
    page.clock.install(time="2026-12-02T14:15:00Z")
    page.goto(base + START)
    page.get_by_role("radio", name="Earlier, at").check()
    page.locator(".hb-log-aware input[type=datetime-local]").fill("2026-12-02T14:05")
    page.get_by_role("button", name="Start the log").click()
    page.wait_for_selector(".hb-log-elapsed")
    page.clock.run_for(1000)


def deadline(page, ident: str):
    return page.locator(f".hb-log-deadlines [data-deadline={ident}]")


def tap(page, key: str) -> None:
    page.locator(f'[data-key="{key}"]').click()


def later(page, clock: str) -> None:
    page.clock.fast_forward(clock)
    page.clock.run_for(1000)


def exported(page, kind: str) -> str:
    with page.expect_download() as info:
        tap(page, f"download-{kind}")
    return Path(info.value.path()).read_text(encoding="utf-8")


def test_a_night_with_the_log(london, url, tmp_path):
    page = london()
    start_log(page, url)
    assert page.locator(".hb-log-elapsed").inner_text() == "10 min since we became aware"
    assert page.locator(".hb-log-title").inner_text() == (
        "Customer or colleague records exposed outside the company")
    # First response due 14:20: inside its 5 warning minutes, so amber.
    respond = deadline(page, "respond")
    assert respond.get_attribute("data-status") == "soon"
    assert respond.locator(".hb-log-due").inner_text() == "due in 5 min, Wednesday 14:20"
    later(page, "01:00")
    tap(page, "called-1-security-oncall")                   # 14:16
    assert respond.get_attribute("data-status") == "met"
    later(page, "02:00")
    tap(page, "acknowledged-1-security-oncall")             # 14:18
    step2 = deadline(page, "step-2")
    assert step2.get_attribute("data-status") == "pending"
    assert step2.locator(".hb-log-due").inner_text() == "due in 17 min, Wednesday 14:35"
    later(page, "17:00")                                    # 14:35: the step's time
    assert step2.get_attribute("data-status") == "overdue"
    assert step2.locator(".hb-log-due").inner_text() == (
        "overdue by under 1 min, was due Wednesday 14:35")
    later(page, "15:00")                                    # 14:50
    tap(page, "no_answer-2-dpo")
    assert step2.get_attribute("data-status") == "missed"
    later(page, "02:00")
    tap(page, "called-2-ciso")                              # 14:52
    later(page, "01:00")                                    # 14:53
    gdpr = deadline(page, "uk-gdpr-article-33")
    assert gdpr.locator(".hb-log-due").inner_text() == "due in 71 h 12 min, Saturday 14:05"
    page.reload()                                           # everything is still there
    page.wait_for_selector(".hb-log-elapsed")
    page.clock.run_for(1000)
    assert page.locator(".hb-log-elapsed").inner_text() == "48 min since we became aware"
    assert page.locator(".hb-log-timeline li").count() == 6
    later(page, "08:00")
    tap(page, "acknowledged-2-ciso")                        # 15:01
    assert deadline(page, "ack-2").get_attribute("data-status") == "met"
    later(page, "29:00")                                    # 15:30
    page.locator(".hb-log-section select").select_option("sev2")
    tap(page, "severity")
    assert page.locator(".hb-log-meta .hb-severity, .hb-log-meta span").first.inner_text() == "SEV2"
    later(page, "30:00")                                    # 16:00
    template = page.locator(".hb-log-template").first
    assert template.input_value().startswith("Subject: [SEV2] Personal data breach, Customer or "
                                             "colleague records exposed outside the company\n")
    tap(page, "sent-message-1")
    page.get_by_label("Note").fill("Bridge open | all hands")
    tap(page, "note")
    later(page, "02:00:00")                                 # 18:00: step 3 was due at 18:05
    assert deadline(page, "step-3").get_attribute("data-status") == "soon"
    later(page, "10:00")
    assert deadline(page, "step-3").get_attribute("data-status") == "overdue"
    later(page, "16:00:00")                                 # 10:10 on Thursday
    tap(page, "notify-uk-gdpr-article-33")
    assert gdpr.get_attribute("data-status") == "met"
    later(page, "50:00")                                    # 11:00
    tap(page, "close")
    assert page.locator(".hb-log-confirm").inner_text().startswith("Close this incident?")
    tap(page, "close-yes")
    assert "Closed at" in page.locator(".hb-log-elapsed").inner_text()
    assert page.errors == []

    record = exported(page, "markdown")
    if os.environ.get("HANDBOOK_UPDATE_EXPECTED"):
        EXPECTED.write_text(record, encoding="utf-8")
    assert record == EXPECTED.read_text(encoding="utf-8")

    # The same log through the CLI gives the same record (the handbook has not changed).
    log_file = tmp_path / "incident.json"
    log_file.write_text(exported(page, "json"), encoding="utf-8")
    done = subprocess.run([str(HANDBOOK), "log", "summary", str(log_file), str(REPO),
                           "--format", "markdown"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == record

    # Another device: a fresh browser imports the JSON and goes on with it.
    other = london()
    other.clock.install(time="2026-12-03T12:00:00Z")
    other.goto(url + "log.html")
    assert "No incident log is kept in this browser yet." in other.locator(".hb-log").inner_text()
    other.get_by_label("Import a log (JSON)").set_input_files(str(log_file))
    other.wait_for_selector(".hb-log-elapsed")
    assert other.locator(".hb-log-timeline li").count() == 12
    assert exported(other, "markdown") == record
    other.goto(url + "log.html")
    assert other.get_by_role("link", name="Customer or colleague records exposed outside the "
                             "company").count() == 1


def test_what_is_not_a_log_is_refused(london, url, tmp_path):
    page = london()
    page.goto(url + "log.html")
    bad = tmp_path / "other.json"
    bad.write_text(json.dumps({"hello": "world"}))
    page.get_by_label("Import a log (JSON)").set_input_files(str(bad))
    assert page.locator(".hb-log-message").inner_text() == (
        'This file is not an incident log: it has no "format": '
        '"escalation-handbook/incident-log"')


def test_keyboard_only(london, url):
    page = london()
    page.clock.install(time="2026-12-02T14:15:00Z")
    page.goto(url + START)
    page.wait_for_selector(".hb-log-start-form")
    # The form opens with the trigger focused; Tab walks it and Enter starts the log.
    assert page.evaluate("document.activeElement.tagName") == "SELECT"
    for _ in range(3):
        page.keyboard.press("Tab")                 # severity, pathway, "Now"
    assert page.evaluate("document.activeElement.value") == "now"
    page.keyboard.press("Tab")                     # "Earlier" radio is in the same group: skipped
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".hb-log-elapsed")
    page.locator('[data-key="called-1-security-oncall"]').focus()
    page.keyboard.press("Enter")
    # The record redraws; focus stays on the button pressed.
    assert page.evaluate("document.activeElement.dataset.key") == "called-1-security-oncall"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.locator(".hb-log-timeline li").count() == 4
    assert "acknowledged (step 1)" in page.locator(".hb-log-timeline").inner_text()


def test_axe_and_a_phone_screen(london, url):
    page = london()
    page.clock.install(time="2026-12-02T14:15:00Z")
    page.goto(url + START)
    page.wait_for_selector(".hb-log-start-form")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Start the log").click()
    page.wait_for_selector(".hb-log-elapsed")
    tap(page, "no_answer-1-security-oncall")
    page.clock.fast_forward("20:00")
    page.clock.run_for(1000)
    assert deadline(page, "ack-1").get_attribute("data-status") == "overdue"
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_without_javascript_the_page_says_what_it_needs(browser, url):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(url + START)
    text = page.locator(".hb-log").inner_text()
    assert text.startswith("The incident log needs JavaScript.")
    assert page.locator(".hb-log").get_by_role("link", name="Personal data breach").get_attribute(
        "href") == (
        "playbooks/security/data-breach.html")
    ctx.close()


def test_from_disk_and_kept_over_a_reload(london, site):
    page = london()
    start_log(page, (site.as_uri() + "/"))
    tap(page, "called-1-security-oncall")
    page.reload()
    page.wait_for_selector(".hb-log-elapsed")
    timeline = page.locator(".hb-log-timeline").inner_text()
    assert "Called Security on-call analyst (step 1)" in timeline
    assert page.errors == []


def test_start_links_on_the_playbook_its_questions_and_the_finder(london, url):
    page = london()
    page.goto(url + "playbooks/security/data-breach.html")
    starts = page.locator("a.hb-log-start")
    assert starts.first.get_attribute("href") == "../../log.html#new=data-breach"
    page.get_by_role("button", name="Yes", exact=True).first.click()
    page.get_by_role("button", name="Yes, it is outside Northwind (sent, published, lost or "
                     "stolen)").click()
    page.get_by_role("button", name="Sent or published to people outside Northwind, or found "
                     "online").click()
    outcome = page.locator(".hb-outcome a.hb-log-start")
    assert outcome.get_attribute("href") == "../../log.html#new=data-breach/exposed-records"
    outcome.click()
    page.wait_for_selector(".hb-log-start-form")
    assert page.locator(".hb-log-start-form select").first.input_value() == "exposed-records"
    page.goto(url + "index.html")
    page.locator(".hb-finder input").first.click()
    page.keyboard.type("laptop stolen")
    card = page.locator(".hb-finder-card").first
    assert card.locator("a.hb-log-start").get_attribute("href") == (
        "log.html#new=data-breach/lost-device")


def _logs() -> list[dict]:
    """Logs that exercise each rule of the record: closed, open as of its export, times in
    other offsets, text that breaks a table, an event before awareness, unknown ids."""
    from incident_logs import EVENTS, breach_log, sample

    handbook = sample()
    odd = [
        {"at": "2026-12-02T09:16:00-05:00", "kind": "called", "step": 1,
         "contact": "security-oncall"},
        {"at": "2026-12-02T15:10:00+01:00", "kind": "note", "text": "a | b\nc\\d  e"},
        {"at": "2026-12-02T14:00:00+00:00", "kind": "note", "text": "heard of it at 14:00"},
        {"at": "2026-12-02T14:20:00+00:00", "kind": "severity_changed", "severity": "sev9"},
        {"at": "2026-12-02T14:20:00+00:00", "kind": "no_answer", "step": 3, "contact": "nobody"},
        {"at": "2026-12-02T14:21:00+00:00", "kind": "regulator_notified", "obligation": "x"},
    ]
    return [
        breach_log(handbook, EVENTS, closed_at="2026-12-04T12:00:00+00:00"),
        breach_log(handbook, EVENTS[:4], exported_at="2026-12-02T15:02:30+00:00"),
        breach_log(handbook, odd, exported_at="2026-12-06T00:00:00+00:00"),
        breach_log(handbook, [], trigger=None, aware_at="2026-12-02T09:05:00-05:00",
                   started_at="2026-12-02T09:05:00-05:00",
                   exported_at="2026-12-02T09:05:40-05:00"),
    ]


def test_the_page_and_the_cli_write_the_same_record(page, url):
    """The widget's own `report` (what Export gives) against Python's, log by log."""
    sys.path.insert(0, str(REPO / "tests"))
    from escalation_handbook.incident_log import read_log, summarise
    from escalation_handbook.incident_log.report import markdown

    page.goto(url + "log.html")
    page.wait_for_selector(".hb-log[data-hb-ready]")
    for log in _logs():
        ours = markdown(summarise(read_log(json.dumps(log))))
        theirs = page.evaluate("""log => Handbook.logReport(log,
            JSON.parse(document.getElementById('hb-log-page').textContent))""", log)
        assert theirs == ours


def test_several_incidents_and_a_corrected_awareness_time(london, url):
    page = london()
    start_log(page, url)                                     # the breach, aware at 14:05
    first = page.url
    page.goto(url + "log.html#new=service-outage")
    page.wait_for_selector(".hb-log-start-form")
    page.get_by_role("button", name="Start the log").click()  # aware now, 14:15
    page.wait_for_selector(".hb-log-elapsed")
    assert page.url != first
    page.goto(url + "log.html")
    page.wait_for_selector(".hb-log-list")
    assert page.locator(".hb-log-list li").count() == 2
    page.goto(first)
    page.wait_for_selector(".hb-log-elapsed")
    page.clock.run_for(1000)
    assert page.locator(".hb-log-elapsed").inner_text() == "10 min since we became aware"
    tap(page, "aware-edit")
    page.locator(".hb-log-aware-at input").fill("2026-12-02T13:55")
    tap(page, "aware-save")
    page.clock.run_for(1000)
    assert page.locator(".hb-log-elapsed").inner_text() == "20 min since we became aware"
    assert deadline(page, "respond").get_attribute("data-status") == "overdue"
    page.reload()
    page.wait_for_selector(".hb-log-elapsed")
    assert "2026-12-02 13:55" in page.locator(".hb-log-aware-at").inner_text()
