"""The incident finder's data: one document per trigger, the words it knows, and its engine.

The home page's finder and `handbook search` rank with the same JavaScript (`finder_engine_js`:
the vendored MiniSearch and Porter2 stemmer, and our `assets/finder/rank.js`) over the same
index (`finder_index`), so what a policy owner tries on the command line is what a colleague
sees on a phone.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from ..folder import Handbook
from . import links
from .incident_log import start_link
from .views import Lookups
from .wording import CONTACT_TEXT

ENGINE_JS = f"{links.ASSETS}/finder-engine.js"
INDEX_JS = f"{links.ASSETS}/finder-index.js"
INDEX_GLOBAL = "HandbookFinderIndex"

# How the ranking weighs what matched. Field boosts: a trigger's own words first.
# severity: how much more a SEV1 scores than the lowest level (0.15 = 15 %), so that a query
# that fits both equally puts the critical one first. synonym: a synonym's weight against
# the word typed. coverage: the power of the share of the query's words a trigger matches
# (a trigger matching every word beats one matching a single word often). min_ratio: results
# scoring under this share of the best are left out.
RANKING: dict[str, Any] = {
    "fields": {"name": 3, "signals": 3, "description": 1, "playbook": 1.5, "summary": 0.7},
    "severity": 0.15,
    "synonym": 0.6,
    "coverage": 1.0,
    "min_ratio": 0.2,
    "fuzzy_min_length": 5,  # one typo allowed from this many letters
    "weights": {"fuzzy": 0.45, "prefix": 0.4},  # a near or partial word against an exact one
}

_ENGINE_PARTS = (
    ("vendor/minisearch/minisearch.js", False),
    ("vendor/wink-porter2-stemmer/wink-porter2-stemmer.js", True),  # CommonJS
    ("finder/rank.js", False),
)


def _asset(path: str) -> str:
    return resources.files("escalation_handbook").joinpath("assets", path).read_text("utf-8")


@cache
def finder_engine_js() -> str:
    """The finder's one script: MiniSearch, the stemmer (as `HandbookStem`) and rank.js."""
    parts = []
    for path, commonjs in _ENGINE_PARTS:
        text = _asset(path)
        if commonjs:
            text = ("(function (module) {\n" + text +
                    "\nglobalThis.HandbookStem = module.exports;\n})({ exports: {} });")
        parts.append(f"/* escalation_handbook/assets/{path} */\n{text}")
    return "\n;\n".join(parts) + "\n"


def word_list(name: str) -> list[list[str]]:
    """A shipped list (`assets/finder/NAME.txt`): per line, its comma- or space-separated
    entries (synonyms are comma-separated phrases; stop words are space-separated words)."""
    lines = []
    for line in _asset(f"finder/{name}.txt").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        entries = line.split(",") if "," in line or name.startswith("synonyms") else line.split()
        lines.append([e.strip() for e in entries if e.strip()])
    return lines


def handbook_synonyms(handbook: Handbook) -> list[list[str]]:
    """The handbook's own groups (`synonyms:` in handbook.yaml), each key with its words."""
    settings = handbook.settings.model if handbook.settings else None
    return [[word, *others] for word, others in (settings.synonyms.items() if settings else [])]


