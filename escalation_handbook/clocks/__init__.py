"""Regulator clocks resolved: a compliance item's `clock` (or `deadline`) → one plain clock.

A clock may `use:` a clock of handbook.yaml's `clocks` or of the shipped library
(`escalation_handbook/clocks/library.yaml`, read with the project's loader) and override its keys,
a stage by its id. What could not be resolved (an unknown `use`, a stage without `within`) is
returned as located findings for the checks; the clocks come back whole enough to render.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..folder import Document, Handbook
from ..load import Loc, load_file
from ..model import Playbook
from ..model.clocks import Clock, ClockLibrary
from ..model.timing import (
    START_EVENTS,
    Limit,
    StageRule,
    Within,
    from_duration,
    shortest_offsets,
)
from ..model.validation import validate

LIBRARY_FILE = Path(__file__).with_name("library.yaml")
DEADLINE = "deadline"  # the id of the one stage a `deadline:` makes


@functools.cache
def library() -> dict[str, Clock]:
    """The shipped clocks by id. The file is part of the package: a problem in it is a bug."""
    loaded = load_file(LIBRARY_FILE, "escalation_handbook/clocks/library.yaml", "")
    model = validate(loaded, ClockLibrary) if loaded.data is not None else None
    if model is None or loaded.problems:
        raise RuntimeError("; ".join(str(p) for p in loaded.problems))
    return {c.id: c for c in model.clocks if c.id}


Where = tuple[Document[Any], Loc]


@dataclass(frozen=True)
class Stage:
    id: str
    name: str
    within: Within | None
    since: str  # a start event, or "stage:<id>"
    cap: Limit | None
    notify: str | None
    template: str | None
    source: str | None
    legal: str | None
    where: Where  # where it was last written: the playbook, handbook.yaml, or the `use:`

    @property
    def rule(self) -> StageRule:
        within = self.within or Within(None, None, "without undue delay")
        return StageRule(self.id, Limit(within, self.since), self.cap)


@dataclass(frozen=True)
class ResolvedClock:
    key: str  # unique within its playbook: the clock's id, or `deadline`, numbered if repeated
    used: str | None  # the library or handbook clock it uses
    name: str
    obligation: str  # the compliance item's name
    start: str
    country: str | None
    source: str | None
    legal: str | None
    notes: str | None
    stages: tuple[Stage, ...]
    where: Where  # the compliance item's `clock` (or `deadline`)

    @property
    def rules(self) -> list[StageRule]:
        return [s.rule for s in self.stages]

    @property
    def business_days(self) -> bool:
        return any((s.within and s.within.counting == "business")
                   or (s.cap and s.cap.within.counting == "business") for s in self.stages)


@dataclass(frozen=True)
class Finding:
    code: str  # unknown-clock | clock-definition
    doc: Document[Any]
    loc: Loc
    message: str


@dataclass
class _Draft:
    values: dict[str, Any] = field(default_factory=dict)
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)

    def copy(self) -> _Draft:
        return _Draft(dict(self.values), {k: dict(v) for k, v in self.stages.items()})


class Resolver:
    """Resolves the clocks of one handbook; collects what it could not resolve."""

    def __init__(self, handbook: Handbook) -> None:
        self.hb = handbook
        self.findings: list[Finding] = []
        settings = handbook.settings
        self.own: dict[str, tuple[int, Clock]] = {}
        for i, clock in enumerate(settings.model.clocks if settings else []):
            if clock.id and clock.id not in self.own:
                self.own[clock.id] = (i, clock)

    def _named(self, name: str, seen: tuple[str, ...]) -> _Draft | None:
        if name in self.own and name not in seen:
            i, clock = self.own[name]
            return self._draft(clock, self.hb.settings, ("clocks", i), (*seen, name))
        if name in library():
            return self._draft(library()[name], None, (), (*seen, name))
        return None

    def _draft(self, clock: Clock, doc: Document[Any] | None, loc: Loc,
               seen: tuple[str, ...] = ()) -> _Draft:
        draft = _Draft()
        if clock.use:
            base = self._named(clock.use, seen)
            if base is None:
                draft.values["unknown_use"] = True
                if doc is not None:
                    known = sorted({*self.own, *library()})
                    hint = _suggest(clock.use, known)
                    self.findings.append(Finding(
                        "unknown-clock", doc, (*loc, "use"),
                        f"unknown clock '{clock.use}'{hint} (the library has: "
                        f"{', '.join(sorted(library()))}; handbook.yaml's 'clocks' may add "
                        "your own)"))
            else:
                draft = base.copy()
                if doc is not None:
                    for stage in draft.stages.values():
                        stage["where"] = (doc, (*loc, "use"))
        for key in clock.model_fields_set - {"id", "use", "stages"}:
            draft.values[key] = getattr(clock, key)
        if "use" in clock.model_fields_set and "used" not in draft.values:
            draft.values["used"] = clock.use
        for s, stage in enumerate(clock.stages):
            entry = draft.stages.setdefault(stage.id, {})
            for key in stage.model_fields_set - {"id"}:
                entry[key] = getattr(stage, key)
            entry["where"] = (doc, (*loc, "stages", s)) if doc is not None else entry.get(
                "where")
        return draft

    def playbook_clocks(self, doc: Document[Playbook]) -> list[ResolvedClock]:
        return self.clocks_of(doc.model, doc)

    def clocks_of(self, playbook: Playbook, doc: Document[Playbook] | None = None
                  ) -> list[ResolvedClock]:
        """The clocks of a playbook's compliance items, in order (``doc`` None: a playbook
        without its file, whose problems are not reported)."""
        found: list[ResolvedClock] = []
        keys: set[str] = set()
        for i, item in enumerate(playbook.compliance):
            loc: Loc = ("compliance", i)
            if item.clock is not None and item.deadline is not None and doc is not None:
                self.findings.append(Finding(
                    "clock-definition", doc, (*loc, "deadline"),
                    f"'{item.name}' has both 'deadline' and 'clock': keep the clock (a "
                    "deadline is a clock of one stage from becoming aware)"))
            if item.clock is not None:
                draft = self._draft(item.clock, doc, (*loc, "clock"))
                used = item.clock.use if item.clock.use else None
                key = item.clock.id or used or f"clock-{i + 1}"
                where: Where = (doc, (*loc, "clock"))  # type: ignore[assignment]
            elif item.deadline is not None:
                draft = _Draft({"start": "aware"}, {DEADLINE: {
                    "name": item.name, "within": from_duration(item.deadline),
                    "where": (doc, (*loc, "deadline"))}})
                key, used, where = DEADLINE, None, (doc, (*loc, "deadline"))  # type: ignore
            else:
                continue
            base, n = key, 2
            while key in keys:
                key, n = f"{base}-{n}", n + 1
            keys.add(key)
            found.append(self._finish(draft, key, used, item.name, where))
        return found

    def handbook_clocks(self) -> Iterator[tuple[int, Clock, ResolvedClock]]:
        """handbook.yaml's own clocks, each resolved (for their definition problems)."""
        settings = self.hb.settings
        for i, clock in enumerate(settings.model.clocks if settings else []):
            loc: Loc = ("clocks", i)
            draft = self._draft(clock, settings, loc, (clock.id,) if clock.id else ())
            yield i, clock, self._finish(draft, clock.id or f"clock-{i + 1}", clock.use,
                                         clock.name or "", (settings, loc))  # type: ignore[arg-type]

    def _finish(self, draft: _Draft, key: str, used: str | None, obligation: str,
                where: Where) -> ResolvedClock:
        values = draft.values
        start = values.get("start") or "aware"
        settings = self.hb.settings
        country = values.get("country") or (settings.model.country if settings else None)
        stages: list[Stage] = []
        for stage_id, entry in draft.stages.items():
            stage_where: Where = entry.get("where") or where
            name = entry.get("name")
            if not name:
                self._problem(stage_where, f"stage '{stage_id}' has no 'name': say what is "
                              "due, such as 'Early warning'")
            within = entry.get("within")
            if within is None:
                self._problem(stage_where, f"stage '{stage_id}' has no 'within': write the "
                              "time limit, such as '72 hours', '4 business days' or 'without "
                              "undue delay'")
            earlier = [s.id for s in stages]
            since = self._since(entry.get("since"), start, earlier, stage_id, stage_where)
            cap = entry.get("cap")
            cap_limit = None
            if cap is not None:
                cap_limit = Limit(cap.within, self._since(cap.since, start, earlier, stage_id,
                                                          stage_where))
            needs_country = any(w is not None and w.counting == "business"
                                for w in (within, cap.within if cap else None))
            if needs_country and not country:
                self._problem(stage_where, f"stage '{stage_id}' counts business days, which "
                              "skip a country's public holidays: set 'country' on the clock "
                              "or in handbook.yaml (such as 'country: GB')")
            stages.append(Stage(
                stage_id, name or stage_id, within, since, cap_limit, entry.get("notify"),
                entry.get("template"), entry.get("source"), entry.get("legal"), stage_where))
        if not stages and not values.get("unknown_use"):
            self._problem(where, f"the clock of '{obligation}' has no stages: add at least "
                          "one, with its 'within'" if obligation else "the clock has no stages")
        return ResolvedClock(
            key, values.get("used", used), values.get("name") or obligation, obligation, start,
            country,
            values.get("source"), values.get("legal"), values.get("notes"), tuple(stages),
            where)

    def _since(self, since: str | None, start: str, earlier: list[str], stage_id: str,
               where: Where) -> str:
        if since is None:
            return start
        if since in START_EVENTS:
            return since
        if since in earlier:
            return f"stage:{since}"
        self._problem(where, f"stage '{stage_id}' counts since '{since}', which is neither a "
                      f"start event ({', '.join(START_EVENTS)}) nor an earlier stage"
                      + (f" ({', '.join(earlier)})" if earlier else ""))
        return start

    def _problem(self, where: Where, message: str) -> None:
        doc, loc = where
        if doc is not None:  # the library's own problems are caught by its test
            self.findings.append(Finding("clock-definition", doc, loc, message))


def _suggest(name: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f": did you mean '{close[0]}'?" if close else ""


def playbook_clocks(handbook: Handbook, doc: Document[Playbook]) -> list[ResolvedClock]:
    """The clocks of a playbook's compliance items, in order (problems ignored: see checks)."""
    return Resolver(handbook).playbook_clocks(doc)


def library_clock(name: str, country: str | None = None) -> ResolvedClock:
    """A clock of the shipped library, resolved on its own (for tests and the reference)."""
    from ..folder import Handbook

    resolver = Resolver(Handbook(Path(".")))
    draft = resolver._named(name, ())
    if draft is None:
        raise KeyError(name)
    if country:
        draft.values["country"] = country
    return resolver._finish(draft, name, name, library()[name].name or name,
                            (None, ()))  # type: ignore[arg-type]


def stage_deadlines(clock: ResolvedClock) -> list[tuple[Stage, int]]:
    """Each stage with a fixed time and the least minutes after the clock starts it can fall
    due, every start event at once (for a countdown that starts at awareness)."""
    offsets = shortest_offsets(clock.rules)
    return [(s, m) for s in clock.stages if (m := offsets.get(s.id)) is not None]
