"""Two versions of one playbook → its changes in meaning, each in a sentence."""

from __future__ import annotations

from collections.abc import Iterator

from ..folder import Document
from ..load import Loc
from ..model import Communication, Compliance, Pathway, Playbook, Step, Trigger
from .changes import Change
from .common import Sides, change, compared, duration, quoted, same_duration, words
from .trees import tree_changes

Doc = Document[Playbook]


def playbook_changes(sides: Sides, base: Doc, head: Doc) -> list[Change]:
    found: list[Change] = []
    found += _triggers(sides, base, head)
    found += _pathways(sides, base, head)
    found += _first_called(sides, base, head)
    found += _compliance(base, head)
    found += _communications(sides, base, head)
    if base.model.decision_tree or head.model.decision_tree:
        found += tree_changes(sides, base, base.model.decision_tree, head,
                              head.model.decision_tree, ("decision_tree",), "tree-answer")
    found += _review(sides, base, head)
    found += _wording(base, head)
    return found


def _trigger_label(trigger: Trigger) -> str:
    return f"Trigger {quoted(trigger.name)}"


def _pathway_name(playbook: Playbook, pathway_id: str) -> str:
    for pathway in playbook.pathways:
        if pathway.id == pathway_id:
            return quoted(pathway.name)
    return f'"{pathway_id}"'


def _triggers(sides: Sides, base: Doc, head: Doc) -> Iterator[Change]:
    def removed(old: Trigger, _: int) -> tuple[str, str]:
        return ("trigger-removed", f"{_trigger_label(old)} "
                f"({sides.severity(old.severity, 'base')}) was removed.")

    def added(new: Trigger, _: int) -> tuple[str, str]:
        return ("trigger-added", f"New trigger {quoted(new.name)} "
                f"({sides.severity(new.severity)}), following the pathway "
                f"{_pathway_name(head.model, new.pathway)}.")

    def changed(old: Trigger, new: Trigger, at: Loc) -> Iterator[Change]:
        label = _trigger_label(new)
        if old.severity != new.severity:
            raised = sides.severity_rank(new.severity) < sides.severity_rank(old.severity)
            yield change("severity-raised" if raised else "severity-lowered",
                         f"{label} is now {sides.severity(new.severity)} (was "
                         f"{sides.severity(old.severity, 'base')}).", head, (*at, "severity"))
        if old.pathway != new.pathway:
            yield change("trigger-pathway",
                         f"{label} now follows the pathway "
                         f"{_pathway_name(head.model, new.pathway)} (was "
                         f"{_pathway_name(base.model, old.pathway)}).", head, (*at, "pathway"))
        if words(old.name) != words(new.name):
            yield change("wording", f"Trigger {quoted(old.name)} is now called "
                         f"{quoted(new.name)}.", head, (*at, "name"))
        gained = sorted(set(map(words, new.signals)) - set(map(words, old.signals)))
        lost = sorted(set(map(words, old.signals)) - set(map(words, new.signals)))
        if gained or lost:
            parts = ([f"added {', '.join(map(quoted, gained))}"] if gained else []) + (
                [f"removed {', '.join(map(quoted, lost))}"] if lost else [])
            yield change("wording", f"{label}: signals {'; '.join(parts)}.", head,
                         (*at, "signals"))
        if words(old.description) != words(new.description):
            yield change("wording", f"{label}: the description changed.", head, at)

    return compared(base, head, ("triggers",), base.model.triggers, head.model.triggers,
                    lambda t: t.id, removed, added, changed)

def _step_label(pathway: Pathway, index: int, timed: bool = True) -> str:
    when = f" ({_when(pathway.steps[index])})" if timed else ""
    return f"Pathway {quoted(pathway.name)}, step {index + 1}{when}"


def _when(step: Step) -> str:
    return f"after {step.after}" if step.after is not None else "at raise"


def _step_key(step: Step) -> object:
    return step.after.minutes if step.after is not None else -1


def _pathways(sides: Sides, base: Doc, head: Doc) -> Iterator[Change]:
    def removed(old: Pathway, _: int) -> tuple[str, str]:
        return "pathway-removed", f"Pathway {quoted(old.name)} was removed."

    def added(new: Pathway, _: int) -> tuple[str, str]:
        first = sides.contacts(new.steps[0].contacts[:1]) if new.steps else "nobody"
        return ("pathway-added", f"New pathway {quoted(new.name)} with {len(new.steps)} step"
                f"{'s' if len(new.steps) != 1 else ''}, calling first {first}.")

    def changed(old: Pathway, new: Pathway, at: Loc) -> Iterator[Change]:
        if words(old.name) != words(new.name):
            yield change("wording", f"Pathway {quoted(old.name)} is now called "
                         f"{quoted(new.name)}.", head, (*at, "name"))
        yield from _steps(sides, base, head, old, new, at)

    return compared(base, head, ("pathways",), base.model.pathways, head.model.pathways,
                    lambda p: p.id, removed, added, changed)


