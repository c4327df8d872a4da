"""Problems are values: every stage reports what is wrong as a list of these, never by raising."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

# A note says what was left out on purpose (a draft): it fails nothing, not even --strict.
Level = Literal["error", "warning", "note"]

# Codes of the problems found while loading and modelling files (the checks' codes are the
# rules' in ``checks.RULES``): what each means, for the documentation and for tools.
LOAD_CODES: dict[str, str] = {
    "missing-file": "playbooks/handbook.yaml or playbooks/contacts.yaml does not exist.",
    "duplicate-file": "Both a .yaml and a .yml file of the same name exist.",
    "no-section": "A playbook sits directly in playbooks/ instead of a section folder.",
    "unreadable": "The file cannot be read.",
    "file-too-large": "The file is over 1 MB.",
    "not-utf8": "The file is not UTF-8 text.",
    "yaml-syntax": "The file is not valid YAML.",
    "empty-file": "The file holds nothing.",
    "not-a-mapping": "The file is not a mapping of keys to values at the top.",
    "complex-key": "A key is a list or a mapping instead of text.",
    "duplicate-key": "A key is written twice in one mapping.",
    "alias-bomb": "Aliases expand the file to far more values than it holds.",
    "too-many-values": "The file holds more than 100,000 values.",
    "too-deep": "Values nested more than 64 levels deep.",
    "recursive-alias": "An alias refers to a value that contains it.",
    "unknown-key": "A key this kind of file does not have (a typo, usually).",
    "missing-key": "A required key is missing.",
    "empty-value": "A key written with no value (or with a `#` after it: YAML reads a comment).",
    "wrong-type": "A value is a list, mapping or text where another kind is expected.",
    "invalid-value": "A value outside what the key allows.",
    "too-long": "A prose text (summary, description, …) over 5,000 characters.",
    "invalid-id": "An id that is not lowercase letters, digits and '-'.",
    "invalid-duration": "A duration that is not a whole number and a unit of time.",
    "invalid-date": "A date that is not YYYY-MM-DD or not in the calendar.",
    "invalid-phone": "A phone number with letters or too few or too many digits.",
    "invalid-email": "An e-mail address that is not one.",
    "invalid-url": "A URL that is not http:// or https://.",
    "invalid-hours": "Working hours that start like days and times (or 24/7) but cannot be read.",
    "outside-link": "A symlink that leads out of the handbook folder: not followed.",
    "draft-skipped": "A file or folder whose name starts with '.': a draft, skipped (a note).",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file.

    Ordered by file, line, column and code, so a sorted list reads top to bottom like the files.
    Lines and columns are 1-based; 0 means "the whole file".
    """

    path: str
    line: int
    col: int
    level: Level
    code: str
    message: str

    def __str__(self) -> str:
        return (f"{one_line(self.path)}:{self.line}:{self.col}: {self.level}: "
                f"{one_line(self.message)} [{self.code}]")

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def fails(self, strict: bool) -> bool:
        """Whether this problem stops a check or a build (warnings only when strict)."""
        return self.is_error or (strict and self.level == "warning")


def fails(problems: Iterable[Problem], strict: bool) -> bool:
    """Whether ``problems`` stop a build: the one rule for the CLI and the plugin."""
    return any(p.fails(strict) for p in problems)


def under(folder: str, problems: Iterable[Problem]) -> list[Problem]:
    """``problems`` with their paths (relative to the handbook) put under ``folder``, as the
    user who named that folder sees them: `partial/playbooks/contacts.yaml`."""
    if folder in ("", "."):
        return list(problems)
    return [p if p.path.startswith("/") else replace(p, path=f"{folder}/{p.path}")
            for p in problems]


def count(problems: list[Problem]) -> tuple[int, int]:
    """(errors, warnings) in a list of problems."""
    errors = sum(1 for p in problems if p.is_error)
    return errors, sum(1 for p in problems if p.level == "warning")


def plural(n: int, word: str) -> str:
    """`1 error`, `2 errors`, `3 quizzes`."""
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word}zes" if word.endswith("z") else f"{n} {word}s"


# Characters that would break a report's one line or act on a terminal: C0 and C1 controls (ESC
# starts the sequences that clear a screen or fake colours), DEL, Unicode's line and paragraph
# separators, and the bidirectional overrides that make text show in another order than it is.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """``text`` safe to print as part of one line: controls shown as escapes (``\\n``,
    ``\\x1b``), so a value or file name can neither forge a report nor drive a terminal."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    if char in _ESCAPES:
        return _ESCAPES[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


# Past this many problems of one kind in one file, the rest are counted, not listed: a file with
# 100,000 unknown keys gets a report that can be read (and written) in a moment.
REPEAT_LIMIT = 10


def capped(problems: Iterable[Problem]) -> list[Problem]:
    """``problems``, sorted, with at most ``REPEAT_LIMIT`` of one code in one file; the rest
    summed up in one more problem where the first of them is."""
    kept: list[Problem] = []
    shown: dict[tuple[str, str], int] = {}
    hidden: dict[tuple[str, str], tuple[Problem, int]] = {}
    for problem in sorted(problems):
        group = (problem.path, problem.code)
        if shown.get(group, 0) < REPEAT_LIMIT:
            shown[group] = shown.get(group, 0) + 1
            kept.append(problem)
        else:
            first, n = hidden.get(group, (problem, 0))
            hidden[group] = (first, n + 1)
    for first, n in hidden.values():
        kept.append(more_like_these(first.path, first.line, first.col, first.level, first.code,
                                    n))
    return sorted(kept)


def more_like_these(path: str, line: int, col: int, level: Level, code: str, n: int) -> Problem:
    """The problem standing for ``n`` more of the same code in the same file."""
    return Problem(path, line, col, level, code,
                   f"and {n:,} more {code} problem{'s' if n != 1 else ''} in this file, not "
                   f"listed past the first {REPEAT_LIMIT}: fix those, then check again")
