"""Problems → text for people, JSON for tools, workflow commands for GitHub. Chosen by name."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict

from .problems import Problem, count, one_line, plural


def summary(problems: list[Problem], counted: dict[str, int]) -> str:
    """`Checked 8 playbooks, 17 contacts, 3 quizzes: 2 errors, 1 warning`."""
    errors, warnings = count(problems)
    what = ", ".join(plural(n, word) for word, n in counted.items())
    verdict = "no problems" if not problems else f"{plural(errors, 'error')}, " + plural(
        warnings, "warning")
    return f"Checked {what}: {verdict}"


def text(problems: list[Problem], counted: dict[str, int]) -> str:
    lines = [str(p) for p in problems]
    lines.append(summary(problems, counted))
    return "\n".join(lines)


def as_json(problems: list[Problem], counted: dict[str, int]) -> str:
    errors, warnings = count(problems)
    return json.dumps(
        {"problems": [asdict(p) for p in problems], "checked": counted,
         "errors": errors, "warnings": warnings},
        indent=2, ensure_ascii=False,
    )


def _escape_data(value: str) -> str:
    # GitHub's workflow command syntax: these would end or break the command; the log shows
    # the line as written, so terminal control characters are escaped too
    return one_line(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_command(level: str, path: str, line: int, col: int, title: str, message: str) -> str:
    props = [f"file={_escape_property(path)}"]
    if line:
        props.append(f"line={line}")
    if col:
        props.append(f"col={col}")
    props.append(f"title={_escape_property(title)}")
    return f"::{level} {','.join(props)}::{_escape_data(message)}"


GITHUB_LEVELS = {"error": "error", "warning": "warning", "note": "notice"}


def github(problems: list[Problem], counted: dict[str, int]) -> str:
    lines = [github_command(GITHUB_LEVELS[p.level], p.path, p.line, p.col, p.code, p.message)
             for p in problems]
    lines.append(summary(problems, counted))
    return "\n".join(lines)


FORMATS: dict[str, Callable[[list[Problem], dict[str, int]], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
}
