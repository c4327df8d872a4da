"""Check stage: a registry of small rules, each documented; every problem collected, none raised.

A rule is a function of a ``Context`` that yields ``Finding``s; the registry gives each its code
and level. The docstring of each rule is the user's documentation of the check (it is shown on the
site's "Writing playbooks" page), so write it for a policy owner.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from .folder import Document, Handbook
from .load import Loc
from .model import Answer, DecisionTree, Pathway, Playbook, Trigger
from .model.prose import might_link, prose_texts, refused_links
from .problems import Level, Problem, capped
from .review import newer_playbooks, outdated_note

if TYPE_CHECKING:  # the coverage of working hours is made only when a rule asks for it
    from .clocks.coverage import Coverage


class Finding(NamedTuple):
    doc: Document[Any]
    loc: Loc
    message: str
    key: bool = False


class TriggerFacts(NamedTuple):
    """A playbook's triggers, walked once for what several rules read of them."""

    ids: list[str]  # in order
    severities: set[str]
    by_pathway: dict[str, list[Trigger]]  # pathway id → the triggers that follow it, in order
    without_signals: list[int]  # indexes
    with_also: list[int]  # indexes

    @classmethod
    def of(cls, triggers: list[Trigger]) -> TriggerFacts:
        facts = cls([], set(), {}, [], [])
        for i, trigger in enumerate(triggers):
            facts.ids.append(trigger.id)
            facts.severities.add(trigger.severity)
            facts.by_pathway.setdefault(trigger.pathway, []).append(trigger)
            if not trigger.signals:
                facts.without_signals.append(i)
            if trigger.also:
                facts.with_also.append(i)
        return facts


class PathwayUse(NamedTuple):
    """A pathway of a playbook (and its index there) with the playbook's triggers that follow
    it, in their order, and their severities."""

    playbook: Document[Playbook]
    index: int
    pathway: Pathway
    triggers: list[Trigger]
    severities: frozenset[str]


@dataclass(frozen=True)
class Context:
    """What a rule reads: the handbook, the day it is checked against, and indexes that
    several rules share, each made once per check by the first rule that asks for it (at
    1,000 playbooks a walk over every answer of every tree costs as much as a whole rule)."""

    handbook: Handbook
    today: date

    @cached_property
    def trees(self) -> list[tuple[Document[Any], Loc, DecisionTree]]:
        """Every decision tree (see ``trees``)."""
        return list(trees(self.handbook))

    @cached_property
    def answers(self) -> TreeAnswers:
        return TreeAnswers(self.trees)

    @cached_property
    def contact_references(self) -> list[tuple[Document[Any], Loc, str]]:
        """Every place that names a contact: (document, where, contact id)."""
        calls = ((doc, (*loc, "call", c), contact_id)
                 for doc, loc, _, answer in self.answers.call
                 for c, contact_id in enumerate(answer.call))
        return [*_listed_contacts(self.handbook), *calls]

    @cached_property
    def triggers(self) -> list[TriggerFacts]:
        """What the rules read of each playbook's triggers, in the order of the playbooks."""
        return [TriggerFacts.of(pb.model.triggers) for pb in self.handbook.playbooks]

    @cached_property
    def pathway_uses(self) -> list[PathwayUse]:
        """Each pathway of each playbook, with the triggers that follow it."""
        found = []
        for pb, facts in zip(self.handbook.playbooks, self.triggers, strict=True):
            for p, pathway in enumerate(pb.model.pathways):
                triggers = facts.by_pathway.get(pathway.id, [])
                found.append(PathwayUse(pb, p, pathway, triggers,
                                        frozenset(t.severity for t in triggers)))
        return found

    @cached_property
    def coverage(self) -> Coverage:
        """Who is on duty when (for the rules about working hours)."""
        from .clocks.coverage import Coverage

        return Coverage(self.handbook, self.today)


@dataclass(frozen=True)
class Rule:
    code: str
    level: Level
    run: RuleFunction

    @property
    def doc(self) -> str:
        return " ".join((self.run.__doc__ or "").split())


RULES: list[Rule] = []


RuleFunction = Callable[[Context], Iterable[Finding]]


