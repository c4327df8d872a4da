"""`handbook diff` end to end, on a copy of the sample in a real git repository.

Each case makes one change on the branch `change` and compares it with `main`: the exact
sentences, kinds and lines expected. Then what must be no change, the formats, `--fail-on`,
files that do not load, revisions that do not exist, and the CI workflow's own commands.
"""
# ruff: noqa: E501 - the table holds whole sentences, exactly as printed

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from gitrepo import commit, edit, git, sample_repo

from escalation_handbook.cli import main

DB = "playbooks/security/data-breach.yaml"
SI = "playbooks/security/security-incident.yaml"
CT = "playbooks/contacts.yaml"
HB = "playbooks/handbook.yaml"
QZ = "quizzes/data-breach-basics.yaml"

QUIZ_DB = ("quiz-needs-update", "quizzes/data-breach-basics.yaml:4",
           'Quiz "Personal data breach, the basics" needs an update: "Personal data breach" '
           "changed materially since its last review (2026-10-20).")
QUIZ_SI = ("quiz-needs-update", "quizzes/security-incident-basics.yaml:4",
           'Quiz "Spotting and reporting a cyber attack" needs an update: "Cybersecurity '
           'incident" changed materially since its last review (2026-08-20).')


@dataclass(frozen=True)
class Case:
    kind: str
    file: str
    old: str
    new: str
    expected: list[tuple[str, str, str]]


