"""Property: whatever an author does to a handbook's files, `check` gives a clean, located report.

Hypothesis mutates the starter handbook's files — keys deleted, duplicated, misspelt or re-typed,
values swapped for other types, files truncated at random bytes — and every time the check must
not raise, and every problem must point at a line and column that exist in a file that exists
(or in the file it says is missing), with a known code and a message.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from fuzzing import (
    BASE,
    apply,
    assert_located,
    copy_handbook,
    fuzz_settings,
    handbook_files,
    mutated_handbook,
)
from hypothesis import given
from hypothesis import strategies as st
from support import copy_base

from escalation_handbook.checks import check
from escalation_handbook.folder import load_handbook

SAMPLE = Path(__file__).parents[2]  # the sample handbook: playbooks/ and quizzes/ at the top
FILES = handbook_files(BASE)
TODAY = date(2026, 6, 1)


def _check_mutated(base: Path, changes: dict[str, bytes | None]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_handbook(base, Path(tmp))
        apply(root, changes)
        assert_located(root, check(load_handbook(root), TODAY))


@fuzz_settings(150)
@given(mutated_handbook())
def test_any_mutation_gives_a_clean_located_report(changes: dict[str, bytes | None]) -> None:
    _check_mutated(BASE, changes)


@pytest.mark.skipif(not (SAMPLE / "playbooks" / "handbook.yaml").is_file(),
                    reason="the sample handbook is not written yet")
@fuzz_settings(60)
@given(mutated_handbook(SAMPLE))
def test_any_mutation_of_the_sample_gives_a_clean_located_report(
        changes: dict[str, bytes | None]) -> None:
    _check_mutated(SAMPLE, changes)


@fuzz_settings(60)
@given(st.sampled_from(FILES), st.data())
def test_truncating_a_file_anywhere_is_reported_cleanly(name: str, data: st.DataObject) -> None:
    raw = (BASE / name).read_bytes()
    cut = data.draw(st.integers(0, len(raw)))
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_base(Path(tmp))
        (root / name).write_bytes(raw[:cut])
        problems = check(load_handbook(root), TODAY)
        assert_located(root, problems)
        if cut == 0:
            assert any(p.code == "empty-file" and p.path == name for p in problems)
