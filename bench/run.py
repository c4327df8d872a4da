"""Measure checking and building at 100 to 5,000 playbooks; write BENCHMARKS.md.

    python -m bench.run [--sizes 100,1000] [--check-sizes 100,1000,5000] [--quick]

Each measurement is compared with its floor in the same run (so the machine's speed and load
cancel out as far as they can): `handbook check` against libyaml composing the same files, and
`handbook build` against plain `mkdocs build` of the tree `handbook render --out` writes. Best of
several runs; the build and its floor are interleaved run by run.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from .measure import (
    ROOT,
    log,
    machine,
    measure_build,
    measure_check,
    profile_build,
    profile_check,
    profile_stages,
)
from .report import RESULTS_FILE, per_page_growth, write_report
from .synth import generate


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
    parser.add_argument("--results", type=Path, default=RESULTS_FILE,
                        help="where the raw numbers go (`python -m bench.report` reads them)")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.check_sizes = [100], [100]
        args.repeats = args.build_repeats = 1
        args.no_profile = True
    command = "python -m bench.run " + shlex.join(argv if argv is not None else sys.argv[1:])
    started = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"date": date.today().isoformat(), "command": command,
                               "machine": machine(),
                               "check": [], "build": [], "profiles": {}}
    roots: dict[int, Path] = {}
    for n in sorted({*args.sizes, *args.check_sizes}):
        roots[n] = args.out / f"hb-{n}"
        counts = generate(n, roots[n], args.seed)
        log(f"generated N={n}: {counts}")
    def save() -> None:
        results["load_end"] = os.getloadavg()
        results["seconds"] = time.perf_counter() - started
        growth = per_page_growth(results)
        if growth is not None:
            results["per_page_growth"] = growth
        args.results.write_text(json.dumps(results, indent=1, default=str), "utf-8")
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
