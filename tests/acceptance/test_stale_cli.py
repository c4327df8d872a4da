"""`handbook stale` end to end: exact output of each format, exit codes, --owner, and the CI
files (workflow, pre-commit hooks) whose commands are run against the starter handbook.

Dates are always passed with --today, never read from the clock.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from escalation_handbook.cli import main
from escalation_handbook.folder import load_handbook
from escalation_handbook.review import review_records

REPO = Path(__file__).resolve().parents[2]
STARTER = REPO / "escalation_handbook" / "starter"
HANDBOOK_BIN = Path(sys.executable).with_name("handbook")
TODAY = "2027-02-15"

SETTINGS = """\
title: Test handbook
organisation: Test Ltd
review:
  every: 6 months
  warn_before: 30 days
severities:
  - id: sev1
    name: Critical
    description: Everything is down.
    respond_within: 15 minutes
"""

CONTACTS = """\
contacts:
  - id: dpo
    name: Data Protection Officer
    type: role
    email: dpo@example.com
    backup: ops
  - id: ops
    name: Ops lead
    type: person
    phone: "+44 20 7946 0000"
    backup: dpo
  - id: nobody-owns
    name: Spare contact
    type: person
    chat: "#spare"
"""


def playbook(title: str, owner: str, last_reviewed: str, extra: str = "") -> str:
    return f"""\
title: {title}
summary: What to do.
owner: {owner}
last_reviewed: {last_reviewed}
{extra}triggers:
  - id: it-happened
    name: It happened
    severity: sev1
    pathway: escalate
pathways:
  - id: escalate
    name: Escalate
    steps:
      - contacts: [{owner}]
"""


QUIZ = """\
title: Breach basics
playbooks: [data-breach]
last_reviewed: 2026-08-01
questions:
  - question: Is a lost laptop a breach?
    answer: true
"""


def write_handbook(root: Path) -> Path:
    """Four items, as of 2027-02-15: one ok, one due soon, two overdue (one quiz flagged)."""
    files = {
        "playbooks/handbook.yaml": SETTINGS,
        "playbooks/contacts.yaml": CONTACTS,
        # 31 August + 6 months = 28 February: due soon on 15 February
        "playbooks/security/data-breach.yaml": playbook(
            "Data breach — personal data", "dpo", "2026-08-31"),
        # every 3 months: due 2026-06-01, overdue by 259 days
        "playbooks/general/outage.yaml": playbook(
            "Outage", "ops", "2026-03-01", "review_every: 3 months\n"),
        "playbooks/general/phishing.yaml": playbook("Phishing", "ops", "2027-01-10"),
        # reviewed before its playbook was: possibly out of date; due 2027-02-01, 14 days over
        "quizzes/breach-basics.yaml": QUIZ,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def handbook_dir(tmp_path: Path) -> Path:
    return write_handbook(tmp_path / "hb")


def stale(handbook_dir: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["stale", str(handbook_dir), "--today", TODAY, *args])
    return result.exit_code, result.output


def test_the_small_handbook_is_clean(handbook_dir: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(handbook_dir), "--today", TODAY])
    assert result.exit_code == 0, result.output


# --- exact output of each format -------------------------------------------------------------

EXPECTED_TEXT = """\
Item                  Owner                                      Last reviewed  Due         Status    Days overdue
playbook outage       Ops lead (+44 20 7946 0000)                2026-03-01     2026-06-01  overdue   259
quiz breach-basics    Data Protection Officer <dpo@example.com>  2026-08-01     2027-02-01  overdue*  14
playbook data-breach  Data Protection Officer <dpo@example.com>  2026-08-31     2027-02-28  due-soon
playbook phishing     Ops lead (+44 20 7946 0000)                2027-01-10     2027-07-10  ok

* quiz breach-basics: possibly out of date: playbook data-breach (2026-08-31) reviewed after \
this quiz (2026-08-01)