CASES = [
    Case('severity-raised',
         DB, '    severity: sev2\n    signals: [lost laptop',
         '    severity: sev1\n    signals: [lost laptop',
         [
             ('severity-raised', 'playbooks/security/data-breach.yaml:34',
              'Trigger "A laptop, phone, handheld or paperwork with personal data was lost or stolen" is now SEV1 Critical (was SEV2 Major).'),
             QUIZ_DB,
         ]),
    Case('severity-lowered',
         DB, '    severity: sev1\n    signals: [data leak',
         '    severity: sev2\n    signals: [data leak',
         [
             ('severity-lowered', 'playbooks/security/data-breach.yaml:29',
              'Trigger "Customer or colleague records exposed outside the company" is now SEV2 Major (was SEV1 Critical).'),
             QUIZ_DB,
         ]),
    Case('trigger-pathway',
         DB, '    pathway: breach-review\n  - id: internal-misdirect',
         '    pathway: breach-escalation\n  - id: internal-misdirect',
         [
             ('trigger-pathway', 'playbooks/security/data-breach.yaml:51',
              'Trigger "A colleague looked at records without a business reason" now follows the pathway "Data breach escalation" (was "Internal data incident review").'),
             ('first-called', 'playbooks/security/data-breach.yaml:51',
              'For trigger "A colleague looked at records without a business reason", Security on-call analyst is now called first (was Data Protection Officer).'),
             QUIZ_DB,
         ]),
    Case('step-timing',
         DB, '      - after: 30 minutes\n        contacts: [dpo, ciso]',
         '      - after: 1 hour\n        contacts: [dpo, ciso]',
         [
             ('step-timing', 'playbooks/security/data-breach.yaml:69',
              'Pathway "Data breach escalation", step 2: now after 1 hour (was after 30 minutes).'),
             QUIZ_DB,
         ]),
    Case('step-contacts',
         DB, 'contacts: [exec-oncall, legal-counsel]',
         'contacts: [exec-oncall]',
         [
             ('step-contacts', 'playbooks/security/data-breach.yaml:76',
              'Pathway "Data breach escalation", step 3 (after 4 hours): now calls Executive on call (was Executive on call then Duty legal counsel).'),
             QUIZ_DB,
         ]),
    Case('step-acknowledge',
         DB, '      - contacts: [dpo]\n        acknowledge_within: 4 hours',
         '      - contacts: [dpo]\n        acknowledge_within: 2 hours',
         [
             ('step-acknowledge', 'playbooks/security/data-breach.yaml:87',
              'Pathway "Internal data incident review", step 1 (at raise): to be acknowledged within 2 hours (was 4 hours).'),
             QUIZ_DB,
         ]),
    Case('contact-phone',
         CT, 'phone: "+44 20 7946 0102"',
         'phone: "+44 20 7946 0199"',
         [
             ('contact-phone', 'playbooks/contacts.yaml:51',
              'Security on-call analyst: the phone number is now +44 20 7946 0199 (was +44 20 7946 0102).'),
         ]),
    Case('contact-email',
         CT, 'email: security@northwind.example',
         'email: security-team@northwind.example',
         [
             ('contact-email', 'playbooks/contacts.yaml:52',
              'Security on-call analyst: the e-mail address is now security-team@northwind.example (was security@northwind.example).'),
         ]),
    Case('contact-hours',
         CT, '    email: security@northwind.example\n    chat: "#security-incident"\n    url: https://oncall.northwind.example/security\n    hours: 24/7',
         '    email: security@northwind.example\n    chat: "#security-incident"\n    url: https://oncall.northwind.example/security\n    hours: Monday to Friday, 08:00-18:00',
         [
             ('contact-hours', 'playbooks/contacts.yaml:55',
              'Security on-call analyst: now reachable Monday to Friday, 08:00-18:00 (was 24/7).'),
         ]),
    Case('first-called',
         DB, '      - contacts: [dpo]\n        acknowledge_within: 4 hours',
         '      - contacts: [legal-counsel, dpo]\n        acknowledge_within: 4 hours',
         [
             ('step-contacts', 'playbooks/security/data-breach.yaml:86',
              'Pathway "Internal data incident review", step 1 (at raise): now calls Duty legal counsel then Data Protection Officer (was Data Protection Officer).'),
             ('first-called', 'playbooks/security/data-breach.yaml:51',
              'For trigger "A colleague looked at records without a business reason", Duty legal counsel is now called first (was Data Protection Officer).'),
             ('first-called', 'playbooks/security/data-breach.yaml:56',
              'For trigger "Personal data sent to the wrong colleague, who deleted it", Duty legal counsel is now called first (was Data Protection Officer).'),
             QUIZ_DB,
         ]),
    Case('trigger-added',
         DB, '\npathways:\n',
         '  - id: ransom-for-data\n    name: Someone threatens to publish our customer data\n    severity: sev1\n    pathway: breach-escalation\n\npathways:\n',
         [
             ('trigger-added', 'playbooks/security/data-breach.yaml:57',
              'New trigger "Someone threatens to publish our customer data" (SEV1 Critical), following the pathway "Data breach escalation".'),
             QUIZ_DB,
         ]),
    Case('trigger-removed',
         DB, '  - id: internal-misdirect\n    name: Personal data sent to the wrong colleague, who deleted it\n    severity: sev4\n    signals: [sent to wrong colleague, internal email wrong recipient, recalled email, wrong Teams chat]\n    pathway: breach-review\n',
         '',
         [
             ('trigger-removed', 'playbooks/security/data-breach.yaml:52',
              'Trigger "Personal data sent to the wrong colleague, who deleted it" (SEV4 Low) was removed.'),
             QUIZ_DB,
         ]),
    Case('pathway-added',
         DB, '\ndecision_tree:\n',
         '  - id: breach-press\n    name: Breach in the press\n    steps:\n      - contacts: [comms-lead]\n\ndecision_tree:\n',
         [
             ('pathway-added', 'playbooks/security/data-breach.yaml:99',
              'New pathway "Breach in the press" with 1 step, calling first Communications lead.'),
             QUIZ_DB,
         ]),
    Case('step-added',
         DB, '      - after: 5 days\n',
         '      - after: 3 days\n        contacts: [dpo]\n      - after: 5 days\n',
         [
             ('step-added', 'playbooks/security/data-breach.yaml:95',
              'Pathway "Internal data incident review", step 3 (after 3 days) is new: it calls Data Protection Officer.'),
             QUIZ_DB,
         ]),
    Case('step-removed',
         DB, '      - after: 5 days\n        contacts: [legal-counsel]\n        actions:\n          - The DPO and legal counsel confirm whether the incident is closed or needs reporting after all.\n',
         '',
         [
             ('step-removed', 'playbooks/security/data-breach.yaml:95',
              'Pathway "Internal data incident review", step 3 (after 5 days), calling Duty legal counsel, was removed.'),
             QUIZ_DB,
         ]),
    Case('clock-removed',
         SI, '    deadline: 24 hours\n',
         '',
         [
             ('clock-removed', 'playbooks/security/security-incident.yaml:17',
              'The obligation "Cyber insurance policy conditions" no longer has a deadline (was 24 hours).'),
             QUIZ_SI,
         ]),
    Case('clock-added',
         DB, '  - name: UK GDPR Article 34\n',
         '  - name: UK GDPR Article 34\n    deadline: 1 week\n',
         [
             ('clock-added', 'playbooks/security/data-breach.yaml:18',
              'The obligation "UK GDPR Article 34" now has a deadline: 1 week.'),
             QUIZ_DB,
         ]),
    Case('compliance-deadline',
         SI, '**72 hours** after becoming\n      aware. The CISO makes this call.\n    deadline: 72 hours',
         '**72 hours** after becoming\n      aware. The CISO makes this call.\n    deadline: 48 hours',
         [
             ('compliance-deadline', 'playbooks/security/security-incident.yaml:16',
              'The obligation "NIS Regulations 2018" must now be met within 48 hours (was 72 hours).'),
             QUIZ_SI,
         ]),
    Case('compliance-deadline',
         DB, 'notify: ico, template: ico-report', 'notify: dpo, template: ico-report',
         [
             ('compliance-deadline', 'playbooks/security/data-breach.yaml:16',
              'The obligation "UK GDPR Article 33" has a changed clock.'),
             QUIZ_DB,
         ]),
    Case('compliance-removed',
         DB, '  - name: UK GDPR Article 33(5)\n    requirement: >-\n      Record **every** breach in the breach log, including ones not reported to the ICO, with\n      the facts, the effects and what we did.\n',
         '',
         [
             ('compliance-removed', 'playbooks/security/data-breach.yaml:21',
              'The obligation "UK GDPR Article 33(5)" was removed.'),
             QUIZ_DB,
         ]),
    Case('communication-added',
         DB, 'complain to the ICO.\n',
         'complain to the ICO.\n  - when: Within 1 day of a SEV1 breach\n    audience: All staff\n    channel: intranet\n',
         [
             ('communication-added', 'playbooks/security/data-breach.yaml:180',
              'New communication to "All staff" by intranet: Within 1 day of a SEV1 breach.'),
             QUIZ_DB,
         ]),
    Case('tree-answer',
         DB, '        - answer: Not sure\n          trigger: suspected-exposure',
         '        - answer: Not sure\n          trigger: exposed-records',
         [
             ('tree-answer', 'playbooks/security/data-breach.yaml:121',
              'Answering "Does the incident involve personal data (anything…" Not sure → "Has the data left the company\'s control?" Not sure now leads to the trigger "Customer or colleague records exposed outside the company" (SEV1 Critical) (was the trigger "Personal data may have left our control, but we are not sure" (SEV2 Major)).'),
             ('tree-answer', 'playbooks/security/data-breach.yaml:121',
              'Answering "Does the incident involve personal data (anything…" Yes → "Has the data left the company\'s control?" Not sure now leads to the trigger "Customer or colleague records exposed outside the company" (SEV1 Critical) (was the trigger "Personal data may have left our control, but we are not sure" (SEV2 Major)).'),
             QUIZ_DB,
         ]),
    Case('triage-answer',
         HB, '        - answer: Not sure\n          playbook: data-breach',
         '        - answer: Not sure\n          playbook: security-incident',
         [
             ('triage-answer', 'playbooks/handbook.yaml:65',
              'Answering "Is anyone hurt or in danger right now?" No → "Could personal data (customer addresses, delivery…" Not sure now leads to the playbook "Cybersecurity incident" (was the playbook "Personal data breach").'),
         ]),
    Case('respond-within',
         HB, '    respond_within: 30 minutes',
         '    respond_within: 1 hour',
         [
             ('respond-within', 'playbooks/handbook.yaml:22',
              'SEV2 Major: respond within 1 hour (was 30 minutes).'),
         ]),
    Case('last-reviewed',
         DB, 'last_reviewed: 2026-10-14',
         'last_reviewed: 2026-11-30',
         [
             ('last-reviewed', 'playbooks/security/data-breach.yaml:6',
              'Last reviewed on 2026-11-30 (was 2026-10-14).'),
         ]),
    Case('owner',
         DB, 'owner: dpo\nlast_reviewed',
         'owner: ciso\nlast_reviewed',
         [
             ('owner', 'playbooks/security/data-breach.yaml:5',
              'Owned by Priya Raman, Chief Information Security Officer (was Data Protection Officer).'),
         ]),
    Case('quiz-question-changed',
         QZ, '      - text: SEV1 Critical\n        correct: true\n',
         '      - text: SEV1 Critical\n',
         [
             ('quiz-question-changed', 'quizzes/data-breach-basics.yaml:7',
              'Quiz "Personal data breach, the basics", question "A spreadsheet of customer names and addresses was emailed t…": the choices or the right answer changed.'),
         ]),
    Case('quiz-question-added',
         QZ, 'questions:\n',
         'questions:\n  - question: The DPO answers the phone at night.\n    answer: false\n',
         [
             ('quiz-question-added', 'quizzes/data-breach-basics.yaml:7',
              'Quiz "Personal data breach, the basics": new question "The DPO answers the phone at night.".'),
         ]),
]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["diff", *args])
    return result.exit_code, result.output


