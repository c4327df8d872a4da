"""`handbook init`: besides the handbook, what its repository needs (ignored build output, the
JSON Schemas where an installed tool's handbook reaches them, editor settings, a CI workflow
pinned to the tool that ran init); then the folder is checked.

Real `handbook init` runs into temporary folders, real git for what is ignored.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from escalation_handbook import new_handbook
from escalation_handbook.load import load_file
from escalation_handbook.schema import schemas

HANDBOOK = Path(sys.executable).with_name("handbook")
TODAY = "2026-06-01"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=ENV, capture_output=True,
                          text=True, timeout=180)


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("init") / "handbook"
    return root, run(HANDBOOK, "init", root, "--today", TODAY)


def test_init_checks_what_it_made_and_says_so(made):
    root, result = made
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(
        f"Checked: the handbook passes. Next: cd {root} && handbook serve\n")


def test_what_a_build_leaves_is_ignored_by_git(made, tmp_path):
    root, _ = made
    assert run(HANDBOOK, "build", root, "--today", TODAY).returncode == 0
    repo = tmp_path / "repo"
    subprocess.run(["cp", "-a", str(root), str(repo)], check=True)
    (repo / ".site-build-x1y2").mkdir()  # as a killed build leaves it
    (repo / ".site-old-x1y2").mkdir()
    (repo / ".site-build-x1y2" / "index.html").write_text("half a site")
    (repo / ".site-old-x1y2" / "index.html").write_text("the previous site")
    assert run("git", "init", "-q", cwd=repo).returncode == 0
    status = run("git", "status", "--porcelain", "--untracked-files=all", cwd=repo).stdout
    shown = {line[3:] for line in status.splitlines()}
    assert (repo / "site" / "index.html").is_file() and (repo / ".site.lock").exists()
    assert not [p for p in shown if p.startswith(("site/", ".site"))], shown
    assert {"playbooks/handbook.yaml", ".vscode/settings.json", ".gitignore"} <= shown


def test_the_schemas_are_in_the_handbook_and_the_editor_settings_map_them(made):
    root, _ = made
    for name, text in schemas().items():
        assert (root / ".schemas" / name).read_text("utf-8") == text
    settings = json.loads((root / ".vscode" / "settings.json").read_text("utf-8"))
    mapped: dict[Path, str] = {}
    for schema, globs in settings["yaml.schemas"].items():
        assert (root / schema).is_file(), schema
        for glob in globs:
            for path in root.glob(glob):
                assert path not in mapped, f"{path} matched by {mapped.get(path)} and {schema}"
                mapped[path] = schema
    kinds = {root / "playbooks" / "handbook.yaml": "handbook",
             root / "playbooks" / "contacts.yaml": "contacts",
             **{p: "playbook" for p in (root / "playbooks").glob("*/*.yaml")},
             **{p: "quiz" for p in (root / "quizzes").glob("*.yaml")}}
    assert {p: f"./.schemas/{kind}.schema.json" for p, kind in kinds.items()} == mapped


def test_the_workflow_pins_the_tool_in_one_line(made):
    root, _ = made
    workflow = load_file(root / ".github" / "workflows" / "handbook.yml", "handbook.yml").data
    assert workflow["env"]["HANDBOOK_TOOL"] == new_handbook.install_source()
    installs = [step["run"] for job in workflow["jobs"].values() for step in job["steps"]
                if "pip install" in step.get("run", "")]
    assert installs and set(installs) == {'pip install "$HANDBOOK_TOOL"'}


class _Installed:
    def __init__(self, direct_url: dict | None) -> None:
        self.text = json.dumps(direct_url) if direct_url is not None else None

    def read_text(self, name: str) -> str | None:
        assert name == "direct_url.json"
        return self.text


@pytest.mark.parametrize(("direct_url", "expected"), [
    (None, "escalation-handbook==VERSION"),  # from a package index
    ({"url": "file:///home/me/escalation-handbook", "dir_info": {"editable": True}},
     "escalation-handbook==VERSION"),  # a checkout on this machine: CI cannot reach it
    ({"url": "https://git.example.com/tools/escalation-handbook.git",
      "vcs_info": {"vcs": "git", "requested_revision": "v0.1.0", "commit_id": "ab12"}},
     "escalation-handbook @ git+https://git.example.com/tools/escalation-handbook.git@v0.1.0"),
    ({"url": "https://git.example.com/tools/escalation-handbook.git",
      "vcs_info": {"vcs": "git", "commit_id": "ab12cd"}},
     "escalation-handbook @ git+https://git.example.com/tools/escalation-handbook.git@ab12cd"),
    ({"url": "https://files.example.com/escalation_handbook-0.1.0-py3-none-any.whl",
      "archive_info": {}},
     "escalation-handbook @ https://files.example.com/escalation_handbook-0.1.0-py3-none-any.whl"),
])
def test_the_install_source_is_how_this_tool_was_installed(monkeypatch, direct_url, expected):
    monkeypatch.setattr(new_handbook.metadata, "distribution",
                        lambda name: _Installed(direct_url))
    assert new_handbook.install_source() == expected.replace(
        "VERSION", new_handbook.__version__)


def test_the_version_pinned_is_the_packages():
    """`escalation_handbook.__version__` (what init pins) is pyproject.toml's version, the
    release tag's number."""
    from importlib import metadata

    import tomllib

    project = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(
        "utf-8"))["project"]
    assert new_handbook.__version__ == project["version"] == metadata.version(project["name"])
