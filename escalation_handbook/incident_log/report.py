"""A summary written out: Markdown (the incident record, the same text the log page exports),
plain text for a terminal, JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from .summary import Outcome, Summary, as_data
from .text import (
    REPORT,
    STATUSES,
    VERDICTS,
    cell,
    day_time,
    elapsed,
    fill,
    offset,
    span,
    whole_minutes,
)


def _time(summary: Summary, value: datetime) -> str:
    """Every time of a record in the offset of the moment we became aware."""
    return day_time(value.astimezone(summary.aware.tzinfo))


def verdict(summary: Summary, outcome: Outcome) -> str:
    return fill(VERDICTS[outcome.status],
                delta=span(outcome.delta or 0),
                at=_time(summary, outcome.at) if outcome.at else "")


def review_lines(summary: Summary) -> list[str]:
    lines = []
    for o in summary.outcomes:
        if o.status == "missed":
            lines.append(fill(REPORT["review_missed"], label=o.deadline.label,
                              delta=span(o.delta or 0)))
        elif o.status == "skipped":
            lines.append(fill(REPORT["review_skipped"], label=o.deadline.label))
        elif o.status == "not_recorded":
            lines.append(fill(REPORT["review_not_recorded"], label=o.deadline.label))
    lines += [fill(REPORT["review_no_answer"], contact=c.name)
              for c in summary.contacts if c.did_not_answer]
    return lines or [REPORT["review_none"]]


def markdown(summary: Summary) -> str:
    log, t = summary.log, REPORT
    severity = f"{log.severity.label} {log.severity.name}".strip()
    if summary.severity_last:
        severity = fill(t["severity_changed"], first=severity, last=summary.severity_last)
    facts = [(t["playbook"], log.playbook.title or log.playbook.id)]
    if log.trigger:
        facts.append((t["trigger"], log.trigger.name or log.trigger.id))
    facts += [(t["severity"], severity),
              (t["pathway"], summary.plan.pathway.name or summary.plan.pathway.id),
              (t["aware"], _time(summary, summary.aware)),
              (t["started"], _time(summary, datetime.fromisoformat(log.started_at)))]
    lasted = span(whole_minutes(summary.aware, summary.end))
    if log.closed_at:
        facts.append((t["closed"], fill(t["closed_after"], time=_time(summary, summary.end),
                                        span=lasted)))
    else:
        facts.append((t["open"], fill(t["open_at"], time=_time(summary, summary.end),
                                      span=lasted)))
    facts.append((t["zone"], fill(t["zone_value"], offset=offset(summary.aware))))
    name = (log.trigger.name if log.trigger and log.trigger.name else None) or (
        log.playbook.title or log.playbook.id)
    out = [fill(t["title"], name=" ".join(name.split())), ""]
    out += [f"- **{label}:** {' '.join(value.split())}" for label, value in facts]
    out += ["", t["deadlines"], "", t["deadline_head"], "| --- | --- | --- |"]
    out += [f"| {cell(o.deadline.label)} | {_time(summary, o.due)} | "
            f"{cell(verdict(summary, o))} |" for o in summary.outcomes]
    if summary.contacts:
        out += ["", t["contacts"], "", t["contacts_head"], "| --- | --- | --- | --- |"]
        for c in summary.contacts:
            cells = [", ".join(_time(summary, v) for v in times) or t["none"]
                     for times in (c.called, c.acknowledged, c.no_answer)]
            out.append(f"| {cell(c.name)} | " + " | ".join(cells) + " |")
    out += ["", t["timeline"], "", t["timeline_head"], "| --- | --- | --- |"]
    out += [f"| {_time(summary, at)} | {elapsed(whole_minutes(summary.aware, at))} | "
            f"{cell(text)} |" for at, text in summary.timeline]
    out += ["", t["review"], ""]
    out += [f"- {cell(item)}" for item in review_lines(summary)]
    if summary.changes or summary.notes:
        out += ["", t["changes"], ""]
        out += [f"- {item}" for item in [*summary.notes, *summary.changes]]
    return "\n".join(out) + "\n"


def text(summary: Summary) -> str:
    log = summary.log
    name = (log.trigger.name if log.trigger and log.trigger.name else None) or (
        log.playbook.title or log.playbook.id)
    lasted = span(whole_minutes(summary.aware, summary.end))
    state = "closed" if log.closed_at else "open"
    out = [f"Incident log {log.id}: {name} (playbook {log.playbook.id})",
           f"aware {_time(summary, summary.aware)}, {state} at {_time(summary, summary.end)}"
           f" ({lasted} later)", "", "Deadlines:"]
    width = max(len(s) for s in STATUSES.values())
    out += [f"  {STATUSES[o.status]:<{width}}  {o.deadline.label}: {verdict(summary, o)}"
            for o in summary.outcomes]
    out += ["", "For the review:"] + [f"  {line}" for line in review_lines(summary)]
    if summary.changes or summary.notes:
        out += ["", "The playbook has changed since:"]
        out += [f"  {item}" for item in [*summary.notes, *summary.changes]]
    return "\n".join(out) + "\n"


def as_json(summary: Summary) -> str:
    return json.dumps(as_data(summary), indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[Summary], str]] = {
    "text": text, "markdown": markdown, "json": as_json}
