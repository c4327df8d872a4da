"""The fuzz harness in the suite: hostile handbooks get a clean, located, one-line report, and
whatever `check` accepts, the render stage renders.

A few dozen examples each here (seconds); ``make fuzz`` runs many more (``HANDBOOK_FUZZ``).
The real MkDocs builds of accepted handbooks are in ``tests/site/test_accepted_builds.py``.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from fuzzing import (
    BASE,
    accepted_handbook,
    apply,
    assert_located,
    copy_handbook,
    fuzz_settings,
    hostile_handbook,
    mutated_handbook,
)
from hypothesis import given
from hypothesis import strategies as st

from escalation_handbook.checks import check
from escalation_handbook.folder import Handbook, load_handbook
from escalation_handbook.render import RenderOptions, render

TODAY = date(2026, 6, 1)


def checked(changes: dict[str, bytes | None], tmp: str) -> tuple[Path, Handbook, list]:
    root = copy_handbook(BASE, Path(tmp))
    apply(root, changes)
    handbook = load_handbook(root)
    problems = check(handbook, TODAY)
    assert_located(root, problems)
    return root, handbook, problems


@fuzz_settings(40)
@given(hostile_handbook())
def test_a_hostile_file_gets_a_clean_located_report(changes: dict[str, bytes | None]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        checked(changes, tmp)


@fuzz_settings(25)
@given(st.one_of(accepted_handbook(), mutated_handbook(), hostile_handbook()))
def test_whatever_check_accepts_renders(changes: dict[str, bytes | None]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _, handbook, problems = checked(changes, tmp)
        if any(p.is_error for p in problems):
            return
        tree = render(handbook, RenderOptions(TODAY))
        assert tree.pages and all(isinstance(text, str) for text in tree.pages.values())


@fuzz_settings(10)
@given(accepted_handbook())
def test_hostile_text_in_every_field_is_accepted(changes: dict[str, bytes | None]) -> None:
    # the strategy the build test relies on must make handbooks that pass, or it proves nothing
    with tempfile.TemporaryDirectory() as tmp:
        _, _, problems = checked(changes, tmp)
        assert not [p for p in problems if p.is_error]