def _steps(sides: Sides, base: Doc, head: Doc, old_pathway: Pathway, new_pathway: Pathway,
           at: Loc) -> Iterator[Change]:
    def removed(old: Step, si: int) -> tuple[str, str]:
        return ("step-removed", f"{_step_label(old_pathway, si)}, calling "
                f"{sides.contacts(old.contacts)}, was removed.")

    def added(new: Step, sj: int) -> tuple[str, str]:
        return ("step-added", f"{_step_label(new_pathway, sj)} is new: it calls "
                f"{sides.contacts(new.contacts)}"
                + (f", to acknowledge within {new.acknowledge_within}"
                   if new.acknowledge_within else "") + ".")

    def changed(old: Step, new: Step, step_at: Loc) -> Iterator[Change]:
        sj = int(step_at[-1])
        label = _step_label(new_pathway, sj)
        if not same_duration(old.after, new.after):
            untimed = _step_label(new_pathway, sj, timed=False)
            yield change("step-timing", f"{untimed}: now {_when(new)} (was {_when(old)}).", head,
                         (*step_at, "after"))
        if old.contacts != new.contacts:
            yield change("step-contacts", f"{label}: now calls {sides.contacts(new.contacts)} "
                         f"(was {sides.contacts(old.contacts, 'base')}).", head,
                         (*step_at, "contacts"))
        if not same_duration(old.acknowledge_within, new.acknowledge_within):
            yield change("step-acknowledge", f"{label}: to be acknowledged within "
                         f"{duration(new.acknowledge_within, 'no set time')} (was "
                         f"{duration(old.acknowledge_within, 'no set time')}).", head,
                         (*step_at, "acknowledge_within"))
        if list(map(words, old.actions)) != list(map(words, new.actions)):
            yield change("wording", f"{label}: the actions changed.", head, (*step_at, "actions"))

    # Steps of the same number pair up (a step's time changed); when steps were added or
    # removed, steps at the same time do.
    same_count = len(old_pathway.steps) == len(new_pathway.steps)
    key = (lambda s: id(s)) if same_count else _step_key
    return compared(base, head, (*at, "steps"), old_pathway.steps, new_pathway.steps, key,
                    removed, added, changed)


def _first_called(sides: Sides, base: Doc, head: Doc) -> Iterator[Change]:
    """Who a trigger has people call first: what the person in the incident does next."""
    old_triggers = {t.id: t for t in base.model.triggers}
    for j, trigger in enumerate(head.model.triggers):
        old = old_triggers.get(trigger.id)
        if old is None:
            continue
        before, now = _first(base.model, old), _first(head.model, trigger)
        if before != now and before is not None and now is not None:
            yield change("first-called",
                         f"For trigger {quoted(trigger.name)}, {sides.contact(now)} is now "
                         f"called first (was {sides.contact(before, 'base')}).", head,
                         ("triggers", j, "pathway"))


def _first(playbook: Playbook, trigger: Trigger) -> str | None:
    for pathway in playbook.pathways:
        if pathway.id == trigger.pathway and pathway.steps and pathway.steps[0].contacts:
            return pathway.steps[0].contacts[0]
    return None


