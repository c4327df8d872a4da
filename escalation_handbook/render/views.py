"""Model objects → what pages and widgets show: contacts resolved, URLs computed per page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..folder import Document, Handbook
from ..model import Answer, Contact, DecisionTree, Playbook, Severity, phones
from . import links, wording
from .incident_log import start_link
from .phones import phone_links
from .text import prose, prose_inline


def tel(phone: str) -> str:
    """The number's `tel:` link, worked out when it was checked (``model.phones``)."""
    known = getattr(phone, "tel", None)
    if known:
        return str(known)
    digits = re.sub(r"\D", "", phone)
    return f"tel:{'+' if phone.strip().startswith('+') else ''}{digits}"


def chat_url(chat: str | None) -> str | None:
    """A chat value that is itself a web address becomes a link; a channel name stays text."""
    if chat and urlsplit(chat).scheme in ("http", "https"):
        return chat
    return None


def contact(c: Contact, page: str, directory: str = links.CONTACTS) -> dict[str, Any]:
    return {
        "id": c.id, "name": c.name, "type": c.type, "team": c.team,
        "phone": c.phone, "tel": tel(c.phone) if c.phone else None,
        "email": c.email, "mailto": f"mailto:{c.email}" if c.email else None,
        "chat": c.chat, "chat_url": chat_url(c.chat), "url": c.url, "hours": c.hours,
        "directory_url": links.relative(page, directory, c.id),
    }


def walk_order(tree: DecisionTree) -> list[str]:
    """Node ids breadth first from the start, then any the start cannot reach."""
    order = tree.reachable()
    reached = set(order)
    return order + [n for n in tree.nodes if n not in reached]


