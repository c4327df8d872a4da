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
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files

from ..pipeline import CheckedFolder, author_docs, check_folder, render_folder
from ..problems import Problem, count, fails, plural
from ..render import DocsTree
from . import hook as site_hook
from .audience import for_policy_owners, without
from .files import with_generated
from .options import HandbookConfig
from .settings import enforce, name_site

log = logging.getLogger("mkdocs.plugins.handbook")
THEME_DIR = str(resources.files("escalation_handbook").joinpath("theme"))
NAME = "handbook"  # the plugin's name in mkdocs.yml, and the generated files' `generated_by`


def log_problems(problems: list[Problem], strict: bool) -> None:
    """What fails at ERROR; the rest at INFO, so that advice does not fail `mkdocs build
    --strict`."""
    for problem in problems:
        (log.error if problem.fails(strict) else log.info)(str(problem))


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
        self.today = self.config.today or date.today()
        checked = _take_checked(self.root, self.today, self.config.playbooks,
                                self.config.quizzes)
        docs = author_docs(self.root, Path(config.docs_dir))
        owners, shown = for_policy_owners(docs), self.config.policy_owner_pages
        self.docs_files = {str(p) for p in without(docs, set() if shown else owners)}
        problems = sorted([*checked.problems, *docs.sources.problems])
        log_problems(problems, self.config.strict)
        if fails(problems, self.config.strict):
            errors, warnings = count(problems)
            raise PluginError(
                f"handbook: {plural(errors, 'error')}, {plural(warnings, 'warning')} in the "
                "YAML: fix them and build again (`handbook check` lists them)")
        self.tree = render_folder(checked, docs.pages, self.config.edit_url,
                                  site_url=config.site_url or None, owner_pages=owners,
                                  policy_owner_pages=shown)
        enforce(config, self.tree)
        settings = checked.handbook.settings.model  # type: ignore[union-attr]
        disagreement = name_site(config, settings.title, settings.organisation)
        if disagreement:
            log.warning(disagreement)
        dirs = config.theme.dirs  # the theme fixes, before Material's own templates
        material = next((i for i, d in enumerate(dirs) if Path(d).parts[-2:] ==
                         ("material", "templates")), 0)
        if THEME_DIR not in dirs:
            dirs.insert(material, THEME_DIR)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.tree is not None
        tree, self.tree = self.tree, None  # MkDocs holds the pages from now on
        return with_generated(files, config, tree, self.docs_files)

    # The shared hook (escalation_handbook/site/hook.py), as the rendered mkdocs.yml runs it too.
    def on_pre_build(self, config: MkDocsConfig) -> None:
        site_hook.on_pre_build()

    @event_priority(-100)  # last: every plugin has had the Markdown
    def on_page_content(self, html: str, page: Any, config: MkDocsConfig, files: Files) -> str:
        # MkDocs keeps every page's Markdown until the build ends, beside its HTML: a generated
        # page's Markdown is needed no more once rendered (a serving process renders a changed
        # page again from its file), and at a thousand playbooks it is a hundred megabytes.
        # Empty, not None: MkDocs reads None as "not read yet" (the title would go).
        if page.file.generated_by == NAME:
            page.markdown = ""
        return html

    def on_page_context(self, context: Any, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        return site_hook.on_page_context(context, page=page)

    def on_post_page(self, output: str, page: Any, config: MkDocsConfig) -> str:
        # Written, a generated page's HTML is needed no more: the search entries are made and
        # other pages show only its title and address. MkDocs would keep it to the end (and
        # a serving process for ever).
        if page.file.generated_by == NAME:
            page.content = None
        return site_hook.on_post_page(output)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig
                         ) -> str:
        return site_hook.on_post_template(output_content, template_name)

    @event_priority(50)  # before Material's search plugin writes its index
    def _add_signals(self, config: MkDocsConfig) -> None:
        site_hook.add_signals(config)

    @event_priority(-200)  # last: the service worker lists every file the others wrote
    def _write_service_worker(self, config: MkDocsConfig) -> None:
        site_hook.write_service_worker(config)

    on_post_build = CombinedEvent(_add_signals, _write_service_worker)

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
