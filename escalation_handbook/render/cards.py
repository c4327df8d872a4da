"""Incident cards: one printable page per playbook and one for the whole handbook.

A card is one piece of HTML (`templates/card_*.html.j2`), the same on the site's card pages
(`templates/card.md.j2`) and in the PDF `handbook cards` writes, styled by `assets/cards.css`.
It carries what someone needs when the intranet is down: who to call first, with the phone
number written out, how long they have to acknowledge, when to escalate and to whom, the
deadlines that start, the emergency numbers, when it was printed and when the policy is due for
review, and a QR code back to its page on the site (when the site's address is known).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import jinja2
import segno
from markupsafe import Markup

from ..clocks import playbook_clocks
from ..folder import Document, Handbook
from ..model import Playbook
from ..review import ReviewRecord
from . import links
from .clocks import clock_lines
from .pages import front_matter
from .views import Lookups

# Card pages are for paper: site search would only show a second copy of each playbook.
CARD_PAGE_META: dict[str, Any] = {"search": {"exclude": True}, "hide": ["navigation", "toc"]}
HANDBOOK_CARD_ID = "handbook"


@dataclass(frozen=True)
class Card:
    """One incident card, ready for the site and for the PDF."""

    id: str  # the playbook's id, or HANDBOOK_CARD_ID
    title: str
    page: str  # docs path of its page on the site
    source: str  # the YAML file it is made from, for messages
    html: str  # the card itself


def page_url(site_url: str | None, page: str) -> str | None:
    """The page's address on the published site, when mkdocs.yml says where that is."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + links.html_path(page)


def qr_svg(url: str, label: str) -> Markup:
    """A QR code for ``url`` as inline SVG, sized by the stylesheet."""
    svg = segno.make(url, error="m").svg_inline(scale=1, border=2, omitsize=True,
                                                svgclass="hb-card-qr-code", lineclass=None)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape(label)}" ', 1)
    return Markup(svg)


class CardRenderer:
    def __init__(self, handbook: Handbook, today: date, records: dict[tuple[str, str],
                 ReviewRecord], site: Lookups, env: jinja2.Environment,
                 site_url: str | None) -> None:
        self.hb = handbook
        self.today = today
        self.records = records
        self.site = site
        self.env = env
        self.site_url = site_url

    # --- what every card shows ----------------------------------------------------------

    def _contact(self, contact_id: str, page: str) -> dict[str, Any]:
        return self.site.contact(contact_id, page)

    def _emergency(self, page: str) -> dict[str, Any]:
        settings = self.hb.settings.model  # type: ignore[union-attr]
        chosen = [c for c in settings.emergency_contacts if c in self.site.contacts]
        if chosen:
            return {"title": "Emergency numbers",
                    "contacts": [self._contact(c, page) for c in chosen]}
        return {"title": "Key contacts",
                "contacts": [self._contact(c.id, page) for c in self.site.key_contacts()]}

    def _qr(self, target: str, what: str) -> dict[str, Any]:
        url = page_url(self.site_url, target)
        return {"url": url, "svg": qr_svg(url, f"QR code: {what} on the site, {url}")
                if url else None}

    def _common(self, page: str, target: str, what: str) -> dict[str, Any]:
        """What every card shows; its QR code leads to ``target``, the page it summarises."""
        settings = self.hb.settings.model  # type: ignore[union-attr]
        return {"organisation": settings.organisation, "handbook_title": settings.title,
                "printed": self.today, "emergency": self._emergency(page),
                "qr": self._qr(target, what)}

    def _card(self, template: str, card_id: str, title: str, page: str, source: str,
              **context: Any) -> Card:
        html = self.env.get_template(template).render(card_id=card_id, title=title, **context)
        return Card(card_id, title, page, source, html.strip())

    # --- the cards ----------------------------------------------------------------------

    def playbook_card(self, doc: Document[Playbook]) -> Card:
        page = links.card_page(doc.section, doc.id)
        pb = doc.model
        record = self.records[("playbook", doc.id)]
        pathways = []
        for pathway in pb.pathways:
            triggers = [{"name": t.name, "severity": self.site.severity(t.severity)}
                        for t in pb.triggers if t.pathway == pathway.id]
            if not triggers:
                continue
            steps = [{"after": str(s.after) if s.after else None,
                      "acknowledge_within": str(s.acknowledge_within)
                      if s.acknowledge_within else None,
                      "contacts": [self._contact(c, page) for c in s.contacts]}
                     for s in pathway.steps]
            pathways.append({"id": pathway.id, "name": pathway.name, "triggers": triggers,
                             "steps": steps})
        used = {t.severity for t in pb.triggers}
        severities = [self.site.severity(s) for s in self.site.severities if s in used]
        clocks = clock_lines(playbook_clocks(self.hb, doc))
        return self._card(
            "card_playbook.html.j2", doc.id, pb.title, page, doc.path, pb=pb,
            pathways=pathways, severities=severities, clocks=clocks, record=record,
            owner=self._contact(pb.owner, page),
            **self._common(page, links.playbook_page(doc.section, doc.id), pb.title))

    def handbook_card(self) -> Card:
        page = links.CARDS
        settings = self.hb.settings  # type: ignore[union-attr]
        triage = None
        if settings.model.triage:  # type: ignore[union-attr]
            tree = self.site.tree("triage", "Which playbook applies?",
                                  settings.model.triage, settings, page)  # type: ignore[arg-type,union-attr]
            numbers = {node_id: n for n, node_id in enumerate(tree["nodes"], start=1)}
            triage = {"nodes": tree["nodes"], "numbers": numbers}
        severities = []
        for sid, s in self.site.severities.items():
            severities.append({**self.site.severity(sid), "description": s.description})
        playbook_records = [r for r in self.records.values() if r.kind == "playbook"]
        next_review = min(playbook_records, key=lambda r: (r.due, r.title), default=None)
        return self._card(
            "card_handbook.html.j2", HANDBOOK_CARD_ID, settings.model.title, page,  # type: ignore[union-attr]
            settings.path, triage=triage, severities=severities, next_review=next_review,
            **self._common(page, links.HOME, "the handbook"))

    def cards(self, playbook_id: str | None = None) -> list[Card]:
        """The handbook's card then each playbook's, by section and title; or one playbook's."""
        docs = [d for _, section in self.site.playbooks_by_section() for d in section]
        if playbook_id is not None:
            return [self.playbook_card(d) for d in docs if d.id == playbook_id]
        return [self.handbook_card(), *(self.playbook_card(d) for d in docs)]

    # --- the site's card pages ----------------------------------------------------------

    def pages(self) -> dict[str, str]:
        pages = {}
        cards = self.cards()
        listed = cards[1:] if len(cards) - 1 <= links.LIST_LIMIT else None
        for card in cards:
            if card.id == HANDBOOK_CARD_ID:
                back = {"title": "Home", "url": links.relative(card.page, links.HOME)}
                others = [{"title": c.title, "url": links.relative(card.page, c.page)}
                          for c in listed] if listed is not None else None
            else:
                doc = self.site.playbooks[card.id]
                back = {"title": card.title, "url": links.relative(
                    card.page, links.playbook_page(doc.section, doc.id))}
                others = None
            pages[card.page] = self._render(
                "card.md.j2",
                front_matter=front_matter(f"Incident card: {card.title}", **CARD_PAGE_META),
                card=card, card_html=Markup(card.html), back=back, others=others,
                site_url=self.site_url)
        return pages

    def _render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)
