"""The files every playbook leans on: contacts.yaml and handbook.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..folder import Document
from ..model import ContactsFile, Settings
from .changes import Change
from .common import Sides, change, pairs, quoted, same_duration, words
from .trees import tree_changes

# Fields of a contact beyond phone, e-mail and hours, in the words a sentence uses.
_OTHER_FIELDS = {"name": "name", "type": "type", "team": "team", "chat": "chat",
                 "url": "web page", "backup": "backup", "notes": "notes"}


def _digits(phone: str | None) -> str:
    """`0800 123 456` and `0800-123-456` are the same number."""
    return re.sub(r"[^0-9+]", "", phone or "")


def contact_changes(sides: Sides, base: Document[ContactsFile], head: Document[ContactsFile]
                    ) -> Iterator[Change]:
    old_list, new_list = base.model.contacts, head.model.contacts
    for i, old, j, new in pairs(old_list, new_list, lambda c: c.id):
        if new is None or j is None:
            assert old is not None and i is not None
            yield change("contact-removed", f"{old.name} ({old.id}) was removed from the "
                         "directory.", base, ("contacts", i), "base")
            continue
        at = ("contacts", j)
        if old is None:
            yield change("contact-added", f"{new.name} ({new.id}) was added to the directory.",
                         head, at)
            continue
        if old.id != new.id:  # paired in order: the id itself changed
            yield change("contact-changed", f"{old.name}: the id is now {new.id} (was "
                         f"{old.id}).", head, (*at, "id"))
        label = new.name
        if _digits(old.phone) != _digits(new.phone):
            yield change("contact-phone", f"{label}: the phone number is now "
                         f"{new.phone or 'none'} (was {old.phone or 'none'}).", head,
                         (*at, "phone"))
        if (old.email or "").lower() != (new.email or "").lower():
            yield change("contact-email", f"{label}: the e-mail address is now "
                         f"{new.email or 'none'} (was {old.email or 'none'}).", head,
                         (*at, "email"))
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


def settings_changes(sides: Sides, base: Document[Settings], head: Document[Settings]
                     ) -> Iterator[Change]:
    old, new = base.model, head.model
    for i, old_level, j, level in pairs(old.severities, new.severities, lambda s: s.id):
        if level is None or j is None:
            assert old_level is not None and i is not None
            yield change("severity-level-removed", f"The severity level {old_level.label} "
                         f"{old_level.name} was removed.", base, ("severities", i), "base")
            continue
        at = ("severities", j)
        if old_level is None:
            yield change("severity-level-added", f"New severity level {level.label} "
                         f"{level.name}: respond within {level.respond_within}.", head, at)
            continue
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
