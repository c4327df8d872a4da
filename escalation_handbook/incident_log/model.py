"""The incident log file: its shape (the shipped JSON Schema is generated from these models),
its versions, and reading one with a clear message for anything that is not a log.

Version 2 (what the log page writes) carries the plan the incident followed, so a review can
tell what the playbook said then from what it says now. Version 1 is a log without its plan
and contacts: it is read with the plan of the playbook as it is now.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .text import EVENTS, parse_stamp

FORMAT = "escalation-handbook/incident-log"
VERSION = 2
VERSIONS = (1, 2)
SCHEMA_ID = "incident-log.schema.json"

Stamp = str  # `2026-12-02T14:05:00+01:00`, checked by `_stamp`


def _stamp(value: str | None) -> str | None:
    if value is not None:
        try:
            parse_stamp(value)
        except ValueError:
            raise ValueError(
                f"'{value}' is not a time: write it as 2026-12-02T14:05:00+01:00") from None
    return value


class Part(BaseModel):
    model_config = ConfigDict(extra="allow")  # a newer page may add keys: keep them


class Named(Part):
    id: str
    name: str | None = None
    title: str | None = None


class SeverityRef(Part):
    id: str
    label: str = Field(description="As badges show it, such as `SEV1`.")
    name: str = ""


class LogContact(Part):
    id: str
    name: str
    phone: str | None = None
    tel: str | None = None
    email: str | None = None
    mailto: str | None = None
    chat: str | None = None
    chat_url: str | None = None


class PlanStep(Part):
    step: int = Field(ge=1)
    after: str | None = None
    after_minutes: int = Field(ge=0)
    acknowledge_within: str | None = None
    acknowledge_minutes: int | None = None
    contacts: list[str]


class Deadline(Part):
    id: str
    kind: str = Field(description="respond, step, acknowledge, obligation or clock.")
    label: str
    minutes: int = Field(ge=0, description="Minutes after becoming aware.")
    warn_minutes: int = Field(0, ge=0, description="It turns amber this long before.")
    step: int | None = None
    obligation: str | None = None


class PlanMessage(Part):
    id: str
    when: str
    audience: str
    channel: str
    owner: str | None = None
    template: str | None = None


class Plan(Part):
    pathway: Named
    steps: list[PlanStep]
    deadlines: list[Deadline]
    obligations: list[Named] = Field(default_factory=list)
    communications: list[PlanMessage] = Field(default_factory=list)


EventKind = Literal[tuple(EVENTS)]  # type: ignore[valid-type]


class Event(Part):
    id: str
    at: Stamp = Field(description="When it happened (editable), with its UTC offset.")
    kind: EventKind = Field(description="What happened: " + ", ".join(EVENTS) + ".")
    step: int | None = Field(None, description="The pathway step it belongs to.")
    contact: str | None = Field(None, description="A contact id of the plan.")
    obligation: str | None = None
    communication: str | None = None
    severity: str | None = Field(None, description="severity_changed: the new severity id.")
    text: str | None = Field(None, description="A note, or the message as sent.")
    recorded_at: Stamp | None = None
    edited_at: Stamp | None = None

    _at = field_validator("at", "recorded_at", "edited_at")(_stamp)


class IncidentLog(Part):
    """An incident log, as the log page exports it and `handbook log summary` reads it."""

    format: Literal["escalation-handbook/incident-log"] = Field(
        description="Always `escalation-handbook/incident-log`.")
    version: Literal[1, 2] = Field(description="The version of this shape; the page writes 2.")
    id: str
    handbook: str | None = Field(None, description="The handbook's title.")
    playbook: Named
    trigger: Named | None = None
    severity: SeverityRef = Field(description="The severity when the log started.")
    severities: dict[str, SeverityRef] = Field(
        default_factory=dict, description="Severity levels by id, for severity changes.")
    aware_at: Stamp = Field(description="When we became aware: the clocks start here.")
    started_at: Stamp
    closed_at: Stamp | None = None
    exported_at: Stamp | None = None
    plan: Plan | None = Field(None, description="Version 2: what the playbook said then.")
    contacts: dict[str, LogContact] = Field(default_factory=dict)
    events: list[Event] = Field(default_factory=list)

    _times = field_validator("aware_at", "started_at", "closed_at", "exported_at")(_stamp)


class LogError(ValueError):
    """Not a log this version can read; the message says what is wrong."""


def read_log(text: str) -> IncidentLog:
    """A log from its JSON, or `LogError` with one sentence on what is wrong."""
    try:
        data: Any = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise LogError(f"not JSON ({error.msg} at line {error.lineno} column {error.colno})"
                       if isinstance(error, json.JSONDecodeError) else "not UTF-8 text") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LogError(f"not an incident log: it has no \"format\": \"{FORMAT}\"")
    if data.get("version") not in VERSIONS:
        raise LogError(
            f"version {data.get('version')!r} is not one this handbook reads "
            f"({', '.join(map(str, VERSIONS))}): update escalation-handbook")
    try:
        log = IncidentLog.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the log"
        raise LogError(f"{where}: {first['msg'].removeprefix('Value error, ')}") from None
    if log.version >= 2 and log.plan is None:
        raise LogError("plan: a version 2 log carries its plan")
    return log


def log_schema() -> dict[str, Any]:
    schema = IncidentLog.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            **schema, "title": "Escalation Handbook: incident log"}
