"""Quiz questions generated from the policy itself, so training never teaches an outdated policy.

``generate(handbook, quiz_doc)`` builds the ``generated_questions: N`` questions of a quiz from the
playbooks it covers. Four kinds of fact make candidate questions:

- a trigger's severity: "<trigger name>: what severity is it?"
- the first contact of a pathway: "Who do you contact first in <pathway>?"
- the acknowledge time of a step: "<pathway>: you call <contacts> first. How long do they have
  to acknowledge?" (or "after <time> you call …" for a later step)
- who comes next after a given time: "<pathway>: nobody has acknowledged after <time> — who do
  you call?"

Each question has one right choice and up to three wrong ones drawn from the same handbook (other
severities, other contacts, other durations), never equal to the right answer and never twice the
same text. The choice of facts, of wrong choices and their order come from
``random.Random(quiz_id)`` (a string seed, hashed with SHA-512: stable across runs and Python
versions), so the same YAML builds the same questions. Pure: no MkDocs, no click, no I/O.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..folder import Document, Handbook
from ..model import Choice, Pathway, Playbook, Question, Quiz
from ..model.durations import Duration

WRONG_CHOICES = 3


@dataclass(frozen=True)
class Fact:
    """One candidate question: the right answer, and the pool its wrong choices come from."""

    kind: str  # severity | first-contact | acknowledge | next-contact
    question: str
    answer: str
    # wrong choices in tiers, most plausible first, each in handbook order; never the answer
    wrong: tuple[tuple[str, ...], ...]
    explain: str
    playbook: str
    anchor: str  # the part of the playbook's page the fact is written in


class GeneratedQuestion(Question):
    """A generated question also knows where on its playbook's page its answer is written."""

    anchor: str | None = None


def generate(handbook: Handbook, quiz_doc: Document[Quiz]) -> list[GeneratedQuestion]:
    """The quiz's generated questions: ``generated_questions`` of them, or as many as the facts
    of its playbooks allow (each question distinct)."""
    wanted = quiz_doc.model.generated_questions
    if wanted <= 0:
        return []
    rng = random.Random(f"{quiz_doc.id}")
    return [_question(fact, rng) for fact in _pick(candidate_facts(handbook, quiz_doc.model),
                                                    wanted, rng)]


def _pick(facts: list[Fact], wanted: int, rng: random.Random) -> list[Fact]:
    """``wanted`` facts, taking the kinds in turn (in a random order) so a quiz mixes them."""
    kinds: dict[str, list[Fact]] = {}
    for fact in facts:
        kinds.setdefault(fact.kind, []).append(fact)
    groups = list(kinds.values())
    for group in groups:
        rng.shuffle(group)
    rng.shuffle(groups)
    chosen: list[Fact] = []
    while len(chosen) < wanted and any(groups):
        for group in groups:
            if group and len(chosen) < wanted:
                chosen.append(group.pop())
    return chosen


def candidate_facts(handbook: Handbook, quiz: Quiz) -> list[Fact]:
    """Every fact of the quiz's playbooks that can make a question, in a stable order, with
    distinct question texts and at least one possible wrong choice."""
    names = _ContactNames(handbook)
    pools = _Pools(handbook, names)
    facts: list[Fact] = []
    seen: set[str] = set()
    for playbook_id in dict.fromkeys(quiz.playbooks):
        doc = handbook.playbook(playbook_id)
        if doc is None:
            continue
        for fact in _facts(handbook, doc, names, pools):
            if fact.question not in seen and any(fact.wrong):
                seen.add(fact.question)
                facts.append(fact)
    return facts


# --- facts --------------------------------------------------------------------------------


def _facts(handbook: Handbook, doc: Document[Playbook], names: _ContactNames, pools: _Pools
           ) -> Iterator[Fact]:
    playbook = doc.model
    title = playbook.title
    severities = {s.id: s for s in handbook.settings.model.severities} if handbook.settings else {}
    pathways = {p.id: p for p in playbook.pathways}

    for trigger in playbook.triggers:
        severity = severities.get(trigger.severity)
        if severity is None:
            continue
        answer = severity_text(severity.label, severity.name)
        pathway = pathways.get(trigger.pathway)
        follow = f" Follow {pathway.name}." if pathway else ""
        yield Fact(
            kind="severity",
            question=f"{trigger.name}: what severity is it?",
            answer=answer,
            wrong=(tuple(s for s in pools.severities if s != answer),),
            explain=f"“{trigger.name}” is {answer}.{follow} "
                    f"Written in {title}, under Triggers.",
            playbook=doc.id,
            anchor=f"trigger-{trigger.id}",
        )

    for pathway in playbook.pathways:
        if not pathway.steps or not pathway.steps[0].contacts:
            continue
        first = pathway.steps[0]
        step_names = [names(c) for c in first.contacts]
        answer = step_names[0]
        others = f" (with {_and(step_names[1:])})" if len(step_names) > 1 else ""
        yield Fact(
            kind="first-contact",
            question=f"Who do you contact first in {pathway.name}?",
            answer=answer,
            wrong=pools.other_contacts(step_names),
            explain=f"{pathway.name} starts with {answer}{others}{_ack(first.acknowledge_within)}."
                    f" Written in {title}, {pathway.name}, step 1.",
            playbook=doc.id,
            anchor=step_anchor(pathway.id, 1),
        )

    for pathway in playbook.pathways:
        for n, step in enumerate(pathway.steps, start=1):
            if step.acknowledge_within is None or not step.contacts:
                continue
            who = _and([names(c) for c in step.contacts])
            when = f"after {step.after} you call {who}" if n > 1 and step.after else \
                f"you call {who} first" if n == 1 else f"at step {n} you call {who}"
            ack = step.acknowledge_within
            yield Fact(
                kind="acknowledge",
                question=f"{pathway.name}: {when}. How long do they have to acknowledge?",
                answer=str(ack),
                wrong=pools.other_durations(ack),
                explain=f"In {pathway.name}, {who} must acknowledge within {ack}. "
                        f"Written in {title}, {pathway.name}, step {n}.",
                playbook=doc.id,
                anchor=step_anchor(pathway.id, n),
            )

    for pathway in playbook.pathways:
        yield from _next_facts(doc, pathway, names, pools)


