"""Sentences written once (render/wording.py): the built page and the review widget say the same."""

from __future__ import annotations

from datetime import date

import pytest
from support import BASE

from escalation_handbook.folder import load_handbook
from escalation_handbook.render.wording import longdate, review_banner, review_banner_data
from escalation_handbook.review import review_records


def record_on(today: date):
    """The base handbook's service outage playbook (due 2026-07-15, warned from 2026-06-15)."""
    return next(r for r in review_records(load_handbook(BASE), today)
                if r.id == "service-outage" and r.kind == "playbook")


def widget_sentence(record, days: int) -> str:
    """What widgets/review.js shows when the reader is ``days`` past the due date."""
    data = review_banner_data(record)
    if days == 0:
        return data["data-banner-due-soon"]
    sentence = data["data-banner-overdue-one" if days == 1 else "data-banner-overdue-other"]
    return sentence.replace("{days}", str(days))


@pytest.mark.parametrize(("today", "days"), [
    (date(2026, 7, 1), 0), (date(2026, 7, 15), 0), (date(2026, 7, 16), 1), (date(2026, 7, 20), 5),
])
def test_the_widget_says_what_the_built_page_says_that_day(today, days):
    record = record_on(today)
    assert record.days_overdue == days
    assert review_banner(record) == widget_sentence(record, days)
    assert "15 July 2026" in review_banner(record)


def test_an_ok_record_has_no_banner():
    assert review_banner(record_on(date(2026, 3, 1))) == ""


def test_a_date_in_a_sentence():
    assert longdate(date(2027, 3, 4)) == "4 March 2027"
