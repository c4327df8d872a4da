"""The size of the offline copy: what a phone keeps after its first visit, at 100 and 1,000
playbooks (sizes, not times: one build each is enough).

    python -m bench.precache [--sizes 100,1000] [--report-only]

Builds each synthetic handbook (`bench/synth.py`) with `handbook build`, reads the precache list
from the site's `handbook-sw.js` and adds up the files it names, beside the whole site. Saves
`bench/precache.json`, which `python -m bench.report` writes into BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .measure import HANDBOOK, TODAY, log, run
from .report import PRECACHE_FILE, PRECACHE_TITLE, RESULTS_FILE, ROOT, precache_lines, write_report
from .synth import generate

WORKER = "handbook-sw.js"
MARK = "self.HANDBOOK_PRECACHE = "


def precache_stats(site: Path) -> dict[str, Any]:
    """Files and bytes the service worker precaches, the site's, and the largest kinds kept."""
    text = (site / WORKER).read_text("utf-8")
    start = text.index(MARK) + len(MARK)
    urls = [unquote(e["url"]) for e in json.loads(text[start:text.index("];", start) + 1])]
    sizes = {url: (site / url).stat().st_size for url in urls}
    files = [p for p in site.rglob("*") if p.is_file()]
    kinds: dict[str, int] = {}
    for url, size in sizes.items():
        kind = "cards" if url.startswith("cards/") else url.rsplit(".", 1)[-1]
        kinds[kind] = kinds.get(kind, 0) + size
    return {"files": len(urls), "bytes": sum(sizes.values()),
            "worker_bytes": (site / WORKER).stat().st_size,
            "site_files": len(files), "site_bytes": sum(p.stat().st_size for p in files),
            "html_pages": sum(1 for url in urls if url.endswith(".html")),
            "by_kind": dict(sorted(kinds.items(), key=lambda kv: -kv[1]))}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--report-only", action="store_true",
                        help="write the section again from bench/precache.json, measuring nothing")
    args = parser.parse_args(argv)
    if args.report_only:
        write_section(json.loads(PRECACHE_FILE.read_text("utf-8")))
        return
    results: dict[str, Any] = {"date": date.today().isoformat(), "sizes": []}
    for n in (int(s) for s in args.sizes.split(",") if s.strip()):
        root = args.out / f"hb-{n}"
        generate(n, root, args.seed)
        site = args.out / f"precache-site-{n}"
        built = run([str(HANDBOOK), "build", str(root), "--site-dir", str(site),
                     "--today", TODAY.isoformat()])
        if not built.ok:
            sys.exit(f"handbook build failed:\n{built.output[-3000:]}")
        stats = {"n": n, **precache_stats(site)}
        log(f"N={n}: {stats['files']} files, {stats['bytes'] / 1e6:.1f} MB precached "
            f"(site {stats['site_files']} files, {stats['site_bytes'] / 1e6:.1f} MB)")
        results["sizes"].append(stats)
    PRECACHE_FILE.write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    write_section(results)


def write_section(results: dict[str, Any]) -> None:
    report = ROOT / "BENCHMARKS.md"
    if RESULTS_FILE.exists():
        saved = json.loads(RESULTS_FILE.read_text("utf-8"))
        write_report(report, saved, saved.get("command", "python -m bench.run"))
    else:  # no saved run to write the page from: put the section in the page as it is
        report.write_text(with_section(report.read_text("utf-8"), precache_lines(results)),
                          "utf-8")


def with_section(page: str, section: list[str]) -> str:
    """``page`` with its offline-copy section replaced, or added before the closing notes."""
    lines = page.rstrip("\n").split("\n")
    if PRECACHE_TITLE in lines:
        start = lines.index(PRECACHE_TITLE)
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
                   len(lines))
        lines[start:end] = [*section, ""]
    else:
        notes = next((i for i, line in enumerate(lines) if line.startswith("## What ")),
                     len(lines))
        lines[notes:notes] = [*section, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


if __name__ == "__main__":
    main()
