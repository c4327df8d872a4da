"""The live-preview benchmark: from saving a file under `handbook serve` to the updated page
being served, as a policy owner sees it.

    python -m bench.live_preview [--sizes 8,100,1000] [--repeats 3] [--write BENCHMARKS.md]

For each size (8 is the sample handbook; the others come from `bench/synth.py`) a real
`handbook serve` runs; each kind of edit is saved (a playbook's text, a contact's phone number,
a quiz question, a playbook's title, which changes the navigation) and the page that shows it
is fetched over HTTP until it does: the time is from the write to that response. The floor,
in the same run, is plain `mkdocs serve --dirty` of the tree `handbook render` writes, with
the same playbook's Markdown page edited: MkDocs' quickest reload of one page of that site.
Medians of the repeats; the edits of one size run one after the other on one server.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.sections import replace_section
from bench.synth import generate

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "live"
BIN = Path(sys.executable).parent
SAMPLE_PARTS = ("mkdocs.yml", "playbooks", "quizzes", "docs", "site_overrides")
TIMEOUT = 300.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return bytes(response.read())
    except (urllib.error.URLError, OSError):  # not up yet, or a build outlasting the timeout
        return b""


def wait_for(url: str, marker: str, start: float) -> float:
    """Seconds from ``start`` until ``url`` serves a page containing ``marker``."""
    needle = marker.encode()
    while needle not in fetch(url):
        if time.perf_counter() - start > TIMEOUT:
            raise TimeoutError(f"{url} never showed {marker}")
        time.sleep(0.02)
    return time.perf_counter() - start


def vm_hwm_mb(pid: int) -> float:
    """Peak resident memory of a process (Linux), MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def handbook(n: int) -> Path:
    root = OUT / f"hb-{n}"
    if root.exists():
        shutil.rmtree(root)
    if n == 8:
        root.mkdir(parents=True)
        for part in SAMPLE_PARTS:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(source, root / part)
            elif source.is_file():
                shutil.copyfile(source, root / part)
    else:
        generate(n, root)
    return root


@dataclass
class Target:
    """The playbook the edits touch, and where its page, its owner and a quiz are."""

    file: Path
    page: str  # URL path of its page
    owner: str
    owner_page: str  # the directory page that lists the owner
    quiz_file: Path
    quiz_page: str


def target(root: Path) -> Target:
    from escalation_handbook.folder import load_handbook
    from escalation_handbook.render.views import Lookups

    hb = load_handbook(root)
    with_phone = {c.id for c in hb.contacts if c.phone}
    doc = next(d for d in sorted(hb.playbooks, key=lambda d: d.path)
               if d.model.owner in with_phone)
    quiz = sorted(hb.quizzes, key=lambda q: q.path)[0]
    owner_page = Lookups(hb).directory_page[doc.model.owner].replace(".md", ".html")
    return Target(root / doc.path, f"playbooks/{doc.section}/{doc.id}.html", doc.model.owner,
                  owner_page, root / quiz.path, f"training/{quiz.id}.html")


def _insert_after_key(path: Path, key: str, marker: str) -> None:
    """``marker`` put at the start of the first ``key:`` value (plain, quoted or folded)."""
    text = path.read_text()
    match = re.search(rf"(?m)^(\s*(?:- )?{key}: )(>-\n\s*|\")?", text)
    assert match, (path, key)
    end = match.end()
    path.write_text(text[:end] + marker + " " + text[end:])


def _set_phone(contacts: Path, contact_id: str, phone: str) -> None:
    lines = contacts.read_text().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if re.match(
        rf"\s*(- )?id: \"?{re.escape(contact_id)}\"?\s*$", line))
    for i in range(start + 1, len(lines)):
        if re.match(r"\s*- id:", lines[i]):
            break
        if re.match(r"\s*phone:", lines[i]):
            indent = lines[i][:len(lines[i]) - len(lines[i].lstrip())]
            lines[i] = f'{indent}phone: "{phone}"\n'
            contacts.write_text("".join(lines))
            return
    raise AssertionError(f"{contact_id} has no phone line")


def edits(root: Path, t: Target) -> dict[str, Callable[[int], tuple[str, str]]]:
    """Each kind of edit: made with a number k, it returns (page to fetch, marker to see)."""
    def text(k: int) -> tuple[str, str]:
        _insert_after_key(t.file, "summary", f"Zebra{k}.")
        return t.page, f"Zebra{k}."

    def phone(k: int) -> tuple[str, str]:
        number = f"+44 20 7946 8{k:03d}"
        _set_phone(root / "playbooks" / "contacts.yaml", t.owner, number)
        return t.owner_page, number

    def quiz(k: int) -> tuple[str, str]:
        _insert_after_key(t.quiz_file, "question", f"Zebra{k}")
        return t.quiz_page, f"Zebra{k}"

    def title(k: int) -> tuple[str, str]:
        _insert_after_key(t.file, "title", f"Zebra{k}")
        return t.page, f"Zebra{k}"

    return {"playbook text": text, "contact phone": phone, "quiz question": quiz,
            "playbook title (navigation)": title}


