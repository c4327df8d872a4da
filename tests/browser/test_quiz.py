"""The quiz widget (widgets/quiz.js): scoring, feedback, retry, progress kept in the browser.

Runs on the widget page (widget_page.py): the renderer's output for the example handbook in
fixtures/handbook, and hand-written hostile cases. Expectations come from the page's data.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from widget_page import QUIZ, answer_quiz, embedded, quiz_el

pytestmark = pytest.mark.browser


QUIZ_DATA = embedded("quiz", QUIZ)


def progress_key(site: str) -> str:
    """Where the page at ``site`` keeps the quiz's progress (its site scope is its folder)."""
    return f"handbook:quiz:{urlsplit(site).path.rsplit('/', 1)[0]}/:{QUIZ}"


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
    key = progress_key(site)
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
    others = {q["id"] for q in QUIZ_DATA["questions"]} - {multiple["id"]}
    answer_quiz(page, others, skip={multiple["id"]}, submit=False)
    fieldset = quiz_el(page).locator(f'fieldset[data-question="{multiple["id"]}"]')
    fieldset.locator(f'.hb-choice[data-choice="{correct[0]["id"]}"] input').check()
    quiz_el(page).locator(".hb-quiz-submit").click()
    assert "hb-q-wrong" in fieldset.get_attribute("class")
    assert f"{expected_pct(len(others))}%" in quiz_el(page).locator(".hb-quiz-score").inner_text()


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
    key = progress_key(site)
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


def fill(template: str, **values) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)


def test_nothing_is_scored_before_every_question_has_an_answer(page, site):
    page.goto(site)
    quiz = quiz_el(page)
    text = QUIZ_DATA["text"]
    questions = QUIZ_DATA["questions"]
    quiz.locator(".hb-quiz-submit").click()
    alert = quiz.locator(".hb-quiz-unanswered")
    numbers = ", ".join(str(n) for n in range(1, len(questions) + 1))
    assert alert.inner_text() == fill(text["unanswered_many"], numbers=numbers)
    assert alert.get_attribute("role") == "alert"
    # no answer revealed, nothing kept, the reader taken to the first question
    assert quiz.locator(".hb-quiz-result").is_hidden()
    assert quiz.locator(".hb-q-feedback:visible, .hb-choice-mark").count() == 0
    assert quiz.locator("input:disabled").count() == 0
    assert page.evaluate("k => localStorage.getItem(k)", progress_key(site)) is None
    first = quiz.locator(f'fieldset[data-question="{questions[0]["id"]}"] input').first
    assert first.evaluate("el => el === document.activeElement")
    for question in questions:  # each question says so, tied to it for screen readers
        fieldset = quiz.locator(f'fieldset[data-question="{question["id"]}"]')
        missing = fieldset.locator(".hb-q-missing")
        assert missing.inner_text() == text["question_unanswered"]
        assert missing.get_attribute("id") in fieldset.get_attribute("aria-describedby").split()
    # answering one question clears its message; the others are still asked for
    answer_quiz(page, set(), skip={q["id"] for q in questions[1:]}, submit=False)
    assert quiz.locator(f'fieldset[data-question="{questions[0]["id"]}"] .hb-q-missing'
                        ).is_hidden()
    quiz.locator(".hb-quiz-submit").click()
    rest = ", ".join(str(n) for n in range(2, len(questions) + 1))
    assert alert.inner_text() == fill(text["unanswered_many"], numbers=rest)
    assert quiz.locator(".hb-quiz-result").is_hidden()
    answer_quiz(page, set(), skip={questions[0]["id"]}, submit=False)
    assert alert.is_hidden()
    quiz.locator(".hb-quiz-submit").click()
    assert quiz.locator(".hb-quiz-result").is_visible()
    assert "0%" in quiz.locator(".hb-quiz-score").inner_text()


