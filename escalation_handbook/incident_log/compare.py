"""A log read against the handbook as it is now: the plan a version 1 log lacks, and what the
playbook says differently from the plan the incident followed."""

from __future__ import annotations

from ..clocks import playbook_clocks
from ..folder import Handbook
from ..model import Playbook
from .model import IncidentLog, Plan
from .plan import incident_plan, playbook_plan
from .summary import Summary, summarise
from .text import REPORT, fill, span

CHANGES = {
    "pathway_gone": "The pathway `{id}` is not in the playbook any more.",
    "steps": "The pathway had {then} steps, it now has {now}.",
    "after": "Step {step} was due after {then}, it is now due after {now}.",
    "acknowledge": "Step {step} was to be acknowledged within {then}, now within {now}.",
    "contacts": "Step {step} called {then}, it now calls {now}.",
    "deadline": "{label} was due {then} after becoming aware, it is now due after {now}.",
    "deadline_gone": "{label} is no longer a deadline of the playbook.",
    "deadline_new": "{label} is a new deadline of the playbook.",
}


def current_plan(handbook: Handbook, log: IncidentLog) -> tuple[Plan | None, list[str]]:
    """The plan the playbook gives this incident now, or the sentence saying why none."""
    doc = next((d for d in handbook.playbooks if d.id == log.playbook.id), None)
    if doc is None:
        return None, [fill(REPORT["playbook_gone"], id=log.playbook.id)]
    playbook: Playbook = doc.model
    pathway_id = (log.plan.pathway.id if log.plan else next(
        (t.pathway for t in playbook.triggers if log.trigger and t.id == log.trigger.id), None))
    severities = {s.id: s for s in handbook.settings.model.severities} if handbook.settings \
        else {}
    severity = severities.get(log.severity.id)
    if pathway_id not in {p.id for p in playbook.pathways} or severity is None:
        return None, [fill(CHANGES["pathway_gone"], id=pathway_id or "?")]
    data = incident_plan(playbook_plan(playbook, handbook.contact_index,
                                       playbook_clocks(handbook, doc)), pathway_id, severity)
    return Plan.model_validate(data), []


def _none(value: str | None) -> str:
    return value or "none"


def differences(then: Plan, now: Plan) -> list[str]:
    out = []
    if len(then.steps) != len(now.steps):
        out.append(fill(CHANGES["steps"], then=len(then.steps), now=len(now.steps)))
    for old, new in zip(then.steps, now.steps, strict=False):
        if old.after_minutes != new.after_minutes:
            out.append(fill(CHANGES["after"], step=old.step, then=_none(old.after),
                            now=_none(new.after)))
        if old.acknowledge_minutes != new.acknowledge_minutes:
            out.append(fill(CHANGES["acknowledge"], step=old.step,
                            then=_none(old.acknowledge_within), now=_none(new.acknowledge_within)))
        if old.contacts != new.contacts:
            out.append(fill(CHANGES["contacts"], step=old.step, then=", ".join(old.contacts),
                            now=", ".join(new.contacts)))
    old_deadlines = {d.id: d for d in then.deadlines if d.kind != "respond"}
    new_deadlines = {d.id: d for d in now.deadlines if d.kind != "respond"}
    for ident, old_d in old_deadlines.items():
        new_d = new_deadlines.get(ident)
        if new_d is None:
            out.append(fill(CHANGES["deadline_gone"], label=old_d.label))
        elif new_d.minutes != old_d.minutes and old_d.kind not in ("step", "acknowledge"):
            out.append(fill(CHANGES["deadline"], label=old_d.label, then=span(old_d.minutes),
                            now=span(new_d.minutes)))
    out += [fill(CHANGES["deadline_new"], label=d.label)
            for ident, d in new_deadlines.items() if ident not in old_deadlines]
    return out


def summarise_against(log: IncidentLog, handbook: Handbook | None) -> Summary:
    """The summary, with the playbook's changes since when the handbook is given."""
    now, notes = current_plan(handbook, log) if handbook is not None else (None, [])
    if log.plan is None:
        if now is None:
            raise ValueError(" ".join(notes) or "a version 1 log needs the handbook folder")
        notes.append(fill(REPORT["plan_unknown"], version=log.version))
    summary = summarise(log, now)
    summary.notes = notes
    if log.plan is not None and now is not None:
        summary.changes = differences(log.plan, now)
    return summary
