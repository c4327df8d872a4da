"""`handbook check` as a user runs it: output formats, exit codes, and a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import EXAMPLES, TODAY, build

from escalation_handbook.cli import main

REPO = Path(__file__).parents[2]
WARNINGS = EXAMPLES / "mixed" / "warnings"
ERRORS = EXAMPLES / "invalid" / "unknown-key" / "misspelt"


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_clean_handbook_exits_0(tmp_path: Path) -> None:
    assert invoke("check", "--today", TODAY, str(build(None, tmp_path))) == (
        0, "Checked 1 playbook, 2 contacts, 1 quiz: no problems\n")


def test_errors_exit_1(tmp_path: Path) -> None:
    code, output = invoke("check", "--today", TODAY, str(build(ERRORS, tmp_path)))
    assert code == 1
    assert output.endswith("Checked 1 playbook, 2 contacts, 1 quiz: 2 errors, 0 warnings\n")


def test_warnings_exit_0_unless_strict(tmp_path: Path) -> None:
    root = str(build(WARNINGS, tmp_path))
    code, output = invoke("check", "--today", TODAY, root)
    assert code == 0
    assert output.endswith(": 0 errors, 3 warnings\n")
    assert invoke("check", "--today", TODAY, "--strict", root) == (1, output)


def test_missing_folder_exits_2_with_a_clear_message(tmp_path: Path) -> None:
    code, output = invoke("check", str(tmp_path / "nowhere"))
    assert code == 2
    assert "Directory" in output and "nowhere" in output and "does not exist" in output
    assert "Traceback" not in output


def test_a_file_instead_of_a_folder_exits_2(tmp_path: Path) -> None:
    (tmp_path / "file.yaml").write_text("a: 1\n")
    code, output = invoke("check", str(tmp_path / "file.yaml"))
    assert code == 2
    assert "is a file" in output


def test_bad_today_exits_2(tmp_path: Path) -> None:
    code, output = invoke("check", "--today", "2026-02-30", str(build(None, tmp_path)))
    assert code == 2
    assert "'2026-02-30' is not a date: write it as YYYY-MM-DD" in output


def test_today_decides_what_is_in_the_future(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(build(None, tmp_path))
    code, output = invoke("check", "--today", "2026-01-14")
    assert code == 1
    assert output.splitlines()[:2] == [
        "playbooks/general/service-outage.yaml:5:16: error: last_reviewed 2026-01-15 is in the "
        "future (today is 2026-01-14): write the day the review happened [future-date]",
        "quizzes/service-outage-basics.yaml:4:16: error: last_reviewed 2026-01-15 is in the "
        "future (today is 2026-01-14): write the day the review happened [future-date]",
    ]


def test_an_empty_folder_reports_the_missing_files(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("check") == (1, (
        "playbooks/contacts.yaml:1:1: error: playbooks/contacts.yaml is missing: every handbook "
        "needs one (`handbook init` writes an example) [missing-file]\n"
        "playbooks/handbook.yaml:1:1: error: playbooks/handbook.yaml is missing: every handbook "
        "needs one (`handbook init` writes an example) [missing-file]\n"
        "Checked 0 playbooks, 0 contacts, 0 quizzes: 2 errors, 0 warnings\n"))


def test_json_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(ERRORS, tmp_path)
    monkeypatch.chdir(tmp_path)
    code, output = invoke("check", "--today", TODAY, "--format", "json", "handbook")
    assert code == 1
    assert json.loads(output) == {
        "problems": [
            {"path": "handbook/playbooks/general/service-outage.yaml", "line": 16, "col": 9,
             "level": "error", "code": "unknown-key",
             "message": "unknown key 'escalte_after': did you mean 'after'? (allowed here: "
                        "after, contacts, acknowledge_within, actions)"},
            {"path": "handbook/playbooks/general/service-outage.yaml", "line": 29, "col": 1,
             "level": "error", "code": "unknown-key",
             "message": "unknown key 'titel': did you mean 'title'? (allowed here: id, title, "
                        "summary, owner, last_reviewed, review_every, tags, compliance, "
                        "triggers, pathways, decision_tree, communications)"},
        ],
        "checked": {"playbook": 1, "contact": 2, "quiz": 1},
        "errors": 2,
        "warnings": 0,
    }


def test_github_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(WARNINGS, tmp_path)
    monkeypatch.chdir(tmp_path)
    code, output = invoke("check", "--today", TODAY, "--format", "github", "handbook")
    assert code == 0
    assert output.splitlines() == [
        "::warning file=handbook/playbooks/general/service-outage.yaml,line=1,col=1,"
        "title=no-decision-tree::playbook 'service-outage' has no decision_tree: add questions "
        "that lead a reader to the right trigger",
        "::warning file=handbook/playbooks/general/service-outage.yaml,line=6,col=5,"
        "title=no-signals::trigger 'service-down' has no signals: add the words people would "
        "search for, so search finds it",
        "::warning file=handbook/playbooks/general/untrained.yaml,line=1,col=1,"
        "title=no-quiz::no quiz covers playbook 'untrained': add it to a quiz's 'playbooks'",
        "Checked 2 playbooks, 2 contacts, 1 quiz: 0 errors, 3 warnings",
    ]


@pytest.mark.parametrize(("cwd", "argument", "shown"), [
    (".", "partial", "partial/"),
    (".", "./partial/", "partial/"),
    ("partial", ".", ""),
    ("partial/playbooks", "..", None),  # above the current directory: absolute
    ("elsewhere", "../partial", None),
])
def test_paths_are_shown_from_the_current_directory(
        cwd: str, argument: str, shown: str | None, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`handbook check partial` prints `partial/playbooks/…`: a path that can be clicked in a
    terminal or an editor, in every format."""
    root = tmp_path / "partial"
    build(ERRORS, tmp_path).rename(root)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / cwd)
    prefix = f"{root.as_posix()}/" if shown is None else shown
    path = f"{prefix}playbooks/general/service-outage.yaml"
    assert invoke("check", "--today", TODAY, argument)[1].startswith(f"{path}:16:9: error: ")
    problems = json.loads(invoke("check", "--today", TODAY, "--format", "json", argument)[1])
    assert {p["path"] for p in problems["problems"]} == {path}
    github = invoke("check", "--today", TODAY, "--format", "github", argument)[1]
    assert github.startswith(f"::error file={path.replace(':', '%3A')},line=16,col=9,")


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    code, output = invoke("check", "--format", "xml", str(tmp_path))
    assert code == 2
    assert "'xml' is not one of" in output


