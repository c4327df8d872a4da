"""The incident finder's case table, shared by its Python tests (tests/finder/) and its
browser tests (tests/browser/test_finder.py): both sides must agree, as they run one ranking.

Read with the project's loader (never `yaml.safe_load`: it would turn a query "No" into False).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from escalation_handbook.load import load_file

HERE = Path(__file__).parent / "finder"
SAMPLE_QUERIES = HERE / "sample-queries.yaml"
HELD_OUT_QUERIES = HERE / "held-out-queries.yaml"
PHRASINGS = HERE / "phrasings.yaml"


@dataclass(frozen=True)
class Phrasing:
    trigger: str
    query: str


def _data(path: Path) -> dict:
    loaded = load_file(path, path.name)
    assert not loaded.problems, loaded.problems
    return loaded.data


def phrasings() -> list[Phrasing]:
    return [Phrasing(item["trigger"], q) for item in _data(PHRASINGS)["triggers"]
            for q in item["queries"]]


def queries(path: Path) -> list[Phrasing]:
    return [Phrasing(item["trigger"], item["query"]) for item in _data(path)["queries"]]


# Typed the way people type: (query, the trigger that must come first).
TYPOS = [
    ("ransomwre", "ransomware"),            # a letter missing
    ("clicked a phising link", "phishing-clicked"),  # a letter missing
    ("laptpo stolen", "lost-device"),       # two letters swapped
    ("forklfit tipped over", "dangerous-occurrence"),
    ("jounalist called", "journalist-call"),
    ("backhandres", "whistleblowing"),      # a typo in a word only the synonyms know
]
# An apostrophe, or none, or a curly one: the same results.
APOSTROPHES = [
    ("customers can't print labels", "customers cant print labels",
     "customers can\u2019t print labels"),
    ("app won't open", "app wont open", "app won\u2019t open"),
    ("insulin delivery didn't arrive", "insulin delivery didnt arrive",
     "insulin delivery didn\u2019t arrive"),
]
# While typing: the first letters of the last word already find it.
PREFIXES = [("ransom", "ransomware"), ("whistleblo", "whistleblowing"), ("forkl", "serious-injury")]
NOTHING = ["xqzzy blorp", "purple elephant symphony"]
