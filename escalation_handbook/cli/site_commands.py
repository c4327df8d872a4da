"""`handbook build`, `serve`, `render` and `init`: the site commands."""

from __future__ import annotations

import shutil
import sys
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import click
import yaml

from ..pipeline import CheckedFolder, author_pages, check_folder, render_folder
from ..problem_formats import FORMATS
from .options import HANDBOOK_DIR, TODAY, counted

RENDER_MARKER = ".handbook-render"


def _config_file(handbook_dir: Path) -> Path:
    path = handbook_dir / "mkdocs.yml"
    if not path.is_file():
        raise click.UsageError(f"{path} not found: a handbook folder has a mkdocs.yml "
                               "(`handbook init` writes one)")
    return path


def _check_or_exit(handbook_dir: Path, today: date | None, strict: bool, what: str
                   ) -> CheckedFolder:
    """The checked handbook; its problems printed, and exit 1 when they stop ``what``."""
    checked = check_folder(handbook_dir, today)
    if checked.problems:
        click.echo(FORMATS["text"](checked.problems, counted(checked.handbook)), err=True)
    if checked.stops(strict):
        click.echo(f"Not {what}: fix the problems above first.", err=True)
        sys.exit(1)
    return checked


class _SettingsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for a few plain settings; MkDocs' own tags (`!!python/name:`,
    `!ENV`) are read as nothing rather than refused."""


_SettingsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _site_settings(handbook_dir: Path) -> dict[str, Any]:
    path = handbook_dir / "mkdocs.yml"
    if not path.is_file():
        return {}
    try:
        settings = yaml.load(path.read_text("utf-8"), Loader=_SettingsLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise click.UsageError(f"{where}: mkdocs.yml is not valid YAML: fix it first") from None
    return settings if isinstance(settings, dict) else {}


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
    options: dict[str, object] = {"today": today.isoformat()} if today else {}
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
def serve(handbook_dir: Path, host: str, port: int) -> None:
    """Serve the site with live reload: editing a YAML file rebuilds the pages."""
    from ..site.build import serve_site

    config_file = _config_file(handbook_dir)
    checked = _check_or_exit(handbook_dir, None, strict=False, what="served")
    click.echo(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
    problems = serve_site(config_file, host, port, checked)
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
    from ..site.settings import HOOK_FILE, standalone_config

    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / RENDER_MARKER).exists():
        raise click.UsageError(f"{out_dir} is not empty and was not written by `handbook "
                               "render`: choose an empty folder, nothing was written")
    settings = _site_settings(handbook_dir)
    checked = _check_or_exit(handbook_dir, today, strict=False, what="rendered")
    handbook = checked.handbook
    author_docs = handbook_dir / (settings.get("docs_dir") or "docs")
    tree = render_folder(checked, author_pages(author_docs),
                         site_url=settings.get("site_url") or None)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    docs = out_dir / "docs"
    docs.mkdir(parents=True)
    (out_dir / RENDER_MARKER).write_text("written by `handbook render`; safe to delete\n")
    if author_docs.is_dir():
        shutil.copytree(author_docs, docs, dirs_exist_ok=True)
    for path, content in tree.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    hook = out_dir / HOOK_FILE
    hook.parent.mkdir(parents=True, exist_ok=True)
    package = resources.files("escalation_handbook")
    hook.write_bytes(package.joinpath("site", "hook.py").read_bytes())
    theme = resources.files("escalation_handbook").joinpath("theme")
    with resources.as_file(theme) as theme_path:
        shutil.copytree(theme_path, out_dir / "overrides")
    config = standalone_config(tree, settings.get("site_name") or handbook.settings.model.title,
                               "overrides")
    for key in ("site_url", "site_description", "copyright"):
        if key in settings:
            config[key] = settings[key]
    (out_dir / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    click.echo(f"Wrote {len(tree.items())} files to {out_dir}; build them with "
               f"`mkdocs build -f {out_dir / 'mkdocs.yml'}`")


STARTER_REVIEWED = "last_reviewed: 2026-01-15"


@click.command()
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@TODAY
def init(target: Path, today: date | None) -> None:
    """Create a new handbook that passes its checks. Never overwrites a file.

    Its playbook and quiz are marked as reviewed today (or --today), so a new handbook does not
    start out overdue.
    """
    reviewed = f"last_reviewed: {(today or date.today()).isoformat()}"
    starter = resources.files("escalation_handbook").joinpath("starter")
    written, kept = [], []
    with resources.as_file(starter) as starter_path:
        for source in sorted(p for p in starter_path.rglob("*") if p.is_file()):
            relative = source.relative_to(starter_path)
            if "__pycache__" in relative.parts:
                continue
            destination = target / relative
            if destination.exists():
                kept.append(relative.as_posix())
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            if source.suffix in (".yaml", ".yml"):
                text = source.read_text("utf-8").replace(STARTER_REVIEWED, reviewed)
                destination.write_text(text, "utf-8")
            else:
                shutil.copyfile(source, destination)
            written.append(relative.as_posix())
    for path in written:
        click.echo(f"created {target / path}")
    for path in kept:
        click.echo(f"kept    {target / path} (exists already)")
    click.echo(f"Next: cd {target} && handbook check && handbook serve")