def rule(code: str, level: Level = "error") -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule under ``code``; its docstring documents it for users."""

    def register(run: RuleFunction) -> RuleFunction:
        RULES.append(Rule(code, level, run))
        return run

    return register


def check(handbook: Handbook, today: date) -> list[Problem]:
    """Every problem in the handbook: loading and model problems first found, then every rule's,
    at most ``REPEAT_LIMIT`` of one rule in one file (then a count of the rest)."""
    context = Context(handbook, today)
    found: list[Problem] = []
    for each in RULES:
        for finding in each.run(context):
            line, col = finding.doc.at(*finding.loc, key=finding.key)
            found.append(Problem(finding.doc.path, line, col, each.level, each.code,
                                 finding.message))
    # loading capped its own repeats per file (the rules' codes are not the loader's)
    return sorted({*handbook.problems, *capped(found)})


def _suggest(name: str, known: Iterable[str]) -> str:
    """`: did you mean 'x'?` for the known id closest to ``name``, or "".

    Spelling first; failing that, the id sharing most of its words (`lost-laptop` →
    `laptop-stolen`): ids are words joined by '-', often remembered in another order.
    """
    candidates = sorted(set(known))
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    if not close:
        words = {w for w in name.split("-") if len(w) > 2}
        shared = [(len(words & set(c.split("-"))), c) for c in candidates]
        best = max((n for n, _ in shared), default=0)
        close = [c for n, c in shared if n == best][:1] if best else []
    return f": did you mean '{close[0]}'?" if close else ""


def _where(doc: Document[Any], *loc: str | int) -> str:
    line, col = doc.at(*loc)
    return f"{doc.path}:{line}:{col}"


# --- identity -------------------------------------------------------------------------------


@rule("duplicate-id")
def duplicate_ids(ctx: Context) -> Iterator[Finding]:
    """Ids must be unique: playbooks, contacts, quizzes and severities across the handbook,
    triggers and pathways within their playbook. The message names the other place."""
    hb = ctx.handbook

    def dupes(kind: str, items: Iterable[tuple[str, Document[Any], Loc]]) -> Iterator[Finding]:
        seen: dict[str, tuple[Document[Any], Loc]] = {}
        for item_id, doc, loc in items:
            if item_id in seen:
                first_doc, first_loc = seen[item_id]
                yield Finding(doc, loc, f"{kind} id '{item_id}' is used twice (first at "
                              f"{_where(first_doc, *first_loc)}): give each its own id")
            else:
                seen[item_id] = (doc, loc)

    def id_loc(doc: Document[Any]) -> Loc:
        """At the `id:` written in the file, else the file itself (its name is the id)."""
        return ("id",) if "id" in doc.model.model_fields_set else ()

    def repeated(ids: list[str]) -> bool:
        """A quick test first: the places of ids are worked out only when one repeats."""
        return len(set(ids)) != len(ids)

    if repeated([d.id for d in hb.playbooks]):
        yield from dupes("playbook", ((d.id, d, id_loc(d)) for d in hb.playbooks))
    if repeated([d.id for d in hb.quizzes]):
        yield from dupes("quiz", ((d.id, d, id_loc(d)) for d in hb.quizzes))
    if hb.contacts_file:
        doc = hb.contacts_file
        yield from dupes("contact", ((c.id, doc, ("contacts", i, "id"))
                                     for i, c in enumerate(doc.model.contacts)))
    if hb.settings:
        doc = hb.settings
        yield from dupes("severity", ((s.id, doc, ("severities", i, "id"))
                                      for i, s in enumerate(doc.model.severities)))
    for pb, facts in zip(hb.playbooks, ctx.triggers, strict=True):
        model = pb.model
        if repeated(facts.ids):
            yield from dupes("trigger", ((t.id, pb, ("triggers", i, "id"))
                                         for i, t in enumerate(model.triggers)))
        if repeated([p.id for p in model.pathways]):
            yield from dupes("pathway", ((p.id, pb, ("pathways", i, "id"))
                                         for i, p in enumerate(model.pathways)))


@rule("duplicate-title", "warning")
def duplicate_titles(ctx: Context) -> Iterator[Finding]:
    """Two playbooks (or two quizzes) with the same title show as two identical links in the
    section, on the home page and in search: give each a title that tells them apart."""
    hb = ctx.handbook
    for kind, docs in (("playbook", hb.playbooks), ("quiz", hb.quizzes)):
        seen: dict[str, Document[Any]] = {}
        for doc in docs:
            title = " ".join(doc.model.title.split()).casefold()
            if title in seen:
                yield Finding(doc, ("title",), f"{kind} title '{doc.model.title}' is also the "
                              f"title of {_where(seen[title], 'title')}: give each {kind} a "
                              "title of its own, so readers can tell them apart")
            else:
                seen[title] = doc


# --- references -----------------------------------------------------------------------------


def _listed_contacts(hb: Handbook) -> Iterator[tuple[Document[Any], Loc, str]]:
    """The contact references outside the decision trees."""
    if hb.settings:
        for key in ("key_contacts", "emergency_contacts"):
            for i, contact_id in enumerate(getattr(hb.settings.model, key)):
                yield hb.settings, (key, i), contact_id
        for k, clock in enumerate(hb.settings.model.clocks):
            for s, stage in enumerate(clock.stages):
                if stage.notify:
                    yield hb.settings, ("clocks", k, "stages", s, "notify"), stage.notify
    if hb.contacts_file:
        for i, contact in enumerate(hb.contacts_file.model.contacts):
            if contact.backup:
                yield hb.contacts_file, ("contacts", i, "backup"), contact.backup
    for pb in hb.playbooks:
        yield pb, ("owner",), pb.model.owner
        for k, item in enumerate(pb.model.compliance):
            for s, stage in enumerate(item.clock.stages if item.clock else []):
                if stage.notify:
                    yield pb, ("compliance", k, "clock", "stages", s, "notify"), stage.notify
        for p, pathway in enumerate(pb.model.pathways):
            for s, step in enumerate(pathway.steps):
                for c, contact_id in enumerate(step.contacts):
                    yield pb, ("pathways", p, "steps", s, "contacts", c), contact_id
        for m, message in enumerate(pb.model.communications):
            if message.owner:
                yield pb, ("communications", m, "owner"), message.owner
    for quiz in hb.quizzes:
        if quiz.model.owner:
            yield quiz, ("owner",), quiz.model.owner


@rule("unknown-contact")
def unknown_contacts(ctx: Context) -> Iterator[Finding]:
    """Owners, backups, the contacts of pathway steps and communications and a tree answer's
    `call:` must be ids from contacts.yaml."""
    hb = ctx.handbook
    if hb.contacts_file is None:
        return  # the contacts file itself is reported; naming every reference would only bury it
    known = hb.contact_index
    for doc, loc, contact_id in ctx.contact_references:
        if contact_id not in known:
            yield Finding(doc, loc, f"unknown contact '{contact_id}'{_suggest(contact_id, known)}"
                          f" (contacts are listed in {hb.contacts_file.path})")


@rule("unknown-severity")
def unknown_severities(ctx: Context) -> Iterator[Finding]:
    """A trigger's severity must be one of the severities in handbook.yaml."""
    hb = ctx.handbook
    if hb.settings is None:
        return
    known = [s.id for s in hb.settings.model.severities]
    for pb, facts in zip(hb.playbooks, ctx.triggers, strict=True):
        if facts.severities.issubset(known):
            continue  # nearly every playbook: no trigger to look at again
        for i, trigger in enumerate(pb.model.triggers):
            if trigger.severity not in known:
                yield Finding(pb, ("triggers", i, "severity"),
                              f"unknown severity '{trigger.severity}'"
                              f"{_suggest(trigger.severity, known)} (known: {', '.join(known)})")