def changes(repo: Path, *extra: str) -> list[tuple[str, str, str]]:
    code, output = run("main", "HEAD", str(repo), "--format", "json", *extra)
    assert code == 0, output
    data = json.loads(output)
    return [(c["kind"], f"{c['path']}:{c['line']}", c["sentence"])
            for g in data["groups"] for c in g["changes"]]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return sample_repo(tmp_path / "handbook")


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_each_change_in_one_sentence(repo: Path, case: Case) -> None:
    edit(repo, case.file, case.old, case.new)
    commit(repo)
    assert changes(repo) == case.expected


SUSPICIOUS = ("  - id: suspicious-email\n    name: A suspicious email that nobody clicked\n"
              "    severity: sev4\n    signals: [suspicious email, scam email, fake invoice, "
              "spoofed sender, report phishing]\n    pathway: security-triage\n")
SECURITY_ONCALL = ('  - id: security-oncall\n    name: Security on-call analyst\n    type: rotation\n'
                   '    team: Information Security\n    phone: "+44 20 7946 0102"\n'
                   '    email: security@northwind.example\n    chat: "#security-incident"\n'
                   '    url: https://oncall.northwind.example/security\n    hours: 24/7\n'
                   '    backup: ciso\n')
NO_CHANGE = {
    "keys-reordered": [(DB, "owner: dpo\nlast_reviewed: 2026-10-14\n", ""),
                       (DB, "tags: [security, compliance, privacy]\n",
                        "tags: [security, compliance, privacy]\nlast_reviewed: 2026-10-14\n"
                        "owner: dpo\n")],
    "triggers-reordered": [(SI, SUSPICIOUS, ""), (SI, "triggers:\n", "triggers:\n" + SUSPICIOUS)],
    "contacts-reordered": [(CT, SECURITY_ONCALL, ""),
                           (CT, "contacts:\n", "contacts:\n" + SECURITY_ONCALL)],
    "flow-list-as-block": [(DB, "tags: [security, compliance, privacy]",
                            "tags:\n  - privacy\n  - security\n  - compliance")],
    "folded-as-quoted": [(DB, "summary: >-\n  Personal data may have been lost, stolen, exposed, "
                              "sent to the wrong person or altered:\n  customer names and "
                              "addresses, delivery photos, colleagues' HR or pay records.\n",
                          'summary: "Personal data may have been lost, stolen, exposed, sent '
                          "to the wrong person or altered: customer names and addresses, "
                          "delivery photos, colleagues' HR or pay records.\"\n")],
    "comments": [(DB, "triggers:\n", "# What sets this playbook off\ntriggers:  # see below\n")],
    "quoting": [(DB, "    severity: sev2\n    signals: [lost laptop",
                 "    severity: 'sev2'\n    signals: [lost laptop"),
                (DB, "last_reviewed: 2026-10-14", 'last_reviewed: "2026-10-14"'),
                (CT, 'phone: "+44 20 7946 0102"', "phone: '+44 20 7946 0102'")],
    "duration-spelling": [(DB, "      - after: 30 minutes\n        contacts: [dpo, ciso]",
                           "      - after: 30 min\n        contacts: [dpo, ciso]")],
    "tree-node-renamed": [(DB, "next: inside", "next: internal"),
                          (DB, "    inside:\n", "    internal:\n")],
}


