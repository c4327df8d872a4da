"""The rules about time: regulator clocks and who can be reached when (part of the registry).

Registered in `checks.RULES` like every rule (`checks.py` imports this module); the docstring
of each is its documentation on the "Writing playbooks" page.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from .checks import Context, Finding, PathwayUse, _suggest, check, rule
from .clocks import ResolvedClock, Resolver, Stage
from .folder import Document, Handbook
from .model import Playbook, Trigger
from .model.hours import EXAMPLE as HOURS_EXAMPLE
from .model.hours import parse as parse_hours
from .model.hours import window_text
from .model.timing import shortest_offsets
from .problems import Problem

TIME_CODES = ("invalid-hours", "unknown-clock", "clock-definition", "unknown-template",
              "clock-not-met", "unused-clock", "out-of-hours", "single-point-of-failure",
              "too-slow", "unused-contact", "hours-free-text", "hours-country")


def time_findings(handbook: Handbook, today: date, paths: set[str] | None = None
                  ) -> list[Problem]:
    """What the rules about time find (with the unreadable hours), for `handbook stale`;
    only in ``paths`` when given."""
    return [p for p in check(handbook, today) if p.code in TIME_CODES
            and (paths is None or p.path in paths)]


def _resolved(ctx: Context) -> tuple[Resolver, list[tuple[Document[Playbook],
                                                          list[ResolvedClock]]]]:
    # four rules read the same resolution: made once, kept with the handbook it describes
    kept = vars(ctx.handbook).get("_resolved_clocks")
    if kept is None:
        resolver = Resolver(ctx.handbook)
        per_playbook = [(pb, resolver.playbook_clocks(pb)) for pb in ctx.handbook.playbooks]
        list(resolver.handbook_clocks())  # their definition problems too
        kept = vars(ctx.handbook)["_resolved_clocks"] = (resolver, per_playbook)
    return kept


def _at(stage: Stage, pb: Document[Playbook], clock: ResolvedClock) -> tuple[Any, Any]:
    """Where to report a stage in ``pb``: where the playbook writes it, else its clock."""
    doc, loc = stage.where
    return (doc, loc) if doc is pb else clock.where


@rule("unknown-clock")
def unknown_clocks(ctx: Context) -> Iterator[Finding]:
    """A clock's `use:` must name a clock of the shipped library (`gdpr-art-33`,
    `gdpr-art-34`, `nis2`, `dora`, `sec-8k`, `hipaa`, `riddor`, `riddor-over-7-day`,
    `eu-whistleblowing`) or one of handbook.yaml's `clocks`."""
    resolver, _ = _resolved(ctx)
    for found in resolver.findings:
        if found.code == "unknown-clock":
            yield Finding(found.doc, found.loc, found.message)


@rule("clock-definition")
def clock_definitions(ctx: Context) -> Iterator[Finding]:
    """Every stage of a clock (written, or taken from the library) needs a `name` and a
    `within`; `since` (and a cap's `since`) names a start event or an earlier stage; business
    days need a `country` (on the clock or in handbook.yaml); an obligation has a `deadline`
    or a `clock`, not both."""
    resolver, _ = _resolved(ctx)
    seen: set[tuple[str, int, int, str]] = set()
    for found in resolver.findings:
        if found.code != "clock-definition":
            continue
        line, col = found.doc.at(*found.loc)
        key = (found.doc.path, line, col, found.message)
        if key not in seen:  # a handbook clock used by several playbooks is reported once
            seen.add(key)
            yield Finding(found.doc, found.loc, found.message)


@rule("unknown-template")
def unknown_templates(ctx: Context) -> Iterator[Finding]:
    """A clock stage's `template` must be the `id` of one of the playbook's
    `communications`."""
    _, per_playbook = _resolved(ctx)
    for pb, clocks in per_playbook:
        known = [c.id for c in pb.model.communications if c.id]
        for clock in clocks:
            for stage in clock.stages:
                if stage.template and stage.template not in known:
                    doc, loc = _at(stage, pb, clock)
                    listing = (f"this playbook's communications with an id: {', '.join(known)}"
                               if known else "give the communication an 'id:' first")
                    yield Finding(doc, (*loc, "template") if doc is pb and loc[-1] != "use"
                                  else loc, f"unknown template '{stage.template}'"
                                  f"{_suggest(stage.template, known)} ({listing})")


def _reaches(pb: Playbook, contact_id: str) -> list[tuple[int, str, int]]:
    """(minutes after raising, pathway id, step number) of each step that calls the contact."""
    return sorted((step.after.minutes if step.after else 0, pathway.id, s + 1)
                  for pathway in pb.pathways for s, step in enumerate(pathway.steps)
                  if contact_id in step.contacts)


def _minutes(minutes: int) -> str:
    if minutes % 1440 == 0 and minutes >= 2 * 1440:
        return f"{minutes // 1440} days"
    if minutes % 60 == 0:
        return f"{minutes // 60} hour{'s' if minutes != 60 else ''}"
    return f"{minutes} minutes"


