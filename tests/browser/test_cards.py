"""Incident card pages and print styles in a real browser (Playwright + Debian's chromium).

The sample handbook is built once; each card page printed by chromium fits one A4 and one US
Letter page; card pages pass axe, are linked from the home page and every playbook, and are not
in the site search; an ordinary page printed shows its content alone, the tree as its outline
and each outside link followed by its address.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from support import axe_violations, built_site, copy_sample

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TODAY = "2026-12-01"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return built_site(copy_sample(tmp_path_factory.mktemp("cards-site") / "handbook"), TODAY,
                      timeout=120)


@pytest.fixture(scope="module")
def url(site, serve):
    with serve(site) as (base, _stop):
        yield base


def _card_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in (site / "cards").rglob("*.html"))


def test_every_playbook_and_the_handbook_have_a_card_page(site):
    playbooks = sorted(p.relative_to(site / "playbooks").as_posix()
                       for p in (site / "playbooks").glob("*/*.html") if p.name != "index.html")
    assert len(playbooks) >= 8
    assert _card_pages(site) == sorted(["cards/index.html",
                                        *(f"cards/{p}" for p in playbooks)])


def test_card_pages_are_not_in_the_site_search(site):
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    locations = [d["location"] for d in index["docs"]]
    assert any(loc.startswith("playbooks/") for loc in locations)
    assert not [loc for loc in locations if loc.startswith("cards/")]


def test_home_and_each_playbook_link_to_their_card(page, url, site):
    page.goto(url + "index.html")
    page.locator("a.hb-card-link").click()
    assert page.url == url + "cards/index.html"
    assert page.locator(".hb-card h1").inner_text() == "Northwind Escalation Handbook"
    for card in [c for c in _card_pages(site) if c != "cards/index.html"]:
        playbook = card.removeprefix("cards/")
        page.goto(url + "playbooks/" + playbook)
        title = page.locator("article h1").first.inner_text().rstrip("¶")
        page.locator(".hb-card-link a").click()
        assert page.url == url + card
        assert page.locator(".hb-card h1").inner_text() == title


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_each_card_page_prints_on_one_page(page, url, site, paper):
    pypdf = pytest.importorskip("pypdf")
    for card in _card_pages(site):
        page.goto(url + card)
        pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format=paper)))
        text = pdf.pages[0].extract_text()
        assert len(pdf.pages) == 1, (card, paper, [p.extract_text()[:80] for p in pdf.pages])
        assert "999" in text and "Print this page" not in text, card


def test_card_pages_pass_axe(page, url):
    for card in ("cards/index.html", "cards/security/data-breach.html"):
        page.goto(url + card)
        assert axe_violations(page) == [], card


def test_a_printed_page_shows_the_content_alone_and_in_full(page, url):
    page.goto(url + "playbooks/security/data-breach.html")
    page.wait_for_selector(".hb-tree.hb-js")  # the widget has replaced the outline on screen
    assert not page.locator(".hb-tree .hb-outline").is_visible()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-search", ".hb-tree-ui",
                   ".hb-card-link", ".md-footer"):
        loc = page.locator(hidden).first
        assert loc.count() == 0 or not loc.is_visible(), hidden
    assert page.locator(".hb-tree .hb-outline").is_visible()
    assert page.locator(".hb-timeline .hb-step").first.is_visible()
    after = page.evaluate("""() => {
        const a = [...document.querySelectorAll('.md-content a[href^="http"]')][0];
        return [a.getAttribute('href'), getComputedStyle(a, '::after').content];
    }""")
    assert after[1] == f'" <{after[0]}>"'
    steps = page.evaluate("""() => [...document.querySelectorAll('.hb-step')]
        .map(s => getComputedStyle(s).breakInside)""")
    assert steps and set(steps) == {"avoid"}
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()
