"""Review records → text for people, JSON for tools (and the site's `review.json`), GitHub
workflow commands, or a Markdown checklist to paste into an issue. Chosen by name.

Computing the records is `review/__init__.py`'s job; this module only writes them out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any

from ..problem_formats import github_command
from ..problems import Problem
from . import ReviewRecord, Status, counts

FAIL_ON = ("overdue", "due-soon", "never")


def failing_statuses(fail_on: str) -> tuple[Status, ...]:
    """Which statuses make `handbook stale --fail-on FAIL_ON` exit 1."""
    return {"overdue": ("overdue",), "due-soon": ("overdue", "due-soon"), "never": ()}[fail_on]


def fails(records: list[ReviewRecord], fail_on: str) -> bool:
    failing = failing_statuses(fail_on)
    return any(r.status in failing for r in records)


def summary(records: list[ReviewRecord], today: date) -> str:
    """`Review status on 2026-07-01: 1 overdue, 0 due soon, 3 ok`."""
    n = counts(records)
    return (f"Review status on {today.isoformat()}: {n['overdue']} overdue, "
            f"{n['due-soon']} due soon, {n['ok']} ok")


def _item(record: ReviewRecord) -> str:
    return f"{record.kind} {record.id}"


def _when(record: ReviewRecord, today: date) -> str:
    """`overdue by 3 days (due 2026-07-15)`, `due in 10 days (2026-07-15)`, `due today …`."""
    due = record.due.isoformat()
    if record.status == "overdue":
        days = record.days_overdue
        return f"overdue by {days} day{'s' if days != 1 else ''} (due {due})"
    left = (record.due - today).days
    if left == 0:
        return f"due today ({due})"
    return f"due in {left} day{'s' if left != 1 else ''} ({due})"


# --- text -----------------------------------------------------------------------------------

TEXT_HEADER = ("Item", "Owner", "Last reviewed", "Due", "Status", "Days overdue")


def text(records: list[ReviewRecord], today: date, fail_on: str = "overdue") -> str:
    """A table sorted by due date, then notes on possibly outdated quizzes, then a summary."""
    if not records:
        return f"No playbooks or quizzes to review.\n{summary(records, today)}"
    rows = [TEXT_HEADER] + [
        (_item(r), r.owner_label, r.last_reviewed.isoformat(), r.due.isoformat(),
         r.status + ("*" if r.possibly_outdated else ""),
         str(r.days_overdue) if r.status == "overdue" else "")
        for r in records
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(TEXT_HEADER))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    notes = [f"* {_item(r)}: {r.note}" for r in records if r.possibly_outdated]
    if notes:
        lines += ["", *notes]
    lines += ["", summary(records, today)]
    return "\n".join(lines)


# --- json -----------------------------------------------------------------------------------


def record_to_dict(record: ReviewRecord) -> dict[str, Any]:
    """One record as published: the keys in this order, dates as YYYY-MM-DD."""
    return {
        "id": record.id,
        "kind": record.kind,
        "title": record.title,
        "path": record.path,
        "line": record.line,
        "owner": {"id": record.owner_id, "name": record.owner_name, "email": record.owner_email},
        "last_reviewed": record.last_reviewed.isoformat(),
        "due": record.due.isoformat(),
        "status": record.status,
        "days_overdue": record.days_overdue,
        "possibly_outdated": record.possibly_outdated,
        "outdated_by": list(record.outdated_by),
    }


def records_to_json(records: list[ReviewRecord], today: date) -> str:
    """The JSON of `handbook stale --format json`, also published by the site as `review.json`.

    ``{"today": "YYYY-MM-DD", "counts": {"overdue": n, "due-soon": n, "ok": n},
    "records": [record, …]}``, records in the order given (by due date, then path).
    """
    return json.dumps(
        {"today": today.isoformat(), "counts": counts(records),
         "records": [record_to_dict(r) for r in records]},
        indent=2, ensure_ascii=False,
    )


def as_json(records: list[ReviewRecord], today: date, fail_on: str = "overdue") -> str:
    return records_to_json(records, today)


# --- github ---------------------------------------------------------------------------------


def github(records: list[ReviewRecord], today: date, fail_on: str = "overdue") -> str:
    """A workflow command on the `last_reviewed` line of each item needing review.

    Items whose status makes the run fail under ``fail_on`` are errors, other overdue and
    due-soon items warnings, and quizzes that are only possibly out of date notices.
    """
    failing = failing_statuses(fail_on)
    lines = []
    for r in records:
        if r.status in failing:
            level = "error"
        elif r.status != "ok":
            level = "warning"
        elif r.possibly_outdated:
            level = "notice"
        else:
            continue
        if r.status == "ok":
            title, message = "quiz possibly out of date", f"{r.title} ({_item(r)}) is {r.note}"
        else:
            title = "review overdue" if r.status == "overdue" else "review due soon"
            message = (f"{r.title} ({_item(r)}) is {_when(r, today)}: owner {r.owner_label}. "
                       "Review it, then update last_reviewed.")
            if r.possibly_outdated:
                message += f" It is also {r.note}."
        lines.append(github_command(level, r.path, r.line, 0, title, message))
    lines.append(summary(records, today))
    return "\n".join(lines)


# --- markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(value: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", value)


def _owner_heading(r: ReviewRecord) -> str:
    if r.owner_id is None:
        return "No owner"
    name = _md(r.owner_name) if r.owner_name else "not in contacts"
    reach = f" — {_md(r.owner_reach)}" if r.owner_reach else ""
    return f"{name} (`{r.owner_id}`){reach}"


def markdown(records: list[ReviewRecord], today: date, fail_on: str = "overdue") -> str:
    """A checklist of the items needing review, grouped by owner, ready to paste into an issue.

    Owners come in the order of their most urgent item; items by due date.
    """
    lines = [f"## Reviews due on {today.isoformat()}", "", summary(records, today) + "."]
    todo = [r for r in records if r.needs_review]
    if not todo:
        lines += ["", "Nothing needs reviewing."]
        return "\n".join(lines)
    groups: dict[str | None, list[ReviewRecord]] = {}
    for r in todo:
        groups.setdefault(r.owner_id, []).append(r)
    for items in groups.values():
        lines += ["", f"### {_owner_heading(items[0])}", ""]
        for r in items:
            what = _when(r, today) if r.status != "ok" else f"due {r.due.isoformat()}"
            line = (f"- [ ] **{_md(r.title)}** ({r.kind} `{r.id}`, `{r.path}`): {what}, "
                    f"last reviewed {r.last_reviewed.isoformat()}")
            if r.possibly_outdated:
                line += f"; {_md(r.note)}"
            lines.append(line)
    return "\n".join(lines)


# --- the rules about time --------------------------------------------------------------------


def with_findings(output: str, output_format: str, findings: list[Problem]) -> str:
    """`handbook stale`'s output with what the rules about time found (clocks, working hours,
    cover): the JSON gains `findings` (problems as `handbook check --format json` gives them;
    the site's `review.json` stays the records alone), text and Markdown a list at the end."""
    if output_format == "json":
        data = json.loads(output)
        data["findings"] = [asdict(p) for p in findings]
        return json.dumps(data, indent=2, ensure_ascii=False)
    if not findings or output_format not in ("text", "markdown"):
        return output  # github: `handbook check --format github` annotates them in the same run
    if output_format == "text":
        return "\n".join([output, "", "Clocks and cover (see handbook check):",
                          *(str(p) for p in findings)])
    return "\n".join([output, "", "### Clocks and cover", "",
                      *(f"- `{p.path}:{p.line}`: {_md(p.message)} (`{p.code}`)"
                        for p in findings)])


Formatter = Callable[[list[ReviewRecord], date, str], str]
REVIEW_FORMATS: dict[str, Formatter] = {
    "text": text,
    "json": as_json,
    "github": github,
    "markdown": markdown,
}
