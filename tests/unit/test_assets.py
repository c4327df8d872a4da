"""The browser assets: handbook.js is every widget file, joined in the order of WIDGET_SCRIPTS."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from escalation_handbook.render import assets

WIDGETS = Path(assets.__file__).parents[1] / "assets" / "widgets"


def test_every_widget_file_is_joined_once_in_order():
    on_disk = sorted(p.name for p in WIDGETS.glob("*.js"))
    assert sorted(assets.WIDGET_SCRIPTS) == on_disk  # a file not listed would never run
    assert assets.WIDGET_SCRIPTS[0] == "core.js"
    assert assets.WIDGET_SCRIPTS[-1] == "start.js"
    joined = assets.handbook_js()
    starts = [joined.index((WIDGETS / name).read_text("utf-8")) for name in assets.WIDGET_SCRIPTS]
    assert starts == sorted(starts)


def test_each_widget_registers_itself():
    for name in assets.WIDGET_SCRIPTS[1:-1]:
        assert "Handbook.register(" in (WIDGETS / name).read_text("utf-8"), name


def test_the_docs_tree_gets_the_joined_script_and_the_stylesheets():
    files = assets.asset_files()
    assert set(files) == {assets.SCRIPT, *assets.STYLESHEETS}
    assert files[assets.SCRIPT].decode() == assets.handbook_js()


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_joined_script_parses(tmp_path):
    script = tmp_path / "handbook.js"
    script.write_text(assets.handbook_js(), encoding="utf-8")
    run = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
