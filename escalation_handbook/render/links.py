"""Where each generated page lives and how one page links to another.

MkDocs rewrites links in Markdown, but not in raw HTML nor in the JSON for the widgets, so the
render stage computes final URLs itself. Sites are built with ``use_directory_urls: false`` (the
only layout that works when opened from disk), so ``a/b.md`` is served as ``a/b.html``.
"""

from __future__ import annotations

import posixpath
import re
from functools import cache, lru_cache

HOME = "index.md"
CONTACTS = "contacts.md"
SEVERITIES = "severities.md"
COVERAGE = "coverage.md"
TRAINING = "training/index.md"
REVIEW = "review.md"
REVIEW_JSON = "review.json"
REFERENCE = "writing-playbooks.md"
TAGS = "tags.md"
ASSETS = "assets/handbook"
CARDS = "cards/index.md"  # the whole handbook's incident card
LOG = "log.md"  # the incident log (render/incident_log.py)


# Pages that list the whole handbook switch to a summary with links when their list would be
# longer than this: Material repeats every page's full weight, so a page listing a thousand
# playbooks or contacts would cost every reader its megabytes.
LIST_LIMIT = 60
DIRECTORY_LIMIT = 40  # a directory entry weighs more: ways to reach, backup, where used


def team_page(slug: str) -> str:
    return f"contacts/{slug}.md"


def review_section_page(slug: str) -> str:
    return f"review/{slug}.md"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "other"


def playbook_page(section: str, playbook_id: str) -> str:
    return f"playbooks/{section}/{playbook_id}.md"


def section_page(section: str) -> str:
    return f"playbooks/{section}/index.md"


def card_page(section: str, playbook_id: str) -> str:
    return f"cards/{section}/{playbook_id}.md"


def quiz_page(quiz_id: str) -> str:
    return f"training/{quiz_id}.md"


def html_path(page: str) -> str:
    return re.sub(r"\.md$", ".html", page)


@cache  # cleared after each render (`render.clear_caches`)
def relative(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """URL of ``to_page`` (a docs path) as seen from ``from_page``."""
    url = "" if to_page == from_page else _relative(posixpath.dirname(from_page), to_page)
    return f"{url}#{anchor}" if anchor else (url or "#")


@lru_cache(maxsize=65536)
def _relative(from_dir: str, to_page: str) -> str:
    target = html_path(to_page) if to_page.endswith(".md") else to_page
    return posixpath.relpath(target, from_dir or ".")


def section_title(section: str) -> str:
    """`people-and-safety` → `People and safety`."""
    words = section.split("/")[-1].replace("-", " ").replace("_", " ")
    return words[:1].upper() + words[1:]
