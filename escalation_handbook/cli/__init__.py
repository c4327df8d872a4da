"""The `handbook` command: a thin click shell over the core stages (only this imports click)."""

from __future__ import annotations

import click

from .. import __version__
from .check import check, schema
from .site_commands import build, init, render, serve
from .stale import stale


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handbook")
def main() -> None:
    """Escalation Handbook: check, render and serve escalation procedures written as YAML."""


for command in (check, schema, stale, build, serve, render, init):
    main.add_command(command)
