"""What an incident log follows: a playbook's pathways with every deadline as minutes after
becoming aware, worked out here (durations from `model/durations.py`) and handed to the browser.

A deadline is `{id, kind, label, minutes, warn_minutes, step?, obligation?}`; the log page counts
each one down from the time the user says they became aware, and `summary.py` judges each one
against the log's events. Every kind of deadline is one more entry in the same list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..clocks import ResolvedClock, Resolver, stage_deadlines
from ..folder import Handbook
from ..model import Contact, Playbook, Severity
from .text import DEADLINES, fill, warn_minutes


def deadline(kind: str, ident: str, minutes: int, label: str, **extra: Any) -> dict[str, Any]:
    return {"id": ident, "kind": kind, "label": label, "minutes": minutes,
            "warn_minutes": warn_minutes(minutes), **extra}


def respond_deadline(severity: Severity) -> dict[str, Any]:
    """The severity's `respond_within`: the first call must be made by then."""
    return deadline("respond", "respond", severity.respond_within.minutes,
                    fill(DEADLINES["respond"], severity=severity.label,
                         within=str(severity.respond_within)))


def obligation_ids(playbook: Playbook) -> list[str]:
    """One id per compliance item, from its name (made unique by a number)."""
    ids: list[str] = []
    for item in playbook.compliance:
        base = ident = re.sub(r"[^a-z0-9]+", "-", item.name.lower()).strip("-") or "obligation"
        n = 2
        while ident in ids:
            ident, n = f"{base}-{n}", n + 1
        ids.append(ident)
    return ids


def playbook_plan(playbook: Playbook, contacts: Mapping[str, Contact],
                  clocks: list[ResolvedClock] | None = None) -> dict[str, Any]:
    """A playbook as the log follows it: triggers, pathways with their steps and deadlines,
    obligations with their clocks' stages (``clocks``: `clocks.playbook_clocks`, which knows
    the handbook's own clocks), and communications (templates as written).

    A stage counts down to the least time it can fall due (`clocks.stage_deadlines`): from
    becoming aware, whatever event starts its clock, and for business days the fewest minutes
    they can take, so a countdown is never late."""
    def names(ids: list[str]) -> str:
        return "; ".join(contacts[c].name if c in contacts else c for c in ids)

    pathways = []
    for pathway in playbook.pathways:
        steps, deadlines = [], []
        for number, step in enumerate(pathway.steps, start=1):
            after = step.after.minutes if step.after else 0
            ack = step.acknowledge_within.minutes if step.acknowledge_within else None
            steps.append({"step": number, "after": str(step.after) if step.after else None,
                          "after_minutes": after,
                          "acknowledge_within": str(step.acknowledge_within)
                          if step.acknowledge_within else None,
                          "acknowledge_minutes": ack, "contacts": list(step.contacts)})
            if number > 1:
                deadlines.append(deadline("step", f"step-{number}", after, fill(
                    DEADLINES["step"], step=number, contacts=names(step.contacts)), step=number))
            if ack is not None:
                deadlines.append(deadline("acknowledge", f"ack-{number}", after + ack, fill(
                    DEADLINES["acknowledge"], step=number, contacts=names(step.contacts)),
                    step=number))
        pathways.append({"id": pathway.id, "name": pathway.name, "steps": steps,
                         "deadlines": sorted(deadlines, key=lambda d: d["minutes"])})
    items = list(zip(obligation_ids(playbook), playbook.compliance, strict=True))
    obligations = [{"id": ident, "name": item.name} for ident, item in items]
    obligation_deadlines = []
    if clocks is None:  # the shipped library's clocks alone
        clocks = Resolver(Handbook(Path("."))).clocks_of(playbook)
    resolved = iter(clocks)  # one per item with a clock or a deadline, in order
    for ident, item in items:
        if item.deadline is None and item.clock is None:
            continue
        stages = stage_deadlines(next(resolved))
        for stage, minutes in stages:
            # Each stage of a clock with several is an obligation of its own, recorded as
            # notified apart (NIS2's early warning is not its final report).
            stage_id, name = ident, item.name
            if len(stages) > 1:
                stage_id, name = f"{ident}-{stage.id}", f"{item.name}: {stage.name}"
                obligations.append({"id": stage_id, "name": name})
            obligation_deadlines.append(deadline(
                "obligation", stage_id, minutes, fill(DEADLINES["obligation"], name=name),
                obligation=stage_id))
    communications = [
        {"id": f"message-{n}", "when": c.when, "audience": c.audience, "channel": c.channel,
         "owner": c.owner, "template": c.template}
        for n, c in enumerate(playbook.communications, start=1)]
    return {"playbook": {"id": playbook.id, "title": playbook.title},
            "triggers": [{"id": t.id, "name": t.name, "severity": t.severity,
                          "pathway": t.pathway} for t in playbook.triggers],
            "pathways": pathways, "obligations": obligations,
            "obligation_deadlines": obligation_deadlines, "communications": communications}


def incident_plan(plan: dict[str, Any], pathway_id: str, severity: Severity) -> dict[str, Any]:
    """The part of ``plan`` one incident follows, as the log keeps it: what the widget's
    `incidentPlan` builds from the same data when a log starts."""
    pathway = next(p for p in plan["pathways"] if p["id"] == pathway_id)
    deadlines = [respond_deadline(severity), *pathway["deadlines"],
                 *plan["obligation_deadlines"]]
    return {"pathway": {"id": pathway["id"], "name": pathway["name"]},
            "steps": pathway["steps"],
            "deadlines": sorted(deadlines, key=lambda d: d["minutes"]),
            "obligations": plan["obligations"],
            "communications": plan["communications"]}
