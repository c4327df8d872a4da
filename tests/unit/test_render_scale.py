"""Pages that list the whole handbook switch to summaries when the handbook is large.

A real synthetic handbook (bench/synth.py, the benchmark's generator) is loaded and rendered; no
MkDocs build is needed to see which pages exist and where their links point.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from bench.synth import generate
from escalation_handbook.checks import check
from escalation_handbook.folder import load_handbook
from escalation_handbook.render import RenderOptions, links, render

TODAY = date(2026, 11, 28)


def rendered(root: Path, playbooks: int):
    generate(playbooks, root)
    handbook = load_handbook(root)
    assert [p for p in check(handbook, TODAY) if p.is_error] == []
    return handbook, render(handbook, RenderOptions(TODAY))


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """150 playbooks, 75 contacts, 30 quizzes: past every list limit."""
    return rendered(tmp_path_factory.mktemp("large"), 150)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """10 playbooks, 5 contacts: everything fits on one page."""
    return rendered(tmp_path_factory.mktemp("small"), 10)


def test_a_long_directory_has_a_page_per_team(large):
    handbook, tree = large
    assert len(handbook.contacts) > links.DIRECTORY_LIMIT
    team_pages = [p for p in tree.pages if p.startswith("contacts/")]
    assert team_pages, "no team pages"
    # every contact has exactly one entry, on its team's page
    entries = {}
    for page in team_pages:
        for contact_id in re.findall(r"^### .* \{#([a-z0-9-]+)\}$", tree.pages[page], re.M):
            entries.setdefault(contact_id, []).append(page)
    assert sorted(entries) == sorted(c.id for c in handbook.contacts)
    assert all(len(pages) == 1 for pages in entries.values())
    # the index lists teams, not entries
    assert "{#" not in tree.pages[links.CONTACTS].split("---", 2)[2].split("<table", 1)[0]
    # a playbook's owner link points at the owner's team page
    doc = handbook.playbooks[0]
    page = tree.pages[links.playbook_page(doc.section, doc.id)]
    owner_page = entries[doc.model.owner][0].removeprefix("contacts/").removesuffix(".md")
    assert f'href="../../contacts/{owner_page}.html#{doc.model.owner}"' in page


def test_a_short_directory_is_one_page(small):
    handbook, tree = small
    assert not [p for p in tree.pages if p.startswith("contacts/")]
    for contact in handbook.contacts:
        assert f"{{#{contact.id}}}" in tree.pages[links.CONTACTS]


def test_home_lists_sections_or_playbooks(large, small):
    handbook, tree = large
    home = tree.pages[links.HOME]
    assert "Playbooks by section" in home
    listed = home.split("Playbooks by section", 1)[1]
    assert not any(d.model.title in listed for d in handbook.playbooks)
    handbook, tree = small
    home = tree.pages[links.HOME]
    assert all(d.model.title in home for d in handbook.playbooks)


def test_severity_levels_with_many_triggers_link_to_sections(large):
    handbook, tree = large
    page = tree.pages[links.SEVERITIES]
    sections = {d.section for d in handbook.playbooks}
    for section in sections:
        assert f"{section}/index.html#severity-" in page
        section_page = tree.pages[links.section_page(section)]
        triggers = [t for d in handbook.playbooks if d.section == section
                    for t in d.model.triggers]
        assert section_page.count('<li><a href="') >= len(triggers)


def test_review_status_is_split_by_part_when_long(large, small):
    handbook, tree = large
    parts = sorted(p for p in tree.pages if p.startswith("review/"))
    assert parts
    listed = sum(tree.pages[p].count('<tr class="hb-review"') for p in parts)
    assert listed == len(handbook.playbooks) + len(handbook.quizzes)
    assert tree.pages[links.REVIEW].count('<tr class="hb-review"') <= links.LIST_LIMIT
    assert all(tree.pages[p].count('<tr class="hb-review"') <= 2 * links.LIST_LIMIT
               for p in parts)
    handbook, tree = small
    assert not [p for p in tree.pages if p.startswith("review/")]
    assert tree.pages[links.REVIEW].count('<tr class="hb-review"') == (
        len(handbook.playbooks) + len(handbook.quizzes))


def test_navigation_names_every_generated_page(large):
    _, tree = large

    def paths(items):
        for item in items:
            if isinstance(item, str):
                yield item
            else:
                for value in item.values():
                    yield from (paths(value) if isinstance(value, list) else [value])

    assert set(paths(tree.nav)) == set(tree.pages)



def test_tag_index_only_for_small_handbooks(large, small):
    assert links.TAGS not in large[1].pages
    assert links.TAGS in small[1].pages


def test_long_navigation_lists_go_one_level_down(large):
    handbook, tree = large
    training = next(item["Training"] for item in tree.nav if "Training" in item)
    assert training[0] == links.TRAINING
    assert list(training[1]) == ["Quizzes"]
    assert len(training[1]["Quizzes"]) == len(handbook.quizzes)


def test_coverage_draws_a_few_grids_and_counts_the_rest(large, small):
    """Each week's grid is 168 cells: past `GRID_LIMIT` sets of first contacts (and
    `CLOCK_LIMIT` clocks) the page says how many more there are; the gaps come first."""
    from escalation_handbook.render.coverage import CLOCK_LIMIT, GRID_LIMIT

    _, tree = large
    page = tree.pages[links.COVERAGE]
    assert page.count('<table class="hb-coverage-grid"') == GRID_LIMIT
    more = re.search(r"<p>(\d+) more sets of first contacts are not shown", page)
    assert more and int(more.group(1)) > 0
    assert re.search(r"<p>And \d+ more\.</p>", page)
    assert page.count("hb-coverage-grid") < 2 * GRID_LIMIT + CLOCK_LIMIT
    _, tree = small
    assert "more sets of first contacts" not in tree.pages[links.COVERAGE]