def start(command: list[str], log: Path, url: str) -> tuple[subprocess.Popen[bytes], float]:
    begun = time.perf_counter()
    process = subprocess.Popen(["nice", "-n", "5", *command], stdout=log.open("w"),
                               stderr=subprocess.STDOUT)
    while not fetch(url):
        if process.poll() is not None:
            raise RuntimeError(log.read_text())
        time.sleep(0.1)
    return process, time.perf_counter() - begun


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def measure(n: int, repeats: int, floor: bool = True, navigation: bool = True
            ) -> dict[str, Any]:
    root = handbook(n)
    t = target(root)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server, first = start([str(BIN / "handbook"), "serve", str(root), "--port", str(port)],
                          OUT / f"serve-{n}.log", url + "index.html")
    times: dict[str, list[float]] = {}
    k = 0
    try:
        for kind, make in edits(root, t).items():
            if "navigation" in kind and not navigation:
                continue  # a full build: the first build's time says what it costs
            for _ in range(repeats):
                k += 1
                begun = time.perf_counter()
                page, marker = make(k)
                times.setdefault(kind, []).append(wait_for(url + page, marker, begun))
                time.sleep(1.0)  # let a second event of the same save settle
        peak = vm_hwm_mb(_child_pid(server))
    finally:
        stop(server)
    return {"n": n, "first_build": first, "times": times,
            "floor": measure_floor(n, root, t, repeats) if floor else None, "serve_peak_mb": peak,
            "load": [round(x, 1) for x in os.getloadavg()]}


def _child_pid(process: subprocess.Popen[bytes]) -> int:
    """The handbook process under `nice` (nice execs it: the same pid)."""
    return process.pid


def measure_floor(n: int, root: Path, t: Target, repeats: int) -> dict[str, Any]:
    rendered = OUT / f"rendered-{n}"
    if rendered.exists():
        shutil.rmtree(rendered)
    subprocess.run([str(BIN / "handbook"), "render", str(root), "--out", str(rendered)],
                   check=True, capture_output=True)
    page_md = rendered / "docs" / t.page.replace(".html", ".md")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server, first = start([str(BIN / "mkdocs"), "serve", "--dirty", "-f",
                           str(rendered / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
                          OUT / f"mkdocs-serve-{n}.log", url + "index.html")
    times = []
    try:
        for k in range(repeats):
            begun = time.perf_counter()
            with page_md.open("a") as file:
                file.write(f"\n\nFloor{k} paragraph.\n")
            times.append(wait_for(url + t.page, f"Floor{k} paragraph.", begun))
            time.sleep(1.0)
    finally:
        stop(server)
    return {"first_build": first, "times": times}


def table(results: list[dict[str, Any]]) -> str:
    kinds = list(results[0]["times"])
    head = ["| playbooks | first build s | " + " | ".join(kinds)
            + " | floor: `mkdocs serve --dirty`, one page | first build of the floor s "
            "| serve peak RSS |",
            "|---|---|" + "---|" * len(kinds) + "---|---|---|"]
    rows = []
    for r in results:
        cells = [f"{statistics.median(r['times'][k]):.2f}" if k in r["times"]
                 else "(full build)" for k in kinds]
        floor = r["floor"] or {"times": [float("nan")], "first_build": float("nan")}
        rows.append(f"| {r['n']:,} | {r['first_build']:.1f} | " + " | ".join(cells)
                    + f" | {statistics.median(floor['times']):.2f} | {floor['first_build']:.1f} "
                    f"| {r['serve_peak_mb']:.0f} MB |")
    runs = [f"- N={r['n']:,}: " + "; ".join(
        f"{k} " + ", ".join(f"{x:.2f}" for x in v) for k, v in r["times"].items())
        + "; floor " + ", ".join(f"{x:.2f}" for x in (r["floor"] or {"times": []})["times"])
        + f" (load average {r['load'][0]} at the end)" for r in results]
    return "\n".join([*head, *rows, "", "All runs (seconds):", "", *runs])


def section(results: list[dict[str, Any]]) -> str:
    return "\n".join([
        "## Live preview",
        "",
        "Written by `python -m bench.live_preview`. A real `handbook serve`; each edit is saved "
        "and the page that shows it fetched over HTTP until it does (seconds from the write, "
        "median of the repeats). `handbook serve` hears of a save from the operating system "
        "and waits MkDocs' tenth of a second for the saving to settle; `mkdocs serve` polls "
        "the files every half second (a quarter of a second of each of its reloads, on "
        "average). The load average at the end of each size is in its runs below. A "
        "title edit at 1,000 is left out: it builds the whole site, which the first build "
        "already times. The floor is plain `mkdocs serve --dirty` of the tree "
        "`handbook render` writes, that playbook's Markdown page edited: MkDocs' quickest "
        "reload of one page of the same site (its navigation and search index left stale). "
        "Text, phone and quiz edits update only the pages whose bytes change "
        "(`escalation_handbook/site/incremental.py`); a new title changes the navigation of "
        "every page, so the whole site is built.",
        "",
        table(results),
    ])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="8,100,1000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-floor", default="", help="sizes to measure without the floor")
    parser.add_argument("--no-navigation", default="",
                        help="sizes to measure without the title edit (a full build)")
    parser.add_argument("--add", type=Path, default=None,
                        help="results of an earlier run (JSON) to put in the table too")
    parser.add_argument("--write", type=Path, default=None,
                        help="put the table in this file's live-preview section")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    results = json.loads(args.add.read_text()) if args.add else []
    no_floor = {int(x) for x in args.no_floor.split(",") if x}
    no_nav = {int(x) for x in args.no_navigation.split(",") if x}
    for n in (int(x) for x in args.sizes.split(",") if x):
        results.append(measure(n, args.repeats, n not in no_floor, n not in no_nav))
        print(f"N={n}: {json.dumps(results[-1])}", flush=True)
        (OUT / "results.json").write_text(json.dumps(results, indent=1))
    results.sort(key=lambda r: r["n"])
    print(section(results))
    if args.write:
        replace_section(args.write, "live-preview", section(results))


if __name__ == "__main__":
    main()
