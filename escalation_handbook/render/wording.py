"""Sentences the site shows both on the built page and from a widget that redraws it, written once.

A widget recomputes what it shows against the reader's today, so it cannot take the built page's
sentence as it is: it gets every form it may need (as data attributes) from these functions, which
the templates also use for the page as built.
"""

from __future__ import annotations

from datetime import date

from ..review import STATUS_LABELS, ReviewRecord

DAYS_PLACEHOLDER = "{days}"  # the widget puts the number of days here

# Names for the landmarks Material leaves unnamed (axe "landmark-unique"): the theme writes them
# on the page, and as page JSON for the material-a11y widget, which names what a theme of the
# author's own left unnamed.
MATERIAL_LABELS = {"tags": "Tags"}


def longdate(day: date) -> str:
    """`14 March 2027`: how the site writes a date in a sentence."""
    return f"{day.day} {day:%B %Y}"


def review_as_of(today: date) -> str:
    """When the Review status page's statuses were decided, as built."""
    return f"as of {longdate(today)} when the site was built"


# ... and once the review widget has decided them again against the reader's own today
REVIEW_AS_OF_TODAY = "as of today"


def _overdue(record: ReviewRecord, days: int | str) -> str:
    owner = record.owner_name or record.owner_id or "its owner"
    ago = "1 day" if days == 1 else f"{days} days"
    return (f"This was due for review on {longdate(record.due)} ({ago} ago). "
            f"Check with {owner} before relying on it.")


def _due_soon(record: ReviewRecord) -> str:
    return f"Review due on {longdate(record.due)}."


def review_banner(record: ReviewRecord) -> str:
    """The banner's sentence for the record's status on the day of the build ("" when ok)."""
    if record.status == "overdue":
        return _overdue(record, record.days_overdue)
    return _due_soon(record) if record.status == "due-soon" else ""


def review_banner_data(record: ReviewRecord) -> dict[str, str]:
    """The banner's sentences for each status the reader's today may give (widgets/review.js)."""
    return {"data-banner-due-soon": _due_soon(record),
            "data-banner-overdue-one": _overdue(record, 1),
            "data-banner-overdue-other": _overdue(record, DAYS_PLACEHOLDER)}


def status_label_data() -> dict[str, str]:
    """Each status's label, for a status cell the review widget relabels."""
    return {f"data-label-{status}": label for status, label in STATUS_LABELS.items()}


# The reader's progress where a quiz is listed (`.hb-quiz-status`) and on its own page
# (`.hb-quiz-best`): the quiz widget picks one and fills in `{best}`.
QUIZ_STATUS_TEXT = {"none": "Not started", "passed": "Passed (best {best}%)",
                    "failed": "Not yet passed (best {best}%)"}
QUIZ_BEST_TEXT = {"none": "You have not taken this quiz yet.",
                  "passed": "Your best score: {best}% (passed)",
                  "failed": "Your best score: {best}% (not yet passed)"}


def quiz_progress_data(texts: dict[str, str]) -> dict[str, str]:
    """The sentences of a progress display, as its data attributes."""
    return {f"data-text-{state}": text for state, text in texts.items()}


# How a widget shows a contact (core.js `contactItem`, the finder's cards): `{name}`, `{phone}`,
# `{email}`, `{chat}` are filled in by the widget.
CONTACT_TEXT: dict[str, str] = {
    "call": "Call {name}",
    "call_label": "Call {name} on {phone}",
    "email": "Email",
    "email_label": "Email {name}",
    "chat": "Chat: {chat}",
    "web": "Web page",
    "web_label": "Web page of {name}",
    "no_way": "{name}: see the directory",
    "directory": "Directory entry",
    "directory_label": "Directory entry for {name}",
}

# Every sentence the decision tree widget (widgets/tree.js) shows. `{n}`, `{title}`, `{name}`,
# `{time}`, `{question}` are filled in by the widget.
TREE_TEXT: dict[str, str] = {
    **CONTACT_TEXT,
    "region": "Decision tree: {title}",
    "trail": "Your answers so far",
    "back": "Back",
    "restart": "Start over",
    "question": "Question {n}: ",
    "asked": "Question {n}: {question}",
    "joined": "{title}: a few more questions",
    "missing": "This step is missing from the handbook.",
    "respond": "{name}: respond within {time}",
    "call_now": "Call now",
    "acknowledge": "They acknowledge within {time}",
    "actions": "What to do first",
    "pathway": "Full pathway: {name}",
    "playbook": "Playbook: {title}",
    "use_playbook": "Use the playbook: {title}",
    "open_playbook": "Open the playbook: {title}",
    "outcome": "What to do",
    "see": "See: ",
}


def offline_text(built: date) -> dict[str, str]:
    """What the offline widget (widgets/offline.js) shows: the note once the handbook is kept on
    the device, and the prompt when a newer build is waiting."""
    return {"note": f"Available offline · updated {longdate(built)}",
            "prompt": "A newer version of the handbook is available\u00a0—",
            "reload": "Reload"}