@pytest.mark.parametrize("command", [
    [str(REPO / ".venv" / "bin" / "handbook")],
    [sys.executable, "-m", "escalation_handbook"],
], ids=["console-script", "python-m"])
def test_a_real_process(command: list[str], tmp_path: Path) -> None:
    if not Path(command[0]).exists():
        pytest.skip("no console script in this environment")
    root = build(ERRORS, tmp_path)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([*command, "check", "--today", TODAY, str(root)], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=60)
    assert done.returncode == 1, done.stderr
    # paths as seen from the current directory (tmp_path): under the folder that was named
    expected = (ERRORS / "expected.txt").read_text().splitlines(keepends=True)
    assert done.stdout == "".join(f"handbook/{line}" for line in expected[:-1]) + expected[-1]
    assert done.stderr == ""
    missing = subprocess.run([*command, "check", str(tmp_path / "nowhere")], capture_output=True,
                             text=True, env=env, timeout=60)
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr and "Traceback" not in missing.stderr


def test_check_from_inside_the_handbook_folder(tmp_path: Path) -> None:
    root = build(None, tmp_path)
    done = subprocess.run([sys.executable, "-m", "escalation_handbook", "check", "--today", TODAY],
                          capture_output=True, text=True, cwd=root, timeout=60)
    assert (done.returncode, done.stdout) == (
        0, "Checked 1 playbook, 2 contacts, 1 quiz: no problems\n")


def test_the_sample_handbook_passes() -> None:
    if not (REPO / "playbooks" / "handbook.yaml").is_file():
        pytest.skip("the sample handbook is not written yet")
    code, output = invoke("check", str(REPO))
    assert output.splitlines()[-1].startswith("Checked "), output
    assert ": 0 errors" in output or ": no problems" in output, output
    assert code == 0


def _crash(*_: object) -> None:
    raise RuntimeError("a bug\nover two lines")


@pytest.mark.parametrize("command", [["check"], ["stale"], ["render", "--out", "rendered"]])
def test_an_internal_error_exits_3_with_one_line(command: list[str], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # a bug anywhere under any command: the one wrapper in cli/ reports it
    monkeypatch.setattr("escalation_handbook.folder._load_settings", _crash)
    root = build(None, tmp_path)
    command = [part if part != "rendered" else str(tmp_path / "rendered") for part in command]
    result = CliRunner().invoke(main, [*command, str(root)])
    assert result.exit_code == 3
    assert result.stderr == (
        "handbook: internal error, please report it: RuntimeError: a bug\\nover two lines "
        "(--debug shows the traceback)\n")


def test_debug_shows_the_traceback_of_an_internal_error(tmp_path: Path) -> None:
    script = ("import sys, escalation_handbook.folder as f\n"
              "def crash(*a): raise RuntimeError('a bug')\n"
              "f._load_settings = crash\n"
              "from escalation_handbook.cli import main\n"
              "main(sys.argv[1:], prog_name='handbook')\n")
    root = str(build(None, tmp_path))
    quiet = subprocess.run([sys.executable, "-c", script, "check", root], capture_output=True,
                           text=True, check=False)
    debug = subprocess.run([sys.executable, "-c", script, "--debug", "check", root],
                           capture_output=True, text=True, check=False)
    assert (quiet.returncode, debug.returncode) == (3, 3)
    assert "Traceback" not in quiet.stderr
    assert debug.stderr.startswith("Traceback (most recent call last):")
    assert debug.stderr.endswith(
        "RuntimeError: a bug\nhandbook: internal error, please report it: RuntimeError: a bug\n")


def test_a_usage_error_exits_2_and_problems_exit_1_under_debug_too(tmp_path: Path) -> None:
    assert invoke("--debug", "check", str(tmp_path / "nowhere"))[0] == 2
    assert invoke("--debug", "check", "--today", TODAY, str(build(ERRORS, tmp_path)))[0] == 1
