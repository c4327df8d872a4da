"""JSON Schemas (draft 2020-12) of each file kind, generated from the model: one source.

Besides the handbook's files, the incident log that the site's log page exports
(`incident_log/model.py`): its schema ships beside the others, versioned by its `version`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .incident_log.model import SCHEMA_ID, log_schema
from .model import FILE_KINDS

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = Path(__file__).parent / "schemas"


def _no_empty_values(node: Any) -> Any:
    """The schema without `null` as a value: a key written with no value is an error
    (`empty-value`), optional or not, so `X | None` is only X to an editor."""
    if isinstance(node, list):
        return [_no_empty_values(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: _no_empty_values(v) for k, v in node.items()}
    if node.get("default", ...) is None:
        del node["default"]
    branches = node.get("anyOf")
    if isinstance(branches, list) and {"type": "null"} in branches:
        rest = [b for b in branches if b != {"type": "null"}]
        del node["anyOf"]
        if len(rest) == 1:
            node = {**rest[0], **node}
        else:
            node["anyOf"] = rest
    return node


def schemas() -> dict[str, str]:
    """File name → schema text, for every kind of handbook file."""
    result = {}
    for kind, model in FILE_KINDS.items():
        schema = {"$schema": DIALECT, "$id": f"{kind}.schema.json",
                  **_no_empty_values(model.model_json_schema(mode="validation"))}
        schema["title"] = f"Escalation Handbook: {kind} file"
        result[f"{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    result[SCHEMA_ID] = json.dumps(log_schema(), indent=2, ensure_ascii=False) + "\n"
    return result


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
