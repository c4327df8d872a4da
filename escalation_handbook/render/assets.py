"""The browser assets every site ships: `handbook.js`, joined from one file per widget, and
the stylesheets (`handbook.css`, `cards.css`, `print.css`).

No Node build step and no module loader (a site opened from `file://` cannot load ES modules):
the widget files under `assets/widgets/` are plain scripts joined here, in a fixed order, into
one file. A new widget is a file in `assets/widgets/` and its name in `WIDGET_SCRIPTS`.
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

from . import links

# core.js first (it defines window.Handbook and its helpers), start.js last (it runs every
# widget the files before it registered); widgets run in this order.
WIDGET_SCRIPTS = (
    "core.js",
    "tree.js",
    "finder.js",
    "quiz.js",
    "review.js",
    "material-a11y.js",
    "incident-log.js",
    "hours.js",
    "offline.js",
    "start.js",
)
SCRIPT = f"{links.ASSETS}/handbook.js"
STYLESHEET = f"{links.ASSETS}/handbook.css"
# The widgets' styles, the incident cards' (render/cards.py) and the print stylesheet.
STYLESHEETS = (STYLESHEET, f"{links.ASSETS}/cards.css", f"{links.ASSETS}/print.css")


def _assets() -> Traversable:
    return resources.files("escalation_handbook").joinpath("assets")


def handbook_js() -> str:
    """The widget scripts joined into one; a page that loads it twice runs it once."""
    widgets = _assets().joinpath("widgets")
    parts = [f"/* --- widgets/{name} --- */\n{widgets.joinpath(name).read_text('utf-8')}"
             for name in WIDGET_SCRIPTS]
    return "if (!window.Handbook) {\n" + "\n".join(parts) + "}\n"


def asset_files() -> dict[str, bytes]:
    """The files to add to the docs tree, by docs path."""
    files = {SCRIPT: handbook_js().encode()}
    for path in STYLESHEETS:
        files[path] = _assets().joinpath(path.rsplit("/", 1)[-1]).read_bytes()
    return files
