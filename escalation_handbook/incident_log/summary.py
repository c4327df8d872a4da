"""A log judged against its plan: each deadline met, missed (and by how much), skipped or not
recorded; who was called and who did not answer; and, given the handbook, what has changed in
the playbook since. The log page's widget applies the same rules to the same data
(`incident-log.js`, `assess`), and a browser test holds the two to the same record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .model import Deadline, Event, IncidentLog, Plan
from .text import EVENTS, PAGE, fill, later, parse_stamp, whole_minutes

# The events that meet each kind of deadline (a step's: any of them with its step number).
ATTEMPTS = ("called", "acknowledged", "no_answer")
MEETS: dict[str, tuple[str, ...]] = {
    "respond": ATTEMPTS,
    "step": (*ATTEMPTS, "escalated"),
    "acknowledge": ("acknowledged",),
    "obligation": ("regulator_notified",),
    "clock": ("regulator_notified",),
}


@dataclass
class Outcome:
    deadline: Deadline
    due: datetime
    status: str  # met | missed | skipped | not_needed | not_recorded | open
    at: datetime | None = None  # when it was met
    delta: int | None = None  # minutes early (met) or late (missed)


@dataclass
class ContactRecord:
    id: str
    name: str
    called: list[datetime] = field(default_factory=list)
    acknowledged: list[datetime] = field(default_factory=list)
    no_answer: list[datetime] = field(default_factory=list)

    @property
    def did_not_answer(self) -> bool:
        """A no answer that no acknowledgement followed."""
        return bool(self.no_answer) and not any(a >= self.no_answer[-1]
                                                for a in self.acknowledged)


@dataclass
class Summary:
    log: IncidentLog
    plan: Plan
    aware: datetime
    end: datetime  # closed, exported, or the last thing recorded
    outcomes: list[Outcome]
    contacts: list[ContactRecord]
    timeline: list[tuple[datetime, str]]
    severity_last: str | None  # the label after the last change, if any
    changes: list[str] = field(default_factory=list)  # filled by `compare`
    notes: list[str] = field(default_factory=list)


def ordered(events: list[Event]) -> list[Event]:
    """By time; events recorded at the same time keep their order."""
    return [e for _, _, e in sorted((parse_stamp(e.at), n, e) for n, e in enumerate(events))]


def meets(deadline: Deadline, event: Event) -> bool:
    if event.kind not in MEETS.get(deadline.kind, ()):
        return False
    if deadline.kind in ("step", "acknowledge"):
        return event.step == deadline.step
    if deadline.kind in ("obligation", "clock"):
        return event.obligation == deadline.obligation
    return True


def judge(deadline: Deadline, aware: datetime, end: datetime, closed: datetime | None,
          events: list[Event]) -> Outcome:
    due = later(aware, deadline.minutes)
    met = next((parse_stamp(e.at) for e in events if meets(deadline, e)), None)
    if met is not None:
        if met <= due:
            return Outcome(deadline, due, "met", met, whole_minutes(met, due))
        return Outcome(deadline, due, "missed", met, whole_minutes(due, met))
    if closed is not None and closed < due:
        return Outcome(deadline, due, "not_needed")
    if end < due:
        return Outcome(deadline, due, "open")
    return Outcome(deadline, due, "skipped" if deadline.kind == "step" else "not_recorded")


def end_of(log: IncidentLog, events: list[Event]) -> datetime:
    for stamp in (log.closed_at, log.exported_at):
        if stamp:
            return parse_stamp(stamp)
    return max([parse_stamp(log.started_at), *(parse_stamp(e.at) for e in events)])


def line(log: IncidentLog, plan: Plan, event: Event) -> str:
    contact = log.contacts.get(event.contact or "")
    obligation = next((o for o in plan.obligations if o.id == event.obligation), None)
    message = next((m for m in plan.communications if m.id == event.communication), None)
    severity = log.severities.get(event.severity or "")
    return fill(EVENTS[event.kind]["line"],
                contact=contact.name if contact else (event.contact or "?"),
                step=event.step if event.step is not None else "?",
                audience=message.audience if message else "?",
                obligation=(obligation.name or obligation.id) if obligation
                else (event.obligation or "?"),
                severity=severity.label if severity else (event.severity or "?"),
                detail=f": {' '.join(event.text.split())}" if event.text else "")


def contact_records(log: IncidentLog, plan: Plan, events: list[Event]) -> list[ContactRecord]:
    order = [c for s in plan.steps for c in s.contacts]
    records: dict[str, ContactRecord] = {}
    for event in events:
        if event.contact and event.kind in ATTEMPTS:
            known = log.contacts.get(event.contact)
            record = records.setdefault(event.contact, ContactRecord(
                event.contact, known.name if known else event.contact))
            getattr(record, event.kind).append(parse_stamp(event.at))
    rank = {c: n for n, c in reversed(list(enumerate(order)))}
    return sorted(records.values(), key=lambda r: (rank.get(r.id, len(order)), r.name))


def summarise(log: IncidentLog, plan: Plan | None = None) -> Summary:
    """``plan`` stands in for a version 1 log's, which it does not carry."""
    plan = log.plan or plan
    if plan is None:
        raise ValueError("a log without its plan needs the playbook's")
    events = ordered(log.events)
    aware = parse_stamp(log.aware_at)
    end = end_of(log, events)
    closed = parse_stamp(log.closed_at) if log.closed_at else None
    outcomes = [judge(d, aware, end, closed, events) for d in plan.deadlines]
    timeline = [(parse_stamp(log.aware_at), PAGE["aware_event"]), (parse_stamp(log.started_at),
                                                           PAGE["started"])]
    timeline += [(parse_stamp(e.at), line(log, plan, e)) for e in events]
    timeline = [(t, s) for _, _, (t, s) in sorted(
        (t, n, (t, s)) for n, (t, s) in enumerate(timeline))]
    changes = [e for e in events if e.kind == "severity_changed" and e.severity]
    last = None
    if changes:
        known = log.severities.get(changes[-1].severity or "")
        last = known.label if known else changes[-1].severity
    return Summary(log, plan, aware, end, outcomes, contact_records(log, plan, events),
                   timeline, last)


def as_data(summary: Summary) -> dict[str, Any]:
    """The summary for `--format json`."""
    def stamp(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": summary.log.id, "playbook": summary.log.playbook.id,
        "trigger": summary.log.trigger.id if summary.log.trigger else None,
        "aware_at": stamp(summary.aware), "closed_at": summary.log.closed_at,
        "as_of": stamp(summary.end),
        "deadlines": [{"id": o.deadline.id, "kind": o.deadline.kind, "label": o.deadline.label,
                       "due": stamp(o.due), "status": o.status, "at": stamp(o.at),
                       "early_minutes": o.delta if o.status == "met" else None,
                       "late_minutes": o.delta if o.status == "missed" else None}
                      for o in summary.outcomes],
        "steps_skipped": [o.deadline.step for o in summary.outcomes if o.status == "skipped"],
        "did_not_answer": [c.id for c in summary.contacts if c.did_not_answer],
        "contacts": [{"id": c.id, "name": c.name, "called": [t.isoformat() for t in c.called],
                      "acknowledged": [t.isoformat() for t in c.acknowledged],
                      "no_answer": [t.isoformat() for t in c.no_answer]}
                     for c in summary.contacts],
        "playbook_changes": summary.changes, "notes": summary.notes,
    }

