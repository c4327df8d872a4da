"""Every sentence, label and format rule of the incident log, written once.

The log page's widget receives `browser_text()` as JSON and fills the same `{placeholders}` with
the same rules as `report.py` does here, so the page's Markdown export and `handbook log summary`
print the same record.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

# What one tap records: kind → the button's label and the timeline's sentence.
EVENTS: dict[str, dict[str, str]] = {
    "called": {"button": "Called", "line": "Called {contact} (step {step}){detail}"},
    "acknowledged": {"button": "Acknowledged",
                     "line": "{contact} acknowledged (step {step}){detail}"},
    "no_answer": {"button": "No answer", "line": "No answer from {contact} (step {step}){detail}"},
    "escalated": {"button": "Escalate to step {step}", "line": "Escalated to step {step}{detail}"},
    # a message's text is the message itself: the record names it, the JSON keeps it
    "message_sent": {"button": "Record as sent", "line": "Message sent to {audience}"},
    "regulator_notified": {"button": "Record as notified",
                           "line": "Notified: {obligation}{detail}"},
    "note": {"button": "Add note", "line": "Note{detail}"},
    "severity_changed": {"button": "Change severity",
                         "line": "Severity changed to {severity}{detail}"},
    "closed": {"button": "Close incident", "line": "Incident closed{detail}"},
}

# A deadline's state: on the page while it runs, and in the record afterwards.
STATUSES: dict[str, str] = {
    "pending": "due",            # page: not yet due, not yet met
    "soon": "due soon",          # page: inside its warning time
    "overdue": "overdue",        # page: past due, not met
    "met": "met",
    "missed": "missed",          # met, but late
    "skipped": "skipped",        # a step never reached while the incident ran past its time
    "not_needed": "not needed",  # closed before it was due
    "not_recorded": "not recorded",  # past due and nothing recorded
    "open": "open",              # the record was taken before it was due
}

DEADLINES: dict[str, str] = {
    "respond": "First response ({severity}: within {within})",
    "step": "Step {step} reached: {contacts}",
    "acknowledge": "Step {step} acknowledged: {contacts}",
    "obligation": "{name}",
}

# The record's verdict on one deadline; {delta} is a span, {at} a time.
VERDICTS: dict[str, str] = {
    "met": "met, {delta} before the deadline ({at})",
    "missed": "missed by {delta} ({at})",
    "skipped": "skipped: nobody at this step was contacted",
    "not_needed": "not needed: closed before it was due",
    "not_recorded": "not recorded",
    "open": "open: not yet due when recorded",
}

PAGE: dict[str, str] = {
    "title": "Incident log",
    "start": "Start incident log",
    "start_heading": "Start an incident log",
    "start_button": "Start the log",
    "trigger": "What happened",
    "severity": "Severity",
    "pathway": "Pathway",
    "aware": "We became aware at",
    "aware_now": "Now",
    "aware_earlier": "Earlier, at",
    "aware_hint": "People often start the log late: set the time you first knew.",
    "elapsed": "{span} since we became aware",
    "due_in": "due in {span}, {day_time}",
    "overdue_by": "overdue by {span}, was due {day_time}",
    "met_at": "done at {time}",
    "step": "Step {step}",
    "at_once": "at once",
    "after": "after {after}",
    "ack": "acknowledge within {within}",
    "escalate_hint": "If nobody has acknowledged, the next step is due {when}.",
    "call": "Call",
    "mail": "E-mail",
    "chat": "Chat",
    "deadlines": "Deadlines",
    "steps": "Pathway steps",
    "messages": "Messages",
    "timeline": "Timeline",
    "record": "Record",
    "recorded": "Recorded: {what}, {time}",
    "note_label": "Note",
    "edit": "Edit",
    "save": "Save",
    "cancel": "Cancel",
    "delete": "Delete",
    "time_label": "Time",
    "text_label": "Text",
    "copy": "Copy",
    "copied": "Copied to the clipboard.",
    "copy_failed": "Could not copy: select the text and copy it yourself.",
    "download": "Download",
    "export": "Export",
    "export_markdown": "Markdown (for a ticket or a review)",
    "export_json": "JSON (to continue on another device)",
    "import": "Import a log (JSON)",
    "import_done": "Log imported: {title}.",
    "import_failed": "This file is not an incident log: {reason}",
    "open_logs": "Open incident logs",
    "closed_logs": "Closed incident logs",
    "no_logs": "No incident log is kept in this browser yet.",
    "how_to_start": "Start one from a playbook, from the incident finder or from the questions "
                    "on the home page.",
    "not_found": "This incident log is not kept in this browser. Import its JSON to continue it.",
    "no_playbook": "The playbook of this link is not in the handbook any more.",
    "close_confirm": "Close this incident? You can still add to its record afterwards.",
    "closed_at": "Closed at {time}",
    "fill_template": "Known fields are filled in; fill in the rest before sending.",
    "message_for": "To {audience} by {channel}",
    "mark_sent": "Record as sent",
    "notified": "Record as notified",
    "kept_here": "Kept in this browser only; nothing is sent anywhere. Export it to keep a copy.",
    "severity_now": "Severity now: {severity}",
    "started": "Log started",
    "aware_event": "Became aware",
}

REPORT: dict[str, str] = {
    "title": "# Incident log: {name}",
    "playbook": "Playbook",
    "trigger": "Trigger",
    "severity": "Severity",
    "severity_changed": "{first}, changed to {last}",
    "pathway": "Pathway",
    "aware": "Became aware",
    "started": "Log started",
    "closed": "Closed",
    "closed_after": "{time} ({span} after becoming aware)",
    "open": "Status",
    "open_at": "open when recorded at {time} ({span} after becoming aware)",
    "zone": "Times",
    "zone_value": "UTC{offset}",
    "deadlines": "## Deadlines",
    "deadline_head": "| Deadline | Due | Result |",
    "contacts": "## Who was contacted",
    "contacts_head": "| Contact | Called | Acknowledged | No answer |",
    "timeline": "## Timeline",
    "timeline_head": "| Time | Since aware | What |",
    "review": "## For the review",
    "review_missed": "Missed: {label}, by {delta}",
    "review_skipped": "Skipped: {label}",
    "review_not_recorded": "Not recorded: {label}",
    "review_no_answer": "Did not answer: {contact}",
    "review_none": "Every deadline due was met.",
    "changes": "## The playbook has changed since",
    "playbook_gone": "The playbook `{id}` is not in the handbook any more.",
    "plan_unknown": "This log (version {version}) does not carry its plan: the deadlines are "
                    "those of the playbook as it is now.",
    "none": "—",
}

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# How long is left, or how late: the first unit whose threshold the span reaches, and the next
# one. 4,272 minutes is "71 h 12 min" (hours read better than days within a regulator's 72 h).
SPAN_UNITS: list[tuple[str, int, int]] = [  # name, minutes, used from (minutes)
    ("d", 24 * 60, 4 * 24 * 60), ("h", 60, 60), ("min", 1, 0)]
SPAN_ZERO = "under 1 min"
ELAPSED_ZERO = "0 min"

# When a deadline turns amber: a tenth of its time, at least 5 minutes, at most 12 hours.
WARN_SHARE = 10
WARN_MIN_MINUTES = 5
WARN_MAX_MINUTES = 12 * 60


def warn_minutes(minutes: int) -> int:
    return max(WARN_MIN_MINUTES, min(WARN_MAX_MINUTES, minutes // WARN_SHARE))


def span(minutes: int) -> str:
    """`71 h 12 min`, `5 d 3 h`, `12 min`; a negative span is shown by its length."""
    minutes = abs(minutes)
    if minutes == 0:
        return SPAN_ZERO
    for index, (_, _size, start) in enumerate(SPAN_UNITS):
        if minutes >= start:
            parts = []
            for name, unit, _ in SPAN_UNITS[index:index + 2]:
                amount, minutes = divmod(minutes, unit)
                if amount:
                    parts.append(f"{amount} {name}")
            return " ".join(parts)
    return SPAN_ZERO  # not reached: the last unit starts at 0


def elapsed(minutes: int) -> str:
    """`10 min` after becoming aware; `-5 min` for a time set before it."""
    if minutes == 0:
        return ELAPSED_ZERO
    return ("-" if minutes < 0 else "") + span(minutes)


def parse_stamp(text: str) -> datetime:
    """`2026-12-02T14:05:00+01:00`: the log's times, each with the offset it was written in."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"'{text}' has no UTC offset")
    return value


