"""Who an author's page is for: a page of docs/ whose front matter says `audience: policy owners`
is for the people who edit the handbook, listed with the generated "Writing playbooks" page under
"For policy owners" at the end of the navigation, or left out of a reader build (the plugin's
`policy_owner_pages: false`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.utils import meta

from ..pipeline import AuthorDocs

AUDIENCE_KEY = "audience"
POLICY_OWNERS = "policy owners"


def for_policy_owners(docs: AuthorDocs) -> set[str]:
    """The docs paths of the pages whose front matter names policy owners as their audience."""
    found = set()
    for page in docs.pages:
        text = (docs.folder / page).read_text(encoding="utf-8", errors="replace")
        if not text.startswith("---"):
            continue
        try:
            _, data = meta.get_data(text)
        except Exception:
            continue
        audience = data.get(AUDIENCE_KEY) if isinstance(data, dict) else None
        if isinstance(audience, str) and audience.strip().casefold() == POLICY_OWNERS:
            found.add(page)
    return found


def without(docs: AuthorDocs, pages: set[str]) -> list[Path]:
    """The files of ``docs`` less the Markdown ``pages`` (a reader build's files)."""
    return [p for p in docs.sources.files
            if p.relative_to(docs.folder).as_posix() not in pages]


def shown_in(settings: dict[str, Any]) -> bool:
    """The `policy_owner_pages` option of the `handbook` plugin in a read mkdocs.yml."""
    for plugin in settings.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("handbook"), dict):
            return plugin["handbook"].get("policy_owner_pages", True) is not False
    return True
