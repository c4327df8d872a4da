"""The offline copy: what the render stage adds so that a phone keeps the handbook.

- `manifest.webmanifest` at the site's root: name, short name, icons and colours, so the handbook
  can be added to a home screen; its URLs are relative, so it works under any base path.
- the icons (`assets/icons/` in the package) and `offline-worker.js`: the vendored Workbox builds
  (`assets/vendor/workbox/`, copied unchanged) followed by our own worker code.
- the data every page carries (MkDocs' `extra.handbook_offline`, written by the theme's
  `main.html`): the manifest link, where the service worker is, the widget's sentences, and
  for the hook the pages a large handbook keeps only once opened (`kept_when_opened`).

With `offline_copy: false` there is no manifest and no link, and `handbook-sw.js` is a worker
that removes what an earlier build left on a device (`removal_files`).

The service worker itself (`handbook-sw.js`, at the root so that its scope is the whole site)
can only list the built files with their hashes once MkDocs has written them: the shared site hook
(`escalation_handbook/site/hook.py`) writes it after the build, from this data.
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from typing import Any

from . import links, wording

MANIFEST = "manifest.webmanifest"
WORKER = "handbook-sw.js"  # written by the site hook, after the build
WORKER_CODE = f"{links.ASSETS}/offline-worker.js"
ICONS = ("icon-192.png", "icon-512.png", "icon.svg")
THEME_COLOUR = "#3f51b5"  # Material's indigo, the palette's primary colour
SHORT_NAME_LIMIT = 12  # what a home screen shows under an icon without cutting it
# Workbox's builds in the order they depend on each other (each one sets a `workbox.*` global).
WORKBOX = ("workbox-core", "workbox-routing", "workbox-strategies", "workbox-precaching")


def _assets() -> Any:
    return resources.files("escalation_handbook").joinpath("assets")


def short_name(title: str) -> str:
    """The title's leading words that fit under a home-screen icon (its first word at least)."""
    words = title.split()
    name = words[0] if words else title
    for word in words[1:]:
        if len(name) + 1 + len(word) > SHORT_NAME_LIMIT:
            break
        name = f"{name} {word}"
    return name


def manifest(title: str) -> str:
    icons = [{"src": f"{links.ASSETS}/icons/{name}", "sizes": name[5:-4] + "x" + name[5:-4],
              "type": "image/png"} for name in ICONS if name.endswith(".png")]
    icons.append({"src": f"{links.ASSETS}/icons/icon.svg", "sizes": "any",
                  "type": "image/svg+xml"})
    return json.dumps({
        "name": title, "short_name": short_name(title),
        "start_url": "index.html", "scope": "./", "display": "standalone",
        "background_color": "#ffffff", "theme_color": THEME_COLOUR, "icons": icons,
    }, ensure_ascii=False, indent=1) + "\n"


def worker_code() -> str:
    """Workbox's four builds, unchanged but for their source-map comments (the maps are not
    shipped), then our worker (`assets/offline/worker.js`)."""
    vendor = _assets().joinpath("vendor", "workbox")
    parts = []
    for name in WORKBOX:
        text = vendor.joinpath(f"{name}.prod.js").read_text("utf-8")
        lines = [line for line in text.splitlines() if not line.startswith("//# sourceMappingURL")]
        parts.append(f"/* --- {name} (MIT, see LICENSE.txt beside it) --- */\n" + "\n".join(lines))
    own = _assets().joinpath("offline", "worker.js").read_text("utf-8")
    return "\n".join([*parts, own])


def offline_files(title: str) -> dict[str, bytes]:
    """The files of the docs tree the offline copy needs."""
    icons = _assets().joinpath("icons")
    files = {MANIFEST: manifest(title).encode(), WORKER_CODE: worker_code().encode()}
    for name in ICONS:
        files[f"{links.ASSETS}/icons/{name}"] = icons.joinpath(name).read_bytes()
    return files


def removal_files() -> dict[str, bytes]:
    """With the offline copy off: a worker where the copy's worker was, which no page registers,
    so that a device that kept a copy of an earlier build removes it at its browser's next update
    check (`assets/offline/remove.js`)."""
    return {WORKER: _assets().joinpath("offline", "remove.js").read_bytes()}


def kept_when_opened(playbooks: int) -> list[str]:
    """The pages a large handbook's copy keeps only once a reader opens them (path prefixes of
    the site), so that a phone is not made to fetch what it never opens in an incident: the
    incident cards (for paper: `handbook cards`), the quizzes, the review pages (for owners),
    the Writing playbooks reference (for authors) and the per-team directory pages (a playbook
    page writes its contacts' numbers out). A handbook of up to `LIST_LIMIT` playbooks keeps
    everything."""
    if playbooks <= links.LIST_LIMIT:
        return []
    folder = lambda page: page.rsplit("/", 1)[0] + "/"  # noqa: E731
    return sorted([folder(links.CARDS), folder(links.TRAINING), links.html_path(links.REVIEW),
                   folder(links.review_section_page("x")), links.html_path(links.REFERENCE),
                   folder(links.team_page("x"))])


def page_data(built: date, playbooks: int) -> dict[str, Any]:
    """`extra.handbook_offline`: what the theme writes into every page, and the hook reads."""
    return {"manifest": MANIFEST, "worker": WORKER, "worker_code": WORKER_CODE,
            "theme_color": THEME_COLOUR, "text": wording.offline_text(built),
            "when_opened": kept_when_opened(playbooks)}
