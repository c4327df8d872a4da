"""A `Diff` → text for people, Markdown for a pull request, JSON for tools, GitHub annotations.

Chosen by name (``DIFF_FORMATS``), like ``problem_formats``. Every format says the same things:
the summary first (how many changes, how many material, which playbooks need their owner's
review), then each group's sentences, most important first, each with its file and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from ..problem_formats import github_command
from ..problems import plural
from .changes import KINDS, Change, Diff, Group

NO_CHANGE = "No change in meaning"


def summary(diff: Diff) -> str:
    """`5 changes in meaning in 2 playbooks, 3 material; 1 playbook needs its owner's review`."""
    if not diff.groups:
        return NO_CHANGE + (" in the files that loaded" if diff.skipped else "")
    changes = [c for c in diff.changes if c.kind != "quiz-needs-update"]
    playbooks = sum(1 for g in diff.groups if g.key.startswith("playbook:"))
    material = sum(1 for c in changes if c.material)
    text = f"{plural(len(changes), 'change')} in meaning"
    if playbooks:
        text += f" in {plural(playbooks, 'playbook')}"
    text += f", {material} material"
    if diff.unreviewed:
        unreviewed = len(diff.unreviewed)
        text += (f"; {plural(unreviewed, 'playbook')} need{'s' if unreviewed == 1 else ''} "
                 "its owner's review (last_reviewed not updated)")
    if diff.quizzes_to_update:
        count = len(diff.quizzes_to_update)
        text += f"; {plural(count, 'quiz')} need{'s' if count == 1 else ''} an update"
    return text


def _heading(group: Group) -> str:
    return f'Playbook "{group.title}"' if group.key.startswith("playbook:") else group.title


def _review_note(group: Group) -> str:
    if not group.material:
        return ""
    owner = group.owner or "its owner"
    if group.reviewed:
        return f"material, reviewed (last_reviewed updated); owner: {owner}"
    return f"material: needs review by {owner}; last_reviewed was not updated"


def _where(change: Change) -> str:
    side = " (in BASE)" if change.side == "base" else ""
    return f"{change.path}:{change.line}{side}"


def _not_compared(diff: Diff) -> list[str]:
    return [f"{s.side}: {s.path}:{s.line}:{s.col}: {s.message}" for s in diff.skipped]


def text(diff: Diff, base: str, head: str) -> str:
    lines: list[str] = []
    if diff.skipped:
        lines.append("Not compared (did not load; run `handbook check`):")
        lines += [f"  {line}" for line in _not_compared(diff)]
        lines.append("")
    for group in diff.groups:
        lines.append(f"{_heading(group)} ({group.path})")
        note = _review_note(group)
        if note:
            lines.append(f"  {note}")
        for c in group.changes:
            mark = "!" if c.material else "-"
            lines.append(f"  {mark} {_where(c)}: {c.sentence}")
        lines.append("")
    lines.append(f"{summary(diff)} ({base} → {head}).")
    return "\n".join(lines)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def _md(value: str) -> str:
    """User text in Markdown (and GitHub's HTML): shown as written, never as markup."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)


def markdown(diff: Diff, base: str, head: str) -> str:
    lines = [f"### Handbook changes: `{_md(base)}` → `{_md(head)}`", ""]
    if not diff.groups and not diff.skipped:
        return "\n".join([*lines, f"{NO_CHANGE}.", ""])
    lines += [f"**{_md(summary(diff))}.**", ""]
    if diff.skipped:
        lines += [f"> [!WARNING]\n> {plural(len(diff.skipped), 'problem')} kept files from "
                  "being compared (run `handbook check`):"]
        lines += [f"> - `{_md(line)}`" for line in _not_compared(diff)]
        lines.append("")
    if diff.groups:
        lines += ["| | changed | changes | review |", "|---|---|---|---|"]
        for group in diff.groups:
            flag = "⚠️" if group.unreviewed else "●" if group.material else ""
            material = sum(1 for c in group.changes if c.material)
            count = f"{len(group.changes)}" + (f" ({material} material)" if material else "")
            note = _review_note(group) or "no material change"
            cells = [flag, _md(_heading(group)), count, _md(note)]
            lines.append("|" + "|".join(f" {c} " if c else " " for c in cells) + "|")
        lines.append("")
    for group in diff.groups:
        lines += [f"<details{' open' if group.unreviewed else ''}>",
                  f"<summary><strong>{_md(_heading(group))}</strong> "
                  f"({plural(len(group.changes), 'change')})</summary>", ""]
        for c in group.changes:
            sentence = f"**{_md(c.sentence)}**" if c.material else _md(c.sentence)
            lines.append(f"- {sentence} `{_md(_where(c))}`")
        lines += ["", "</details>", ""]
    return "\n".join(lines)


def as_json(diff: Diff, base: str, head: str) -> str:
    def group_data(group: Group) -> dict[str, object]:
        return {
            "key": group.key, "title": group.title, "path": group.path, "owner": group.owner,
            "material": group.material, "reviewed": group.reviewed,
            "needs_review": group.unreviewed,
            "changes": [{"kind": c.kind, "material": c.material, "rank": c.rank,
                         "sentence": c.sentence, "path": c.path, "line": c.line,
                         "side": c.side} for c in group.changes],
        }

    return json.dumps({
        "base": base, "head": head, "changed": bool(diff.groups), "summary": summary(diff),
        "needs_review": [g.key for g in diff.unreviewed],
        "quizzes_to_update": [c.path for c in diff.quizzes_to_update],
        "groups": [group_data(g) for g in diff.groups],
        "not_compared": [{"side": s.side, "path": s.path, "line": s.line, "col": s.col,
                          "message": s.message} for s in diff.skipped],
        "kinds": {k: {"rank": v.rank, "material": v.material, "description": v.description}
                  for k, v in KINDS.items()},
    }, indent=2, ensure_ascii=False)


def github(diff: Diff, base: str, head: str) -> str:
    lines = [github_command("error", s.path, s.line, s.col, f"not compared ({s.side})",
                            s.message) for s in diff.skipped]
    for group in diff.groups:
        for c in group.changes:
            level = "warning" if c.material and group.unreviewed else "notice"
            title = ("material change, needs review" if c.material and group.unreviewed
                     else "material change" if c.material else "change")
            if c.side == "base":
                title += f" (line in {base})"
            lines.append(github_command(level, c.path, c.line, 0, title, c.sentence))
    lines.append(f"{summary(diff)} ({base} → {head}).")
    return "\n".join(lines)


DIFF_FORMATS: dict[str, Callable[[Diff, str, str], str]] = {
    "text": text,
    "markdown": markdown,
    "json": as_json,
    "github": github,
}
