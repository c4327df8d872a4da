"""Diff stage: two versions of a handbook → what changed in meaning, in plain sentences.

``compare(base, head)`` reads two loaded `Handbook`s (see ``folder.load_handbook``) and returns a
`Diff`: groups of `Change` values (one group a playbook, plus the contacts, the handbook settings
and the quizzes). ``sources`` reads a git revision or a folder into a handbook; ``formats`` writes
a diff as text, Markdown, JSON or GitHub annotations.
"""

from __future__ import annotations

from .changes import KINDS, Change, Diff, Group, Kind, Skipped
from .compare import compare

__all__ = ["KINDS", "Change", "Diff", "Group", "Kind", "Skipped", "compare"]