@rule("unknown-pathway")
def unknown_pathways(ctx: Context) -> Iterator[Finding]:
    """A trigger's pathway must be one of the pathways of the same playbook."""
    for pb, facts in zip(ctx.handbook.playbooks, ctx.triggers, strict=True):
        known = [p.id for p in pb.model.pathways]
        if facts.by_pathway.keys() <= set(known):
            continue  # nearly every playbook: no trigger to look at again
        for i, trigger in enumerate(pb.model.triggers):
            if trigger.pathway not in known:
                yield Finding(pb, ("triggers", i, "pathway"),
                              f"unknown pathway '{trigger.pathway}'"
                              f"{_suggest(trigger.pathway, known)} (this playbook has: "
                              f"{', '.join(dict.fromkeys(known))})")


def trees(hb: Handbook) -> Iterator[tuple[Document[Any], Loc, DecisionTree]]:
    """Every decision tree: each playbook's and the handbook's triage tree."""
    if hb.settings and hb.settings.model.triage:
        yield hb.settings, ("triage",), hb.settings.model.triage
    for pb in hb.playbooks:
        if pb.model.decision_tree:
            yield pb, ("decision_tree",), pb.model.decision_tree


TreeAnswer = tuple[Document[Any], Loc, DecisionTree, Answer]  # the answer's file and loc


