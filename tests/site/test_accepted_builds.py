"""Whatever `check` accepts, `build` builds: every valid example, and a bounded sample of the
fuzz harness's handbooks that pass the checks, through a real MkDocs build.

The render stage of many more generated handbooks is tested in ``tests/unit/test_fuzz.py``.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from fuzzing import accepted_handbook, apply, fuzz_settings
from hypothesis import given
from support import EXAMPLES, REPO, TODAY, build

from escalation_handbook.checks import check
from escalation_handbook.folder import load_handbook
from escalation_handbook.render import links
from escalation_handbook.site.build import build_site

pytestmark = pytest.mark.slow

STARTER = REPO / "escalation_handbook" / "starter"
VALID = sorted(p for p in (EXAMPLES / "valid").iterdir() if p.is_dir())


def site_files(root: Path) -> Path:
    """``root`` with the starter's mkdocs.yml and docs/, so MkDocs can build it."""
    shutil.copyfile(STARTER / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(STARTER / "docs", root / "docs", dirs_exist_ok=True)
    return root


def assert_builds(root: Path) -> None:
    problems = check(load_handbook(root), date.fromisoformat(TODAY))
    assert not [p for p in problems if p.is_error], "the input must pass check first"
    result = build_site(site_files(root) / "mkdocs.yml", root / "site", strict=True,
                        plugin_options={"today": TODAY})
    assert result.ok, result.messages
    pages = {p.relative_to(result.site_dir).as_posix()
             for p in result.site_dir.rglob("*.html")}
    for doc in load_handbook(root).playbooks:
        assert links.playbook_page(doc.section, doc.id).replace(".md", ".html") in pages


@pytest.mark.parametrize("case", VALID, ids=[p.name for p in VALID])
def test_every_valid_example_builds(case: Path, tmp_path: Path) -> None:
    assert_builds(build(case, tmp_path))


@fuzz_settings(2)
@given(accepted_handbook())
def test_an_accepted_handbook_with_hostile_text_builds(changes: dict[str, bytes | None]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = build(None, Path(tmp))
        apply(root, changes)
        assert_builds(root)
