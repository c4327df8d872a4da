"""ARCHITECTURE.md is true to the code: every path it names exists, every module of the package is
named in it, and the import rules it states hold (imports read with `ast`, never run)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "escalation_handbook"
DOC = (REPO / "ARCHITECTURE.md").read_text("utf-8")

# The stages in the order data flows, as ARCHITECTURE.md's "Stages" table states them: a module
# imports only modules of its own stage or of earlier ones. A top-level module or package of
# `escalation_handbook` belongs to exactly one stage (a new one must be placed here and there).
STAGES: list[tuple[str, set[str]]] = [
    ("problems", {"__init__", "problems", "problem_formats"}),
    ("load", {"load", "sources"}),
    ("model", {"model"}),
    ("folder", {"folder"}),
    ("checks and review", {"clocks", "checks", "time_checks", "review", "diff", "incident_log"}),
    ("render", {"render"}),
    ("outputs", {"cards_pdf", "search", "schema"}),
    ("pipeline", {"pipeline", "new_handbook"}),
    ("site", {"site"}),
    ("cli", {"cli", "__main__"}),
]
# Third-party packages only one part of the code may import.
ONLY = {"mkdocs": "site", "click": "cli"}

# A backticked name with a slash and no spaces: a path from the repository root, such as
# `escalation_handbook/render/links.py`, `tests/browser/test_<widget>.py`.
PATH = re.compile(r"`([\w.<>*-]+(?:/[\w.<>*-]+)*/?)`")


def named_paths() -> list[str]:
    return sorted({m for m in PATH.findall(DOC) if "/" in m})


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def unit_of(module: str) -> str:
    """The top-level module or package of a dotted name under the package."""
    return module.split(".")[0]


def rank_of(unit: str) -> int:
    for rank, (_, units) in enumerate(STAGES):
        if unit in units:
            return rank
    raise AssertionError(f"escalation_handbook/{unit} belongs to no stage: place it in STAGES "
                         "here and in ARCHITECTURE.md's Stages table")


def imports(path: Path) -> tuple[set[str], set[str]]:
    """(modules of the package, third-party top-level packages) that ``path`` imports."""
    relative = path.relative_to(PACKAGE).with_suffix("").parts
    package = list(relative[:-1])  # the package a module of it is in; __init__ is its own
    inner: set[str] = set()
    outer: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                name = alias.name
                if name.startswith("escalation_handbook."):
                    inner.add(name.removeprefix("escalation_handbook."))
                elif name != "escalation_handbook":
                    outer.add(name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
                if node.module or not target:  # `from .. import x`: the package's __init__
                    inner.add(target or "__init__")
                else:  # `from . import hook`: a module of the package
                    inner.update(f"{target}.{alias.name}" for alias in node.names)
            elif node.module and node.module.startswith("escalation_handbook"):
                inner.add(node.module.removeprefix("escalation_handbook").lstrip(".")
                          or "__init__")
            elif node.module:
                outer.add(node.module.split(".")[0])
    return inner, outer


def test_every_path_architecture_names_exists():
    paths = named_paths()
    assert len(paths) > 20  # the pattern still finds them
    missing = [p for p in paths if not list(REPO.glob(re.sub(r"<[^>]*>", "*", p).rstrip("/")))]
    assert missing == [], "ARCHITECTURE.md names paths that do not exist (name them by their " \
        "path from the repository root)"


def test_every_module_is_named_in_architecture():
    unnamed = [p.relative_to(REPO).as_posix() for p in modules()
               if f"`{p.relative_to(REPO).as_posix()}`" not in DOC]
    assert unnamed == [], "name each module in ARCHITECTURE.md's module table, with its job"


def test_every_stage_is_in_architecture_in_order():
    found = [DOC.find(f"| {name} |") for name, _ in STAGES]
    assert -1 not in found, [name for (name, _), at in zip(STAGES, found, strict=True) if at == -1]
    assert found == sorted(found)


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_a_module_imports_only_its_stage_and_earlier_ones(path):
    unit = path.relative_to(PACKAGE).with_suffix("").parts[0]
    rank = rank_of(unit)
    inner, outer = imports(path)
    later = sorted(m for m in inner if rank_of(unit_of(m)) > rank)
    assert later == [], f"{unit} ({STAGES[rank][0]}) imports a later stage"
    for package, allowed in ONLY.items():
        if package in outer:
            assert unit == allowed, f"only escalation_handbook/{allowed}/ imports {package}"


def test_no_two_test_files_share_a_name():
    """pytest imports test files by their base name (the folders are not packages): a second
    `test_hours.py` in another folder stops the whole run with "import file mismatch"."""
    seen: dict[str, list[str]] = {}
    for path in (REPO / "tests").rglob("test_*.py"):
        seen.setdefault(path.name, []).append(path.relative_to(REPO).as_posix())
    assert {name: paths for name, paths in seen.items() if len(paths) > 1} == {}