def _next_facts(doc: Document[Playbook], pathway: Pathway, names: _ContactNames, pools: _Pools
                ) -> Iterator[Fact]:
    for n, step in enumerate(pathway.steps, start=1):
        if n == 1 or step.after is None or not step.contacts:
            continue
        step_names = [names(c) for c in step.contacts]
        answer = step_names[0]
        others = f" (with {_and(step_names[1:])})" if len(step_names) > 1 else ""
        yield Fact(
            kind="next-contact",
            question=f"{pathway.name}: nobody has acknowledged after {step.after} — "
                     "who do you call?",
            answer=answer,
            wrong=pools.other_contacts(step_names),
            explain=f"After {step.after}, {pathway.name} calls {answer}{others}. "
                    f"Written in {doc.model.title}, {pathway.name}, step {n}.",
            playbook=doc.id,
            anchor=step_anchor(pathway.id, n),
        )


def step_anchor(pathway_id: str, n: int) -> str:
    """The id of a pathway's step ``n`` (1-based) on its playbook's page; the ``step-`` prefix
    keeps it apart from the ``trigger-`` and ``pathway-`` ids whatever the ids are."""
    return f"step-{n}-{pathway_id}"


def _question(fact: Fact, rng: random.Random) -> GeneratedQuestion:
    wrong: list[str] = []
    for tier in fact.wrong:  # the most plausible wrong choices first
        tier = tuple(w for w in tier if w != fact.answer and w not in wrong)
        wrong += rng.sample(tier, min(WRONG_CHOICES - len(wrong), len(tier)))
    choices = [Choice(text=fact.answer, correct=True), *(Choice(text=w) for w in wrong)]
    rng.shuffle(choices)
    return GeneratedQuestion(question=fact.question, choices=choices, explain=fact.explain,
                             playbook=fact.playbook, anchor=fact.anchor)


# --- the handbook's values, for wrong choices ---------------------------------------------


def severity_text(label: str, name: str) -> str:
    return f"{label} {name}"


class _ContactNames:
    """Contact id → the name people know; an unknown id stands for itself."""

    def __init__(self, handbook: Handbook) -> None:
        self.index = handbook.contact_index

    def __call__(self, contact_id: str) -> str:
        contact = self.index.get(contact_id)
        return contact.name if contact else contact_id


class _Pools:
    """Distinct values of the whole handbook, in the order they are written."""

    def __init__(self, handbook: Handbook, names: _ContactNames) -> None:
        settings = handbook.settings.model if handbook.settings else None
        severities = settings.severities if settings else []
        self.severities = _unique(severity_text(s.label, s.name) for s in severities)
        steps = [s for d in handbook.playbooks for p in d.model.pathways for s in p.steps]
        # contacts that pathways call, then the rest of the directory
        called = _unique(names(c) for s in steps for c in s.contacts)
        everyone = _unique(c.name for c in handbook.contacts)
        self.contacts = (called, tuple(c for c in everyone if c not in called))
        # times to acknowledge or respond, then the times of escalation steps
        self.durations = (
            _distinct([*(s.acknowledge_within for s in steps),
                       *(s.respond_within for s in severities)]),
            _distinct(s.after for s in steps),
        )

    def other_contacts(self, names: list[str]) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(c for c in tier if c not in names) for tier in self.contacts)

    def other_durations(self, right: Duration) -> tuple[tuple[str, ...], ...]:
        """Durations of a different length (``15 min`` is ``15 minutes``), each length once."""
        seen = {right.minutes}
        tiers = []
        for tier in self.durations:
            texts = []
            for d in tier:
                if d.minutes not in seen:
                    seen.add(d.minutes)
                    texts.append(str(d))
            tiers.append(tuple(texts))
        return tuple(tiers)


def _distinct(durations: Iterable[Duration | None]) -> list[Duration]:
    found: dict[int, Duration] = {}
    for d in durations:
        if d is not None:
            found.setdefault(d.minutes, d)
    return list(found.values())


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _ack(duration: Duration | None) -> str:
    return f", who must acknowledge within {duration}" if duration else ""
