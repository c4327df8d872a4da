"""`handbook serve` updates only what changed, and serves what a clean build gives, byte for byte.

A real `handbook serve` (real HTTP, real file watching) on a copy of the sample handbook: after
each edit, addition and deletion of a playbook, a contact and a quiz, every file of a clean
`build_site` of the same folder (the same `site_url` as the server's) is fetched from the server
and compared, byte for byte, leaving out only the live-reload script the server adds to HTML.
The server's log says whether it updated a few pages or built the whole site: edits that leave
the navigation alone must take the short way.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import copy_sample, free_port

from escalation_handbook.site.build import build_site

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("serve")]

HANDBOOK_BIN = Path(sys.executable).with_name("handbook")
LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>(?=</body>)", re.S)
UPDATED, FULL = "handbook: updated", "handbook: built the whole site"


def get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return bytes(response.read())
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


class Server:
    def __init__(self, root: Path, log: Path, *options: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = log
        self.process = subprocess.Popen(
            [str(HANDBOOK_BIN), "serve", str(root), "--port", str(self.port), *options],
            stdout=log.open("w"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180
        while self.builds() == (0, 0):
            assert self.process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)

    def builds(self) -> tuple[int, int]:
        """(updates, full builds) the server has logged so far."""
        text = self.log.read_text()
        return text.count(UPDATED), text.count(FULL)

    def wait_for_build(self, before: tuple[int, int]) -> str:
        """Wait until a build after ``before`` is logged: 'update' or 'full'."""
        deadline = time.monotonic() + 180
        while self.builds() == before:
            assert self.process.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, self.log.read_text()
            time.sleep(0.1)
        time.sleep(1.0)  # a second event for the same save starts a build the GETs wait for
        return "full" if self.builds()[1] > before[1] else "update"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, Server]]:
    root = copy_sample(tmp_path / "handbook")
    server = Server(root, tmp_path / "serve.log")
    try:
        yield root, server
    finally:
        server.stop()


def assert_same_as_clean_build(root: Path, server: Server, scratch: Path) -> int:
    """Every file of a clean build of ``root`` is served with the same bytes; their count."""
    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(root, scratch / "handbook")
    config = scratch / "handbook" / "mkdocs.yml"
    text = config.read_text()
    config.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {server.url}", text))
    result = build_site(config, scratch / "site", strict=False)
    assert result.ok, result.messages
    compared = 0
    for path in sorted((scratch / "site").rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(scratch / "site").as_posix()
        served = get(server.url + relative)
        assert served is not None, f"{relative} is not served"
        if relative.endswith(".html"):
            served = LIVERELOAD.sub(b"", served)
        assert served == path.read_bytes(), f"{relative} differs from a clean build"
        compared += 1
    return compared


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_each_change_serves_what_a_clean_build_gives(served: tuple[Path, Server],
                                                     tmp_path: Path) -> None:
    root, server = served
    scratch = tmp_path / "clean"
    assert assert_same_as_clean_build(root, server, scratch) > 50

    playbook = root / "playbooks" / "security" / "data-breach.yaml"
    steps = [
        # (what changes, how, the way the server must take)
        ("a playbook's text", lambda: edit(playbook, "summary: >-\n", "summary: >-\n  Zebra.\n"),
         "update"),
        ("a contact's phone", lambda: edit(root / "playbooks" / "contacts.yaml",
                                           "+44 20 7946 0102", "+44 20 7946 0999"), "update"),
        ("a quiz's question", lambda: edit(next((root / "quizzes").glob("*.yaml")),
                                           "question: ", "question: Really, "), "update"),
        ("a new playbook", lambda: shutil.copyfile(playbook, playbook.with_name("copy.yaml")),
         "full"),
        ("a deleted playbook", lambda: playbook.with_name("copy.yaml").unlink(), "full"),
        ("a renamed title", lambda: edit(playbook, "title: ", "title: Renamed "), "full"),
    ]
    for what, change, way in steps:
        before = server.builds()
        change()
        assert server.wait_for_build(before) == way, what
        assert assert_same_as_clean_build(root, server, scratch) > 50, what
    assert get(server.url + "playbooks/security/copy.html") is None


def test_a_build_reading_the_files_does_not_set_off_another(served: tuple[Path, Server]
                                                            ) -> None:
    """The system reports files opened and closed unwritten too, and each build reads every
    YAML file: only saves start a build, or the server would build for ever."""
    root, server = served
    first = server.builds()
    time.sleep(3)
    assert server.builds() == first, server.log.read_text()
    edit(root / "playbooks" / "security" / "data-breach.yaml", "summary: >-\n",
         "summary: >-\n  Zebra.\n")
    after = server.wait_for_build(first)
    assert after == "update"
    done = server.builds()
    time.sleep(3)
    assert server.builds() == done, server.log.read_text()


def test_with_poll_a_save_is_found_by_looking(tmp_path: Path) -> None:
    """`--poll`: for folders that send no change events, the files are looked at instead."""
    root = copy_sample(tmp_path / "handbook")
    server = Server(root, tmp_path / "serve.log", "--poll")
    try:
        first = server.builds()
        edit(root / "playbooks" / "security" / "data-breach.yaml", "summary: >-\n",
             "summary: >-\n  Zebra.\n")
        assert server.wait_for_build(first) == "update"
        page = get(server.url + "playbooks/security/data-breach.html")
        assert page is not None and b"Zebra." in page
    finally:
        server.stop()


def test_a_port_in_use_is_said_plainly(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "handbook")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([str(HANDBOOK_BIN), "serve", str(root), "--port", str(port)],
                                capture_output=True, text=True, timeout=180)
    assert result.returncode == 1
    assert f"Not served: 127.0.0.1:{port} is in use by another program: pick another with " \
           "--port" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
