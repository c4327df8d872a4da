"""Regulator clocks as the author writes them: what starts a clock and its stages.

A clock is written in full, or names a clock of the shipped library (or of handbook.yaml's
`clocks`) with `use:` and overrides some of its keys; `escalation_handbook/clocks/` resolves
that into one plain clock. The arithmetic is `timing` (pure).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from . import hours, timing
from .values import Id, Prose, Url


def _within(value: Any) -> timing.Within:
    if isinstance(value, timing.Within):
        return value
    if isinstance(value, (dict, list)) or value is None:
        raise PydanticCustomError("wrong_type", "a time limit must be a single value")
    try:
        return timing.parse_within(str(value))
    except timing.WithinError as error:
        raise PydanticCustomError("invalid_duration", str(error)) from None


def _country(value: Any) -> str:
    text = str(value).strip() if not isinstance(value, (dict, list)) and value is not None else ""
    why = timing.country_error(text)
    if why:
        raise PydanticCustomError("invalid_value", why)
    return text


def _time_zone(value: Any) -> str:
    text = str(value).strip() if not isinstance(value, (dict, list)) and value is not None else ""
    if not zone_error(text):
        return text
    raise PydanticCustomError("invalid_value", zone_error(text) or "")


def zone_error(text: str) -> str | None:
    """Why ``text`` is no IANA time zone (None: it is one)."""
    try:
        if "/" in text or text == "UTC":
            ZoneInfo(text)
            return None
    except (ZoneInfoNotFoundError, ValueError):
        pass
    return (f"'{text}' is not a time zone: write an IANA name, such as 'Europe/London' or "
            "'America/New_York'")


def _hours(value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        raise PydanticCustomError("wrong_type", "working hours must be a single value")
    text = str(value).strip()
    why = hours.validate(text)
    if why:
        raise PydanticCustomError("invalid_hours", why)
    return text


WorkingHours = Annotated[
    str,
    PlainValidator(_hours),
    WithJsonSchema({"type": "string", "examples": ["24/7", hours.EXAMPLE,
                                                   "Mon-Fri 09:00-17:30; public holidays off"]}),
]
Within = Annotated[
    timing.Within,
    PlainValidator(_within),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "examples": timing.EXAMPLES}),
]
Country = Annotated[
    str,
    PlainValidator(_country),
    WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}(-[A-Z0-9]{1,3})?$",
                    "examples": ["GB", "GB-ENG", "US"]}),
]
TimeZone = Annotated[
    str,
    PlainValidator(_time_zone),
    WithJsonSchema({"type": "string", "examples": ["Europe/London"]}),
]
StartEvent = Literal["aware", "classified-major", "materiality-decision", "discovery",
                     "report-received", "accident"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Cap(_Strict):
    within: Within = Field(description="The second limit, such as `24 hours`.")
    since: Id | None = Field(
        None, description="What the second limit counts from: a start event or an earlier "
        "stage's id; by default the clock's `start`.")


class Stage(_Strict):
    id: Id = Field(description="Unique within the clock; a playbook overrides a library "
                   "clock's stage by naming its id.")
    name: str | None = Field(None, description="What is due, such as `Early warning to the "
                             "CSIRT`.")
    within: Within | None = Field(
        None, description="The time limit: a duration (`72 hours`, `1 month`), business days "
        "(`4 business days`, skipping weekends and the `country`'s public holidays) or "
        "`without undue delay`.")
    since: Id | None = Field(
        None, description="What `within` counts from: by default the clock's `start`; another "
        "start event (`aware`, `classified-major`, `materiality-decision`, `discovery`, "
        "`report-received`, `accident`) or the id of an earlier stage.")
    cap: Cap | None = Field(
        None, description="A second limit; the earlier of the two applies (DORA: 4 hours "
        "from classification, at the latest 24 hours from awareness).")
    notify: Id | None = Field(None, description="The contact who must hear by then, such as "
                              "the regulator.")
    template: Id | None = Field(
        None, description="The `id` of the playbook's communication to send.")
    source: str | None = Field(None, description="The article that sets this limit, such as "
                               "`Article 23(4)(b)`.")
    legal: Url | None = Field(None, description="A link to the legal text of this stage.")


class Clock(_Strict):
    id: Id | None = Field(None, description="In handbook.yaml's `clocks`: the name playbooks "
                          "`use`.")
    use: Id | None = Field(
        None, description="A clock of the shipped library (such as `gdpr-art-33`, `nis2`, "
        "`dora`, `sec-8k`) or of handbook.yaml's `clocks`; the keys written here override "
        "its own, and each stage overrides the stage of the same id.")
    name: str | None = Field(None, description="The clock's name, such as `NIS2 incident "
                             "reporting`.")
    start: StartEvent | None = Field(
        None, description="What starts it: `aware` (the default), `classified-major`, "
        "`materiality-decision`, `discovery`, `report-received` or `accident`.")
    country: Country | None = Field(
        None, description="Whose public holidays business days skip (ISO 3166, such as `GB`, "
        "`GB-ENG`, `US`); by default the handbook's `country`.")
    source: str | None = Field(None, description="The article it comes from, such as "
                               "`Regulation (EU) 2016/679, Article 33(1)`.")
    legal: Url | None = Field(None, description="A link to the legal text.")
    notes: Prose | None = Field(None, description="Anything else the person keeping time "
                                "should know.")
    stages: list[Stage] = Field(default_factory=list, description="What is due, in order.")


class ClockLibrary(_Strict):
    """`escalation_handbook/clocks/library.yaml`: the clocks shipped with the tool."""

    clocks: list[Clock] = Field(description="The library.")