class TreeAnswers:
    """Every answer of every decision tree walked once, tree by tree, for what the tree rules
    read of them: the answers that write each key (`trigger:`, `outcome:` …), so that a rule
    about one key reads only the answers with it; those whose `next:` names no node; those
    that do not write exactly one leaf; the nodes with fewer than two answers; the triggers
    that answers end at, by playbook; and for each tree the nodes reached from its start and
    whether it is plainly loop free. Lists are in the order of the trees and their nodes.

    Why one walk: the models of a large handbook lie scattered in memory, so reading an answer
    costs most where it is first read; each tree is finished while its answers are at hand.
    """

    def __init__(self, found: Iterable[tuple[Document[Any], Loc, DecisionTree]]) -> None:
        self.next_unknown: list[TreeAnswer] = []  # `next:` naming no node of the tree
        self.trigger: list[TreeAnswer] = []
        self.playbook: list[TreeAnswer] = []
        self.outcome: list[TreeAnswer] = []
        self.see: list[TreeAnswer] = []
        self.call: list[TreeAnswer] = []
        self.unclear: list[TreeAnswer] = []  # no leaf, or more than one (see `leaf_keys`)
        # the nodes with fewer than two answers: (document, loc, node id, how many)
        self.few_answers: list[tuple[Document[Any], Loc, str, int]] = []
        # playbook id → the ids its `trigger:` leaves name (None: the triage tree's without
        # `playbook:`)
        self.ends: dict[str | None, set[str]] = {}
        self.reached: list[set[str]] = []  # for each tree
        self.loop_free: list[bool] = []  # for each tree: no loop, without walking it again
        for doc, loc, tree in found:
            self._tree(doc, loc, tree)

    def _tree(self, doc: Document[Any], loc: Loc, tree: DecisionTree) -> None:
        own = _own(doc)
        nodes = tree.nodes
        ways_on: dict[str, list[str]] = {}  # node → the nodes its answers' `next:` name
        for node_id, node in nodes.items():
            if len(node.answers) < 2:
                self.few_answers.append((doc, (*loc, "nodes", node_id, "answers"), node_id,
                                         len(node.answers)))
            targets: list[str] = []
            ways_on[node_id] = targets
            for a, answer in enumerate(node.answers):
                item = (doc, (*loc, "nodes", node_id, "answers", a), tree, answer)
                if answer.next in nodes:
                    targets.append(answer.next)
                elif answer.next:
                    self.next_unknown.append(item)
                self._file(item, own)
        reached = _reached(tree.start, ways_on)
        self.reached.append(reached)
        # no loop, for certain, without the walk `tree-cycle` makes
        self.loop_free.append(len(reached) == len(nodes) and _one_way_in(tree.start, ways_on))

    def _file(self, item: TreeAnswer, own: str | None) -> None:
        """File the answer under each key it writes, and as unclear without one leaf."""
        answer = item[3]
        leaves = 1 if answer.next else 0  # as `Answer.leaf_keys` counts them
        if answer.trigger:
            self.trigger.append(item)
            self.ends.setdefault(answer.playbook or own, set()).add(answer.trigger)
            leaves += 1
        if answer.playbook:
            self.playbook.append(item)
            leaves += not answer.trigger
        if answer.outcome:
            self.outcome.append(item)
            leaves += 1
        if answer.see:
            self.see.append(item)
        if answer.call:
            self.call.append(item)
        if leaves != 1:
            self.unclear.append(item)


def _reached(start: str | None, ways_on: dict[str, list[str]]) -> set[str]:
    """The nodes reached from ``start`` (as `DecisionTree.reachable` finds them)."""
    if start not in ways_on:
        return set()
    reached = {start}
    stack = [start]
    while stack:
        for target in ways_on[stack.pop()]:
            if target not in reached:
                reached.add(target)
                stack.append(target)
    return reached


def _one_way_in(start: str | None, ways_on: dict[str, list[str]]) -> bool:
    """Whether no answer's `next:` names the start and no node is named by two answers.

    In a tree whose every node is reached from its start, that means no loop: a loop never
    holds the start (it has no way in), and the walk from the start into it would be a second
    way into the node where it enters the loop.
    """
    targets = [t for named in ways_on.values() for t in named]
    return start not in targets and len(set(targets)) == len(targets)


@rule("unknown-trigger")
def unknown_triggers(ctx: Context) -> Iterator[Finding]:
    """A decision tree's `trigger:` leaf must name a trigger of the same playbook, or, with
    `playbook:` beside it, of that playbook. The triage tree always writes the playbook."""
    hb = ctx.handbook
    triggers_of = {d.id: facts.ids for d, facts in zip(hb.playbooks, ctx.triggers, strict=True)}
    if None not in ctx.answers.ends and all(
            named <= set(triggers_of.get(playbook, named))
            for playbook, named in ctx.answers.ends.items()):
        return  # every trigger named is one of its playbook's (or of a playbook not known)
    for doc, answer_loc, _, answer in ctx.answers.trigger:
        own = _own(doc)
        playbook = answer.playbook or own
        if playbook is None:
            holders = [p for p, known in triggers_of.items() if answer.trigger in known]
            hint = f" (such as 'playbook: {holders[0]}')" if len(holders) == 1 else ""
            yield Finding(doc, (*answer_loc, "trigger"),
                          "the triage tree names a trigger with the playbook that holds "
                          f"it: add 'playbook:'{hint}")
            continue
        if playbook not in triggers_of:
            continue  # an unknown playbook is reported by unknown-playbook
        known = triggers_of[playbook]
        if answer.trigger not in known:
            where = "this playbook" if playbook == own else f"playbook '{playbook}'"
            yield Finding(doc, (*answer_loc, "trigger"),
                          f"unknown trigger '{answer.trigger}'"
                          f"{_suggest(answer.trigger, known)} ({where} has: "
                          f"{', '.join(dict.fromkeys(known))})")


def _own(doc: Document[Any]) -> str | None:
    """The playbook whose tree it is (None: the triage tree)."""
    return doc.id if isinstance(doc.model, Playbook) else None


_LISTED = 10  # known ids listed, at most, when none is close to an unknown one


