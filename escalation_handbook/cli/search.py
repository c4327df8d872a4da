"""`handbook search`: what the home page's incident finder shows for a query, or how well it
does on a regression set (`--eval`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import check_or_exit

SHOWN = 5  # results the finder shows at once


def _split_args(args: tuple[str, ...], evaluating: bool) -> tuple[str | None, str]:
    """`QUERY [DIR]`, or with --eval only `[DIR]`."""
    if evaluating:
        if len(args) > 1:
            raise click.UsageError("with --eval, give only the handbook's folder (DIR)")
        return None, args[0] if args else "."
    if not args or len(args) > 2:
        raise click.UsageError('give a QUERY in quotes, such as `handbook search "laptop '
                               'stolen"`, then optionally the handbook\'s folder')
    return args[0], args[1] if len(args) > 1 else "."


def _percent(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}%" if total else "n/a"


@click.command()
@click.argument("args", nargs=-1, metavar="[QUERY] [DIR]")
@click.option("--eval", "eval_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="A YAML file of `queries: [{query, trigger}]`: print top-1 "
              "and top-3 accuracy instead.")
@click.option("--min-top1", type=click.FloatRange(0, 100), default=None, metavar="PCT",
              help="With --eval: exit 1 when top-1 accuracy is below PCT percent.")
@click.option("--min-top3", type=click.FloatRange(0, 100), default=None, metavar="PCT",
              help="With --eval: exit 1 when top-3 accuracy is below PCT percent.")
def search(args: tuple[str, ...], eval_file: Path | None, min_top1: float | None,
           min_top3: float | None) -> None:
    """Rank the triggers for QUERY as the home page's incident finder does.

    With --eval FILE, run every query of FILE and print each miss, then top-1 and top-3
    accuracy as the last two lines. Exits 1 when a --min-top1/--min-top3 is not met.
    """
    query, folder = _split_args(args, eval_file is not None)
    handbook_dir = Path(folder)
    if not handbook_dir.is_dir():
        raise click.UsageError(f"'{folder}' is not a folder: give the handbook's folder as DIR")
    handbook = check_or_exit(handbook_dir, None, False, "searched").handbook
    from ..search import Finder, evaluate, read_cases, unknown_triggers

    finder = Finder(handbook)
    if query is not None:
        hits = finder.search(query)
        if not hits:
            click.echo(f"No trigger matches “{query}”.")
            return
        for n, hit in enumerate(hits[:SHOWN], start=1):
            sev = hit.severity
            calls = "; ".join(f"{c['name']} {c['phone']}" if c.get("phone") else c["name"]
                              for c in hit.contacts)
            click.echo(f"{n}. [{sev['label']}] {hit.doc['name']}  ({hit.doc['playbook']}, "
                       f"{hit.key}, score {hit.score:g})")
            if calls:
                click.echo(f"   call: {calls}")
        if len(hits) > SHOWN:
            click.echo(f"… and {len(hits) - SHOWN} more")
        return
    assert eval_file is not None
    cases, problems = read_cases(eval_file, str(eval_file))
    problems += unknown_triggers(finder, cases, str(eval_file))
    if problems:
        for problem in sorted(problems):
            click.echo(str(problem), err=True)
        click.echo(f"{eval_file}: fix the regression set first.", err=True)
        sys.exit(2)
    result = evaluate(finder, cases)
    total = len(result.cases)
    for case, place in result.cases:
        if place != 1:
            first = finder.search(case.query)
            got = first[0].key if first else "nothing"
            where = f"at {place}" if place else "not found"
            click.echo(f"{eval_file}:{case.line}: “{case.query}” → {case.trigger} {where} "
                       f"(first: {got})")
    top1, top3 = result.within(1), result.within(3)
    click.echo(f"top-1 accuracy: {top1}/{total} ({_percent(top1, total)})")
    click.echo(f"top-3 accuracy: {top3}/{total} ({_percent(top3, total)})")
    failed = ((min_top1 is not None and total and 100 * top1 / total < min_top1)
              or (min_top3 is not None and total and 100 * top3 / total < min_top3))
    sys.exit(1 if failed else 0)
