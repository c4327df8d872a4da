"""Quizzes as the quiz widget reads them (see ARCHITECTURE.md), written and generated questions."""

from __future__ import annotations

from typing import Any

from ..folder import Document, Handbook
from ..model import Question, Quiz
from .questions import generate
from .text import prose
from .views import Lookups


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
        questions.append({
            "id": qid, "kind": kind, "question": q.question, "choices": choices,
            "explain_html": str(prose(q.explain)) if q.explain else None,
            "playbook": site.playbook_ref(page, playbook_id)
            if playbook_id in site.playbooks else None,
        })
    return {"id": quiz.id, "title": model.title, "pass_mark": model.pass_mark,
            "questions": questions}
