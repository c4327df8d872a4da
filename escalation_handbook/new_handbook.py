"""`handbook init`: a new handbook folder from the starter shipped in the package
(`escalation_handbook/starter/`), never overwriting a file."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

# The starter's review date, replaced by the day it is copied so a new handbook does not start
# out overdue.
STARTER_REVIEWED = "last_reviewed: 2026-01-15"


@dataclass
class Created:
    written: list[str] = field(default_factory=list)  # paths relative to the new folder
    kept: list[str] = field(default_factory=list)  # there already, left as they were


def create_handbook(target: Path, today: date) -> Created:
    """Copy the starter into ``target``, its playbook and quiz marked as reviewed ``today``."""
    reviewed = f"last_reviewed: {today.isoformat()}"
    created = Created()
    starter = resources.files("escalation_handbook").joinpath("starter")
    with resources.as_file(starter) as starter_path:
        for source in sorted(p for p in starter_path.rglob("*") if p.is_file()):
            relative = source.relative_to(starter_path)
            if "__pycache__" in relative.parts:
                continue
            destination = target / relative
            if destination.exists():
                created.kept.append(relative.as_posix())
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            if source.suffix in (".yaml", ".yml"):
                text = source.read_text("utf-8").replace(STARTER_REVIEWED, reviewed)
                destination.write_text(text, "utf-8")
            else:
                shutil.copyfile(source, destination)
            created.written.append(relative.as_posix())
    return created
