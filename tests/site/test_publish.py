"""The site switch under stress: `handbook build` processes killed with SIGKILL at each step,
two builds into one folder, folders that cannot be written, and settings that must be refused.

A build is stopped (SIGSTOP) at a named step through ``HANDBOOK_BUILD_STOP_AT`` and killed
there, as a power cut or the OOM killer would.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from support import broken_links

from escalation_handbook.site.publish import STOP_AT_ENV, STOP_POINTS

pytestmark = pytest.mark.slow

HANDBOOK = Path(sys.executable).with_name("handbook")
TODAY = "2026-06-01"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def handbook(*args: str | Path, env: dict[str, str] | None = None, umask: int | None = None,
             prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*prefix, str(HANDBOOK), *map(str, args)], env=env or ENV,
                          capture_output=True, text=True, timeout=120,
                          preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


def start_stopped(root: Path, point: str) -> subprocess.Popen[str]:
    """A `handbook build` of ``root`` that has stopped itself at ``point``."""
    process = subprocess.Popen([str(HANDBOOK), "build", str(root), "--today", TODAY],
                               env={**ENV, STOP_AT_ENV: point}, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    _, status = os.waitpid(process.pid, os.WUNTRACED)
    if not os.WIFSTOPPED(status):
        process.returncode = os.waitstatus_to_exitcode(status)
        pytest.fail(f"the build ended before {point}: {process.communicate()[1]}")
    return process


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".site-build-",
                                                                       ".site-old-")))


def site_name(site: Path) -> str:
    html = (site / "index.html").read_text("utf-8")
    return "second" if "Second Edition" in html else "first"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A new handbook (`handbook init`), built once."""
    root = tmp_path_factory.mktemp("publish") / "handbook"
    assert handbook("init", root, "--today", TODAY).returncode == 0
    result = handbook("build", root, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert broken_links(root / "site") == []
    return root


@pytest.fixture
def root(built, tmp_path) -> Path:
    """A copy of the built handbook whose next build has a new site name (its title)."""
    copy = tmp_path / "handbook"
    shutil.copytree(built, copy, symlinks=True)
    config = copy / "playbooks" / "handbook.yaml"  # the site takes its name from here
    config.write_text(config.read_text("utf-8").replace(
        "title: Example Escalation Handbook", "title: Second Edition"), "utf-8")
    return copy


@pytest.mark.parametrize("point", STOP_POINTS)
def test_a_build_killed_at_any_step_leaves_a_whole_site_and_the_next_cleans_up(root, point):
    before = {p.relative_to(root / "site") for p in (root / "site").rglob("*")}
    process = start_stopped(root, point)
    process.kill()
    process.wait()
    site = root / "site"
    assert (site / "index.html").is_file()
    # killed before the switch: the previous site, whole; after it: the new one, whole
    assert site_name(site) == ("second" if point == "switched" else "first")
    assert {p.relative_to(site) for p in site.rglob("*")} >= {
        p for p in before if p.suffix != ".html" or p.name == "index.html"}
    result = handbook("build", root, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert site_name(site) == "second"
    assert leftovers(root) == []


def test_stale_build_folders_are_removed_but_nobody_elses(root):
    for name in (".site-build-1a2b", ".site-old-99", ".sites-build-x", ".other-build-1"):
        (root / name / "assets").mkdir(parents=True)
        (root / name / "assets" / "page.html").write_text("stale")
    result = handbook("build", root, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert leftovers(root) == []
    assert (root / ".sites-build-x").is_dir() and (root / ".other-build-1").is_dir()


def test_a_second_build_into_the_same_folder_says_another_is_running(root):
    first = start_stopped(root, "locked")
    try:
        second = handbook("build", root, "--today", TODAY)
    finally:
        first.send_signal(signal.SIGCONT)
        _, err = first.communicate(timeout=120)
    assert second.returncode == 1
    assert second.stderr == (f"Not built: another build is running into {root / 'site'}: wait "
                             "for it to finish, or build into another folder\n")
    assert first.returncode == 0, err
    assert site_name(root / "site") == "second" and leftovers(root) == []


@pytest.mark.parametrize("umask, mode", [(0o027, 0o750)])
def test_the_site_gets_the_permissions_the_umask_gives(root, umask, mode):
    result = handbook("build", root, "--today", TODAY, umask=umask)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert site.stat().st_mode & 0o777 == mode
    assert (site / "assets").stat().st_mode & 0o777 == mode
    assert (site / "index.html").stat().st_mode & 0o777 == mode & 0o666


def _chattr(flag: str, path: Path) -> bool:
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


@pytest.mark.parametrize("which", ["site", "parent"])
def test_an_immutable_folder_gets_one_clear_line(root, which):
    folder = root / "site" if which == "site" else root
    if shutil.which("chattr") is None or not _chattr("+i", folder):
        pytest.skip("chattr +i is not permitted here")
    try:
        result = handbook("build", root, "--today", TODAY)
    finally:
        _chattr("-i", folder)
    assert result.returncode == 1
    what = f"cannot replace {folder}" if which == "site" else f"cannot write into {folder}"
    assert result.stderr == (f"Not built: {what}: Operation not permitted: make it writable, "
                             "or build into another folder\n")
    assert site_name(root / "site") == "first" and leftovers(root) == []


def test_a_read_only_folder_gets_one_clear_line(root):
    # root reads and writes any folder: drop the capability that lets it
    prefix = ("setpriv", "--bounding-set=-dac_override,-dac_read_search") if (
        os.geteuid() == 0) else ()
    if prefix and shutil.which("setpriv") is None:
        pytest.skip("setpriv is needed to drop root's access to read-only folders")
    (root / ".site.lock").unlink()
    root.chmod(0o555)
    try:
        result = handbook("build", root, "--today", TODAY, prefix=prefix)
    finally:
        root.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr == (f"Not built: cannot write into {root}: Permission denied: make it "
                             "writable, or build into another folder\n")


@pytest.mark.parametrize("url", ["javascript:alert(1)//", "ftp://files.example.com/",
                                 "https://"])
def test_edit_url_must_be_a_web_address(root, url):
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "  - handbook\n", f"  - handbook:\n      edit_url: '{url}'\n"), "utf-8")
    result = handbook("build", root, "--today", TODAY)
    assert result.returncode == 1
    assert (f"Plugin 'handbook' option 'edit_url': '{url}' is not a web address: write a full "
            "http:// or https:// URL") in result.stderr
    assert "Traceback" not in result.stderr
    assert site_name(root / "site") == "first"


@pytest.mark.parametrize("day", ["2026-13-01", "next week"])
def test_today_must_be_a_date(root, day):
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "  - handbook\n", f"  - handbook:\n      today: '{day}'\n"), "utf-8")
    result = handbook("build", root)
    assert result.returncode == 1
    assert (f"Plugin 'handbook' option 'today': '{day}' is not a date: write it as YYYY-MM-DD, "
            "such as 2026-12-01") in result.stderr
    assert "Traceback" not in result.stderr
    assert site_name(root / "site") == "first"


def test_today_may_be_written_as_a_yaml_date(root):
    """`today: 2026-06-01` unquoted is a date to YAML, as the README writes it."""
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "  - handbook\n", "  - handbook:\n      today: 2027-06-01\n"), "utf-8")
    result = handbook("build", root)
    assert result.returncode == 0, result.stderr
    review = json.loads((root / "site" / "review.json").read_text("utf-8"))
    assert review["today"] == "2027-06-01"  # the statuses were computed against it


def test_an_alias_bomb_in_mkdocs_yml_is_refused_before_mkdocs_reads_it(root):
    config = root / "mkdocs.yml"
    lines = config.read_text("utf-8").splitlines()
    line = len(lines) + 1
    bomb = ["extra:", "  a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    bomb += [f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    config.write_text("\n".join([*lines, *bomb]) + "\n", "utf-8")
    result = handbook("build", root, "--today", TODAY)  # times out (120 s) when unguarded
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"mkdocs.yml:{line}:1: error: aliases expand this file past 100,000 values: write the "
        "values out instead of nesting aliases [alias-bomb]")
