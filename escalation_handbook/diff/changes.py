"""What a change in meaning is: its kind (how much it matters, whether it is material) and where.

A change is *material* when it changes who is called, when, or how severe a situation is, in a
playbook: such a change needs the playbook's owner to review it, and `last_reviewed` to say so.
``KINDS`` is the one table of kinds: their rank (lower matters more) orders the sentences, their
flag decides materiality, and their description is the documentation (`docs/diff.md`, JSON).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Side = Literal["head", "base"]


@dataclass(frozen=True)
class Kind:
    rank: int
    material: bool
    description: str


_K = Kind
KINDS: dict[str, Kind] = {
    "severity-raised": _K(0, True, "A trigger is now more severe."),
    "severity-lowered": _K(0, True, "A trigger is now less severe."),
    "trigger-pathway": _K(1, True, "A trigger now follows another pathway."),
    "step-timing": _K(1, True, "A pathway step now starts at another time."),
    "step-contacts": _K(1, True, "A pathway step now calls other contacts, or in another order."),
    "step-acknowledge": _K(1, True, "A pathway step's acknowledge time changed."),
    "respond-within": _K(1, False, "A severity level's response time changed (handbook.yaml)."),
    "contact-phone": _K(2, False, "A contact's phone number changed."),
    "contact-email": _K(2, False, "A contact's e-mail address changed."),
    "contact-hours": _K(2, False, "A contact's hours changed."),
    "contact-changed": _K(2, False, "A contact's name, chat, web page, backup or notes "
                                    "changed."),
    "first-called": _K(3, True, "Someone else is now the first to be called for a trigger."),
    "playbook-added": _K(4, False, "A playbook was added."),
    "playbook-removed": _K(4, False, "A playbook was removed."),
    "trigger-added": _K(4, True, "A trigger was added."),
    "trigger-removed": _K(4, True, "A trigger was removed."),
    "pathway-added": _K(4, True, "A pathway was added."),
    "pathway-removed": _K(4, True, "A pathway was removed."),
    "step-added": _K(4, True, "A pathway step was added."),
    "step-removed": _K(4, True, "A pathway step was removed."),
    "clock-added": _K(4, True, "A compliance deadline was added."),
    "clock-removed": _K(4, True, "A compliance deadline was removed."),
    "communication-added": _K(4, True, "A communication was added."),
    "communication-removed": _K(4, True, "A communication was removed."),
    "contact-added": _K(4, False, "A contact was added to the directory."),
    "contact-removed": _K(4, False, "A contact was removed from the directory."),
    "severity-level-added": _K(4, False, "A severity level was added (handbook.yaml)."),
    "severity-level-removed": _K(4, False, "A severity level was removed (handbook.yaml)."),
    "tree-answer": _K(5, True, "A decision-tree answer now leads somewhere else."),
    "tree-answer-added": _K(5, True, "A decision-tree answer path was added."),
    "tree-answer-removed": _K(5, True, "A decision-tree answer path was removed."),
    "triage-answer": _K(5, False, "A triage answer (home page tree) now leads somewhere else."),
    "compliance-deadline": _K(6, True, "A compliance deadline changed."),
    "compliance-added": _K(6, True, "A compliance obligation was added."),
    "compliance-removed": _K(6, True, "A compliance obligation was removed."),
    "compliance-changed": _K(6, False, "A compliance obligation's wording or link changed."),
    "communication-changed": _K(6, False, "A communication's audience, channel or text changed."),
    "last-reviewed": _K(7, False, "The review date changed."),
    "review-every": _K(7, False, "The review interval changed."),
    "owner": _K(7, False, "The owner changed."),
    "quiz-added": _K(8, False, "A quiz was added."),
    "quiz-removed": _K(8, False, "A quiz was removed."),
    "quiz-question-added": _K(8, False, "A quiz question was added."),
    "quiz-question-removed": _K(8, False, "A quiz question was removed."),
    "quiz-question-changed": _K(8, False, "A quiz question's choices, answer or explanation "
                                             "changed."),
    "quiz-changed": _K(8, False, "A quiz's title, playbooks, owner or pass mark changed."),
    "quiz-needs-update": _K(8, False, "A quiz covers a playbook that changed materially and was "
                                      "not reviewed in the same change."),
    "wording": _K(9, False, "A title, summary, name, action, signal or other text changed."),
}


@dataclass(frozen=True)
class Change:
    """One change in meaning, in one sentence, at the line that shows it."""

    kind: str
    sentence: str
    path: str  # relative to the handbook folder, in HEAD (BASE for what was removed)
    line: int
    side: Side = "head"

    @property
    def rank(self) -> int:
        return KINDS[self.kind].rank

    @property
    def material(self) -> bool:
        return KINDS[self.kind].material


@dataclass
class Group:
    """The changes of one playbook (or of the contacts, the settings or the quizzes)."""

    key: str  # "playbook:<id>", "contacts", "handbook", "quizzes"
    title: str
    path: str
    changes: list[Change] = field(default_factory=list)
    owner: str | None = None  # who reviews a playbook's material changes
    reviewed: bool = True  # last_reviewed was updated (or there was nothing to update)

    @property
    def material(self) -> bool:
        return any(c.material for c in self.changes)

    @property
    def unreviewed(self) -> bool:
        """Material changes without a `last_reviewed` update: what `--fail-on material` fails."""
        return self.material and not self.reviewed

    def sort(self) -> None:
        self.changes.sort(key=lambda c: (c.rank, c.path, c.line, c.sentence))

    @property
    def rank(self) -> tuple[int, int, str]:
        return (0 if self.material else 1, min((c.rank for c in self.changes), default=99),
                self.key)


@dataclass
class Skipped:
    """A file that did not load on one side: its problems, and why it was not compared."""

    side: Side
    path: str
    line: int
    col: int
    message: str


@dataclass
class Diff:
    groups: list[Group] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def changes(self) -> list[Change]:
        return [c for g in self.groups for c in g.changes]

    @property
    def unreviewed(self) -> list[Group]:
        return [g for g in self.groups if g.unreviewed]

    @property
    def quizzes_to_update(self) -> list[Change]:
        return [c for c in self.changes if c.kind == "quiz-needs-update"]
