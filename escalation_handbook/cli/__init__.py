"""The `handbook` command: a thin click shell over the core stages (only this imports click).

Exit codes, the same for every command: 0 when all is well, 1 when the handbook has problems
(or a build failed), 2 for a usage error, 3 when the tool itself failed (a bug: one line asks
for a report; ``--debug`` adds the traceback). CI can tell a broken tool from a broken handbook.
"""

from __future__ import annotations

import importlib
import traceback
from typing import Any

import click

from .. import __version__
from ..problems import one_line

INTERNAL_ERROR = 3

# Each command's module, imported only when the command runs (or --help lists it): a
# pre-commit `handbook check` does not pay for MkDocs, Jinja, Markdown or WeasyPrint.
COMMANDS = {
    "check": "check", "schema": "check", "stale": "stale", "build": "site_commands",
    "serve": "site_commands", "render": "site_commands", "init": "site_commands",
    "diff": "diff", "search": "search", "cards": "cards", "log": "log",
}


class _Commands(click.Group):
    """The command group: loads each command's module when it is asked for (click's lazy
    group), and turns a crash in any command into exit 3 and one line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        command = getattr(importlib.import_module(f"{__name__}.{module}"), cmd_name)
        assert isinstance(command, click.Command)
        return command

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
