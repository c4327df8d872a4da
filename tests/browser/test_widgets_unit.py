"""Browser tests for escalation_handbook/assets/handbook.js against a static fixture (no Material).

Expectations are derived from the JSON embedded in tests/browser/fixtures/widgets.html.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "browser" / "fixtures" / "widgets.html"
FIXTURE_PATH = "tests/browser/fixtures/widgets.html"
TREE = "data-breach"
QUIZ = "basics"


def embedded(kind: str, ident: str) -> dict:
    text = FIXTURE.read_text(encoding="utf-8")
    m = re.search(
        rf'<script type="application/json" id="hb-{kind}-{re.escape(ident)}">(.*?)</script>',
        text,
        re.S,
    )
    assert m, f"no {kind} {ident} in fixture"
    return json.loads(m.group(1))


def tree_paths(tree: dict) -> list[tuple[list[int], list[str], dict]]:
    """Every path from the start: (answer indexes, questions asked, outcome)."""
    found = []

    def walk(node_id, path, questions):
        node = tree["nodes"][node_id]
        for i, answer in enumerate(node["answers"]):
            asked = [*questions, node["question"]]
            if "outcome" in answer:
                found.append(([*path, i], asked, answer["outcome"]))
            else:
                walk(answer["next"], [*path, i], asked)

    walk(tree["start"], [], [])
    return found


TREE_DATA = embedded("tree", TREE)
QUIZ_DATA = embedded("quiz", QUIZ)
PATHS = tree_paths(TREE_DATA)


@pytest.fixture(scope="module")
def site(serve):
    with serve(ROOT) as (base, _stop):
        yield base + FIXTURE_PATH


@pytest.fixture
def dialogs(page):
    seen = []

    def on_dialog(dialog):
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen


def tree_el(page, tree_id=TREE):
    return page.locator(f'.hb-tree[data-tree="{tree_id}"]')


def hash_of(page) -> str:
    return urlsplit(page.url).fragment


def question_text(page, tree_id=TREE) -> str:
    return tree_el(page, tree_id).locator(".hb-tree-question").inner_text()


def walk(page, path, tree_id=TREE):
    for index in path:
        tree_el(page, tree_id).locator(".hb-tree-answer").nth(index).click()


def check_outcome(page, outcome, tree_id=TREE):
    card = tree_el(page, tree_id).locator(".hb-outcome")
    assert card.count() == 1
    kind = outcome["kind"]
    assert f"hb-outcome-{kind}" in card.get_attribute("class")
    if kind == "trigger":
        assert outcome["trigger"]["name"] in card.locator(".hb-outcome-title").inner_text()
        sev = outcome["severity"]
        badge = card.locator(".hb-sev")
        assert badge.inner_text() == sev["label"]
        assert f"hb-sev-{sev['rank']}" in badge.get_attribute("class")
        assert outcome["acknowledge_within"] in card.locator(".hb-outcome-ack").inner_text()
        contacts = card.locator(".hb-contact")
        assert contacts.count() == len(outcome["contacts_now"])
        for i, contact in enumerate(outcome["contacts_now"]):
            item = contacts.nth(i)
            assert contact["name"] in item.inner_text()
            hrefs = item.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
            for key in ("tel", "mailto", "chat_url", "url", "directory_url"):
                value = contact.get(key)
                if value and not value.lower().startswith("javascript:"):
                    assert value in hrefs, (key, hrefs)
            assert not any(h.lower().startswith("javascript:") for h in hrefs)
        assert card.locator(".hb-outcome-actions li").count() == len(outcome["actions"])
        pathway = card.locator("a.hb-outcome-pathway")
        assert pathway.get_attribute("href") == outcome["pathway"]["url"]
        playbook = card.locator("a.hb-outcome-playbook")
        assert playbook.get_attribute("href") == outcome["playbook"]["url"]
    elif kind == "playbook":
        a = card.locator("a.hb-outcome-playbook")
        assert a.get_attribute("href") == outcome["playbook"]["url"]
        assert outcome["playbook"]["title"] in a.inner_text()
        assert outcome["playbook"]["summary"] in card.inner_text()
    else:
        assert outcome["text"] in card.locator(".hb-outcome-body").inner_text()
        see = card.locator(".hb-outcome-see a")
        assert see.get_attribute("href") == outcome["see"]["url"]
        assert see.inner_text() == outcome["see"]["title"]


# ----------------------------------------------------------------- decision tree


def test_fixture_tree_has_all_outcome_kinds():
    assert {outcome["kind"] for _, _, outcome in PATHS} == {"trigger", "playbook", "text"}


@pytest.mark.parametrize(("path", "questions", "outcome"), PATHS, ids=lambda v: str(v)[:30])
def test_every_path_reaches_its_outcome(page, site, dialogs, path, questions, outcome):
    page.goto(site)
    tree = tree_el(page)
    assert tree.locator(".hb-tree-ui").is_visible()
    assert not tree.locator(".hb-tree-outline").is_visible()  # static outline hidden
    for step, (index, question) in enumerate(zip(path, questions, strict=True)):
        assert question in question_text(page)
        assert tree.locator(".hb-tree-trail-item").count() == step
        tree.locator(".hb-tree-answer").nth(index).click()
        if step < len(path) - 1:
            expect_focus = tree.locator(".hb-tree-question")
        else:
            expect_focus = tree.locator(".hb-outcome-title")
        assert expect_focus.evaluate("el => el === document.activeElement")
    assert hash_of(page) == f"tree-{TREE}=" + ".".join(map(str, path))
    assert tree.locator(".hb-tree-trail-item").count() == len(path)
    check_outcome(page, outcome)
    # the live region announces the outcome
    page.wait_for_function(
        "el => el.textContent.length > 0", arg=tree.locator(".hb-live").element_handle()
    )
    assert dialogs == []


def test_shared_url_restores_step_and_reload_keeps_it(page, site):
    path, questions, outcome = max(PATHS, key=lambda p: len(p[0]))
    middle = path[:-1]
    page.goto(site + f"#tree-{TREE}=" + ".".join(map(str, middle)))
    assert questions[len(middle)] in question_text(page)
    page.reload()
    assert questions[len(middle)] in question_text(page)
    assert tree_el(page).locator(".hb-tree-trail-item").count() == len(middle)
    page.goto(site + f"#tree-{TREE}=" + ".".join(map(str, path)))
    page.reload()
    check_outcome(page, outcome)


def test_invalid_hash_path_is_truncated(page, site):
    page.goto(site + f"#tree-{TREE}=0.99.1")
    first = TREE_DATA["nodes"][TREE_DATA["start"]]["answers"][0]
    assert TREE_DATA["nodes"][first["next"]]["question"] in question_text(page)


def test_browser_back_steps_back(page, site):
    path, questions, outcome = max(PATHS, key=lambda p: len(p[0]))
    page.goto(site)
    walk(page, path)
    check_outcome(page, outcome)
    for depth in range(len(path) - 1, -1, -1):
        page.go_back()
        page.wait_for_function(
            'n => document.querySelectorAll(\'.hb-tree[data-tree="data-breach"] '
            ".hb-tree-trail-item').length === n",
            arg=depth,
        )
        assert questions[depth] in question_text(page)
    assert hash_of(page) == ""
    page.go_forward()
    assert questions[1] in question_text(page)


def test_back_and_start_over_buttons(page, site):
    path, questions, _ = max(PATHS, key=lambda p: len(p[0]))
    page.goto(site)
    tree = tree_el(page)
    assert tree.locator(".hb-tree-back").is_disabled()
    walk(page, path)
    tree.locator(".hb-tree-back").click()
    assert questions[-1] in question_text(page)
    assert hash_of(page) == f"tree-{TREE}=" + ".".join(map(str, path[:-1]))
    tree.locator(".hb-tree-restart").click()
    assert questions[0] in question_text(page)
    assert hash_of(page) == ""
    assert tree.locator(".hb-tree-question").evaluate("el => el === document.activeElement")


def test_keyboard_only_walk(page, site):
    path, questions, outcome = max(PATHS, key=lambda p: len(p[0]))
    page.goto(site)
    first_answer = tree_el(page).locator(".hb-tree-answer").first
    for _ in range(40):
        page.keyboard.press("Tab")
        if first_answer.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first answer")
    for step, index in enumerate(path):
        if step > 0:
            heading = tree_el(page).locator(".hb-tree-question")
            assert heading.evaluate("el => el === document.activeElement")
            assert questions[step] in heading.inner_text()
            page.keyboard.press("Tab")
        for _ in range(index):
            page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent")
        node_answers = [a["answer"] for a in _answers_at(path[:step])]
        assert focused == node_answers[index]
        page.keyboard.press("Enter")
    title = tree_el(page).locator(".hb-outcome-title")
    assert title.evaluate("el => el === document.activeElement")
    check_outcome(page, outcome)
    # the contact links are reachable with Tab
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')").startswith(
        ("tel:", "mailto:")
    )


def _answers_at(path):
    node = TREE_DATA["nodes"][TREE_DATA["start"]]
    for index in path:
        node = TREE_DATA["nodes"][node["answers"][index]["next"]]
    return node["answers"]


def test_plain_anchor_still_scrolls_and_keeps_tree(page, site):
    page.goto(site + "#pathway-security-escalation")
    page.wait_for_function("window.scrollY > 0")
    assert question_text(page)  # tree rendered at its start
    page.goto(site)
    walk(page, [0])
    page.evaluate("window.scrollTo(0, 0)")
    page.evaluate("location.hash = 'pathway-security-escalation'")
    page.wait_for_function("window.scrollY > 0")
    assert tree_el(page).locator(".hb-tree-trail-item").count() == 1


def test_no_js_data_keeps_static_outline(page, site):
    page.goto(site)
    broken = tree_el(page, "broken")
    assert broken.locator(".broken-static").is_visible()
    assert broken.locator(".hb-tree-ui").count() == 0


def test_widgets_are_idempotent(page, site):
    page.goto(site)
    walk(page, [0])
    page.evaluate("window.HandbookWidgets.init(); window.HandbookWidgets.init()")
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


# ------------------------------------------------------------------------ quiz


def quiz_el(page, quiz_id=QUIZ):
    return page.locator(f'.hb-quiz[data-quiz="{quiz_id}"]')


def answer_quiz(page, right: set[str], quiz=QUIZ_DATA, quiz_id=QUIZ):
    """Answer every question: correctly if its id is in ``right``, else wrongly."""
    form = quiz_el(page, quiz_id).locator("form")
    for question in quiz["questions"]:
        fieldset = form.locator(f'fieldset[data-question="{question["id"]}"]')
        choices = question["choices"]
        if question["id"] in right:
            chosen = [c for c in choices if c["correct"]]
        else:
            chosen = [next(c for c in choices if not c["correct"])]
        for choice in chosen:
            fieldset.locator(f'.hb-choice[data-choice="{choice["id"]}"] input').check()
    form.locator(".hb-quiz-submit").click()


def expected_pct(n_right: int) -> int:
    return round(n_right / len(QUIZ_DATA["questions"]) * 100)


def test_quiz_form_structure(page, site):
    page.goto(site)
    quiz = quiz_el(page)
    assert not quiz.locator(".hb-quiz-static").is_visible()
    for question in QUIZ_DATA["questions"]:
        fieldset = quiz.locator(f'fieldset[data-question="{question["id"]}"]')
        assert question["question"] in fieldset.locator("legend").inner_text()
        kind = "checkbox" if question["kind"] == "multiple" else "radio"
        assert fieldset.locator(f'input[type="{kind}"]').count() == len(question["choices"])
        hint = fieldset.locator(".hb-q-hint")
        if question["kind"] == "multiple":
            assert hint.inner_text() == "Select all that apply."
        else:
            assert hint.count() == 0
        for choice in question["choices"]:
            label = fieldset.locator(f'.hb-choice[data-choice="{choice["id"]}"] label')
            assert label.inner_text() == choice["text"]


def test_quiz_pass_persists_across_reload(page, site):
    page.goto(site)
    all_ids = {q["id"] for q in QUIZ_DATA["questions"]}
    answer_quiz(page, all_ids)
    result = quiz_el(page).locator(".hb-quiz-result")
    assert result.evaluate("el => el === document.activeElement")
    assert "100%" in result.inner_text()
    assert "Passed" in result.inner_text()
    assert "hb-quiz-passed" in result.get_attribute("class")
    live = quiz_el(page).locator(".hb-live")
    page.wait_for_function("el => /100%/.test(el.textContent)", arg=live.element_handle())
    key = f"handbook:quiz:/{Path(FIXTURE_PATH).parent.as_posix()}/:{QUIZ}"
    stored = json.loads(page.evaluate("k => localStorage.getItem(k)", key))
    assert stored["best"] == 100
    assert stored["last"] == 100
    assert stored["passed"] is True
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", stored["at"])
    page.reload()
    status = page.locator(f'.hb-quiz-status[data-quiz="{QUIZ}"]')
    assert status.inner_text() == "Passed (best 100%)"
    assert "hb-status-passed" in status.get_attribute("class")
    assert "100%" in page.locator(f'.hb-quiz-best[data-quiz="{QUIZ}"]').inner_text()
    never = page.locator('.hb-quiz-status[data-quiz="never-taken"]')
    assert never.inner_text() == "Not started"
    assert "hb-status-notstarted" in never.get_attribute("class")


def test_quiz_fail_shows_explanations(page, site):
    page.goto(site)
    questions = QUIZ_DATA["questions"]
    right = {questions[0]["id"]}
    answer_quiz(page, right)
    pct = expected_pct(1)
    result = quiz_el(page).locator(".hb-quiz-result")
    assert f"{pct}%" in result.inner_text()
    assert "Not yet passed" in result.inner_text()
    for question in questions:
        fieldset = quiz_el(page).locator(f'fieldset[data-question="{question["id"]}"]')
        ok = question["id"] in right
        assert ("hb-q-right" if ok else "hb-q-wrong") in fieldset.get_attribute("class")
        feedback = fieldset.locator(".hb-q-feedback")
        text = feedback.inner_text()
        explain = re.sub(r"<[^>]+>", "", question["explain_html"])
        assert explain in text
        assert feedback.locator("a").get_attribute("href") == question["playbook"]["url"]
        if not ok:
            wrong = next(c for c in question["choices"] if not c["correct"])
            if wrong["explain_html"]:
                assert re.sub(r"<[^>]+>", "", wrong["explain_html"]) in text
    page.reload()
    status = page.locator(f'.hb-quiz-status[data-quiz="{QUIZ}"]')
    assert status.inner_text() == f"Not yet passed (best {pct}%)"
    assert "hb-status-failed" in status.get_attribute("class")


def test_multiple_choice_needs_exactly_the_right_set(page, site):
    page.goto(site)
    multiple = next(q for q in QUIZ_DATA["questions"] if q["kind"] == "multiple")
    correct = [c for c in multiple["choices"] if c["correct"]]
    assert len(correct) > 1
    fieldset = quiz_el(page).locator(f'fieldset[data-question="{multiple["id"]}"]')
    fieldset.locator(f'.hb-choice[data-choice="{correct[0]["id"]}"] input').check()
    quiz_el(page).locator(".hb-quiz-submit").click()
    assert "hb-q-wrong" in fieldset.get_attribute("class")
    assert "0%" in quiz_el(page).locator(".hb-quiz-score").inner_text()


def test_retry_resets_and_shuffles(page, site):
    page.goto(site)
    answer_quiz(page, set())
    # Math.random() == 0 makes Fisher–Yates deterministic: swap(i, 0) for i = n-1 … 1
    page.evaluate("Math.random = () => 0")
    quiz_el(page).locator(".hb-quiz-retry").click()
    assert quiz_el(page).locator(".hb-quiz-result").is_hidden()
    assert quiz_el(page).locator("input:checked").count() == 0
    assert quiz_el(page).locator("input:disabled").count() == 0
    assert quiz_el(page).locator(".hb-q-feedback:visible").count() == 0
    for question in QUIZ_DATA["questions"]:
        order = [c["id"] for c in question["choices"]]
        if question["kind"] != "truefalse":
            for i in range(len(order) - 1, 0, -1):
                order[i], order[0] = order[0], order[i]
        shown = (
            quiz_el(page)
            .locator(f'fieldset[data-question="{question["id"]}"] .hb-choice')
            .evaluate_all("els => els.map(e => e.dataset.choice)")
        )
        assert shown == order
        if question["kind"] != "truefalse" and len(order) > 2:
            assert shown != [c["id"] for c in question["choices"]]
    # answering after a shuffle still scores by choice, not by position
    all_ids = {q["id"] for q in QUIZ_DATA["questions"]}
    answer_quiz(page, all_ids)
    assert "100%" in quiz_el(page).locator(".hb-quiz-score").inner_text()


def test_best_score_is_kept(page, site):
    page.goto(site)
    answer_quiz(page, {q["id"] for q in QUIZ_DATA["questions"]})
    quiz_el(page).locator(".hb-quiz-retry").click()
    answer_quiz(page, set())
    key = f"handbook:quiz:/{Path(FIXTURE_PATH).parent.as_posix()}/:{QUIZ}"
    stored = json.loads(page.evaluate("k => localStorage.getItem(k)", key))
    assert (stored["best"], stored["last"], stored["passed"]) == (100, 0, True)


def test_keyboard_only_quiz(page, site):
    page.goto(site)
    first = quiz_el(page).locator("input").first
    first.focus()
    questions = QUIZ_DATA["questions"]
    for qi, question in enumerate(questions):
        if qi > 0:
            page.keyboard.press("Tab")  # into the next fieldset
        correct = {c["id"] for c in question["choices"] if c["correct"]}
        if question["kind"] == "multiple":
            for ci, choice in enumerate(question["choices"]):
                if ci > 0:
                    page.keyboard.press("Tab")
                if choice["id"] in correct:
                    page.keyboard.press("Space")
        else:
            target = next(i for i, c in enumerate(question["choices"]) if c["correct"])
            page.keyboard.press("Space")  # select the focused radio
            for _ in range(target):
                page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('hb-quiz-submit')")
    page.keyboard.press("Enter")
    result = quiz_el(page).locator(".hb-quiz-result")
    assert result.evaluate("el => el === document.activeElement")
    assert "100%" in result.inner_text()


def test_storage_failure_does_not_break_quiz(page, site):
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new Error('denied'); }})"
    )
    page.goto(site)
    answer_quiz(page, {q["id"] for q in QUIZ_DATA["questions"]})
    assert "100%" in quiz_el(page).locator(".hb-quiz-score").inner_text()
    status = page.locator(f'.hb-quiz-status[data-quiz="{QUIZ}"]')
    assert status.inner_text() == "Not started"


# ----------------------------------------------------------------- review banner

REVIEW_CASES = [
    # due 2027-03-14, warn 30 days: the window opens on 2027-02-12
    ("2027-02-11", "ok", None),
    ("2027-02-12", "due-soon", "Review due on 2027-03-14."),
    ("2027-03-13", "due-soon", "Review due on 2027-03-14."),
    ("2027-03-14", "due-soon", "Review due on 2027-03-14."),
    (
        "2027-03-15",
        "overdue",
        "This policy was due for review on 2027-03-14 (1 day ago). "
        "Check with Data Protection Officer before relying on it.",
    ),
    (
        "2027-04-13",
        "overdue",
        "This policy was due for review on 2027-03-14 (30 days ago). "
        "Check with Data Protection Officer before relying on it.",
    ),
]


@pytest.mark.parametrize(("today", "status", "text"), REVIEW_CASES)
def test_review_banner_with_faked_today(page, site, today, status, text):
    page.add_init_script(f"window.__HANDBOOK_TODAY__ = {json.dumps(today)}")
    page.goto(site)
    review = page.locator("#review-main")
    assert review.get_attribute("data-status") == status
    banner = review.locator(".hb-review-banner")
    assert banner.get_attribute("role") == "status"
    if text is None:
        assert banner.is_hidden()
    else:
        assert banner.is_visible()
        assert banner.inner_text() == text
    row = page.locator("#review-row")
    assert row.get_attribute("data-status") == status
    assert row.locator(".hb-review-banner").count() == 0  # never a block inside a table row
    cell = row.locator(".hb-review-status")
    assert f"hb-status-{status}" in cell.get_attribute("class")
    assert cell.inner_text() == {"ok": "OK", "due-soon": "Due soon", "overdue": "Overdue"}[status]


def test_review_banner_created_and_owner_is_text(page, site, dialogs):
    page.add_init_script("window.__HANDBOOK_TODAY__ = '2020-01-03'")
    page.goto(site)
    review = page.locator("#review-nobanner")
    assert review.get_attribute("data-status") == "overdue"
    banner = review.locator(".hb-review-banner")
    assert "(2 days ago)" in banner.inner_text()
    assert "<img src=x onerror=alert(1)>" in banner.inner_text()
    assert review.locator("img").count() == 0
    assert dialogs == []


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
        "k => [k, window.HandbookWidgets.safeHref(k) !== null]))",
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
    page.evaluate("window.HandbookWidgets.init()")
    results = axe_module.Axe().run(
        page, options={"runOnly": {"type": "rule", "values": ["color-contrast"]}}
    )
    assert results.violations_count == 0, results.generate_report()
