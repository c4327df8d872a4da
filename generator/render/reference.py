"""The "Writing playbooks" page, generated from the model and the checks so it cannot drift."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from ..checks import RULES
from ..model import FILE_KINDS
from .text import md

_FILES = {
    "handbook": "`playbooks/handbook.yaml`: organisation-wide settings (exactly one).",
    "contacts": "`playbooks/contacts.yaml`: everyone a pathway can point at (exactly one).",
    "playbook": "`playbooks/<section>/<id>.yaml`: one playbook a file; the folder is its section.",
    "quiz": "`quizzes/<id>.yaml`: a self-check quiz.",
}
_TYPE_NAMES = {"str": "text", "int": "number", "bool": "true/false", "date": "date (YYYY-MM-DD)",
               "Duration": "duration", "dict": "mapping"}


def _type_name(annotation: Any) -> tuple[str, list[type[BaseModel]]]:
    """A readable type, and the models nested in it (documented in their own tables)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner = typing.get_args(annotation)[0]
        meta = " ".join(type(m).__name__ for m in typing.get_args(annotation)[1:])
        name = _TYPE_NAMES.get(inner.__name__, inner.__name__)
        if "PlainValidator" in meta:
            validator = next(m for m in typing.get_args(annotation)[1:]
                             if type(m).__name__ == "PlainValidator").func.__name__.strip("_")
            name = {"id": "id", "duration": "duration", "date": "date (YYYY-MM-DD)",
                    "phone": "phone number", "email": "e-mail address", "url": "http(s) URL"
                    }.get(validator, name)
        return name, []
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _type_name(args[0])
    if origin is list:
        name, nested = _type_name(typing.get_args(annotation)[0])
        return f"list of {name}", nested
    if origin is dict:
        name, nested = _type_name(typing.get_args(annotation)[1])
        return f"mapping of id → {name}", nested
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in typing.get_args(annotation)), []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})", [annotation]
    name = getattr(annotation, "__name__", str(annotation))
    return _TYPE_NAMES.get(name, name), []


def _table(model: type[BaseModel]) -> tuple[str, list[type[BaseModel]]]:
    rows = ["| Key | Type | Required | Meaning |", "|---|---|---|---|"]
    nested: list[type[BaseModel]] = []
    for name, field in model.model_fields.items():
        type_name, inner = _type_name(field.annotation)
        nested += inner
        required = "yes" if field.is_required() else "no"
        meaning = (field.description or "").replace("|", "\\|")
        rows.append(f"| `{name}` | {type_name} | {required} | {meaning} |")
    return "\n".join(rows), nested


def reference_page() -> str:
    parts = ["---", "title: Writing playbooks", "---", "", "# Writing playbooks", "",
             "A reference of every file and key, generated from the code that reads them. "
             "Durations are written as people write them: `15 minutes`, `15 min`, `2 hours`, "
             "`2h`, `1 day`, `6 months`, `1 year`. Prose fields (summary, description, actions, "
             "explain, requirement) may use Markdown emphasis and http(s) links.", "",
             "## Checking your changes", "",
             "Run `handbook check` before you open a pull request: it reports every problem "
             "with its `file:line:col`, what is wrong and how to fix it. In VS Code, the YAML "
             "extension validates and completes as you type with the schemas from "
             "`handbook schema --out schemas` (this repository's `.vscode/settings.json` "
             "maps them to the files).", ""]
    done: set[type[BaseModel]] = set()
    for kind, model in FILE_KINDS.items():
        parts += [f"## The {kind} file", "", _FILES[kind], ""]
        queue = [model]
        while queue:
            current = queue.pop(0)
            if current in done:
                continue
            done.add(current)
            table, nested = _table(current)
            parts += [f"### {current.__name__} {{#{current.__name__.lower()}}}", "", table, ""]
            queue += [n for n in nested if n not in done]
    parts += ["## The checks", "", "| Code | Level | What it checks |", "|---|---|---|"]
    for each in sorted(RULES, key=lambda r: r.code):
        parts.append(f"| `{each.code}` | {each.level} | {md(each.doc)} |")
    return "\n".join(parts) + "\n"
