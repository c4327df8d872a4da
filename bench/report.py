"""BENCHMARKS.md from the numbers a run saved, without measuring again:

    python -m bench.report [--results bench/results.json] [--report BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bench.sections import kept_sections
from bench.synth import NODES_PER_TREE, TRIGGERS_PER_PLAYBOOK

ROOT = Path(__file__).resolve().parent.parent
RESULTS_FILE = ROOT / "bench" / "results.json"
NOTES_FILE = Path(__file__).with_name("notes.md")  # the analysis, kept with the benchmark
PRECACHE_FILE = ROOT / "bench" / "precache.json"  # the offline copy's size (bench/precache.py)
PRECACHE_TITLE = "## The offline copy (what a phone keeps)"
FINDER_FILE = Path(__file__).with_name("finder.md")  # written by `python -m bench.finder`
TARGETS = {
    "check_floor": 1.5,  # × libyaml floor
    "check_seconds_1000": 2.0,
    "build_ratio": 1.15,  # × plain mkdocs build
    "per_page_growth": 1.3,  # per-page cost at 1,000 ÷ at 100
    "html_kb": 100,
    "peak_mb": 500,
}

def per_page_growth(results: dict[str, Any]) -> float | None:
    """The per-page build cost at 1,000 playbooks over that at 100 (None without both)."""
    builds = {b["n"]: b for b in results["build"]}
    if 100 in builds and 1000 in builds:
        return float(builds[1000]["per_page_ms"] / builds[100]["per_page_ms"])
    return None


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def write_report(path: Path, results: dict[str, Any], command: str) -> None:
    m = results["machine"]
    checks = {c["n"]: c for c in results["check"]}
    builds = {b["n"]: b for b in results["build"]}
    lines = [
        "# Benchmarks",
        "",
        "Written by `python -m bench.run` (issue 6): synthetic handbooks from `bench/synth.py` "
        f"(N playbooks in N/25 sections, each with {TRIGGERS_PER_PLAYBOOK} triggers, a 4-step "
        f"pathway, a {NODES_PER_TREE}-node decision tree and 3 communications; N/2 contacts; "
        "N/5 quizzes). Every number is "
        "compared with its floor measured in the same run.",
        "",
        "## Reproduce",
        "",
        "```sh",
        f"make bench        # = .venv/bin/python -m bench.run (this run: {command})",
        "```",
        "",
        f"Date: {results['date']}. Took {results['seconds'] / 60:.1f} minutes. Raw numbers: "
        "`bench/results.json` (`python -m bench.report` writes this page again from them); "
        "profiles: `bench/out/*.prof` (`python -m pstats`).",
        "",
        "## Machine",
        "",
        f"- {m['nproc']} CPUs ({m['cpu']}), {m['ram_gb']:.1f} GB RAM, {m['platform']}",
        f"- Python {m['python']}; " + ", ".join(f"{k} {v}" for k, v in m["versions"].items())
        + f"; libyaml {m['libyaml']}",
        f"- Load average at the start {m['load'][0]:.1f}, at the end "
        f"{results['load_end'][0]:.1f} (on {m['nproc']} CPUs): other jobs (test suites) shared "
        "the machine, so absolute seconds are noisy — the ratios interleave each measurement "
        "with its floor, run by run, and take the best of each.",
        "",
        "## Targets",
        "",
        "| target | measured | |",
        "|---|---|---|",
    ]
    rows = []
    if 1000 in checks:
        c = checks[1000]
        rows.append((f"`handbook check` ≤ {TARGETS['check_floor']}× libyaml floor at 1,000",
                     f"{c['ratio_floor_dropped']:.2f}× trees dropped, "
                     f"{c['ratio_floor_kept_no_gc']:.2f}× trees kept (gc off), "
                     f"{c['ratio_floor_kept']:.2f}× trees kept (gc on)",
                     c["ratio_floor_dropped"] <= TARGETS["check_floor"]))
        rows.append((f"`handbook check` ≤ {TARGETS['check_seconds_1000']:.0f} s at 1,000",
                     f"{c['cli']:.2f} s CLI (incl. {c['cli_startup']:.2f} s start-up), "
                     f"{c['ours']:.2f} s in process",
                     c["cli"] <= TARGETS["check_seconds_1000"]))
    for n, b in sorted(builds.items()):
        rows.append((f"build ≤ {TARGETS['build_ratio']}× plain `mkdocs build`, N={n:,}",
                     f"{b['ratio']:.2f}× ({b['ours']:.1f} s vs {b['floor']:.1f} s)",
                     b["ratio"] <= TARGETS["build_ratio"]))
    growth = per_page_growth(results)
    if growth is not None:
        floor_growth = builds[1000]["floor_per_page_ms"] / builds[100]["floor_per_page_ms"]
        rows.append((f"per-page build cost at 1,000 ≤ {TARGETS['per_page_growth']}× at 100",
                     f"{growth:.2f}× ({builds[1000]['per_page_ms']:.0f} vs "
                     f"{builds[100]['per_page_ms']:.0f} ms a page; plain mkdocs "
                     f"{floor_growth:.2f}×)", growth <= TARGETS["per_page_growth"]))
    big = builds.get(1000) or (builds[max(builds)] if builds else None)
    if big:
        rows.append((f"HTML ≤ {TARGETS['html_kb']} KB a page at {big['n']:,}",
                     f"mean {big['html_mean_kb']:.1f} KB, max {big['html_max_kb']:.1f} KB "
                     f"(`{big['html_max_page']}`)", big["html_max_kb"] <= TARGETS["html_kb"]))
        peak = max(big["ours_peak_mb"] or 0, (checks.get(big["n"]) or {}).get("cli_peak_mb")
                   or 0)
        rows.append((f"peak memory ≤ {TARGETS['peak_mb']} MB at {big['n']:,}",
                     f"{peak:.0f} MB (`handbook build`)", peak <= TARGETS["peak_mb"]))
    for target, measured, ok in rows:
        lines.append(f"| {target} | {measured} | {verdict(ok)} |")

    lines += ["", "## `handbook check` against libyaml", "",
              "Floor: `yaml.compose(text, Loader=CSafeLoader)` over the same files (read and "
              "decoded in the timing, as ours are), with every tree dropped at once, with every "
              "tree kept in a list with the cyclic garbage collector off (as `check_folder` "
              "does), and kept with it on. *Ours* is `load_handbook` + `checks.check` in "
              "process; *CLI* is `handbook check` as a subprocess (Python start-up and imports "
              "included; *start-up* is `handbook check --help`). Best of "
              f"{results['check'][0]['repeats'] if results['check'] else '?'} runs, seconds.",
              "",
              "| N | files | YAML MB | floor dropped | floor kept, gc off | floor kept, gc on "
              "| ours (load + checks) | ours ÷ floor dropped | ours ÷ floor kept gc off "
              "| CLI | start-up | CLI ÷ floor dropped | CLI peak RSS |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for n, c in sorted(checks.items()):
        lines.append(
            f"| {n:,} | {c['files']:,} | {c['yaml_bytes'] / 1e6:.1f} | {c['floor_dropped']:.2f} "
            f"| {c['floor_kept_no_gc']:.2f} | {c['floor_kept']:.2f} | {c['ours']:.2f} "
            f"({c['ours_load']:.2f} + {c['ours_checks']:.2f}) | {c['ratio_floor_dropped']:.2f}× "
            f"| {c['ratio_floor_kept_no_gc']:.2f}× | {c['cli']:.2f} | {c['cli_startup']:.2f} "
            f"| {c['cli_ratio_floor_dropped']:.2f}× | "
            f"{(c['cli_peak_mb'] or 0):.0f} MB |")
    lines += ["", "All runs (seconds), to judge the noise:", ""]
    for n, c in sorted(checks.items()):
        runs = "; ".join(f"{k} " + ", ".join(f"{v:.2f}" for v in vals)
                         for k, vals in c["runs"].items())
        lines.append(f"- N={n:,}: {runs}")

    if builds:
        lines += ["", "## `handbook build` against plain `mkdocs build`", "",
                  "*Ours*: `handbook build HANDBOOK --site-dir …` (checks, then MkDocs with the "
                  "`handbook` plugin, which loads, checks and renders again). *Floor*: "
                  "`mkdocs build` of the tree `handbook render --out` wrote (same pages, theme, "
                  "search, tags and offline plugins; no handbook plugin). Interleaved, best of "
                  f"{results['build'][0]['repeats']} runs.",
                  "",
                  "| N | pages | ours s | floor s | ratio | pairwise ratios | ms a page (ours / "
                  "floor) | in-process load+check / render | HTML KB a page mean / max "
                  "| site KB a page | peak RSS ours / floor |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for n, b in sorted(builds.items()):
            pair = ", ".join(f"{r:.2f}" for r in b["pairwise"])
            lines.append(
                f"| {n:,} | {b['pages']:,} | {b['ours']:.1f} | {b['floor']:.1f} "
                f"| {b['ratio']:.2f}× | {pair} | {b['per_page_ms']:.0f} / "
                f"{b['floor_per_page_ms']:.0f} | {b['check_inproc']:.2f} / "
                f"{b['render_inproc']:.2f} s | {b['html_mean_kb']:.1f} / {b['html_max_kb']:.1f} "
                f"| {b['site_kb_per_page']:.0f} | {(b['ours_peak_mb'] or 0):.0f} / "
                f"{(b['floor_peak_mb'] or 0):.0f} MB |")
        lines += ["", "All runs (seconds):", ""]
        for n, b in sorted(builds.items()):
            lines.append(f"- N={n:,}: handbook build "
                         + ", ".join(f"{v:.1f}" for v in b["ours_runs"])
                         + "; mkdocs build " + ", ".join(f"{v:.1f}" for v in b["floor_runs"])
                         + f"; `handbook render --out` {b['render_cli']:.1f}")

    for title, prof in results.get("profiles", {}).items():
        lines += ["", f"## Profile: {title}", "",
                  f"cProfile (`{prof.get('file', '')}`), {prof.get('total', 0):.1f} s under the "
                  "profiler. Our functions by cumulative time:", "",
                  "| function | calls | cumulative s | share |", "|---|---|---|---|"]
        for row in prof.get("ours_cumtime", []):
            lines.append(f"| `{row['function']}` | {row['calls']:,} | {row['cumtime']:.2f} "
                         f"| {row['share']:.0%} |")
        lines += ["", "All functions by own time:", "",
                  "| function | calls | own s | cumulative s |", "|---|---|---|---|"]
        for row in prof.get("tottime", []):
            lines.append(f"| `{row['function']}` | {row['calls']:,} | {row['tottime']:.2f} "
                         f"| {row['cumtime']:.2f} |")
    if PRECACHE_FILE.exists():
        lines += ["", *precache_lines(json.loads(PRECACHE_FILE.read_text("utf-8")))]
    if FINDER_FILE.exists():
        lines += ["", FINDER_FILE.read_text("utf-8").strip()]
    notes = results.get("notes")
    if notes:
        lines += ["", "## What bounds the missed targets", "", notes.strip()]
    elif NOTES_FILE.exists():
        lines += ["", NOTES_FILE.read_text("utf-8").strip()]
    kept = kept_sections(path)  # what bench.live_preview and bench.commit_hook wrote
    path.write_text("\n".join(lines) + "\n" + ("\n" + kept if kept else ""), "utf-8")


def precache_lines(precache: dict[str, Any]) -> list[str]:
    """The section on the service worker's precache, from `python -m bench.precache`."""
    lines = [PRECACHE_TITLE, "",
             f"Written by `python -m bench.precache` ({precache['date']}): `handbook build` of the "
             "same synthetic handbooks, then the files `handbook-sw.js` lists and their bytes "
             "(uncompressed, as the browser's Cache Storage keeps them), beside the whole site. "
             "Left out by design (docs/offline.md): the sitemap, source maps, the file:// copy "
             "of the search index and Material's search files for other languages; past 60 "
             "playbooks also the incident cards, quizzes, review, reference and per-team "
             "pages, which are kept once opened. Every playbook page and both search indexes "
             "are kept.", "",
             "| N | files kept | MB kept | of the site's files / MB | HTML pages | "
             "`handbook-sw.js` KB | largest parts kept (MB) |",
             "|---|---|---|---|---|---|---|"]
    for size in precache["sizes"]:
        parts = ", ".join(f"{kind} {count / 1e6:.1f}"
                          for kind, count in list(size["by_kind"].items())[:4])
        lines.append(f"| {size['n']:,} | {size['files']:,} | {size['bytes'] / 1e6:.1f} "
                     f"| {size['site_files']:,} / {size['site_bytes'] / 1e6:.1f} "
                     f"| {size['html_pages']:,} | {size['worker_bytes'] / 1024:.0f} | {parts} |")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=RESULTS_FILE)
    parser.add_argument("--report", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    results = json.loads(args.results.read_text("utf-8"))
    write_report(args.report, results, results.get("command", "python -m bench.run"))
    print(f"wrote {args.report} from {args.results}")


if __name__ == "__main__":
    main()
