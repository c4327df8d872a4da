"""The Coverage page: the week grid of who answers step 1 hour by hour, from the same coverage
as the out-of-hours check, gaps in words; and every clock of the handbook."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from support import EXAMPLES, REPO, build

from escalation_handbook.checks import check
from escalation_handbook.folder import load_handbook
from escalation_handbook.render import RenderOptions, links, render

TODAY = date(2026, 6, 1)
WEEKEND_GAP = EXAMPLES / "invalid" / "out-of-hours" / "weekend"


class Grid(HTMLParser):
    """Each grid's rows as {day: [cell text, …]} and each cell's class."""

    def __init__(self) -> None:
        super().__init__()
        self.grids: list[dict[str, list[tuple[str, str]]]] = []
        self.row: list[tuple[str, str]] | None = None
        self.cell: list[str] | None = None
        self.cls = ""
        self.day = ""
        self.in_head = False
        self.in_grid = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table" and "hb-coverage-grid" in (a.get("class") or ""):
            self.grids.append({})
            self.in_grid = True
        elif not self.in_grid:
            return
        elif tag == "th" and a.get("scope") == "row":
            self.in_head, self.day = True, ""
        elif tag == "td":
            self.cell, self.cls = [], a.get("class") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.in_grid = False
        elif tag == "th" and self.in_head:
            self.in_head = False
            self.grids[-1][self.day] = []
        elif tag == "td" and self.cell is not None:
            self.grids[-1][self.day].append(("".join(self.cell).strip(), self.cls))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.in_head:
            self.day += data
        elif self.cell is not None:
            self.cell.append(data)


def grids(page: str) -> list[dict[str, list[tuple[str, str]]]]:
    parser = Grid()
    parser.feed(page)
    return parser.grids


def test_a_weekend_gap_shows_as_nobody_and_is_named(tmp_path: Path) -> None:
    handbook = load_handbook(build(WEEKEND_GAP, tmp_path))
    assert any(p.code == "out-of-hours" for p in check(handbook, TODAY))
    page = render(handbook, RenderOptions(TODAY)).pages[links.COVERAGE]
    [grid] = grids(page)
    assert list(grid) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert grid["Mon"][9] == ("A", "hb-cov-full")      # the IT on-call engineer, office hours
    assert grid["Fri"][20] == ("B", "hb-cov-full")     # the duty manager, overnight
    assert grid["Sat"][12] == ("A", "hb-cov-full")
    assert grid["Sat"][18] == ("nobody", "hb-cov-gap")
    assert all(cell == ("nobody", "hb-cov-gap") for cell in grid["Sun"])
    assert "<strong>Not covered:</strong> Saturday 18:00–Monday 08:00." in page
    assert re.search(r"<strong>A</strong> = <a [^>]*>IT on-call engineer</a>", page)


def test_the_sample_is_covered_and_lists_its_clocks() -> None:
    handbook = load_handbook(REPO)
    page = render(handbook, RenderOptions(date(2026, 11, 28))).pages[links.COVERAGE]
    found = grids(page)
    assert found and "Not covered" not in page
    assert page.count("Covered at every hour of the week.") == len(found)
    assert all(text != "nobody" for grid in found for row in grid.values() for text, _ in row)
    assert "GDPR personal data breach notification to the supervisory authority" in page
    assert "Within 72 hours of becoming aware, to <a href=\"contacts.html#ico\">" in page


def test_the_page_opens_with_its_front_matter() -> None:
    page = render(load_handbook(REPO), RenderOptions(date(2026, 11, 28))).pages[links.COVERAGE]
    assert page.startswith("---\ntitle: Coverage\n---\n")