@rule("unknown-playbook")
def unknown_playbooks(ctx: Context) -> Iterator[Finding]:
    """Links to playbooks (`see:`, `playbook:` leaves, a quiz's `playbooks` and a question's
    `playbook`) must name a playbook of this handbook."""
    hb = ctx.handbook
    known = {d.id for d in hb.playbooks} | hb.broken_playbooks

    def named(doc: Document[Any], loc: Loc, playbook_id: str | None) -> Iterator[Finding]:
        if playbook_id and playbook_id not in known:
            hint = _suggest(playbook_id, known)
            if not hint and known:
                listed = sorted(known)
                hint = (f" (known playbooks: {', '.join(listed[:_LISTED])}"
                        f"{', …' if len(listed) > _LISTED else ''})")
            yield Finding(doc, loc, f"unknown playbook '{playbook_id}'{hint}")

    for doc, answer_loc, _, answer in ctx.answers.see:
        if answer.see not in known:
            yield from named(doc, (*answer_loc, "see"), answer.see)
    for doc, answer_loc, _, answer in ctx.answers.playbook:
        if answer.playbook not in known:
            yield from named(doc, (*answer_loc, "playbook"), answer.playbook)
    for quiz in hb.quizzes:
        for i, playbook_id in enumerate(quiz.model.playbooks):
            yield from named(quiz, ("playbooks", i), playbook_id)
        for q, question in enumerate(quiz.model.questions):
            yield from named(quiz, ("questions", q, "playbook"), question.playbook)


@rule("unknown-section", "warning")
def unknown_sections(ctx: Context) -> Iterator[Finding]:
    """Each key of `sections:` in handbook.yaml names a section folder under `playbooks/` that
    holds playbooks (`security`, or `parent/child` for a folder inside another): a title or
    order given to any other name is used nowhere."""
    hb = ctx.handbook
    if hb.settings is None or hb.broken_playbook_files:
        return  # a section whose only playbooks did not load is still a section
    known = {d.section for d in hb.playbooks}
    for name in hb.settings.model.sections:
        if name not in known:
            hint = _suggest(name, known).removeprefix(": ") or (
                f"the sections are: {', '.join(sorted(known))}" if known else
                "no folder holds a playbook yet")
            yield Finding(hb.settings, ("sections", name), f"'{name}' is not a section: no "
                          f"folder {hb.playbooks_dir}/{name}/ holds a playbook; {hint}",
                          key=True)


# --- dates ----------------------------------------------------------------------------------


@rule("future-date")
def future_review_dates(ctx: Context) -> Iterator[Finding]:
    """`last_reviewed` cannot be in the future: write the day the review actually happened."""
    for doc in [*ctx.handbook.playbooks, *ctx.handbook.quizzes]:
        reviewed = doc.model.last_reviewed
        if reviewed > ctx.today:
            yield Finding(doc, ("last_reviewed",),
                          f"last_reviewed {reviewed.isoformat()} is in the future (today is "
                          f"{ctx.today.isoformat()}): write the day the review happened")


# --- pathways -------------------------------------------------------------------------------


@rule("pathway-steps")
def pathway_steps(ctx: Context) -> Iterator[Finding]:
    """A pathway needs at least one step, and a step at least one contact. The first step
    starts when the incident is raised, so it has no `after:`; every later step says `after:`
    how long since the incident was raised, and those times strictly increase."""
    for pb in ctx.handbook.playbooks:
        for p, pathway in enumerate(pb.model.pathways):
            if not pathway.steps:
                yield Finding(pb, ("pathways", p, "steps"),
                              f"pathway '{pathway.id}' has no steps: add at least one step "
                              "with the contacts to call first")
                continue
            for s, step in enumerate(pathway.steps):
                if not step.contacts:
                    yield Finding(pb, ("pathways", p, "steps", s, "contacts"),
                                  f"step {s + 1} of pathway '{pathway.id}' has no contacts: a "
                                  "step needs at least one contact to call")
            previous = pathway.steps[0].after
            if previous is not None:
                yield Finding(pb, ("pathways", p, "steps", 0, "after"),
                              f"step 1 of pathway '{pathway.id}' has 'after: {previous}', but "
                              "the first step starts when the incident is raised: remove "
                              "'after:' (a wait belongs to a later step)")
            for s, step in enumerate(pathway.steps[1:], start=1):
                loc = ("pathways", p, "steps", s)
                if step.after is None:
                    yield Finding(pb, loc, f"step {s + 1} of pathway '{pathway.id}' needs "
                                  "'after:' (time since the incident was raised, such as "
                                  "'30 minutes')")
                    continue
                if previous is not None and not previous < step.after:
                    yield Finding(pb, (*loc, "after"),
                                  f"step {s + 1} comes after {step.after}, which is not later "
                                  f"than step {s}'s {previous}: each step's 'after' must be "
                                  "later than the one before")
                previous = step.after


