"""Every problem `handbook check` reports, proven by an example: the exact lines it prints.

``tests/examples/invalid/<code>/`` is a handbook with mistakes of one kind (files laid over the
passing base handbook), named after the code it reports, and ``expected.txt`` the exact output,
problems and summary. A code with several ways to go wrong holds one case a way instead:
``invalid/<code>/<way>/``. ``tests/examples/mixed/`` holds handbooks with several kinds at once.
Each valid case must pass with no problems. Every code of the checks and of loading has an example
(or, where a folder cannot hold one, a test named after it: ``test_<code>_…``). Regenerate after a
deliberate change with ``UPDATE_EXAMPLES=1 pytest tests/acceptance/test_examples.py`` and review
the diff.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import EXAMPLES, TODAY, args, build

from escalation_handbook.checks import RULES
from escalation_handbook.cli import main
from escalation_handbook.problems import LOAD_CODES

CODES = sorted({*LOAD_CODES, *(r.code for r in RULES)})
INVALID_DIR = EXAMPLES / "invalid"
INVALID = sorted(p.parent for p in INVALID_DIR.rglob("expected.txt"))
MIXED = sorted(p.parent for p in (EXAMPLES / "mixed").rglob("expected.txt"))
VALID = sorted(p for p in (EXAMPLES / "valid").iterdir() if p.is_dir())
TESTS = Path(__file__).parents[1]


def run(root: Path, *extra: str) -> tuple[int, str]:
    """`handbook check` run in the handbook folder, so paths read `playbooks/…` (paths are
    shown from the current directory: see test_cli's test_paths_…)."""
    here = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["check", "--today", TODAY, *extra])
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def _id(case: Path) -> str:
    return case.relative_to(EXAMPLES).as_posix()


@pytest.mark.parametrize("case", [*INVALID, *MIXED], ids=[_id(p) for p in [*INVALID, *MIXED]])
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


@pytest.mark.parametrize("case", INVALID, ids=[_id(p) for p in INVALID])
def test_invalid_example_reports_the_code_it_is_named_after(case: Path) -> None:
    code = case.relative_to(INVALID_DIR).parts[0]
    assert code in CODES, f"{_id(case)}: name it after the code it shows (one of {CODES})"
    assert f" [{code}]" in (case / "expected.txt").read_text(), f"{_id(case)} never reports {code}"


def test_every_code_has_an_example() -> None:
    tested = {node.name for path in TESTS.rglob("test_*.py")
              for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
              if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}
    missing = [code for code in CODES if not (INVALID_DIR / code).is_dir() and not any(
        name.startswith(f"test_{code.replace('-', '_')}_") for name in tested)]
    assert missing == [], (f"add tests/examples/invalid/<code>/ (or a test named "
                           f"test_<code>_…) for: {', '.join(missing)}")


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
