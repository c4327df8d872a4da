"""`handbook cards`: the incident cards as one PDF, a page a card."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from .options import HANDBOOK_DIR, TODAY, check_or_exit, shown_folder, site_settings


@click.command()
@HANDBOOK_DIR
@click.option("--out", "out_file", required=True,
              type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="The PDF to write, such as cards.pdf.")
@click.option("--playbook", "playbook_id", default=None, metavar="ID",
              help="Only this playbook's card (default: the handbook's card, then every "
                   "playbook's).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="Paper size; every card is made to fit either.")
@click.option("--strict", is_flag=True, help="Exit 1 when a card needs more than one page.")
@TODAY
def cards(handbook_dir: Path, out_file: Path, playbook_id: str | None, paper: str, strict: bool,
          today: date | None) -> None:
    """Write the incident cards as one PDF, to print and pin up for when the intranet is down.

    A card that needs more than one page is written whole, on as many pages as it takes, with
    a warning naming what did not fit. QR codes point at the site's pages when mkdocs.yml sets
    `site_url`; without it the cards have none.
    """
    from ..render import RenderOptions, card_renderer

    printed = today or date.today()
    site_url = site_settings(handbook_dir).get("site_url") or None
    handbook = check_or_exit(handbook_dir, today, strict=False, what="printed").handbook
    if playbook_id is not None and playbook_id not in handbook.playbook_index:
        from ..checks import _suggest

        hint = _suggest(playbook_id, handbook.playbook_index)
        raise click.UsageError(f"no playbook '{playbook_id}'{hint} (the playbook's id is its "
                               "file name unless it sets `id:`)")
    chosen = card_renderer(handbook, RenderOptions(printed, site_url=site_url)).cards(
        playbook_id)
    try:
        from ..cards_pdf import write_pdf

        overflows = write_pdf(chosen, out_file, paper, printed)
    except (ImportError, OSError) as error:
        raise click.ClickException(
            f"cannot write PDF: {error}. `handbook cards` needs WeasyPrint and its system "
            "libraries (pip install 'escalation-handbook[pdf]'; on Debian, apt-get install "
            "libpango-1.0-0)") from None
    for overflow in overflows:
        click.echo(overflow.shown(shown_folder(handbook_dir)), err=True)
    if site_url is None:
        click.echo("note: mkdocs.yml sets no site_url, so the cards have no QR code", err=True)
    click.echo(f"Wrote {len(chosen)} card{'' if len(chosen) == 1 else 's'} to {out_file}")
    if strict and overflows:
        sys.exit(1)
