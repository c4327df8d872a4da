"""The measurements behind BENCHMARKS.md: `handbook check` against libyaml composing the same
files, `handbook build` against plain `mkdocs build` of the tree `handbook render --out` writes,
cProfile runs, and the machine they ran on. Each returns plain data for ``results.json``;
``bench.report`` writes the report from it.
"""

from __future__ import annotations

import cProfile
import gc
import os
import platform
import pstats
import re
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
