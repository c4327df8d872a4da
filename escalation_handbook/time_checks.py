"""The rules about time: regulator clocks and who can be reached when (part of the registry).

Registered in `checks.RULES` like every rule (`checks.py` imports this module); the docstring
of each is its documentation on the "Writing playbooks" page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .checks import Context, Finding, _suggest, rule
from .clocks import ResolvedClock, Resolver, Stage
from .folder import Document
from .model import Playbook
from .model.timing import shortest_offsets


def _resolved(ctx: Context) -> tuple[Resolver, list[tuple[Document[Playbook],
                                                          list[ResolvedClock]]]]:
    resolver = Resolver(ctx.handbook)
    per_playbook = [(pb, resolver.playbook_clocks(pb)) for pb in ctx.handbook.playbooks]
    list(resolver.handbook_clocks())  # their definition problems too
    return resolver, per_playbook


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
