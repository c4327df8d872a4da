"""A serving process's render (kept file loads and pages) gives what a fresh render gives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support import copy_sample

from escalation_handbook.checks import check
from escalation_handbook.folder import FileCache, load_handbook
from escalation_handbook.render import RenderMemo, RenderOptions, render

TODAY = date(2026, 12, 1)


def rendered(root: Path, memo: RenderMemo | None = None, files: FileCache | None = None
             ) -> dict[str, object]:
    handbook = load_handbook(root, reuse=files)
    assert not [p for p in check(handbook, TODAY) if p.level == "error"]
    tree = render(handbook, RenderOptions(TODAY), memo)
    return {"nav": tree.nav, **dict(tree.items())}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(("change", "at_least"), [
    # security-incident's tree links to data-breach ("see:"): its page shows that summary
    (lambda root: edit(root / "playbooks/security/data-breach.yaml", "summary: >-\n",
                       "summary: >-\n  Zebra.\n"), 4),
    # a contact's phone: the pages and cards that show that contact
    (lambda root: edit(root / "playbooks/contacts.yaml", "+44 20 7946 0102", "+44 20 7946 0999"),
     3),
    # a contact's hours (the on-duty widget's data)
    (lambda root: edit(root / "playbooks/contacts.yaml", "Mon-Fri 08:00-18:00 Europe/London",
                       "Mon-Fri 09:00-17:00 Europe/London"), 1),
    (lambda root: edit(root / "playbooks/security/data-breach.yaml", "title: ", "title: New "),
     4),
])
def test_kept_render_equals_a_fresh_one(tmp_path: Path, change, at_least: int) -> None:
    root = copy_sample(tmp_path / "handbook")
    memo, files = RenderMemo(), FileCache()
    rendered(root, memo, files)
    # 8 playbook pages, 8 cards and 8 incident-log scripts; no other page yet
    assert (memo.reused, memo.rendered, memo.lists_reused) == (0, 24, 0)
    change(root)
    kept = rendered(root, memo, files)
    assert kept == rendered(root)
    assert at_least <= memo.rendered < 24
    assert memo.reused == 24 - memo.rendered
    assert memo.lists_reused > 0  # the other pages given the same values: from the one before


def test_a_file_whose_bytes_did_not_change_is_not_loaded_again(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "handbook")
    files = FileCache()
    first = load_handbook(root, reuse=files)
    edit(root / "playbooks/security/data-breach.yaml", "summary: >-\n", "summary: >-\n  Zebra.\n")
    second = load_handbook(root, reuse=files)
    models = {d.id: d.model for d in first.playbooks}
    assert [d.id for d in second.playbooks if d.model is not models[d.id]] == ["data-breach"]
    assert second.problems == load_handbook(root).problems
