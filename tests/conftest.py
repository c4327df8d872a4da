"""Shared fixtures: one Chromium per test process (one sync Playwright driver) and a web server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@contextlib.contextmanager
def serve_dir(path: str | os.PathLike[str]) -> Iterator[tuple[str, object]]:
    """Serve ``path`` over HTTP on 127.0.0.1 (a free port) in a thread.

    Yields ``(base_url, stop)``; ``base_url`` ends with ``/``. The server stops when the
    ``with`` block ends (calling ``stop()`` earlier is allowed).
    """
    handler = functools.partial(_QuietHandler, directory=str(Path(path).resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="serve_dir", daemon=True)
    thread.start()
    stopped = False

    def stop() -> None:
        nonlocal stopped
        if not stopped:
            stopped = True
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)

    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}/", stop
    finally:
        stop()


def _chromium_available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists()


@pytest.fixture(scope="session")
def playwright_instance():
    if not _chromium_available():
        message = f"playwright or {CHROMIUM} not available (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs chromium: a missing browser is a broken setup
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    """One Chromium for the whole session (Debian's /usr/bin/chromium)."""
    b = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture
def context(browser):
    """A fresh browser context (own localStorage) per test."""
    ctx = browser.new_context()
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    p = context.new_page()
    p.set_default_timeout(10_000)
    yield p
    p.close()


@pytest.fixture(scope="session")
def serve():
    """``serve_dir`` as a fixture, for test modules that cannot import this conftest."""
    return serve_dir

