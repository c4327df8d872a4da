"""The check registry: every rule documented, codes unique, and problems sorted values."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from support import build

from escalation_handbook.checks import RULES, check
from escalation_handbook.folder import load_handbook
from escalation_handbook.problem_formats import FORMATS, as_json, github, summary, text
from escalation_handbook.problems import LOAD_CODES, Problem, count, plural


def test_every_rule_has_a_docstring_and_a_unique_code() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    assert not set(codes) & set(LOAD_CODES), "a rule's code clashes with a loading problem's"
    for rule in RULES:
        assert rule.doc and len(rule.doc) > 20, rule.code
        assert rule.code == rule.code.lower() and " " not in rule.code
        assert rule.level in ("error", "warning")


# The warnings about time (time_checks.py), apart so that lists of others grow without conflict
TIME_WARNINGS = {"unused-clock", "single-point-of-failure", "unused-contact", "hours-free-text"}


def test_the_warnings_are_the_advice_rules() -> None:
    assert {r.code for r in RULES if r.level == "warning"} == TIME_WARNINGS | {
        "no-signals", "no-decision-tree", "no-quiz", "finder-words", "no-triage", "no-call",
        "unreached-trigger", "duplicate-title", "quiz-outdated", "link-scheme",
        "unknown-section"}


def test_every_load_code_is_described() -> None:
    assert all(text.endswith(".") for text in LOAD_CODES.values())


def test_a_rule_that_finds_nothing_is_quiet(tmp_path: Path) -> None:
    handbook = load_handbook(build(None, tmp_path))
    assert check(handbook, date(2026, 6, 1)) == []


def test_problems_sort_by_file_line_column_code() -> None:
    a = Problem("b.yaml", 2, 1, "error", "x", "m")
    b = Problem("a.yaml", 10, 1, "error", "x", "m")
    c = Problem("a.yaml", 9, 30, "warning", "y", "m")
    assert sorted([a, b, c]) == [c, b, a]
    assert str(c) == "a.yaml:9:30: warning: m [y]"


def test_plural_and_count() -> None:
    assert [plural(n, w) for n, w in [(1, "error"), (2, "error"), (0, "warning"), (3, "quiz"),
                                      (1, "quiz"), (17, "contact")]] == [
        "1 error", "2 errors", "0 warnings", "3 quizzes", "1 quiz", "17 contacts"]
    problems = [Problem("a", 1, 1, "error", "x", "m"), Problem("a", 1, 1, "warning", "y", "m")]
    assert count(problems) == (1, 1)


COUNTED = {"playbook": 8, "contact": 17, "quiz": 3}
PROBLEMS = [
    Problem("playbooks/a b/x,y.yaml", 3, 7, "error", "unknown-key",
            "unknown key 'escalte_after': did you mean 'after'?"),
    Problem("quizzes/q.yaml", 1, 1, "error", "quiz-questions", "100% wrong\nsecond line"),
    Problem("quizzes/q.yaml", 2, 1, "warning", "no-quiz", "no quiz covers playbook 'x'"),
]


def test_summary_line() -> None:
    assert summary(PROBLEMS, COUNTED) == "Checked 8 playbooks, 17 contacts, 3 quizzes: 2 errors, " \
                                         "1 warning"
    assert summary([], {"playbook": 1, "contact": 1, "quiz": 1}) == (
        "Checked 1 playbook, 1 contact, 1 quiz: no problems")


def test_text_format() -> None:
    assert text(PROBLEMS[:1], COUNTED) == (
        "playbooks/a b/x,y.yaml:3:7: error: unknown key 'escalte_after': did you mean 'after'? "
        "[unknown-key]\nChecked 8 playbooks, 17 contacts, 3 quizzes: 1 error, 0 warnings")


def test_json_format() -> None:
    data = json.loads(as_json(PROBLEMS, COUNTED))
    assert data == {
        "problems": [
            {"path": "playbooks/a b/x,y.yaml", "line": 3, "col": 7, "level": "error",
             "code": "unknown-key",
             "message": "unknown key 'escalte_after': did you mean 'after'?"},
            {"path": "quizzes/q.yaml", "line": 1, "col": 1, "level": "error",
             "code": "quiz-questions", "message": "100% wrong\nsecond line"},
            {"path": "quizzes/q.yaml", "line": 2, "col": 1, "level": "warning",
             "code": "no-quiz", "message": "no quiz covers playbook 'x'"},
        ],
        "checked": COUNTED, "errors": 2, "warnings": 1,
    }


def test_github_format_escapes_what_would_break_the_command() -> None:
    forged = Problem("q\x1b[2J.yaml", 1, 1, "error", "unknown-key", "sev1\x1b[31mFAKE OK")
    assert github([forged], COUNTED).split("\n")[0] == (
        "::error file=q\\x1b[2J.yaml,line=1,col=1,title=unknown-key::sev1\\x1b[31mFAKE OK")
    assert github(PROBLEMS, COUNTED).split("\n") == [
        "::error file=playbooks/a b/x%2Cy.yaml,line=3,col=7,title=unknown-key::unknown key "
        "'escalte_after': did you mean 'after'?",
        "::error file=quizzes/q.yaml,line=1,col=1,title=quiz-questions::100%25 wrong%0Asecond line",
        "::warning file=quizzes/q.yaml,line=2,col=1,title=no-quiz::no quiz covers playbook 'x'",
        "Checked 8 playbooks, 17 contacts, 3 quizzes: 2 errors, 1 warning",
    ]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_handles_no_problems(name: str) -> None:
    assert FORMATS[name]([], COUNTED)
