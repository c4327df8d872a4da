"""`handbook build`, `serve`, `render` and `init`: the site commands."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from ..new_handbook import create_handbook
from .options import HANDBOOK_DIR, TODAY, check_or_exit, echo_problems, site_settings


def _config_file(handbook_dir: Path) -> Path:
    path = handbook_dir / "mkdocs.yml"
    if not path.is_file():
        raise click.UsageError(f"{path} not found: a handbook folder has a mkdocs.yml "
                               "(`handbook init` writes one)")
    return path


@click.command()
@HANDBOOK_DIR
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site (default: site/ beside mkdocs.yml).")
@click.option("--strict", is_flag=True, help="Fail on the checks' warnings too.")
@TODAY
def build(handbook_dir: Path, site_dir: Path | None, strict: bool, today: date | None) -> None:
    """Check the handbook, then build its site; MkDocs warnings (a broken link) fail the build.

    The site is built aside and switched in with one atomic call, so a failed or killed build
    leaves the previous site as it was.
    """
    from ..site.build import build_site
    from ..site.publish import SiteDirError

    config_file = _config_file(handbook_dir)
    # The plugin checks the YAML as the build starts and logs every problem: no second check.
    options: dict[str, object] = {"today": today} if today else {}
    if strict:
        options["strict"] = True
    try:
        result = build_site(config_file, site_dir, strict=True, plugin_options=options)
    except SiteDirError as error:
        click.echo(f"Not built: {error}", err=True)
        sys.exit(1)
    for message in result.messages:
        click.echo(message, err=True)
    if not result.ok:
        click.echo("Build failed: the previous site was left as it was.", err=True)
        sys.exit(1)
    click.echo(f"Built the site in {result.site_dir}")


@click.command()
@HANDBOOK_DIR
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--poll", is_flag=True,
              help="Look for changed files twice a second instead of being told by the "
                   "operating system: for folders that send no change events (some network "
                   "drives, container mounts).")
def serve(handbook_dir: Path, host: str, port: int, poll: bool) -> None:
    """Serve the site with live reload: editing a YAML file rebuilds the pages."""
    from ..pipeline import keep_between_builds
    from ..site.build import serve_site
    from ..site.incremental import ServeError

    config_file = _config_file(handbook_dir)
    keep_between_builds()  # each rebuild redoes only what the change touched
    checked = check_or_exit(handbook_dir, None, strict=False, what="served")
    click.echo(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        problems = serve_site(config_file, host, port, checked, poll=poll)
    except ServeError as error:
        click.echo(f"Not served: {error}", err=True)
        sys.exit(1)
    if problems:
        click.echo("\n".join(str(p) for p in problems), err=True)
        click.echo("Not served: fix mkdocs.yml first.", err=True)
        sys.exit(1)


@click.command()
@HANDBOOK_DIR
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="An empty folder (or one this command wrote before).")
@TODAY
def render(handbook_dir: Path, out_dir: Path, today: date | None) -> None:
    """Write the generated docs tree (Markdown, assets, a ready mkdocs.yml) to a folder.

    `mkdocs build` in that folder gives the same site, without the handbook plugin.
    """
    from ..site.standalone import OutDirError, refuse_foreign, write_standalone

    try:
        refuse_foreign(out_dir)  # before anything is checked or written
    except OutDirError as error:
        raise click.UsageError(str(error)) from None
    settings = site_settings(handbook_dir)
    checked = check_or_exit(handbook_dir, today, strict=False, what="rendered")
    written = write_standalone(checked, out_dir, settings)
    echo_problems(written.problems, handbook_dir)
    click.echo(f"Wrote {written.files} files to {out_dir}; build them with "
               f"`mkdocs build -f {out_dir / 'mkdocs.yml'}`")


@click.command()
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@TODAY
def init(target: Path, today: date | None) -> None:
    """Create a new handbook that passes its checks. Never overwrites a file.

    Its playbook and quiz are marked as reviewed today (or --today), so a new handbook does not
    start out overdue. Besides the handbook: a CI workflow pinned to this version, .gitignore,
    the JSON Schemas in .schemas/ and .vscode/settings.json for them. Then checks the folder:
    exit 1 when a file it kept makes the check fail.
    """
    today = today or date.today()
    created = create_handbook(target, today)
    for path in created.written:
        click.echo(f"created {target / path}")
    for path in created.kept:
        click.echo(f"kept    {target / path} (exists already)")
    check_or_exit(target, today, False, "ready: the files kept fail the check")
    click.echo(f"Checked: the handbook passes. Next: cd {target} && handbook serve")
