"""Two handbooks → a `Diff`: every change in meaning, grouped by playbook, most important first.

Both sides are read by ``folder.load_handbook``. A file that did not load on either side is not
compared (its problems are listed instead); every other file still is.
"""

from __future__ import annotations

from ..folder import Document, Handbook
from ..model import Playbook
from .changes import Change, Diff, Group, Side, Skipped
from .common import Sides, change, quoted
from .playbooks import playbook_changes
from .quizzes import needs_update, quiz_changes
from .shared import contact_changes, settings_changes


def compare(base: Handbook, head: Handbook) -> Diff:
    sides = Sides(base, head)
    diff = Diff(skipped=_skipped(base, "base") + _skipped(head, "head"))
    broken = {p.path for h in (base, head) for p in h.problems if p.is_error}
    groups: list[Group] = []
    if base.settings and head.settings and not {base.settings.path, head.settings.path} & broken:
        groups.append(Group("handbook", "Handbook settings", head.settings.path,
                            list(settings_changes(sides, base.settings, head.settings))))
    if (base.contacts_file and head.contacts_file
            and not {base.contacts_file.path, head.contacts_file.path} & broken):
        groups.append(Group("contacts", "Contacts", head.contacts_file.path,
                            list(contact_changes(sides, base.contacts_file,
                                                 head.contacts_file))))
    groups += _playbooks(sides, broken)
    groups.append(_quizzes(sides, broken, {g.key.removeprefix("playbook:"): g.title
                                           for g in groups
                                           if g.key.startswith("playbook:") and g.material}))
    diff.groups = [g for g in groups if g.changes]
    for group in diff.groups:
        group.sort()
    diff.groups.sort(key=lambda g: g.rank)
    return diff


def _skipped(handbook: Handbook, side: Side) -> list[Skipped]:
    return [Skipped(side, p.path, p.line, p.col, p.message)
            for p in sorted(handbook.problems) if p.is_error]


def _playbooks(sides: Sides, broken: set[str]) -> list[Group]:
    base, head = sides.base, sides.head
    unreadable = base.broken_playbooks | head.broken_playbooks
    groups: list[Group] = []
    for playbook_id in dict.fromkeys([*head.playbook_index, *base.playbook_index]):
        old, new = base.playbook(playbook_id), head.playbook(playbook_id)
        if playbook_id in unreadable or any(d and d.path in broken for d in (old, new)):
            continue
        shown = new or old
        assert shown is not None
        group = Group(f"playbook:{playbook_id}", shown.model.title, shown.path,
                      owner=sides.contact(shown.model.owner, "head" if new else "base"))
        if old is None:
            assert new is not None
            group.changes.append(_added(sides, new))
        elif new is None:
            group.changes.append(change("playbook-removed", f"The playbook "
                                        f"{quoted(old.model.title)} was removed.", old, (),
                                        "base"))
        else:
            group.changes += playbook_changes(sides, old, new)
            group.reviewed = new.model.last_reviewed > old.model.last_reviewed
        groups.append(group)
    return groups


def _added(sides: Sides, doc: Document[Playbook]) -> Change:
    levels = sorted({t.severity for t in doc.model.triggers}, key=sides.severity_rank)
    count = len(doc.model.triggers)
    return change("playbook-added", f"New playbook {quoted(doc.model.title)} in the section "
                  f"{doc.section}, with {count} trigger{'s' if count != 1 else ''} ("
                  f"{', '.join(sides.severity(s) for s in levels)}).", doc, ())


def _quizzes(sides: Sides, broken: set[str], material: dict[str, str]) -> Group:
    base = {q.id: q for q in sides.base.quizzes}
    head = {q.id: q for q in sides.head.quizzes}
    group = Group("quizzes", "Training quizzes", "quizzes")
    for quiz_id in dict.fromkeys([*head, *base]):
        old, new = base.get(quiz_id), head.get(quiz_id)
        if any(d and d.path in broken for d in (old, new)):
            continue
        if new is None:
            assert old is not None
            group.changes.append(change("quiz-removed", f"The quiz {quoted(old.model.title)} "
                                        "was removed.", old, (), "base"))
            continue
        if old is None:
            group.changes.append(change("quiz-added", f"New quiz {quoted(new.model.title)} "
                                        f"with {len(new.model.questions)} questions.", new, ()))
            continue
        group.changes += quiz_changes(sides, old, new)
        lagging = needs_update(sides, new, old, material)
        if lagging is not None:
            group.changes.append(lagging)
    return group
