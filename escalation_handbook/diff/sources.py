"""Where the two sides of a diff come from: a folder, or a git revision read without checkout.

A revision is read with `git archive` into a temporary folder, so the working tree, the index
and the checked-out branch are never touched. A path that is a folder is a folder; anything else
is a revision of the git repository that holds the handbook folder.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class SourceError(Exception):
    """A side that cannot be read: the message says which and what to do."""


@dataclass(frozen=True)
class Source:
    """A folder (``revision`` None) or a revision of the repository holding ``folder``."""

    folder: Path
    revision: str | None = None

    @property
    def label(self) -> str:
        return self.revision if self.revision is not None else self.folder.as_posix()


def sources(base: str, head: str | None, handbook_dir: Path) -> tuple[Source, Source]:
    """`BASE [HEAD] [DIR]` as the command reads them.

    HEAD left out is the handbook folder as it is on disk. A HEAD that is a folder is that
    folder (and a BASE revision is read for the same folder of its repository).
    """
    if head is not None and Path(head).is_dir():
        handbook_dir = Path(head)
        head_source = Source(handbook_dir)
    elif head is None:
        head_source = Source(handbook_dir)
    else:
        head_source = Source(handbook_dir, head)
    base_source = Source(Path(base)) if Path(base).is_dir() else Source(handbook_dir, base)
    return base_source, head_source


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                              check=False)
    except FileNotFoundError:
        raise SourceError("git is not installed: install it, or compare two folders") from None


def _error(result: subprocess.CompletedProcess[bytes]) -> str:
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"git exited with {result.returncode}"


@contextlib.contextmanager
def opened(source: Source) -> Iterator[Path]:
    """The handbook folder of ``source``; a revision's is a temporary copy, removed after."""
    if source.revision is None:
        yield source.folder
        return
    revision, folder = source.revision, source.folder
    prefix = _git(folder, "rev-parse", "--show-toplevel", "--show-prefix")
    if prefix.returncode != 0:
        raise SourceError(f"'{revision}' is not a folder, and {folder} is not in a git "
                          "repository to read it as a revision from: give two folders, or run "
                          "the command inside the repository")
    top, relative = [*prefix.stdout.decode("utf-8").splitlines(), ""][:2]
    commit = _git(folder, "rev-parse", "--verify", "--quiet", "--end-of-options",
                  f"{revision}^{{commit}}")
    if commit.returncode != 0:
        raise SourceError(f"'{revision}' is neither a folder nor a revision of the git "
                          f"repository at {folder}: name a branch, tag or commit that exists "
                          "(in CI, fetch the target branch first: actions/checkout with "
                          "fetch-depth: 0)")
    sha = commit.stdout.decode().strip()
    archive = _git(Path(top), "archive", "--format=tar", sha, *([relative] if relative else []))
    if archive.returncode != 0:
        raise SourceError(f"the handbook folder {relative.rstrip('/') or '.'} does not exist in "
                          f"'{revision}' ({_error(archive)})")
    with tempfile.TemporaryDirectory(prefix="handbook-diff-") as temporary:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(temporary, filter="data")
            else:  # pragma: no cover - Python before the extraction filters
                tar.extractall(temporary)  # git's own archive of the repository
        yield Path(temporary) / relative
