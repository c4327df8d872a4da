"""`handbook render --out`: the docs tree of a checked handbook written to disk, with a
`mkdocs.yml` and the shared hook beside it, so that a plain `mkdocs build` there gives the same
site as the plugin (and the Markdown can feed another engine)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..pipeline import CheckedFolder, author_docs, render_folder
from ..problems import Problem
from .audience import for_policy_owners, shown_in, without
from .settings import HOOK_FILE, name_site, standalone_config

RENDER_MARKER = ".handbook-render"  # marks a folder this wrote, which it may write again
THEME_DIR = "overrides"
COPIED_SETTINGS = ("site_url", "site_description", "copyright")


class OutDirError(ValueError):
    """The output folder holds files this did not write."""


def refuse_foreign(out_dir: Path) -> None:
    """Raise ``OutDirError`` unless ``out_dir`` is empty, missing, or written by this."""
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / RENDER_MARKER).exists():
        raise OutDirError(f"{out_dir} is not empty and was not written by `handbook render`: "
                          "choose an empty folder, nothing was written")


@dataclass
class Written:
    files: int  # the generated files
    problems: list[Problem] = field(default_factory=list)  # what docs/ had that was left out


def write_standalone(checked: CheckedFolder, out_dir: Path, settings: dict[str, Any]
                     ) -> Written:
    """Write the site of ``checked`` into ``out_dir`` (replacing what this wrote there
    before); ``settings`` are those of the handbook's mkdocs.yml."""
    refuse_foreign(out_dir)
    root = checked.handbook.root
    docs = author_docs(root, root / (settings.get("docs_dir") or "docs"))
    owners, shown = for_policy_owners(docs), shown_in(settings)
    tree = render_folder(checked, docs.pages, site_url=settings.get("site_url") or None,
                         owner_pages=owners, policy_owner_pages=shown)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_docs = out_dir / "docs"
    out_docs.mkdir(parents=True)
    (out_dir / RENDER_MARKER).write_text("written by `handbook render`; safe to delete\n")
    for source in without(docs, set() if shown else owners):
        target = out_docs / source.relative_to(docs.folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    for path, content in tree.items():
        target = out_docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    package = resources.files("escalation_handbook")
    hook = out_dir / HOOK_FILE
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_bytes(package.joinpath("site", "hook.py").read_bytes())
    with resources.as_file(package.joinpath("theme")) as theme_path:
        shutil.copytree(theme_path, out_dir / THEME_DIR)
    handbook = checked.handbook.settings.model  # type: ignore[union-attr]
    config = standalone_config(tree, handbook.title, THEME_DIR)
    config.update({key: settings[key] for key in COPIED_SETTINGS if key in settings})
    name_site(config, handbook.title, handbook.organisation)  # the footer the plugin gives
    (out_dir / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return Written(len(tree.items()), docs.sources.problems)