@pytest.mark.parametrize("edits", NO_CHANGE.values(), ids=list(NO_CHANGE))
def test_what_is_no_change_in_meaning(repo: Path, edits: list[tuple[str, str, str]]) -> None:
    for file, old, new in edits:
        edit(repo, file, old, new)
    commit(repo)
    assert git(repo, "diff", "--stat", "main", "HEAD")  # the text did change
    assert run("main", "HEAD", str(repo)) == (0, "No change in meaning (main → HEAD).\n")


def _severity_and_phone(repo: Path) -> None:
    edit(repo, DB, "    severity: sev2\n    signals: [lost laptop",
         "    severity: sev1\n    signals: [lost laptop")
    edit(repo, CT, 'phone: "+44 20 7946 0102"', 'phone: "+44 20 7946 0199"')
    commit(repo)


def test_text_groups_by_playbook_material_first(repo: Path) -> None:
    _severity_and_phone(repo)
    assert run("main", "HEAD", str(repo)) == (0, """\
Playbook "Personal data breach" (playbooks/security/data-breach.yaml)
  material: needs review by Data Protection Officer; last_reviewed was not updated
  ! playbooks/security/data-breach.yaml:34: Trigger "A laptop, phone, handheld or paperwork with personal data was lost or stolen" is now SEV1 Critical (was SEV2 Major).

Contacts (playbooks/contacts.yaml)
  - playbooks/contacts.yaml:51: Security on-call analyst: the phone number is now +44 20 7946 0199 (was +44 20 7946 0102).

Training quizzes (quizzes)
  - quizzes/data-breach-basics.yaml:4: Quiz "Personal data breach, the basics" needs an update: "Personal data breach" changed materially since its last review (2026-10-20).

2 changes in meaning in 1 playbook, 1 material; 1 playbook needs its owner's review (last_reviewed not updated); 1 quiz needs an update (main → HEAD).
""")


