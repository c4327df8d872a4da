"""Generated quiz questions: every one has exactly the right answer according to the model.

The right answers are recomputed here from the model, independently of
escalation_handbook.render.questions: the
question text names the fact (a trigger, a pathway, a step's time), the test finds it in the
quiz's playbooks and reads the answer off the model.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from escalation_handbook.folder import Document, Handbook, load_handbook
from escalation_handbook.model import Playbook, Question, Quiz
from escalation_handbook.model.durations import parse
from escalation_handbook.render.questions import generate

ROOT = Path(__file__).resolve().parents[2]

SEVERITY = re.compile(r"^(?P<trigger>.+): what severity is it\?$")
FIRST = re.compile(r"^Who do you contact first in (?P<pathway>.+)\?$")
ACK = re.compile(
    r"^(?P<pathway>.+?): (?:you call (?P<first>.+) first|after (?P<after>.+?) you call .+)\. "
    r"How long do they have to acknowledge\?$"
)
NEXT = re.compile(
    r"^(?P<pathway>.+): nobody has acknowledged after (?P<after>.+) — who do you call\?$"
)


@dataclass
class Expected:
    kind: str
    answer: str  # the right choice's text
    playbook: str
    is_right: object  # text -> bool: would this choice also be a right answer?


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    hb = load_handbook(ROOT)
    assert hb.problems == [] or all(p.level != "error" for p in hb.problems)
    return hb


def generating_quizzes(hb: Handbook) -> list[Document[Quiz]]:
    return [q for q in hb.quizzes if q.model.generated_questions]


def with_n(quiz: Document[Quiz], n: int) -> Document[Quiz]:
    model = quiz.model.model_copy(update={"generated_questions": n})
    return Document(quiz.file, model, quiz.id, quiz.section)


def contact_name(hb: Handbook, contact_id: str) -> str:
    contact = hb.contact(contact_id)
    return contact.name if contact else contact_id


def expected(hb: Handbook, quiz: Quiz, question: Question) -> Expected:
    """The right answer to a generated question, read off the model."""
    playbooks: list[Document[Playbook]] = [
        d for pid in quiz.playbooks if (d := hb.playbook(pid)) is not None
    ]
    text = question.question
    if m := NEXT.match(text):
        doc, pathway = find_pathway(playbooks, m["pathway"])
        step = next(s for s in pathway.steps[1:] if str(s.after) == m["after"])
        names = {contact_name(hb, c) for c in step.contacts}
        return Expected("next-contact", contact_name(hb, step.contacts[0]), doc.id,
                        lambda t: t in names)
    if m := ACK.match(text):
        doc, pathway = find_pathway(playbooks, m["pathway"])
        if m["first"] is not None:
            step = pathway.steps[0]
        else:
            step = next(s for s in pathway.steps[1:] if str(s.after) == m["after"])
        minutes = step.acknowledge_within.minutes
        return Expected("acknowledge", str(step.acknowledge_within), doc.id,
                        lambda t: parse(t).minutes == minutes)
    if m := FIRST.match(text):
        doc, pathway = find_pathway(playbooks, m["pathway"])
        names = {contact_name(hb, c) for c in pathway.steps[0].contacts}
        return Expected("first-contact", contact_name(hb, pathway.steps[0].contacts[0]), doc.id,
                        lambda t: t in names)
    if m := SEVERITY.match(text):
        found = [(d, t) for d in playbooks for t in d.model.triggers if t.name == m["trigger"]]
        assert len(found) >= 1, text
        doc, trigger = found[0]
        severity = next(s for s in hb.settings.model.severities if s.id == trigger.severity)
        answer = f"{severity.id.upper()} {severity.name}"
        return Expected("severity", answer, doc.id, lambda t: t == answer)
    raise AssertionError(f"not a generated question: {text}")


def find_pathway(playbooks, name):
    found = [(d, p) for d in playbooks for p in d.model.pathways if p.name == name]
    assert found, name
    return found[0]


def check_question(hb: Handbook, quiz: Quiz, question: Question) -> Expected:
    exp = expected(hb, quiz, question)
    assert question.choices is not None and question.answer is None
    texts = [c.text for c in question.choices]
    assert len(texts) == len(set(texts)), texts  # no duplicates
    right = [c for c in question.choices if c.correct]
    assert len(right) == 1, question
    assert right[0].text == exp.answer, (question.question, right[0].text, exp.answer)
    for choice in question.choices:
        if not choice.correct:
            assert choice.text != exp.answer
            assert not exp.is_right(choice.text), (question.question, choice.text)
    assert question.playbook == exp.playbook
    title = hb.playbook(exp.playbook).model.title
    assert exp.answer in question.explain and title in question.explain, question.explain
    return exp


# --- the sample handbook ----------------------------------------------------------------------


def test_sample_has_quizzes_with_generated_questions(handbook):
    assert generating_quizzes(handbook)


def test_every_generated_question_of_every_sample_quiz_is_right(handbook):
    for quiz in generating_quizzes(handbook):
        questions = generate(handbook, quiz)
        assert len(questions) == quiz.model.generated_questions
        assert len({q.question for q in questions}) == len(questions)
        for question in questions:
            check_question(handbook, quiz.model, question)
            assert len(question.choices) == 4  # the sample has enough of everything


def test_every_candidate_fact_of_every_quiz_is_right(handbook):
    """Asking for more than there are facts gives every fact once, all four kinds."""
    kinds = set()
    for quiz in handbook.quizzes:
        questions = generate(handbook, with_n(quiz, 50))
        texts = [q.question for q in questions]
        assert len(texts) == len(set(texts))
        assert len(questions) < 50  # fewer facts than asked for: as many as possible
        for question in questions:
            kinds.add(check_question(handbook, quiz.model, question).kind)
        # every trigger of the quiz's playbooks is asked about
        triggers = {t.name for pid in quiz.model.playbooks for t in
                    handbook.playbook(pid).model.triggers}
        asked = {m["trigger"] for t in texts if (m := SEVERITY.match(t))}
        assert asked == triggers
    assert kinds == {"severity", "first-contact", "acknowledge", "next-contact"}


def test_zero_means_none(handbook):
    assert generate(handbook, with_n(handbook.quizzes[0], 0)) == []


def test_deterministic(handbook):
    for quiz in handbook.quizzes:
        first = [q.model_dump() for q in generate(handbook, with_n(quiz, 6))]
        again = [q.model_dump() for q in generate(load_handbook(ROOT), with_n(quiz, 6))]
        assert first == again


def test_seeded_by_quiz_id_not_by_hash(handbook):
    """The same questions in another interpreter with another hash seed."""
    script = (
        "import json\nfrom pathlib import Path\n"
        "from escalation_handbook.folder import load_handbook\n"
        "from escalation_handbook.render.questions import generate\n"
        f"hb = load_handbook(Path({str(ROOT)!r}))\n"
        "print(json.dumps({q.id: [x.model_dump() for x in generate(hb, q)]"
        " for q in hb.quizzes}))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, check=True).stdout
    here = {q.id: [x.model_dump() for x in generate(handbook, q)] for q in handbook.quizzes}
    assert json.loads(out) == here


def test_different_quiz_ids_shuffle_differently(handbook):
    quiz = with_n(generating_quizzes(handbook)[0], 6)
    other = Document(quiz.file, quiz.model, quiz.id + "-copy", quiz.section)
    a = [(q.question, [c.text for c in q.choices]) for q in generate(handbook, quiz)]
    b = [(q.question, [c.text for c in q.choices]) for q in generate(handbook, other)]
    assert a != b


# --- the questions follow the YAML --------------------------------------------------------------


def copy_sample(tmp_path: Path) -> Path:
    target = tmp_path / "handbook"
    for name in ("playbooks", "quizzes"):
        shutil.copytree(ROOT / name, target / name)
    return target


def replace_value(path: Path, line: int, col: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text = lines[line - 1]
    assert text[col - 1:col - 1 + len(old)] == old, (text, old)
    lines[line - 1] = text[:col - 1] + new + text[col - 1 + len(old):]
    path.write_text("".join(lines), encoding="utf-8")


def test_changing_a_trigger_severity_changes_the_answer(tmp_path):
    root = copy_sample(tmp_path)
    hb = load_handbook(root)
    quiz, question = next(
        (q, x) for q in generating_quizzes(hb) for x in generate(hb, q)
        if SEVERITY.match(x.question)
    )
    exp = expected(hb, quiz.model, question)
    doc = hb.playbook(exp.playbook)
    name = SEVERITY.match(question.question)["trigger"]
    index, trigger = next((i, t) for i, t in enumerate(doc.model.triggers) if t.name == name)
    new = next(s for s in hb.settings.model.severities if s.id != trigger.severity)
    line, col = doc.at("triggers", index, "severity")
    replace_value(root / doc.path, line, col, trigger.severity, new.id)

    changed = load_handbook(root)
    quiz2 = next(q for q in changed.quizzes if q.id == quiz.id)
    after = {x.question: x for x in generate(changed, quiz2)}
    assert question.question in after
    new_answer = next(c.text for c in after[question.question].choices if c.correct)
    assert new_answer == f"{new.id.upper()} {new.name}" != exp.answer
    check_question(changed, quiz.model, after[question.question])


def test_changing_a_first_contact_changes_the_answer(tmp_path):
    root = copy_sample(tmp_path)
    hb = load_handbook(root)
    quiz = with_n(generating_quizzes(hb)[0], 50)
    question = next(x for x in generate(hb, quiz) if FIRST.match(x.question))
    exp = expected(hb, quiz.model, question)
    doc = hb.playbook(exp.playbook)
    name = FIRST.match(question.question)["pathway"]
    p, pathway = next((i, p) for i, p in enumerate(doc.model.pathways) if p.name == name)
    first = pathway.steps[0].contacts[0]
    other = next(c for c in hb.contacts if c.id not in pathway.steps[0].contacts)
    line, col = doc.at("pathways", p, "steps", 0, "contacts", 0)
    replace_value(root / doc.path, line, col, first, other.id)

    changed = load_handbook(root)
    quiz2 = with_n(next(q for q in changed.quizzes if q.id == quiz.id), 50)
    after = {x.question: x for x in generate(changed, quiz2)}
    new_answer = next(c.text for c in after[question.question].choices if c.correct)
    assert new_answer == other.name != exp.answer
    check_question(changed, quiz2.model, after[question.question])
