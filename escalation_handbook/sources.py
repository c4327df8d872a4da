"""Which files under a handbook folder belong to the handbook.

Two rules, for playbooks, quizzes and the pages in ``docs/`` alike. A symlink that leads out of
the handbook folder is not followed: a link to ``/etc/os-release`` would otherwise be published,
so it gets a located warning instead. A file or folder whose name starts with '.' is a draft
(``playbooks/.drafts/``): skipped, with a note, never half-published (MkDocs leaves such pages
out, so a link to one would point at nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem


@dataclass
class Sources:
    files: list[Path] = field(default_factory=list)  # sorted, folder by folder
    problems: list[Problem] = field(default_factory=list)


def handbook_files(root: Path, folder: Path, kinds: tuple[str, ...]) -> Sources:
    """Every file under ``folder`` that belongs to the handbook at ``root``. ``kinds`` (file
    name endings) are the files a skipped draft is noted for."""
    found = Sources()
    inside = root.resolve()
    if not folder.is_dir():
        return found
    if _leaves(folder, inside, found, root, always=True):
        return found
    visited: set[Path] = set()
    pending = [folder]
    while pending:  # iterative: a deep tree of folders is no recursion limit to hit
        directory = pending.pop()
        real = directory.resolve()
        if real in visited:  # a link back up the tree
            continue
        visited.add(real)
        subfolders = []
        for entry in sorted(directory.iterdir()):
            if entry.name.startswith("."):
                if _holds(entry, kinds):
                    found.problems.append(_problem(
                        root, entry, "note", "draft-skipped",
                        "skipped: a name starting with '.' marks a draft, which is neither "
                        "checked nor published; rename it to publish it"))
            elif _leaves(entry, inside, found, root):
                continue
            elif entry.is_dir():
                subfolders.append(entry)
            elif entry.is_file():
                found.files.append(entry)
        pending.extend(reversed(subfolders))
    found.files.sort()
    return found


def _leaves(entry: Path, inside: Path, found: Sources, root: Path, always: bool = False
            ) -> bool:
    """Whether ``entry`` (a link, or the folder named in the settings, which may lie under
    one) leads out of the handbook folder; reported when it does."""
    if not always and not entry.is_symlink():
        return False
    real = entry.resolve()
    if real == inside or inside in real.parents:
        return False
    found.problems.append(_problem(
        root, entry, "warning", "outside-link",
        f"this link leads out of the handbook folder (to {real}), so it is not followed: "
        "copy the file or folder into the handbook instead"))
    return True


def _holds(entry: Path, kinds: tuple[str, ...]) -> bool:
    if entry.is_file():
        return entry.name.endswith(kinds)
    return entry.is_dir() and any(p.name.endswith(kinds) for p in entry.rglob("*"))


def _problem(root: Path, entry: Path, level: str, code: str, message: str) -> Problem:
    try:
        shown = entry.relative_to(root).as_posix()
    except ValueError:
        shown = entry.as_posix()
    return Problem(shown, 1, 1, level, code, message)  # type: ignore[arg-type]
