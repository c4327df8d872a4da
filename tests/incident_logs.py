"""Incident logs for the tests, made from the sample handbook's data breach playbook with the
same plan the log page gives an incident (`incident_log.plan`), and events as a reader taps them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from escalation_handbook.clocks import playbook_clocks
from escalation_handbook.folder import Handbook
from escalation_handbook.incident_log.plan import incident_plan, playbook_plan
from escalation_handbook.pipeline import load_folder

REPO = Path(__file__).resolve().parent.parent
AWARE = "2026-12-02T14:05:00+00:00"


def sample() -> Handbook:
    return load_folder(REPO)


def breach_log(handbook: Handbook, events: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """A version 2 log of `exposed-records` (SEV1, breach escalation) aware at 14:05."""
    doc = next(d for d in handbook.playbooks if d.id == "data-breach")
    severities = {s.id: s for s in handbook.settings.model.severities}  # type: ignore[union-attr]
    plan = incident_plan(playbook_plan(doc.model, handbook.contact_index,
                                       playbook_clocks(handbook, doc)),
                         "breach-escalation", severities["sev1"])
    contacts = {c: {"id": c, "name": handbook.contact_index[c].name}
                for step in plan["steps"] for c in step["contacts"]}
    return {
        "format": "escalation-handbook/incident-log", "version": 2, "id": "inc-test",
        "handbook": "Northwind Logistics Escalation Handbook",
        "playbook": {"id": "data-breach", "title": doc.model.title},
        "trigger": {"id": "exposed-records",
                    "name": "Customer or colleague records exposed outside the company"},
        "severity": {"id": "sev1", "label": "SEV1", "name": "Critical"},
        "severities": {s.id: {"id": s.id, "label": s.label, "name": s.name}
                       for s in severities.values()},
        "aware_at": AWARE, "started_at": "2026-12-02T14:15:00+00:00",
        "plan": plan, "contacts": contacts,
        "events": [{"id": f"e{n}", **e} for n, e in enumerate(events, start=1)],
        **extra,
    }


# A night that went partly wrong: step 1 on time, the DPO did not answer and step 2 was late,
# step 3 never reached though the incident ran past it, the ICO notified in time.
EVENTS = [
    {"at": "2026-12-02T14:16:00+00:00", "kind": "called", "step": 1, "contact": "security-oncall"},
    {"at": "2026-12-02T14:18:30+00:00", "kind": "acknowledged", "step": 1,
     "contact": "security-oncall", "text": "on it | joining the bridge"},
    {"at": "2026-12-02T14:50:00+00:00", "kind": "no_answer", "step": 2, "contact": "dpo"},
    {"at": "2026-12-02T14:52:00+00:00", "kind": "called", "step": 2, "contact": "ciso"},
    {"at": "2026-12-02T15:01:00+00:00", "kind": "acknowledged", "step": 2, "contact": "ciso"},
    {"at": "2026-12-02T15:30:00+00:00", "kind": "severity_changed", "severity": "sev2"},
    {"at": "2026-12-02T16:00:00+00:00", "kind": "message_sent", "communication": "message-1",
     "text": "Subject: [SEV1] Personal data breach"},
    {"at": "2026-12-04T10:00:00+00:00", "kind": "regulator_notified",
     "obligation": "uk-gdpr-article-33"},
    {"at": "2026-12-04T11:00:00+00:00", "kind": "note", "text": "Post-incident review booked"},
    {"at": "2026-12-04T12:00:00+00:00", "kind": "closed"},
]
