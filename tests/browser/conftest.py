"""Fixtures of the widget tests: the widget page (see widget_page.py), served over HTTP."""

from __future__ import annotations

import pytest
from widget_page import PAGE, written_site


@pytest.fixture(scope="module")
def site(serve):
    """The URL of the widget page."""
    with serve(written_site()) as (base, _stop):
        yield base + PAGE


@pytest.fixture
def dialogs(page):
    """Every alert/confirm/prompt the page opens (each dismissed): it should stay empty."""
    seen = []

    def on_dialog(dialog):
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen
