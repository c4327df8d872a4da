"""`handbook render` and `handbook build` with a mkdocs.yml that is broken or uses MkDocs' tags."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from escalation_handbook.cli import main

STARTER = Path(__file__).resolve().parents[2] / "escalation_handbook" / "starter"


def handbook(tmp_path: Path, mkdocs_yml: str) -> Path:
    root = tmp_path / "handbook"
    shutil.copytree(STARTER, root)
    (root / "mkdocs.yml").write_text(mkdocs_yml, "utf-8")
    return root


def test_render_reads_a_mkdocs_yml_with_python_tags(tmp_path):
    root = handbook(tmp_path, "site_name: Tagged\nmarkdown_extensions:\n"
                              "  - pymdownx.emoji:\n      emoji_index: "
                              "!!python/name:material.extensions.emoji.twemoji\n")
    result = CliRunner().invoke(main, ["render", str(root), "--out", str(tmp_path / "out"),
                                       "--today", "2026-11-28"])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "out" / "mkdocs.yml").read_text("utf-8")
    assert "site_name: Example Escalation Handbook" in written  # handbook.yaml's title


def test_render_reports_a_broken_mkdocs_yml_at_its_line(tmp_path):
    root = handbook(tmp_path, "site_name: [unclosed\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(root), "--out", str(out)])
    assert result.exit_code == 2
    assert f"{root / 'mkdocs.yml'}:2:1: mkdocs.yml is not valid YAML: fix it first" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not out.exists()


def test_render_takes_from_docs_what_the_build_takes(tmp_path):
    """No link out of the handbook folder, no draft: the same rules as the build's."""
    root = handbook(tmp_path, (STARTER / "mkdocs.yml").read_text("utf-8"))
    secret = tmp_path / "secret.md"
    secret.write_text("# not for the site\n", "utf-8")
    (root / "docs" / "leak.md").symlink_to(secret)
    (root / "docs" / ".drafts").mkdir()
    (root / "docs" / ".drafts" / "soon.md").write_text("# soon\n", "utf-8")
    (root / "docs" / "mine.md").write_text("# Mine\n", "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(root), "--out", str(out),
                                       "--today", "2026-11-28"])
    assert result.exit_code == 0, result.output
    assert (out / "docs" / "mine.md").read_text("utf-8") == "# Mine\n"
    assert not (out / "docs" / "leak.md").exists()
    assert not (out / "docs" / ".drafts").exists()
    assert (f"docs/leak.md:1:1: warning: this link leads out of the handbook folder (to "
            f"{secret}), so it is not followed: copy the file or folder into the handbook "
            "instead [outside-link]") in result.output
    assert "docs/.drafts:1:1: note: skipped" in result.output
    assert "leak.md" not in (out / "mkdocs.yml").read_text("utf-8")
    assert "mine.md" in (out / "mkdocs.yml").read_text("utf-8")


def test_build_reports_a_broken_mkdocs_yml_and_keeps_the_old_site(tmp_path):
    root = handbook(tmp_path, (STARTER / "mkdocs.yml").read_text("utf-8"))
    site = tmp_path / "site"
    ok = CliRunner().invoke(main, ["build", str(root), "--site-dir", str(site),
                                   "--today", "2026-11-28"])
    assert ok.exit_code == 0, ok.output
    before = (site / "index.html").read_bytes()
    (root / "mkdocs.yml").write_text("site_name: [unclosed\n", "utf-8")
    result = CliRunner().invoke(main, ["build", str(root), "--site-dir", str(site)])
    assert result.exit_code == 1
    # read with the loader before MkDocs: located, as every YAML file's problems are
    assert "mkdocs.yml:1:12: error: YAML syntax error" in result.output
    assert "Build failed: the previous site was left as it was." in result.output
    assert (site / "index.html").read_bytes() == before
