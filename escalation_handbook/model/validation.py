"""Plain data → model objects, with every validation error turned into a located Problem."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..load import LoadedFile, Loc
from ..problems import LOAD_CODES, REPEAT_LIMIT, Problem, more_like_these
from .annotations import item_type, model_class, unwrap
from .values import EMPTY, YAML11_BOOLS

M = TypeVar("M", bound=BaseModel)

_CODES = {
    "missing": "missing-key",
    "extra_forbidden": "unknown-key",
    "string_type": "wrong-type",
    "list_type": "wrong-type",
    "dict_type": "wrong-type",
    "model_type": "wrong-type",
    "model_attributes_type": "wrong-type",
    "wrong_type": "wrong-type",
    "bool_parsing": "wrong-type",
    "bool_type": "wrong-type",
    "int_parsing": "wrong-type",
    "int_type": "wrong-type",
    "string_too_long": "too-long",
}


def validate(loaded: LoadedFile, model: type[M], context: dict[str, Any] | None = None
             ) -> M | None:
    """The file's data as ``model``, or None with every problem added to ``loaded.problems``."""
    try:
        return model.model_validate(loaded.data, context=context)
    except ValidationError as error:
        # Past REPEAT_LIMIT errors of one code, the rest are only counted: their messages
        # (a did-you-mean each) would take longer than anyone would read them.
        shown: dict[str, int] = {}
        hidden: dict[str, tuple[Any, int]] = {}
        for item in error.errors(include_url=False):
            code = _code(item["type"])
            if shown.get(code, 0) < REPEAT_LIMIT:
                shown[code] = shown.get(code, 0) + 1
                loaded.problems.append(_problem(loaded, model, item, code))
            else:
                first, n = hidden.get(code, (item, 0))
                hidden[code] = (first, n + 1)
        for code, (first, n) in hidden.items():
            line, col = _position(loaded, first)
            loaded.problems.append(more_like_these(loaded.path, line, col, "error", code, n))
        return None


def _code(kind: str) -> str:
    if kind in _CODES:
        return _CODES[kind]
    if kind.replace("_", "-") in LOAD_CODES:  # our value types name errors after their type
        return kind.replace("_", "-")
    return "invalid-value"


def _loc(item: Any) -> Loc:
    return tuple(p for p in item["loc"] if p != "[key]")


def _position(loaded: LoadedFile, item: Any) -> tuple[int, int]:
    # a key written without its value: the value's place is the end of the line
    at_key = item["type"] == "extra_forbidden" or "[key]" in item["loc"] or (
        item.get("input") is EMPTY)
    return loaded.locate(_loc(item), key=at_key)


def _problem(loaded: LoadedFile, root: type[BaseModel], item: Any, code: str) -> Problem:
    line, col = _position(loaded, item)
    if item.get("input") is EMPTY and item["type"] != "extra_forbidden":
        return Problem(loaded.path, line, col, "error", "empty-value",
                       _empty_message(loaded, root, _loc(item)))
    loc = _loc(item)
    if item.get("input") is None and loc and isinstance(loc[-1], int) and (
            item["type"] in _EMPTY_ITEM_TYPES):
        return Problem(loaded.path, line, col, "error", "empty-value",
                       _empty_item_message(loaded, loc, line, col))
    return Problem(loaded.path, line, col, "error", code, _message(root, _loc(item), item))


# What a list item written as a bare `-` (or `- #text`, a comment) fails as
_EMPTY_ITEM_TYPES = frozenset(("string_type", "wrong_type", "model_type", "model_attributes_type",
                               "dict_type"))


def _empty_item_message(loaded: LoadedFile, loc: Loc, line: int, col: int) -> str:
    """`- ` with nothing after it in a list; with a `#` after it, YAML read a comment."""
    name = _name(loc)
    start = loaded.line_starts[line - 1]
    end = loaded.text.find("\n", start)
    text = loaded.text[start:end if end != -1 else None].strip()
    after = text.removeprefix("-").strip()
    if text.startswith("-") and after.startswith("#"):
        fix = f": write - \"{after}\"" if '"' not in after and "\\" not in after else ""
        return (f"{name} is empty — a value starting with # must be quoted, or YAML reads it as "
                f"a comment{fix}")
    return f"{name} is empty: write it after the '-', or remove that line"


def _empty_message(loaded: LoadedFile, root: type[BaseModel], loc: Loc) -> str:
    """`chat:` written with nothing after it; with a `#` after it, YAML read a comment."""
    key = str(loc[-1])
    line, col = loaded.locate(loc, key=True)
    start = loaded.line_starts[line - 1]
    end = loaded.text.find("\n", start)
    rest = loaded.text[start + col - 1:end if end != -1 else None]
    after = rest[len(key):].lstrip().removeprefix(":").strip() if rest.startswith(key) else ""
    if after.startswith("#"):
        fix = f": write {key}: \"{after}\"" if '"' not in after and "\\" not in after else ""
        return (f"'{key}' is empty — a value starting with # must be quoted, or YAML reads it "
                f"as a comment{fix}")
    model = _model_at(root, loc[:-1])
    field = model.model_fields.get(key) if model else None
    if field is not None and field.is_required():
        what = f" ({_sentence_part(field.description)})" if field.description else ""
        return f"'{key}' is empty{what}: write its value after '{key}:'"
    return f"'{key}' is empty: write its value after '{key}:', or remove the key"


