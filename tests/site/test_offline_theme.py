"""The theme overrides (escalation_handbook/theme) keep a Material site offline and accessible.

One small site is built with a real ``mkdocs build`` (Material, search + offline plugins,
light/dark palette) using ``escalation_handbook/theme`` as its override folder, then opened in
Chromium both from the file system (file://) and over HTTP on 127.0.0.1, to check that:

(a) search works over file:// (through the local iframe-worker shim),
(b) search works over HTTP (real web worker),
(c) the page makes no request to any other host,
(d) axe-core reports no violations, in the light and in the dark scheme.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support import broken_links

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
THEME = REPO / "escalation_handbook" / "theme"

MKDOCS_YML = """\
site_name: Escalation Handbook (theme test)
copyright: "Copyright &copy; 2025 Example Operations"
use_directory_urls: false
theme:
  name: material
  custom_dir: {theme}
  font: false
  features:
    - navigation.sections
    - search.highlight
  palette:
    - scheme: default
      toggle:
        icon: material/brightness-7
        name: Switch to dark mode
    - scheme: slate
      toggle:
        icon: material/brightness-4
        name: Switch to light mode
plugins:
  - search
  - offline
"""

PAGES = {
    "index.md": """\
        # Escalation Handbook

        Whom to call, and when, for each kind of incident.

        - [Database outage](database-outage.md)
        - [Payment failures](payments.md)
        """,
    "database-outage.md": """\
        # Database outage

        When the primary PostgreSQL cluster stops accepting writes, page the database
        on-call engineer within five minutes. If replication lag exceeds ten minutes,
        escalate to the storage team lead.

        ## Severity

        A full outage is severity one. Degraded read replicas are severity three.

        ```bash
        pg_isready --host primary.db.internal
        ```
        """,
    "payments.md": """\
        # Payment failures

        If card authorisations fail above two percent for fifteen minutes, call the
        payments duty manager and open a bridge with the acquirer.

        | Failure rate | Action |
        | --- | --- |
        | above 2 % | page the payments on-call |
        | above 10 % | call the duty manager |
        """,
}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the test site once per module and return its site/ folder."""
    root = tmp_path_factory.mktemp("offline-theme")
    docs = root / "docs"
    docs.mkdir()
    for name, text in PAGES.items():
        (docs / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(theme=THEME.as_posix()), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert broken_links(root / "site") == []
    return root / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def http_root(site: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 (random port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def chromium(browser):
    """The session's Debian Chromium (tests/conftest.py): one Playwright driver per process."""
    return browser


class Visit:
    """A fresh browser context on one URL, recording every request the page makes."""

    def __init__(self, browser, url: str) -> None:
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url, wait_until="load")

    def search(self, term: str) -> list[str]:
        """Open the search box, type ``term`` key by key, return the result links."""
        page = self.page
        opener = page.locator("label.md-header__button[for='__search']")
        if opener.is_visible():  # narrow screens: the magnifier opens the search dialog
            opener.click()
        box = page.locator("input.md-search__input")
        box.click()  # wide screens: the box sits in the header
        box.focus()
        page.keyboard.type(term, delay=20)
        items = page.locator(".md-search-result__item a")
        items.first.wait_for(state="attached", timeout=15_000)
        return [items.nth(i).get_attribute("href") or "" for i in range(items.count())]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(chromium):
    opened: list[Visit] = []

    def _open(url: str) -> Visit:
        opened.append(Visit(chromium, url))
        return opened[-1]

    yield _open
    for v in opened:
        v.close()


def _file_url(site: Path, page: str = "index.html") -> str:
    return (site / page).as_uri()


def _assert_local(requests: list[str], origin: str | None) -> None:
    """Every request is file:// (origin None) or same-origin with ``origin``."""
    assert requests, "no requests recorded"
    for url in requests:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        if origin is None:
            assert parts.scheme == "file", f"request off the file system: {url}"
        else:
            assert f"{parts.scheme}://{parts.netloc}" == origin, f"foreign request: {url}"


# --------------------------------------------------------------------------- static checks


def test_built_pages_name_no_other_host(site: Path) -> None:
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "unpkg.com" not in text, html
        assert "fonts.googleapis.com" not in text, html
        assert "fonts.gstatic.com" not in text, html
        for src in re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', text):
            assert not re.match(r"^(?:[a-z]+:)?//", src), f"{html.name} loads {src}"
    assert (site / "assets/javascripts/iframe-worker.js").is_file()
    assert (site / "assets/stylesheets/handbook-theme.css").is_file()
    assert (site / "search/search_index.js").is_file()
    assert not (site / "README.md").exists(), "theme README leaked into the site"


def test_search_partial_matches_material_but_for_dialog_name() -> None:
    """Our partials/search.html is Material's with one added aria-label: keep them in sync."""
    material = pytest.importorskip("material")
    theirs = (Path(material.__file__).parent / "templates/partials/search.html").read_text()
    ours = (THEME / "partials/search.html").read_text()

    def body(text: str) -> str:
        return re.sub(r"^\{#-.*?-#\}\n", "", text, count=1, flags=re.S)

    expected = body(theirs).replace(
        'role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">', 1
    )
    assert body(ours) == expected, "Material's partials/search.html changed: re-copy it"


# --------------------------------------------------------------------------- (a) + (b) search


def test_search_works_over_file(site: Path, visit) -> None:
    v = visit(_file_url(site))
    assert v.page.evaluate("window.Worker === window.IFrameWorker")
    hits = v.search("replication")
    assert any("database-outage.html" in href for href in hits), hits
    assert v.page.locator("iframe[title]").count() == 1  # the worker's hidden frame
    assert not v.errors
    _assert_local(v.requests, None)


def test_search_works_over_http(http_root: str, visit) -> None:
    v = visit(http_root + "index.html")
    assert not v.page.evaluate("window.Worker === window.IFrameWorker")
    hits = v.search("acquirer")
    assert any("payments.html" in href for href in hits), hits
    assert v.page.locator("iframe").count() == 0  # a real worker, no shim frame
    assert not v.errors
    _assert_local(v.requests, http_root.rstrip("/"))


# --------------------------------------------------------------------------- (c) requests


@pytest.mark.parametrize("page", ["index.html", "database-outage.html", "payments.html"])
def test_every_request_stays_local(site: Path, http_root: str, visit, page: str) -> None:
    on_disk = visit(_file_url(site, page))
    on_disk.page.wait_for_load_state("networkidle")
    _assert_local(on_disk.requests, None)
    served = visit(http_root + page)
    served.page.wait_for_load_state("networkidle")
    _assert_local(served.requests, http_root.rstrip("/"))


# --------------------------------------------------------------------------- (d) axe


def _switch_scheme(page, scheme: str) -> None:
    body = page.locator("body")
    if body.get_attribute("data-md-color-scheme") != scheme:
        page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function(
        "s => document.body.getAttribute('data-md-color-scheme') === s", arg=scheme
    )


def _axe(axe_sync, page):
    """Run axe once CSS transitions (search fade-in, scheme switch) have finished."""
    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running')", timeout=10_000
    )
    return axe_sync.Axe().run(page)


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize(
    ("page", "query"),
    [
        ("index.html", None),
        ("database-outage.html", None),
        ("payments.html", None),
        ("index.html", "outage"),  # search dialog open, with results and highlighted terms
        ("database-outage.html?h=replication", None),  # page reached from a search result
    ],
)
def test_axe_finds_no_violations(
    http_root: str, visit, scheme: str, page: str, query: str | None
) -> None:
    axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright")
    v = visit(http_root + page)
    _switch_scheme(v.page, scheme)
    if query:
        assert v.search(query)
    results = _axe(axe_sync, v.page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_over_file_in_dark_scheme(site: Path, visit) -> None:
    axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright")
    v = visit(_file_url(site, "payments.html"))
    _switch_scheme(v.page, "slate")
    assert v.search("bridge")
    results = _axe(axe_sync, v.page)
    assert results.violations_count == 0, results.generate_report()
