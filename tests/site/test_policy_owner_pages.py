"""Pages for the people who edit the handbook: grouped at the end of the navigation, or left out
of a reader build (`policy_owner_pages: false`).

The sample's docs/ marks its editors' pages with `audience: policy owners` front matter; the
expectations come from those files, the builds are real (`handbook build`, `handbook render`
then `mkdocs build`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO, broken_links, copy_sample

from escalation_handbook.pipeline import author_docs, check_folder, render_folder
from escalation_handbook.render import POLICY_OWNERS_SECTION, links
from escalation_handbook.site.audience import for_policy_owners

pytestmark = pytest.mark.slow

HANDBOOK = Path(sys.executable).with_name("handbook")
TODAY = "2026-12-01"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
DOCS = author_docs(REPO, REPO / "docs")
OWNER_PAGES = sorted(for_policy_owners(DOCS))
READER_OPTION = "      quizzes: quizzes\n"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], env=ENV, capture_output=True, text=True,
                          timeout=180)


def html_page(page: str) -> str:
    return links.html_path(page)


def test_the_sample_marks_its_editors_pages():
    assert {"editing.md", "reviews.md"} <= set(OWNER_PAGES)
    assert "about.md" not in OWNER_PAGES


def test_pages_for_policy_owners_are_the_last_section_of_the_navigation():
    from datetime import date

    checked = check_folder(REPO, date.fromisoformat(TODAY))
    nav = render_folder(checked, DOCS.pages, owner_pages=OWNER_PAGES).nav
    assert nav[-1] == {POLICY_OWNERS_SECTION: [{"Writing playbooks": links.REFERENCE},
                                               *OWNER_PAGES]}
    guides = next(item["Guides"] for item in nav if "Guides" in item)
    assert not set(guides) & set(OWNER_PAGES)
    assert all("Writing playbooks" not in item for item in nav[:-1])


def reader_copy(tmp_path: Path) -> Path:
    root = copy_sample(tmp_path / "handbook")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert READER_OPTION in text
    config.write_text(text.replace(READER_OPTION,
                                   READER_OPTION + "      policy_owner_pages: false\n"), "utf-8")
    return root


def assert_reader_site(site: Path) -> None:
    for page in [links.REFERENCE, *OWNER_PAGES]:
        assert not (site / html_page(page)).exists(), page
    assert (site / "about.html").exists()
    playbook = (site / "playbooks" / "security" / "data-breach.html").read_text("utf-8")
    assert "hb-source" not in playbook and "Source:" not in playbook
    home = (site / "index.html").read_text("utf-8")
    assert POLICY_OWNERS_SECTION not in home and "Writing playbooks" not in home
    assert broken_links(site) == []


def test_a_reader_build_leaves_the_editors_pages_out(tmp_path):
    root = reader_copy(tmp_path)
    result = run(HANDBOOK, "build", root, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert_reader_site(root / "site")


def test_a_reader_render_leaves_them_out_too(tmp_path):
    root = reader_copy(tmp_path)
    out = tmp_path / "out"
    result = run(HANDBOOK, "render", root, "--out", out, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    for page in OWNER_PAGES:
        assert not (out / "docs" / page).exists()
    result = run(sys.executable, "-m", "mkdocs", "build", "-q", "-f", out / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert_reader_site(out / "site")


def test_the_default_build_shows_them_with_the_source_line(tmp_path):
    root = copy_sample(tmp_path / "handbook")
    result = run(HANDBOOK, "build", root, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    for page in [links.REFERENCE, *OWNER_PAGES]:
        assert (site / html_page(page)).exists(), page
    playbook = (site / "playbooks" / "security" / "data-breach.html").read_text("utf-8")
    assert "Source:" in playbook
    home = (site / "index.html").read_text("utf-8")
    assert home.rindex(POLICY_OWNERS_SECTION) > home.rindex("Incident cards")
