"""The offline copy in the built site (no browser): the service worker's precache list covers
every page and asset a reader may open, with the hash of each file; the same input writes the
same bytes and a changed playbook changes its entries only; every page links the manifest and
carries the offline widget's data; `offline_copy: false` builds a site with neither."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import pytest
from support import copy_sample

from escalation_handbook.render import links
from escalation_handbook.render.offline import kept_when_opened
from escalation_handbook.site.hook import precache_list

pytestmark = pytest.mark.slow

HANDBOOK = Path(sys.executable).with_name("handbook")
TODAY = "2026-12-01"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
WORKER = "handbook-sw.js"


def _build(root: Path, site: Path | None = None) -> Path:
    extra = ["--site-dir", str(site)] if site else []
    done = subprocess.run([str(HANDBOOK), "build", str(root), "--today", TODAY, *extra],
                          env=ENV, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    return site or root / "site"


def precache(site: Path) -> dict[str, str]:
    """url → revision, read from the service worker the build wrote."""
    text = (site / WORKER).read_text("utf-8")
    start = text.index("self.HANDBOOK_PRECACHE = ") + len("self.HANDBOOK_PRECACHE = ")
    entries = json.loads(text[start:text.index("];", start) + 1])
    assert [e["url"] for e in entries] == sorted({e["url"] for e in entries})  # sorted, once
    return {e["url"]: e["revision"] for e in entries}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("offline") / "handbook")
    _build(root)
    return root


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.manifest: list[str] = []
        self.offline: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "manifest":
            self.manifest.append(values.get("href") or "")
        if "hb-offline" in (values.get("class") or "").split():
            self.offline.append(values)


def _pages(site: Path) -> dict[str, _Head]:
    pages = {}
    for page in sorted(site.rglob("*.html")):
        parser = _Head()
        parser.feed(page.read_text("utf-8"))
        pages[page.relative_to(site).as_posix()] = parser
    return pages


def test_the_precache_lists_every_page_and_asset_with_its_hash(sample) -> None:
    site = sample / "site"
    listed = precache(site)
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    # what a reader never opens: the worker itself, maps, the sitemap, the file:// search
    # index, and Material's search languages other than English (the sample's)
    never = {WORKER, "sitemap.xml", "sitemap.xml.gz", "search/search_index.js"}
    expected = {f for f in files if f not in never and not f.endswith(".map")
                and not f.startswith("assets/javascripts/lunr/")}
    assert set(map(unquote, listed)) == expected
    assert {f for f in files if f.endswith(".html")} <= expected
    for needed in ("index.html", "search/search_index.json", "assets/handbook/handbook.js",
                   "assets/handbook/finder-index.js", "assets/handbook/offline-worker.js",
                   "manifest.webmanifest", "assets/handbook/icons/icon-192.png"):
        assert needed in listed
    assert any(f.startswith("assets/javascripts/workers/search.") for f in listed)
    for url, revision in listed.items():
        assert revision == hashlib.sha256((site / unquote(url)).read_bytes()).hexdigest()[:20]
    text = (site / WORKER).read_text("utf-8")
    assert text.rstrip().endswith('importScripts("assets/handbook/offline-worker.js");')


def test_the_same_input_writes_the_same_worker_and_a_change_only_its_entries(sample, tmp_path
                                                                              ) -> None:
    again = _build(sample, tmp_path / "again")
    assert (again / WORKER).read_bytes() == (sample / "site" / WORKER).read_bytes()

    changed = copy_sample(tmp_path / "changed")
    source = changed / "playbooks" / "people" / "hr-grievance.yaml"
    text = source.read_text("utf-8")
    source.write_text(text.replace("act on every report.", "act on every report at once.", 1),
                      "utf-8")
    before, after = precache(sample / "site"), precache(_build(changed))
    assert set(before) == set(after)
    moved = {url for url in before if before[url] != after[url]}
    assert "playbooks/people/hr-grievance.html" in moved
    assert "search/search_index.json" in moved
    assert "assets/handbook/handbook.js" not in moved and "contacts.html" not in moved


def test_every_page_links_the_manifest_and_the_worker_at_the_root(sample) -> None:
    site = sample / "site"
    for name, page in _pages(site).items():
        # 404.html links from the root, as MkDocs writes it (a server shows it at any depth)
        depth = len(PurePosixPath(name).parts) - 1
        up = "/" if name == "404.html" else "../" * depth
        assert page.manifest == [up + "manifest.webmanifest"], name
        if name == "404.html":  # Material's 404 page has a content block of its own
            continue
        assert len(page.offline) == 1, name
        data = page.offline[0]
        assert data["data-worker"] == up + WORKER, name
        assert data["data-note"] == "Available offline · updated 1 December 2026"
        assert data["data-reload"] == "Reload"
    manifest = json.loads((site / "manifest.webmanifest").read_text("utf-8"))
    assert manifest["name"] == "Northwind Escalation Handbook"
    assert manifest["short_name"] == "Northwind"
    assert manifest["start_url"] == "index.html" and manifest["scope"] == "./"
    for icon in manifest["icons"]:
        assert (site / icon["src"]).is_file()


def test_offline_copy_false_builds_no_copy_and_no_manifest_only_a_remover(tmp_path) -> None:
    root = copy_sample(tmp_path / "handbook")
    settings = root / "playbooks" / "handbook.yaml"
    settings.write_text(settings.read_text("utf-8") + "\noffline_copy: false\n", "utf-8")
    site = _build(root)
    # where the copy's worker was, one that keeps nothing and removes an earlier copy
    remover = (site / WORKER).read_text("utf-8")
    assert "precache" not in remover.lower() and "importScripts" not in remover
    assert "self.registration.unregister()" in remover
    assert not (site / "manifest.webmanifest").exists()
    assert not (site / "assets" / "handbook" / "offline-worker.js").exists()
    for name, page in _pages(site).items():
        assert page.manifest == [] and page.offline == [], name


def test_a_large_handbook_keeps_print_training_review_and_team_pages_once_opened(tmp_path
                                                                                 ) -> None:
    assert kept_when_opened(links.LIST_LIMIT) == []
    later = kept_when_opened(links.LIST_LIMIT + 1)
    assert later == ["cards/", "contacts/", "review.html", "review/", "training/",
                     "writing-playbooks.html"]
    for path in ("index.html", "contacts.html", "playbooks/it/outage.html", "cards/it/outage.html",
                 "contacts/it.html", "training/index.html", "review/it.html", "review.html",
                 "search/search_index.json"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(path, "utf-8")
    kept = [entry["url"] for entry in precache_list(str(tmp_path), WORKER, later)]
    assert kept == ["contacts.html", "index.html", "playbooks/it/outage.html",
                    "search/search_index.json"]
    assert len(precache_list(str(tmp_path), WORKER)) == 9
