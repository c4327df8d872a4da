"""What each command imports: a pre-commit `handbook check` must not pay for the site stack."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]
TODAY = "2026-12-01"  # the sample handbook is valid on this day
# The site, rendering, PDF and search stacks, and our own stages above check. (markdown-it is
# not among them: the link-scheme check parses prose that holds a link, as the page will.)
HEAVY = ("mkdocs", "material", "jinja2", "markdown", "nh3", "minify_html",
         "segno", "weasyprint", "py_mini_racer", "escalation_handbook.render",
         "escalation_handbook.site", "escalation_handbook.diff", "escalation_handbook.search",
         "escalation_handbook.cards_pdf")
SCRIPT = """
import json, sys
from escalation_handbook.cli import main
try:
    main(sys.argv[1:], prog_name="handbook")
except SystemExit as stop:
    code = stop.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def imported(*args: str) -> tuple[int, set[str]]:
    """The exit code of ``handbook ARGS`` run in a fresh interpreter, and what it imported."""
    done = subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True,
                          text=True, check=False, cwd=REPO)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], set(report["modules"])


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize("args", [
    ("check", ".", "--today", TODAY),
    ("check", ".", "--format", "json", "--today", TODAY),
    ("stale", ".", "--fail-on", "never", "--today", TODAY),
])
def test_checking_imports_no_site_stack(args: tuple[str, ...]) -> None:
    code, modules = imported(*args)
    assert code == 0
    assert "escalation_handbook.checks" in modules or args[0] == "stale"
    assert heavy(modules) == []


def test_the_site_commands_still_load_theirs(tmp_path: Path) -> None:
    # the lazy group imports a command's module when it runs: render brings the render stage
    code, modules = imported("render", ".", "--out", str(tmp_path / "out"), "--today", TODAY)
    assert code == 0
    assert "escalation_handbook.render" in modules and "jinja2" in modules
