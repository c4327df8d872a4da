"""The MkDocs settings a handbook site needs, as plain data.

The plugin applies them to the MkDocs config in memory; `handbook render --out` writes them into
the `mkdocs.yml` it generates. One source for both, so the two builds give the same site.
"""

from __future__ import annotations

from typing import Any

from ..render import DocsTree

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
# What the pages themselves rely on: anchors on headings, admonitions for banners.
REQUIRED_EXTENSIONS = ["attr_list", "admonition", "toc"]


# Copied beside the mkdocs.yml that `handbook render` writes (see escalation_handbook/site/hook.py).
HOOK_FILE = "hooks/site_hook.py"


def required_settings(tree: DocsTree) -> dict[str, Any]:
    """Settings every handbook build enforces, whatever mkdocs.yml says."""
    return {
        "use_directory_urls": False,  # the only layout that works when opened from disk
        "theme.font": False,  # no web fonts from another host
        "extra_css": tree.extra_css,
        "extra_javascript": tree.extra_javascript,
        "markdown_extensions": REQUIRED_EXTENSIONS,
    }


def standalone_config(tree: DocsTree, site_name: str, theme_dir: str, docs_dir: str = "docs"
                      ) -> dict[str, Any]:
    """A complete mkdocs.yml for a docs tree written to disk, with no handbook plugin."""
    return {
        "site_name": site_name,
        "docs_dir": docs_dir,
        "use_directory_urls": False,
        "theme": {"name": "material", "custom_dir": theme_dir, "font": False,
                  "features": THEME_FEATURES, "palette": PALETTE},
        "extra_css": tree.extra_css,
        "extra_javascript": tree.extra_javascript,
        "markdown_extensions": [*REQUIRED_EXTENSIONS[:-1],
                                {"toc": {"permalink": True, "toc_depth": 2}}],
        "plugins": ["search", "tags", "offline"],
        "hooks": [HOOK_FILE],
        "nav": tree.nav,
    }
