"""Review stage: a handbook and a date → when each playbook and quiz is due for review.

Plain data only (no click, no mkdocs): the CLI (`handbook stale`), the site's review banners and
Review status page, and `review.json` all read the same ``ReviewRecord`` list.

Rules, for every playbook and quiz:

- due date = ``last_reviewed`` + ``review_every`` (or the handbook's ``review.every``), months
  added as people count them (31 August + 6 months = 28 February, 29 in a leap year);
- status ``ok`` before the warning window, ``due-soon`` from ``due − review.warn_before`` up to and
  including the due date, ``overdue`` from the day after the due date;
- ``days_overdue`` counts the days since the due date (0 unless overdue);
- a quiz whose playbook was reviewed after the quiz was keeps the status its own dates give it
  but is flagged ``possibly_outdated``, with the ids of those playbooks in ``outdated_by``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from ..folder import Document, Handbook
from ..model import Contact, Playbook, Quiz, Review
from ..model.durations import Duration

Kind = Literal["playbook", "quiz"]
Status = Literal["ok", "due-soon", "overdue"]
STATUSES: tuple[Status, ...] = ("overdue", "due-soon", "ok")  # most urgent first
# As the site shows each status (the static pages and the review widget read these).
STATUS_LABELS: dict[Status, str] = {"overdue": "Overdue", "due-soon": "Due soon", "ok": "OK"}


@dataclass(frozen=True)
class ReviewRecord:
    """When one playbook or quiz is due for review, and who reviews it."""

    id: str
    kind: Kind
    title: str
    path: str  # as shown in problems: relative to the handbook folder
    line: int  # the `last_reviewed` value's line (1-based), for annotations
    col: int
    owner_id: str | None  # None: a quiz whose first playbook did not load
    owner_name: str | None  # None when the owner is not in contacts.yaml
    owner_email: str | None
    owner_phone: str | None
    owner_chat: str | None
    last_reviewed: date
    review_every: str  # the interval as written, such as "6 months"
    due: date
    warn_from: date  # first day of the due-soon window
    status: Status
    days_overdue: int
    possibly_outdated: bool = False
    outdated_by: tuple[str, ...] = ()  # playbook ids reviewed after this quiz
    note: str = ""  # a sentence for people, "" when there is nothing to add

    @property
    def owner_reach(self) -> str | None:
        """One way to reach the owner: e-mail, else phone, else chat."""
        return self.owner_email or self.owner_phone or self.owner_chat

    @property
    def owner_label(self) -> str:
        """`Duty manager <duty-manager@example.com>`, `Duty manager (+44 …)`, or the bare id."""
        if self.owner_id is None:
            return "(no owner)"
        if self.owner_name is None:
            return f"{self.owner_id} (not in contacts)"
        if self.owner_email:
            return f"{self.owner_name} <{self.owner_email}>"
        reach = self.owner_reach
        return f"{self.owner_name} ({reach})" if reach else self.owner_name

    @property
    def warn_days(self) -> int:
        """Length of the due-soon window in days (for the browser banner's `data-warn-days`)."""
        return (self.due - self.warn_from).days

    @property
    def needs_review(self) -> bool:
        return self.status != "ok" or self.possibly_outdated


def months_before(day: date, months: int) -> date:
    """``day`` minus whole months, the day clamped to the target month (31 March − 1 = 28 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def warning_starts(due: date, warn_before: Duration) -> date:
    """The first day of the due-soon window: ``due − warn_before``."""
    if warn_before.unit in ("month", "year"):
        return months_before(due, warn_before.amount * (12 if warn_before.unit == "year" else 1))
    return due - timedelta(days=warn_before.minutes // (24 * 60))


def status_for(due: date, warn_before: Duration, today: date) -> Status:
    """`ok`, `due-soon` (from ``due − warn_before`` through ``due``), `overdue` after ``due``."""
    if today > due:
        return "overdue"
    if today >= warning_starts(due, warn_before):
        return "due-soon"
    return "ok"


def days_overdue(due: date, today: date) -> int:
    return max((today - due).days, 0)


def review_settings(handbook: Handbook) -> Review:
    """The handbook's `review:` settings, or the defaults when handbook.yaml did not load."""
    return handbook.settings.model.review if handbook.settings else Review()


def review_records(handbook: Handbook, today: date) -> list[ReviewRecord]:
    """One record per loaded playbook and quiz, sorted by due date, then path."""
    settings = review_settings(handbook)
    contacts = handbook.contact_index
    records = [
        _record(doc, "playbook", doc.model.owner, settings, contacts, today)
        for doc in handbook.playbooks
    ]
    for quiz in handbook.quizzes:
        record = _record(quiz, "quiz", handbook.quiz_owner(quiz.model), settings, contacts,
                         today)
        newer = newer_playbooks(handbook, quiz)
        if newer:
            record = _flag_outdated(record, newer)
        records.append(record)
    return sorted(records, key=lambda r: (r.due, r.path, r.id))


def counts(records: list[ReviewRecord]) -> dict[str, int]:
    """Records per status, most urgent first: ``{"overdue": 1, "due-soon": 0, "ok": 3}``."""
    return {s: sum(1 for r in records if r.status == s) for s in STATUSES}


def _record(
    doc: Document[Playbook] | Document[Quiz], kind: Kind, owner_id: str | None,
    settings: Review, contacts: dict[str, Contact], today: date,
) -> ReviewRecord:
    model = doc.model
    every = model.review_every or settings.every
    due = every.after(model.last_reviewed)
    line, col = doc.at("last_reviewed")
    contact = contacts.get(owner_id) if owner_id else None
    status = status_for(due, settings.warn_before, today)
    return ReviewRecord(
        id=doc.id, kind=kind, title=model.title, path=doc.path, line=line, col=col,
        owner_id=owner_id,
        owner_name=contact.name if contact else None,
        owner_email=contact.email if contact else None,
        owner_phone=contact.phone if contact else None,
        owner_chat=contact.chat if contact else None,
        last_reviewed=model.last_reviewed, review_every=str(every), due=due,
        warn_from=warning_starts(due, settings.warn_before), status=status,
        days_overdue=days_overdue(due, today) if status == "overdue" else 0,
    )


def newer_playbooks(handbook: Handbook, quiz: Document[Quiz]) -> list[Document[Playbook]]:
    """The quiz's playbooks (and its questions' playbooks) reviewed after the quiz was."""
    ids = list(dict.fromkeys(
        [*quiz.model.playbooks, *(q.playbook for q in quiz.model.questions if q.playbook)]
    ))
    found = (handbook.playbook(i) for i in ids)
    return [p for p in found if p and p.model.last_reviewed > quiz.model.last_reviewed]


def outdated_note(newer: list[Document[Playbook]], quiz_reviewed: date) -> str:
    """`possibly out of date: playbook x (2026-03-01) reviewed after this quiz (2026-01-15)`:
    the Review status page's and `handbook check`'s words."""
    which = ", ".join(f"{p.id} ({p.model.last_reviewed.isoformat()})" for p in newer)
    word = "playbook" if len(newer) == 1 else "playbooks"
    return (f"possibly out of date: {word} {which} reviewed after this quiz "
            f"({quiz_reviewed.isoformat()})")


def _flag_outdated(record: ReviewRecord, newer: list[Document[Playbook]]) -> ReviewRecord:
    return replace(record, possibly_outdated=True, outdated_by=tuple(p.id for p in newer),
                   note=outdated_note(newer, record.last_reviewed))
