"""Measure checking and building at 100 to 5,000 playbooks; write BENCHMARKS.md.

    python -m bench.run [--sizes 100,1000] [--check-sizes 100,1000,5000] [--quick]

Each measurement is compared with its floor in the same run (so the machine's speed and load
cancel out as far as they can): `handbook check` against libyaml composing the same files, and
`handbook build` against plain `mkdocs build` of the tree `handbook render --out` writes. Best of
several runs; the build and its floor are interleaved run by run.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import platform
import pstats
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from .synth import generate

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    sys.exit("libyaml is missing: PyYAML was built without it, the floor would be meaningless")

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HANDBOOK = BIN / "handbook"
MKDOCS = BIN / "mkdocs"
TIME = Path("/usr/bin/time")
TODAY = date(2026, 6, 1)  # synthetic reviews are all in 2025: fixed, so runs are comparable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}

KEPT_GC_ON_MAX = 1000  # the gc-on floor grows quadratically: minutes a run beyond this
TARGETS = {
    "check_floor": 1.5,  # × libyaml floor
    "check_seconds_1000": 2.0,
    "build_ratio": 1.15,  # × plain mkdocs build
    "per_page_growth": 1.3,  # per-page cost at 1,000 ÷ at 100
    "html_kb": 100,
    "peak_mb": 500,
}


# --- running things --------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_mb: float | None
    ok: bool
    output: str = ""


def run(cmd: list[str], cwd: Path | None = None) -> Run:
    """Run a command; wall time by the clock, peak RSS by /usr/bin/time -v (or getrusage)."""
    stats = None
    full = cmd
    if TIME.exists():
        stats = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-time-{os.getpid()}.txt"
        full = [str(TIME), "-v", "-o", str(stats), *cmd]
    before = _children_maxrss()
    start = time.perf_counter()
    done = subprocess.run(full, cwd=cwd, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = None
    if stats is not None and stats.exists():
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stats.read_text())
        peak = int(found.group(1)) / 1024 if found else None
        stats.unlink()
    else:  # ru_maxrss of all children so far: only right when this child is the largest
        after = _children_maxrss()
        peak = after if after > before else None
    return Run(seconds, peak, done.returncode == 0, done.stdout + done.stderr)


def _children_maxrss() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def best(values: list[float]) -> float:
    return min(values)


def timed(fn: Callable[[], Any]) -> float:
    gc.collect()
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    del result
    gc.collect()
    return seconds


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- check ------------------------------------------------------------------------------------


def yaml_files(root: Path) -> list[Path]:
    """The files `handbook check` reads, in the same order."""
    files = []
    for folder in (root / "playbooks", root / "quizzes"):
        files += sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml"))
    return files


def floor_dropped(files: list[Path]) -> int:
    count = 0
    for path in files:
        node = yaml.compose(path.read_bytes().decode("utf-8"), Loader=Loader)
        count += node is not None
    return count


def floor_kept(files: list[Path]) -> list[Any]:
    return [yaml.compose(path.read_bytes().decode("utf-8"), Loader=Loader) for path in files]


def floor_kept_no_gc(files: list[Path]) -> list[Any]:
    gc.disable()
    try:
        return floor_kept(files)
    finally:
        gc.enable()


def ours_load_and_check(root: Path) -> tuple[Any, list[Any]]:
    from escalation_handbook.pipeline import check_folder

    checked = check_folder(root, TODAY)
    if checked.stops(strict=False):
        raise SystemExit(f"the synthetic handbook at {root} has errors: {checked.problems[:3]}")
    return checked.handbook, checked.problems


def ours_split(root: Path) -> tuple[float, float]:
    """Seconds for load_handbook and for checks.check, separately."""
    from escalation_handbook.checks import check
    from escalation_handbook.folder import load_handbook
    from escalation_handbook.pipeline import gc_paused

    gc.collect()
    with gc_paused():  # as pipeline.check_folder runs them
        start = time.perf_counter()
        handbook = load_handbook(root)
        loaded = time.perf_counter()
        check(handbook, TODAY)
        checked = time.perf_counter()
    del handbook
    gc.collect()
    return loaded - start, checked - loaded


def ours_render(root: Path) -> float:
    from escalation_handbook.pipeline import author_docs, check_folder, render_folder

    checked = check_folder(root, TODAY)
    gc.collect()
    start = time.perf_counter()
    render_folder(checked, author_docs(root, root / "docs").pages)
    seconds = time.perf_counter() - start
    del checked
    gc.collect()
    return seconds


def measure_check(n: int, root: Path, repeats: int) -> dict[str, Any]:
    files = yaml_files(root)
    size = sum(p.stat().st_size for p in files)
    series: dict[str, list[float]] = {k: [] for k in (
        "floor_dropped", "floor_kept", "floor_kept_no_gc", "ours", "ours_load", "ours_checks",
        "cli", "cli_startup")}
    peaks: list[float] = []
    ours_load_and_check(root)  # warm imports and file cache
    for r in range(repeats):
        series["floor_dropped"].append(timed(lambda: floor_dropped(files)))
        if n <= KEPT_GC_ON_MAX:
            series["floor_kept"].append(timed(lambda: floor_kept(files)))
        series["floor_kept_no_gc"].append(timed(lambda: floor_kept_no_gc(files)))
        series["ours"].append(timed(lambda: ours_load_and_check(root)))
        load_s, checks_s = ours_split(root)
        series["ours_load"].append(load_s)
        series["ours_checks"].append(checks_s)
        cli = run([str(HANDBOOK), "check", str(root), "--today", TODAY.isoformat()])
        if not cli.ok:
            raise SystemExit(f"handbook check failed on {root}:\n{cli.output[-2000:]}")
        series["cli"].append(cli.seconds)
        if cli.peak_mb:
            peaks.append(cli.peak_mb)
        series["cli_startup"].append(run([str(HANDBOOK), "check", "--help"]).seconds)
        log(f"  check N={n} run {r + 1}: floor {series['floor_dropped'][-1]:.2f}/"
            f"{series['floor_kept_no_gc'][-1]:.2f} s, ours "
            f"{series['ours'][-1]:.2f} s, cli {cli.seconds:.2f} s")
    result: dict[str, Any] = {"n": n, "files": len(files), "yaml_bytes": size,
                              "repeats": repeats, "runs": series}
    for key, values in series.items():
        result[key] = best(values) if values else float("nan")
    result["cli_peak_mb"] = max(peaks) if peaks else None
    for floor in ("floor_dropped", "floor_kept_no_gc", "floor_kept"):
        result[f"ratio_{floor}"] = result["ours"] / result[floor]
        result[f"cli_ratio_{floor}"] = result["cli"] / result[floor]
    return result


# --- build ------------------------------------------------------------------------------------


def html_stats(site: Path) -> dict[str, Any]:
    pages = [p for p in site.rglob("*.html")]
    sizes = [p.stat().st_size for p in pages]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"pages": len(pages), "html_mean_kb": sum(sizes) / len(sizes) / 1024,
            "html_max_kb": max(sizes) / 1024,
            "html_max_page": max(pages, key=lambda p: p.stat().st_size).relative_to(site)
            .as_posix(),
            "site_mb": total / 1024 / 1024, "site_kb_per_page": total / 1024 / len(pages)}


def measure_build(n: int, root: Path, out: Path, repeats: int) -> dict[str, Any]:
    rendered = out / f"rendered-{n}"
    site = out / f"site-{n}"
    plain = out / f"site-plain-{n}"
    render_run = run([str(HANDBOOK), "render", str(root), "--out", str(rendered),
                      "--today", TODAY.isoformat()])
    if not render_run.ok:
        raise SystemExit(f"handbook render failed:\n{render_run.output[-2000:]}")
    ours: list[Run] = []
    floor: list[Run] = []
    for r in range(repeats):
        built = run([str(HANDBOOK), "build", str(root), "--site-dir", str(site),
                     "--today", TODAY.isoformat()])
        if not built.ok:
            raise SystemExit(f"handbook build failed:\n{built.output[-3000:]}")
        ours.append(built)
        shutil.rmtree(plain, ignore_errors=True)
        mk = run([str(MKDOCS), "build", "-q", "-f", str(rendered / "mkdocs.yml"),
                  "-d", str(plain)])
        if not mk.ok:
            raise SystemExit(f"mkdocs build failed:\n{mk.output[-3000:]}")
        floor.append(mk)
        log(f"  build N={n} run {r + 1}: handbook build {built.seconds:.1f} s, "
            f"mkdocs build {mk.seconds:.1f} s")
    result: dict[str, Any] = {
        "n": n, "repeats": repeats,
        "render_cli": render_run.seconds,
        "ours_runs": [b.seconds for b in ours], "floor_runs": [m.seconds for m in floor],
        "ours": best([b.seconds for b in ours]), "floor": best([m.seconds for m in floor]),
        "ours_peak_mb": max((b.peak_mb or 0) for b in ours) or None,
        "floor_peak_mb": max((m.peak_mb or 0) for m in floor) or None,
        "pairwise": sorted(b.seconds / m.seconds for b, m in zip(ours, floor, strict=True)),
    }
    result["ratio"] = result["ours"] / result["floor"]
    result.update(html_stats(site))
    plain_stats = html_stats(plain)
    result["plain_pages"] = plain_stats["pages"]
    result["plain_html_mean_kb"] = plain_stats["html_mean_kb"]
    result["per_page_ms"] = result["ours"] / result["pages"] * 1000
    result["floor_per_page_ms"] = result["floor"] / result["pages"] * 1000
    # the handbook's own stages, in process, for the overhead breakdown
    result["check_inproc"] = min(timed(lambda: ours_load_and_check(root)) for _ in range(2))
    result["render_inproc"] = min(ours_render(root) for _ in range(2))
    return result


# --- profiles ---------------------------------------------------------------------------------


def top_functions(stats: pstats.Stats, key: str, limit: int, only: str | None = None
                  ) -> list[dict[str, Any]]:
    raw = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt or 1.0  # type: ignore[attr-defined]
    rows = []
    for (filename, line, name), (_cc, nc, tt, ct, _callers) in raw.items():
        if only and only not in filename:
            continue
        rows.append({"function": f"{_short(filename)}:{line}({name})", "calls": nc,
                     "tottime": tt, "cumtime": ct, "share": ct / total})
    rows.sort(key=lambda r: r[key], reverse=True)
    return rows[:limit]


def _short(filename: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def profile_check(root: Path, path: Path) -> dict[str, Any]:
    ours_load_and_check(root)
    gc.collect()
    profiler = cProfile.Profile()
    profiler.enable()
    ours_load_and_check(root)
    profiler.disable()
    profiler.dump_stats(str(path))
    return _summary(pstats.Stats(str(path)), path)


def profile_stages(root: Path, path: Path) -> dict[str, Any]:
    """What the plugin does before MkDocs starts: load, check, render."""
    from escalation_handbook.pipeline import author_docs, check_folder, render_folder

    ours_load_and_check(root)
    gc.collect()
    profiler = cProfile.Profile()
    profiler.enable()
    render_folder(check_folder(root, TODAY), author_docs(root, root / "docs").pages)
    profiler.disable()
    profiler.dump_stats(str(path))
    return _summary(pstats.Stats(str(path)), path)


def profile_build(root: Path, out: Path, n: int) -> dict[str, Any]:
    path = out / f"build-{n}.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(path), str(HANDBOOK), "build", str(root),
         "--site-dir", str(out / f"site-prof-{n}"), "--today", TODAY.isoformat()],
        env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        return {"error": done.stderr[-2000:]}
    return _summary(pstats.Stats(str(path)), path)


def _summary(stats: pstats.Stats, path: Path) -> dict[str, Any]:
    return {
        "file": str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path),
        "total": stats.total_tt,  # type: ignore[attr-defined]
        "tottime": top_functions(stats, "tottime", 15),
        "ours_cumtime": top_functions(stats, "cumtime", 15, only="/escalation_handbook/"),
        "cumtime": top_functions(stats, "cumtime", 25),
    }


# --- the machine ------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        found = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        ram = int(found.group(1)) / 1024 / 1024 if found else None
    except OSError:
        pass
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "pydantic", "pydantic-core", "PyYAML",
                    "Jinja2", "Markdown"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    try:
        libyaml = yaml._yaml.get_version_string()  # type: ignore[attr-defined]
    except AttributeError:
        libyaml = "?"
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": ram,
            "python": platform.python_version(), "platform": platform.platform(),
            "versions": versions, "libyaml": libyaml, "load": os.getloadavg()}


# --- the report -------------------------------------------------------------------------------


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
        "(N playbooks in N/25 sections, each with 10 triggers, a 4-step pathway, an 8-node "
        "decision tree and 3 communications; N/2 contacts; N/5 quizzes). Every number is "
        "compared with its floor measured in the same run.",
        "",
        "## Reproduce",
        "",
        "```sh",
        f"make bench        # = .venv/bin/python -m bench.run (this run: {command})",
        "```",
        "",
        f"Date: {results['date']}. Took {results['seconds'] / 60:.1f} minutes. Raw numbers: "
        "`bench/out/results.json`; profiles: `bench/out/*.prof` (`python -m pstats`).",
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
    if 100 in builds and 1000 in builds:
        growth = builds[1000]["per_page_ms"] / builds[100]["per_page_ms"]
        floor_growth = builds[1000]["floor_per_page_ms"] / builds[100]["floor_per_page_ms"]
        results["per_page_growth"] = growth
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
    notes = results.get("notes")
    if notes:
        lines += ["", "## What bounds the missed targets", "", notes.strip()]
    elif NOTES_FILE.exists():
        lines += ["", NOTES_FILE.read_text("utf-8").strip()]
    path.write_text("\n".join(lines) + "\n", "utf-8")


NOTES_FILE = Path(__file__).with_name("notes.md")  # the analysis, kept with the benchmark


# --- main -------------------------------------------------------------------------------------


def sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s.strip()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=sizes, default=[100, 1000],
                        help="playbook counts to build (default 100,1000)")
    parser.add_argument("--check-sizes", type=sizes, default=[100, 1000, 5000],
                        help="playbook counts to check (default 100,1000,5000)")
    parser.add_argument("--repeats", type=int, default=3, help="check runs (best of)")
    parser.add_argument("--build-repeats", type=int, default=2, help="build runs (best of)")
    parser.add_argument("--quick", action="store_true",
                        help="N=100 only, one run each, no profiles (a smoke test)")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile runs")
    parser.add_argument("--profile-build", action="store_true",
                        help="also profile a whole `handbook build` (slow: minutes at 1,000)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--report", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.check_sizes = [100], [100]
        args.repeats = args.build_repeats = 1
        args.no_profile = True
    command = "python -m bench.run " + shlex.join(argv if argv is not None else sys.argv[1:])
    started = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"date": date.today().isoformat(), "machine": machine(),
                               "check": [], "build": [], "profiles": {}}
    roots: dict[int, Path] = {}
    for n in sorted({*args.sizes, *args.check_sizes}):
        roots[n] = args.out / f"hb-{n}"
        counts = generate(n, roots[n], args.seed)
        log(f"generated N={n}: {counts}")
    def save() -> None:
        results["load_end"] = os.getloadavg()
        results["seconds"] = time.perf_counter() - started
        (args.out / "results.json").write_text(json.dumps(results, indent=1, default=str),
                                               "utf-8")
        write_report(args.report, results, command)

    # small sizes first and the report rewritten after each stage: an interrupted run still
    # leaves its numbers
    for n in sorted(n for n in args.check_sizes if n <= 1000):
        results["check"].append(measure_check(n, roots[n], args.repeats))
        save()
    for n in sorted(args.sizes):
        results["build"].append(measure_build(n, roots[n], args.out, args.build_repeats))
        save()
    if not args.no_profile:
        target = 1000 if 1000 in roots else max(roots)
        log(f"profiling check and render at N={target}")
        results["profiles"][f"load_handbook + checks.check, N={target:,}"] = profile_check(
            roots[target], args.out / f"check-{target}.prof")
        # rendering under cProfile is slow (Python-Markdown): profiled at the smallest size
        small = min(roots)
        results["profiles"][f"load + check + render (the plugin's work), N={small:,}"] = (
            profile_stages(roots[small], args.out / f"stages-{small}.prof"))
        save()
        if args.profile_build and args.sizes:
            target = 1000 if 1000 in args.sizes else max(args.sizes)
            log(f"profiling handbook build at N={target}")
            results["profiles"][f"`handbook build`, N={target:,}"] = profile_build(
                roots[target], args.out, target)
            save()
    for n in sorted(n for n in args.check_sizes if n > 1000):
        results["check"].append(measure_check(n, roots[n], args.repeats))
        save()
    save()
    log(f"wrote {args.report} in {results['seconds'] / 60:.1f} minutes")


if __name__ == "__main__":
    main()
