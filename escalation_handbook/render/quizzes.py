"""Quizzes as the quiz widget reads them (see ARCHITECTURE.md), written and generated questions."""

from __future__ import annotations

from typing import Any

from ..folder import Document, Handbook
from ..model import Question, Quiz
from .questions import GeneratedQuestion, generate
from .text import prose
from .views import Lookups

# Every sentence the quiz widget shows: written here once, handed to the browser in the quiz's
# JSON. `{n}`, `{pass_mark}`, `{title}`, `{text}`, `{pct}`, `{right}`, `{total}`, `{best}`,
# `{numbers}` are filled in by the widget.
QUIZ_TEXT: dict[str, str] = {
    "form_label": "Quiz: {title}",
    "intro_one": "1 question · pass mark {pass_mark}%",
    "intro_many": "{n} questions · pass mark {pass_mark}%",
    "select_all": "Select all that apply.",
    "submit": "Submit answers",
    "retry": "Retry",
    "unanswered_one": "Answer question {numbers} first: it has no answer yet.",
    "unanswered_many": "Answer questions {numbers} first: they have no answer yet.",
    "question_unanswered": "This question has no answer yet.",
    "mark_correct_chosen": " ✓ correct, your answer",
    "mark_correct": " ✓ correct",
    "mark_wrong_chosen": " ✗ your answer",
    "verdict_right": "Correct",
    "verdict_wrong": "Not quite",
    "correct_answer": "Correct answer: {text}",
    "correct_answers": "Correct answers: {text}",
    "why_right": "Why “{text}” is right:",
    "you_chose": "You chose “{text}”:",
    "read_playbook": "Read the playbook: {title}",
    "score_passed": "You scored {pct}% ({right} of {total} right). Passed — the pass mark is "
                    "{pass_mark}%.",
    "score_failed": "You scored {pct}% ({right} of {total} right). Not yet passed — the pass "
                    "mark is {pass_mark}%.",
    "best_line": "Your best score: {best}%.",
    "announce_passed": "You scored {pct}%. Passed.",
    "announce_failed": "You scored {pct}%. Not yet passed.",
    "reset": "Quiz reset. The choices have been shuffled.",
}


def quiz_questions(handbook: Handbook, quiz: Document[Quiz]) -> list[Question]:
    """The quiz's written questions, then those generated from the policy at build time."""
    return [*quiz.model.questions, *generate(handbook, quiz)]


def quiz_data(site: Lookups, quiz: Document[Quiz], all_questions: list[Question], page: str
              ) -> dict[str, Any]:
    model = quiz.model
    questions = []
    for n, q in enumerate(all_questions, start=1):
        qid = f"{quiz.id}-q{n}"
        if q.choices is not None:
            choices = [{"id": f"{qid}-c{i}", "text": c.text, "correct": c.correct,
                        "explain_html": str(prose(c.explain)) if c.explain else None}
                       for i, c in enumerate(q.choices, start=1)]
            correct = sum(1 for c in q.choices if c.correct)
            kind = "multiple" if correct > 1 else "single"
        else:
            choices = [{"id": f"{qid}-true", "text": "True", "correct": q.answer is True,
                        "explain_html": None},
                       {"id": f"{qid}-false", "text": "False", "correct": q.answer is False,
                        "explain_html": None}]
            kind = "truefalse"
        playbook_id = q.playbook or (model.playbooks[0] if model.playbooks else None)
        playbook = None
        if playbook_id in site.playbooks:
            # a generated question links the trigger or step it was made from
            anchor = q.anchor if isinstance(q, GeneratedQuestion) else None
            playbook = {**site.playbook_ref(page, playbook_id),
                        "url": site.playbook_url(page, playbook_id, anchor)}
        questions.append({
            "id": qid, "kind": kind, "question": q.question, "choices": choices,
            "explain_html": str(prose(q.explain)) if q.explain else None,
            "playbook": playbook,
        })
    return {"id": quiz.id, "title": model.title, "pass_mark": model.pass_mark,
            "questions": questions, "text": QUIZ_TEXT}