@rule("unreachable-contact")
def unreachable_contacts(ctx: Context) -> Iterator[Finding]:
    """Every contact a pathway step calls must be reachable: give it a phone, e-mail, chat or
    url in contacts.yaml."""
    hb = ctx.handbook
    unreachable = {i for i, contact in hb.contact_index.items() if not contact.reachable}
    if not unreachable:
        return  # nearly every handbook: no step to look at
    for pb in hb.playbooks:
        for p, pathway in enumerate(pb.model.pathways):
            for s, step in enumerate(pathway.steps):
                for c, contact_id in enumerate(step.contacts):
                    if contact_id in unreachable:
                        yield Finding(pb, ("pathways", p, "steps", s, "contacts", c),
                                      f"contact '{contact_id}' has no phone, email, chat or url: "
                                      "add one in contacts.yaml so this step can be followed")


# --- decision trees -------------------------------------------------------------------------


@rule("tree-start")
def tree_start(ctx: Context) -> Iterator[Finding]:
    """A decision tree needs `start:` naming one of its nodes."""
    for doc, loc, tree in ctx.trees:
        if tree.start is None:
            first = next(iter(tree.nodes), None)
            hint = f" (such as 'start: {first}')" if first else ""
            yield Finding(doc, loc, f"the decision tree has no 'start:': name its first node{hint}")
        elif tree.start not in tree.nodes:
            yield Finding(doc, (*loc, "start"), f"start node '{tree.start}' is not one of the "
                          f"nodes{_suggest(tree.start, tree.nodes)}")


@rule("unknown-node")
def unknown_nodes(ctx: Context) -> Iterator[Finding]:
    """An answer's `next:` must name a node of the same tree."""
    for doc, answer_loc, tree, answer in ctx.answers.next_unknown:
        if answer.next not in tree.nodes:
            yield Finding(doc, (*answer_loc, "next"), f"unknown node '{answer.next}'"
                          f"{_suggest(answer.next, tree.nodes)}")


@rule("tree-answers")
def tree_answers(ctx: Context) -> Iterator[Finding]:
    """A question needs at least two answers, and each answer exactly one of `next`, `trigger`,
    `playbook` or `outcome` (`playbook:` may stand beside `trigger:` to say whose it is);
    `see:` and `call:` go with `outcome`."""
    for doc, loc, node_id, answers in ctx.answers.few_answers:
        yield Finding(doc, loc, f"question '{node_id}' has {answers} answer"
                      f"{'' if answers == 1 else 's'}: a question needs at least two")
    for doc, answer_loc, _, answer in ctx.answers.unclear:
        keys = answer.leaf_keys
        if not keys:
            yield Finding(doc, answer_loc, f"answer '{answer.answer}' leads nowhere: give it "
                          "one of 'next', 'trigger', 'playbook' or 'outcome'")
        elif len(keys) > 1:
            yield Finding(doc, answer_loc, f"answer '{answer.answer}' has "
                          f"{' and '.join(repr(k) for k in keys)}: keep exactly one")
    for doc, answer_loc, _, answer in ctx.answers.see:
        if not answer.outcome:
            yield Finding(doc, (*answer_loc, "see"),
                          "'see:' goes with an 'outcome:' text: add one or remove 'see:'")
    for doc, answer_loc, _, answer in ctx.answers.call:
        if not answer.outcome:
            yield Finding(doc, (*answer_loc, "call"),
                          "'call:' goes with an 'outcome:' text: add one or remove 'call:'")


@rule("tree-unreachable")
def tree_unreachable(ctx: Context) -> Iterator[Finding]:
    """Every node of a decision tree must be reachable from its start."""
    for (doc, loc, tree), reached in zip(ctx.trees, ctx.answers.reached, strict=True):
        if tree.start not in tree.nodes:
            continue  # reported by tree-start
        for node_id in tree.nodes:
            if node_id not in reached:
                yield Finding(doc, (*loc, "nodes", node_id),
                              f"node '{node_id}' cannot be reached from '{tree.start}': "
                              "point an answer's 'next:' at it, or remove it", key=True)