def later(stamp: datetime, minutes: int) -> datetime:
    """The wall-clock time ``minutes`` after ``stamp``, in ``stamp``'s offset."""
    return stamp + timedelta(minutes=minutes)


def whole_minutes(start: datetime, end: datetime) -> int:
    """Minutes from start to end, rounded towards zero (seconds are not shown)."""
    seconds = int((end - start).total_seconds())
    return seconds // 60 if seconds >= 0 else -((-seconds) // 60)


def day_time(stamp: datetime) -> str:
    """`2026-12-02 14:05`: how the record writes a time."""
    return stamp.strftime("%Y-%m-%d %H:%M")


def offset(stamp: datetime) -> str:
    """`+01:00`."""
    text = stamp.strftime("%z")
    return f"{text[:3]}:{text[3:]}"


def fill(template: str, **values: Any) -> str:
    """`{name}` → value; a placeholder with no value stays as written (a template's own
    fields, such as `{what happened}`, are the sender's to fill)."""
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", str(value))
    return out


def cell(text: str) -> str:
    """Text for one cell of a Markdown table: one line, no column break."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


# A communication template's fields the log knows: its field name → what fills it. Only fields
# that mean one thing: templates write `{time}` and `{date}` both for when it started and for
# the next update, so those are the sender's to fill.
TEMPLATE_FIELDS = {
    "severity": "severity",            # the severity now, such as SEV1
    "short name": "trigger",           # the trigger's name
    "next update time": "next_update",  # the time NEXT_UPDATE_MINUTES from now, 15:05
}
NEXT_UPDATE_MINUTES = 60


def browser_text() -> dict[str, Any]:
    """What the log page's widget gets: every string and rule above."""
    return {"events": EVENTS, "statuses": STATUSES, "deadlines": DEADLINES,
            "verdicts": VERDICTS, "page": PAGE, "report": REPORT, "weekdays": WEEKDAYS,
            "span": {"units": [list(u) for u in SPAN_UNITS], "zero": SPAN_ZERO,
                     "elapsed_zero": ELAPSED_ZERO},
            "template_fields": TEMPLATE_FIELDS, "next_update_minutes": NEXT_UPDATE_MINUTES}
