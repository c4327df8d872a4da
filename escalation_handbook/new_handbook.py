"""`handbook init`: a new handbook folder from the starter shipped in the package
(`escalation_handbook/starter/`), with what a repository of it needs besides (`.gitignore`, the
JSON Schemas and the editor settings that use them), never overwriting a file."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata, resources
from pathlib import Path

from . import __version__
from .schema import schemas

# The starter's review date, replaced by the day it is copied so a new handbook does not start
# out overdue.
STARTER_REVIEWED = "last_reviewed: 2026-01-15"
DISTRIBUTION = "escalation-handbook"
# The workflow's one line that says where CI installs the tool from; init pins it.
WORKFLOW = ".github/workflows/handbook.yml"
TOOL_LINE = f'  HANDBOOK_TOOL: "{DISTRIBUTION}"'
SCHEMAS = ".schemas"  # where an installed handbook's editor finds the schemas
# The files each schema describes, as the Red Hat YAML extension's globs.
SCHEMA_FILES = {
    "handbook": ["playbooks/handbook.y*ml"],
    "contacts": ["playbooks/contacts.y*ml"],
    "playbook": ["playbooks/*/**/*.y*ml"],
    "quiz": ["quizzes/**/*.y*ml"],
}
GITIGNORE = """\
# What `handbook build` leaves beside the handbook (written by `handbook init`)
site/
.site.lock
.site-build-*/
.site-old-*/
"""


@dataclass
class Created:
    written: list[str] = field(default_factory=list)  # paths relative to the new folder
    kept: list[str] = field(default_factory=list)  # there already, left as they were


def install_source() -> str:
    """What CI should `pip install` to get the exact tool running now (PEP 610's record of how
    it was installed): the git URL and revision it came from, the archive it was, or else this
    version from a package index."""
    try:
        raw = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
        record = json.loads(raw) if raw else {}
    except (metadata.PackageNotFoundError, ValueError):
        record = {}
    url, vcs = record.get("url", ""), record.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and url:
        revision = vcs.get("requested_revision") or vcs.get("commit_id")
        return f"{DISTRIBUTION} @ git+{url}@{revision}"
    if record.get("archive_info") is not None and url.startswith(("https://", "http://")):
        return f"{DISTRIBUTION} @ {url}"
    return f"{DISTRIBUTION}=={__version__}"  # an index, or a checkout on this machine


def editor_settings() -> str:
    """`.vscode/settings.json`: the schemas of `.schemas/` mapped to the files they describe."""
    settings = {
        "yaml.schemas": {f"./{SCHEMAS}/{kind}.schema.json": globs
                         for kind, globs in SCHEMA_FILES.items()},
        "yaml.yamlVersion": "1.2",
        "yaml.validate": True,
        "yaml.completion": True,
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    }
    return json.dumps(settings, indent=2) + "\n"


def generated_files() -> dict[str, str]:
    """The files init writes besides the starter's, by path in the new folder."""
    files = {".gitignore": GITIGNORE, ".vscode/settings.json": editor_settings()}
    files.update({f"{SCHEMAS}/{name}": text for name, text in schemas().items()})
    return files


def create_handbook(target: Path, today: date) -> Created:
    """Copy the starter into ``target``, its playbook and quiz marked as reviewed ``today`` and
    its workflow pinned to this tool (``install_source``); then the generated files."""
    reviewed = f"last_reviewed: {today.isoformat()}"
    created = Created()

    def write(relative: str, write_to) -> None:  # type: ignore[no-untyped-def]
        destination = target / relative
        if destination.exists():
            created.kept.append(relative)
            return
        destination.parent.mkdir(parents=True, exist_ok=True)
        write_to(destination)
        created.written.append(relative)

    starter = resources.files("escalation_handbook").joinpath("starter")
    with resources.as_file(starter) as starter_path:
        for source in sorted(p for p in starter_path.rglob("*") if p.is_file()):
            relative = source.relative_to(starter_path)
            if "__pycache__" in relative.parts:
                continue
            if source.suffix in (".yaml", ".yml"):
                text = source.read_text("utf-8").replace(STARTER_REVIEWED, reviewed)
                if relative.as_posix() == WORKFLOW:
                    text = text.replace(TOOL_LINE, f'  HANDBOOK_TOOL: "{install_source()}"')
                write(relative.as_posix(), lambda d, t=text: d.write_text(t, "utf-8"))
            else:
                write(relative.as_posix(), lambda d, s=source: shutil.copyfile(s, d))
    for relative, text in generated_files().items():
        write(relative, lambda d, t=text: d.write_text(t, "utf-8"))
    return created
