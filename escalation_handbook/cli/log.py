"""`handbook log summary`: an exported incident log read against the handbook, for the
post-incident review."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..incident_log import FORMATS, LogError, read_log
from ..incident_log.compare import summarise_against
from ..pipeline import load_folder
from ..problems import one_line


@click.group()
def log() -> None:
    """Incident logs exported from the site's log page."""


@log.command()
@click.argument("log_file", metavar="FILE.json",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("handbook_dir", metavar="[DIR]", required=False,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text",
              show_default=True,
              help="text for people, markdown for a ticket or review, json for tools.")
def summary(log_file: Path, handbook_dir: Path | None, output_format: str) -> None:
    """Deadlines met or missed and by how much, steps skipped, contacts who did not answer.

    With the handbook's folder DIR (default: the current folder, when it holds a handbook)
    it also says what the playbook says differently now; a version 1 log, which does not
    carry its plan, needs it.
    """
    try:
        incident = read_log(log_file.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        _fail(log_file, "not UTF-8 text: is this an exported incident log (JSON)?")
    except LogError as error:
        _fail(log_file, str(error))
    folder = handbook_dir or (Path(".") if Path("playbooks/handbook.yaml").is_file() else None)
    handbook = load_folder(folder) if folder is not None else None
    if handbook is not None:
        if handbook.settings is None:
            _fail(folder, "no handbook here (playbooks/handbook.yaml does not load): "
                  "run `handbook check` there")
        if any(p.is_error for p in handbook.problems):
            click.echo("note: the handbook has errors (run `handbook check`); files that did "
                       "not load count as missing", err=True)
    try:
        result = summarise_against(incident, handbook)
    except ValueError as error:
        _fail(log_file, str(error))
    click.echo(FORMATS[output_format](result), nl=False)


def _fail(path: Path | None, message: str) -> None:
    click.echo(f"{one_line(str(path))}: error: {one_line(message)}", err=True)
    sys.exit(1)
