"""`handbook cards`: the incident cards as one PDF, read back with pypdf."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import copy_sample

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")

REPO = Path(__file__).resolve().parents[2]
STARTER = REPO / "escalation_handbook" / "starter"
HANDBOOK = Path(sys.executable).with_name("handbook")


def cards(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(HANDBOOK), "cards", *map(str, args)], capture_output=True,
                          text=True, timeout=300)


def test_one_playbook_card_with_its_qr_code(tmp_path):
    root = copy_sample(tmp_path / "sample")
    out = tmp_path / "out" / "card.pdf"
    result = cards(root, "--out", out, "--playbook", "service-outage", "--today", "2026-12-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Wrote 1 card to {out}\n"
    assert result.stderr == ""  # it fits, and mkdocs.yml sets site_url
    page = pypdf.PdfReader(out).pages
    assert len(page) == 1
    text = page[0].extract_text()
    assert "Customer-facing service outage" in text
    assert "https://handbook.northwind.example/playbooks/operations/service-outage.html" in \
        text.replace("\n", "")


def test_an_unknown_playbook_is_a_usage_error_with_a_suggestion(tmp_path):
    root = copy_sample(tmp_path / "sample")
    result = cards(root, "--out", tmp_path / "x.pdf", "--playbook", "service-outag")
    assert result.returncode == 2
    assert "Error: no playbook 'service-outag': did you mean 'service-outage'?" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_card_too_long_warns_and_fails_only_with_strict(tmp_path):
    root = tmp_path / "starter"
    shutil.copytree(STARTER, root)
    playbook = root / "playbooks" / "general" / "service-outage.yaml"
    text = playbook.read_text("utf-8")
    extra = "".join(
        f"  - id: extra-{n}\n    name: Another way the service can fail, number {n}\n"
        "    severity: sev2\n    signals: [broken]\n    pathway: outage-escalation\n"
        for n in range(60))
    playbook.write_text(text.replace("pathways:\n", extra + "pathways:\n", 1), "utf-8")
    out = tmp_path / "cards.pdf"
    for strict, code in ((False, 0), (True, 1)):
        result = cards(root, "--out", out, "--paper", "letter", "--today", "2026-12-01",
                       *(["--strict"] if strict else []))
        assert result.returncode == code, result.stderr
        # The 60 extra triggers are in no tree: the check's warnings about that, and its
        # summary, come first.
        lines = result.stderr.splitlines()
        lines = lines[next(n for n, line in enumerate(lines) if "incident card" in line):]
        assert lines[0].startswith(f"{root}/playbooks/general/service-outage.yaml: warning: "
                                   "the incident card “Service outage” needs ")
        assert "US Letter pages, not one: “" in lines[0]
        assert lines[1] == "note: mkdocs.yml sets no site_url, so the cards have no QR code"
        assert len(pypdf.PdfReader(out).pages) > 2  # the handbook's card, the long one whole