@dataclass
class Lookups:
    """The handbook and lookups every page needs."""

    handbook: Handbook

    def __post_init__(self) -> None:
        hb = self.handbook
        self.contacts = hb.contact_index
        self.severities: dict[str, Severity] = (
            {s.id: s for s in hb.settings.model.severities} if hb.settings else {}
        )
        self.rank = {sid: i + 1 for i, sid in enumerate(self.severities)}
        self.playbooks = {d.id: d for d in hb.playbooks}
        self.section_settings = hb.settings.model.sections if hb.settings else {}
        self.teams = self._teams()
        # Where each contact's directory entry is: one page, or its team's page when the
        # directory is too long for one.
        self.split_directory = len(self.contacts) > links.DIRECTORY_LIMIT
        self.directory_page = {
            c.id: links.team_page(team_slug) if self.split_directory else links.CONTACTS
            for team_slug, (_, members) in self.teams.items() for c in members}
        # The country of numbers written without a country code, in contacts and in prose.
        self.region = (hb.settings.model.phone_region if hb.settings
                       else phones.DEFAULT_REGION)
        self._key_contacts: list[Contact] | None = None

    def prose(self, text: str) -> str:
        """A prose field as safe HTML, its phone numbers as `tel:` links."""
        return phone_links(str(prose(text)), self.region)

    def prose_inline(self, text: str) -> str:
        return phone_links(str(prose_inline(text)), self.region)

    def _teams(self) -> dict[str, tuple[str, list[Contact]]]:
        """Team slug → (team name, members), teams and members in alphabetical order."""
        by_team: dict[str, list[Contact]] = {}
        for c in self.contacts.values():
            by_team.setdefault(c.team or "Other contacts", []).append(c)
        teams: dict[str, tuple[str, list[Contact]]] = {}
        for name in sorted(by_team, key=lambda t: (t == "Other contacts", t.lower())):
            base = team_slug = links.slug(name)
            n = 2
            while team_slug in teams:
                team_slug, n = f"{base}-{n}", n + 1
            teams[team_slug] = (name, sorted(by_team[name], key=lambda c: c.name.lower()))
        return teams

    def section_title(self, section: str) -> str:
        """The section's title from handbook.yaml's `sections:`, else made from its folder."""
        written = self.section_settings.get(section)
        return written.title if written and written.title else links.section_title(section)

    def section_order(self, section: str) -> tuple[bool, int, str, str]:
        """Sections with an `order` first, lowest first; then the rest; each by title."""
        written = self.section_settings.get(section)
        order = written.order if written else None
        return (order is None, order or 0, self.section_title(section).casefold(), section)

    def playbooks_by_section(self) -> list[tuple[str, list[Document[Playbook]]]]:
        """Every playbook by section, sections in their order, each in title order."""
        by_section: dict[str, list[Document[Playbook]]] = {}
        for d in sorted(self.handbook.playbooks, key=lambda d: (d.model.title.lower(), d.id)):
            by_section.setdefault(d.section, []).append(d)
        return [(s, by_section[s]) for s in sorted(by_section, key=self.section_order)]

    def playbook_url(self, page: str, playbook_id: str, anchor: str | None = None) -> str:
        doc = self.playbooks[playbook_id]
        return links.relative(page, links.playbook_page(doc.section, doc.id), anchor)

    def playbook_ref(self, page: str, playbook_id: str) -> dict[str, Any]:
        doc = self.playbooks[playbook_id]
        return {"id": doc.id, "title": doc.model.title, "summary": doc.model.summary,
                "summary_html": str(prose(doc.model.summary)),
                "url": self.playbook_url(page, doc.id)}

    def severity(self, severity_id: str) -> dict[str, Any]:
        s = self.severities[severity_id]
        return {"id": s.id, "name": s.name, "label": s.label,
                "respond_within": str(s.respond_within), "rank": self.rank[s.id]}

    def contact(self, contact_id: str, page: str) -> dict[str, Any]:
        return contact(self.contacts[contact_id], page, self.directory_page[contact_id])

    # --- decision trees -----------------------------------------------------------------

    def outcome(self, answer: Answer, doc: Document[Any], page: str) -> dict[str, Any] | None:
        if answer.trigger:
            holder = self.playbooks[answer.playbook] if answer.playbook else doc
            return self.trigger_outcome(holder, answer.trigger, page)
        if answer.playbook:
            return {"kind": "playbook", "playbook": self.playbook_ref(page, answer.playbook)}
        if answer.outcome is not None:
            return {"kind": "text", "text": answer.outcome,
                    "text_html": self.prose(answer.outcome),
                    "text_inline_html": self.prose_inline(answer.outcome),
                    "see": self.playbook_ref(page, answer.see) if answer.see else None,
                    "contacts_now": [self.contact(c, page) for c in answer.call]}
        return None

    def trigger_outcome(self, doc: Document[Any], trigger_id: str, page: str) -> dict[str, Any]:
        model: Playbook = doc.model
        trigger = next(t for t in model.triggers if t.id == trigger_id)
        pathway = next(p for p in model.pathways if p.id == trigger.pathway)
        first = pathway.steps[0]
        return {
            "kind": "trigger",
            "trigger": {"id": trigger.id, "name": trigger.name,
                        "url": self.playbook_url(page, doc.id, f"trigger-{trigger.id}"),
                        "log": start_link(page, doc.id, trigger.id)},
            "severity": self.severity(trigger.severity),
            "playbook": self.playbook_ref(page, doc.id),
            "pathway": {"id": pathway.id, "name": pathway.name,
                        "url": self.playbook_url(page, doc.id, f"pathway-{pathway.id}")},
            "acknowledge_within": str(first.acknowledge_within) if first.acknowledge_within
            else None,
            "actions": [self.prose(a) for a in first.actions],
            "contacts_now": [self.contact(c, page) for c in first.contacts],
        }

    def _nodes(self, tree: DecisionTree, doc: Document[Any], page: str) -> dict[str, Any]:
        nodes = {}
        for node_id in walk_order(tree):
            node = tree.nodes[node_id]
            answers = []
            for answer in node.answers:
                item: dict[str, Any] = {"answer": answer.answer}
                if answer.next:
                    item["next"] = answer.next
                else:
                    item["outcome"] = self.outcome(answer, doc, page)
                answers.append(item)
            nodes[node_id] = {"question": node.question,
                              "help_html": str(prose(node.help)) if node.help else None,
                              "answers": answers}
        return nodes

    def tree(self, tree_id: str, title: str, tree: DecisionTree, doc: Document[Any], page: str,
             joined: bool = False) -> dict[str, Any]:
        """The tree as the widget reads it (see ARCHITECTURE.md). ``joined``: the playbooks its
        leaves name bring their own trees along, so the wizard goes on into them on the page."""
        data: dict[str, Any] = {"id": tree_id, "title": title, "start": tree.start,
                                "nodes": self._nodes(tree, doc, page), "text": wording.TREE_TEXT}
        if joined:
            data["trees"] = {}
            for node in data["nodes"].values():
                for answer in node["answers"]:
                    outcome = answer.get("outcome") or {}
                    if outcome.get("kind") != "playbook":
                        continue
                    target = self.playbooks[outcome["playbook"]["id"]]
                    sub = target.model.decision_tree
                    if sub is None or sub.start not in sub.nodes:
                        continue
                    outcome["tree"] = target.id
                    if target.id not in data["trees"]:
                        data["trees"][target.id] = {
                            "title": target.model.title, "start": sub.start,
                            "nodes": self._nodes(sub, target, page)}
        return data


    # --- usage --------------------------------------------------------------------------

    def contact_uses(self) -> dict[str, list[dict[str, str]]]:
        """Contact id → where it is used, as (text, docs path, anchor) for the directory."""
        uses: dict[str, list[dict[str, str]]] = {}

        def add(contact_id: str, text: str, page: str, anchor: str | None) -> None:
            uses.setdefault(contact_id, []).append(
                {"text": text, "page": page, "anchor": anchor or ""})

        for doc in self.handbook.playbooks:
            page = links.playbook_page(doc.section, doc.id)
            model = doc.model
            add(model.owner, f"Owner of {model.title}", page, None)
            for pathway in model.pathways:
                for s, step in enumerate(pathway.steps, start=1):
                    for contact_id in step.contacts:
                        add(contact_id, f"Step {s} of {pathway.name} ({model.title})", page,
                            f"pathway-{pathway.id}")
            for message in model.communications:
                if message.owner:
                    add(message.owner, f"Sends “{message.when}” ({model.title})", page,
                        "communications")
        for c in self.contacts.values():
            if c.backup:
                add(c.backup, f"Backup for {c.name}", self.directory_page[c.id], c.id)
        return uses

    def key_contacts(self) -> list[Contact]:
        """Contacts for the home page: chosen in handbook.yaml, else those called first most."""
        if self._key_contacts is None:  # every card shows them: counted once a render
            self._key_contacts = self._count_key_contacts()
        return self._key_contacts

    def _count_key_contacts(self) -> list[Contact]:
        hb = self.handbook
        chosen = hb.settings.model.key_contacts if hb.settings else []
        if not chosen:
            counts: dict[str, int] = {}
            for doc in hb.playbooks:
                for pathway in doc.model.pathways:
                    for contact_id in pathway.steps[0].contacts if pathway.steps else []:
                        counts[contact_id] = counts.get(contact_id, 0) + 1
            chosen = sorted(counts, key=lambda c: (-counts[c], c))[:6]
        return [self.contacts[c] for c in chosen if c in self.contacts]