@pytest.mark.parametrize("right", [True, False], ids=["answered-right", "answered-wrong"])
def test_the_right_answer_is_explained_whatever_was_chosen(page, site, right):
    explained = [(q, c) for q in QUIZ_DATA["questions"] for c in q["choices"]
                 if c["correct"] and c["explain_html"]]
    assert explained, "the example quiz explains a right answer"
    page.goto(site)
    answer_quiz(page, {q["id"] for q in QUIZ_DATA["questions"]} if right else set())
    for question, choice in explained:
        feedback = quiz_el(page).locator(f'fieldset[data-question="{question["id"]}"] '
                                         ".hb-q-feedback")
        box = feedback.locator(".hb-q-right-explain")
        assert box.locator(".hb-q-right-explain-title").inner_text() == fill(
            QUIZ_DATA["text"]["why_right"], text=choice["text"])
        assert re.sub(r"<[^>]+>", "", choice["explain_html"]) in box.inner_text()


def test_every_sentence_comes_from_the_page_data(page, site):
    """The widget shows the render stage's sentences: replaced on the page, they change."""
    marked = {key: f"[{key}]" + "".join(f" {{{s}}}" for s in re.findall(r"\{(\w+)\}", value))
              for key, value in QUIZ_DATA["text"].items()}

    def rewrite(route):
        html = route.fetch().text()
        data = {**QUIZ_DATA, "text": marked}
        html = re.sub(r'(<script type="application/json" id="hb-quiz-basics">).*?(</script>)',
                      lambda m: m.group(1) + json.dumps(data) + m.group(2), html, flags=re.S)
        html = re.sub(r'data-text-(none|passed|failed)="[^"]*"',
                      lambda m: f'data-text-{m.group(1)}="[{m.group(1)}] {{best}}"', html)
        route.fulfill(body=html, content_type="text/html")

    page.route("**/widgets.html", rewrite)
    page.goto(site)
    quiz = quiz_el(page)
    n = len(QUIZ_DATA["questions"])
    assert quiz.locator(".hb-quiz-intro").inner_text() == \
        f"[intro_many] {n} {QUIZ_DATA['pass_mark']}"
    assert quiz.locator(".hb-q-hint").first.inner_text() == "[select_all]"
    assert quiz.locator(".hb-quiz-submit").inner_text() == "[submit]"
    assert quiz.locator("form").get_attribute("aria-label") == f"[form_label] {QUIZ_DATA['title']}"
    assert page.locator(f'.hb-quiz-status[data-quiz="{QUIZ}"]').inner_text() == "[none]"
    answer_quiz(page, set())
    first = QUIZ_DATA["questions"][0]
    feedback = quiz.locator(f'fieldset[data-question="{first["id"]}"] .hb-q-feedback')
    assert feedback.locator(".hb-q-verdict").inner_text() == "[verdict_wrong]"
    right = [c["text"] for c in first["choices"] if c["correct"]]
    assert feedback.locator(".hb-q-correct-answer").inner_text() == \
        f"[correct_answer] {'; '.join(right)}"
    assert feedback.locator(".hb-q-playbook").inner_text() == \
        f"[read_playbook] {first['playbook']['title']}"
    marks = quiz.locator(".hb-choice-mark").all_inner_texts()
    assert {m.strip() for m in marks} == {"[mark_correct]", "[mark_wrong_chosen]"}
    assert quiz.locator(".hb-quiz-score").inner_text() == f"[score_failed] 0 0 {n} " \
        f"{QUIZ_DATA['pass_mark']}"
    assert quiz.locator(".hb-quiz-best-line").inner_text() == "[best_line] 0"
    page.wait_for_function("el => el.textContent.includes('[announce_failed]')",
                           arg=quiz.locator(".hb-live").element_handle())
    assert page.locator(f'.hb-quiz-status[data-quiz="{QUIZ}"]').inner_text() == "[failed] 0"
    quiz.locator(".hb-quiz-retry").click()
    page.wait_for_function("el => el.textContent.includes('[reset]')",
                           arg=quiz.locator(".hb-live").element_handle())
