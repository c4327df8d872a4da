"""Render stage: a checked handbook → a docs tree (path → Markdown or bytes) plus its navigation.

Pages are Markdown whose structure (headings, for the table of contents and search) is Markdown
and whose components are HTML blocks, so they build the same with or without our MkDocs plugin.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import jinja2

from ..folder import Handbook
from ..review import STATUS_LABELS, review_records
from ..review.formats import records_to_json
from . import assets, links
from .cards import CardRenderer
from .dependencies import RenderMemo
from .finder import finder_files
from .incident_log import data_files as log_data_files
from .offline import offline_files, page_data, removal_files
from .pages import PageRenderer, Pages
from .views import Lookups

NAV_LIMIT = 15
POLICY_OWNERS_SECTION = "For policy owners"  # the navigation's last section, for editors


@dataclass
class DocsTree:
    """What the site is made of: pages and files by docs path, and the navigation."""

    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    extra_css: list[str] = field(default_factory=list)
    extra_javascript: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # MkDocs' `extra`, for the theme

    def items(self) -> list[tuple[str, str | bytes]]:
        return sorted([*self.pages.items(), *self.files.items()])


@dataclass
class RenderOptions:
    today: date
    edit_url_base: str | None = None  # joined with a YAML file's path for "Edit this page"
    extra_nav: list[Any] = field(default_factory=list)  # the author's own pages
    site_url: str | None = None  # mkdocs.yml's site_url: where the QR codes on cards point
    owner_pages: list[str] = field(default_factory=list)  # the author's pages for policy owners
    # False for a reader build: no page for policy owners, no "Source:" line on playbooks
    policy_owner_pages: bool = True


def render(handbook: Handbook, options: RenderOptions, memo: RenderMemo | None = None
           ) -> DocsTree:
    """The whole docs tree for a handbook that passed its checks; with a ``memo`` of the
    previous render, playbook pages and cards whose inputs did not change are taken from it."""
    records = review_records(handbook, options.today)
    renderer = PageRenderer(handbook, options.today, records, options.edit_url_base,
                            environment(), show_source=options.policy_owner_pages)
    cards = card_renderer(handbook, options, renderer)
    if memo is not None:
        memo.attach(renderer, cards)
    tree = DocsTree()
    pages = renderer.pages()
    if not options.policy_owner_pages:
        del pages.markdown[links.REFERENCE]
    tree.pages.update(pages.markdown)
    tree.pages.update(cards.pages())
    tree.files[links.REVIEW_JSON] = records_to_json(records, options.today).encode()
    tree.files.update(finder_files(renderer.finder_index))
    tree.files.update(log_data_files(renderer.site, renderer.log_script))
    tree.files.update(assets.asset_files())
    tree.extra_css = list(assets.STYLESHEETS)
    tree.extra_javascript = [assets.SCRIPT]
    settings = handbook.settings.model  # type: ignore[union-attr]  # checked: it is there
    if settings.offline_copy:
        tree.files.update(offline_files(settings.title))
        tree.extra["handbook_offline"] = page_data(options.today, len(handbook.playbooks))
    else:
        tree.files.update(removal_files())
    owners = [links.REFERENCE, *options.owner_pages] if options.policy_owner_pages else []
    tree.nav = navigation(pages, renderer.site, options.extra_nav, owners)
    clear_caches()
    return tree


def card_renderer(handbook: Handbook, options: RenderOptions,
                  renderer: PageRenderer | None = None) -> CardRenderer:
    """The incident cards of a handbook that passed its checks (for the site and the PDF)."""
    if renderer is None:
        renderer = PageRenderer(handbook, options.today, review_records(handbook, options.today),
                                options.edit_url_base, environment())
    return CardRenderer(handbook, options.today, renderer.records, renderer.site, renderer.env,
                        options.site_url)


def clear_caches() -> None:
    """The render caches are for one render (front matter for two: a serving process renders
    most of it again): do not keep a handbook's text alive longer."""
    from .links import _relative, relative
    from .pages import next_render
    from .text import _prose

    next_render()
    _prose.cache_clear()
    _relative.cache_clear()
    relative.cache_clear()


def navigation(pages: Pages, site: Lookups, extra: list[Any], owners: list[str]) -> list[Any]:
    """Home, playbooks by section, directory, severities, training, review, the author's pages,
    then the pages for policy owners (``owners``)."""
    sections: list[Any] = []
    cards: list[Any] = [links.CARDS]  # the handbook's card, then each playbook's by section
    for section, docs in pages.sections:
        entries: list[Any] = [links.section_page(section)]
        entries += [{d.model.title: links.playbook_page(section, d.id)} for d in docs]
        sections.append({site.section_title(section): entries})
        cards.append({site.section_title(section): [
            {d.model.title: links.card_page(section, d.id)} for d in docs]})
    # Material writes the visible navigation into every page: long lists go one level down,
    # where `navigation.prune` leaves them out of every page but their own.
    def grouped(index: str, title: str, items: list[Any]) -> Any:
        if not items:
            return index
        return [index, {title: items}] if len(items) > NAV_LIMIT else [index, *items]

    training = grouped(links.TRAINING, "Quizzes", [
        {q.model.title: links.quiz_page(q.id)} for q in pages.quizzes])
    contacts = grouped(links.CONTACTS, "Teams", [
        {name: links.team_page(team_slug)} for team_slug, (name, _) in site.teams.items()
    ] if site.split_directory else [])
    review = grouped(links.REVIEW, "By part", pages.review_parts)
    tags = [{"Tags": links.TAGS}] if links.TAGS in pages.markdown else []
    return [
        {"Home": links.HOME},
        {"Playbooks": sections},
        {"Contacts": contacts},
        {"Severity levels": links.SEVERITIES},
        {"Coverage": links.COVERAGE},
        {"Training": training},
        {"Review status": review},
        {"Incident cards": cards},
        {"Incident log": links.LOG},
        *extra,
        *tags,
        *([{POLICY_OWNERS_SECTION: [
            {"Writing playbooks": p} if p == links.REFERENCE else p for p in owners]}]
          if owners else []),
    ]


@functools.cache  # compiling the templates is most of a small handbook's render: once a process
def environment() -> jinja2.Environment:
    from .text import md, prose, prose_inline, script_json
    from .views import compact_tree
    from .wording import (
        CONTACT_TEXT,
        QUIZ_BEST_TEXT,
        QUIZ_STATUS_TEXT,
        REVIEW_AS_OF_TODAY,
        longdate,
        quiz_progress_data,
        review_as_of,
        status_label_data,
    )

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("escalation_handbook", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        # Markdown's attribute lists ({#anchor}) look like Jinja comments: ours are {#- … -#}
        comment_start_string="{#-", comment_end_string="-#}",
    )
    env.filters.update(md=md, prose=prose, prose_inline=prose_inline, script_json=script_json,
                       compact_tree=compact_tree,
                       longdate=longdate)
    env.globals.update(status_labels=STATUS_LABELS, status_label_data=status_label_data(),
                       quiz_status_data=quiz_progress_data(QUIZ_STATUS_TEXT),
                       quiz_best_data=quiz_progress_data(QUIZ_BEST_TEXT),
                       review_as_of=review_as_of, review_as_of_today=REVIEW_AS_OF_TODAY,
                       contact_text=CONTACT_TEXT)
    return env


__all__ = ["DocsTree", "RenderMemo", "RenderOptions", "card_renderer", "render"]
