"""Decision trees and quizzes on the SAMPLE site, built once per session.

Expectations come from the sample YAML (the model), not from the pages: every path of every
tree (each playbook's, and the triage tree on the home page) reaches the outcome its YAML leaf
defines. Quizzes are answered from the quiz JSON embedded in their pages.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from support import axe_violations, broken_links, copy_sample

from escalation_handbook.folder import Document, load_handbook
from escalation_handbook.model import DecisionTree, Playbook

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-28"

HANDBOOK = load_handbook(ROOT)


# --- what the YAML says ----------------------------------------------------------------------


@dataclass
class Outcome:
    kind: str  # trigger | playbook | text
    severity_label: str = ""
    contacts: tuple[str, ...] = ()
    acknowledge: str | None = None
    pathway: str = ""
    playbook_title: str = ""
    playbook_page: str = ""  # site path of the linked playbook page
    text: str = ""
    see_title: str | None = None
    summary: str = ""


@dataclass
class TreeCase:
    tree_id: str
    page: str  # site path of the page that embeds it
    paths: list[tuple[tuple[int, ...], tuple[str, ...], Outcome]]  # indexes, questions, outcome


def playbook_page(playbook_id: str) -> str:
    doc = HANDBOOK.playbook(playbook_id)
    return f"playbooks/{doc.section}/{doc.id}.html"


def leaf_outcome(answer, doc: Document[Playbook] | None) -> Outcome:
    if answer.trigger:
        doc = HANDBOOK.playbook(answer.playbook) if answer.playbook else doc
        trigger = next(t for t in doc.model.triggers if t.id == answer.trigger)
        severity = next(s for s in HANDBOOK.settings.model.severities if s.id == trigger.severity)
        pathway = next(p for p in doc.model.pathways if p.id == trigger.pathway)
        first = pathway.steps[0]
        return Outcome(
            "trigger", severity_label=severity.id.upper(),
            contacts=tuple(HANDBOOK.contact(c).name for c in first.contacts),
            acknowledge=str(first.acknowledge_within) if first.acknowledge_within else None,
            pathway=pathway.name, playbook_title=doc.model.title,
            playbook_page=playbook_page(doc.id), text=trigger.name,
        )
    if answer.playbook:
        target = HANDBOOK.playbook(answer.playbook).model
        return Outcome("playbook", playbook_title=target.title, summary=target.summary,
                       playbook_page=playbook_page(answer.playbook))
    see = HANDBOOK.playbook(answer.see) if answer.see else None
    return Outcome("text", text=answer.outcome, see_title=see.model.title if see else None,
                   playbook_page=playbook_page(answer.see) if see else "",
                   contacts=tuple(HANDBOOK.contact(c).name for c in answer.call))


def tree_paths(tree: DecisionTree, doc: Document[Playbook] | None, joined: bool = False):
    """Every path: (answer indexes, questions asked, outcome). ``joined`` (the home page):
    a playbook leaf goes on into that playbook's own tree, as the wizard does."""
    found = []

    def walk(tree, doc, node_id, path, questions):
        node = tree.nodes[node_id]
        for i, answer in enumerate(node.answers):
            asked = (*questions, node.question)
            target = HANDBOOK.playbook(answer.playbook) if answer.playbook else None
            if answer.next:
                walk(tree, doc, answer.next, (*path, i), asked)
            elif joined and target and not answer.trigger and target.model.decision_tree:
                sub = target.model.decision_tree
                walk(sub, target, sub.start, (*path, i), asked)
            else:
                found.append(((*path, i), asked, leaf_outcome(answer, doc)))

    walk(tree, doc, tree.start, (), ())
    return found


def tree_cases() -> list[TreeCase]:
    cases = []
    if HANDBOOK.settings and HANDBOOK.settings.model.triage:
        cases.append(TreeCase("triage", "index.html",
                              tree_paths(HANDBOOK.settings.model.triage, None, joined=True)))
    for doc in HANDBOOK.playbooks:
        if doc.model.decision_tree:
            cases.append(TreeCase(doc.id, playbook_page(doc.id),
                                  tree_paths(doc.model.decision_tree, doc)))
    return cases


TREES = tree_cases()
QUIZZES = [q.id for q in HANDBOOK.quizzes]


