"""`handbook log summary` end to end, as a subprocess: what a post-incident review reads, a
playbook changed since the incident, an older log version, and files that are not logs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.incident_logs import EVENTS, breach_log, sample
from tests.support import copy_sample

HANDBOOK_BIN = Path(sys.executable).with_name("handbook")
REPO = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(HANDBOOK_BIN), "log", "summary", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def log_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("log") / "incident.json"
    path.write_text(json.dumps(breach_log(sample(), EVENTS,
                                          closed_at="2026-12-04T12:00:00+00:00")))
    return path


def test_text_summary_for_the_review(log_file):
    done = run(str(log_file), str(REPO))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:2] == [
        "Incident log inc-test: Customer or colleague records exposed outside the company "
        "(playbook data-breach)",
        "aware 2026-12-02 14:05, closed at 2026-12-04 12:00 (45 h 55 min later)"]
    assert ("  missed        Step 2 reached: Data Protection Officer; Priya Raman, Chief "
            "Information Security Officer: missed by 15 min (2026-12-02 14:50)") in lines
    assert ("  skipped       Step 3 reached: Executive on call; Duty legal counsel: skipped: "
            "nobody at this step was contacted") in lines
    assert lines[-3:] == [
        "  Missed: Step 2 reached: Data Protection Officer; Priya Raman, Chief Information "
        "Security Officer, by 15 min",
        "  Skipped: Step 3 reached: Executive on call; Duty legal counsel",
        "  Did not answer: Data Protection Officer"]
    assert done.stderr == ""


def test_json_summary(log_file):
    done = run(str(log_file), "--format", "json")  # the current folder is the handbook
    data = json.loads(done.stdout)
    assert data["steps_skipped"] == [3]
    assert data["did_not_answer"] == ["dpo"]
    late = {d["id"]: d["late_minutes"] for d in data["deadlines"] if d["status"] == "missed"}
    assert late == {"step-2": 15}
    assert data["playbook_changes"] == []


def test_markdown_summary_ends_with_the_review(log_file):
    done = run(str(log_file), "--format", "markdown")
    assert done.stdout.startswith(
        "# Incident log: Customer or colleague records exposed outside the company\n")
    assert done.stdout.endswith("- Did not answer: Data Protection Officer\n")


def test_a_playbook_changed_since_is_reported(log_file, tmp_path):
    root = copy_sample(tmp_path / "hb")
    path = root / "playbooks" / "security" / "data-breach.yaml"
    text = path.read_text()
    text = text.replace("      - after: 30 minutes\n        contacts: [dpo, ciso]\n",
                        "      - after: 45 minutes\n        contacts: [dpo]\n", 1)
    clock = ("    clock: {use: gdpr-art-33, stages: [{id: authority, name: Report the breach to "
             "the ICO, notify: ico, template: ico-report}]}\n")
    assert clock in text
    text = text.replace(clock, "    deadline: 48 hours\n", 1)
    path.write_text(text)
    done = run(str(log_file), str(root), "--format", "markdown")
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(
        "## The playbook has changed since\n\n"
        "- Step 2 was due after 30 minutes, it is now due after 45 minutes.\n"
        "- Step 2 called dpo, ciso, it now calls dpo.\n"
        "- UK GDPR Article 33 was due 72 h after becoming aware, it is now due after 48 h.\n")


def test_a_playbook_gone_is_reported(log_file, tmp_path):
    root = copy_sample(tmp_path / "hb")
    (root / "playbooks" / "security" / "data-breach.yaml").unlink()
    done = run(str(log_file), str(root))
    assert done.stdout.endswith("The playbook has changed since:\n"
                                "  The playbook `data-breach` is not in the handbook any more.\n")


def test_an_older_version_is_read_with_the_playbook_now(log_file, tmp_path):
    older = json.loads(log_file.read_text())
    del older["plan"], older["contacts"]
    older["version"] = 1
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(older))
    done = run(str(path), str(REPO), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["steps_skipped"] == [3]
    assert data["notes"] == ["This log (version 1) does not carry its plan: the deadlines are "
                             "those of the playbook as it is now."]
    alone = run(str(path), cwd=tmp_path)  # no handbook here
    assert alone.returncode == 1
    assert alone.stderr == f"{path}: error: a version 1 log needs the handbook folder\n"


@pytest.mark.parametrize(("content", "message"), [
    (b"{}", 'not an incident log: it has no "format": "escalation-handbook/incident-log"'),
    (b'{"format": "escalation-handbook/incident-log", "version": 3}',
     "version 3 is not one this handbook reads (1, 2): update escalation-handbook"),
    (b"\xff\xfe\x00", "not UTF-8 text: is this an exported incident log (JSON)?"),
    (b"<html>", "not JSON (Expecting value at line 1 column 1)"),
    (b'{"format": "escalation-handbook/incident-log", "version": 2, "id": "x", '
     b'"playbook": {"id": "p"}, "severity": {"id": "s", "label": "S"}, '
     b'"aware_at": "now", "started_at": "2026-12-02T14:05:00+00:00"}',
     "aware_at: 'now' is not a time: write it as 2026-12-02T14:05:00+01:00"),
])
def test_what_is_not_a_log_gets_one_line(tmp_path, content, message):
    path = tmp_path / "other.json"
    path.write_bytes(content)
    done = run(str(path), str(REPO))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"{path}: error: {message}\n"