def _loops(tree: DecisionTree) -> Iterator[tuple[str, int, list[str]]]:
    """(node, answer index, the loop) for each answer whose `next:` closes a loop.

    A depth-first walk with a stack of its own (a chain of a thousand nodes is a fine tree):
    ``path`` holds the nodes being walked, each with the index of its next answer to follow.
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in tree.nodes:
        if root in state:
            continue
        state[root] = 1
        path: list[tuple[str, int]] = [(root, 0)]
        while path:
            node_id, a = path[-1]
            answers = tree.nodes[node_id].answers
            if a == len(answers):
                state[node_id] = 2
                path.pop()
                continue
            path[-1] = (node_id, a + 1)
            target = answers[a].next
            if target not in tree.nodes:
                continue
            if state.get(target) == 1:
                walk = [n for n, _ in path]
                yield node_id, a, [*walk[walk.index(target):], target]  # type: ignore[arg-type]
            elif target not in state:
                state[target] = 1  # type: ignore[index]
                path.append((target, 0))  # type: ignore[arg-type]


@rule("tree-cycle")
def tree_cycles(ctx: Context) -> Iterator[Finding]:
    """A decision tree must not loop: following `next:` can never come back to a node."""
    for (doc, loc, tree), loop_free in zip(ctx.trees, ctx.answers.loop_free, strict=True):
        if loop_free:
            continue  # the usual tree: nothing to walk
        for node_id, a, loop in _loops(tree):
            yield Finding(doc, (*loc, "nodes", node_id, "answers", a, "next"),
                          f"this answer loops back ({' → '.join(loop)}): a tree must always "
                          "move towards an outcome")


# --- quizzes --------------------------------------------------------------------------------


@rule("quiz-questions")
def quiz_questions(ctx: Context) -> Iterator[Finding]:
    """A quiz needs questions (written, or `generated_questions`); a question has either
    `choices` (at least two, at least one correct) or a true/false `answer`, not both."""
    for quiz in ctx.handbook.quizzes:
        model = quiz.model
        if not model.questions and not model.generated_questions:
            yield Finding(quiz, ("questions",) if "questions" in model.model_fields_set else (),
                          "the quiz has no questions: add some, or set 'generated_questions'")
        for q, question in enumerate(model.questions):
            loc = ("questions", q)
            if question.choices is None and question.answer is None:
                yield Finding(quiz, loc, f"question {q + 1} has neither 'choices' nor a true/false "
                              "'answer': add one")
            elif question.choices is not None and question.answer is not None:
                yield Finding(quiz, (*loc, "answer"), f"question {q + 1} has both 'choices' and "
                              "'answer': keep 'choices' for multiple choice, or 'answer' for "
                              "true/false")
            elif question.choices is not None:
                if len(question.choices) < 2:
                    yield Finding(quiz, (*loc, "choices"), f"question {q + 1} has "
                                  f"{len(question.choices)} choice"
                                  f"{'' if len(question.choices) == 1 else 's'}: give at least two")
                elif not any(c.correct for c in question.choices):
                    yield Finding(quiz, (*loc, "choices"), f"question {q + 1} has no correct "
                                  "choice: mark the right one with 'correct: true'")


@rule("pass-mark")
def pass_mark(ctx: Context) -> Iterator[Finding]:
    """`pass_mark` is a percentage from 1 to 100."""
    for quiz in ctx.handbook.quizzes:
        if not 1 <= quiz.model.pass_mark <= 100:
            yield Finding(quiz, ("pass_mark",), f"pass_mark {quiz.model.pass_mark} is not a "
                          "percentage from 1 to 100")


@rule("quiz-outdated", "warning")
def quizzes_outdated(ctx: Context) -> Iterator[Finding]:
    """A quiz whose playbook was reviewed after the quiz was may ask about what changed: review
    the quiz too, then update its `last_reviewed` (the Review status page says the same)."""
    for quiz in ctx.handbook.quizzes:
        newer = newer_playbooks(ctx.handbook, quiz)
        if newer:
            yield Finding(quiz, ("last_reviewed",), f"quiz '{quiz.id}' is "
                          f"{outdated_note(newer, quiz.model.last_reviewed)}: review the "
                          "questions, then update its last_reviewed")


# --- prose ----------------------------------------------------------------------------------


@rule("link-scheme", "warning")
def link_schemes(ctx: Context) -> Iterator[Finding]:
    """A link in a prose text (summary, description, actions, explain, …) may lead to an
    http:// or https:// address, a `mailto:` or `tel:` address, or a page of this site; any
    other (`javascript:`, `file:`) is shown as plain text."""
    hb = ctx.handbook
    docs: list[Document[Any]] = [d for d in (hb.settings, hb.contacts_file) if d is not None]
    for doc in [*docs, *hb.playbooks, *hb.quizzes]:
        if not might_link(doc.file.text):
            continue  # most files: no walk over their every text
        for loc, text in prose_texts(doc.model):
            for href in refused_links(text):
                yield Finding(doc, loc, f"the link to '{href}' in '{_key(loc)}' is shown as "
                              "plain text: a link may lead to an http://, https://, mailto: or "
                              "tel: address, or to a page of this site")


def _key(loc: Loc) -> str:
    return next(str(p) for p in reversed(loc) if isinstance(p, str))


# --- advice (warnings) ----------------------------------------------------------------------


@rule("no-signals", "warning")
def triggers_without_signals(ctx: Context) -> Iterator[Finding]:
    """A trigger without `signals` is found by its name only: add the words people would type
    when it happens."""
    for pb, facts in zip(ctx.handbook.playbooks, ctx.triggers, strict=True):
        for i in facts.without_signals:
            yield Finding(pb, ("triggers", i),
                          f"trigger '{facts.ids[i]}' has no signals: add the words people "
                          "would search for, so search finds it")


@rule("finder-words", "warning")
def finder_words(ctx: Context) -> Iterator[Finding]:
    """Words for the incident finder that it cannot use: a `synonyms:` key (handbook.yaml)
    with no words, or whose words only repeat it; a synonym or `also` word with no letter or
    digit; an `also` word that is already one of the trigger's `signals`."""
    def wordless(text: str) -> bool:
        return not any(ch.isalnum() for ch in text)

    settings = ctx.handbook.settings
    for key, words in (settings.model.synonyms.items() if settings else []):
        loc = ("synonyms", key)
        others = {w.strip().lower() for w in words} - {key.strip().lower()}
        if wordless(key):
            yield Finding(settings, loc, f"synonym '{key}' has no letter or digit: write the "
                          "word people type", key=True)
        elif not others:
            yield Finding(settings, loc, f"synonym '{key}' lists no other word: add the words "
                          f"that mean the same, such as `{key}: [other, words]`")
        for n, word in enumerate(words):
            if wordless(word):
                yield Finding(settings, (*loc, n), f"synonym '{word}' of '{key}' has no letter "
                              "or digit: write a word, or remove it")
    for pb, facts in zip(ctx.handbook.playbooks, ctx.triggers, strict=True):
        for i in facts.with_also:  # most triggers have none
            trigger = pb.model.triggers[i]
            signals = {s.strip().lower() for s in trigger.signals}
            for n, word in enumerate(trigger.also):
                loc = ("triggers", i, "also", n)
                if wordless(word):
                    yield Finding(pb, loc, f"'{word}' in the 'also' words of trigger "
                                  f"'{trigger.id}' has no letter or digit: remove it")
                elif word.strip().lower() in signals:
                    yield Finding(pb, loc, f"'{word}' is already a signal of trigger "
                                  f"'{trigger.id}': remove it from 'also'")


