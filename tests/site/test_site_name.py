"""The site's name and footer come from playbooks/handbook.yaml: one edit renames the site.

A new handbook (`handbook init`) whose handbook.yaml alone is edited, built for real.
"""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow

HANDBOOK = Path(sys.executable).with_name("handbook")
TODAY = "2026-06-01"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
TITLE, ORGANISATION = "Acme Incident Guide", "Acme Corp"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(HANDBOOK), *map(str, args)], env=ENV, capture_output=True,
                          text=True, timeout=180)


class _Texts(HTMLParser):
    """The text of <title>, the header's title and the footer's copyright."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.found: dict[str, list[str]] = {"title": [], "header": [], "copyright": []}

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        self.open.append("title" if tag == "title" else
                         "header" if "md-header__topic" in classes else
                         "copyright" if "md-copyright__highlight" in classes else "")

    def handle_endtag(self, tag):
        if self.open:
            self.open.pop()

    def handle_data(self, data):
        for kind in set(self.open) - {""}:
            if data.strip():
                self.found[kind].append(data.strip())


def renamed(tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    assert run("init", root, "--today", TODAY).returncode in (0, 1)
    settings = root / "playbooks" / "handbook.yaml"
    text = settings.read_text("utf-8")
    for old, new in (("title: Example Escalation Handbook", f"title: {TITLE}"),
                     ("organisation: Example Ltd", f"organisation: {ORGANISATION}")):
        assert old in text
        text = text.replace(old, new)
    settings.write_text(text, "utf-8")
    return root


def test_one_edit_of_handbook_yaml_renames_the_site(tmp_path):
    root = renamed(tmp_path)
    result = run("build", root, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    for page in ("index.html", "contacts.html"):
        html = (root / "site" / page).read_text("utf-8")
        texts = _Texts()
        texts.feed(html)
        assert texts.found["title"] and all(TITLE in t for t in texts.found["title"])
        assert TITLE in texts.found["header"]
        assert texts.found["copyright"] == [ORGANISATION]
        assert "Example Escalation Handbook" not in html and "Example Ltd" not in html


def test_render_names_the_site_the_same_way(tmp_path):
    root = renamed(tmp_path)
    result = run("render", root, "--out", tmp_path / "out", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text("utf-8"))
    assert (config["site_name"], config["copyright"]) == (TITLE, ORGANISATION)


def test_a_copyright_naming_another_organisation_is_reported(tmp_path):
    root = renamed(tmp_path)
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("copyright: Example Ltd — internal use only\n")
    result = run("build", root, "--today", TODAY)
    assert result.returncode == 1
    assert (f"handbook: mkdocs.yml's copyright 'Example Ltd — internal use only' does not name "
            f"the organisation '{ORGANISATION}' of playbooks/handbook.yaml: name it, or remove "
            "the copyright line (the footer then shows the organisation)") in result.stderr
