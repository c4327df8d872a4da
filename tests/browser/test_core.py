"""What every widget shares (widgets/core.js, widgets/start.js): start-up on each document,
idempotence, hostile data shown as text, the URL allow-list, colour contrast.

Runs on the widget page (widget_page.py): the renderer's output for the example handbook in
fixtures/handbook, and hand-written hostile cases. Expectations come from the page's data.
"""

from __future__ import annotations

import re

import pytest
from widget_page import (
    QUIZ,
    TREE,
    answer_quiz,
    embedded,
    expanded_tree,
    question_text,
    quiz_el,
    tree_el,
    walk,
)

pytestmark = pytest.mark.browser


TREE_DATA = expanded_tree()
QUIZ_DATA = embedded("quiz", QUIZ)


def test_widgets_are_idempotent(page, site):
    page.goto(site)
    walk(page, [0])
    page.evaluate("window.Handbook.init(); window.Handbook.init()")
    assert tree_el(page).locator(".hb-tree-ui").count() == 1
    assert page.locator(f'.hb-quiz[data-quiz="{QUIZ}"] form').count() == 1
    walk(page, [0])
    page.go_back()
    assert tree_el(page).locator(".hb-tree-trail-item").count() == 1


def test_instant_navigation_document_observable(page, site):
    """Material re-creates inline scripts without attributes; document$ re-emits."""
    page.add_init_script(
        """
        (function () {
          var subs = [];
          window.document$ = { subscribe: function (fn) { subs.push(fn); fn(document); } };
          window.__emit = function () { subs.forEach(function (fn) { fn(document); }); };
        })();
        """
    )
    page.goto(site)
    assert tree_el(page).locator(".hb-tree-ui").count() == 1
    page.evaluate(
        """() => {
          const main = document.querySelector('main');
          const html = main.innerHTML
            .replace(/ data-hb-ready="1"/g, '');
          const tpl = document.createElement('template');
          tpl.innerHTML = html;
          tpl.content.querySelectorAll('.hb-widget').forEach(w => w.remove());
          tpl.content.querySelectorAll('.hb-static-hidden').forEach(
            e => e.classList.remove('hb-static-hidden'));
          main.replaceChildren(tpl.content);
          // what Material does: a fresh <script> with the same text and no attributes
          for (const old of main.querySelectorAll('script')) {
            const s = document.createElement('script');
            s.textContent = old.textContent;
            window.onerror = () => true;
            old.replaceWith(s);
          }
          window.__emit();
        }"""
    )
    assert page.locator("script#hb-tree-data-breach").count() == 0
    assert tree_el(page).locator(".hb-tree-ui").count() == 1
    walk(page, [0])
    assert TREE_DATA["nodes"]["left-control"]["question"] in question_text(page)
    assert page.locator(f'.hb-quiz[data-quiz="{QUIZ}"] form').count() == 1


# ------------------------------------------------------------------------- XSS


def test_hostile_text_is_shown_as_text(page, site, dialogs):
    page.goto(site)
    xss = tree_el(page, "xss")
    question = embedded("tree", "xss")["nodes"]["n1"]
    assert question["question"] in question_text(page, "xss")
    assert xss.locator(".hb-tree-answer").first.inner_text() == question["answers"][0]["answer"]
    walk(page, [0], "xss")
    outcome = question["answers"][0]["outcome"]
    assert outcome["text"] in xss.locator(".hb-outcome-body").inner_text()
    assert xss.locator(".hb-outcome-see a").count() == 0  # javascript: is not linked
    page.goto(site)
    walk(page, [1], "xss")
    card = xss.locator(".hb-outcome")
    assert "<img src=x onerror=alert(1)>" in card.inner_text()
    quiz = quiz_el(page, "xss-quiz")
    assert "<script>alert(2)</script>" in quiz.inner_text()
    quiz.locator("input").first.check()
    quiz.locator(".hb-quiz-submit").click()
    for root in (xss, quiz):
        assert root.locator(".hb-widget img, .hb-widget script").count() == 0
    hrefs = page.locator("a[href]").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if re.match(r"\s*(java|vb)\s*script:|data:", h, re.I)]
    page.wait_for_timeout(200)
    assert dialogs == []


def test_safe_href_allow_list(page, site):
    page.goto(site)
    cases = {
        "https://example.org/x": True,
        "http://example.org": True,
        "tel:+441234": True,
        "mailto:a@example.org": True,
        "../contacts.html#dpo": True,
        "#pathway-x": True,
        "data-breach.html": True,
        "javascript:alert(1)": False,
        " JAVASCRIPT:alert(1)": False,
        "java\nscript:alert(1)": False,
        "data:text/html,hi": False,
        "vbscript:x": False,
        "": False,
    }
    got = page.evaluate(
        "cases => Object.fromEntries(Object.keys(cases).map("
        "k => [k, window.Handbook.safeHref(k) !== null]))",
        cases,
    )
    assert got == cases


# ------------------------------------------------------------------- contrast


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_color_contrast_in_both_schemes(page, site, scheme):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    page.add_init_script("window.__HANDBOOK_TODAY__ = '2027-03-01'")
    page.goto(site + f"#tree-{TREE}=0.0")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    answer_quiz(page, {QUIZ_DATA["questions"][0]["id"]})
    page.evaluate("window.Handbook.init()")
    results = axe_module.Axe().run(
        page, options={"runOnly": {"type": "rule", "values": ["color-contrast"]}}
    )
    assert results.violations_count == 0, results.generate_report()
