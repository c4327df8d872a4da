"""`handbook check` and `handbook schema`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from ..pipeline import check_folder
from ..problem_formats import FORMATS
from .options import HANDBOOK_DIR, TODAY, report


@click.command()
@HANDBOOK_DIR
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text",
              show_default=True, help="text for people, json for tools, github for Actions.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@TODAY
def check(handbook_dir: Path, output_format: str, strict: bool, today: date | None) -> None:
    """Check every playbook, contact and quiz; report every problem with its file:line:col.

    Exits 0 when there are no errors, 1 when there are (or warnings, with --strict).
    """
    checked = check_folder(handbook_dir, today)
    click.echo(report(checked.problems, checked.handbook, handbook_dir, output_format))
    sys.exit(1 if checked.stops(strict) else 0)


@click.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Write the schemas into this folder instead of printing them.")
@click.option("--kind", type=click.Choice(
    ["handbook", "contacts", "playbook", "quiz", "incident-log"]),
              default=None, help="Print one kind's schema only.")
def schema(out_dir: Path | None, kind: str | None) -> None:
    """Write the JSON Schema (draft 2020-12) of each file kind, for editors."""
    from ..schema import schemas, write

    if out_dir is not None:
        for path in write(out_dir):
            click.echo(f"wrote {path}")
        return
    texts = schemas()
    if kind:
        click.echo(texts[f"{kind}.schema.json"], nl=False)
    else:
        for name, text in texts.items():
            click.echo(f"# {name}\n{text}", nl=False)
