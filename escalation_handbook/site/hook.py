"""MkDocs hook shared by the `handbook` plugin and by the mkdocs.yml `handbook render` writes.

It stands alone (it imports only minify-html and the standard library) so that `handbook render
--out` can copy it next to the mkdocs.yml it writes: both builds then give the same bytes.

- Each page's HTML is minified. Material writes the visible navigation into every page with
  generous indentation; at a thousand playbooks that whitespace was two fifths of every page.
- A trigger's signals (the words people type when it happens) become their own search field,
  weighted above titles: someone typing what they see should land on the trigger that names it,
  before pages whose titles happen to share a word. The render stage lists them in each playbook
  page's front matter (`handbook_signals`, trigger id → words).
"""

from __future__ import annotations

import json
import os
from typing import Any

import minify_html

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


def on_page_context(context: Any, page: Any, **kwargs: Any) -> Any:
    for trigger_id, words in (page.meta.get("handbook_signals") or {}).items():
        _signals[f"{page.url}#trigger-{trigger_id}"] = " ".join(str(w) for w in words)
    return context


def on_post_page(output: str, **kwargs: Any) -> str:
    return minify(output)


def on_post_build(config: Any, **kwargs: Any) -> None:
    """Add the signals to the search index Material's search plugin wrote (before the offline
    plugin copies it into search_index.js)."""
    path = os.path.join(config["site_dir"], "search", "search_index.json")
    if not _signals or not os.path.isfile(path):
        return
    with open(path, encoding="utf-8") as file:
        index = json.load(file)
    index["config"].setdefault("fields", {})[SIGNALS_FIELD] = {"boost": SIGNALS_BOOST}
    for doc in index["docs"]:
        if doc.get("location") in _signals:
            doc[SIGNALS_FIELD] = _signals[doc["location"]]
    with open(path, "w", encoding="utf-8") as file:
        json.dump(index, file, ensure_ascii=False, separators=(",", ":"))
