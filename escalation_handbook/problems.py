"""Problems are values: every stage reports what is wrong as a list of these, never by raising."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]

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
    "recursive-alias": "An alias refers to a value that contains it.",
    "unknown-key": "A key this kind of file does not have (a typo, usually).",
    "missing-key": "A required key is missing.",
    "wrong-type": "A value is a list, mapping or text where another kind is expected.",
    "invalid-value": "A value outside what the key allows.",
    "invalid-id": "An id that is not lowercase letters, digits and '-'.",
    "invalid-duration": "A duration that is not a whole number and a unit of time.",
    "invalid-date": "A date that is not YYYY-MM-DD or not in the calendar.",
    "invalid-phone": "A phone number with letters or too few or too many digits.",
    "invalid-email": "An e-mail address that is not one.",
    "invalid-url": "A URL that is not http:// or https://.",
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
        return f"{self.path}:{self.line}:{self.col}: {self.level}: {self.message} [{self.code}]"

    @property
    def is_error(self) -> bool:
        return self.level == "error"


def count(problems: list[Problem]) -> tuple[int, int]:
    """(errors, warnings) in a list of problems."""
    errors = sum(1 for p in problems if p.is_error)
    return errors, len(problems) - errors


def plural(n: int, word: str) -> str:
    """`1 error`, `2 errors`, `3 quizzes`."""
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word}zes" if word.endswith("z") else f"{n} {word}s"
