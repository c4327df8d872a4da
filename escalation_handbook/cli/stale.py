"""`handbook stale`: which playbooks and quizzes are due for review."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from ..pipeline import load_folder
from ..problem_formats import FORMATS
from ..review import review_records
from ..review.formats import FAIL_ON, REVIEW_FORMATS, fails, with_findings
from ..time_checks import time_findings
from .options import HANDBOOK_DIR, TODAY, report


@click.command()
@HANDBOOK_DIR
@TODAY
@click.option("--owner", metavar="CONTACT", default=None,
              help="Only the items this contact (an id from contacts.yaml) owns.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="overdue", show_default=True,
              help="Exit 1 when an item is overdue, due soon (or overdue), or never.")
@click.option("--format", "output_format", type=click.Choice(list(REVIEW_FORMATS)),
              default="text", show_default=True,
              help="text for people, json for tools, github for Actions, markdown for an issue.")
def stale(handbook_dir: Path, today: date | None, owner: str | None, fail_on: str,
          output_format: str) -> None:
    """List every playbook and quiz with its review due date and status, most urgent first.

    An item is due soon from the handbook's review.warn_before before its due date through the
    due date, and overdue from the day after. Exits 1 when --fail-on says the run fails.
    """
    today = today or date.today()
    handbook = load_folder(handbook_dir)
    if handbook.settings is None:
        errors = [p for p in handbook.problems if p.is_error]
        click.echo(report(errors, handbook, handbook_dir,
                          output_format if output_format in FORMATS else "text"))
        click.echo("handbook stale needs playbooks/handbook.yaml: fix the problems above",
                   err=True)
        sys.exit(1)
    records = review_records(handbook, today)
    if owner is not None:
        owners = sorted({r.owner_id for r in records if r.owner_id})
        if owner not in handbook.contact_index and owner not in owners:
            raise click.BadParameter(
                f"'{owner}' owns nothing and is not in contacts.yaml; owners: "
                + (", ".join(owners) or "none"),
                param_hint="'--owner'",
            )
        records = [r for r in records if r.owner_id == owner]
    unread = sorted({p.path for p in handbook.problems if p.is_error})
    if unread:
        click.echo(f"note: {len(unread)} file{'s' if len(unread) != 1 else ''} with errors "
                   "(run `handbook check`); files that did not load are not listed", err=True)
    # what the rules about time find in the files listed (a playbook's cover, its clocks)
    findings = time_findings(handbook, today, {r.path for r in records})
    click.echo(with_findings(REVIEW_FORMATS[output_format](records, today, fail_on),
                             output_format, findings))
    sys.exit(1 if fails(records, fail_on) else 0)
