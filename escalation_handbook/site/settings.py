"""The MkDocs settings a handbook site needs, as one table of plain data.

The plugin enforces the table on the MkDocs config in memory (``enforce``); `handbook render
--out` applies the same table to the `mkdocs.yml` it writes (``standalone_config``). One source
for both, so the two builds give the same site. ``read_site_settings`` reads the few plain
settings the commands take from a handbook's own mkdocs.yml.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..render import DocsTree
from ..render.text import attr_text
from ..render.wording import MATERIAL_LABELS

# The look of a rendered tree's site (a handbook's own mkdocs.yml chooses its own).
THEME_FEATURES = [
    "navigation.sections", "navigation.prune", "navigation.indexes", "navigation.top",
    "navigation.footer", "search.highlight", "search.suggest", "content.code.copy", "toc.follow",
]
PALETTE = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "indigo",
     "accent": "indigo", "toggle": {"icon": "material/weather-night",
                                    "name": "Switch to dark mode"}},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "indigo",
     "accent": "indigo", "toggle": {"icon": "material/weather-sunny",
                                    "name": "Switch to light mode"}},
]
# Options of the required extensions in a rendered tree's mkdocs.yml.
EXTENSION_OPTIONS: dict[str, dict[str, Any]] = {"toc": {"permalink": True, "toc_depth": 2}}

# Copied beside the mkdocs.yml that `handbook render` writes (see escalation_handbook/site/hook.py).
HOOK_FILE = "hooks/site_hook.py"


@dataclass(frozen=True)
class Setting:
    """One setting every handbook build enforces, whatever mkdocs.yml says."""

    key: str  # dotted: "theme.font"
    value: Callable[[DocsTree], Any]
    how: str = "set"  # "set", "add" (list entries the config lacks), "default" (when unset)


def _escaped_nav(nav: list[Any]) -> list[Any]:
    """Navigation titles are printed unescaped by themes: escape the ones from the YAML."""
    result: list[Any] = []
    for item in nav:
        if isinstance(item, dict):
            result.append({attr_text(k): _escaped_nav(v) if isinstance(v, list) else v
                           for k, v in item.items()})
        else:
            result.append(item)
    return result


ENFORCED = (
    Setting("use_directory_urls", lambda t: False),  # the only layout that works from disk
    Setting("theme.font", lambda t: False),  # no web fonts from another host
    Setting("extra_css", lambda t: t.extra_css, "add"),
    Setting("extra_javascript", lambda t: t.extra_javascript, "add"),
    # anchors on headings, admonitions for banners
    Setting("markdown_extensions", lambda t: ["attr_list", "admonition", "toc"], "add"),
    Setting("nav", lambda t: _escaped_nav(t.nav), "default"),
    # read by the theme (escalation_handbook/theme/main.html, partials/tags.html)
    Setting("extra.handbook_labels", lambda t: MATERIAL_LABELS),
    # the offline copy (escalation_handbook/render/offline.py; None with offline_copy: false),
    # read by the theme and by the site hook that writes the service worker
    Setting("extra.handbook_offline", lambda t: t.extra.get("handbook_offline")),
)


def _name(entry: object) -> str:
    """A list entry's name: a script's path, or an extension's (`{"toc": {…}}` is "toc")."""
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


def enforce(config: MutableMapping[str, Any], tree: DocsTree) -> None:
    """Apply ``ENFORCED`` to a config: MkDocs' own in memory, or a plain dict to write out."""
    for setting in ENFORCED:
        *parents, key = setting.key.split(".")
        target = config
        for parent in parents:
            target = target.setdefault(parent, {})
        value = setting.value(tree)
        if setting.how == "add":
            entries = list(target.get(key) or [])
            names = {_name(e) for e in entries}
            target[key] = entries + [v for v in value if _name(v) not in names]
        elif setting.how == "set" or target.get(key) is None:
            target[key] = value


def name_site(config: MutableMapping[str, Any], title: str, organisation: str) -> str | None:
    """The site's name (header, tab titles) and footer come from handbook.yaml, so one edit
    there renames the site: `site_name` (which MkDocs requires all the same) is its title;
    `copyright` its organisation, unless mkdocs.yml writes one. A warning when that one names
    another organisation."""
    # Material prints both into every page without escaping them (the footer may hold HTML):
    # escaped once here, they show as written and never run.
    config["site_name"] = attr_text(title)
    footer = config.get("copyright")
    if not footer:
        config["copyright"] = attr_text(organisation)
    elif organisation.casefold() not in str(footer).casefold():
        return (f"handbook: mkdocs.yml's copyright '{footer}' does not name the organisation "
                f"'{organisation}' of playbooks/handbook.yaml: name it, or remove the "
                "copyright line (the footer then shows the organisation)")
    return None


def standalone_config(tree: DocsTree, site_name: str, theme_dir: str, docs_dir: str = "docs"
                      ) -> dict[str, Any]:
    """A complete mkdocs.yml for a docs tree written to disk, with no handbook plugin."""
    config: dict[str, Any] = {
        "site_name": site_name,
        "docs_dir": docs_dir,
        "theme": {"name": "material", "custom_dir": theme_dir, "features": THEME_FEATURES,
                  "palette": PALETTE},
        "plugins": ["search", "tags", "offline"],
        "hooks": [HOOK_FILE],
    }
    enforce(config, tree)
    config["markdown_extensions"] = [
        {name: EXTENSION_OPTIONS[name]} if name in EXTENSION_OPTIONS else name
        for name in map(_name, config["markdown_extensions"])]
    return config


class SettingsError(ValueError):
    """mkdocs.yml cannot be read: the message says where and what to do."""


class _SettingsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for a few plain settings; MkDocs' own tags (`!!python/name:`,
    `!ENV`) are read as nothing rather than refused."""


_SettingsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_site_settings(handbook_dir: Path) -> dict[str, Any]:
    """The top-level settings of the handbook's mkdocs.yml (none without one)."""
    path = handbook_dir / "mkdocs.yml"
    if not path.is_file():
        return {}
    try:
        settings = yaml.load(path.read_text("utf-8"), Loader=_SettingsLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise SettingsError(f"{where}: mkdocs.yml is not valid YAML: fix it first") from None
    return settings if isinstance(settings, dict) else {}


def load_overrides(config_file: Path) -> dict[str, str]:
    """What MkDocs' `load_config` is given besides mkdocs.yml: `docs/` is optional for a
    handbook (its pages are generated), but MkDocs refuses a docs_dir that does not exist, so
    a missing one is an empty folder of this process's instead."""
    try:
        written = read_site_settings(config_file.parent).get("docs_dir") or "docs"
    except SettingsError:
        return {}  # MkDocs reports the broken file itself
    if (config_file.parent / str(written)).is_dir():
        return {}
    return {"docs_dir": _empty_folder()}


@functools.cache
def _empty_folder() -> str:
    folder = tempfile.mkdtemp(prefix="handbook-no-docs-")
    atexit.register(shutil.rmtree, folder, True)
    return folder
