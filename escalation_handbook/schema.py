"""JSON Schemas (draft 2020-12) of each file kind, generated from the model: one source.

Besides the handbook's files, the incident log that the site's log page exports
(`incident_log/model.py`): its schema ships beside the others, versioned by its `version`."""

from __future__ import annotations

import json
from pathlib import Path

from .incident_log.model import SCHEMA_ID, log_schema
from .model import FILE_KINDS

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = Path(__file__).parent / "schemas"


def schemas() -> dict[str, str]:
    """File name → schema text, for every kind of handbook file."""
    result = {}
    for kind, model in FILE_KINDS.items():
        schema = {"$schema": DIALECT, "$id": f"{kind}.schema.json",
                  **model.model_json_schema(mode="validation")}
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
