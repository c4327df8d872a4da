"""The review banner (widgets/review.js): the status recomputed against the reader's today.

Runs on the widget page (widget_page.py): the renderer's output for the example handbook in
fixtures/handbook, and hand-written hostile cases. Expectations come from the page's data.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser


REVIEW_CASES = [
    # due 2027-03-14, warn 30 days: the window opens on 2027-02-12
    ("2027-02-11", "ok", None),
    ("2027-02-12", "due-soon", "Review due on 14 March 2027."),
    ("2027-03-13", "due-soon", "Review due on 14 March 2027."),
    ("2027-03-14", "due-soon", "Review due on 14 March 2027."),
    (
        "2027-03-15",
        "overdue",
        "This was due for review on 14 March 2027 (1 day ago). "
        "Check with Data Protection Officer before relying on it.",
    ),
    (
        "2027-04-13",
        "overdue",
        "This was due for review on 14 March 2027 (30 days ago). "
        "Check with Data Protection Officer before relying on it.",
    ),
]


@pytest.mark.parametrize(("today", "status", "text"), REVIEW_CASES)
def test_review_banner_with_faked_today(page, site, today, status, text):
    page.add_init_script(f"window.__HANDBOOK_TODAY__ = {json.dumps(today)}")
    page.goto(site)
    review = page.locator("#quiz-page > .hb-review")
    assert review.get_attribute("data-status") == status
    banner = review.locator(".hb-review-banner")
    assert banner.get_attribute("role") == "status"
    if text is None:
        assert banner.is_hidden()
    else:
        assert banner.is_visible()
        assert banner.inner_text() == text
    row = page.locator('#review-page tr.hb-review[data-due="2027-03-14"]')
    assert row.get_attribute("data-status") == status
    assert row.locator(".hb-review-banner").count() == 0  # never a block inside a table row
    cell = row.locator(".hb-review-status")
    assert f"hb-status-{status}" in cell.get_attribute("class")
    assert cell.inner_text() == {"ok": "OK", "due-soon": "Due soon", "overdue": "Overdue"}[status]


def test_review_banner_created_and_owner_is_text(page, site, dialogs):
    page.add_init_script("window.__HANDBOOK_TODAY__ = '2020-01-03'")
    page.goto(site)
    review = page.locator("#review-nobanner")
    assert review.get_attribute("data-status") == "overdue"
    banner = review.locator(".hb-review-banner")
    assert "(2 days ago)" in banner.inner_text()
    assert "<img src=x onerror=alert(1)>" in banner.inner_text()
    assert review.locator("img").count() == 0
    assert dialogs == []


def test_review_page_says_as_of_today_once_statuses_are_redecided(page, site, browser):
    from widget_page import TODAY

    from escalation_handbook.render.wording import REVIEW_AS_OF_TODAY, review_as_of

    page.add_init_script("window.__HANDBOOK_TODAY__ = '2027-04-13'")
    page.goto(site)
    as_of = page.locator("#review-page .hb-review-asof")
    assert page.locator("#review-page tr.hb-review[data-hb-ready]").count() > 0
    assert as_of.inner_text() == REVIEW_AS_OF_TODAY
    # without JavaScript nothing was decided again: the page keeps the build's day
    context = browser.new_context(java_script_enabled=False)
    try:
        static = context.new_page()
        static.goto(site)
        assert static.locator("#review-page .hb-review-asof").inner_text() == \
            review_as_of(TODAY)
    finally:
        context.close()
