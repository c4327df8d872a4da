"""The CI workflow `handbook init` writes, run: every `run:` step of every job, in order, in a git
repository made from a new handbook, with the tool installed by the workflow's own install step
from this checkout (into a folder of its own, so the steps run the installed package, not this
source tree).

The workflow is read with the project's loader. Its commands read the clock, as they will in
CI, so the handbook is made with today's date.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from datetime import date
from pathlib import Path

import pytest

from escalation_handbook.load import load_file

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
HANDBOOK = Path(sys.executable).with_name("handbook")
# The comment step needs a GitHub token and a repository variable: off unless set.
NOT_RUN_HERE = {"Comment on the pull request"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
                   cwd=repo, check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory) -> Path:
    """A new handbook in git: main pushed to an `origin`, a branch changing a page on top."""
    top = tmp_path_factory.mktemp("workflow")
    repo = top / "handbook"
    made = subprocess.run([str(HANDBOOK), "init", str(repo), "--today", date.today().isoformat()],
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "A new handbook")
    git(top, "clone", "-q", "--bare", str(repo), str(top / "origin.git"))
    git(repo, "remote", "add", "origin", str(top / "origin.git"))
    git(repo, "fetch", "-q", "origin")
    git(repo, "checkout", "-q", "-b", "change")
    about = repo / "docs" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nAsk the duty manager about this handbook.\n")
    git(repo, "commit", "-q", "-am", "A sentence on the about page")
    return repo


def workflow_steps(repo: Path) -> list[tuple[str, dict, dict]]:
    """(job, job env, step) of every step, jobs in the order written."""
    loaded = load_file(repo / ".github" / "workflows" / "handbook.yml", "handbook.yml")
    assert loaded.problems == []
    return [(name, job.get("env") or {}, step)
            for name, job in loaded.data["jobs"].items() for step in job["steps"]]


def test_every_run_step_of_the_workflow_passes_on_a_new_handbook(pull_request, tmp_path):
    repo = pull_request
    prefix = tmp_path / "installed"
    site_packages = sysconfig.get_path("purelib", vars={"base": str(prefix)})
    summary = tmp_path / "summary.md"
    base = {**os.environ,
            "PATH": f"{prefix / 'bin'}{os.pathsep}{HANDBOOK.parent}{os.pathsep}"
                    f"{os.environ['PATH']}",
            "PYTHONPATH": site_packages, "PIP_PREFIX": str(prefix), "PIP_NO_DEPS": "1",
            "PIP_IGNORE_INSTALLED": "1",  # beside the test environment, which keeps its own
            "NO_MKDOCS_2_WARNING": "1", "GITHUB_STEP_SUMMARY": str(summary), "CI": "true"}
    expressions = {"${{ github.base_ref }}": "main"}
    ran: list[str] = []
    for job, job_env, step in workflow_steps(repo):
        if "run" not in step:
            continue
        if step.get("name") in NOT_RUN_HERE:
            assert "if" in step, step["name"]
            continue
        env = {**base, **{k: expressions.get(v, v) for k, v in job_env.items()}}
        # the workflow's own line, pointed at this checkout instead of a published release
        env["HANDBOOK_TOOL"] = str(REPO)
        result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, (job, step.get("name"), result.stdout, result.stderr)
        ran.append(f"{job}: {step.get('name')}")
        if step["run"].startswith("pip install"):
            where = subprocess.run(
                ["python", "-c", "import escalation_handbook; print(escalation_handbook.__file__)"],
                cwd=repo, env=env, capture_output=True, text=True, check=True).stdout
            assert where.startswith(str(prefix)), where  # the steps run the installed copy
    jobs = {r.split(":")[0] for r in ran}
    assert jobs == {"check", "changes", "reviews"}, ran
    assert any(r.endswith("Build") for r in ran) and (repo / "site" / "index.html").is_file()
    assert "handbook" in summary.read_text("utf-8").lower()  # what the change means