def test_markdown_summary_first_then_collapsible_details(repo: Path) -> None:
    _severity_and_phone(repo)
    code, output = run("main", "HEAD", str(repo), "--format", "markdown")
    assert code == 0
    lines = output.splitlines()
    assert lines[0] == "### Handbook changes: `main` → `HEAD`"
    assert lines[2] == ("**2 changes in meaning in 1 playbook, 1 material; 1 playbook needs its "
                        "owner's review (last\\_reviewed not updated); 1 quiz needs an update.**")
    assert lines[4:9] == [
        "| | changed | changes | review |", "|---|---|---|---|",
        '| ⚠️ | Playbook "Personal data breach" | 1 (1 material) | material: needs review by '
        "Data Protection Officer; last\\_reviewed was not updated |",
        "| | Contacts | 1 | no material change |",
        "| | Training quizzes | 1 | no material change |",
    ]
    # the playbook that needs review is open; the others are collapsed
    assert output.count("<details open>") == 1 and output.count("<details>") == 2
    assert ('- **Trigger "A laptop, phone, handheld or paperwork with personal data was lost or '
            'stolen" is now SEV1 Critical (was SEV2 Major).** '
            "`playbooks/security/data-breach.yaml:34`") in lines


def test_github_annotates_the_changed_lines(repo: Path) -> None:
    _severity_and_phone(repo)
    code, output = run("main", "HEAD", str(repo), "--format", "github")
    assert code == 0
    assert output.splitlines() == [
        "::warning file=playbooks/security/data-breach.yaml,line=34,title=material change%2C "
        'needs review::Trigger "A laptop, phone, handheld or paperwork with personal data was '
        'lost or stolen" is now SEV1 Critical (was SEV2 Major).',
        "::notice file=playbooks/contacts.yaml,line=51,title=change::Security on-call analyst: "
        "the phone number is now +44 20 7946 0199 (was +44 20 7946 0102).",
        "::notice file=quizzes/data-breach-basics.yaml,line=4,title=change::Quiz \"Personal "
        'data breach, the basics" needs an update: "Personal data breach" changed materially '
        "since its last review (2026-10-20).",
        "2 changes in meaning in 1 playbook, 1 material; 1 playbook needs its owner's review "
        "(last_reviewed not updated); 1 quiz needs an update (main → HEAD).",
    ]


