"""Every problem `handbook check` reports, proven by an example: the exact lines it prints.

``tests/examples/invalid/<case>/`` is a handbook with one kind of mistake (files laid over the
passing base handbook) and ``expected.txt`` the exact output, problems and summary; each valid
case must pass with no problems. Regenerate after a deliberate change with
``UPDATE_EXAMPLES=1 pytest tests/acceptance/test_examples.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import EXAMPLES, TODAY, args, build

from escalation_handbook.cli import main

INVALID = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (EXAMPLES / "valid").iterdir() if p.is_dir())


def run(root: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--today", TODAY, *extra, str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_example_reports_exact_lines(case: Path, tmp_path: Path) -> None:
    root = build(case, tmp_path)
    code, output = run(root, *args(case))
    expected = case / "expected.txt"
    if os.environ.get("UPDATE_EXAMPLES"):
        expected.write_text(output)
    assert output == expected.read_text()
    assert code == 1
    problems = output.splitlines()[:-1]
    assert problems, "an invalid example must report something"
    assert problems == sorted(problems, key=_sort_key)


def _sort_key(line: str) -> tuple[str, int, int]:
    path, line_no, col, _ = line.split(":", 3)
    return path, int(line_no), int(col)


@pytest.mark.parametrize("case", VALID, ids=[p.name for p in VALID])
def test_valid_example_passes(case: Path, tmp_path: Path) -> None:
    root = build(case, tmp_path)
    code, output = run(root, "--strict", *args(case))
    assert output.endswith(": no problems\n"), output
    assert code == 0


def test_base_handbook_passes(tmp_path: Path) -> None:
    code, output = run(build(None, tmp_path), "--strict")
    assert (code, output) == (0, "Checked 1 playbook, 2 contacts, 1 quiz: no problems\n")
