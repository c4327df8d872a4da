"""The incident finder at 100 and 1,000 playbooks: its index's size, the home page's, and the time
from the reader's first key to the first result (engine and index loaded on that key, MiniSearch
built, the query ranked and drawn), in Chromium from file://, as on a phone.

    python -m bench.finder [--sizes 100,1000] [--runs 3]

Writes `bench/finder.md`, which `bench.report` puts into BENCHMARKS.md, and
`bench/out/finder.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from .synth import generate

ROOT = Path(__file__).resolve().parent.parent
HANDBOOK = Path(sys.executable).parent / "handbook"
FRAGMENT = Path(__file__).with_name("finder.md")
OUT = ROOT / "bench" / "out" / "finder.json"
TODAY = "2026-06-01"
QUERY = "outage"  # a word the synthetic handbooks use, so results show
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# In the page: the first key goes down at t0; done when the first result card is drawn.
FIRST_RESULT_JS = """query => new Promise(resolve => {
  const box = document.getElementById('hb-finder-input');
  const t0 = performance.now();
  new MutationObserver((_, seen) => {
    if (document.querySelector('.hb-finder-card')) {
      seen.disconnect();
      resolve(performance.now() - t0);
    }
  }).observe(document.querySelector('.hb-finder'), {childList: true, subtree: true});
  box.focus();
  box.value = query;
  box.dispatchEvent(new Event('input', {bubbles: true}));
})"""


def build(n: int, work: Path) -> Path:
    root = work / f"hb-{n}"
    generate(n, root)
    # The finder does not read hours; office-hours contacts would fail the out-of-hours check.
    contacts = root / "playbooks" / "contacts.yaml"
    contacts.write_text(contacts.read_text("utf-8").replace(
        'hours: "Mon-Fri 08:00-18:00"', "hours: 24/7"), "utf-8")
    site = work / f"site-{n}"
    subprocess.run([str(HANDBOOK), "build", str(root), "--site-dir", str(site), "--today", TODAY],
                   check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return site


def first_result_ms(site: Path, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get(
            "HANDBOOK_CHROMIUM", "/usr/bin/chromium"), args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            page.goto((site / "index.html").as_uri())
            page.wait_for_load_state("load")
            loaded = page.evaluate("!!window.HandbookFinderIndex")
            assert not loaded, "the index must not load with the page"
            times.append(float(page.evaluate(FIRST_RESULT_JS, QUERY)))
            context.close()
        browser.close()
    return times


def measure(n: int, work: Path, runs: int) -> dict[str, Any]:
    site = build(n, work)
    assets = site / "assets" / "handbook"
    times = first_result_ms(site, runs)
    return {"n": n, "index_kb": (assets / "finder-index.js").stat().st_size / 1024,
            "engine_kb": (assets / "finder-engine.js").stat().st_size / 1024,
            "home_kb": (site / "index.html").stat().st_size / 1024,
            "first_result_ms": min(times), "runs_ms": times}


def fragment(results: list[dict[str, Any]], command: str) -> str:
    lines = ["## Incident finder", "",
             f"`{command}` (`bench/finder.py`): each synthetic handbook built, its home page "
             "opened from `file://` in Chromium at 390×844; *first result* is from the "
             f"reader's first input (\"{QUERY}\") to the first card drawn, which includes "
             "loading the engine and the index (they load on that first use, not with the "
             "page), building MiniSearch and ranking. Best of "
             f"{len(results[0]['runs_ms']) if results else 0} fresh pages. (Before each "
             "playbook's and pathway's data was written once, the index was 0.89 MB at 100 "
             "playbooks and 8.8 MB at 1,000, and it loaded with the page.)", "",
             "| N | finder-index.js | finder-engine.js | home page HTML | first result | runs |",
             "|---|---|---|---|---|---|"]
    for r in results:
        runs = ", ".join(f"{t:.0f}" for t in r["runs_ms"])
        lines.append(f"| {r['n']:,} | {r['index_kb']:,.0f} KB | {r['engine_kb']:.0f} KB "
                     f"| {r['home_kb']:.1f} KB | {r['first_result_ms']:.0f} ms | {runs} ms |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="hb-finder-bench-") as tmp:
        results = [measure(n, Path(tmp), args.runs) for n in sizes]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=1), "utf-8")
    command = "python -m bench.finder" + (f" {' '.join(argv)}" if argv else "")
    FRAGMENT.write_text(fragment(results, command), "utf-8")
    sys.stdout.write(FRAGMENT.read_text("utf-8"))


if __name__ == "__main__":
    main()
