"""Titles reach MkDocs escaped exactly once: shown as written, never run."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import yaml

from escalation_handbook.folder import load_handbook
from escalation_handbook.render import RenderOptions, links, render

STARTER = Path(__file__).resolve().parents[2] / "escalation_handbook" / "starter"


def test_a_title_with_quotes_and_ampersands_is_escaped_once(tmp_path):
    root = tmp_path / "handbook"
    shutil.copytree(STARTER, root)
    path = root / "playbooks" / "general" / "service-outage.yaml"
    text = path.read_text("utf-8").replace("title: Service outage",
                                           "title: \"Tom's <b>outage</b> & co\"")
    path.write_text(text, "utf-8")
    tree = render(load_handbook(root), RenderOptions(date(2026, 11, 28)))
    page = tree.pages[links.playbook_page("general", "service-outage")]
    meta = yaml.safe_load(page.split("---")[1])
    # MkDocs prints this title unescaped into the navigation and <title>: one escape, no more
    assert meta["title"] == "Tom&#x27;s &lt;b&gt;outage&lt;/b&gt; &amp; co"
    assert meta["handbook_signals"]["service-down"][0] == "website down"


def test_front_matter_kept_between_renders_is_that_of_the_same_values() -> None:
    """A serving process keeps the last render's front matter: only the same title with the
    same values (and types) gives the kept text."""
    from escalation_handbook.render.pages import front_matter, next_render

    first = front_matter("Same", tags=["a"], search={"boost": 2})
    next_render()
    assert front_matter("Same", tags=["a"], search={"boost": 2}) is first
    assert "- b" in front_matter("Same", tags=["b"])
    assert "boost: 2.0" in front_matter("Same", search={"boost": 2.0})
    assert "boost: 2\n" in front_matter("Same", search={"boost": 2}) + "\n"
    next_render()
    next_render()  # two renders on, nothing is kept: made again, the same text
    again = front_matter("Same", tags=["a"], search={"boost": 2})
    assert again == first and again is not first