@rule("clock-not-met")
def clocks_not_met(ctx: Context) -> Iterator[Finding]:
    """A clock stage's `notify` contact must be called by a step of one of the playbook's
    pathways no later than the stage can fall due, counting the steps' `after` times from
    the moment the clock starts (business days count as calendar days, a month as 28 days:
    the shortest they can be). A stage "without undue delay" has no fixed time and is not
    checked."""
    _, per_playbook = _resolved(ctx)
    known = ctx.handbook.contact_index
    for pb, clocks in per_playbook:
        for clock in clocks:
            offsets = shortest_offsets(clock.rules)
            for stage in clock.stages:
                due = offsets.get(stage.id)
                if not stage.notify or stage.notify not in known or due is None:
                    continue
                steps = _reaches(pb.model, stage.notify)
                if steps and steps[0][0] <= due:
                    continue
                doc, loc = _at(stage, pb, clock)
                loc = (*loc, "notify") if doc is pb and loc[-1] != "use" else loc
                if steps:
                    after, pathway, number = steps[0]
                    found = (f"the first step that calls it (step {number} of '{pathway}') "
                             f"comes after {_minutes(after)}")
                else:
                    found = "no step of this playbook's pathways calls it"
                yield Finding(doc, loc, f"stage '{stage.id}' of clock '{clock.key}' must "
                              f"reach '{stage.notify}' within {_minutes(due)}, but {found}: "
                              f"add '{stage.notify}' to a step whose 'after' is at most "
                              f"{_minutes(due)}")


@rule("unused-clock", "warning")
def unused_clocks(ctx: Context) -> Iterator[Finding]:
    """A clock in handbook.yaml's `clocks` that no playbook (nor another clock) `use`s is
    never shown: use it in a compliance item's `clock`, or remove it."""
    settings = ctx.handbook.settings
    if settings is None:
        return
    used = {c.use for c in settings.model.clocks if c.use}
    for pb in ctx.handbook.playbooks:
        used |= {item.clock.use for item in pb.model.compliance if item.clock and item.clock.use}
    for i, clock in enumerate(settings.model.clocks):
        if clock.id and clock.id not in used:
            yield Finding(settings, ("clocks", i, "id"), f"clock '{clock.id}' is never used: "
                          f"name it in a playbook's compliance item ('clock: {{use: "
                          f"{clock.id}}}'), or remove it")


# --- working hours and coverage -------------------------------------------------------------


def _severe(ctx: Context, worst: int) -> set[str]:
    """The ids of the ``worst`` most severe levels."""
    settings = ctx.handbook.settings
    return {s.id for s in settings.model.severities[:worst]} if settings else set()


def _ranked_pathways(ctx: Context, severe: set[str]) -> Iterator[PathwayUse]:
    """Each pathway with steps that a trigger of a ``severe`` level uses."""
    if ctx.handbook.settings is None or ctx.handbook.contacts_file is None:
        return  # without the contacts, nothing can be said about who is on duty
    for use in ctx.pathway_uses:
        if use.pathway.steps and not use.severities.isdisjoint(severe):
            yield use


def _labels(triggers: list[Trigger], severe: set[str]) -> str:
    return "/".join(dict.fromkeys(t.severity.upper() for t in triggers if t.severity in severe))


@rule("out-of-hours")
def out_of_hours(ctx: Context) -> Iterator[Finding]:
    """For every pathway a trigger of the two most severe levels (SEV1, SEV2) uses, at every
    hour of the week someone in its first step, or one of their backups (and theirs), is on
    duty by their `hours` (read in handbook.yaml's `time_zone`); on a public holiday too, for
    contacts with `public holidays off`. The message names the first window nobody covers.
    Contacts whose hours are free text or missing count as reachable."""
    cover = ctx.coverage
    severe = _severe(ctx, 2)
    for pb, p, pathway, triggers, _ in _ranked_pathways(ctx, severe):
        step = pathway.steps[0]
        loc = ("pathways", p, "steps", 0, "contacts")
        if not step.contacts:
            continue  # reported by pathway-steps
        found = cover.gaps(step.contacts)
        holiday = "" if found else "on a public holiday, "
        if not found and cover.any_holidays_off:
            found = cover.gaps(step.contacts, holiday=True)
        if not found:
            continue
        more = f" (and {len(found) - 1} more window{'s' if len(found) > 2 else ''})" \
            if len(found) > 1 else ""
        first = window_text(*found[0])
        yield Finding(pb, loc, f"{holiday}{first}{more}: nobody in step 1 of {pathway.id} or "
                      f"their backups is on duty, and {_labels(triggers, severe)} triggers use it:"
                      " add a contact or a backup whose hours cover it")


