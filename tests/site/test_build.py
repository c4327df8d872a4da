"""Acceptance tests of the site build (no browser): `handbook build`, `render`, `init` and the
plugin under plain `mkdocs build`, on a copy of the sample handbook.

The sample is built once per session (per xdist worker); tests that change the input work on
their own copy.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from support import broken_links, copy_sample

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
HANDBOOK = Path(sys.executable).with_name("handbook")
TODAY = "2026-12-01"  # after every last_reviewed in the sample
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("SOURCE_DATE_EPOCH", None)




def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env or ENV, capture_output=True,
                          text=True, timeout=120)


def handbook(*args: str | Path, **kwargs) -> subprocess.CompletedProcess[str]:
    return run(HANDBOOK, *args, **kwargs)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def sample_ids() -> tuple[list[tuple[str, str]], list[str]]:
    """(section, playbook id) for every playbook and the id of every quiz in the sample."""
    playbooks = sorted((p.parent.name, p.stem) for p in (REPO / "playbooks").glob("*/*.yaml"))
    quizzes = sorted(p.stem for p in (REPO / "quizzes").glob("*.yaml"))
    return playbooks, quizzes


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Path:
    """A copy of the sample handbook, built once with `handbook build` into site/."""
    root = copy_sample(tmp_path_factory.mktemp("sample") / "handbook")
    result = handbook("build", root, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert broken_links(root / "site") == []
    return root


@pytest.fixture(scope="session")
def rendered(sample, tmp_path_factory) -> Path:
    """`handbook render --out` of the sample, then a plain `mkdocs build` of it."""
    out = tmp_path_factory.mktemp("rendered") / "out"
    result = handbook("render", sample, "--out", out, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    # a reproducible MkDocs build dates pages by SOURCE_DATE_EPOCH; the plugin uses --today
    epoch = int(datetime.fromisoformat(TODAY).replace(tzinfo=timezone.utc).timestamp())
    result = run(sys.executable, "-m", "mkdocs", "build", "-q", "-f", out / "mkdocs.yml",
                 env={**ENV, "SOURCE_DATE_EPOCH": str(epoch)})
    assert result.returncode == 0, result.stderr
    assert broken_links(out / "site") == []
    return out


# --- handbook build -----------------------------------------------------------------------


def test_build_writes_a_page_per_playbook_and_quiz_and_the_fixed_pages(sample):
    site = sample / "site"
    playbooks, quizzes = sample_ids()
    assert len(playbooks) >= 8 and len(quizzes) >= 5
    expected = {"index.html", "contacts.html", "severities.html", "review.html",
                "writing-playbooks.html", "training/index.html", "tags.html",
                "about.html", "reviews.html"}
    expected |= {f"playbooks/{section}/{pid}.html" for section, pid in playbooks}
    expected |= {f"playbooks/{section}/index.html" for section, _ in playbooks}
    expected |= {f"training/{qid}.html" for qid in quizzes}
    built = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert expected <= built, sorted(expected - built)
    for section, pid in playbooks:
        title = yaml.safe_load((REPO / "playbooks" / section / f"{pid}.yaml").read_text())["title"]
        html = (site / "playbooks" / section / f"{pid}.html").read_text("utf-8")
        assert "<h1" in html and title.replace("'", "&#39;") in html
    for name in ("contacts", "severities", "review", "writing-playbooks"):
        assert "<article" in (site / f"{name}.html").read_text("utf-8")
    assert (site / "search" / "search_index.json").is_file()
    assert (site / "review.json").is_file()
    # no leftovers of the build-aside-and-switch beside the site: only the lock file
    assert sorted(p.name for p in sample.iterdir() if p.name.startswith(".")) == [".site.lock"]


def test_the_same_input_builds_byte_identical_output(sample, tmp_path):
    # another day on the build machine's clock must not matter either
    again = tmp_path / "again"
    env = {**ENV, "SOURCE_DATE_EPOCH": "1700000000"}
    result = handbook("build", sample, "--site-dir", again, "--today", TODAY, env=env)
    assert result.returncode == 0, result.stderr
    first, second = snapshot(sample / "site"), snapshot(again)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_a_yaml_error_fails_the_build_and_keeps_the_previous_site(sample, tmp_path):
    root = copy_sample(tmp_path / "handbook")
    site = tmp_path / "out"
    shutil.copytree(sample / "site", site)  # the last good build of this input
    before = snapshot(site)
    broken = root / "playbooks" / "security" / "data-breach.yaml"
    broken.write_text(broken.read_text("utf-8").replace(
        "title: Personal data breach", "title: [unclosed", 1), "utf-8")
    result = handbook("build", root, "--site-dir", site, "--today", TODAY)
    assert result.returncode == 1
    assert re.search(r"playbooks/security/data-breach\.yaml:\d+:\d+: error", result.stderr), \
        result.stderr
    assert snapshot(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [".out.lock"]


def test_a_broken_link_in_a_hand_written_page_fails_the_build(tmp_path):
    root = copy_sample(tmp_path / "handbook")
    with (root / "docs" / "about.md").open("a", encoding="utf-8") as f:
        f.write("\nSee [the old page](no-such-page.md).\n")
    result = handbook("build", root, "--today", TODAY)
    assert result.returncode == 1
    assert "no-such-page.md" in result.stderr
    assert not (root / "site").exists()


def test_check_warnings_fail_the_build_only_with_strict(tmp_path):
    root = copy_sample(tmp_path / "handbook")
    (root / "quizzes" / "outage-escalation.yaml").unlink()  # → playbooks no quiz covers
    result = handbook("build", root, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert "warning" in result.stderr and "[no-quiz]" in result.stderr
    assert (root / "site" / "index.html").is_file()
    before = snapshot(root / "site")
    result = handbook("build", root, "--today", TODAY, "--strict")
    assert result.returncode == 1
    assert "[no-quiz]" in result.stderr
    assert snapshot(root / "site") == before


def test_plain_mkdocs_build_with_the_plugin_fails_on_a_yaml_error(tmp_path):
    root = copy_sample(tmp_path / "handbook")
    broken = root / "quizzes" / "data-breach-basics.yaml"
    broken.write_text(broken.read_text("utf-8") + "\n  bad: [indent\n", "utf-8")
    result = run(sys.executable, "-m", "mkdocs", "build", "-q", cwd=root)
    assert result.returncode != 0
    assert re.search(r"quizzes/data-breach-basics\.yaml:\d+(:\d+)?", result.stderr), \
        result.stderr
    assert not (root / "site" / "index.html").exists()


# --- handbook render ----------------------------------------------------------------------


def test_render_writes_docs_and_a_mkdocs_yml(rendered):
    config = yaml.safe_load((rendered / "mkdocs.yml").read_text("utf-8"))
    assert "handbook" not in str(config.get("plugins"))
    playbooks, quizzes = sample_ids()
    docs = rendered / "docs"
    for section, pid in playbooks:
        assert (docs / "playbooks" / section / f"{pid}.md").is_file()
    for qid in quizzes:
        assert (docs / "training" / f"{qid}.md").is_file()
    assert (docs / "about.md").is_file()  # the author's own pages come along


def test_mkdocs_build_of_the_rendered_tree_gives_the_same_site(sample, rendered):
    plugin_site, plain_site = snapshot(sample / "site"), snapshot(rendered / "site")
    html = sorted(name for name in plugin_site if name.endswith(".html"))
    assert html == sorted(name for name in plain_site if name.endswith(".html"))
    assert sorted(plugin_site) == sorted(plain_site)
    differing = [name for name in plugin_site if plugin_site[name] != plain_site[name]]
    assert differing == []


def test_render_refuses_a_folder_it_did_not_create(sample, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    result = handbook("render", sample, "--out", out, "--today", TODAY)
    assert result.returncode == 2
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    assert (out / "notes.txt").read_text() == "keep me"


def test_render_may_rewrite_its_own_output(sample, tmp_path):
    out = tmp_path / "out"
    assert handbook("render", sample, "--out", out, "--today", TODAY).returncode == 0
    (out / "docs" / "stale.md").write_text("# left from last time\n")
    result = handbook("render", sample, "--out", out, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert not (out / "docs" / "stale.md").exists()
    assert (out / "docs" / "index.md").is_file()


# --- handbook init ------------------------------------------------------------------------


def test_init_creates_a_handbook_that_checks_and_builds(tmp_path):
    root = tmp_path / "new"
    result = handbook("init", root, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert (root / "mkdocs.yml").is_file()
    assert list((root / "playbooks").rglob("*.yaml")) and list((root / "quizzes").glob("*.yaml"))
    result = handbook("check", root, "--today", TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    result = handbook("build", root, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "index.html").is_file()


def test_init_never_overwrites_a_file(tmp_path):
    root = tmp_path / "existing"
    (root / "playbooks").mkdir(parents=True)
    mine = "# my own contacts\ncontacts: []\n"
    (root / "playbooks" / "contacts.yaml").write_text(mine)
    (root / "mkdocs.yml").write_text("site_name: Mine\n")
    result = handbook("init", root)
    assert (root / "playbooks" / "contacts.yaml").read_text() == mine
    assert (root / "mkdocs.yml").read_text() == "site_name: Mine\n"
    assert (root / "playbooks" / "handbook.yaml").is_file()  # the rest was written
    assert "kept" in result.stdout
    # the contacts kept leave the starter's playbook calling nobody: init says so
    assert result.returncode == 1
    assert "unknown contact 'duty-manager'" in result.stderr
    assert result.stderr.endswith(
        "Not ready: the files kept fail the check: fix the problems above first.\n")


def test_search_index_weights_each_triggers_signals(sample, rendered):
    """Every trigger's signals are a search field of its section, weighted above titles, in the
    plugin's build and in a plain build of the rendered tree alike."""
    from escalation_handbook.folder import load_handbook

    handbook = load_handbook(sample)
    expected = {
        f"playbooks/{d.section}/{d.id}.html#trigger-{t.id}": " ".join(t.signals)
        for d in handbook.playbooks for t in d.model.triggers if t.signals}
    assert expected
    for site in (sample / "site", rendered / "site"):
        index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
        assert index["config"]["fields"]["signals"]["boost"] > (
            index["config"]["fields"]["title"]["boost"])
        found = {d["location"]: d["signals"] for d in index["docs"] if "signals" in d}
        assert found == expected
        # the offline copy that file:// search reads carries them too
        assert '"signals":"' in (site / "search" / "search_index.js").read_text("utf-8")


def test_a_handbook_without_docs_builds(tmp_path):
    """docs/ is optional: its pages are the author's own; everything else is generated."""
    root = tmp_path / "new"
    assert handbook("init", root, "--today", TODAY).returncode == 0
    shutil.rmtree(root / "docs")
    result = handbook("build", root, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "index.html").is_file()
    assert not (root / "docs").exists()  # nothing made in the handbook for it
    assert broken_links(root / "site") == []
    out = tmp_path / "out"
    result = handbook("render", root, "--out", out, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    result = run(sys.executable, "-m", "mkdocs", "build", "-q", "-f", out / "mkdocs.yml")
    assert result.returncode == 0, result.stderr


def test_every_html_page_is_minified_the_theme_s_own_too(sample, rendered):
    """Material indents its markup generously: every page, 404.html included, is minified in
    the plugin's build and in a plain build of the rendered tree alike (no line starts with
    the theme's indentation)."""
    for site in (sample / "site", rendered / "site"):
        pages = sorted(site.rglob("*.html"))
        assert site / "404.html" in pages
        indented = [p.relative_to(site).as_posix() for p in pages
                    if "\n    <" in p.read_text("utf-8")]
        assert indented == []
