"""Decision trees compared by what each answer path leads to, not by how the nodes are written.

A path is the questions and answers from the start to a leaf. Renaming a node, moving it, or
reordering answers changes no path; an answer that now ends at another trigger, playbook or
piece of advice does, and so does a path that appears or disappears.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..folder import Document
from ..load import Loc
from ..model import Answer, DecisionTree
from .changes import Change, Side
from .common import Sides, change, quoted, words

MAX_PATHS = 5_000  # a tree past this many paths is compared on its first paths only


@dataclass(frozen=True)
class Leaf:
    key: tuple[str, ...]  # what the path leads to, compared
    loc: Loc  # the last answer, in its file
    questions: tuple[str, ...]  # asked on the way, to show the path


Path = tuple[str, ...]  # the answers given, from the start


def answer_paths(tree: DecisionTree | None, loc: Loc) -> dict[Path, Leaf]:
    """Every path from the start to a leaf, with what it leads to."""
    found: dict[Path, Leaf] = {}
    if tree is None or tree.start not in tree.nodes:
        return found

    def walk(node_id: str, path: Path, asked: tuple[str, ...], seen: frozenset[str]) -> None:
        node = tree.nodes[node_id]
        texts: dict[str, int] = {}
        for i, answer in enumerate(node.answers):
            if len(found) >= MAX_PATHS:
                return
            text = words(answer.answer)
            texts[text] = texts.get(text, 0) + 1
            shown = text if texts[text] == 1 else f"{text} ({texts[text]})"
            step, questions = (*path, shown), (*asked, words(node.question))
            at = (*loc, "nodes", node_id, "answers", i)
            if answer.next and answer.next in tree.nodes and answer.next not in seen:
                walk(answer.next, step, questions, seen | {answer.next})
            else:
                found[step] = Leaf(_leaf(answer), at, questions)

    walk(tree.start, (), (), frozenset({tree.start}))
    return found


def _leaf(answer: Answer) -> tuple[str, ...]:
    if answer.trigger:
        return ("trigger", answer.trigger, answer.playbook or "")
    if answer.playbook:
        return ("playbook", answer.playbook)
    if answer.outcome:
        return ("outcome", words(answer.outcome), answer.see or "", *answer.call)
    return ("next", answer.next or "")


def _leads_to(sides: Sides, leaf: tuple[str, ...], triggers: dict[str, Any], side: Side) -> str:
    kind = leaf[0]
    if kind == "trigger":
        trigger = triggers.get(leaf[1])
        if trigger is None:
            return f'the trigger "{leaf[1]}"'
        return f"the trigger {quoted(trigger.name)} ({sides.severity(trigger.severity, side)})"
    if kind == "playbook":
        return f"the playbook {quoted(sides.playbook_title(leaf[1], side))}"
    if kind == "outcome":
        return f"the advice {quoted(leaf[1], 60)}"
    return f'the node "{leaf[1]}", which is missing'


def _shown(path: Path, leaf: Leaf) -> str:
    """`"Is anyone hurt?" No → "Personal data?" Not sure`: the answers, each after its question."""
    return " → ".join(f"{quoted(q, 50)} {a}" for q, a in zip(leaf.questions, path, strict=True))


def tree_changes(sides: Sides, base_doc: Document[Any], base_tree: DecisionTree | None,
                 head_doc: Document[Any], head_tree: DecisionTree | None, loc: Loc,
                 kind: str) -> Iterator[Change]:
    """``kind`` names the tree's kinds: `tree-answer` (a playbook's) or `triage-answer`."""
    triggers_of = {"base": _triggers(base_doc), "head": _triggers(head_doc)}
    before, after = answer_paths(base_tree, loc), answer_paths(head_tree, loc)
    changed = kind if kind == "triage-answer" else "tree-answer"
    added = kind if kind == "triage-answer" else "tree-answer-added"
    removed = kind if kind == "triage-answer" else "tree-answer-removed"
    for path, leaf in after.items():
        old = before.get(path)
        if old is None:
            yield change(added, f"New answer path {_shown(path, leaf)}: leads to "
                         f"{_leads_to(sides, leaf.key, triggers_of['head'], 'head')}.",
                         head_doc, leaf.loc)
        elif old.key != leaf.key:
            yield change(changed, f"Answering {_shown(path, leaf)} now leads to "
                         f"{_leads_to(sides, leaf.key, triggers_of['head'], 'head')} (was "
                         f"{_leads_to(sides, old.key, triggers_of['base'], 'base')}).",
                         head_doc, leaf.loc)
    for path, leaf in before.items():
        if path not in after:
            yield change(removed, f"The answer path {_shown(path, leaf)} (to "
                         f"{_leads_to(sides, leaf.key, triggers_of['base'], 'base')}) is gone.",
                         base_doc, leaf.loc, "base")


def _triggers(doc: Document[Any]) -> dict[str, Any]:
    return {t.id: t for t in getattr(doc.model, "triggers", [])}