Review status on 2027-02-15: 2 overdue, 1 due soon, 1 ok
"""  # noqa: E501


def _json_record(id_: str, kind: str, title: str, path: str, line: int, owner: tuple,
                 reviewed: str, due: str, status: str, days: int,
                 outdated_by: tuple[str, ...] = ()) -> dict:
    return {
        "id": id_, "kind": kind, "title": title, "path": path, "line": line,
        "owner": dict(zip(("id", "name", "email"), owner, strict=True)),
        "last_reviewed": reviewed, "due": due, "status": status, "days_overdue": days,
        "possibly_outdated": bool(outdated_by), "outdated_by": list(outdated_by),
    }


OPS = ("ops", "Ops lead", None)
DPO = ("dpo", "Data Protection Officer", "dpo@example.com")
EXPECTED_JSON = json.dumps({
    "today": "2027-02-15",
    "counts": {"overdue": 2, "due-soon": 1, "ok": 1},
    "records": [
        _json_record("outage", "playbook", "Outage", "playbooks/general/outage.yaml", 4, OPS,
                     "2026-03-01", "2026-06-01", "overdue", 259),
        _json_record("breach-basics", "quiz", "Breach basics", "quizzes/breach-basics.yaml", 3,
                     DPO, "2026-08-01", "2027-02-01", "overdue", 14, ("data-breach",)),
        _json_record("data-breach", "playbook", "Data breach — personal data",
                     "playbooks/security/data-breach.yaml", 4, DPO, "2026-08-31", "2027-02-28",
                     "due-soon", 0),
        _json_record("phishing", "playbook", "Phishing", "playbooks/general/phishing.yaml", 4,
                     OPS, "2027-01-10", "2027-07-10", "ok", 0),
    ],
    "findings": [],  # what the rules about time find in these files (clocks, cover): nothing
}, indent=2, ensure_ascii=False) + "\n"

EXPECTED_GITHUB = """\
::error file=playbooks/general/outage.yaml,line=4,title=review overdue::Outage (playbook outage) \
is overdue by 259 days (due 2026-06-01): owner Ops lead (+44 20 7946 0000). Review it, then \
update last_reviewed.
::error file=quizzes/breach-basics.yaml,line=3,title=review overdue::Breach basics (quiz \
breach-basics) is overdue by 14 days (due 2027-02-01): owner Data Protection Officer \
<dpo@example.com>. Review it, then update last_reviewed. It is also possibly out of date: \
playbook data-breach (2026-08-31) reviewed after this quiz (2026-08-01).
::warning file=playbooks/security/data-breach.yaml,line=4,title=review due soon::Data breach — \
personal data (playbook data-breach) is due in 13 days (2027-02-28): owner Data Protection \
Officer <dpo@example.com>. Review it, then update last_reviewed.
Review status on 2027-02-15: 2 overdue, 1 due soon, 1 ok
"""

EXPECTED_MARKDOWN = """\
## Reviews due on 2027-02-15

Review status on 2027-02-15: 2 overdue, 1 due soon, 1 ok.

### Ops lead (`ops`) — +44 20 7946 0000

- [ ] **Outage** (playbook `outage`, `playbooks/general/outage.yaml`): overdue by 259 days \
(due 2026-06-01), last reviewed 2026-03-01

### Data Protection Officer (`dpo`) — dpo@example.com