def plain(markdown: str) -> str:
    """The text a reader sees of a prose value: emphasis and link syntax removed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"(\*\*|__|\*|_)(\S.*?\S|\S)\1", r"\2", text)
    return squash(text)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- the site --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample handbook (a copy) built once, with a fixed today."""
    work = copy_sample(tmp_path_factory.mktemp("sample"))
    site = work / "site"
    handbook = Path(sys.executable).with_name("handbook")
    run = subprocess.run([str(handbook), "build", str(work), "--site-dir", str(site),
                          "--today", TODAY], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert broken_links(site) == []
    return site


@pytest.fixture(scope="module")
def base(sample_site, serve):
    with serve(sample_site) as (url, _stop):
        yield url


@pytest.fixture(scope="module")
def shared(browser):
    """One page for the read-only tests (tree walks), reused."""
    ctx = browser.new_context()
    page = ctx.new_page()
    page.set_default_timeout(10_000)
    yield page
    ctx.close()


class _ScriptById(HTMLParser):
    """The text of the <script> with a given id, however the page's HTML is minified."""

    def __init__(self, wanted: str) -> None:
        super().__init__()
        self.wanted, self.inside, self.text = wanted, False, None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = tag == "script" and dict(attrs).get("id") == self.wanted

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text = (self.text or "") + data

    def handle_endtag(self, tag: str) -> None:
        self.inside = False


def embedded(site: Path, page: str, kind: str, ident: str) -> dict:
    parser = _ScriptById(f"hb-{kind}-{ident}")
    parser.feed((site / page).read_text(encoding="utf-8"))
    assert parser.text, f"no {kind} {ident} in {page}"
    return json.loads(parser.text)


def tree_el(page, tree_id):
    return page.locator(f'.hb-tree[data-tree="{tree_id}"]')


def question_text(page, tree_id) -> str:
    return tree_el(page, tree_id).locator(".hb-tree-question").inner_text()


def trail_count(page, tree_id) -> int:
    return tree_el(page, tree_id).locator(".hb-tree-trail-item").count()


def site_path(page, href: str) -> str:
    return urlsplit(urljoin(page.url, href)).path


CARD_JS = """card => {
  const one = sel => card.querySelector(sel);
  const text = el => el ? el.textContent.replace(/\\s+/g, " ").trim() : null;
  const href = el => el ? el.getAttribute("href") : null;
  return {
    cls: card.className, all: text(card), title: text(one(".hb-outcome-title")),
    sev: text(one(".hb-sev")), ack: text(one(".hb-outcome-ack")),
    contacts: [...card.querySelectorAll(".hb-contact")].map(text),
    pathway: text(one("a.hb-outcome-pathway")), pathway_href: href(one("a.hb-outcome-pathway")),
    playbook: text(one("a.hb-outcome-playbook")),
    playbook_href: href(one("a.hb-outcome-playbook")),
    body: text(one(".hb-outcome-body")),
    see: text(one(".hb-outcome-see a")), see_href: href(one(".hb-outcome-see a")),
  };
}"""


def check_outcome(page, tree_id: str, outcome: Outcome, base: str) -> None:
    card = tree_el(page, tree_id).locator(".hb-outcome")
    assert card.count() == 1
    got = card.evaluate(CARD_JS)
    assert f"hb-outcome-{outcome.kind}" in got["cls"]
    root = urlsplit(base).path
    if outcome.kind == "trigger":
        assert outcome.text in got["title"]
        assert got["sev"] == outcome.severity_label
        assert len(got["contacts"]) == len(outcome.contacts)
        for name, item in zip(outcome.contacts, got["contacts"], strict=True):
            assert name in item
        if outcome.acknowledge:
            assert outcome.acknowledge in got["ack"]
        assert outcome.pathway in got["pathway"]
        assert site_path(page, got["pathway_href"]) == root + outcome.playbook_page
    elif outcome.kind == "playbook":
        assert outcome.playbook_title in got["playbook"]
        assert plain(outcome.summary) in got["all"]
        assert site_path(page, got["playbook_href"]) == root + outcome.playbook_page
    else:
        assert plain(outcome.text) in got["body"]
        assert len(got["contacts"]) == len(outcome.contacts)
        for name, item in zip(outcome.contacts, got["contacts"], strict=True):
            assert name in item
        if outcome.see_title:
            assert got["see"] == outcome.see_title
            assert site_path(page, got["see_href"]) == root + outcome.playbook_page
        else:
            assert got["see"] is None
    assert "undefined" not in got["all"] and "null" not in got["all"]


STEP_JS = """t => ({
  question: (t.querySelector(".hb-tree-question") || {}).textContent || "",
  trail: t.querySelectorAll(".hb-tree-trail-item").length,
})"""


# --- decision trees ---------------------------------------------------------------------------


def test_sample_has_trees_with_every_outcome_kind():
    assert TREES[0].tree_id == "triage"
    kinds = {o.kind for case in TREES for _, _, o in case.paths}
    # every playbook of the sample has a tree, which the home page's wizard goes on into: no
    # path ends on a playbook card (the widget tests have one)
    assert kinds == {"trigger", "text"}
    triage = {o.kind for _, _, o in TREES[0].paths}
    assert {"trigger", "text"} <= triage


@pytest.mark.parametrize("case", TREES, ids=[c.tree_id for c in TREES])
def test_every_path_reaches_the_outcome_in_the_yaml(shared, base, case):
    page = shared
    page.goto(base + case.page)
    tree = tree_el(page, case.tree_id)
    assert tree.locator(".hb-tree-ui").is_visible()
    restart = tree.locator(".hb-tree-restart")
    for path, questions, outcome in case.paths:
        if trail_count(page, case.tree_id):
            restart.click()
        assert tree.evaluate(STEP_JS)["trail"] == 0
        for step, (index, question) in enumerate(zip(path, questions, strict=True)):
            now = tree.evaluate(STEP_JS)
            assert now["trail"] == step
            assert squash(question) in squash(now["question"])
            tree.locator(".hb-tree-answer").nth(index).click()
        assert urlsplit(page.url).fragment == f"tree-{case.tree_id}=" + ".".join(map(str, path))
        check_outcome(page, case.tree_id, outcome, base)


def test_triage_tree_is_under_start_here_on_the_home_page(shared, base):
    page = shared
    page.goto(base)
    heading = page.locator("#start-here")
    assert "Start here" in heading.inner_text()
    follows = heading.evaluate(
        "(h, sel) => !!(h.compareDocumentPosition(document.querySelector(sel)) & 4)",
        '.hb-tree[data-tree="triage"]')
    assert follows


def longest(case: TreeCase):
    return max(case.paths, key=lambda p: len(p[0]))


def test_shared_url_restores_the_step_in_a_fresh_page(browser, shared, base):
    case = next(c for c in TREES if c.tree_id == "triage")
    path, questions, outcome = longest(case)
    page = shared
    page.goto(base + case.page)
    middle = path[: len(path) // 2 + 1]
    for index in middle:
        tree_el(page, case.tree_id).locator(".hb-tree-answer").nth(index).click()
    url = page.url
    assert urlsplit(url).fragment
    ctx = browser.new_context()
    try:
        fresh = ctx.new_page()
        fresh.goto(url)
        assert squash(questions[len(middle)]) in squash(question_text(fresh, case.tree_id))
        assert trail_count(fresh, case.tree_id) == len(middle)
        fresh.reload()
        assert squash(questions[len(middle)]) in squash(question_text(fresh, case.tree_id))
        # the whole path shared: the outcome
        fresh.goto(base + case.page + f"#tree-{case.tree_id}=" + ".".join(map(str, path)))
        fresh.reload()
        check_outcome(fresh, case.tree_id, outcome, base)
    finally:
        ctx.close()


def test_browser_back_steps_back(shared, base):
    case = max(TREES[1:], key=lambda c: len(longest(c)[0]))
    path, questions, outcome = longest(case)
    page = shared
    page.goto(base + case.page)
    for index in path:
        tree_el(page, case.tree_id).locator(".hb-tree-answer").nth(index).click()
    check_outcome(page, case.tree_id, outcome, base)
    for depth in range(len(path) - 1, -1, -1):
        page.go_back()
        page.wait_for_function(
            "([id, n]) => document.querySelectorAll("
            "`.hb-tree[data-tree=\"${id}\"] .hb-tree-trail-item`).length === n",
            arg=[case.tree_id, depth])
        assert squash(questions[depth]) in squash(question_text(page, case.tree_id))
    assert urlsplit(page.url).fragment == ""


def focused(page, js: str):
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {js}; }})()")


