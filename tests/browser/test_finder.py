"""The incident finder on the built sample site, in Chromium at a phone's size (390×844):
informal words reach a visible, tappable Call link; typos, apostrophes, nothing found, no
JavaScript, file://, no other host, axe-core; and the browser ranks exactly as `handbook
search` does (one implementation, the case table in tests/finder_cases.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from finder_cases import (
    APOSTROPHES,
    HELD_OUT_QUERIES,
    NOTHING,
    SAMPLE_QUERIES,
    TYPOS,
    phrasings,
    queries,
)
from support import REPO, axe_violations, built_site, copy_sample

from escalation_handbook.folder import load_handbook
from escalation_handbook.search import Finder

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return built_site(copy_sample(tmp_path_factory.mktemp("finder-site") / "handbook"))


@pytest.fixture(scope="module")
def base(site, serve):
    with serve(site) as (url, _stop):
        yield url


@pytest.fixture(scope="module")
def phone(browser, base):
    """One phone-sized page on the home page, reused: each test types a new query."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(base)
    ready(page)
    yield page
    context.close()


def ready(page) -> None:
    """Reach for the box, as a reader does: the finder loads its engine and index then.
    (Focused from the keyboard: a click would leave the mouse hovering over what the results
    then bring under it.)"""
    page.locator("#hb-finder-input").blur()
    page.locator("#hb-finder-input").focus()
    page.wait_for_function("window.HandbookFinderIndex && window.HandbookFinder")


def ask(page, query: str, typed: bool = False) -> list[str]:
    """Put ``query`` in the finder; the trigger keys of the cards shown, in order."""
    box = page.locator("#hb-finder-input")
    if typed:
        box.fill("")
        box.press_sequentially(query, delay=15)
    else:
        box.fill(query)  # fires `input`, which is all the finder listens to
    return page.evaluate("""() => Array.from(
        document.querySelectorAll('.hb-finder-card:not([hidden]) .hb-finder-title a'))
        .map(a => a.getAttribute('href').split('#trigger-')[1])""")


def first_call_in_view(page) -> dict:
    return page.evaluate("""() => {
        const a = document.querySelector('.hb-finder-card a.hb-finder-call');
        if (!a) return null;
        const r = a.getBoundingClientRect();
        return {href: a.getAttribute('href'), top: r.top, bottom: r.bottom, height: r.height,
                inView: r.top >= 0 && r.bottom <= innerHeight};
    }""")


ASK_ALL = """queries => queries.map(q => {
    const box = document.getElementById('hb-finder-input');
    box.value = q;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    const cards = Array.from(document.querySelectorAll('.hb-finder-card:not([hidden])'));
    return cards.map(card => {
        const a = card.querySelector('a.hb-finder-call');
        const r = a && a.getBoundingClientRect();
        return {trigger: card.querySelector('.hb-finder-title a').getAttribute('href')
                    .split('#trigger-')[1],
                tel: a ? a.getAttribute('href') : null,
                inView: !!r && r.top >= 0 && r.bottom <= innerHeight, height: r ? r.height : 0};
    });
})"""


def test_every_trigger_is_found_by_informal_words_with_its_call_link_in_view(phone) -> None:
    table = phrasings()
    answers = phone.evaluate(ASK_ALL, [p.query for p in table])
    for case, cards in zip(table, answers, strict=True):
        found = [c["trigger"] for c in cards]
        assert case.trigger in found, (case.query, found)
        assert cards[0]["tel"].startswith("tel:") and cards[0]["height"] >= 44, case.query
        assert cards[0]["inView"], case.query  # type, tap Call: no scrolling
        if found.index(case.trigger) == 0:
            continue
        assert cards[found.index(case.trigger)]["tel"], case.query


def test_typing_key_by_key_shows_the_best_match_first(phone) -> None:
    for query in ("reporter rang about the crash", "laptop nicked"):
        shown = ask(phone, query, typed=True)
        expected = "crisis-coverage" if "reporter" in query else "lost-device"
        assert shown[0] == expected


@pytest.mark.parametrize(("query", "trigger"), TYPOS)
def test_typos(phone, query, trigger) -> None:
    assert ask(phone, query)[:1] == [trigger]


@pytest.mark.parametrize("spellings", APOSTROPHES, ids=lambda s: s[0])
def test_apostrophes(phone, spellings) -> None:
    results = [ask(phone, s) for s in spellings]
    assert results[0] and all(r == results[0] for r in results)


