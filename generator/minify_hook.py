"""MkDocs hook: minify each page's HTML (whitespace between tags, optional quotes).

Material writes the visible navigation into every page with generous indentation; at a thousand
playbooks that whitespace was two fifths of every page. This module stands alone (it imports
only minify-html) so that `handbook render --out` can copy it next to the `mkdocs.yml` it writes:
the handbook plugin and a plain `mkdocs build` of the rendered tree then give the same bytes.
"""

from __future__ import annotations

from typing import Any

import minify_html


def minify(html: str) -> str:
    # Scripts and styles are left as written: Material ships them minified already, and ours
    # are small. Closing tags and <html>/<head> stay, for readers of the source.
    return minify_html.minify(html, keep_closing_tags=True, keep_html_and_head_opening_tags=True,
                              minify_css=False, minify_js=False)


def on_post_page(output: str, **kwargs: Any) -> str:
    return minify(output)
