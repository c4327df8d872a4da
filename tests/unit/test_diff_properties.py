"""Property: reordering what has no order, and rewriting the YAML, never reads as a change.

Hypothesis shuffles every mapping's keys and every list whose order carries no meaning (triggers,
pathways, contacts, signals, tags, tree answers, quiz questions and choices…) in every file of the
sample handbook, and writes the files again in another YAML style (flow or block, other widths and
indents, other quoting). `handbook diff` must find no change in meaning. The lists whose order is
meaning (pathway steps, a step's contacts, actions, severity levels) are left in order.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from support import REPO, copy_sample

from escalation_handbook.diff import compare
from escalation_handbook.folder import load_handbook
from escalation_handbook.load import LoadedFile, load_bytes

Pattern = tuple[str, ...]
UNORDERED: dict[str, set[Pattern]] = {
    "playbook": {("triggers",), ("triggers", "*", "signals"), ("pathways",), ("compliance",),
                 ("communications",), ("tags",), ("decision_tree", "nodes", "*", "answers")},
    "contacts": {("contacts",)},
    "handbook": {("key_contacts",), ("triage", "nodes", "*", "answers")},
    "quiz": {("questions",), ("questions", "*", "choices")},
}
FILES = sorted(p.relative_to(REPO).as_posix() for folder in ("playbooks", "quizzes")
               for p in (REPO / folder).rglob("*.yaml"))
BASE = load_handbook(REPO)


def _kind(path: str) -> str:
    if path.startswith("quizzes/"):
        return "quiz"
    name = Path(path).stem
    return name if name in ("handbook", "contacts") else "playbook"


def _matches(path: Pattern, patterns: set[Pattern]) -> bool:
    return any(len(p) == len(path) and all(a in ("*", b) for a, b in zip(p, path, strict=True))
               for p in patterns)


def shuffled(data: Any, rnd: random.Random, unordered: set[Pattern], path: Pattern = ()) -> Any:
    if isinstance(data, dict):
        items = [(k, shuffled(v, rnd, unordered, (*path, k))) for k, v in data.items()]
        rnd.shuffle(items)
        return dict(items)
    if isinstance(data, list):
        items = [shuffled(v, rnd, unordered, (*path, "*")) for v in data]
        if _matches(path, unordered):
            rnd.shuffle(items)
        return items
    return data


def rewritten(path: str, rnd: random.Random) -> str:
    loaded = load_bytes((REPO / path).read_bytes(), LoadedFile(path))
    data = shuffled(loaded.data, rnd, UNORDERED[_kind(path)])
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=rnd.random() < 0.5,
                          default_flow_style=rnd.choice([False, None]),
                          width=rnd.choice([40, 80, 200]), indent=rnd.choice([2, 4]),
                          default_style=rnd.choice([None, None, '"']))


@settings(max_examples=6, deadline=None)
@given(st.randoms(use_true_random=False))
def test_reordered_and_rewritten_sample_has_no_change_in_meaning(rnd: random.Random) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        root = copy_sample(Path(temporary) / "handbook")
        for path in FILES:
            (root / path).write_text(rewritten(path, rnd), encoding="utf-8")
        head = load_handbook(root)
        assert head.problems == []
        diff = compare(BASE, head)
        assert diff.skipped == []
        assert [c.sentence for c in diff.changes] == []


def test_the_shuffle_does_reorder() -> None:
    """The property above is not vacuous: a shuffled file reads differently."""
    rnd = random.Random(3)
    path = "playbooks/security/data-breach.yaml"
    original = load_bytes((REPO / path).read_bytes(), LoadedFile(path)).data
    again = load_bytes(rewritten(path, rnd).encode(), LoadedFile(path)).data
    ids, original_ids = ([t["id"] for t in d["triggers"]] for d in (again, original))
    assert ids != original_ids and sorted(ids) == sorted(original_ids)
