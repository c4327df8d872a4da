"""The MkDocs plugin `handbook`: a thin shell that checks the YAML and adds the rendered pages.

    plugins:
      - search
      - tags
      - offline
      - handbook:
          playbooks: playbooks   # folders relative to mkdocs.yml
          quizzes: quizzes
"""

from __future__ import annotations

import logging
import os
from datetime import date
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from ..model.values import is_web_url
from ..pipeline import CheckedFolder, check_folder, render_folder
from ..problems import Problem, count, plural
from ..render import DocsTree
from ..render.text import attr_text
from ..sources import handbook_files
from . import hook as site_hook
from .settings import REQUIRED_EXTENSIONS, required_settings

log = logging.getLogger("mkdocs.plugins.handbook")
THEME_DIR = str(resources.files("escalation_handbook").joinpath("theme"))


class WebUrl(c.BaseConfigOption[str]):
    """A full http(s) URL: a page links to it, so no `javascript:` or other scheme."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not is_web_url(value.strip()):
            raise c.ValidationError(
                f"{value!r} is not a web address: write a full http:// or https:// URL")
        return value.strip()


class HandbookConfig(base.Config):
    playbooks = c.Type(str, default="playbooks")
    quizzes = c.Type(str, default="quizzes")
    # The date review statuses are computed against at build time (the browser recomputes
    # them); set it for reproducible builds and tests. Default: today.
    today = c.Optional(c.Type(str))
    # Base URL of the repository's files, for "Edit this page" links to the YAML sources,
    # such as https://git.example.com/handbook/edit/main/
    edit_url = c.Optional(WebUrl())
    # Fail the build on the checks' warnings too (advice such as a playbook no quiz covers).
    strict = c.Type(bool, default=False)


def log_problems(problems: list[Problem], strict: bool) -> None:
    """Errors at ERROR; warnings at INFO unless strict, so they do not fail `mkdocs build
    --strict` for advice."""
    for problem in problems:
        if problem.fails(strict):
            log.error(str(problem))
        else:
            log.info(str(problem))


# A handbook the CLI has just checked (`handbook serve`), used by the first build instead of
# checking it again; later builds (live reload) check the files as they are then.
_checked_ahead: CheckedFolder | None = None


def use_checked(checked: CheckedFolder) -> None:
    global _checked_ahead
    _checked_ahead = checked


def _take_checked(root: Path, today: date, playbooks_dir: str, quizzes_dir: str
                  ) -> CheckedFolder:
    global _checked_ahead
    ahead, _checked_ahead = _checked_ahead, None
    if ahead is not None and ahead.today == today and (
            ahead.handbook.root.resolve(), ahead.handbook.playbooks_dir,
            ahead.handbook.quizzes_dir) == (root, playbooks_dir, quizzes_dir):
        return ahead
    return check_folder(root, today, playbooks_dir, quizzes_dir)


class HandbookPlugin(BasePlugin[HandbookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.tree: DocsTree | None = None
        self.docs_files: set[str] = set()  # the files under docs/ the handbook publishes
        self.root = Path(".")
        self.today = date.today()

    @event_priority(100)  # before other plugins see the pages, nav and theme
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        today = date.fromisoformat(self.config.today) if self.config.today else date.today()
        self.today = today
        checked = _take_checked(self.root, today, self.config.playbooks, self.config.quizzes)
        docs = handbook_files(self.root, Path(config.docs_dir), (".md",))
        self.docs_files = {str(p) for p in docs.files}
        problems = sorted([*checked.problems, *docs.problems])
        log_problems(problems, self.config.strict)
        errors, warnings = count(problems)
        if errors or (self.config.strict and warnings):
            raise PluginError(
                f"handbook: {plural(errors, 'error')}, {plural(warnings, 'warning')} in the "
                "YAML: fix them and build again (`handbook check` lists them)")
        docs_dir = Path(config.docs_dir)
        pages = [p.relative_to(docs_dir).as_posix() for p in sorted(map(Path, self.docs_files))
                 if p.suffix == ".md"]
        self.tree = render_folder(checked, pages, self.config.edit_url,
                                  site_url=config.site_url or None)
        self._apply(config, self.tree)
        return config

    def _apply(self, config: MkDocsConfig, tree: DocsTree) -> None:
        settings = required_settings(tree)
        config.use_directory_urls = settings["use_directory_urls"]
        config.theme["font"] = settings["theme.font"]
        dirs = config.theme.dirs
        material = next((i for i, d in enumerate(dirs) if Path(d).parts[-2:] ==
                         ("material", "templates")), 0)
        if THEME_DIR not in dirs:
            dirs.insert(material, THEME_DIR)
        for css in settings["extra_css"]:
            if css not in config.extra_css:
                config.extra_css.append(css)
        scripts = [str(s) for s in config.extra_javascript]
        for js in settings["extra_javascript"]:
            if js not in scripts:
                config.extra_javascript.append(js)
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if config.nav is None:
            config.nav = _escaped_nav(tree.nav)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.tree is not None
        # MkDocs follows every link under docs/: leave out what the handbook's rules do not
        # take (links out of the handbook folder; drafts, which MkDocs leaves out itself)
        docs_dir = str(Path(config.docs_dir)) + os.sep
        for file in list(files):
            source = file.abs_src_path
            if (file.generated_by is None and source and source.startswith(docs_dir)
                    and os.path.normpath(source) not in self.docs_files):
                files.remove(file)
        on_disk = {f.src_uri: f for f in files}  # one look-up table: Files rebuilds its own
        for path, content in self.tree.items():  # after every change
            existing = on_disk.get(path)
            if existing is not None:
                if existing.generated_by is None:
                    raise PluginError(
                        f"handbook: {config.docs_dir}/{path} has the same path as a page the "
                        "handbook generates: rename or move it")
                files.remove(existing)
            # UTF-8 bytes take half the memory of the page's str (its arrows and dots make
            # Python store it two bytes a character)
            data = content.encode("utf-8") if isinstance(content, str) else content
            files.append(File.generated(config, path, content=data))
        self.tree = None  # MkDocs holds the pages now
        # In the order MkDocs finds files on disk, so that the search index comes out the same
        # as a `mkdocs build` of the tree `handbook render` writes.
        return Files(sorted(files, key=_disk_order))

    # The shared hook (escalation_handbook/site/hook.py), as the rendered mkdocs.yml runs it too.
    def on_pre_build(self, config: MkDocsConfig) -> None:
        site_hook.on_pre_build()

    def on_page_context(self, context: Any, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        return site_hook.on_page_context(context, page=page)

    def on_post_page(self, output: str, page: Any, config: MkDocsConfig) -> str:
        return site_hook.on_post_page(output)

    def on_post_build(self, config: MkDocsConfig) -> None:
        site_hook.on_post_build(config)

    def on_pre_page(self, page: Any, config: MkDocsConfig, files: Files) -> Any:
        # MkDocs dates every page with the build day (the sitemap and the mtime in
        # sitemap.xml.gz come from it): use the handbook's today so that the same input
        # builds byte-identical output on any day.
        page.update_date = self.today.isoformat()
        return page

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any
                 ) -> LiveReloadServer:
        for folder in (self.config.playbooks, self.config.quizzes):
            path = self.root / folder
            if path.is_dir():
                server.watch(str(path))
        return server


def _disk_order(file: File) -> tuple[tuple[str, ...], bool, str]:
    """MkDocs' walk: folder by folder (sorted, depth first), index/README first in each."""
    path = PurePosixPath(file.src_uri)
    return (path.parent.parts, path.stem not in ("index", "README"), path.name)


def _escaped_nav(nav: list[Any]) -> list[Any]:
    """Navigation titles are printed unescaped by themes: escape the ones from the YAML."""
    result: list[Any] = []
    for item in nav:
        if isinstance(item, dict):
            result.append({attr_text(k): _escaped_nav(v) if isinstance(v, list) else v
                           for k, v in item.items()})
        else:
            result.append(item)
    return result
