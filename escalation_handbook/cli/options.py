"""Options and helpers shared by the commands."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..pipeline import CheckedFolder, check_folder
from ..problem_formats import FORMATS
from ..problems import Problem, under

if TYPE_CHECKING:
    from ..folder import Handbook


class DateParam(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None
                ) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date: write it as YYYY-MM-DD", param, ctx)


HANDBOOK_DIR = click.argument(
    "handbook_dir", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path),
)
TODAY = click.option("--today", type=DateParam(), default=None,
                     help="Check against this date instead of today (YYYY-MM-DD).")


def counted(handbook: Handbook) -> dict[str, int]:
    return {"playbook": handbook.files_count, "contact": handbook.contacts_count,
            "quiz": handbook.quiz_files_count}


def check_or_exit(handbook_dir: Path, today: date | None, strict: bool, what: str
                  ) -> CheckedFolder:
    """The checked handbook; its problems printed, and exit 1 when they stop ``what``."""
    checked = check_folder(handbook_dir, today)
    if checked.problems:
        click.echo(report(checked.problems, checked.handbook, handbook_dir), err=True)
    if checked.stops(strict):
        click.echo(f"Not {what}: fix the problems above first.", err=True)
        sys.exit(1)
    return checked


def site_settings(handbook_dir: Path) -> dict[str, Any]:
    """The handbook's mkdocs.yml settings; a usage error when it is not valid YAML."""
    from ..site.settings import SettingsError, read_site_settings

    try:
        return read_site_settings(handbook_dir)
    except SettingsError as error:
        raise click.UsageError(str(error)) from None


def echo_problems(problems: list[Problem], handbook_dir: Path) -> None:
    """``problems`` on stderr, one a line, each path as seen from the current directory."""
    for problem in under(shown_folder(handbook_dir), problems):
        click.echo(str(problem), err=True)


def shown_folder(folder: Path) -> str:
    """``folder`` as a path to print: relative to the current directory when it is inside it
    (so `path:line:col` can be clicked in a terminal or an editor), else absolute."""
    absolute = Path(os.path.abspath(folder))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def report(problems: list[Problem], handbook: Handbook, handbook_dir: Path,
           output_format: str = "text") -> str:
    """``problems`` and the summary in ``output_format``, each path as seen from the current
    directory."""
    return FORMATS[output_format](under(shown_folder(handbook_dir), problems), counted(handbook))
