"""Value types of the handbook format: each checks the text an author wrote and says how to fix it.

Every scalar reaches the model as the text the author wrote (see ``load``), so these validators
see ``0800 123 456`` with its leading zero and ``09:00-17:30`` as written.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from . import durations, phones

# An id names a page file and its anchors: short enough for any file system and any URL.
MAX_ID_LENGTH = 64
# For JSON Schema (ECMA-262: `$` is the end of the text). Python's `$` also matches before a
# final newline, so the checker's own patterns end in `\Z`.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# Review dates and the durations added to them stay well inside Python's calendar (1 to 9999).
FIRST_YEAR, LAST_YEAR = 1900, 2999
# Prose is a paragraph or a short list, not a document: past this, link to the document.
MAX_PROSE_LENGTH = 5_000


class Empty:
    """What a key written with no value holds when the model reads it (see ``Strict``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "empty"


EMPTY = Empty()


def _text(value: Any, what: str) -> str:
    if value is EMPTY:
        raise PydanticCustomError("empty_value", "{what} is empty", {"what": what})
    if isinstance(value, (dict, list)) or value is None:
        kind = ("a mapping" if isinstance(value, dict) else "a list" if isinstance(value, list)
                else "empty")
        raise PydanticCustomError("wrong_type", f"{what} must be a single value, not {kind}")
    return str(value).strip()


def is_id(text: str) -> bool:
    return len(text) <= MAX_ID_LENGTH and ID_RE.match(text) is not None


# Every valid id met, as the one text object all its uses share: the next use of an id is
# looked up, not matched again, and rules comparing ids compare one object, not copies spread
# over memory (a 1,000-playbook handbook names its contacts tens of thousands of times).
# Emptied when full: a long `handbook serve` meets ids that are gone.
_KNOWN_IDS: dict[str, str] = {}
_KNOWN_IDS_MAX = 100_000


def _id(value: Any) -> str:
    if type(value) is str:  # nearly every id: skip the slow path
        known = _KNOWN_IDS.get(value)
        if known is not None:
            return known
        if is_id(value):
            if len(_KNOWN_IDS) >= _KNOWN_IDS_MAX:
                _KNOWN_IDS.clear()
            _KNOWN_IDS[value] = value
            return value
    text = _text(value, "an id")
    if not text:
        raise PydanticCustomError(
            "invalid_id", "the id is empty: write one (lowercase letters, digits and '-')",
        )
    if len(text) > MAX_ID_LENGTH:
        raise PydanticCustomError(
            "invalid_id", "the id is {length} characters long; the limit is {limit}: "
            "shorten it", {"length": len(text), "limit": MAX_ID_LENGTH},
        )
    if not ID_RE.match(text):
        suggestion = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        hint = f" (such as '{suggestion}')" if suggestion and is_id(suggestion) else ""
        raise PydanticCustomError(
            "invalid_id",
            "'{text}' is not a valid id: use lowercase letters, digits and '-'{hint}",
            {"text": text, "hint": hint},
        )
    return text


def _duration(value: Any) -> durations.Duration:
    if isinstance(value, durations.Duration):
        return value
    text = _text(value, "a duration")
    try:
        return durations.parse(text)
    except durations.DurationError as error:
        raise PydanticCustomError("invalid_duration", str(error)) from None


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    text = _text(value, "a date")
    if not _DATE.match(text):
        raise PydanticCustomError(
            "invalid_date",
            "'{text}' is not a date: write it as YYYY-MM-DD, such as 2026-09-14",
            {"text": text},
        )
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError(
            "invalid_date", "'{text}' is not a date in the calendar: check the day and month",
            {"text": text},
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise PydanticCustomError(
            "invalid_date", "'{text}' is not a year from {first} to {last}: check the year",
            {"text": text, "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return day


# YAML 1.2 (what editors and the JSON Schemas read) takes only these for true and false;
# YAML 1.1 readers also take yes/no/on/off/y/n, which 1.2 reads as text: written true/false,
# every reader agrees.
_TRUE, _FALSE = ("true", "True", "TRUE"), ("false", "False", "FALSE")
YAML11_BOOLS = frozenset(("yes", "no", "on", "off", "y", "n"))


def _bool(value: Any) -> bool:
    if type(value) is bool:
        return value
    if value is EMPTY:
        raise PydanticCustomError("empty_value", "empty")
    if not isinstance(value, str):
        raise PydanticCustomError("bool_type", "must be true or false")
    text = value.strip()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise PydanticCustomError("bool_parsing", "must be true or false")


class PhoneNumber(str):
    """A phone number as written, carrying the `tel:` link that dials it."""

    tel: str

    def __new__(cls, text: str, tel: str) -> PhoneNumber:
        number = super().__new__(cls, text)
        number.tel = tel
        return number


def _phone(value: Any, info: ValidationInfo) -> str:
    text = _text(value, "a phone number")
    region = (info.context or {}).get(phones.REGION) or phones.DEFAULT_REGION
    try:
        tel = phones.dial(text, region)
    except phones.PhoneError as error:
        raise PydanticCustomError("invalid_phone", "{why}", {"why": str(error)}) from None
    return PhoneNumber(text, tel)


def _region(value: Any) -> str:
    text = _text(value, "a region")
    if not phones.is_region(text):
        hint = " (the United Kingdom is 'GB')" if text.upper() == "UK" else ""
        raise PydanticCustomError(
            "invalid_value", "'{text}' is not a region code: write the two capital letters of "
            "the country (ISO 3166), such as 'GB', 'IE' or 'US'{hint}",
            {"text": text, "hint": hint})
    return text


# The domains of addresses found valid. Checking the domain is most of `validate_email`'s
# work, and a handbook's contacts share a few domains: the next address at one of them whose
# local part is plain (letters, digits, `_`, `+`, `-`, single dots; within the length limits)
# is valid without a second look.
_VALID_DOMAINS: set[str] = set()
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*\Z")


def _email(value: Any) -> str:
    text = _text(value, "an e-mail address")
    local, at, domain = text.rpartition("@")
    plain = (at == "@" and len(local) <= 64 and len(text) <= 254
             and _PLAIN_LOCAL.match(local) is not None)
    if plain and domain in _VALID_DOMAINS:
        return text
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        raise PydanticCustomError(
            "invalid_email", "'{text}' is not an e-mail address: {why}",
            {"text": text, "why": _lower_first(str(error).rstrip("."))},
        ) from None
    if plain and len(_VALID_DOMAINS) < 10_000:
        _VALID_DOMAINS.add(domain)
    return text


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def is_web_url(text: str) -> bool:
    """A full http:// or https:// address: nothing a browser would run (``javascript:``)."""
    parts = urlsplit(text)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and " " not in text


def _url(value: Any) -> str:
    text = _text(value, "a URL")
    if not is_web_url(text):
        raise PydanticCustomError(
            "invalid_url",
            "'{text}' is not a web address: write a full http:// or https:// URL",
            {"text": text},
        )
    return text


def _id_schema(what: str, example: str) -> dict[str, Any]:
    return {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH,
            "description": f"{what}: lowercase letters, digits and '-'.", "examples": [example]}


# An id, and ids that name something of their kind (the schema says which, with an example).
Id = Annotated[str, PlainValidator(_id), WithJsonSchema(_id_schema("An id", "data-breach"))]
ContactId = Annotated[str, PlainValidator(_id), WithJsonSchema(
    _id_schema("The id of a contact in contacts.yaml", "duty-manager"))]
SeverityId = Annotated[str, PlainValidator(_id), WithJsonSchema(
    _id_schema("The id of a severity in handbook.yaml", "sev1"))]
PathwayId = Annotated[str, PlainValidator(_id), WithJsonSchema(
    _id_schema("The id of a pathway of this playbook", "security-escalation"))]
TriggerId = Annotated[str, PlainValidator(_id), WithJsonSchema(
    _id_schema("The id of a trigger of this playbook", "exposed-records"))]
PlaybookId = Annotated[str, PlainValidator(_id), WithJsonSchema(
    _id_schema("The id of a playbook: its file name, unless it sets id:", "data-breach"))]
NodeId = Annotated[str, PlainValidator(_id), WithJsonSchema(
    _id_schema("The id of a node of this tree", "personal-data"))]
Duration = Annotated[
    durations.Duration,
    PlainValidator(_duration),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": durations.PATTERN, "examples": durations.EXAMPLES}
    ),
]
Date = Annotated[
    date,
    PlainValidator(_date),
    PlainSerializer(date.isoformat, return_type=str),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2026-09-14"]}),
]
Bool = Annotated[
    bool,
    PlainValidator(_bool),
    WithJsonSchema({"type": "boolean"}),
]
Phone = Annotated[
    str,
    PlainValidator(_phone),
    WithJsonSchema({"type": "string", "pattern": phones.PATTERN,
                    "examples": ["+44 20 7946 0101", "020 7946 0101",
                                 "+44 20 7946 0100 ext. 2222", "999"]}),
]
Region = Annotated[
    str,
    PlainValidator(_region),
    WithJsonSchema({"type": "string", "enum": phones.regions(), "examples": ["GB"]}),
]
Email = Annotated[
    str,
    PlainValidator(_email),
    WithJsonSchema({"type": "string", "format": "email"}),
]
Url = Annotated[
    str,
    PlainValidator(_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]

class ProseMark:
    """Marks a prose field's type, so the checks can find every prose text (``model.prose``)."""


PROSE = ProseMark()
# Markdown emphasis, lists and links (http, https, mailto, tel, relative) allowed; everything
# else is shown as text.
Prose = Annotated[str, StringConstraints(max_length=MAX_PROSE_LENGTH), PROSE]