def compact_tree(tree: dict[str, Any]) -> dict[str, Any]:
    """The tree for the page's JSON: each outcome, pathway, playbook and contact written once.

    Leaves of one playbook share few outcomes, outcomes share pathways (with their first step's
    contacts and actions) and playbooks: written out at each leaf, they were most of a playbook
    page's weight. Answers and outcomes name them by key; the widget expands them on load. The
    trees a joined tree carries (`trees`) share the same tables.
    """
    shared: dict[str, dict[str, Any]] = {"outcomes": {}, "pathways": {}, "playbooks": {},
                                         "contacts": {}, "severities": {}}
    compact = {**tree, "nodes": _compact_nodes(tree["nodes"], shared)}
    if "trees" in tree:
        compact["trees"] = {pid: {**sub, "nodes": _compact_nodes(sub["nodes"], shared)}
                            for pid, sub in tree["trees"].items()}
    return {**compact, **shared}


def _compact_nodes(nodes: dict[str, Any], shared: dict[str, dict[str, Any]]) -> dict[str, Any]:
    compact = {}
    for node_id, node in nodes.items():
        answers = []
        for answer in node["answers"]:
            outcome = answer.get("outcome")
            if outcome is None:
                answers.append(answer)
                continue
            key = _outcome_key(outcome, len(shared["outcomes"]))
            if key not in shared["outcomes"]:
                shared["outcomes"][key] = _compact_outcome(outcome, shared)
            answers.append({"answer": answer["answer"], "outcome": key})
        compact[node_id] = {**_shown(node), "answers": answers}
    return compact


