"""Shared helpers of the unit and acceptance tests: example handbooks built in a temporary folder.

An example case is a folder of files laid over the base handbook (the playbooks and quizzes of
the starter that ``handbook init`` writes, which pass): each file replaces or adds the file at
the same path, and ``delete.txt`` lists files to remove. ``expected.txt`` holds the exact output
of ``handbook check``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = Path(__file__).parent / "examples"
BASE = REPO / "escalation_handbook" / "starter"
BASE_PARTS = ("playbooks", "quizzes")  # the handbook itself, without the site's files
TODAY = "2026-06-01"
CASE_FILES = {"expected.txt", "delete.txt", "args.txt", "README.md"}
HANDBOOK_BIN = Path(sys.executable).with_name("handbook")
SITE_DAY = "2026-12-01"  # the day the browser tests' sites are built on


def build(case: Path | None, into: Path) -> Path:
    """The base handbook with ``case`` laid over it, written under ``into``; its root."""
    root = copy_base(into / "handbook")
    if case is None:
        return root
    for path in sorted(case.rglob("*")):
        relative = path.relative_to(case)
        if path.is_dir() or relative.as_posix() in CASE_FILES:
            continue
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    deletions = case / "delete.txt"
    if deletions.exists():
        for line in deletions.read_text().split():
            (root / line).unlink()
    return root


def copy_base(root: Path) -> Path:
    """The base handbook written at ``root`` (which may exist); its root."""
    for part in BASE_PARTS:
        shutil.copytree(BASE / part, root / part, dirs_exist_ok=True)
    return root


def args(case: Path) -> list[str]:
    extra = case / "args.txt"
    return extra.read_text().split() if extra.exists() else []


# The sample handbook: what `handbook build` in this repository reads.
SAMPLE_PARTS = ("mkdocs.yml", "playbooks", "quizzes", "docs", "site_overrides")


def copy_sample(dest: Path) -> Path:
    """A copy of the sample handbook under ``dest`` (tests never write into the repository)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in SAMPLE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        elif source.is_file():
            shutil.copyfile(source, dest / part)
    return dest


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page, once CSS transitions (search fade-in, scheme switch,
    the header's title sliding in on scroll) have finished: mid-fade colours are not real."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running')", timeout=10_000)
    results = Axe().run(page)
    if results.violations_count == 0:
        return []
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}"
            for v in results.response["violations"]]


LINK_ATTRIBUTES = {"href", "src"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links.extend(v for k, v in attrs if k in LINK_ATTRIBUTES and v)
        if tag == "title":
            # A <title> holds text only (RCDATA, as browsers read it); html.parser before
            # Python 3.13 would read a hostile title's "<img src=x>" as a tag.
            self.set_cdata_mode("title")


def broken_links(site: Path) -> list[str]:
    """Every link or resource in the built ``site`` that points at a file it does not hold, as
    ``page → link``. Parsed as HTML: minified pages leave attributes unquoted."""
    site = site.resolve()
    broken: list[str] = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text("utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another host, tel:, mailto:, or a place on the same page
            path = unquote(parts.path)
            # only 404.html links from the root (a server shows it at any depth)
            base = site if path.startswith("/") else page.parent
            target = (base / path.lstrip("/")).resolve()
            if parts.path.endswith("/"):
                target = target / "index.html"
            if not target.is_relative_to(site) or not target.is_file():
                broken.append(f"{page.relative_to(site).as_posix()} → {link}")
    return broken


def built_site(root: Path, today: str = SITE_DAY, timeout: int = 180) -> Path:
    """The site of the handbook at ``root``, built by a real run of ``handbook build``."""
    done = subprocess.run([str(HANDBOOK_BIN), "build", str(root), "--today", today],
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                          capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr
    return root / "site"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def handbook_serve(root: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A real ``handbook serve`` of ``root`` on a free port of 127.0.0.1, its output in ``log``:
    (its base URL, the process); stopped afterwards."""
    port = free_port()
    with log.open("w") as out:
        server = subprocess.Popen([str(HANDBOOK_BIN), "serve", str(root), "--port", str(port)],
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                                  stdout=out, stderr=subprocess.STDOUT)
        try:
            yield f"http://127.0.0.1:{port}/", server
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_served(url: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    """Wait until ``url`` answers 200; fails when the server exits or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, f"handbook serve exited with {server.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {timeout} s")
