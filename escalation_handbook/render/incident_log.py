"""The incident log page (`log.md`) and what its widget needs: the log's words and rules
(`incident_log.text`), the severity levels, and one script per playbook with the plan a log
follows (`incident_log.plan`), loaded when a log starts (a script, not JSON: a page opened from
`file://` may load a script but not fetch a file)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..clocks import playbook_clocks
from ..folder import Document, Handbook
from ..incident_log.plan import playbook_plan, respond_deadline
from ..incident_log.text import PAGE, browser_text
from . import links

if TYPE_CHECKING:  # views.py links each trigger outcome here: no import at run time
    from ..model import Playbook
    from .views import Lookups

DATA_DIR = f"{links.ASSETS}/log"
GLOBAL = "HandbookLogPlaybooks"  # the scripts add each playbook's plan to this object
LABEL = PAGE["start"]


def data_script(playbook_id: str) -> str:
    return f"{DATA_DIR}/{playbook_id}.js"


def start_url(page: str, playbook_id: str, trigger_id: str | None = None) -> str:
    """The log page, opened on the start of a log for this playbook (and trigger)."""
    target = playbook_id + (f"/{trigger_id}" if trigger_id else "")
    return links.relative(page, links.LOG, f"new={target}")


def start_link(page: str, playbook_id: str, trigger_id: str | None = None) -> dict[str, str]:
    """What the finder's and the questions' cards show: `{url, label}`."""
    return {"url": start_url(page, playbook_id, trigger_id), "label": LABEL}


def page_data(handbook: Handbook, site: Lookups) -> dict[str, Any]:
    """The log page's JSON: every sentence, the severities, where the plans are."""
    page = links.LOG
    settings = handbook.settings.model if handbook.settings else None
    return {
        "id": "page", "text": browser_text(), "global": GLOBAL,
        "handbook": settings.title if settings else "",
        "data_url": links.relative(page, DATA_DIR) + "/",
        "home_url": links.relative(page, links.HOME),
        "severities": [{**site.severity(sid), "respond": respond_deadline(s)}
                       for sid, s in site.severities.items()],
    }


def playbook_data(site: Lookups, playbook_id: str) -> dict[str, Any]:
    doc = site.playbooks[playbook_id]
    plan = playbook_plan(doc.model, site.contacts, playbook_clocks(site.handbook, doc))
    used = dict.fromkeys(c for p in plan["pathways"] for s in p["steps"] for c in s["contacts"])
    plan["contacts"] = {c: site.contact(c, links.LOG) for c in used if c in site.contacts}
    plan["playbook"]["url"] = site.playbook_url(links.LOG, doc.id)
    return plan


def playbook_script(site: Lookups, doc: Document[Playbook]) -> bytes:
    """The script that hands the log page one playbook's plan."""
    text = json.dumps(playbook_data(site, doc.id), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return (f"(globalThis.{GLOBAL} = globalThis.{GLOBAL} || {{}})[{json.dumps(doc.id)}] = "
            f"{text};\n").encode()


def data_files(site: Lookups, script: Callable[[Document[Playbook]], bytes]
               ) -> dict[str, bytes]:
    """One script per playbook, by docs path, each made by ``script`` (`playbook_script`, or
    under `handbook serve` the same remembered between renders)."""
    return {data_script(doc.id): script(doc) for doc in site.playbooks.values()}