def tab_until(page, js: str, limit: int = 400) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, js):
            return
    pytest.fail(f"Tab never reached {js}")


def test_keyboard_alone_completes_a_tree(browser, base):
    case = max(TREES, key=lambda c: len(longest(c)[0]))
    path, questions, outcome = longest(case)
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(base + case.page)
        tab_until(page, "el.classList.contains('hb-tree-answer')")
        for step, index in enumerate(path):
            if step > 0:  # focus moved to the new question
                assert focused(page, "el.classList.contains('hb-tree-question')")
                assert squash(questions[step]) in squash(focused(page, "el.textContent"))
                page.keyboard.press("Tab")
            for _ in range(index):
                page.keyboard.press("Tab")
            assert focused(page, "el.dataset.index") == str(index)
            page.keyboard.press("Enter" if step % 2 == 0 else "Space")
        assert focused(page, "el.classList.contains('hb-outcome-title')")
        check_outcome(page, case.tree_id, outcome, base)
    finally:
        ctx.close()


def test_without_javascript_the_outlines_are_readable(browser, base):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        # without the widget, the home page's outline stops at each playbook, with its link
        triage = TreeCase("triage", "index.html", tree_paths(HANDBOOK.settings.model.triage, None))
        for case in [triage, TREES[1]]:
            page.goto(base + case.page)
            outline = tree_el(page, case.tree_id).locator(".hb-outline")
            assert outline.is_visible()
            text = squash(outline.inner_text())
            for _, questions, outcome in case.paths:
                for question in questions:
                    assert squash(question) in text
                if outcome.kind == "text":
                    assert plain(outcome.text) in text
                elif outcome.kind == "playbook":
                    assert outcome.playbook_title in text
    finally:
        ctx.close()


