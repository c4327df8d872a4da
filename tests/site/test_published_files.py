"""What a build publishes from docs/ and playbooks/: nothing reached through a link out of the
handbook folder, no draft, and no link to a page that was not built."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import broken_links

pytestmark = pytest.mark.slow

HANDBOOK = Path(sys.executable).with_name("handbook")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def test_links_out_and_drafts_are_not_published(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\nNOT-FOR-THE-SITE\n", "utf-8")
    root = tmp_path / "handbook"
    init = subprocess.run([str(HANDBOOK), "init", str(root), "--today", "2026-06-01"], env=ENV,
                          capture_output=True, text=True, timeout=60)
    assert init.returncode == 0, init.stderr
    (root / "docs" / "leak.md").symlink_to(secret)
    (root / "docs" / "leaked-folder").symlink_to(tmp_path / "away", target_is_directory=True)
    (tmp_path / "away").mkdir()
    (tmp_path / "away" / "page.md").write_text("# Away\n\nNOT-FOR-THE-SITE\n", "utf-8")
    (root / "docs" / ".draft.md").write_text("# Draft\n", "utf-8")
    drafts = root / "playbooks" / ".drafts"
    drafts.mkdir()
    playbook = root / "playbooks" / "general" / "service-outage.yaml"
    (drafts / "draft.yaml").write_text(playbook.read_text("utf-8").replace(
        "id: service-outage", "id: draft"), "utf-8")
    result = subprocess.run([str(HANDBOOK), "build", str(root), "--today", "2026-06-01"],
                            env=ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "[outside-link]" in line]
    assert warnings == [
        f"docs/leak.md:1:1: warning: this link leads out of the handbook folder (to {secret}), "
        "so it is not followed: copy the file or folder into the handbook instead "
        "[outside-link]",
        f"docs/leaked-folder:1:1: warning: this link leads out of the handbook folder (to "
        f"{tmp_path / 'away'}), so it is not followed: copy the file or folder into the handbook "
        "instead [outside-link]",
    ]
    assert ("playbooks/.drafts:1:1: note: skipped: a name starting with '.' marks a draft, "
            "which is neither checked nor published; rename it to publish it "
            "[draft-skipped]") in result.stderr
    site = root / "site"
    published = "\n".join(p.read_text("utf-8", errors="replace") for p in site.rglob("*")
                          if p.is_file() and p.suffix in (".html", ".json", ".md"))
    assert "NOT-FOR-THE-SITE" not in published and "draft" not in {
        p.stem for p in site.rglob("*.html")}
    assert not (site / "leak.html").exists() and not (site / "leaked-folder").exists()
    assert broken_links(site) == []


def test_broken_links_finds_a_link_to_a_page_that_was_not_built(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "page.html").write_text(
        "<a href=../index.html>home</a><a href=missing.html#x>gone</a>"
        "<img src='../img/logo.png'><a href=tel:+441234>call</a><a href=#top>top</a>"
        "<link href=/assets/site.css rel=stylesheet>", "utf-8")
    (site / "index.html").write_text('<a href="a/page.html">page</a>', "utf-8")
    assert broken_links(site) == ["a/page.html → missing.html#x", "a/page.html → ../img/logo.png",
                                  "a/page.html → /assets/site.css"]
