"""Links out of the handbook folder and drafts, as `handbook check` sees them (real files and
real symlinks)."""

from __future__ import annotations

import os
from pathlib import Path

from support import build

from escalation_handbook.folder import load_handbook


def outside(tmp_path: Path) -> Path:
    """A playbook that sits outside the handbook folder."""
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "more").mkdir(parents=True)
    source = build(None, tmp_path / "copy") / "playbooks" / "general" / "service-outage.yaml"
    text = source.read_text("utf-8").replace("id: service-outage", "id: leaked")
    (elsewhere / "leaked.yaml").write_text(text, "utf-8")
    (elsewhere / "more" / "other.yaml").write_text(text.replace("leaked", "other"), "utf-8")
    return elsewhere


def lines(root: Path) -> list[str]:
    handbook = load_handbook(root)
    return sorted(str(p) for p in handbook.problems if p.code in ("outside-link", "draft-skipped"))


def test_outside_link_links_out_of_the_handbook_folder_are_not_followed(tmp_path):
    elsewhere = outside(tmp_path)
    root = build(None, tmp_path)
    (root / "playbooks" / "general" / "leaked.yaml").symlink_to(elsewhere / "leaked.yaml")
    (root / "playbooks" / "more").symlink_to(elsewhere / "more", target_is_directory=True)
    (root / "quizzes" / "passwd.yaml").symlink_to("/etc/passwd")
    assert lines(root) == [
        f"playbooks/general/leaked.yaml:1:1: warning: this link leads out of the handbook "
        f"folder (to {elsewhere / 'leaked.yaml'}), so it is not followed: copy the file or "
        "folder into the handbook instead [outside-link]",
        f"playbooks/more:1:1: warning: this link leads out of the handbook folder (to "
        f"{elsewhere / 'more'}), so it is not followed: copy the file or folder into the "
        "handbook instead [outside-link]",
        f"quizzes/passwd.yaml:1:1: warning: this link leads out of the handbook folder (to "
        f"{Path('/etc/passwd').resolve()}), so it is not followed: copy the file or folder "
        "into the handbook instead [outside-link]",
    ]
    handbook = load_handbook(root)
    assert {d.id for d in handbook.playbooks} == {"service-outage"}


def test_links_inside_the_handbook_folder_are_followed_once(tmp_path):
    root = build(None, tmp_path)
    (root / "shared").mkdir()
    playbook = root / "playbooks" / "general" / "service-outage.yaml"
    (root / "shared" / "copy.yaml").write_text(playbook.read_text("utf-8").replace(
        "id: service-outage", "id: shared-copy"), "utf-8")
    (root / "playbooks" / "shared").symlink_to(root / "shared", target_is_directory=True)
    (root / "shared" / "loop").symlink_to(root / "playbooks", target_is_directory=True)
    assert lines(root) == []
    handbook = load_handbook(root)
    assert sorted(d.id for d in handbook.playbooks) == ["copy", "service-outage"]


def test_settings_linked_from_outside_are_missing(tmp_path):
    root = build(None, tmp_path / "a")
    other = build(None, tmp_path / "b")
    (root / "playbooks" / "contacts.yaml").unlink()
    (root / "playbooks" / "contacts.yaml").symlink_to(other / "playbooks" / "contacts.yaml")
    found = {(p.path, p.code) for p in load_handbook(root).problems}
    assert {("playbooks/contacts.yaml", "outside-link"),
            ("playbooks/contacts.yaml", "missing-file")} <= found


def test_draft_skipped_drafts_are_skipped_with_a_note(tmp_path):
    root = build(None, tmp_path)
    drafts = root / "playbooks" / ".drafts"
    drafts.mkdir()
    (drafts / "draft.yaml").write_text("title: [unfinished\n", "utf-8")
    (root / "quizzes" / ".half.yaml").write_text("nothing: here\n", "utf-8")
    (root / "playbooks" / ".DS_Store").write_bytes(b"\0")
    assert lines(root) == [
        "playbooks/.drafts:1:1: note: skipped: a name starting with '.' marks a draft, which is "
        "neither checked nor published; rename it to publish it [draft-skipped]",
        "quizzes/.half.yaml:1:1: note: skipped: a name starting with '.' marks a draft, which "
        "is neither checked nor published; rename it to publish it [draft-skipped]",
    ]
    handbook = load_handbook(root)
    assert not [p for p in handbook.problems if p.is_error]
    assert os.path.exists(drafts / "draft.yaml")
