"""A real git repository holding a copy of the sample handbook, for `handbook diff` tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

from support import copy_sample

_IDENTITY = ["-c", "user.name=Test", "-c", "user.email=test@example.com",
             "-c", "commit.gpgsign=false"]


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *_IDENTITY, "-C", str(repo), *args], capture_output=True,
                            text=True, check=True)
    return result.stdout


def sample_repo(path: Path) -> Path:
    """The sample handbook committed on `main` in a new repository at ``path``, with the
    branch `change` checked out for the change under test."""
    copy_sample(path)
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "sample")
    git(path, "checkout", "-q", "-b", "change")
    return path


def edit(repo: Path, file: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``file`` (a test that edits nothing fails)."""
    path = repo / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def commit(repo: Path, message: str = "change") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
