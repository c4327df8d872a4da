"""The page the widget tests run on: real rendered widgets beside hand-written hostile ones.

The decision tree, the quiz (with its review banner and best score), the training table and the
review table are cut from the pages the renderer writes for the example handbook in
``fixtures/handbook`` (laid over ``tests/examples/base``). Only the hostile and broken cases are
hand-written, in ``fixtures/widgets.html``. The page loads the ``handbook.js`` the render stage
joins, as a site would, without Material.
"""

from __future__ import annotations

import atexit
import functools
import json
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from support import build

from escalation_handbook.checks import check
from escalation_handbook.folder import Handbook, load_handbook
from escalation_handbook.render import RenderOptions, links, render
from escalation_handbook.render.assets import asset_files
from escalation_handbook.render.views import Lookups

HERE = Path(__file__).parent
CASE = HERE / "fixtures" / "handbook"
SHELL = HERE / "fixtures" / "widgets.html"
TODAY = date(2026, 11, 28)
TREE = "data-breach"
QUIZ = "basics"
PAGE = "widgets.html"


def _cut(markdown: str, start: str, end: str) -> str:
    """The rendered HTML from ``start`` through the first ``end`` after it."""
    begin = markdown.index(start)
    return markdown[begin:markdown.index(end, begin) + len(end)]


@functools.cache
def _work() -> Path:
    """A folder for this test process (the page is written once, at collection)."""
    work = Path(tempfile.mkdtemp(prefix="hb-widgets-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    return work


@functools.cache
def example_handbook() -> Handbook:
    """The example handbook, checked: no problem at all, not even a warning."""
    handbook = load_handbook(build(CASE, _work()))
    assert check(handbook, TODAY) == []
    return handbook


@functools.cache
def written_site() -> Path:
    """Render the example handbook; write the widget page and its assets; the site folder."""
    handbook = example_handbook()
    pages = render(handbook, RenderOptions(TODAY)).pages
    doc = handbook.playbook(TREE)
    blocks = {
        "tree": _cut(pages[links.playbook_page(doc.section, doc.id)],
                     f'<div class="hb-tree" data-tree="{TREE}">', "</script>"),
        "quiz": _cut(pages[links.quiz_page(QUIZ)], '<p class="hb-quiz-about">', "</script>"),
        "training": _cut(pages[links.TRAINING], '<table class="hb-training hb-table">', "</table>"),
        "review": _cut(pages[links.REVIEW], '<p class="hb-review-intro">', "</table>"),
    }
    html = SHELL.read_text(encoding="utf-8")
    for name, block in blocks.items():
        marker = f"<!-- rendered: {name} -->"
        assert marker in html, marker
        html = html.replace(marker, block)
    site = _work() / "site"
    for path, content in asset_files().items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(content)
    (site / PAGE).write_text(html, encoding="utf-8")
    return site


def expanded_tree() -> dict[str, Any]:
    """The tree as the widget reads it once it has expanded the page's references."""
    handbook = example_handbook()
    doc = handbook.playbook(TREE)
    page = links.playbook_page(doc.section, doc.id)
    return Lookups(handbook).tree(doc.id, doc.model.title, doc.model.decision_tree, doc, page)


def embedded(kind: str, ident: str) -> dict[str, Any]:
    """The JSON a widget reads from the page."""
    text = (written_site() / PAGE).read_text(encoding="utf-8")
    m = re.search(
        rf'<script type="application/json" id="hb-{kind}-{re.escape(ident)}">(.*?)</script>',
        text,
        re.S,
    )
    assert m, f"no {kind} {ident} on the page"
    return json.loads(m.group(1))


# --- on the page -----------------------------------------------------------------------


def tree_el(page, tree_id=TREE):
    return page.locator(f'.hb-tree[data-tree="{tree_id}"]')


def question_text(page, tree_id=TREE) -> str:
    return tree_el(page, tree_id).locator(".hb-tree-question").inner_text()


def walk(page, path, tree_id=TREE):
    for index in path:
        tree_el(page, tree_id).locator(".hb-tree-answer").nth(index).click()


def quiz_el(page, quiz_id=QUIZ):
    return page.locator(f'.hb-quiz[data-quiz="{quiz_id}"]')


def answer_quiz(page, right: set[str], quiz=None, quiz_id=QUIZ, skip=frozenset(),
                submit=True):
    """Answer every question not in ``skip``: correctly if its id is in ``right``, else
    wrongly; then submit (unless told not to)."""
    quiz = quiz or embedded("quiz", quiz_id)
    form = quiz_el(page, quiz_id).locator("form")
    for question in quiz["questions"]:
        if question["id"] in skip:
            continue
        fieldset = form.locator(f'fieldset[data-question="{question["id"]}"]')
        choices = question["choices"]
        if question["id"] in right:
            chosen = [c for c in choices if c["correct"]]
        else:
            chosen = [next(c for c in choices if not c["correct"])]
        for choice in chosen:
            fieldset.locator(f'.hb-choice[data-choice="{choice["id"]}"] input').check()
    if submit:
        form.locator(".hb-quiz-submit").click()
