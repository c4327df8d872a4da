"""The commit-hook benchmark: `handbook check` against yamllint and check-jsonschema on the same
files, each a whole process (start-up included), as pre-commit runs them.

    python -m bench.commit_hook [HANDBOOK_DIR] [--runs 21]

The commands run interleaved (one of each, then again), so a change in the machine's load
falls on all of them alike; the table gives each one's median and its ratio to yamllint's.
The floor is a Python process that starts and exits (`python -c pass`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.sections import replace_section

BIN = Path(sys.executable).parent
SCHEMAS = Path(__file__).resolve().parent.parent / "escalation_handbook" / "schemas"
TODAY = "2026-12-01"  # any fixed date: the checks' dates must not change between runs


def yaml_files(root: Path) -> list[Path]:
    """The files the `handbook-check` hook fires on."""
    return sorted(p for folder in ("playbooks", "quizzes") for p in (root / folder).rglob("*")
                  if p.suffix in (".yaml", ".yml") and p.is_file())


def commands(root: Path) -> dict[str, list[list[str]]]:
    """Each tool's command lines over the handbook (check-jsonschema runs once per schema)."""
    files = [str(p) for p in yaml_files(root)]
    playbooks = [f for f in files if "/quizzes/" not in f
                 and not f.endswith(("/handbook.yaml", "/contacts.yaml"))]
    by_schema = {
        "handbook": [f for f in files if f.endswith("/handbook.yaml")],
        "contacts": [f for f in files if f.endswith("/contacts.yaml")],
        "playbook": playbooks,
        "quiz": [f for f in files if "/quizzes/" in f],
    }
    jsonschema = [[str(BIN / "check-jsonschema"), "--schemafile",
                   str(SCHEMAS / f"{kind}.schema.json"), *paths]
                  for kind, paths in by_schema.items() if paths]
    return {
        "floor: python -c pass": [[sys.executable, "-c", "pass"]],
        "yamllint": [[str(BIN / "yamllint"), "-d", "relaxed", *files]],
        "handbook check": [[str(BIN / "handbook"), "check", str(root), "--today", TODAY]],
        "check-jsonschema (one run per schema)": jsonschema,
    }


def run_once(lines: list[list[str]]) -> float:
    start = time.perf_counter()
    for line in lines:
        subprocess.run(line, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def measure(root: Path, runs: int) -> dict[str, Any]:
    tools = commands(root)
    for lines in tools.values():  # warm the file cache and the byte-code caches
        run_once(lines)
    times: dict[str, list[float]] = {name: [] for name in tools}
    for _ in range(runs):
        for name, lines in tools.items():
            times[name].append(run_once(lines))
    return {"files": len(yaml_files(root)), "runs": runs, "times": times,
            "load": [round(x, 1) for x in os.getloadavg()]}


def table(results: dict[str, Any]) -> str:
    """The Markdown table of medians, with each ratio to yamllint's."""
    medians = {name: statistics.median(ts) for name, ts in results["times"].items()}
    base = medians["yamllint"]
    rows = ["| command | median s | min s | ÷ yamllint |", "|---|---|---|---|"]
    for name, ts in results["times"].items():
        rows.append(f"| `{name}` | {medians[name]:.3f} | {min(ts):.3f} | "
                    f"{medians[name] / base:.2f}× |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("handbook", nargs="?", type=Path, default=Path("."))
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--json", type=Path, default=None, help="also write the raw times")
    parser.add_argument("--write", type=Path, default=None,
                        help="put the table in this file's commit-hook section")
    args = parser.parse_args(argv)
    results = measure(args.handbook.resolve(), args.runs)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1))
    print(f"{results['files']} files, {results['runs']} interleaved runs, "
          f"load {results['load']}")
    print(table(results))
    if args.write:
        replace_section(args.write, "commit-hook", section(results))


def section(results: dict[str, Any]) -> str:
    runs = "; ".join(f"{name} " + ", ".join(f"{t:.2f}" for t in ts)
                     for name, ts in results["times"].items())
    return "\n".join([
        "## Commit hook",
        "",
        "Written by `python -m bench.commit_hook`: what a pre-commit hook costs on the sample "
        f"handbook ({results['files']} YAML files), each tool a whole process (Python start-up "
        f"and imports included), {results['runs']} interleaved runs (one of each, then again: "
        "a change in the machine's load falls on all alike), median and fastest. `yamllint "
        "-d relaxed` only parses and lints; `check-jsonschema` validates each file against "
        "the shipped JSON Schemas (one process per schema); `handbook check` loads, models and "
        "runs every rule, importing no site, render or PDF code "
        "(`tests/acceptance/test_cli_imports.py`). The floor is a Python process that starts "
        "and exits. The machine was shared with other jobs (load average "
        f"{results['load'][0]} at the end).",
        "",
        table(results),
        "",
        f"All runs (seconds): {runs}.",
    ])


if __name__ == "__main__":
    main()