@rule("single-point-of-failure", "warning")
def single_points_of_failure(ctx: Context) -> Iterator[Finding]:
    """On a pathway that a trigger of the most severe level uses, every contact (but
    outside organisations, `type: external`) needs a `backup`; and from step 2 on (step 1 is
    held to `out-of-hours`), following the backups must reach someone on duty at every hour of
    the week, not loop among people who are all off duty or end at one."""
    cover = ctx.coverage
    known = ctx.handbook.contact_index
    # a pathway's contacts are a few of the handbook's, met again and again: each looked at once
    held: dict[str, str] = {}  # contact id → "skip" (unknown, external), "no backup", "backup"

    def held_as(contact_id: str) -> str:
        contact = known.get(contact_id)
        return ("skip" if contact is None or contact.type == "external"
                else "backup" if contact.backup else "no backup")

    for pb, p, pathway, _, _ in _ranked_pathways(ctx, _severe(ctx, 1)):
        for s, step in enumerate(pathway.steps):
            for c, contact_id in enumerate(step.contacts):
                how_held = held.get(contact_id) or held.setdefault(contact_id, held_as(contact_id))
                if how_held == "skip" or (s == 0 and how_held == "backup"):
                    continue
                loc = ("pathways", p, "steps", s, "contacts", c)
                if how_held == "no backup":
                    yield Finding(pb, loc, f"'{contact_id}' on {pathway.id} has no backup: "
                                  "give it a 'backup' in contacts.yaml, so the step does not "
                                  "stop when nobody answers")
                    continue
                found = cover.gaps([contact_id])
                if found:
                    ids, loops_to = cover.chain(contact_id)
                    path = " → ".join([*ids, loops_to] if loops_to else ids)
                    how = "loops" if loops_to else "ends"
                    yield Finding(pb, loc, f"the backup chain of '{contact_id}' ({path}) {how} "
                                  f"with nobody on duty {window_text(*found[0])}: add a "
                                  "backup whose hours cover it")


@rule("too-slow")
def too_slow(ctx: Context) -> Iterator[Finding]:
    """The first step's `acknowledge_within` is no longer than the `respond_within` of the
    most severe trigger that uses the pathway: the first answer must come in time."""
    settings = ctx.handbook.settings
    if settings is None:
        return
    rank = {s.id: i for i, s in enumerate(settings.model.severities)}  # the last of repeats
    for pb, p, pathway, users, severities in ctx.pathway_uses:
        ack = pathway.steps[0].acknowledge_within if pathway.steps else None
        ranked = [rank[s] for s in severities if s in rank]
        if not ranked or ack is None:
            continue
        level = settings.model.severities[min(ranked)]
        if level.respond_within < ack:
            worst = next(t for t in users if t.severity == level.id)  # the first of them
            yield Finding(pb, ("pathways", p, "steps", 0, "acknowledge_within"),
                          f"step 1 of {pathway.id} gives {ack} to acknowledge, but "
                          f"trigger '{worst.id}' is {level.label}, answered within "
                          f"{level.respond_within}: make acknowledge_within at most "
                          f"{level.respond_within}")


@rule("unused-contact", "warning")
def unused_contacts(ctx: Context) -> Iterator[Finding]:
    """A contact nobody points at (no pathway step, owner, backup, key or emergency contact,
    tree answer's `call:` or clock stage's `notify`) is never shown where it helps: use it,
    or remove it."""
    hb = ctx.handbook
    if hb.contacts_file is None:
        return
    used = {contact_id for _, _, contact_id in ctx.contact_references}
    for i, contact in enumerate(hb.contacts_file.model.contacts):
        if contact.id not in used:
            yield Finding(hb.contacts_file, ("contacts", i, "id"),
                          f"contact '{contact.id}' is not used: name it in a pathway step, as "
                          "a backup or an owner, or remove it")


@rule("hours-free-text", "warning")
def hours_free_text(ctx: Context) -> Iterator[Finding]:
    """A contact's `hours` that are not `24/7` or days and times (such as `Mon-Fri
    08:00-18:00 Europe/London`) are shown as written, but coverage cannot be checked."""
    hb = ctx.handbook
    for i, contact in enumerate(hb.contacts_file.model.contacts if hb.contacts_file else []):
        if contact.hours and not parse_hours(contact.hours).checkable:
            yield Finding(hb.contacts_file, ("contacts", i, "hours"),  # type: ignore[arg-type]
                          f"the hours of '{contact.id}' ('{contact.hours}') are not days and "
                          "times, so nobody can check they cover the pathways: write '24/7' "
                          f"or days, times and a time zone, such as '{HOURS_EXAMPLE}' (put "
                          "the rest in 'notes')")


@rule("hours-country")
def hours_country(ctx: Context) -> Iterator[Finding]:
    """Hours with `public holidays off` need to know whose holidays: set `country` in
    handbook.yaml (such as `country: GB-ENG`)."""
    hb = ctx.handbook
    if hb.settings is None or hb.settings.model.country:
        return
    for i, contact in enumerate(hb.contacts_file.model.contacts if hb.contacts_file else []):
        if contact.hours and parse_hours(contact.hours).holidays_off:
            yield Finding(hb.contacts_file, ("contacts", i, "hours"),  # type: ignore[arg-type]
                          f"the hours of '{contact.id}' are off on public holidays, but "
                          "handbook.yaml names no 'country' whose holidays they are: add one, "
                          "such as 'country: GB-ENG'")