def _message(root: type[BaseModel], loc: Loc, item: Any) -> str:
    kind = item["type"]
    name = _name(loc)
    value = item.get("input")
    if kind == "extra_forbidden":
        model = _model_at(root, loc[:-1])
        allowed = list(model.model_fields) if model else []
        return f"unknown key '{loc[-1]}'{_did_you_mean(str(loc[-1]), allowed)}"
    if kind == "missing":
        model = _model_at(root, loc[:-1])
        field = model.model_fields.get(str(loc[-1])) if model else None
        what = f" ({_sentence_part(field.description)})" if field and field.description else ""
        return f"'{loc[-1]}' is missing{what}: add it"
    if kind in ("string_type", "bool_type", "int_type") and isinstance(value, (dict, list)):
        want = {"string_type": "text", "bool_type": "true or false", "int_type": "a number"}
        if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
            # `- Call the duty manager: they decide` reads as a key and a value
            return (f"{name} must be text, not a mapping (text holding ': ' must be put in "
                    "quotes)")
        return f"{name} must be {want[kind]}, not {_kind(value)}"
    if kind == "string_type" and value is None:
        return f"{name} is empty: write a value, or remove the key"
    if kind == "list_type":
        return f"{name} must be a list ('- item' lines, or [a, b]), not {_kind(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{name} must be a mapping of keys to values, not {_kind(value)}"
    if kind == "bool_parsing":
        if str(value).strip().lower() in YAML11_BOOLS:
            return (f"{name} must be true or false, not '{value}': some YAML readers take "
                    f"'{value}' for true or false and others (editors, the JSON Schemas) for "
                    "text, so write true or false")
        return f"{name} must be true or false, not '{value}'"
    if kind == "int_parsing":
        return f"{name} must be a whole number, not '{value}'"
    if kind == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        return f"{name} must be one of {expected}, not '{value}'"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        ctx = item.get("ctx", {})
        bound = {"greater_than_equal": ("at least", "ge"), "less_than_equal": ("at most", "le"),
                 "greater_than": ("more than", "gt"), "less_than": ("less than", "lt")}[kind]
        return f"{name} must be {bound[0]} {ctx.get(bound[1], '')}, not {value}"
    if kind == "string_too_long":
        limit = item.get("ctx", {}).get("max_length", 0)
        return (f"{name} is {len(value):,} characters long; the limit is {limit:,}: shorten it, "
                "or link to a page that says the rest")
    if kind == "too_short":
        need = item.get("ctx", {}).get("min_length", 1)
        return f"{name} needs at least {need} item{'s' if need != 1 else ''}: add " + (
            "one" if need == 1 else "more")
    if kind.startswith("invalid") or kind == "wrong_type":
        return f"{name}: {item['msg']}" if kind == "wrong_type" else item["msg"]
    return f"{name}: {item['msg']}"


def _sentence_part(text: str) -> str:
    """'The playbook's title.' → 'the playbook's title', to sit inside a sentence."""
    text = text.rstrip(".")
    if text[:1].isupper() and text[1:2].islower():
        text = text[0].lower() + text[1:]
    return text


def _name(loc: Loc) -> str:
    keys = [p for p in loc if isinstance(p, str)]
    key = f"'{keys[-1]}'" if keys else "the file"
    if loc and isinstance(loc[-1], int):
        return f"item {loc[-1] + 1} of {key}"
    return key


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return f"'{value}'"


def _did_you_mean(key: str, allowed: list[str]) -> str:
    if not allowed:
        return ""
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if not close:  # 'escalte_after' → 'after': a misspelt prefix on a right word
        parts = [p for p in key.replace("-", "_").split("_") if p]
        close = [a for a in allowed if a in parts or any(
            difflib.SequenceMatcher(None, p, a).ratio() >= 0.8 for p in parts)][:1]
    listing = ", ".join(allowed)
    if close:
        return f": did you mean '{close[0]}'? (allowed here: {listing})"
    return f" (allowed here: {listing})"


def _model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc``, found by walking the annotations."""
    current: Any = root
    for part in loc:
        current = unwrap(current)
        model = model_class(current)
        if isinstance(part, str) and model is not None:
            field = model.model_fields.get(part)
            if field is None:
                return None
            current = field.annotation
        elif item_type(current) is not None:
            current = item_type(current)
        else:
            return None
    return model_class(unwrap(current))