def test_json_for_tools(repo: Path) -> None:
    _severity_and_phone(repo)
    code, output = run("main", "HEAD", str(repo), "--format", "json")
    data = json.loads(output)
    assert code == 0
    assert data["changed"] is True
    assert data["needs_review"] == ["playbook:data-breach"]
    assert data["quizzes_to_update"] == ["quizzes/data-breach-basics.yaml"]
    playbook = data["groups"][0]
    assert {k: playbook[k] for k in ("key", "title", "owner", "material", "reviewed",
                                     "needs_review")} == {
        "key": "playbook:data-breach", "title": "Personal data breach",
        "owner": "Data Protection Officer", "material": True, "reviewed": False,
        "needs_review": True}
    assert playbook["changes"][0] == {
        "kind": "severity-raised", "material": True, "rank": 0,
        "sentence": 'Trigger "A laptop, phone, handheld or paperwork with personal data was '
                    'lost or stolen" is now SEV1 Critical (was SEV2 Major).',
        "path": DB, "line": 34, "side": "head"}
    assert data["kinds"]["severity-raised"]["material"] is True


def test_fail_on_material_until_last_reviewed_is_updated(repo: Path) -> None:
    _severity_and_phone(repo)
    assert run("main", "HEAD", str(repo), "--fail-on", "material")[0] == 1
    assert run("main", "HEAD", str(repo))[0] == 0  # --fail-on never is the default
    edit(repo, DB, "last_reviewed: 2026-10-14", "last_reviewed: 2026-11-30")
    commit(repo)
    code, output = run("main", "HEAD", str(repo), "--fail-on", "material")
    assert code == 0
    assert "  material, reviewed (last_reviewed updated); owner: Data Protection Officer\n" \
        in output


def test_a_change_that_is_not_material_does_not_fail(repo: Path) -> None:
    edit(repo, CT, 'phone: "+44 20 7946 0102"', 'phone: "+44 20 7946 0199"')
    edit(repo, DB, "Contain it if you safely can.", "Contain it if you can do so safely.")
    commit(repo)
    assert run("main", "HEAD", str(repo), "--fail-on", "material")[0] == 0


