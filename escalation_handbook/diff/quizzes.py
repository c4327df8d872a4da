"""Quizzes: what changed in their questions, and which now lag behind their playbooks."""

from __future__ import annotations

from collections.abc import Iterator

from ..folder import Document
from ..load import Loc
from ..model import Question, Quiz
from .changes import Change
from .common import Sides, change, compared, quoted, words


def _choices(question: Question) -> tuple[object, ...]:
    return (question.answer, frozenset(
        (words(c.text), c.correct) for c in question.choices or []))


def _explanations(question: Question) -> tuple[object, ...]:
    return (words(question.explain),
            frozenset((words(c.text), words(c.explain)) for c in question.choices or []))


def quiz_changes(sides: Sides, base: Document[Quiz], head: Document[Quiz]) -> Iterator[Change]:
    old, new = base.model, head.model
    label = f"Quiz {quoted(new.title)}"

    def removed(old_q: Question, _: int) -> tuple[str, str]:
        return ("quiz-question-removed", f"{label}: the question {quoted(old_q.question, 60)} "
                "was removed.")

    def added(new_q: Question, _: int) -> tuple[str, str]:
        return "quiz-question-added", f"{label}: new question {quoted(new_q.question, 60)}."

    def changed(old_q: Question, new_q: Question, at: Loc) -> Iterator[Change]:
        shown = f"{label}, question {quoted(new_q.question, 60)}"
        if words(old_q.question) != words(new_q.question):
            yield change("quiz-question-changed", f"{label}: the question "
                         f"{quoted(old_q.question, 60)} now reads {quoted(new_q.question, 60)}."
                         , head, (*at, "question"))
        if _choices(old_q) != _choices(new_q):
            yield change("quiz-question-changed", f"{shown}: the choices or the right answer "
                         "changed.", head, at)
        if _explanations(old_q) != _explanations(new_q):
            yield change("quiz-question-changed", f"{shown}: the explanation changed.", head,
                         at)
        if (old_q.playbook or "") != (new_q.playbook or ""):
            yield change("quiz-question-changed", f"{shown}: now about the playbook "
                         f"{quoted(sides.playbook_title(new_q.playbook or new.playbooks[0]))}.",
                         head, at)

    yield from compared(base, head, ("questions",), old.questions, new.questions,
                        lambda q: words(q.question), removed, added, changed)
    if words(old.title) != words(new.title):
        yield change("quiz-changed", f"{label} was called {quoted(old.title)}.", head,
                     ("title",))
    if old.playbooks != new.playbooks:
        titles = ", ".join(quoted(sides.playbook_title(p)) for p in new.playbooks)
        yield change("quiz-changed", f"{label} now covers {titles}.", head, ("playbooks",))
    for key, what in (("pass_mark", "pass mark"), ("generated_questions",
                                                   "number of generated questions")):
        if getattr(old, key) != getattr(new, key):
            yield change("quiz-changed", f"{label}: the {what} is now {getattr(new, key)} (was "
                         f"{getattr(old, key)}).", head, (key,))
    if old.owner != new.owner:
        default = "its first playbook's owner"
        now = sides.contact(new.owner) if new.owner else default
        was = sides.contact(old.owner, "base") if old.owner else default
        yield change("owner", f"{label} is owned by {now} (was {was}).", head, ("owner",))
    if old.last_reviewed != new.last_reviewed:
        yield change("last-reviewed", f"{label} was last reviewed on "
                     f"{new.last_reviewed.isoformat()} (was {old.last_reviewed.isoformat()}).",
                     head, ("last_reviewed",))


def covered(quiz: Quiz) -> list[str]:
    """The playbooks a quiz asks about, as `handbook stale` counts them."""
    return list(dict.fromkeys([*quiz.playbooks, *(q.playbook for q in quiz.questions
                                                  if q.playbook)]))


def needs_update(sides: Sides, quiz: Document[Quiz], before: Document[Quiz] | None,
                 material: dict[str, str]) -> Change | None:
    """A quiz about a playbook that changed materially, itself not reviewed in this change.

    ``material`` maps the ids of playbooks with material changes to their titles. A quiz added
    or re-reviewed (a later `last_reviewed`) in the same change is taken as written for it.
    """
    if before is None or quiz.model.last_reviewed > before.model.last_reviewed:
        return None
    which = [material[p] for p in covered(quiz.model) if p in material]
    if not which:
        return None
    titles = ", ".join(quoted(t) for t in which)
    return change("quiz-needs-update", f"Quiz {quoted(quiz.model.title)} needs an update: "
                  f"{titles} changed materially since its last review "
                  f"({quiz.model.last_reviewed.isoformat()}).", quiz, ("last_reviewed",))
