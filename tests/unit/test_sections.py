"""Sections: a title and an order from handbook.yaml's `sections:`, else the folder's name.

Real YAML through the loader, rendered by the render stage; the starter handbook (one section,
`general`) gets two more sections, `it` and `safety`, copies of its playbook.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from escalation_handbook.checks import check
from escalation_handbook.folder import load_handbook
from escalation_handbook.render import RenderOptions, render
from tests.support import build

TODAY = date(2026, 6, 1)


def handbook_with(tmp_path: Path, sections: str):
    root = build(None, tmp_path)
    playbooks = root / "playbooks"
    source = (playbooks / "general" / "service-outage.yaml").read_text(encoding="utf-8")
    for folder, pid, title in (("it", "laptop-lost", "Lost laptop"),
                               ("safety", "fire", "Fire in a building")):
        (playbooks / folder).mkdir()
        (playbooks / folder / f"{pid}.yaml").write_text(
            source.replace("title: Service outage", f"title: {title}")
            .replace("service-down", f"{pid}-down").replace("service-slow", f"{pid}-slow"),
            encoding="utf-8")
    settings = playbooks / "handbook.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("severities:", f"{sections}severities:", 1),
                        encoding="utf-8")
    shutil.rmtree(root / "quizzes")
    (root / "quizzes").mkdir()
    return load_handbook(root)


def playbook_sections(nav: list) -> list[str]:
    playbooks = next(item["Playbooks"] for item in nav if "Playbooks" in item)
    return [next(iter(entry)) for entry in playbooks]


def test_sections_without_settings_are_their_folder_names_in_order(tmp_path):
    handbook = handbook_with(tmp_path, "")
    tree = render(handbook, RenderOptions(TODAY))
    assert playbook_sections(tree.nav) == ["General", "It", "Safety"]


def test_a_section_takes_its_title_and_order_from_handbook_yaml(tmp_path):
    handbook = handbook_with(tmp_path, (
        "sections:\n"
        "  safety:\n"
        "    title: Health & Safety\n"
        "    order: 1\n"
        "  it:\n"
        "    title: IT\n"
        "    order: 2\n"))
    assert [p for p in check(handbook, TODAY) if p.level == "error"] == []
    tree = render(handbook, RenderOptions(TODAY))
    assert playbook_sections(tree.nav) == ["Health & Safety", "IT", "General"]
    section_page = tree.pages["playbooks/safety/index.md"]
    assert "title: Health &amp; Safety" in section_page  # escaped once for MkDocs' <title>
    assert "\n# Health &amp; Safety" in section_page or "\n# Health \\& Safety" in section_page
    home = tree.pages["index.md"]
    assert home.index("### Health &amp; Safety") < home.index("### IT") < \
        home.index("### General")
    cards = next(item["Incident cards"] for item in tree.nav if "Incident cards" in item)
    assert [next(iter(c)) for c in cards[1:]] == ["Health & Safety", "IT", "General"]


def test_without_an_order_sections_follow_by_title(tmp_path):
    handbook = handbook_with(tmp_path, (
        "sections:\n"
        "  general:\n"
        "    title: Z general\n"
        "  it:\n"
        "    order: 5\n"))
    tree = render(handbook, RenderOptions(TODAY))
    assert playbook_sections(tree.nav) == ["It", "Safety", "Z general"]
