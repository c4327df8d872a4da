"""What a reader sees on the built SAMPLE site: tables on a phone, contacts, steps, obligations,
and where a quiz's "Read the playbook" link lands.

The sample is built once per session with `handbook build`; expectations come from its YAML
(through the loader), never from the pages.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from support import axe_violations, copy_sample

from escalation_handbook.folder import load_handbook

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
HANDBOOK = load_handbook(REPO)
TODAY = "2026-12-01"
TABLE_PAGES = ["review.html", "training/index.html", "index.html",
               "playbooks/security/data-breach.html"]
PHONE = {"width": 390, "height": 844}

# Every piece of text in the handbook's tables that must stay on one line: a date whole, any
# other word up to and including a hyphen (a line may break after "Customer-", never inside a
# word). Returns the pieces drawn on more than one line.
SPLIT_WORDS = """
() => {
  const split = [];
  for (const table of document.querySelectorAll("table.hb-table")) {
    const walker = document.createTreeWalker(table.tBodies[0] || table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /\\d{4}-\\d{2}-\\d{2}|[^\\s-]+-?/g;
      let m;
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                               .map(r => Math.round(r.top)));
        if (tops.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}
"""


def _build(root: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(Path(sys.executable).with_name("handbook")), "build", str(root),
                             "--today", TODAY], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory) -> Path:
    return _build(copy_sample(tmp_path_factory.mktemp("reader-site") / "handbook"))


@pytest.fixture(scope="session")
def reader_url(reader_site, serve):
    with serve(reader_site) as (base, _stop):
        yield base


def playbook_page(playbook_id: str) -> str:
    doc = HANDBOOK.playbook(playbook_id)
    return f"playbooks/{doc.section}/{doc.id}.html"


@pytest.mark.parametrize("path", TABLE_PAGES)
def test_tables_on_a_phone_are_cards_without_a_word_split(browser, reader_url, path):
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(reader_url + path)
        tables = page.locator("table.hb-table")
        assert tables.count() > 0
        assert page.evaluate(SPLIT_WORDS) == []
        # stacked: each row as wide as its table, nothing wider than the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        for table in tables.all():
            widths = table.locator("tbody tr").evaluate_all(
                "rows => rows.map(r => r.getBoundingClientRect().width)")
            table_width = table.evaluate("t => t.getBoundingClientRect().width")
            assert all(abs(w - table_width) < 2 for w in widths)
            for cell in table.locator("td[data-label]").all()[:5]:  # each value says what it is
                label = cell.get_attribute("data-label")
                assert cell.evaluate("c => getComputedStyle(c, '::before').content") == \
                    json.dumps(label)
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 768, 1024, 1280])
def test_dates_never_break_at_their_hyphens(browser, reader_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(reader_url + "review.html")
        dates = page.locator("table.hb-table time.hb-date")
        assert dates.count() == 2 * len(page.locator("table.hb-review-table tbody tr").all())
        split = [d.inner_text() for d in dates.all()
                 if d.evaluate("d => new Set([...d.getClientRects()].map(r => "
                               "Math.round(r.top))).size") > 1]
        assert split == []
        assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.get_attribute("datetime"))
                   for d in dates.all())
    finally:
        context.close()


def test_review_statuses_are_coloured_badges_with_their_word(page, reader_url):
    page.add_init_script(f"window.__HANDBOOK_TODAY__ = {json.dumps(TODAY)}")
    page.goto(reader_url + "review.html")
    seen = {}
    for badge in page.locator(".hb-review-status").all():
        status = next(c for c in badge.get_attribute("class").split()
                      if c.startswith("hb-status-"))
        style = badge.evaluate("b => { const s = getComputedStyle(b); return "
                               "[s.backgroundColor, s.color, s.display]; }")
        assert style[0] not in ("rgba(0, 0, 0, 0)", "transparent")
        assert style[2] == "inline-block"
        assert badge.inner_text().strip()
        seen[status] = style[0]
    assert len(seen) >= 2 and len(set(seen.values())) == len(seen)  # one colour per status


def test_a_contacts_hours_stand_apart_from_its_name(page, reader_url):
    page.goto(reader_url + "index.html")
    cards = page.locator(".hb-contact:has(.hb-hours)")
    assert cards.count() > 0
    for card in cards.all():
        name = card.locator(".hb-contact-name").inner_text()
        hours = card.locator(".hb-hours").inner_text().strip()
        assert f"{name} {hours}" in card.inner_text()


def test_each_contact_of_a_step_has_its_backup_named(page, reader_url):
    checked = 0
    for doc in HANDBOOK.playbooks:
        page.goto(reader_url + playbook_page(doc.id))
        for pathway in doc.model.pathways:
            for n, step in enumerate(pathway.steps, start=1):
                if step.acknowledge_within is None:
                    continue
                ack = page.locator(f"#step-{n}-{pathway.id} .hb-ack").inner_text()
                for contact_id in step.contacts:
                    backup = HANDBOOK.contact(contact_id).backup
                    if backup:
                        assert HANDBOOK.contact(backup).name in ack, (doc.id, pathway.id, n)
                        checked += 1
                if len([c for c in step.contacts if HANDBOOK.contact(c).backup]) > 1:
                    for contact_id in step.contacts:
                        assert HANDBOOK.contact(contact_id).name in ack
    assert checked > 0


def test_an_obligation_without_a_deadline_shows_a_dash(page, reader_url):
    without = [(doc, c) for doc in HANDBOOK.playbooks for c in doc.model.compliance
               if not c.deadline]
    assert without
    for doc, obligation in without:
        page.goto(reader_url + playbook_page(doc.id))
        row = page.locator("table.hb-compliance tbody tr", has_text=obligation.name).first
        assert row.locator("td").nth(2).inner_text() == "—"


def test_generated_questions_link_the_part_of_the_playbook_they_ask_about(page, reader_url):
    linked = 0
    for quiz in HANDBOOK.quizzes:
        quiz_url = f"{reader_url}training/{quiz.id}.html"
        page.goto(quiz_url)
        data = json.loads(page.locator(f"script#hb-quiz-{quiz.id}").text_content())
        written = len(quiz.model.questions)
        for question in data["questions"][written:]:
            url = urljoin(quiz_url, question["playbook"]["url"])
            fragment = urlsplit(url).fragment
            assert re.fullmatch(r"(trigger|step-\d+)-[a-z0-9-]+", fragment), url
            page.goto(url)
            assert page.locator(f'[id="{fragment}"]').count() == 1, url
            linked += 1
    assert linked > 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["review.html", "training/index.html"])
def test_stacked_tables_pass_axe(browser, reader_url, path, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(reader_url + path)
        page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s",
                               arg={"light": "default", "dark": "slate"}[scheme])
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_quiz_asking_for_answers_and_scored_passes_axe(browser, reader_url, scheme):
    quiz = next(q for q in HANDBOOK.quizzes if q.model.generated_questions)
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(f"{reader_url}training/{quiz.id}.html")
        page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s",
                               arg={"light": "default", "dark": "slate"}[scheme])
        form = page.locator(f'.hb-quiz[data-quiz="{quiz.id}"] form')
        form.locator(".hb-quiz-submit").click()
        assert form.locator(".hb-quiz-unanswered").is_visible()
        assert axe_violations(page) == []
        for fieldset in form.locator("fieldset").all():
            fieldset.locator("input").first.check()
        form.locator(".hb-quiz-submit").click()
        assert form.locator(".hb-quiz-result").is_visible()
        assert axe_violations(page) == []
    finally:
        context.close()