def _compliance(base: Doc, head: Doc) -> Iterator[Change]:
    def key(c: Compliance) -> str:
        return words(c.name)

    def removed(old: Compliance, _: int) -> tuple[str, str]:
        if old.deadline is not None:
            return ("clock-removed", f"The obligation {quoted(old.name)} and its "
                    f"{old.deadline} clock were removed.")
        return "compliance-removed", f"The obligation {quoted(old.name)} was removed."

    def added(new: Compliance, _: int) -> tuple[str, str]:
        clock = f", with a {new.deadline} clock" if new.deadline else ""
        return ("clock-added" if new.deadline else "compliance-added",
                f"New obligation {quoted(new.name)}{clock}.")

    def changed(old: Compliance, new: Compliance, at: Loc) -> Iterator[Change]:
        label = f"The obligation {quoted(new.name)}"
        if words(old.name) != words(new.name):
            yield change("compliance-changed", f"The obligation {quoted(old.name)} is now "
                         f"called {quoted(new.name)}.", head, (*at, "name"))
        if not same_duration(old.deadline, new.deadline):
            if new.deadline is None:
                yield change("clock-removed", f"{label} no longer has a deadline (was "
                             f"{old.deadline}).", head, at)
            elif old.deadline is None:
                yield change("clock-added", f"{label} now has a deadline: {new.deadline}.",
                             head, (*at, "deadline"))
            else:
                yield change("compliance-deadline", f"{label} must now be met within "
                             f"{new.deadline} (was {old.deadline}).", head, (*at, "deadline"))
        if old.clock != new.clock:
            what = "now has a clock" if old.clock is None else (
                "no longer has a clock" if new.clock is None else "has a changed clock")
            yield change("compliance-deadline", f"{label} {what}.", head,
                         (*at, "clock") if new.clock is not None else at)
        if words(old.requirement) != words(new.requirement) or old.url != new.url:
            yield change("compliance-changed", f"{label}: the requirement changed.", head,
                         (*at, "requirement"))

    return compared(base, head, ("compliance",), base.model.compliance, head.model.compliance,
                    key, removed, added, changed)


def _communication_key(c: Communication) -> tuple[str, str]:
    return (words(c.when), words(c.audience))


def _communications(sides: Sides, base: Doc, head: Doc) -> Iterator[Change]:
    def removed(old: Communication, _: int) -> tuple[str, str]:
        return ("communication-removed", f"The communication to {quoted(old.audience)} "
                f"({words(old.when)}) was removed.")

    def added(new: Communication, _: int) -> tuple[str, str]:
        return ("communication-added", f"New communication to {quoted(new.audience)} by "
                f"{words(new.channel)}: {words(new.when)}.")

    def changed(old: Communication, new: Communication, at: Loc) -> Iterator[Change]:
        label = f"The communication to {quoted(new.audience)} ({words(new.when)})"
        if _communication_key(old) != _communication_key(new):
            yield change("communication-changed", f"{label} was to {quoted(old.audience)} "
                         f"({words(old.when)}).", head, at)
        if words(old.channel) != words(new.channel):
            yield change("communication-changed", f"{label} is now sent by "
                         f"{words(new.channel)} (was {words(old.channel)}).", head,
                         (*at, "channel"))
        if old.owner != new.owner:
            yield change("communication-changed", f"{label} is now sent by "
                         f"{sides.contact(new.owner) if new.owner else 'nobody in particular'}"
                         f" (was {sides.contact(old.owner, 'base') if old.owner else 'nobody'}"
                         ").", head, (*at, "owner"))
        if words(old.template) != words(new.template):
            yield change("communication-changed", f"{label}: the template changed.", head,
                         (*at, "template"))

    return compared(base, head, ("communications",), base.model.communications,
                    head.model.communications, _communication_key, removed, added, changed)

def _review(sides: Sides, base: Doc, head: Doc) -> Iterator[Change]:
    old, new = base.model, head.model
    if old.last_reviewed != new.last_reviewed:
        yield change("last-reviewed", f"Last reviewed on {new.last_reviewed.isoformat()} (was "
                     f"{old.last_reviewed.isoformat()}).", head, ("last_reviewed",))
    if not same_duration(old.review_every, new.review_every):
        yield change("review-every", f"Reviewed every "
                     f"{duration(new.review_every, 'the handbook default')} (was "
                     f"{duration(old.review_every, 'the handbook default')}).", head,
                     ("review_every",) if new.review_every else ())
    if old.owner != new.owner:
        yield change("owner", f"Owned by {sides.contact(new.owner)} (was "
                     f"{sides.contact(old.owner, 'base')}).", head, ("owner",))


def _wording(base: Doc, head: Doc) -> Iterator[Change]:
    old, new = base.model, head.model
    if words(old.title) != words(new.title):
        yield change("wording", f"The title is now {quoted(new.title)} (was "
                     f"{quoted(old.title)}).", head, ("title",))
    if words(old.summary) != words(new.summary):
        yield change("wording", "The summary changed.", head, ("summary",))
    if set(old.tags) != set(new.tags):
        yield change("wording", f"Tags are now {', '.join(sorted(new.tags)) or 'none'} (were "
                     f"{', '.join(sorted(old.tags)) or 'none'}).", head, ("tags",))
    if base.section != head.section:
        yield change("wording", f"Moved to the section {head.section} (was {base.section}).",
                     head, ())
