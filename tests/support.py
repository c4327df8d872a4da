"""Shared helpers of the unit and acceptance tests: example handbooks built in a temporary folder.

An example case is a folder of files laid over the base handbook (the playbooks and quizzes of
the starter that ``handbook init`` writes, which pass): each file replaces or adds the file at
the same path, and ``delete.txt`` lists files to remove. ``expected.txt`` holds the exact output
of ``handbook check``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = Path(__file__).parent / "examples"
BASE = REPO / "escalation_handbook" / "starter"
BASE_PARTS = ("playbooks", "quizzes")  # the handbook itself, without the site's files
TODAY = "2026-06-01"
CASE_FILES = {"expected.txt", "delete.txt", "args.txt", "README.md"}


def build(case: Path | None, into: Path) -> Path:
    """The base handbook with ``case`` laid over it, written under ``into``; its root."""
    root = copy_base(into / "handbook")
    if case is None:
        return root
    for path in sorted(case.rglob("*")):
        relative = path.relative_to(case)
        if path.is_dir() or relative.as_posix() in CASE_FILES:
            continue
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    deletions = case / "delete.txt"
    if deletions.exists():
        for line in deletions.read_text().split():
            (root / line).unlink()
    return root


def copy_base(root: Path) -> Path:
    """The base handbook written at ``root`` (which may exist); its root."""
    for part in BASE_PARTS:
        shutil.copytree(BASE / part, root / part, dirs_exist_ok=True)
    return root


def args(case: Path) -> list[str]:
    extra = case / "args.txt"
    return extra.read_text().split() if extra.exists() else []


# The sample handbook: what `handbook build` in this repository reads.
SAMPLE_PARTS = ("mkdocs.yml", "playbooks", "quizzes", "docs", "site_overrides")


def copy_sample(dest: Path) -> Path:
    """A copy of the sample handbook under ``dest`` (tests never write into the repository)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in SAMPLE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        elif source.is_file():
            shutil.copyfile(source, dest / part)
    return dest


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page, once CSS transitions (search fade-in, scheme switch,
    the header's title sliding in on scroll) have finished: mid-fade colours are not real."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running')", timeout=10_000)
    results = Axe().run(page)
    if results.violations_count == 0:
        return []
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}"
            for v in results.response["violations"]]
