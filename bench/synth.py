"""Synthetic but valid handbooks of any size, deterministic from a seed.

    python -m bench.synth 1000 bench/out/hb-1000 [--seed 6]

N playbooks in about N/25 sections (at least 2), each with 10 triggers, one 4-step pathway, an
11-node decision tree (every trigger reached; text outcomes name whom to call) and 3
communications; N/2 contacts; N/5 quizzes of 5 questions, each quiz covering 5 playbooks, so
that every playbook is covered. Texts are drawn from a word bank with sentence lengths like the
sample handbook's: about 8.6 KB of YAML a playbook (the sample's average 6.8 KB, with fewer
triggers).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path


def _split(text: str) -> list[str]:
    return text.split()


WORDS = _split(
    "customer depot driver parcel van route warehouse manifest booking tracking payment carrier "
    "supplier contract invoice shift manager colleague incident outage alert server database "
    "network laptop handheld scanner account password login access record address photo report "
    "delay failure backlog queue escalation response safety injury hazard vehicle loading dock "
    "forklift pallet security phishing malware ransom breach exposure regulator notice deadline "
    "evidence statement interview witness complaint refund apology media journalist post video "
    "status page update message channel rota cover backup restore release rollback deployment "
    "monitor dashboard threshold capacity weather flood power fuel card telephone line office "
    "site region partner haulage subcontractor audit policy review owner decision approval"
)
VERBS = _split(
    "check confirm call record contain stop restore notify escalate review isolate photograph "
    "secure document brief assess agree approve collect send update close hand over"
)
TAGS = _split("security compliance privacy operations customers people safety suppliers "
              "finance legal it logistics media fleet")
SECTIONS = _split("operations security customers people fleet finance suppliers it legal "
                  "facilities logistics media")
CONTACT_TYPES = ("person", "role", "team", "rotation", "external")
DURATIONS = ("15 minutes", "30 minutes", "1 hour", "2 hours", "4 hours", "8 hours", "1 day",
             "2 days", "5 days")
SEVERITIES = [
    ("sev1", "Critical", "15 minutes"), ("sev2", "Major", "30 minutes"),
    ("sev3", "Minor", "4 hours"), ("sev4", "Low", "1 day"),
]
TRIGGERS_PER_PLAYBOOK = 10
NODES_PER_TREE = 11  # 12 leaves: every trigger reached, two text outcomes
PLAYBOOKS_PER_SECTION = 25
PLAYBOOKS_PER_QUIZ = 5


def q(text: str) -> str:
    """A YAML scalar that reads back as exactly this text (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


class Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))

    def sentence(self, low: int = 8, high: int = 18) -> str:
        text = self.words(low, high)
        return text[0].upper() + text[1:] + "."

    def prose(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def action(self) -> str:
        verb = self.rng.choice(VERBS)
        return f"{verb.capitalize()} the {self.words(4, 12)}, and **note the time** you did."

    def title(self, low: int = 2, high: int = 5) -> str:
        text = self.words(low, high)
        return text[0].upper() + text[1:]


def section_names(count: int) -> list[str]:
    names = []
    for i in range(count):
        base = SECTIONS[i % len(SECTIONS)]
        names.append(base if i < len(SECTIONS) else f"{base}-{i // len(SECTIONS) + 1}")
    return names


def _settings(n_playbooks: int) -> str:
    lines = [
        "# Synthetic handbook written by bench/synth.py",
        "title: Synthetic Escalation Handbook",
        "organisation: Synthetic Logistics",
        "review:",
        "  every: 12 months",
        "  warn_before: 30 days",
        "severities:",
    ]
    for sev_id, name, within in SEVERITIES:
        lines += [f"  - id: {sev_id}", f"    name: {name}",
                  f"    description: {q(f'{name} incidents: respond within {within}.')}",
                  f"    respond_within: {within}"]
    lines += ["triage:", "  start: kind", "  nodes:", "    kind:",
              "      question: Which playbook applies?", "      answers:"]
    for i in range(min(n_playbooks, 6)):
        lines += [f"        - answer: Playbook {i + 1}", f"          playbook: {_pb_id(i)}"]
    return "\n".join(lines) + "\n"


def _contact_id(i: int) -> str:
    return f"contact-{i + 1:05d}"


def _pb_id(i: int) -> str:
    return f"playbook-{i + 1:05d}"


def _contacts(w: Writer, count: int) -> str:
    lines = ["contacts:"]
    for i in range(count):
        kind = CONTACT_TYPES[i % len(CONTACT_TYPES)]
        lines += [
            f"  - id: {_contact_id(i)}",
            f"    name: {q(w.title(2, 4) + ' ' + kind)}",
            f"    type: {kind}",
            f"    team: {q(w.title(1, 2) + ' team')}",
            f'    phone: "+44 20 7946 {i % 10000:04d}"',
            f"    email: {_contact_id(i)}@synthetic.example",
            f'    chat: "#{_contact_id(i)}"',
            f"    url: https://oncall.synthetic.example/{_contact_id(i)}",
            "    hours: 24/7" if i % 3 or not i else '    hours: "Mon-Fri 08:00-18:00"',
        ]
        if i:
            # office hours fall back on the round-the-clock contact before them (out-of-hours)
            backup = i - 1 if i % 3 == 0 else w.rng.randrange(i)
            lines.append(f"    backup: {_contact_id(backup)}")
        if i % 4 == 0:
            lines.append(f"    notes: {q(w.sentence())}")
    return "\n".join(lines) + "\n"


def _playbook(w: Writer, index: int, n_playbooks: int, n_contacts: int) -> str:
    rng = w.rng
    pid = _pb_id(index)

    def contact() -> str:
        return _contact_id(rng.randrange(n_contacts))

    tags = rng.sample(TAGS, 3)
    lines = [
        f"id: {pid}",
        f"title: {q(w.title(3, 6))}",
        "summary: >-",
        f"  {w.prose(2)}",
        f"owner: {contact()}",
        f"last_reviewed: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"tags: [{', '.join(tags)}]",
        "compliance:",
        f"  - name: {q('Regulation ' + str(rng.randint(1, 99)) + ', ' + w.title(2, 3))}",
        f"    requirement: {q(w.prose(2))}",
        f"    deadline: {rng.choice(DURATIONS)}",
        "triggers:",
    ]
    trigger_ids = [f"trigger-{t + 1:02d}" for t in range(TRIGGERS_PER_PLAYBOOK)]
    for t, tid in enumerate(trigger_ids):
        signals = ", ".join(w.words(1, 3) for _ in range(rng.randint(3, 5)))
        lines += [
            f"  - id: {tid}",
            f"    name: {q(w.title(4, 8))}",
            f"    severity: {SEVERITIES[t % len(SEVERITIES)][0]}",
            f"    signals: [{signals}]",
            "    pathway: escalation",
        ]
        if t % 5 == 0:
            lines.append(f"    description: {q(w.sentence())}")
    lines += ["pathways:", "  - id: escalation", f"    name: {q(w.title(2, 4) + ' escalation')}",
              "    steps:"]
    for s, after in enumerate((None, "30 minutes", "4 hours", "1 day")):
        lines.append(f"      - contacts: [{', '.join(contact() for _ in range(1 + s % 2))}]")
        if after:
            lines.append(f"        after: {after}")
        lines.append(f"        acknowledge_within: {DURATIONS[s]}")
        lines.append("        actions:")
        lines += [f"          - {q(w.action())}" for _ in range(3 if s == 0 else 2)]
    # A binary tree of questions; leaves name triggers, give advice or link a playbook
    nodes = [f"node-{k + 1}" for k in range(NODES_PER_TREE)]
    lines += ["decision_tree:", f"  start: {nodes[0]}", "  nodes:"]
    leaf = ended = 0  # leaves written; of them, ending at a trigger
    for k, node in enumerate(nodes):
        lines += [f"    {node}:", f"      question: {q(w.sentence(6, 14)[:-1] + '?')}"]
        if k % 4 == 1:
            lines.append(f"      help: {q(w.sentence())}")
        lines.append("      answers:")
        for child in (2 * k + 1, 2 * k + 2):
            lines.append(f"        - answer: {q(w.title(1, 6))}")
            if child < NODES_PER_TREE:
                lines.append(f"          next: {nodes[child]}")
            elif leaf % 5 == 4:
                lines.append(f"          outcome: {q(w.prose(2))}")
                lines.append(f"          see: {_pb_id((index + 1 + leaf) % n_playbooks)}")
                lines.append(f"          call: [{contact()}]")
            else:
                lines.append(f"          trigger: {trigger_ids[ended % TRIGGERS_PER_PLAYBOOK]}")
                ended += 1
            if child >= NODES_PER_TREE:
                leaf += 1
    lines.append("communications:")
    for c in range(3):
        lines += [
            f"  - when: {q('Within ' + DURATIONS[c + 2] + ' of a ' + SEVERITIES[c][0].upper())}",
            f"    audience: {q(w.title(2, 3))}",
            f"    channel: {rng.choice(['email', 'chat', 'status page', 'phone'])}",
            f"    owner: {contact()}",
            "    template: |",
            f"      Subject: [{{severity}}] {w.title(3, 6)}",
            "",
            f"      {w.sentence()}",
            f"      {w.sentence()}",
            "      What happened: {one or two sentences}",
            "      Next update: {time}",
        ]
    return "\n".join(lines) + "\n"


def _quiz(w: Writer, index: int, n_playbooks: int) -> str:
    rng = w.rng
    covered = [_pb_id(p) for p in range(index * PLAYBOOKS_PER_QUIZ,
                                        min(n_playbooks, (index + 1) * PLAYBOOKS_PER_QUIZ))]
    lines = [
        f"title: {q('Quiz ' + str(index + 1) + ': ' + w.title(2, 4))}",
        f"playbooks: [{', '.join(covered)}]",
        "pass_mark: 80",
        f"last_reviewed: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "questions:",
    ]
    for k in range(5):
        lines.append(f"  - question: {q(w.sentence(8, 20)[:-1] + '?')}")
        if k % 3 == 2:
            lines += [f"    answer: {'true' if k % 2 else 'false'}",
                      f"    explain: {q(w.sentence())}"]
            continue
        lines.append("    choices:")
        for c in range(rng.randint(3, 4)):
            lines.append(f"      - text: {q(w.sentence(4, 10))}")
            if c == 0:
                lines.append("        correct: true")
            lines.append(f"        explain: {q(w.sentence())}")
    return "\n".join(lines) + "\n"


MKDOCS_YML = """\
site_name: Synthetic Escalation Handbook ({n} playbooks)
site_description: A synthetic handbook written by bench/synth.py.
docs_dir: docs
use_directory_urls: false
theme:
  name: material
  font: false
  language: en
  features: [navigation.sections, navigation.prune, navigation.indexes, navigation.top,
             navigation.footer, search.highlight, search.suggest, content.code.copy, toc.follow]
plugins:
  - search
  - tags
  - offline
  - handbook:
      playbooks: playbooks
      quizzes: quizzes
markdown_extensions:
  - attr_list
  - admonition
  - toc:
      permalink: true
"""


def generate(n_playbooks: int, out: Path, seed: int = 6) -> dict[str, int]:
    """Write a handbook of ``n_playbooks`` playbooks to ``out`` (replaced). Returns counts."""
    if n_playbooks < 2:
        raise ValueError("at least 2 playbooks")
    w = Writer(seed * 1_000_003 + n_playbooks)
    if out.exists():
        shutil.rmtree(out)
    (out / "docs").mkdir(parents=True)
    (out / "quizzes").mkdir()
    playbooks = out / "playbooks"
    playbooks.mkdir()
    n_sections = max(2, round(n_playbooks / PLAYBOOKS_PER_SECTION))
    n_contacts = max(2, n_playbooks // 2)
    n_quizzes = -(-n_playbooks // PLAYBOOKS_PER_QUIZ)  # every playbook is covered by a quiz
    sections = section_names(n_sections)
    (out / "mkdocs.yml").write_text(MKDOCS_YML.format(n=n_playbooks), "utf-8")
    (out / "docs" / "about.md").write_text(
        "# About this handbook\n\nA synthetic handbook for benchmarks.\n", "utf-8")
    (playbooks / "handbook.yaml").write_text(_settings(n_playbooks), "utf-8")
    (playbooks / "contacts.yaml").write_text(_contacts(w, n_contacts), "utf-8")
    yaml_bytes = 0
    for i in range(n_playbooks):
        folder = playbooks / sections[i * n_sections // n_playbooks]
        folder.mkdir(exist_ok=True)
        text = _playbook(w, i, n_playbooks, n_contacts)
        yaml_bytes += len(text.encode())
        (folder / f"{_pb_id(i)}.yaml").write_text(text, "utf-8")
    for k in range(n_quizzes):
        (out / "quizzes" / f"quiz-{k + 1:05d}.yaml").write_text(
            _quiz(w, k, n_playbooks), "utf-8")
    total = sum(p.stat().st_size for p in out.rglob("*.yaml"))
    return {"playbooks": n_playbooks, "sections": n_sections, "contacts": n_contacts,
            "quizzes": n_quizzes, "playbook_yaml_bytes": yaml_bytes, "yaml_bytes": total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("playbooks", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    print(generate(args.playbooks, args.out, args.seed))


if __name__ == "__main__":
    main()
