"""Prose fields (summary, description, actions, explain, …): the Markdown they may use, and the
links they hold.

One parser configuration for the renderer (``render.text``) and the checks: a link the check
warns about is exactly one the page would show as plain text.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pydantic import BaseModel

from .annotations import item_type, model_class, unwrap, without_none
from .values import ProseMark

if TYPE_CHECKING:  # imported when a text with a link is read: `handbook check` starts faster
    from markdown_it import MarkdownIt

# Where a link in prose may lead: the web, an e-mail, a phone call, or a page of this site
# (a link with no scheme). Anything else (`javascript:`, `file:`, `data:`) is shown as text.
LINK_SCHEMES = ("http", "https", "mailto", "tel")
# Only what the renderer's allow-list keeps: headings, rules, code blocks, images and entities
# are text.
DISABLED_RULES = ["heading", "lheading", "hr", "code", "fence", "html_block", "html_inline",
                  "image", "entity"]


def markdown() -> MarkdownIt:
    """The prose parser: CommonMark, raw HTML shown as text, the rules above disabled."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).disable(DISABLED_RULES)


@cache
def _every_link() -> MarkdownIt:
    """The same parser, keeping every link whatever it points at, to see what the author
    wrote."""
    parser = markdown()
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def link_allowed(href: str) -> bool:
    """A link the page keeps: one of ``LINK_SCHEMES``, or a relative link (no scheme)."""
    try:
        scheme = urlsplit(href.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme == "" or scheme in LINK_SCHEMES


# What every Markdown link holds: `](` (inline), `]:` (a reference's definition), `<scheme:`
# (an autolink). A file without any of them holds no link.
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:")
_BRACKET_LINK = re.compile(r"\][(:]")  # one pass for both (`in` takes one for each, slower)


def might_link(text: str) -> bool:
    """Whether ``text`` (a whole file) may hold a Markdown link: a quick test before the walk."""
    return (_BRACKET_LINK.search(text) is not None
            or ("<" in text and _AUTOLINK.search(text) is not None))


@lru_cache(maxsize=16384)
def refused_links(text: str) -> tuple[str, ...]:
    """The targets of the links in ``text`` that the page shows as plain text."""
    if "[" not in text and "<" not in text:  # no link, inline, reference or autolink
        return ()
    found: list[str] = []
    for block in _every_link().parse(text):
        for token in block.children or ():  # links are inline: one level down
            if token.type == "link_open":
                href = str(token.attrGet("href") or "")
                if not link_allowed(href):
                    found.append(href)
    return tuple(found)


Loc = tuple[str | int, ...]


def prose_texts(obj: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every prose text in ``obj`` and the models it holds, with where it is (its loc)."""
    for name, kind in _plan(type(obj)):
        value = getattr(obj, name)
        if value is None:
            continue
        at = (*loc, name)
        if kind == "prose":
            yield at, value
        elif kind == "prose list":
            yield from (((*at, i), text) for i, text in enumerate(value))
        elif kind == "model":
            yield from prose_texts(value, at)
        elif kind == "model list":
            for i, item in enumerate(value):
                yield from prose_texts(item, (*at, i))
        else:  # "model mapping"
            for key, item in value.items():
                yield from prose_texts(item, (*at, key))


def _is_prose(annotation: Any) -> bool:
    annotation = without_none(annotation)
    return typing.get_origin(annotation) is typing.Annotated and any(
        isinstance(m, ProseMark) for m in typing.get_args(annotation)[1:])


@cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """The fields of ``model`` that hold prose or models holding prose, and how."""
    plan = []
    for name, field in model.model_fields.items():
        annotation = without_none(field.annotation)
        inner = item_type(annotation)
        if any(isinstance(m, ProseMark) for m in field.metadata) or _is_prose(annotation):
            plan.append((name, "prose"))
        elif inner is not None and _is_prose(inner):
            plan.append((name, "prose list"))
        elif model_class(unwrap(annotation)) is not None:
            plan.append((name, "model"))
        elif inner is not None and model_class(unwrap(inner)) is not None:
            plan.append((name, "model list" if typing.get_origin(annotation) is list
                         else "model mapping"))
    return tuple(plan)