@rule("no-decision-tree", "warning")
def playbooks_without_tree(ctx: Context) -> Iterator[Finding]:
    """A playbook without a `decision_tree` leaves readers to pick a trigger by themselves."""
    for pb in ctx.handbook.playbooks:
        if pb.model.decision_tree is None:
            yield Finding(pb, (), f"playbook '{pb.id}' has no decision_tree: add questions that "
                          "lead a reader to the right trigger")


@rule("no-triage", "warning")
def no_triage(ctx: Context) -> Iterator[Finding]:
    """Without a `triage:` tree in handbook.yaml the home page cannot ask a frightened reader a
    few questions and end on who to call."""
    settings = ctx.handbook.settings
    if settings is not None and settings.model.triage is None:
        yield Finding(settings, (), "the handbook has no 'triage:' tree: add questions that "
                      "lead from the home page to the right playbook or trigger")


@rule("no-call", "warning")
def outcomes_without_call(ctx: Context) -> Iterator[Finding]:
    """A decision tree answer that ends in advice as text (`outcome:`) should name who to
    ring: `call: [contact-id, …]` shows their Call buttons under the text."""
    for doc, answer_loc, _, answer in ctx.answers.outcome:
        if not answer.call:
            yield Finding(doc, (*answer_loc, "outcome"),
                          f"answer '{answer.answer}' ends in text with no contact to call: "
                          "add 'call: [contact-id]' with who to ring", key=True)


@rule("unreached-trigger", "warning")
def unreached_triggers(ctx: Context) -> Iterator[Finding]:
    """Every trigger should be the end of some answer, in its playbook's decision tree or in
    another tree (the triage tree with `trigger:` and `playbook:`), so the questions can
    lead a reader to it. A playbook with no tree at all is reported by no-decision-tree."""
    hb = ctx.handbook
    named = ctx.answers.ends  # playbook id → the triggers some answer ends at
    for pb, facts in zip(hb.playbooks, ctx.triggers, strict=True):
        reached = named.get(pb.id, set())
        if pb.model.decision_tree is None and not reached:
            continue
        for i, trigger_id in enumerate(facts.ids):
            if trigger_id not in reached:
                yield Finding(pb, ("triggers", i, "id"),
                              f"no decision tree leads to trigger '{trigger_id}': end an answer "
                              f"with 'trigger: {trigger_id}'")


@rule("no-quiz", "warning")
def playbooks_without_quiz(ctx: Context) -> Iterator[Finding]:
    """A playbook that no quiz covers is never trained: list it in a quiz's `playbooks`."""
    hb = ctx.handbook
    covered = {p for quiz in hb.quizzes for p in quiz.model.playbooks}
    covered |= hb.broken_quizzes_cover
    if "*" in covered:
        return  # a quiz that did not load may cover any playbook: its own problem is reported
    for pb in hb.playbooks:
        if pb.id not in covered:
            yield Finding(pb, (), f"no quiz covers playbook '{pb.id}': add it to a quiz's "
                          "'playbooks'")


# The rules about time (clocks, working hours, coverage) live in their own module.
from . import time_checks  # noqa: E402, F401