@pytest.mark.parametrize("query", NOTHING)
def test_nothing_found_offers_the_questions_and_the_emergency_contacts(phone, query) -> None:
    assert ask(phone, query) == []
    results = phone.locator(".hb-finder-results")
    assert f"Nothing matches “{query}”." in results.inner_text()
    triage = results.locator("a.hb-finder-triage")
    assert triage.get_attribute("href") == "#start-here-questions"
    assert phone.locator("#start-here-questions").count() == 1
    calls = results.locator("a.hb-finder-call")
    assert calls.count() >= 2
    assert all(h.startswith("tel:") for h in calls.evaluate_all("l => l.map(a => a.href)"))


def test_the_browser_ranks_exactly_as_handbook_search(phone) -> None:
    finder = Finder(load_handbook(REPO))
    cases = [c.query for c in queries(SAMPLE_QUERIES) + queries(HELD_OUT_QUERIES)]
    cases += [p.query for p in phrasings()] + [q for q, _ in TYPOS]
    in_browser = phone.evaluate("""qs => { const f = window.HandbookFinderIndex.__engine;
        return qs.map(q => f.search(q).map(h => [h.id, h.score])); }""", cases)
    in_python = [[[h.key, h.score] for h in finder.search(q)] for q in cases]
    assert in_browser == in_python


def test_the_finder_is_focused_first_and_has_a_label(browser, base) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base)
    assert page.evaluate("document.activeElement.id") == "hb-finder-input"
    assert page.locator("label[for=hb-finder-input]").inner_text() == "What is happening?"
    assert page.locator(".hb-finder-static").is_hidden()
    assert "press" not in page.locator("main").inner_text().lower().split("/")[0][-40:]
    context.close()


def test_without_javascript_every_trigger_is_listed_by_severity_with_phone_links(
        browser, base) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base)
    assert page.locator(".hb-finder-form").is_hidden()
    static = page.locator(".hb-finder-static")
    assert static.is_visible()
    levels = static.locator(".hb-finder-level .hb-sev").all_inner_texts()
    assert [t.split()[0] for t in levels] == ["SEV1", "SEV2", "SEV3", "SEV4"]
    docs = Finder(load_handbook(REPO)).index["docs"]
    rows = page.evaluate("""() => Array.from(document.querySelectorAll('.hb-finder-static li'))
        .map(li => { const a = li.querySelector('a.hb-call');
                     return a && [a.getAttribute('href'), a.getBoundingClientRect().height]; })""")
    assert len(rows) == len(docs)
    assert all(row and row[0].startswith("tel:") and row[1] >= 44 for row in rows)
    assert "press /" not in page.locator("main").inner_text()
    context.close()


def test_works_from_disk(browser, site) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    ready(page)
    assert ask(page, "laptop nicked")[:1] == ["lost-device"]
    assert first_call_in_view(page)["inView"]
    context.close()


def test_no_request_leaves_the_site(browser, base) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    hosts = set()
    page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    page.goto(base)
    ready(page)
    ask(page, "ransomware")
    assert hosts == {urlsplit(base).netloc}
    context.close()


def test_axe_finds_nothing_with_results_and_with_none(phone) -> None:
    ask(phone, "van crashed into a car")
    assert axe_violations(phone) == []
    ask(phone, "xqzzy blorp")
    assert axe_violations(phone) == []


def test_show_more_reveals_the_rest(phone) -> None:
    shown = ask(phone, "customer")
    more = phone.locator(".hb-finder-more")
    assert len(shown) == 3 and more.is_visible()
    more.click()
    assert len(ask_shown(phone)) > 3


def ask_shown(page) -> list[str]:
    return page.evaluate("""() => Array.from(
        document.querySelectorAll('.hb-finder-card:not([hidden])')).map(li => li.textContent)""")


def test_home_page_stays_light(site) -> None:
    assert (site / "index.html").stat().st_size < 100_000


def test_the_index_loads_when_the_reader_first_uses_the_box(browser, base) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    loaded = []
    page.on("request", lambda r: loaded.append(r.url.rsplit("/", 1)[-1]))
    page.goto(base)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert "finder-index.js" not in loaded and "finder-engine.js" not in loaded
    assert page.evaluate("document.activeElement.id") == "hb-finder-input"  # focused, still
    page.keyboard.type("laptop nicked")  # the first key loads it: results follow
    page.wait_for_selector(".hb-finder-card")
    assert "finder-index.js" in loaded
    assert ask_shown(page) and first_call_in_view(page)["inView"]
    context.close()
