"""The material-a11y widget on the real built sample: the tag list's name comes from the page
JSON the theme writes (render/wording.py), not from the widget. (Axe's landmark checks on whole
pages are in test_site.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import copy_sample

from escalation_handbook.render.wording import MATERIAL_LABELS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HANDBOOK = Path(sys.executable).with_name("handbook")
PAGE = "playbooks/security/data-breach.html"  # a page with tags


@pytest.fixture(scope="module")
def site_url(tmp_path_factory, serve):
    root = copy_sample(tmp_path_factory.mktemp("a11y") / "handbook")
    result = subprocess.run([str(HANDBOOK), "build", str(root), "--today", "2026-12-01"],
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as (base, _stop):
        yield base


def test_the_tag_list_is_named_from_the_page_json(page, site_url):
    page.goto(site_url + PAGE)
    labels = json.loads(page.locator("#hb-material-labels").text_content() or "")
    assert labels == MATERIAL_LABELS
    assert page.locator("nav.md-tags").get_attribute("aria-label") == MATERIAL_LABELS["tags"]


def test_the_widget_names_a_tag_list_a_theme_left_unnamed(page, site_url):
    """As with an author's own tags partial: the widget takes the name from the page JSON."""
    page.goto(site_url + PAGE)
    page.evaluate("""() => {
        document.querySelector("nav.md-tags").removeAttribute("aria-label");
        document.getElementById("hb-material-labels").textContent = '{"tags": "Étiquettes"}';
        Handbook.init();
    }""")
    assert page.locator("nav.md-tags").get_attribute("aria-label") == "Étiquettes"

