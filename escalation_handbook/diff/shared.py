"""The files every playbook leans on: contacts.yaml and handbook.yaml."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..folder import Document
from ..load import Loc
from ..model import Contact, ContactsFile, Settings, Severity
from .changes import Change
from .common import Sides, change, compared, quoted, same_duration, words
from .trees import tree_changes

# Fields of a contact beyond phone, e-mail and hours, in the words a sentence uses.
_OTHER_FIELDS = {"name": "name", "type": "type", "team": "team", "chat": "chat",
                 "url": "web page", "backup": "backup", "notes": "notes"}


def _digits(phone: str | None) -> str:
    """`0800 123 456` and `0800-123-456` are the same number."""
    return re.sub(r"[^0-9+]", "", phone or "")


# The ways to reach a contact: (field, change kind, its name in a sentence, what is compared).
_WAYS: tuple[tuple[str, str, str, Callable[[str | None], str]], ...] = (
    ("phone", "contact-phone", "phone number", _digits),
    ("email", "contact-email", "e-mail address", lambda email: (email or "").lower()),
)


def contact_changes(sides: Sides, base: Document[ContactsFile], head: Document[ContactsFile]
                    ) -> Iterator[Change]:
    def removed(old: Contact, _: int) -> tuple[str, str]:
        return "contact-removed", f"{old.name} ({old.id}) was removed from the directory."

    def added(new: Contact, _: int) -> tuple[str, str]:
        return "contact-added", f"{new.name} ({new.id}) was added to the directory."

    def changed(old: Contact, new: Contact, at: Loc) -> Iterator[Change]:
        if old.id != new.id:  # paired in order: the id itself changed
            yield change("contact-changed", f"{old.name}: the id is now {new.id} (was "
                         f"{old.id}).", head, (*at, "id"))
        label = new.name
        for key, kind, what, same in _WAYS:
            before, after = getattr(old, key), getattr(new, key)
            if same(before) != same(after):
                yield change(kind, f"{label}: the {what} is now {after or 'none'} (was "
                             f"{before or 'none'}).", head, (*at, key))
        if words(old.hours) != words(new.hours):
            yield change("contact-hours", f"{label}: now reachable {new.hours or 'at no set hours'}"
                         f" (was {old.hours or 'no set hours'}).", head, (*at, "hours"))
        for key, what in _OTHER_FIELDS.items():
            before, after = words(getattr(old, key)), words(getattr(new, key))
            if before != after:
                sentence = (f"{old.name} is now called {new.name}." if key == "name" else
                            f"{label}: the {what} changed." if key == "notes" else
                            f"{label}: the {what} is now {after or 'none'} "
                            f"(was {before or 'none'}).")
                yield change("contact-changed", sentence, head, (*at, key))

    return compared(base, head, ("contacts",), base.model.contacts, head.model.contacts,
                    lambda c: c.id, removed, added, changed)


def settings_changes(sides: Sides, base: Document[Settings], head: Document[Settings]
                     ) -> Iterator[Change]:
    old, new = base.model, head.model

    def removed(old_level: Severity, _: int) -> tuple[str, str]:
        return ("severity-level-removed", f"The severity level {old_level.label} "
                f"{old_level.name} was removed.")

    def added(level: Severity, _: int) -> tuple[str, str]:
        return ("severity-level-added", f"New severity level {level.label} {level.name}: "
                f"respond within {level.respond_within}.")

    def changed(old_level: Severity, level: Severity, at: Loc) -> Iterator[Change]:
        if not same_duration(old_level.respond_within, level.respond_within):
            yield change("respond-within", f"{level.label} {level.name}: respond within "
                         f"{level.respond_within} (was {old_level.respond_within}).", head,
                         (*at, "respond_within"))
        if words(old_level.name) != words(level.name):
            yield change("wording", f"{level.label} is now called {level.name} (was "
                         f"{old_level.name}).", head, (*at, "name"))
        if words(old_level.description) != words(level.description):
            yield change("wording", f"{level.label} {level.name}: the description changed.",
                         head, (*at, "description"))

    yield from compared(base, head, ("severities",), old.severities, new.severities,
                        lambda s: s.id, removed, added, changed)
    kept = [s.id for s in new.severities if s.id in {o.id for o in old.severities}]
    if kept != [s.id for s in old.severities if s.id in set(kept)]:
        yield change("wording", "The severity levels are now ordered "
                     f"{', '.join(s.label for s in new.severities)}, most severe first.", head,
                     ("severities",))
    if not same_duration(old.review.every, new.review.every):
        yield change("review-every", f"Playbooks and quizzes are reviewed every "
                     f"{new.review.every} by default (was {old.review.every}).", head,
                     ("review",))
    if not same_duration(old.review.warn_before, new.review.warn_before):
        yield change("review-every", f"Reviews are due soon from {new.review.warn_before} "
                     f"before the due date (was {old.review.warn_before}).", head, ("review",))
    for key in ("title", "organisation", "description"):
        if words(getattr(old, key)) != words(getattr(new, key)):
            yield change("wording", f"The handbook's {key} is now "
                         f"{quoted(getattr(new, key) or '')}.", head, (key,))
    if set(old.key_contacts) != set(new.key_contacts):
        yield change("wording", "The home page's key contacts are now "
                     f"{sides.contacts(new.key_contacts)}.", head, ("key_contacts",))
    if old.triage or new.triage:
        yield from tree_changes(sides, base, old.triage, head, new.triage, ("triage",),
                                "triage-answer")
