"""The editors' duration pattern (JSON Schema) accepts exactly what the checker accepts."""

from __future__ import annotations

import re

import pytest

from escalation_handbook.model.durations import PATTERN, DurationError, parse

CASES = ["15 minutes", "15 min", "15m", "2 hours", "2h", "2 HRS", "1 day", "1 Day", "3 weeks",
         "6 months", "6 Months", "1 year", "1y", " 30 days ", "30", "30 fortnights", "half an hour",
         "1.5 hours", "-2 days", "", "2 h", "10 mo"]


@pytest.mark.parametrize("text", CASES)
def test_schema_pattern_agrees_with_the_checker(text):
    try:
        parse(text)
        accepted = True
    except DurationError:
        accepted = False
    assert bool(re.match(PATTERN, text)) == accepted
