"""A playbook's clocks on its page: the timeline without JavaScript, and the Clock JSON the
browser counts down from (ARCHITECTURE.md), made from the same resolved clocks as the checks."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from support import REPO, build

from escalation_handbook.checks import check
from escalation_handbook.clocks import playbook_clocks
from escalation_handbook.folder import load_handbook
from escalation_handbook.model.timing import due_times, parse_within, public_holidays
from escalation_handbook.render import RenderOptions, links, render

TODAY = date(2026, 11, 28)
SEC_PLAYBOOK = """compliance:
  - name: SEC Form 8-K Item 1.05
    requirement: File a Form 8-K within four business days of deciding the incident is material.
    clock:
      use: sec-8k
      stages:
        - id: form-8k
          notify: duty-manager
"""


def clock_json(page: str, playbook_id: str) -> dict:
    found = re.search(r'<script type="application/json" id="hb-clocks-' + playbook_id
                      + r'">(.*?)</script>', page, re.S)
    assert found, "the page carries no clock JSON"
    return json.loads(found.group(1))


def test_the_sample_data_breach_page_carries_its_gdpr_clocks() -> None:
    handbook = load_handbook(REPO)
    page = render(handbook, RenderOptions(TODAY)).pages[
        links.playbook_page("security", "data-breach")]
    data = clock_json(page, "data-breach")
    gdpr = data["clocks"][0]
    assert (gdpr["id"], gdpr["uses"], gdpr["start"]) == ("gdpr-art-33", "gdpr-art-33", "aware")
    stage = gdpr["stages"][0]
    assert stage["within"] == {"text": "72 hours", "amount": 72, "unit": "hour",
                               "counting": "elapsed"}
    assert stage["shortest_minutes"] == 72 * 60
    assert stage["notify"]["id"] == "ico" and stage["template"]["id"] == "ico-report"
    assert data["clocks"][1]["stages"][0]["within"]["counting"] == "asap"
    # the timeline reads without JavaScript, and the template link lands on its heading
    assert "<strong>Report the breach to the ICO</strong>: Within 72 hours of becoming aware" \
        in page
    assert "{#communication-ico-report}" in page
    assert data["holidays"] == {}


def test_a_business_day_clock_carries_its_countrys_holidays(tmp_path: Path) -> None:
    root = build(None, tmp_path)
    path = root / "playbooks/general/service-outage.yaml"
    path.write_text(path.read_text().replace("compliance:\n", SEC_PLAYBOOK, 1))
    handbook = load_handbook(root)
    assert [p for p in check(handbook, TODAY) if p.is_error] == []
    page = render(handbook, RenderOptions(TODAY)).pages[
        links.playbook_page("general", "service-outage")]
    data = clock_json(page, "service-outage")
    assert data["clocks"][0]["country"] == "US"
    assert data["holiday_years"] == [2026, 2027, 2028]
    assert "2026-11-26" in data["holidays"]["US"] and "2028-12-25" in data["holidays"]["US"]
    # The browser's data gives the same due time as the Python arithmetic.
    stage = data["clocks"][0]["stages"][0]
    assert parse_within(stage["within"]["text"]).counting == stage["within"]["counting"]
    clock = playbook_clocks(handbook, handbook.playbooks[0])[0]
    holidays = {date.fromisoformat(d) for d in data["holidays"]["US"]}
    start = datetime(2026, 11, 25, 15, 0, tzinfo=ZoneInfo("America/New_York"))
    assert due_times(clock.rules, {"materiality-decision": start}, holidays) == due_times(
        clock.rules, {"materiality-decision": start}, public_holidays("US", (2026,)))
