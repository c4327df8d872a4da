"""The working-hours widget (widgets/hours.js): "on duty now" decided in the reader's browser.

The hours spans are cut from the directory page the renderer writes for a handbook whose
contacts keep office hours (one in the handbook's zone, one in the reader's own clock, one off on
England's bank holidays); the page loads the real handbook.js. Each expectation is what the
Python arithmetic (`model.hours.on_duty`) says for the same instant: one rule, two runtimes.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from support import build

from escalation_handbook.folder import load_handbook
from escalation_handbook.model.hours import on_duty, parse
from escalation_handbook.model.timing import public_holidays
from escalation_handbook.render import RenderOptions, links, render
from escalation_handbook.render.assets import SCRIPT, asset_files

pytestmark = pytest.mark.browser
TODAY = date(2026, 11, 28)
HOURS = {"duty-manager": "Mon-Fri 09:00-17:30 Europe/London; public holidays off",
         "facilities": "Mon-Fri 08:00-18:00"}
FACILITIES = """  - id: facilities
    name: Facilities team
    type: team
    phone: "+44 20 7946 0102"
    hours: Mon-Fri 08:00-18:00
"""


@pytest.fixture(scope="module")
def hours_site(tmp_path_factory, serve):
    root = build(None, tmp_path_factory.mktemp("hours"))
    contacts = root / "playbooks/contacts.yaml"
    text = contacts.read_text().replace("    hours: 24/7\n    backup: it-oncall",
                                        f"    hours: {HOURS['duty-manager']}\n"
                                        "    backup: it-oncall")
    contacts.write_text(text + FACILITIES)
    settings = root / "playbooks/handbook.yaml"
    settings.write_text(settings.read_text() + "country: GB-ENG\n")
    page = render(load_handbook(root), RenderOptions(TODAY)).pages[links.CONTACTS]
    spans = re.findall(r'<span class="hb-hours"[^>]*>[^<]*</span>', page)
    assert '<span class="hb-hours">24/7</span>' in spans  # round the clock: nothing to decide
    spans = [s for s in spans if "data-hours" in s]
    assert len(spans) == 2
    site = root / "site"
    for path, content in asset_files().items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(content)
    body = "\n".join(f"<p>{s}</p>" for s in spans)
    (site / "hours.html").write_text(f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
                                     f"<title>Hours</title></head><body><main>{body}</main>"
                                     f'<script src="{SCRIPT}"></script></body></html>')
    with serve(site) as (base, _stop):
        yield base + "hours.html"


def expected(contact_id: str, instant: datetime, reader_zone: str) -> str:
    hours = parse(HOURS[contact_id])
    holidays = public_holidays("GB-ENG", (2026, 2027))
    on = on_duty(hours, instant, hours.zone or reader_zone, holidays)
    return " · on duty now" if on else " · off duty now"


@pytest.mark.parametrize(("instant", "reader_zone"), [
    ("2026-12-01T10:00:00Z", "Europe/London"),   # a Tuesday morning
    ("2026-12-01T18:00:00Z", "Europe/London"),   # after hours
    ("2026-12-28T10:00:00Z", "Europe/London"),   # Boxing Day's substitute bank holiday
    ("2026-07-07T16:45:00Z", "Europe/London"),   # 17:45 in summer time
    ("2026-12-01T14:00:00Z", "America/New_York"),  # 09:00 for a reader in New York
    ("2026-12-05T12:00:00Z", "Asia/Tokyo"),      # a Saturday
])
def test_on_duty_now_matches_the_python_rule(browser, hours_site, instant, reader_zone):
    context = browser.new_context(timezone_id=reader_zone)
    page = context.new_page()
    page.add_init_script(f"window.__HANDBOOK_NOW__ = {instant!r}")
    page.goto(hours_site)
    moment = datetime.fromisoformat(instant.replace("Z", "+00:00"))
    shown = page.locator(".hb-hours .hb-hours-now").all_inner_texts()
    assert [s.replace("\u00a0", " ") for s in shown] == [
        expected(c, moment, reader_zone) for c in ("duty-manager", "facilities")]
    assert page.locator(".hb-hours").first.inner_text().startswith(HOURS["duty-manager"])
    context.close()


def test_without_javascript_the_hours_are_shown_as_written(browser, hours_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(hours_site)
    assert page.locator(".hb-hours").all_inner_texts() == [HOURS["duty-manager"],
                                                           HOURS["facilities"]]
    assert page.locator(".hb-hours-now").count() == 0
    context.close()


def test_an_unknown_zone_leaves_the_hours_alone(browser, hours_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(hours_site)
    page.evaluate("""() => {
      const s = document.querySelector('.hb-hours');
      const copy = s.cloneNode(true);
      copy.querySelector('.hb-hours-now').remove();
      copy.removeAttribute('data-hb-ready');
      copy.setAttribute('data-hours', '{"zone":"Mars/Olympus","ranges":[[0,10080]]}');
      copy.id = 'broken';
      document.body.appendChild(copy);
      Handbook.init();
    }""")
    assert page.locator("#broken .hb-hours-now").count() == 0
    assert ZoneInfo("Europe/London")  # the real zone is fine
    context.close()
