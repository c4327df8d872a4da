"""The decision tree widget (widgets/tree.js): every path, URL state, keyboard, focus.

Runs on the widget page (widget_page.py): the renderer's output for the example handbook in
fixtures/handbook, and hand-written hostile cases. Expectations come from the page's data.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from widget_page import TREE, expanded_tree, question_text, tree_el, walk

pytestmark = pytest.mark.browser


def tree_paths(tree: dict) -> list[tuple[list[int], list[str], dict]]:
    """Every path from the start: (answer indexes, questions asked, outcome)."""
    found = []

    def walk(node_id, path, questions):
        node = tree["nodes"][node_id]
        for i, answer in enumerate(node["answers"]):
            asked = [*questions, node["question"]]
            if "outcome" in answer:
                found.append(([*path, i], asked, answer["outcome"]))
            else:
                walk(answer["next"], [*path, i], asked)

    walk(tree["start"], [], [])
    return found


TREE_DATA = expanded_tree()
PATHS = tree_paths(TREE_DATA)


def hash_of(page) -> str:
    return urlsplit(page.url).fragment


def check_outcome(page, outcome, tree_id=TREE):
    card = tree_el(page, tree_id).locator(".hb-outcome")
    assert card.count() == 1
    kind = outcome["kind"]
    assert f"hb-outcome-{kind}" in card.get_attribute("class")
    if kind == "trigger":
        assert outcome["trigger"]["name"] in card.locator(".hb-outcome-title").inner_text()
        sev = outcome["severity"]
        badge = card.locator(".hb-sev")
        assert badge.inner_text() == sev["label"]
        assert f"hb-sev-{sev['rank']}" in badge.get_attribute("class")
        assert outcome["acknowledge_within"] in card.locator(".hb-outcome-ack").inner_text()
        contacts = card.locator(".hb-contact")
        assert contacts.count() == len(outcome["contacts_now"])
        for i, contact in enumerate(outcome["contacts_now"]):
            item = contacts.nth(i)
            assert contact["name"] in item.inner_text()
            hrefs = item.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
            for key in ("tel", "mailto", "chat_url", "url", "directory_url"):
                value = contact.get(key)
                if value and not value.lower().startswith("javascript:"):
                    assert value in hrefs, (key, hrefs)
            assert not any(h.lower().startswith("javascript:") for h in hrefs)
        assert card.locator(".hb-outcome-actions li").count() == len(outcome["actions"])
        pathway = card.locator("a.hb-outcome-pathway")
        assert pathway.get_attribute("href") == outcome["pathway"]["url"]
        playbook = card.locator("a.hb-outcome-playbook")
        assert playbook.get_attribute("href") == outcome["playbook"]["url"]
    elif kind == "playbook":
        a = card.locator("a.hb-outcome-playbook")
        assert a.get_attribute("href") == outcome["playbook"]["url"]
        assert outcome["playbook"]["title"] in a.inner_text()
        assert outcome["playbook"]["summary"] in card.inner_text()
    else:
        assert outcome["text"] in card.locator(".hb-outcome-body").inner_text()
        see = card.locator(".hb-outcome-see a")
        assert see.get_attribute("href") == outcome["see"]["url"]
        assert see.inner_text() == outcome["see"]["title"]


def test_fixture_tree_has_all_outcome_kinds():
    assert {outcome["kind"] for _, _, outcome in PATHS} == {"trigger", "playbook", "text"}


@pytest.mark.parametrize(("path", "questions", "outcome"), PATHS, ids=lambda v: str(v)[:30])
def test_every_path_reaches_its_outcome(page, site, dialogs, path, questions, outcome):
    page.goto(site)
    tree = tree_el(page)
    assert tree.locator(".hb-tree-ui").is_visible()
    assert not tree.locator(".hb-outline").is_visible()  # static outline hidden
    for step, (index, question) in enumerate(zip(path, questions, strict=True)):
        assert question in question_text(page)
        assert tree.locator(".hb-tree-trail-item").count() == step
        tree.locator(".hb-tree-answer").nth(index).click()
        if step < len(path) - 1:
            expect_focus = tree.locator(".hb-tree-question")
        else:
            expect_focus = tree.locator(".hb-outcome-title")
        assert expect_focus.evaluate("el => el === document.activeElement")
    assert hash_of(page) == f"tree-{TREE}=" + ".".join(map(str, path))
    assert tree.locator(".hb-tree-trail-item").count() == len(path)
    check_outcome(page, outcome)
    # the live region announces the outcome
    page.wait_for_function(
        "el => el.textContent.length > 0", arg=tree.locator(".hb-live").element_handle()
    )
    assert dialogs == []


def test_shared_url_restores_step_and_reload_keeps_it(page, site):
    path, questions, outcome = max(PATHS, key=lambda p: len(p[0]))
    middle = path[:-1]
    page.goto(site + f"#tree-{TREE}=" + ".".join(map(str, middle)))
    assert questions[len(middle)] in question_text(page)
    page.reload()
    assert questions[len(middle)] in question_text(page)
    assert tree_el(page).locator(".hb-tree-trail-item").count() == len(middle)
    page.goto(site + f"#tree-{TREE}=" + ".".join(map(str, path)))
    page.reload()
    check_outcome(page, outcome)


def test_invalid_hash_path_is_truncated(page, site):
    page.goto(site + f"#tree-{TREE}=0.99.1")
    first = TREE_DATA["nodes"][TREE_DATA["start"]]["answers"][0]
    assert TREE_DATA["nodes"][first["next"]]["question"] in question_text(page)


def test_browser_back_steps_back(page, site):
    path, questions, outcome = max(PATHS, key=lambda p: len(p[0]))
    page.goto(site)
    walk(page, path)
    check_outcome(page, outcome)
    for depth in range(len(path) - 1, -1, -1):
        page.go_back()
        page.wait_for_function(
            'n => document.querySelectorAll(\'.hb-tree[data-tree="data-breach"] '
            ".hb-tree-trail-item').length === n",
            arg=depth,
        )
        assert questions[depth] in question_text(page)
    assert hash_of(page) == ""
    page.go_forward()
    assert questions[1] in question_text(page)


def test_back_and_start_over_buttons(page, site):
    path, questions, _ = max(PATHS, key=lambda p: len(p[0]))
    page.goto(site)
    tree = tree_el(page)
    assert tree.locator(".hb-tree-back").is_disabled()
    walk(page, path)
    tree.locator(".hb-tree-back").click()
    assert questions[-1] in question_text(page)
    assert hash_of(page) == f"tree-{TREE}=" + ".".join(map(str, path[:-1]))
    tree.locator(".hb-tree-restart").click()
    assert questions[0] in question_text(page)
    assert hash_of(page) == ""
    assert tree.locator(".hb-tree-question").evaluate("el => el === document.activeElement")


def test_keyboard_only_walk(page, site):
    path, questions, outcome = max(PATHS, key=lambda p: len(p[0]))
    page.goto(site)
    first_answer = tree_el(page).locator(".hb-tree-answer").first
    for _ in range(40):
        page.keyboard.press("Tab")
        if first_answer.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first answer")
    for step, index in enumerate(path):
        if step > 0:
            heading = tree_el(page).locator(".hb-tree-question")
            assert heading.evaluate("el => el === document.activeElement")
            assert questions[step] in heading.inner_text()
            page.keyboard.press("Tab")
        for _ in range(index):
            page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent")
        node_answers = [a["answer"] for a in _answers_at(path[:step])]
        assert focused == node_answers[index]
        page.keyboard.press("Enter")
    title = tree_el(page).locator(".hb-outcome-title")
    assert title.evaluate("el => el === document.activeElement")
    check_outcome(page, outcome)
    # the contact links are reachable with Tab
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')").startswith(
        ("tel:", "mailto:")
    )


def _answers_at(path):
    node = TREE_DATA["nodes"][TREE_DATA["start"]]
    for index in path:
        node = TREE_DATA["nodes"][node["answers"][index]["next"]]
    return node["answers"]


def test_plain_anchor_still_scrolls_and_keeps_tree(page, site):
    page.goto(site + "#pathway-security-escalation")
    page.wait_for_function("window.scrollY > 0")
    assert question_text(page)  # tree rendered at its start
    page.goto(site)
    walk(page, [0])
    page.evaluate("window.scrollTo(0, 0)")
    page.evaluate("location.hash = 'pathway-security-escalation'")
    page.wait_for_function("window.scrollY > 0")
    assert tree_el(page).locator(".hb-tree-trail-item").count() == 1


def test_no_js_data_keeps_static_outline(page, site):
    page.goto(site)
    broken = tree_el(page, "broken")
    assert broken.locator(".broken-static").is_visible()
    assert broken.locator(".hb-tree-ui").count() == 0