- [ ] **Breach basics** (quiz `breach-basics`, `quizzes/breach-basics.yaml`): overdue by 14 days \
(due 2027-02-01), last reviewed 2026-08-01; possibly out of date: playbook data-breach \
(2026-08-31) reviewed after this quiz (2026-08-01)
- [ ] **Data breach — personal data** (playbook `data-breach`, \
`playbooks/security/data-breach.yaml`): due in 13 days (2027-02-28), last reviewed 2026-08-31
"""


@pytest.mark.parametrize(("output_format", "expected"), [
    ("text", EXPECTED_TEXT),
    ("json", EXPECTED_JSON),
    ("github", EXPECTED_GITHUB),
    ("markdown", EXPECTED_MARKDOWN),
])
def test_each_format_exactly(handbook_dir: Path, output_format: str, expected: str) -> None:
    code, output = stale(handbook_dir, "--format", output_format)
    assert output == expected
    assert code == 1  # something is overdue and --fail-on defaults to overdue


def test_text_is_the_default_format(handbook_dir: Path) -> None:
    assert stale(handbook_dir) == (1, EXPECTED_TEXT)


def test_github_warns_only_when_the_run_does_not_fail(handbook_dir: Path) -> None:
    code, output = stale(handbook_dir, "--format", "github", "--fail-on", "never")
    assert code == 0
    assert output == EXPECTED_GITHUB.replace("::error ", "::warning ")


def test_github_errors_for_due_soon_under_fail_on_due_soon(handbook_dir: Path) -> None:
    code, output = stale(handbook_dir, "--format", "github", "--fail-on", "due-soon")
    assert code == 1
    assert output == EXPECTED_GITHUB.replace("::warning ", "::error ")


def test_github_notice_for_a_quiz_only_possibly_out_of_date(handbook_dir: Path) -> None:
    result = CliRunner().invoke(main, ["stale", str(handbook_dir), "--today", "2026-09-01",
                                       "--format", "github", "--owner", "dpo"])
    assert result.exit_code == 0
    assert result.output == (
        "::notice file=quizzes/breach-basics.yaml,line=3,title=quiz possibly out of date::"
        "Breach basics (quiz breach-basics) is possibly out of date: playbook data-breach "
        "(2026-08-31) reviewed after this quiz (2026-08-01)\n"
        "Review status on 2026-09-01: 0 overdue, 0 due soon, 2 ok\n"
    )


def test_markdown_with_nothing_to_review(handbook_dir: Path) -> None:
    code, output = stale(handbook_dir, "--format", "markdown", "--owner", "nobody-owns")
    assert code == 0
    assert output == (
        "## Reviews due on 2027-02-15\n\n"
        "Review status on 2027-02-15: 0 overdue, 0 due soon, 0 ok.\n\n"
        "Nothing needs reviewing.\n"
    )


# --- json: round trip, and the same JSON the site publishes as review.json --------------------


def test_json_round_trips(handbook_dir: Path) -> None:
    _, output = stale(handbook_dir, "--format", "json")
    data = json.loads(output)
    assert json.dumps(data, indent=2, ensure_ascii=False) + "\n" == output
    records = review_records(load_handbook(handbook_dir), date(2027, 2, 15))
    assert [r["id"] for r in data["records"]] == [r.id for r in records]
    for loaded, record in zip(data["records"], records, strict=True):
        assert date.fromisoformat(loaded["due"]) == record.due
        assert date.fromisoformat(loaded["last_reviewed"]) == record.last_reviewed
        assert (loaded["status"], loaded["days_overdue"], loaded["line"]) == (
            record.status, record.days_overdue, record.line)
        assert loaded["owner"] == {"id": record.owner_id, "name": record.owner_name,
                                   "email": record.owner_email}
        assert tuple(loaded["outdated_by"]) == record.outdated_by


def test_json_equals_what_the_render_stage_publishes(handbook_dir: Path) -> None:
    from escalation_handbook.review.formats import records_to_json

    records = review_records(load_handbook(handbook_dir), date(2027, 2, 15))
    _, output = stale(handbook_dir, "--format", "json")
    data = json.loads(output)
    assert data.pop("findings") == []  # what the rules about time found: nothing here
    assert json.loads(records_to_json(records, date(2027, 2, 15))) == data
    assert "—" in output  # ensure_ascii=False


# --- exit codes ------------------------------------------------------------------------------


@pytest.mark.parametrize(("today", "fail_on", "code"), [
    # everything ok (outage is due 2026-06-01, due soon from 2026-05-02)
    ("2026-05-01", "overdue", 0), ("2026-05-01", "due-soon", 0), ("2026-05-01", "never", 0),
    # first day of the warning window: due soon
    ("2026-05-02", "overdue", 0), ("2026-05-02", "due-soon", 1), ("2026-05-02", "never", 0),
    # the due day itself: still due soon
    ("2026-06-01", "overdue", 0), ("2026-06-01", "due-soon", 1), ("2026-06-01", "never", 0),
    # the day after: overdue
    ("2026-06-02", "overdue", 1), ("2026-06-02", "due-soon", 1), ("2026-06-02", "never", 0),
])
def test_exit_codes(handbook_dir: Path, today: str, fail_on: str, code: int) -> None:
    result = CliRunner().invoke(main, ["stale", str(handbook_dir), "--today", today,
                                       "--fail-on", fail_on])
    assert result.exit_code == code, result.output


def test_fail_on_defaults_to_overdue(handbook_dir: Path) -> None:
    for today, code in (("2026-06-01", 0), ("2026-06-02", 1)):
        result = CliRunner().invoke(main, ["stale", str(handbook_dir), "--today", today])
        assert result.exit_code == code


def test_bad_options_are_usage_errors(handbook_dir: Path) -> None:
    for args in (["--fail-on", "sometimes"], ["--format", "xml"], ["--today", "15/02/2027"]):
        code, output = stale(handbook_dir, *args)
        assert code == 2, (args, output)


def test_without_settings_it_prints_the_problems_and_fails(handbook_dir: Path) -> None:
    (handbook_dir / "playbooks" / "handbook.yaml").unlink()
    code, output = stale(handbook_dir, "--fail-on", "never")
    assert code == 1
    assert "playbooks/handbook.yaml:1:1: error: playbooks/handbook.yaml is missing" in output
    code, output = stale(handbook_dir, "--format", "json")
    assert code == 1
    assert json.loads(output.split("\nhandbook stale needs")[0])["errors"] == 1


def test_a_broken_playbook_is_left_out_with_a_note(handbook_dir: Path) -> None:
    (handbook_dir / "playbooks" / "general" / "outage.yaml").write_text("title: [\n")
    result = CliRunner().invoke(main, ["stale", str(handbook_dir), "--today", TODAY,
                                       "--format", "json"])
    assert result.exit_code == 1  # the quiz is still overdue
    assert "outage" not in [r["id"] for r in json.loads(result.stdout)["records"]]
    assert "handbook check" in result.stderr


# --- --owner ---------------------------------------------------------------------------------


def test_owner_shows_only_their_items(handbook_dir: Path) -> None:
    code, output = stale(handbook_dir, "--owner", "ops")
    assert code == 1
    assert output == (
        "Item               Owner                        Last reviewed  Due         Status   "
        "Days overdue\n"
        "playbook outage    Ops lead (+44 20 7946 0000)  2026-03-01     2026-06-01  overdue  259\n"
        "playbook phishing  Ops lead (+44 20 7946 0000)  2027-01-10     2027-07-10  ok\n"
        "\nReview status on 2027-02-15: 1 overdue, 0 due soon, 1 ok\n"
    )


def test_owner_of_a_quiz_defaults_to_its_first_playbooks_owner(handbook_dir: Path) -> None:
    _, output = stale(handbook_dir, "--owner", "dpo", "--format", "json")
    assert [r["id"] for r in json.loads(output)["records"]] == ["breach-basics", "data-breach"]


def test_owner_with_nothing_to_review(handbook_dir: Path) -> None:
    assert stale(handbook_dir, "--owner", "nobody-owns") == (
        0, "No playbooks or quizzes to review.\n"
           "Review status on 2027-02-15: 0 overdue, 0 due soon, 0 ok\n")


def test_unknown_owner_is_a_usage_error_listing_the_owners(handbook_dir: Path) -> None:
    code, output = stale(handbook_dir, "--owner", "dpp")
    assert code == 2
    assert "Invalid value for '--owner'" in output
    assert "owners: dpo, ops" in output


# --- CI files: the commands they name work on the starter handbook ----------------------------

WORKFLOW = REPO / ".github" / "workflows" / "handbook.yml"
STARTER_WORKFLOW = STARTER / ".github" / "workflows" / "handbook.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _commands(job: dict) -> list[str]:
    lines = (line.strip() for step in job["steps"] for line in step.get("run", "").splitlines())
    return [line for line in lines if line.startswith("handbook ")]


def _has_command(name: str) -> bool:
    return name in main.list_commands(click.Context(main))


def _run(command: str, cwd: Path, today: str) -> subprocess.CompletedProcess[str]:
    args = shlex.split(command)
    if args[1] in ("check", "stale"):
        args += ["--today", today]
    return subprocess.run([str(HANDBOOK_BIN), *args[1:]], cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False)


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    return Path(shutil.copytree(STARTER, tmp_path / "handbook"))


def test_starter_ships_the_same_workflow() -> None:
    """The same but for the line saying where the tool is installed from (this repository's
    CI installs its own checkout; init pins the line of the starter's copy)."""
    def lines(path: Path) -> list[str]:
        return [line for line in path.read_text("utf-8").splitlines()
                if not line.startswith("  HANDBOOK_TOOL:")]

    assert lines(STARTER_WORKFLOW) == lines(WORKFLOW)
    assert '  HANDBOOK_TOOL: "escalation-handbook"' in STARTER_WORKFLOW.read_text("utf-8")


def test_workflow_runs_the_right_commands_on_the_right_events() -> None:
    workflow = _workflow()
    events = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(events) == {"pull_request", "schedule", "workflow_dispatch"}
    assert events["schedule"][0]["cron"]
    jobs = workflow["jobs"]
    assert _commands(jobs["check"]) == [
        "handbook check --format github",
        "handbook build",
        "handbook stale --format github --fail-on never",
    ]
    assert "pull_request" in jobs["check"]["if"]
    assert _commands(jobs["reviews"]) == ["handbook stale --fail-on overdue"]
    assert "!= 'pull_request'" in jobs["reviews"]["if"]


@pytest.mark.parametrize("job", ["check", "reviews"])
def test_workflow_commands_pass_on_a_fresh_starter(starter: Path, job: str) -> None:
    for command in _commands(_workflow()["jobs"][job]):
        if command.split()[1] not in ("check", "stale") and not _has_command(command.split()[1]):
            continue  # `handbook build` is not written yet
        result = _run(command, starter, "2026-02-01")  # the starter was reviewed 2026-01-15
        assert result.returncode == 0, (command, result.stdout, result.stderr)


def test_overdue_reviews_fail_the_weekly_run_but_not_pull_requests(starter: Path) -> None:
    jobs = _workflow()["jobs"]
    late = "2027-01-01"
    for command in _commands(jobs["check"]):
        if command.startswith("handbook stale"):
            result = _run(command, starter, late)
            assert result.returncode == 0, result.stdout
            assert result.stdout.startswith("::warning file=playbooks/general/service-outage")
    for command in _commands(jobs["reviews"]):
        result = _run(command, starter, late)
        assert result.returncode == 1, result.stdout
        assert "overdue" in result.stdout


def test_pre_commit_hook_runs_handbook_check(starter: Path) -> None:
    import re

    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["handbook-check"]
    hook = hooks[0]
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("playbooks/handbook.yaml", "playbooks/general/service-outage.yaml",
                 "quizzes/basics.yml"):
        assert files.search(path), path
    for path in ("docs/index.md", "README.md", "playbooks/notes.txt"):
        assert not files.search(path), path
    assert hook["entry"] == "handbook check"
    result = _run(hook["entry"], starter, "2026-02-01")
    assert result.returncode == 0, result.stdout
    (starter / "playbooks" / "general" / "service-outage.yaml").write_text("title: [\n")
    assert _run(hook["entry"], starter, "2026-02-01").returncode == 1


# --- the rules about time ride along ---------------------------------------------------------


def test_stale_carries_what_the_rules_about_time_find(tmp_path: Path) -> None:
    from support import EXAMPLES, build

    root = build(EXAMPLES / "invalid" / "out-of-hours" / "weekend", tmp_path)
    _, output = stale(root, "--format", "json", "--fail-on", "never")
    found = json.loads(output)["findings"]
    assert [(f["path"], f["line"], f["code"]) for f in found] == [
        ("playbooks/general/service-outage.yaml", 22, "out-of-hours"),
        ("playbooks/general/service-outage.yaml", 27, "single-point-of-failure")]
    assert found[0]["message"].startswith("Saturday 18:00–Monday 08:00: nobody in step 1")
    _, text = stale(root, "--fail-on", "never")
    assert text.endswith("Clocks and cover (see handbook check):\n"
                         f"playbooks/general/service-outage.yaml:22:19: error: "
                         f"{found[0]['message']} [out-of-hours]\n"
                         f"playbooks/general/service-outage.yaml:27:20: warning: "
                         f"{found[1]['message']} [single-point-of-failure]\n")


def _documented_hook(docs: str) -> tuple[str, dict]:
    """The `rev:` and the subfolder hook shown in docs/reviews.md's pre-commit section."""
    import re
    import textwrap

    section = docs.split("## Before each commit: pre-commit", 1)[1]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
    rev = yaml.safe_load(blocks[0])["repos"][0]["rev"]
    return rev, yaml.safe_load(textwrap.dedent(blocks[1]))[0]


def test_pre_commit_docs_for_a_handbook_in_a_subfolder(tmp_path: Path) -> None:
    import re

    from escalation_handbook import __version__

    rev, hook = _documented_hook((REPO / "docs" / "reviews.md").read_text("utf-8"))
    assert rev == f"v{__version__}"  # releases are tagged v<version>
    assert f"rev: v{__version__}" in HOOKS.read_text(encoding="utf-8")
    assert hook["id"] == "handbook-check"
    repo = tmp_path / "repo"
    folder = repo / hook["args"][0]
    shutil.copytree(STARTER, folder)
    files = re.compile(hook["files"])
    assert files.search(f"{hook['args'][0]}/playbooks/general/service-outage.yaml")
    assert not files.search("playbooks/general/service-outage.yaml")
    entry = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))[0]["entry"]
    command = " ".join([entry, *hook["args"]])  # what pre-commit runs, from the repository's top
    assert _run(command, repo, "2026-02-01").returncode == 0
    (folder / "playbooks" / "general" / "service-outage.yaml").write_text("title: [\n")
    assert _run(command, repo, "2026-02-01").returncode == 1