def finder_index(handbook: Handbook, site: Lookups | None = None, page: str = links.HOME
                 ) -> dict[str, Any]:
    """Every trigger as the finder searches it and shows it, URLs relative to ``page``.

    What triggers share is written once: each playbook's title, summary and URL in
    `playbooks`, each pathway's first step in `pathways` (by `playbook/pathway`); a doc names
    them (`playbook_id`, `pathway`) and rank.js joins them in when it loads the index."""
    site = site or Lookups(handbook)
    docs = []
    contacts: dict[str, dict[str, Any]] = {}
    playbooks: dict[str, dict[str, Any]] = {}
    pathways: dict[str, dict[str, Any]] = {}
    for doc in sorted(handbook.playbooks, key=lambda d: (d.section, d.id)):
        pb = doc.model
        playbooks[doc.id] = {"title": pb.title, "summary": pb.summary,
                             "url": site.playbook_url(page, doc.id)}
        for pathway in pb.pathways:
            first = pathway.steps[0] if pathway.steps else None
            called = [c for c in (first.contacts if first else []) if c in site.contacts]
            for contact_id in called:
                if contact_id not in contacts:
                    contacts[contact_id] = site.contact(contact_id, page)
            pathways[f"{doc.id}/{pathway.id}"] = {
                "name": pathway.name,
                "url": site.playbook_url(page, doc.id, f"pathway-{pathway.id}"),
                "acknowledge_within": str(first.acknowledge_within)
                if first and first.acknowledge_within else None,
                "contacts_now": called}
        for trigger in pb.triggers:
            item = {
                "id": f"{doc.id}/{trigger.id}",
                "name": trigger.name,
                "rank": site.rank[trigger.severity],
                "severity": trigger.severity,
                "trigger": trigger.id,
                "playbook_id": doc.id,
                "url": site.playbook_url(page, doc.id, f"trigger-{trigger.id}"),
                "pathway": f"{doc.id}/{trigger.pathway}",
            }
            words = "\n".join([*trigger.signals, *trigger.also])
            if words:
                item["signals"] = words
            if trigger.description:
                item["description"] = trigger.description
            docs.append(item)
    return {
        "config": {"stopwords": [w for line in word_list("stopwords-en") for w in line],
                   "groups": word_list("synonyms-en"),
                   "handbook_groups": handbook_synonyms(handbook), "ranking": RANKING,
                   "severity_count": len(site.severities)},
        "severities": {sid: site.severity(sid) for sid in site.severities},
        "contacts": contacts,
        "playbooks": playbooks,
        "pathways": pathways,
        "docs": docs,
    }


def finder_index_js(index: dict[str, Any]) -> str:
    """The index as a script (a script loads from file://, where a page may not fetch JSON)."""
    text = json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"globalThis.{INDEX_GLOBAL}={text};\n"


# Every sentence the finder widget shows: written here once, handed to the browser as data.
# `{query}`, `{n}`, `{name}`, `{phone}`, `{time}` are filled in by the widget.
FINDER_TEXT: dict[str, str] = {
    **CONTACT_TEXT,
    "label": "What is happening?",
    "placeholder": "such as: laptop stolen, website down, someone hurt",
    "hint": "Describe it in your own words: the best match comes first, with who to call.",
    "loading": "Loading the finder…",
    "failed": "The finder could not load: use the questions below, or call a contact.",
    "count_one": "1 match",
    "count_many": "{n} matches",
    "none": "Nothing matches “{query}”.",
    "none_help": "Try other words, answer the questions below, or call:",
    "triage": "Answer a few questions instead",
    "respond": "Respond within {time}",
    "acknowledge": "They acknowledge within {time}",
    "pathway": "Full pathway: {name}",
    "more": "Show {n} more",
}
SHOWN = 3  # cards shown at once; the rest behind "Show more"


def home_finder(index: dict[str, Any], site: Lookups, page: str, triage: bool
                ) -> dict[str, Any]:
    """What the home page's finder block shows: the widget's data, and without JavaScript
    the triggers by severity with their first contacts (past the list limit, the levels link
    to the severity page). ``index`` is `finder_index` for the home page."""
    docs = index["docs"]
    long_list = len(docs) > links.LIST_LIMIT
    levels = []
    for sid, severity in index["severities"].items():
        found = sorted((d for d in docs if d["severity"] == sid), key=lambda d: d["name"].lower())
        if not found:
            continue
        levels.append({"severity": severity, "count": len(found),
                       "url": links.relative(page, links.SEVERITIES, sid),
                       "triggers": [] if long_list else [
                           {**d, "contacts": [index["contacts"][c] for c in
                                              index["pathways"][d["pathway"]]["contacts_now"]]}
                           for d in found]})
    emergency = [site.contact(c.id, page) for c in site.key_contacts()]
    data = {"id": "home", "text": FINDER_TEXT, "shown": SHOWN, "emergency": emergency,
            "triage": "#start-here-questions" if triage else None, "index_global": INDEX_GLOBAL,
            "log": start_link(page, "PLAYBOOK/TRIGGER")}  # the card fills in its trigger
    return {"levels": levels, "data": data,
            "engine_url": links.relative(page, ENGINE_JS),
            "index_url": links.relative(page, INDEX_JS)}


def finder_files(index: dict[str, Any]) -> dict[str, bytes]:
    """The finder's two scripts for the docs tree: the engine, and the home page's index."""
    return {ENGINE_JS: finder_engine_js().encode(), INDEX_JS: finder_index_js(index).encode()}
