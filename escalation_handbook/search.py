"""The incident finder outside the browser: the site's own ranking run in an embedded V8.

`Finder` loads the same script (`render.finder.finder_engine_js`) and the same index
(`render.finder.finder_index`) as the home page, so `handbook search` shows exactly what the
finder would. `read_cases` and `evaluate` score a list of `{query, trigger}` the way
`handbook search --eval` reports it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from py_mini_racer import MiniRacer

from .folder import Handbook
from .load import load_file
from .problems import Problem
from .render.finder import INDEX_GLOBAL, finder_engine_js, finder_index


@dataclass(frozen=True)
class Hit:
    """One trigger the finder shows, in its place."""

    doc: dict[str, Any]
    score: float
    severity: dict[str, Any]
    contacts: list[dict[str, Any]]

    @property
    def key(self) -> str:
        return str(self.doc["id"])


class Finder:
    def __init__(self, handbook: Handbook) -> None:
        self._ctx = MiniRacer()
        self._ctx.eval(finder_engine_js())
        self._ctx.eval(f"globalThis.{INDEX_GLOBAL}={json.dumps(finder_index(handbook))};"
                       f"globalThis.finder=HandbookFinder.create(globalThis.{INDEX_GLOBAL});")
        # the index as the browser holds it once loaded: each doc joined with what it shares
        self.index = json.loads(self._ctx.eval(f"JSON.stringify({INDEX_GLOBAL})"))
        self._docs = {d["id"]: d for d in self.index["docs"]}

    def search(self, query: str) -> list[Hit]:
        found = json.loads(self._ctx.eval(f"JSON.stringify(finder.search({json.dumps(query)}))"))
        hits = []
        for item in found:
            doc = self._docs[item["id"]]
            hits.append(Hit(doc, float(item["score"]), self.index["severities"][doc["severity"]],
                            [self.index["contacts"][c] for c in doc["contacts_now"]]))
        return hits

    def keys(self) -> set[str]:
        return set(self._docs)


# --- regression sets ------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    query: str
    trigger: str
    playbook: str | None
    line: int


@dataclass
class Evaluation:
    cases: list[tuple[Case, int | None]] = field(default_factory=list)  # case, 1-based place

    def within(self, n: int) -> int:
        return sum(1 for _, place in self.cases if place is not None and place <= n)


def read_cases(path: Path, shown_as: str) -> tuple[list[Case], list[Problem]]:
    """A YAML file with `queries:`, a list of `{query, trigger, playbook?}` (other keys, such
    as `situation`, are notes). Read as written: `No` stays the text "No"."""
    loaded = load_file(path, shown_as)
    problems = list(loaded.problems)
    cases: list[Case] = []
    data = loaded.data
    if loaded.data is None:
        return cases, problems
    items = data.get("queries") if isinstance(data, dict) else None
    if not isinstance(items, list):
        line, col = loaded.locate(("queries",))
        problems.append(Problem(shown_as, line, col, "error", "eval-file",
                                "expected `queries:`, a list of {query, trigger} items"))
        return cases, problems
    for n, item in enumerate(items):
        line, col = loaded.locate(("queries", n))
        if not isinstance(item, dict) or not all(
                isinstance(item.get(k), str) and item.get(k) for k in ("query", "trigger")):
            problems.append(Problem(shown_as, line, col, "error", "eval-file",
                                    "each item needs `query:` and `trigger:` (a trigger id)"))
            continue
        playbook = item.get("playbook")
        cases.append(Case(item["query"], item["trigger"],
                          playbook if isinstance(playbook, str) else None, line))
    return cases, problems


def unknown_triggers(finder: Finder, cases: list[Case], shown_as: str) -> list[Problem]:
    """Cases that name no trigger of the handbook: a typo in a regression set must show."""
    triggers = {(d["playbook_id"], d["trigger"]) for d in finder.index["docs"]}
    ids = {t for _, t in triggers}
    problems = []
    for case in cases:
        known = ((case.playbook, case.trigger) in triggers if case.playbook
                 else case.trigger in ids)
        if not known:
            where = f"{case.playbook}/{case.trigger}" if case.playbook else case.trigger
            problems.append(Problem(shown_as, case.line, 1, "error", "eval-file",
                                    f"'{where}' is no trigger of this handbook: check the id"))
    return problems


def matches(case: Case, hit: Hit) -> bool:
    return hit.doc["trigger"] == case.trigger and case.playbook in (None, hit.doc["playbook_id"])


def evaluate(finder: Finder, cases: list[Case]) -> Evaluation:
    result = Evaluation()
    for case in cases:
        hits = finder.search(case.query)
        place = next((i for i, hit in enumerate(hits, start=1) if matches(case, hit)), None)
        result.cases.append((case, place))
    return result
