"""Every text from the YAML reaches the page as text.

Three ways in, one per context:
- ``md``: inside Markdown (headings, list items): HTML-escaped and every character Markdown or its
  extensions would act on neutralised, so `*`, `[x](y)`, `{: .attr}` or `:emoji:` show as written.
- Jinja autoescape: inside the HTML blocks of our templates.
- ``prose``: the prose fields (summary, description, actions, explain, requirement) may use
  Markdown emphasis, lists, quotes, code and http(s) links: rendered by markdown-it-py
  (CommonMark, raw HTML shown as text, in time linear in the text: Python-Markdown takes
  minutes on a few thousand ``[``), then sanitised by nh3 (ammonia) to a short allow-list,
  links restricted to http, https, mailto and tel (``model.prose``: `check` warns about the
  others).
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from typing import Any

import nh3
from markupsafe import Markup

from ..model.prose import LINK_SCHEMES, markdown

# Python-Markdown's backslash escapes, and entities for what its extensions act on.
_BACKSLASH = set("\\`*_{}[]()#+-.!>")
_ENTITY = {"|": "&#124;", "~": "&#126;", "^": "&#94;", "=": "&#61;", ":": "&#58;",
           "$": "&#36;", "@": "&#64;", "%": "&#37;"}
_TAGS = {"p", "em", "strong", "a", "code", "br", "ul", "ol", "li", "blockquote"}
_INLINE_WRAPPER = re.compile(r"^<p>(.*)</p>$", re.DOTALL)


def md(value: Any) -> Markup:
    """Text for a Markdown context: shown exactly as written, never interpreted."""
    text = html.escape(str(value), quote=True)
    out = []
    for char in text:
        if char in _BACKSLASH:
            out.append("\\" + char)
        elif char in _ENTITY:
            out.append(_ENTITY[char])
        elif char == "\n":
            out.append(" ")
        else:
            out.append(char)
    return Markup("".join(out))


_converter = markdown()
# Text with none of these is one plain paragraph: no need to run Markdown on it.
_MARKDOWN_SIGNS = re.compile(
    r"[\\`*_\[\]<>&#!|~]"  # inline syntax, HTML and entities
    r"|^\s*([-+]|\d+[.)])\s|^ {4}|^\t|^[=-]+\s*$"  # lists, code blocks, headings, rules
    r"|\n\s*\n|  \n",  # paragraphs and hard breaks
    re.MULTILINE,
)


def prose(value: Any) -> Markup:
    """A prose field as safe HTML: Markdown emphasis, lists and http(s) links only."""
    if value is None:
        return Markup("")
    return Markup(_prose(str(value)))


@lru_cache(maxsize=65536)  # the same actions and summaries appear on many pages
def _prose(text: str) -> str:
    if not _MARKDOWN_SIGNS.search(text):
        return f"<p>{html.escape(text.strip(), quote=False)}</p>"
    rendered = _converter.render(text).strip()
    return nh3.clean(
        rendered, tags=_TAGS, attributes={"a": {"href", "title"}},
        url_schemes=set(LINK_SCHEMES), link_rel="noopener noreferrer",
    )


def prose_inline(value: Any) -> Markup:
    """A one-paragraph prose field without its <p> wrapper, for use inside a sentence."""
    rendered = str(prose(value)).strip()
    match = _INLINE_WRAPPER.match(rendered)
    if match and "<p>" not in match.group(1):
        return Markup(match.group(1))
    return Markup(rendered)


def script_json(data: Any) -> Markup:
    """JSON safe to embed in <script type="application/json">: no way to close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Only `</` (which could close it) and `<!` (which could open a comment that hides the
    # close) matter inside a script element; escaping every `<` and `>` made the HTML in
    # tree data a third heavier.
    text = text.replace("</", "<\\/").replace("<!", "\\u003c!")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def attr_text(value: Any) -> str:
    """Plain text for an HTML attribute or MkDocs title: escaped once, shown as written."""
    return html.escape(str(value), quote=True)
