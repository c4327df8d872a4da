"""`handbook serve` while a YAML file is broken: pages answer at once with the problems (each
`path:line:col`), with live reload's script so the browser comes back by itself; the assets of
the last good site are still served, and its pages return with the save that fixes the file.

A real `handbook serve` (real HTTP, real file watching) on a new handbook (`handbook init`),
without a docs/ folder (it is optional).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from support import handbook_serve

from escalation_handbook.site.error_page import TITLE

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("serve")]

HANDBOOK = Path(sys.executable).with_name("handbook")
TODAY = "2026-06-01"
LOCATED = re.compile(r"playbooks/general/service-outage\.yaml:\d+:\d+: error: .+\[[a-z-]+\]")


def fetch(url: str) -> tuple[int, str]:
    """Status and body; a request that takes more than 10 s fails the test (no hanging)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(url: str, server: subprocess.Popen, log: Path, wanted) -> tuple[int, str]:  # type: ignore[type-arg]
    deadline = time.monotonic() + 60
    while True:
        assert server.poll() is None, log.read_text()
        try:
            status, body = fetch(url)
            if wanted(status, body):
                return status, body
        except (urllib.error.URLError, ConnectionError):
            pass  # not listening yet
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.3)


def test_a_broken_file_shows_its_problems_in_the_browser_until_fixed(tmp_path):
    root = tmp_path / "handbook"
    assert subprocess.run([str(HANDBOOK), "init", str(root), "--today", TODAY],
                          capture_output=True).returncode == 0
    shutil.rmtree(root / "docs")
    log = tmp_path / "serve.log"
    with handbook_serve(root, log) as (base, server):
        page = base + "playbooks/general/service-outage.html"
        _, good = wait_for(page, server, log, lambda s, b: s == 200 and "Service outage" in b)
        stylesheet = re.search(r'href="?([^" >]*handbook\.css)', good).group(1)
        source = root / "playbooks" / "general" / "service-outage.yaml"
        written = source.read_text("utf-8")
        source.write_text(written.replace("severity: sev1", "severity: sev9", 1)
                          .replace("title: Service outage", "title: [", 1), "utf-8")

        status, body = wait_for(page, server, log, lambda s, b: TITLE in b)
        assert status == 503
        assert LOCATED.search(body), body
        assert "livereload(" in body  # the browser reloads itself after the next build
        for other in (base, base + "contacts.html", base + "no-such-page.html"):
            assert TITLE in fetch(other)[1]
        assert fetch(urllib.parse.urljoin(page, stylesheet))[0] == 200  # the last good site

        source.write_text(written.replace("title: Service outage", "title: Service outage, fixed",
                                          1), "utf-8")
        status, body = wait_for(page, server, log,
                                lambda s, b: s == 200 and "Service outage, fixed" in b)
        assert TITLE not in body
