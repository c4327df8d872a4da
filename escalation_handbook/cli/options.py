"""Options and helpers shared by the commands."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

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
    return {"playbook": handbook.files_count, "contact": len(handbook.contacts),
            "quiz": handbook.quiz_files_count}
