"""Incident cards → one PDF, one page a card, laid out by WeasyPrint.

WeasyPrint rather than the test suite's headless chromium: it is a Python package that lays out
HTML and CSS for paper (`@page`, page sizes, breaks) with no browser to install or start, so
`handbook cards` works in CI and on a policy owner's laptop alike; it gives the same bytes for
the same input; and its layout is there to read, so a card that needs a second page is reported
with the parts that did not fit instead of being cut or shrunk.

Each card is laid out on its own first, to know whether it fits one page; the pages are then
joined into one document.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from .render.cards import Card

PAPERS = {"a4": "A4", "letter": "letter"}
PAPER_NAMES = {"a4": "A4", "letter": "US Letter"}
MARGIN = "10mm"  # the same as the site's print stylesheet


@dataclass(frozen=True)
class Overflow:
    """A card that needs more than one page: it is kept whole, on as many pages as it takes."""

    card: Card
    paper: str
    pages: int
    parts: tuple[str, ...]  # the card's parts that start on a later page, or the one that spills

    def __str__(self) -> str:
        return self.shown(".")

    def shown(self, folder: str) -> str:
        """The warning, its path under ``folder`` as the user named the handbook (the same rule
        as problems: ``problems.under``)."""
        source = self.card.source if folder in ("", ".") else f"{folder}/{self.card.source}"
        parts = ", ".join(f"“{p}”" for p in self.parts)
        return (f"{source}: warning: the incident card “{self.card.title}” needs "
                f"{self.pages} {PAPER_NAMES[self.paper]} pages, not one: {parts} did not fit on "
                "the first page; shorten trigger names or split the playbook so that each card "
                "fits one page [card-overflow]")


def stylesheet() -> str:
    return resources.files("escalation_handbook").joinpath("assets", "cards.css").read_text(
        "utf-8")


def card_document(card: Card, paper: str, printed: date) -> str:
    """A card as a whole HTML document for paper."""
    page_rule = f"@page {{ size: {PAPERS[paper]}; margin: {MARGIN}; }}"
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(card.title)}</title>"
            f'<meta name="dcterms.created" content="{printed.isoformat()}">'
            f'<meta name="generator" content="escalation-handbook">'
            f"<style>{page_rule}\n{stylesheet()}</style></head>"
            f"<body>{card.html}</body></html>")


def _parts(bookmarks: list[Any], found: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Every heading of a laid-out card as (label, 0-based page), in document order."""
    for label, (page, _x, _y), children, _state in bookmarks:
        found.append((label, page))
        _parts(children, found)
    return found


def _overflow(card: Card, paper: str, document: Any) -> Overflow | None:
    pages = len(document.pages)
    if pages == 1:
        return None
    headings = _parts(document.make_bookmark_tree(), [])
    later = tuple(label for label, page in headings if page > 0)
    if not later:  # one part runs across the break: the last one that starts on page 1
        later = tuple(label for label, page in headings if page == 0)[-1:]
    return Overflow(card, paper, pages, later)


def lay_out(cards: list[Card], paper: str, printed: date) -> tuple[Any, list[Overflow]]:
    """The cards as one WeasyPrint document, and those that did not fit one page."""
    from weasyprint import HTML

    documents = [HTML(string=card_document(card, paper, printed)).render() for card in cards]
    overflows = [o for card, document in zip(cards, documents, strict=True)
                 if (o := _overflow(card, paper, document)) is not None]
    joined = documents[0].copy([page for d in documents for page in d.pages])
    return joined, overflows


@contextlib.contextmanager
def _dated(printed: date) -> Iterator[None]:
    """The embedded fonts dated the print day, not the clock's second (fontTools stamps each
    subset it makes): the same cards give the same bytes. A SOURCE_DATE_EPOCH already set wins."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    moment = datetime(printed.year, printed.month, printed.day, tzinfo=timezone.utc)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def write_pdf(cards: list[Card], out: Path, paper: str, printed: date) -> list[Overflow]:
    """Write the cards to ``out`` as one PDF; return the cards that need more than a page."""
    document, overflows = lay_out(cards, paper, printed)
    out.parent.mkdir(parents=True, exist_ok=True)
    with _dated(printed):
        document.write_pdf(out)
    return overflows
