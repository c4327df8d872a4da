"""Problems are values: every stage reports what is wrong as a list of these, never by raising."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]


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
