"""Check a folder, render a folder: the one way the plugin, the CLI and the benchmark run the
stages (load → model → check → render), with the garbage-collector policy they share."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import check
from .folder import FileCache, Handbook, load_handbook
from .problems import Problem, fails
from .sources import Sources, handbook_files

if TYPE_CHECKING:  # rendering (Jinja, Markdown, nh3, segno) is imported when a folder is rendered
    from .render import DocsTree, RenderMemo


@dataclass
class _Kept:
    files: FileCache
    pages: RenderMemo


_kept: _Kept | None = None


def keep_between_builds() -> None:
    """From now on, keep each file's load and each playbook's pages from one check and render
    to the next, and redo only what changed: for a process that builds one handbook again and
    again (`handbook serve`). Whatever is kept, the result is what a fresh run gives."""
    global _kept
    from .render import RenderMemo

    if _kept is None:
        _kept = _Kept(FileCache(), RenderMemo())


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a handbook is loaded and checked.

    The node trees kept for locating problems are millions of small objects that live as long as
    the handbook and hold no cycles (reference counting frees them): the collector would only
    walk them again and again while they are built and used. On leaving, what was made is moved
    to the permanent generation (`gc.freeze`), or the first collection after the pause would
    walk it all once more; the next pause hands the previous one's objects back to the
    collector, so a long `handbook serve` frees what earlier builds left. Nested pauses are fine.
    """
    was_enabled = gc.isenabled()
    if was_enabled:
        gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


@dataclass
class CheckedFolder:
    """A loaded handbook, its problems, and the date they were checked against."""

    handbook: Handbook
    problems: list[Problem]
    today: date

    def stops(self, strict: bool) -> bool:
        """Errors (or, when strict, warnings) stop a build."""
        return fails(self.problems, strict)


def load_folder(root: Path | str, playbooks_dir: str = "playbooks",
                quizzes_dir: str = "quizzes") -> Handbook:
    """Every file of the handbook at ``root`` loaded and modelled, under the GC pause."""
    with gc_paused():
        return load_handbook(root, playbooks_dir, quizzes_dir)


def check_folder(root: Path | str, today: date | None = None, playbooks_dir: str = "playbooks",
                 quizzes_dir: str = "quizzes") -> CheckedFolder:
    """Load and check the handbook at ``root`` against ``today`` (default: the clock's)."""
    today = today or date.today()
    with gc_paused():
        handbook = load_handbook(root, playbooks_dir, quizzes_dir,
                                 _kept.files if _kept else None)
        return CheckedFolder(handbook, check(handbook, today), today)


@dataclass
class AuthorDocs:
    """The author's own files under ``docs/`` that belong to the handbook (the rules of
    ``sources``: no link out of the handbook folder, no draft), with their problems."""

    folder: Path
    sources: Sources

    @property
    def pages(self) -> list[str]:
        """The Markdown pages among them, as docs paths, for the navigation."""
        return [p.relative_to(self.folder).as_posix() for p in self.sources.files
                if p.suffix == ".md"]


def author_docs(root: Path, docs_dir: Path) -> AuthorDocs:
    """What the site takes from ``docs_dir`` (none without the folder, or from an empty one:
    the build's stand-in for a missing docs/, which is not the handbook's)."""
    if not docs_dir.is_dir() or not any(docs_dir.iterdir()):
        return AuthorDocs(docs_dir, Sources())
    return AuthorDocs(docs_dir, handbook_files(root, docs_dir, (".md",)))


def render_folder(checked: CheckedFolder, pages: list[str], edit_url_base: str | None = None,
                  site_url: str | None = None, owner_pages: Iterable[str] = (),
                  policy_owner_pages: bool = True) -> DocsTree:
    """The docs tree of a checked handbook, its navigation listing the author's ``pages``:
    under Guides, except ``owner_pages``, listed for policy owners (or, without
    ``policy_owner_pages``, not at all).

    Rendering makes short-lived cycles (Jinja's contexts) that the collector must see, so it
    runs after the pause.
    """
    from .render import RenderOptions, render

    owners = set(owner_pages)
    guides = [p for p in pages if p not in owners]
    return render(checked.handbook, RenderOptions(
        checked.today, edit_url_base=edit_url_base,
        extra_nav=[{"Guides": guides}] if guides else [], site_url=site_url,
        owner_pages=[p for p in pages if p in owners], policy_owner_pages=policy_owner_pages),
        _kept.pages if _kept else None)