# What the widget does not read: the text forms the static outline uses, what a contact's card
# does not show, and empty values.
_OUTLINE_ONLY = {"text", "text_inline_html", "summary", "type", "team"}


def _shown(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in _OUTLINE_ONLY and v is not None}


def _share_contacts(contacts: list[dict[str, Any]], shared: dict[str, dict[str, Any]]
                    ) -> list[str]:
    for c in contacts:
        shared["contacts"][c["id"]] = _shown(c)
    return [c["id"] for c in contacts]


def _share_playbook(playbook: dict[str, Any], shared: dict[str, dict[str, Any]],
                    summary: bool = False) -> str:
    """The playbook's key; its summary only where a card shows it (a playbook outcome)."""
    known = shared["playbooks"].get(playbook["id"])
    if known is None or (summary and "summary_html" not in known):
        shown = _shown(playbook)
        if not summary:
            shown.pop("summary_html", None)
        shared["playbooks"][playbook["id"]] = shown
    return str(playbook["id"])


def _compact_outcome(outcome: dict[str, Any], shared: dict[str, dict[str, Any]]
                     ) -> dict[str, Any]:
    if outcome["kind"] == "text":
        see = outcome.get("see")
        return _shown({**outcome, "see": {"title": see["title"], "url": see["url"]} if see
                       else None,
                       "contacts_now": _share_contacts(outcome["contacts_now"], shared)})
    if outcome["kind"] == "playbook":
        # A playbook whose tree goes on in the widget never shows its card's summary.
        return {**outcome, "playbook": _share_playbook(outcome["playbook"], shared,
                                                       summary="tree" not in outcome)}
    playbook_id = _share_playbook(outcome["playbook"], shared)
    severity = outcome["severity"]
    shared["severities"][severity["id"]] = severity
    pathway_key = f"{playbook_id}/{outcome['pathway']['id']}"  # pathway ids are per playbook
    if pathway_key not in shared["pathways"]:
        shared["pathways"][pathway_key] = _shown({
            **outcome["pathway"], "acknowledge_within": outcome["acknowledge_within"],
            "actions": outcome["actions"],
            "contacts_now": _share_contacts(outcome["contacts_now"], shared)})
    trigger = {"id": outcome["trigger"]["id"], "name": outcome["trigger"]["name"]}
    log = outcome["trigger"].get("log")
    if log:  # the incident log's start link: its label written once, for the whole tree
        trigger["log"] = log["url"]
        shared.setdefault("log_label", log["label"])  # type: ignore[arg-type]
    return {"kind": "trigger", "trigger": trigger, "severity": severity["id"],
            "playbook": playbook_id, "pathway": pathway_key}


def _outcome_key(outcome: dict[str, Any], count: int) -> str:
    if outcome["kind"] == "trigger":
        return f"trigger:{outcome['playbook']['id']}/{outcome['trigger']['id']}"
    if outcome["kind"] == "playbook":
        return f"playbook:{outcome['playbook']['id']}"
    return f"text:{count}"
