"""Incident cards: rendered from real handbooks, laid out by WeasyPrint, read back with pypdf.

Every card of the sample handbook fits one A4 and one US Letter page and carries, as text, the
phone numbers of the first contacts and the emergency numbers; a card too long for a page is
reported by name and kept whole.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from support import BASE, REPO, build

from escalation_handbook.folder import Document, Handbook, load_handbook
from escalation_handbook.model import Playbook
from escalation_handbook.render import RenderOptions, card_renderer
from escalation_handbook.render.cards import HANDBOOK_CARD_ID, Card

pytest.importorskip("weasyprint")
pypdf = pytest.importorskip("pypdf")

from escalation_handbook.cards_pdf import write_pdf  # noqa: E402

TODAY = date(2026, 12, 1)
SITE = "https://handbook.northwind.example/"


@pytest.fixture(scope="module")
def sample() -> Handbook:
    return load_handbook(REPO)


@pytest.fixture(scope="module")
def cards(sample: Handbook) -> list[Card]:
    return card_renderer(sample, RenderOptions(TODAY, site_url=SITE)).cards()


def _largest(handbook: Handbook) -> Document[Playbook]:
    return max(handbook.playbooks, key=lambda d: len(Path(REPO, d.path).read_bytes()))


def _text(page: object) -> str:
    return re.sub(r"\s+", " ", page.extract_text())  # type: ignore[attr-defined]


def _first_phones(handbook: Handbook, doc: Document[Playbook]) -> set[str]:
    contacts = handbook.contact_index
    return {contacts[c].phone for p in doc.model.pathways for c in p.steps[0].contacts
            if contacts[c].phone}


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_sample_card_fits_one_page(sample, cards, paper, tmp_path):
    out = tmp_path / f"cards-{paper}.pdf"
    overflows = write_pdf(cards, out, paper, TODAY)
    assert overflows == []
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == len(cards) == len(sample.playbooks) + 1
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == {"a4": (595, 842), "letter": (612, 792)}[paper]
    emergency = {sample.contact_index[c].phone for c in
                 sample.settings.model.emergency_contacts}  # type: ignore[union-attr]
    by_id = {d.id: d for d in sample.playbooks}
    for card, page in zip(cards, reader.pages, strict=True):
        text = _text(page)
        assert card.title in text
        assert "Printed 1 December 2026" in text
        for phone in emergency:
            assert phone in text, (card.id, phone)
        if card.id != HANDBOOK_CARD_ID:
            for phone in _first_phones(sample, by_id[card.id]):
                assert phone in text, (card.id, phone)
            record_due = "next review due"
            assert record_due in text


def test_the_largest_sample_playbook_has_a_card_of_one_page(sample, cards, tmp_path):
    largest = _largest(sample)
    card = next(c for c in cards if c.id == largest.id)
    out = tmp_path / "largest.pdf"
    assert write_pdf([card], out, "letter", TODAY) == []  # the shorter of the two papers
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    text = _text(reader.pages[0])
    for trigger in largest.model.triggers:
        assert trigger.name in text
    for pathway in largest.model.pathways:
        for step in pathway.steps:
            if step.acknowledge_within:
                assert f"acknowledge within {step.acknowledge_within}" in text
            if step.after:
                assert f"After {step.after}, escalate to:" in text
    for clock in largest.model.compliance:
        if clock.deadline:
            assert f"{clock.name}: within {clock.deadline}" in text


def test_qr_code_is_inline_svg_of_the_page_address(cards, sample):
    handbook_card = next(c for c in cards if c.id == HANDBOOK_CARD_ID)
    assert re.search(r'<svg role="img" aria-label="QR code: [^"]*https://handbook\.northwind\.'
                     r'example/index\.html"', handbook_card.html)
    doc = next(d for d in sample.playbooks if d.id == "data-breach")
    card = next(c for c in cards if c.id == doc.id)
    url = f"{SITE}playbooks/{doc.section}/{doc.id}.html"
    assert f">{url}</figcaption>" in card.html
    svg = re.search(r"<svg.*?</svg>", card.html, re.DOTALL)
    assert svg and "<path" in svg.group(0)


def test_without_site_url_a_card_says_it_has_no_qr_code(sample):
    card = card_renderer(sample, RenderOptions(TODAY)).cards("data-breach")[0]
    assert "<svg" not in card.html
    assert "No QR code: the site's address (<code>site_url</code> in mkdocs.yml) is not set." \
        in card.html


def _long_playbook(root: Path, triggers: int) -> None:
    lines = ["title: Everything at once", "summary: A playbook far too long for one card.",
             "owner: duty-manager", "last_reviewed: 2026-01-15", "triggers:"]
    for n in range(triggers):
        lines += [f"  - id: t{n}", f"    name: Something distinct went wrong, case number {n}",
                  "    severity: sev2", "    signals: [wrong]", "    pathway: p"]
    lines += ["pathways:", "  - id: p", "    name: Long escalation", "    steps:",
              "      - contacts: [it-oncall]", "        acknowledge_within: 15 minutes"]
    (root / "playbooks" / "general" / "everything.yaml").write_text("\n".join(lines) + "\n")


def test_a_card_too_long_is_reported_by_name_and_kept_whole(tmp_path):
    root = build(None, tmp_path)
    assert BASE.is_dir()
    _long_playbook(root, 70)
    handbook = load_handbook(root)
    card = card_renderer(handbook, RenderOptions(TODAY)).cards("everything")[0]
    out = tmp_path / "long.pdf"
    overflows = write_pdf([card], out, "a4", TODAY)
    assert len(overflows) == 1
    overflow = overflows[0]
    assert overflow.pages >= 2
    assert overflow.parts and overflow.parts[0] != "Everything at once"
    message = str(overflow)
    assert message.startswith("playbooks/general/everything.yaml: warning: the incident card "
                              f"“Everything at once” needs {overflow.pages} A4 pages, not one: ")
    assert message.endswith("[card-overflow]")
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == overflow.pages
    text = " ".join(_text(p) for p in reader.pages)
    for n in (0, 69):  # nothing cut: the first and the last trigger, and the card's foot
        assert f"case number {n}" in text
    assert "Printed 1 December 2026" in _text(reader.pages[-1])


def test_same_input_writes_the_same_pdf(cards, tmp_path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_pdf(cards[:2], first, "a4", TODAY)
    write_pdf(cards[:2], second, "a4", TODAY)
    assert first.read_bytes() == second.read_bytes()