# --- quizzes ------------------------------------------------------------------------------------


def quiz_el(page, quiz_id):
    return page.locator(f'.hb-quiz[data-quiz="{quiz_id}"]')


def answer_quiz(page, quiz: dict, right: set[str]) -> None:
    form = quiz_el(page, quiz["id"]).locator("form")
    for question in quiz["questions"]:
        fieldset = form.locator(f'fieldset[data-question="{question["id"]}"]')
        if question["id"] in right:
            chosen = [c for c in question["choices"] if c["correct"]]
        else:
            chosen = [next(c for c in question["choices"] if not c["correct"])]
        for choice in chosen:
            fieldset.locator(f'.hb-choice[data-choice="{choice["id"]}"] input').check()
    form.locator(".hb-quiz-submit").click()


def strip_tags(html: str) -> str:
    return squash(re.sub(r"<[^>]+>", "", html))


def test_generated_questions_are_in_the_quiz_pages(sample_site):
    for quiz in HANDBOOK.quizzes:
        data = embedded(sample_site, f"training/{quiz.id}.html", "quiz", quiz.id)
        assert len(data["questions"]) == len(quiz.model.questions) + \
            quiz.model.generated_questions
        for q in data["questions"]:
            assert sum(c["correct"] for c in q["choices"]) >= 1


def test_answering_every_quiz_correctly_passes_it(browser, base, sample_site):
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(base + "training/index.html")
        for quiz_id in QUIZZES:
            assert page.locator(f'.hb-quiz-status[data-quiz="{quiz_id}"]').inner_text() == \
                "Not started"
        for quiz_id in QUIZZES:
            quiz = embedded(sample_site, f"training/{quiz_id}.html", "quiz", quiz_id)
            page.goto(base + f"training/{quiz_id}.html")
            answer_quiz(page, quiz, {q["id"] for q in quiz["questions"]})
            result = quiz_el(page, quiz_id).locator(".hb-quiz-result")
            assert "100%" in result.inner_text()
            assert "Passed" in result.inner_text()
        page.goto(base + "training/index.html")
        page.reload()
        for quiz_id in QUIZZES:
            status = page.locator(f'.hb-quiz-status[data-quiz="{quiz_id}"]')
            assert status.inner_text() == "Passed (best 100%)"
    finally:
        ctx.close()


