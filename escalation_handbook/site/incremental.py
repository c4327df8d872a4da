"""`handbook serve`: a first full build, then, on each save, only the pages whose bytes changed.

MkDocs' own live reload builds the whole site again on every change (46 s at a thousand
playbooks): Material writes the navigation into every page, so each page costs the same. Here
the serving process keeps the last build (MkDocs' files, navigation, theme environment and
search entries) and, when the YAML changes, runs the plugin's check and render again (the
pipeline keeps each file's model and each unchanged page's Markdown between builds), compares
the new docs tree with the one built, and takes through MkDocs only the pages whose Markdown
changed; every other file stays as it is on disk. The search index is put together again from
the kept entries of the pages left alone and the new entries of those rebuilt.

What a page shows of the others (its navigation, its neighbours in the footer, the tag index)
depends on the navigation, the pages' titles and their tags: when any of those changes, when a
page or file is added or removed, or when mkdocs.yml or `docs/` changes, the whole site is built
as MkDocs would, so a rebuild is never more than a full build. Either way the pages served are
byte for byte those of a clean build (`tests/site/test_serve_incremental.py`).
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands.build import _build_page, _populate_page, build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.livereload import LiveReloadServer, _serve_url
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from ..render.links import TAGS
from . import hook as site_hook
from .error_page import problems_logged, show_problems
from .plugin import NAME as PLUGIN
from .settings import load_overrides

log = logging.getLogger("mkdocs.plugins.handbook")
RECORDER = "handbook/serve"  # the name the recorder is registered under in a build's plugins


class _Recorder(BasePlugin):  # type: ignore[type-arg]
    """Keeps what a full build made (files, navigation, theme environment), last of all."""

    def __init__(self) -> None:
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: Any = None

    @event_priority(-100)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.files = files
        return files

    @event_priority(-100)
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    @event_priority(-100)
    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        self.env = env
        return env


@dataclass
class _Built:
    """The last build: what MkDocs made it from and what the handbook gave it."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Any
    outside: dict[str, tuple[int, int]]  # mkdocs.yml and docs/: a change there builds all
    search: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # page url → entries