def test_quizzes_to_update_agree_with_stale(repo: Path) -> None:
    """Once the playbook's review is recorded, `handbook stale` flags the same quiz."""
    from escalation_handbook.folder import load_handbook
    from escalation_handbook.review import review_records

    def stale_flags() -> set[str]:
        records = review_records(load_handbook(repo), __import__("datetime").date(2026, 12, 1))
        return {r.path for r in records if r.possibly_outdated}

    edit(repo, DB, "last_reviewed: 2026-10-14", "last_reviewed: 2026-11-30")
    edit(repo, DB, "      - after: 30 minutes\n        contacts: [dpo, ciso]",
         "      - after: 1 hour\n        contacts: [dpo, ciso]")
    commit(repo)
    assert QUIZ_DB in changes(repo)
    assert stale_flags() == {QZ}
    edit(repo, QZ, "last_reviewed: 2026-10-20", "last_reviewed: 2026-11-30")
    commit(repo)
    assert [c for c in changes(repo) if c[0] == "quiz-needs-update"] == []
    assert stale_flags() == set()


def test_invalid_yaml_on_one_side_is_reported_and_the_rest_still_compared(repo: Path) -> None:
    edit(repo, SI, "title: Cybersecurity incident", "title: [Cybersecurity incident")
    edit(repo, CT, 'phone: "+44 20 7946 0102"', 'phone: "+44 20 7946 0199"')
    commit(repo)
    code, output = run("main", "HEAD", str(repo))
    assert code == 0
    assert output.splitlines()[:2] == [
        "Not compared (did not load; run `handbook check`):",
        f"  head: {SI}:1:8: YAML syntax error: did not find expected ',' or ']' (while parsing "
        "a flow sequence): the '[' that starts here is never closed, or items lack a ','",
    ]
    assert ("  - playbooks/contacts.yaml:51: Security on-call analyst: the phone number is now "
            "+44 20 7946 0199 (was +44 20 7946 0102).") in output
    assert "Cybersecurity" not in output.split("\n", 2)[2]  # not "removed"
    # the other way round, the broken file is BASE's
    code, output = run("HEAD", "main", str(repo))
    assert output.splitlines()[1].startswith(f"  base: {SI}:1:8: YAML syntax error")
    assert "Security on-call analyst: the phone number is now +44 20 7946 0102" in output


def test_a_revision_that_does_not_exist_is_a_clear_error(repo: Path) -> None:
    code, output = run("mian", "HEAD", str(repo))
    assert code == 2
    assert output.endswith(
        f"Error: 'mian' is neither a folder nor a revision of the git repository at {repo}: "
        "name a branch, tag or commit that exists (in CI, fetch the target branch first: "
        "actions/checkout with fetch-depth: 0)\n")


def test_a_revision_outside_a_repository_is_a_clear_error(tmp_path: Path) -> None:
    from support import copy_sample

    folder = copy_sample(tmp_path / "plain")
    code, output = run("main", "HEAD", str(folder))
    assert code == 2
    assert "is not in a git repository" in output


def test_two_folders(tmp_path: Path) -> None:
    from support import copy_sample

    old, new = copy_sample(tmp_path / "old"), copy_sample(tmp_path / "new")
    edit(new, HB, "    respond_within: 30 minutes", "    respond_within: 1 hour")
    code, output = run(str(old), str(new))
    assert code == 0
    assert ("  - playbooks/handbook.yaml:22: SEV2 Major: respond within 1 hour (was 30 "
            "minutes).") in output


def test_head_left_out_is_the_working_tree_which_stays_untouched(repo: Path) -> None:
    edit(repo, CT, 'phone: "+44 20 7946 0102"', 'phone: "+44 20 7946 0199"')
    before = git(repo, "status", "--porcelain"), git(repo, "rev-parse", "HEAD")
    code, output = run("main", str(repo))
    assert code == 0
    assert "the phone number is now +44 20 7946 0199" in output
    assert (git(repo, "status", "--porcelain"), git(repo, "rev-parse", "HEAD")) == before