def test_a_wrong_answer_shows_its_explanation(browser, base, sample_site):
    quiz_id = next(q.id for q in HANDBOOK.quizzes if q.model.generated_questions)
    quiz = embedded(sample_site, f"training/{quiz_id}.html", "quiz", quiz_id)
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(base + f"training/{quiz_id}.html")
        answer_quiz(page, quiz, set())
        assert "Not yet passed" in quiz_el(page, quiz_id).locator(".hb-quiz-result").inner_text()
        for question in quiz["questions"]:
            fieldset = quiz_el(page, quiz_id).locator(
                f'fieldset[data-question="{question["id"]}"]')
            assert "hb-q-wrong" in fieldset.get_attribute("class")
            feedback = fieldset.locator(".hb-q-feedback")
            assert feedback.is_visible()
            text = squash(feedback.inner_text())
            wrong = next(c for c in question["choices"] if not c["correct"])
            explains = [e for e in (question["explain_html"], wrong["explain_html"]) if e]
            assert explains, question["question"]  # a wrong answer always has an explanation
            for explain in explains:
                assert strip_tags(explain) in text
            link = feedback.locator("a")
            assert site_path(page, link.last.get_attribute("href")) == \
                site_path(page, question["playbook"]["url"])
        page.goto(base + "training/index.html")
        status = page.locator(f'.hb-quiz-status[data-quiz="{quiz_id}"]')
        assert status.inner_text() == "Not yet passed (best 0%)"
    finally:
        ctx.close()


def test_keyboard_alone_completes_a_quiz(browser, base, sample_site):
    quiz_id = next(q.id for q in HANDBOOK.quizzes if q.model.generated_questions)
    quiz = embedded(sample_site, f"training/{quiz_id}.html", "quiz", quiz_id)
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(base + f"training/{quiz_id}.html")
        tab_until(page, "!!el.closest('.hb-quiz-form') && el.tagName === 'INPUT'")
        for qi, question in enumerate(quiz["questions"]):
            fieldset = quiz_el(page, quiz_id).locator(f'fieldset[data-question="{question["id"]}"]')
            order = fieldset.locator(".hb-choice").evaluate_all(
                "els => els.map(e => e.dataset.choice)")
            correct = {c["id"] for c in question["choices"] if c["correct"]}
            if qi > 0:
                page.keyboard.press("Tab")  # into the next fieldset
            assert focused(page, "el.closest('fieldset').dataset.question") == question["id"]
            if question["kind"] == "multiple":
                for ci, choice in enumerate(order):
                    if ci > 0:
                        page.keyboard.press("Tab")
                    if choice in correct:
                        page.keyboard.press("Space")
            else:
                target = next(i for i, c in enumerate(order) if c in correct)
                page.keyboard.press("Space")
                for _ in range(target):
                    page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        assert focused(page, "el.classList.contains('hb-quiz-submit')")
        page.keyboard.press("Enter")
        result = quiz_el(page, quiz_id).locator(".hb-quiz-result")
        assert result.evaluate("el => el === document.activeElement")
        assert "100%" in result.inner_text()
    finally:
        ctx.close()


# --- accessibility --------------------------------------------------------------------------


def test_axe_tree_page_before_and_after_an_outcome(browser, base):
    case = next(c for c in TREES[1:] if any(o.kind == "trigger" for _, _, o in c.paths))
    path = next(p for p, _, o in case.paths if o.kind == "trigger")
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(base + case.page)
        assert axe_violations(page) == []
        for index in path:
            tree_el(page, case.tree_id).locator(".hb-tree-answer").nth(index).click()
        assert tree_el(page, case.tree_id).locator(".hb-outcome").count() == 1
        assert axe_violations(page) == []
    finally:
        ctx.close()


def test_axe_quiz_page_before_and_after_submitting(browser, base, sample_site):
    quiz_id = next(q.id for q in HANDBOOK.quizzes if q.model.generated_questions)
    quiz = embedded(sample_site, f"training/{quiz_id}.html", "quiz", quiz_id)
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(base + f"training/{quiz_id}.html")
        assert axe_violations(page) == []
        answer_quiz(page, quiz, {quiz["questions"][0]["id"]})
        assert quiz_el(page, quiz_id).locator(".hb-quiz-result").is_visible()
        assert axe_violations(page) == []
    finally:
        ctx.close()
