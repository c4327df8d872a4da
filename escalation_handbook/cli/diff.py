"""`handbook diff`: what a change to the handbook means, in plain sentences."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..diff import compare
from ..diff.formats import DIFF_FORMATS
from ..diff.sources import SourceError, opened, sources
from ..folder import load_handbook

FAIL_ON = ("material", "never")


@click.command()
@click.argument("base")
@click.argument("head", required=False)
@click.argument("handbook_dir", required=False, default=".",
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(list(DIFF_FORMATS)),
              default="text", show_default=True,
              help="text for people, markdown for a pull request, json for tools, github for "
              "annotations.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="never", show_default=True,
              help="material: exit 1 when a playbook changes materially without a "
              "last_reviewed update.")
def diff(base: str, head: str | None, handbook_dir: Path, output_format: str,
         fail_on: str) -> None:
    """Say what changed in meaning between BASE and HEAD (the folder on disk if left out).

    BASE and HEAD are git revisions (read without touching the working tree) or folders.
    Reordering, reformatting, comments and quoting are no change.
    """
    base_source, head_source = sources(base, head, handbook_dir)
    try:
        with opened(base_source) as base_dir, opened(head_source) as head_dir:
            result = compare(load_handbook(base_dir), load_handbook(head_dir))
    except SourceError as error:
        raise click.UsageError(str(error)) from None
    click.echo(DIFF_FORMATS[output_format](result, base_source.label, head_source.label))
    sys.exit(1 if fail_on == "material" and result.unreviewed else 0)
