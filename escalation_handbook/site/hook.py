"""MkDocs hook shared by the `handbook` plugin and by the mkdocs.yml `handbook render` writes.

It stands alone (it imports only minify-html, MkDocs and the standard library) so that `handbook
render --out` can copy it next to the mkdocs.yml it writes: both builds then give the same bytes.

- Each page's HTML is minified. Material writes the visible navigation into every page with
  generous indentation; at a thousand playbooks that whitespace was two fifths of every page.
- A trigger's signals (the words people type when it happens) become their own search field,
  weighted above titles: someone typing what they see should land on the trigger that names it,
  before pages whose titles happen to share a word. The render stage lists them in each playbook
  page's front matter (`handbook_signals`, trigger id → words).
- The offline copy's service worker (`handbook-sw.js`, where `extra.handbook_offline` says, from
  escalation_handbook/render/offline.py) is written last, once every other plugin has written its
  files: it lists the built files a reader may open, each with a hash of its content, so a
  rebuild of the same input writes the same bytes and a changed page is a new version.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

import minify_html
from mkdocs.plugins import CombinedEvent, event_priority

SIGNALS_FIELD = "signals"
SIGNALS_BOOST = 1e4  # Material weights titles 1e3 and text 1
_signals: dict[str, str] = {}  # search location → the trigger's signals, for this build


def minify(html: str) -> str:
    # Scripts and styles are left as written: Material ships them minified already, and ours
    # are small. Closing tags and <html>/<head> stay, for readers of the source.
    return minify_html.minify(html, keep_closing_tags=True, keep_html_and_head_opening_tags=True,
                              minify_css=False, minify_js=False)


def on_pre_build(**kwargs: Any) -> None:
    _signals.clear()


def forget_page(url: str) -> None:
    """Drop a page's signals before it is built again alone (`handbook serve`'s updates)."""
    for location in [k for k in _signals if k.split("#", 1)[0] == url]:
        del _signals[location]


def on_page_context(context: Any, page: Any, **kwargs: Any) -> Any:
    for trigger_id, words in (page.meta.get("handbook_signals") or {}).items():
        _signals[f"{page.url}#trigger-{trigger_id}"] = " ".join(str(w) for w in words)
    return context


def on_post_page(output: str, **kwargs: Any) -> str:
    return minify(output)


def on_post_template(output: str, template_name: str, **kwargs: Any) -> str:
    """The theme's own pages (404.html) are minified as the others are; the sitemap is not."""
    return minify(output) if template_name.endswith(".html") else output


def _search(config: Any) -> Any:
    """Material's search plugin in this build, if any."""
    return next((p for p in config["plugins"].values() if hasattr(p, "search_index")), None)


@event_priority(50)  # before Material's search plugin (0) writes its index
def add_signals(config: Any, **kwargs: Any) -> None:
    """Give the search index the signals, as a field of its own, before Material's search
    plugin writes it (and the offline plugin copies it into search_index.js)."""
    search = _search(config)
    if search is None:
        return
    index = search.search_index  # it writes the fields of its own copy of the plugin's config
    fields = {k: v for k, v in (index.config.get("fields") or {}).items() if k != SIGNALS_FIELD}
    if _signals:
        fields[SIGNALS_FIELD] = {"boost": SIGNALS_BOOST}
    index.config["fields"] = fields
    for entry in index.entries:
        words = _signals.get(entry.get("location"))
        if words is not None:
            entry[SIGNALS_FIELD] = words


# Never precached: source maps, the sitemap (for crawlers), and the search index as a script
# (search_index.js, for file:// only: over http Material fetches search_index.json).
SKIPPED_SUFFIXES = (".map",)
SKIPPED_FILES = {"sitemap.xml", "sitemap.xml.gz", "search/search_index.js"}
LUNR = "assets/javascripts/lunr/"


def _lunr_files(langs: Sequence[str]) -> set[str]:
    """The files under lunr/ Material's search worker loads for the site's languages (its own
    rules; none for English alone): the other forty languages are never opened."""
    files = {f"{LUNR}min/lunr.{lang}.min.js" for lang in langs if lang != "en"}
    files |= {f"{LUNR}tinyseg.js" for lang in langs if lang == "ja"}
    files |= {f"{LUNR}wordcut.js" for lang in langs if lang in ("hi", "th")}
    if len(langs) > 1:
        files.add(f"{LUNR}min/lunr.multi.min.js")
    if files:
        files.add(f"{LUNR}min/lunr.stemmer.support.min.js")
    return files


# A file's revision by path, with the size and modification time it had: `handbook serve`
# rewrites a few files a save, so hashing the thousands left alone again would be most of
# the list's cost. A file written again in a later build has a later modification time.
_revisions: dict[str, tuple[int, int, str]] = {}


def _revision(path: str) -> str:
    stat = os.stat(path)
    known = _revisions.get(path)
    if known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns):
        return known[2]
    with open(path, "rb") as file:
        revision = hashlib.sha256(file.read()).hexdigest()[:20]
    _revisions[path] = (stat.st_size, stat.st_mtime_ns, revision)
    return revision


def precache_list(site_dir: str, worker: str, when_opened: Sequence[str] = (),
                  langs: Sequence[str] = ("en",)) -> list[dict[str, str]]:
    """Every built file a reader may open, as `{url, revision}` (a hash of its bytes), sorted;
    but those under the prefixes ``when_opened`` (kept as the reader opens them) and the
    search languages other than ``langs``."""
    lunr = _lunr_files(langs)
    later = tuple(when_opened)
    entries = []
    for folder, dirs, names in os.walk(site_dir):
        dirs.sort()
        for name in sorted(names):
            path = os.path.relpath(os.path.join(folder, name), site_dir).replace(os.sep, "/")
            if (path == worker or path in SKIPPED_FILES or path.endswith(SKIPPED_SUFFIXES)
                    or (path.startswith(LUNR) and path not in lunr)
                    or (later and path.startswith(later))):
                continue
            entries.append({"url": quote(path), "revision": _revision(os.path.join(folder, name))})
    return sorted(entries, key=lambda entry: entry["url"])


@event_priority(-200)  # after Material's offline plugin (-100) writes search_index.js
def write_service_worker(config: Any, **kwargs: Any) -> None:
    offline = (config.get("extra") or {}).get("handbook_offline")
    if not offline:
        return
    search = _search(config)
    entries = precache_list(config["site_dir"], offline["worker"],
                            offline.get("when_opened") or [],
                            (search.config.get("lang") if search else None) or ["en"])
    lines = ",\n".join(json.dumps(entry, ensure_ascii=True, separators=(",", ":"))
                       for entry in entries)
    text = ("// The handbook's offline copy: the files of this build and a hash of each.\n"
            "// Written by the build (escalation_handbook/site/hook.py); the code is in "
            f"{offline['worker_code']}.\n"
            f"self.HANDBOOK_PRECACHE = [\n{lines}\n];\n"
            f"importScripts({json.dumps(offline['worker_code'])});\n")
    with open(os.path.join(config["site_dir"], offline["worker"]), "w", encoding="utf-8",
              newline="\n") as file:
        file.write(text)


on_post_build = CombinedEvent(add_signals, write_service_worker)