def _state_of(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file under ``paths``."""
    seen: dict[str, tuple[int, int]] = {}
    for path in paths:
        found = [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []
        for item in found:
            if item.is_file():
                stat = item.stat()
                seen[str(item)] = (stat.st_size, stat.st_mtime_ns)
    return seen


def _search_plugin(config: MkDocsConfig) -> Any:
    return next((p for p in config.plugins.values() if hasattr(p, "search_index")), None)


def _by_page(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    pages: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        pages.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    return pages


class Builder:
    """The builder `LiveReloadServer` calls on each change (and once to start)."""

    def __init__(self, config_file: str, site_dir: str, serve_url: str | None = None) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.serve_url = serve_url
        self.built: _Built | None = None
        self.problems: list[str] = []  # while the last build failed: what the error page lists

    def config(self) -> MkDocsConfig:
        config = load_config(config_file=self.config_file, site_dir=self.site_dir,
                             **load_overrides(Path(self.config_file)))
        if self.serve_url:
            config.site_url = self.serve_url
        return config

    def __call__(self, config: MkDocsConfig | None = None) -> None:
        start = time.perf_counter()
        with problems_logged() as logged:
            try:
                if self.built is None or self._outside_changed() or not self._update():
                    self.full(config)
                    log.info(f"handbook: built the whole site in "
                             f"{time.perf_counter() - start:.2f} s")
                self.problems = []
            except (PluginError, ConfigurationError, Abort) as error:  # logged: no traceback
                log.error(f"{error} (the browser shows the problems until a save fixes them)")
                self.problems = logged[:-1] or [str(error)]

    # --- a full build -----------------------------------------------------------------

    def full(self, config: MkDocsConfig | None = None) -> None:
        self.built = None  # until this build succeeds, the next change builds all again
        config = config or self.config()
        recorder = _Recorder()
        config.plugins[RECORDER] = recorder
        build(config, serve_url=self.serve_url)
        assert recorder.files is not None and recorder.nav is not None
        search = _search_plugin(config)
        self.built = _Built(config, recorder.files, recorder.nav, recorder.env,
                            self._outside(config),
                            _by_page(search.search_index.entries) if search else {})

    def _outside(self, config: MkDocsConfig) -> dict[str, tuple[int, int]]:
        return _state_of([Path(self.config_file), Path(config.docs_dir)])

    def _outside_changed(self) -> bool:
        assert self.built is not None
        return self._outside(self.built.config) != self.built.outside

    # --- an update of the pages that changed ------------------------------------------

    def _update(self) -> bool:
        """Rebuild only what changed; False when the change needs a full build."""
        assert self.built is not None
        start = time.perf_counter()
        built = self.built
        config, files = built.config, built.files
        plugin = config.plugins[PLUGIN]
        shape = (config.nav, config.extra_css, config.extra_javascript)
        plugin.on_config(config)  # checks and renders (raises, leaving the site, on errors)
        tree, plugin.tree = plugin.tree, None
        generated = {f.src_uri: f for f in files if f.generated_by == PLUGIN}
        if (shape != (tree.nav, config.extra_css, config.extra_javascript)
                or set(generated) != {p for p, _ in tree.items()}):
            return False
        changed: list[tuple[File, str | bytes]] = []
        for path, content in tree.items():  # a page kept by the memo is the very same str
            file = generated[path]
            if (file.content_string if isinstance(content, str) else file.content_bytes
                    ) != content:
                changed.append((file, content))
        pages = [file for file, _ in changed if file.page is not None]
        if any(file.src_uri == TAGS for file in pages):
            return False  # the tags plugin fills the tag index in from every page's tags
        before = {file.src_uri: (file.page.title, file.page.meta.get("tags"))  # type: ignore[union-attr]
                  for file in pages}
        for file, data in changed:
            if isinstance(data, str):
                file.content_string = data
            else:
                file.content_bytes = data
            if file.page is None:
                file.copy_file()
            else:
                _populate_page(file.page, config, files)
        if any((file.page.title, file.page.meta.get("tags")) != before[file.src_uri]  # type: ignore[union-attr]
               for file in pages):
            return False  # the navigation, the footers or the tag index show it: build all
        self._build_pages(pages)
        log.info(f"handbook: updated {len(pages)} pages and {len(changed) - len(pages)} files "
                 f"in {time.perf_counter() - start:.2f} s")
        return True

    def _build_pages(self, pages: list[File]) -> None:
        built = self.built
        assert built is not None
        config, files = built.config, built.files
        inclusion = InclusionLevel.is_in_serve if self.serve_url else InclusionLevel.is_included
        doc_files = files.documentation_pages(inclusion=inclusion)
        search = _search_plugin(config)
        if search is not None:
            search.search_index.entries = []
        for file in pages:
            site_hook.forget_page(file.url)
            assert file.page is not None
            _build_page(file.page, config, doc_files, built.nav, built.env,
                        excluded=file.inclusion.is_excluded())
        if search is not None:  # every page's entries, in the order a full build adds them
            fresh = _by_page(search.search_index.entries)
            for file in pages:
                built.search[file.url] = fresh.get(file.url, [])
            search.search_index.entries = [
                entry for file in doc_files for entry in built.search.get(file.url, [])]
        config.plugins.on_post_build(config=config)


# The events that mean a file was saved, made, removed or renamed: the system also reports
# every file opened and closed unwritten, and each build reads every YAML file.
SAVES = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
         FileClosedEvent, DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class _SavesObserver(Observer):  # type: ignore[misc,valid-type]
    def schedule(self, event_handler: Any, path: Any, *, recursive: bool = False,
                 event_filter: Any = None, follow_symlink: bool = False) -> Any:
        return super().schedule(event_handler, path, recursive=recursive,
                                event_filter=event_filter or SAVES,
                                follow_symlink=follow_symlink)


def _observer(poll: bool) -> BaseObserver:
    """What tells the server a file changed: the operating system's change events (inotify,
    FSEvents, …), as soon as a file is saved; or, with ``poll``, MkDocs' own poll of every
    watched file each half second (a quarter of a second of every reload, on average)."""
    return PollingObserver(timeout=0.5) if poll else _SavesObserver()


class ServeError(Exception):
    """The server could not start: the port is taken, or the files cannot be watched."""


def _why_not_served(error: OSError, host: str, port: int, poll: bool) -> str:
    if error.errno == errno.EADDRINUSE:
        return f"{host}:{port} is in use by another program: pick another with --port"
    if error.errno in (errno.ENOSPC, errno.EMFILE) and not poll:  # the system's watch limits
        return f"the files cannot be watched for changes ({error}): run with --poll"
    return str(error)


def serve(config_file: str, host: str, port: int, poll: bool = False) -> None:
    """Serve with live reload, rebuilding as `Builder` does; blocks until Ctrl+C."""
    site_dir = tempfile.mkdtemp(prefix="handbook_")
    mkdocs_log = logging.getLogger("mkdocs")
    if not mkdocs_log.handlers:  # what MkDocs' own `serve` shows: builds, reloads, problems
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        mkdocs_log.addHandler(handler)
        mkdocs_log.setLevel(logging.INFO)
    builder = Builder(config_file, site_dir)
    config = builder.config()
    config.plugins.on_startup(command="serve", dirty=False)
    mount_path = urlsplit(config.site_url or "/").path
    builder.serve_url = config.site_url = _serve_url(host, port, mount_path)
    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir,
                              mount_path=mount_path)

    def error_page(code: int) -> bytes | None:
        page = os.path.join(site_dir, f"{code}.html")
        if code in (404, 500) and os.path.isfile(page):
            with open(page, "rb") as file:
                return file.read()
        return None

    server.observer = _observer(poll)  # before anything is watched
    server.error_handler = error_page
    show_problems(server, lambda: builder.problems)
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        except OSError as error:
            raise ServeError(_why_not_served(error, host, port, poll)) from error
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)