def test_a_handbook_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    from support import copy_sample

    top = tmp_path / "repo"
    copy_sample(top / "handbook")
    (top / "README.md").write_text("Not a handbook\n")
    git(top, "init", "-q", "-b", "main")
    commit(top, "sample")
    edit(top / "handbook", HB, "    respond_within: 30 minutes", "    respond_within: 1 hour")
    commit(top)
    code, output = run("main~1", "main", str(top / "handbook"))
    assert code == 0, output
    assert "SEV2 Major: respond within 1 hour (was 30 minutes)." in output


# --- CI: the workflow's own steps, run against a repository made here ------------------------

WORKFLOW = Path(__file__).resolve().parents[2] / ".github" / "workflows" / "handbook.yml"


def _changes_job() -> dict:
    import yaml  # the workflow, not a handbook file: PyYAML's types do not matter here

    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["changes"]


def _step(name: str) -> dict:
    return next(s for s in _changes_job()["steps"] if s.get("name") == name)


def _run_step(repo: Path, summary: Path) -> subprocess.CompletedProcess[str]:
    """The step as Actions runs it (`bash -e`), with the job's env and `origin/<base>` fetched."""
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for key, value in _changes_job()["env"].items():
        env[key] = value.replace("${{ github.base_ref }}", "main")
    return subprocess.run(["bash", "-e", "-c", _step("What the change means")["run"]], cwd=repo,
                          env=env, capture_output=True, text=True, timeout=300, check=False)


def test_workflow_job_runs_on_pull_requests_with_the_history_it_needs() -> None:
    job = _changes_job()
    assert "pull_request" in job["if"]
    checkout = job["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    comment = _step("Comment on the pull request")
    assert "vars.HANDBOOK_DIFF_COMMENT == 'true'" in comment["if"]
    assert "--body-file handbook-diff.md" in comment["run"]


def test_workflow_step_posts_the_markdown_and_fails_an_unreviewed_change(
        repo: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    _severity_and_phone(repo)
    result = _run_step(repo, summary)
    assert result.returncode == 1, result.stderr
    posted = summary.read_text(encoding="utf-8")
    assert posted.startswith("### Handbook changes: `origin/main` → `HEAD`\n")
    assert posted == (repo / "handbook-diff.md").read_text(encoding="utf-8")
    assert result.stdout.startswith(
        "::warning file=playbooks/security/data-breach.yaml,line=34,title=material change")
    # the owner reviews it: the same step passes
    edit(repo, DB, "last_reviewed: 2026-10-14", "last_reviewed: 2026-11-30")
    commit(repo)
    summary.unlink()
    result = _run_step(repo, summary)
    assert result.returncode == 0, result.stderr
    assert "material, reviewed (last\\_reviewed updated)" in summary.read_text(encoding="utf-8")


def test_workflow_step_on_a_pull_request_that_changes_no_meaning(
        repo: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    edit(repo, DB, "triggers:\n", "# reworded comment\ntriggers:\n")
    commit(repo)
    result = _run_step(repo, summary)
    assert result.returncode == 0, result.stderr
    assert summary.read_text(encoding="utf-8") == (
        "### Handbook changes: `origin/main` → `HEAD`\n\nNo change in meaning.\n\n")


def test_docs_list_every_kind_as_the_code_has_it() -> None:
    from escalation_handbook.diff import KINDS

    docs = (Path(__file__).resolve().parents[2] / "docs" / "diff.md").read_text("utf-8")
    rows = [line for line in docs.splitlines() if line.startswith("| `")]
    assert rows == [f"| `{kind}` | {k.rank} | {'yes' if k.material else 'no'} | {k.description} |"
                    for kind, k in KINDS.items()]
