"""The `handbook` command: a thin click shell over the core stages (only this imports click).

Exit codes, the same for every command: 0 when all is well, 1 when the handbook has problems
(or a build failed), 2 for a usage error, 3 when the tool itself failed (a bug: one line asks
for a report; ``--debug`` adds the traceback). CI can tell a broken tool from a broken handbook.
"""

from __future__ import annotations

import traceback
from typing import Any

import click

from .. import __version__
from ..problems import one_line
from .cards import cards
from .check import check, schema
from .diff import diff
from .log import log
from .search import search
from .site_commands import build, init, render, serve
from .stale import stale

INTERNAL_ERROR = 3


class _Commands(click.Group):
    """The command group, turning a crash in any command into exit 3 and one line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # usage errors (exit 2), exits and Ctrl+C: click reports them
        except Exception as error:
            if ctx.params.get("debug"):
                click.echo(traceback.format_exc(), err=True, nl=False)
            click.echo(f"handbook: internal error, please report it: {type(error).__name__}: "
                       f"{one_line(str(error))}"
                       + ("" if ctx.params.get("debug") else " (--debug shows the traceback)"),
                       err=True)
            ctx.exit(INTERNAL_ERROR)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handbook")
@click.option("--debug", is_flag=True, envvar="HANDBOOK_DEBUG",
              help="Show the traceback when the tool itself fails (exit 3).")
def main(debug: bool) -> None:
    """Escalation Handbook: check, render and serve escalation procedures written as YAML.

    Exit codes: 0 all well, 1 problems found, 2 usage error, 3 internal error (please report).
    """


for command in (check, schema, stale, build, serve, render, init, diff, search, cards, log):
    main.add_command(command)
