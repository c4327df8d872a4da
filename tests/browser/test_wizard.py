"""The home page's wizard on the built sample, in Chromium at a phone's size (390×844): the triage
goes on into each playbook's own tree without a page change, and every trigger of the sample is
reached with its first contact's Call link on screen in (questions on the path + 1) taps; Back
steps back across the join; from file:// too; without JavaScript the outline still gives the
numbers; axe-core finds nothing on the outcome card.

Expected paths and contacts come from the YAML (the model), not from the page's data.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support import REPO, axe_violations, built_site, copy_sample

from escalation_handbook.folder import load_handbook
from escalation_handbook.model import DecisionTree

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
SAMPLE = load_handbook(REPO)


def trigger_paths() -> dict[tuple[str, str], tuple[tuple[int, ...], tuple[str, ...], str]]:
    """Each trigger the joined triage reaches: (answer indexes, questions asked, the playbook
    it belongs to), the shortest path first found."""
    found: dict[tuple[str, str], tuple[tuple[int, ...], tuple[str, ...], str]] = {}

    def walk(tree: DecisionTree, own: str | None, node_id: str, path: tuple[int, ...],
             asked: tuple[str, ...]) -> None:
        node = tree.nodes[node_id]
        for i, answer in enumerate(node.answers):
            here, questions = (*path, i), (*asked, node.question)
            if answer.next:
                walk(tree, own, answer.next, here, questions)
            elif answer.trigger:
                key = (answer.playbook or own or "", answer.trigger)
                if key not in found or len(here) < len(found[key][0]):
                    found[key] = (here, questions, key[0])
            elif answer.playbook:
                sub = SAMPLE.playbook(answer.playbook).model.decision_tree
                if sub is not None:
                    walk(sub, answer.playbook, sub.start, here, questions)

    triage = SAMPLE.settings.model.triage
    walk(triage, None, triage.start, (), ())
    return found


PATHS = trigger_paths()
ALL_TRIGGERS = sorted((d.id, t.id) for d in SAMPLE.playbooks for t in d.model.triggers)


def first_contact(playbook_id: str, trigger_id: str):
    model = SAMPLE.playbook(playbook_id).model
    trigger = next(t for t in model.triggers if t.id == trigger_id)
    pathway = next(p for p in model.pathways if p.id == trigger.pathway)
    return SAMPLE.contact(pathway.steps[0].contacts[0])


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return built_site(copy_sample(tmp_path_factory.mktemp("wizard-site") / "handbook"))


@pytest.fixture(scope="module")
def base(site, serve):
    with serve(site) as (url, _stop):
        yield url


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def wizard(page):
    return page.locator('.hb-tree[data-tree="triage"]')


CALL_JS = """tree => {
    const a = tree.querySelector('.hb-outcome a.hb-call-button');
    if (!a) return null;
    const r = a.getBoundingClientRect();
    return {href: a.getAttribute('href'), inView: r.top >= 0 && r.bottom <= innerHeight,
            height: r.height, focused: document.activeElement.classList.contains(
                'hb-outcome-title')};
}"""


def test_the_joined_triage_reaches_every_trigger_of_the_sample() -> None:
    assert sorted(PATHS) == ALL_TRIGGERS
    # and one of them straight from the triage (trigger: with playbook:)
    triage = SAMPLE.settings.model.triage
    assert any(a.trigger and a.playbook for n in triage.nodes.values() for a in n.answers)


@pytest.mark.parametrize("key", ALL_TRIGGERS, ids=["/".join(k) for k in ALL_TRIGGERS])
def test_every_trigger_ends_on_its_call_link_on_screen(phone, base, key) -> None:
    path, questions, playbook_id = PATHS[key]
    phone.goto(base)
    start = phone.url
    taps = 0
    for index, question in zip(path, questions, strict=True):
        asked = wizard(phone).locator(".hb-tree-question")
        assert " ".join(question.split()) in " ".join(asked.inner_text().split())
        answer = wizard(phone).locator(".hb-tree-answer").nth(index)
        box = answer.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], \
            "each answer is on screen without scrolling"
        answer.click()
        taps += 1
    assert urlsplit(phone.url).path == urlsplit(start).path  # no page change
    call = wizard(phone).evaluate(CALL_JS)
    contact = first_contact(playbook_id, key[1])
    assert call is not None, key
    assert call["href"] == contact.phone.tel
    assert call["inView"] and call["height"] >= 44 and call["focused"]
    assert taps == len(questions)  # + 1: the Call link itself
    assert contact.name in wizard(phone).locator(".hb-outcome .hb-contact").first.inner_text()


def joined_path():
    """A path that crosses into a playbook's tree: the triage's part and the whole path."""
    for (playbook_id, _), (path, questions, _) in PATHS.items():
        tree = SAMPLE.playbook(playbook_id).model.decision_tree
        inside = [q for q in questions if q in {n.question for n in tree.nodes.values()}]
        if inside and len(inside) < len(questions):
            return path, len(questions) - len(inside), questions
    raise AssertionError("no path crosses into a playbook's tree")


def asked(page) -> str:
    return " ".join(wizard(page).locator(".hb-tree-question").inner_text().split())


def test_back_steps_back_across_the_join(phone, base) -> None:
    path, in_triage, questions = joined_path()
    for go_back in (lambda: wizard(phone).locator(".hb-tree-back").click(), phone.go_back):
        phone.goto(base)
        for index in path[:in_triage + 1]:  # the join, then the playbook's first answer
            wizard(phone).locator(".hb-tree-answer").nth(index).click()
        go_back()  # to the playbook's first question
        assert " ".join(questions[in_triage].split()) in asked(phone)
        assert wizard(phone).locator(".hb-tree-joined").count() == 1
        go_back()  # across the join: the triage's last question
        assert " ".join(questions[in_triage - 1].split()) in asked(phone)
        assert wizard(phone).locator(".hb-tree-joined").count() == 0


def test_works_from_disk_and_axe_finds_nothing_on_the_card(browser, site) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    key = next(k for k in ALL_TRIGGERS if len(PATHS[k][0]) > 2)
    for index in PATHS[key][0]:
        wizard(page).locator(".hb-tree-answer").nth(index).click()
    assert wizard(page).evaluate(CALL_JS)["inView"]
    assert axe_violations(page) == []
    context.close()


def test_without_javascript_the_outline_gives_the_numbers_to_call(browser, base) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base)
    outline = wizard(page).locator(".hb-outline")
    assert outline.is_visible()
    calls = {a.call[0] for n in SAMPLE.settings.model.triage.nodes.values()
             for a in n.answers if a.call}
    hrefs = outline.locator('a[href^="tel:"]').evaluate_all(
        "els => els.map(a => a.getAttribute('href'))")
    for contact_id in calls:
        assert SAMPLE.contact(contact_id).phone.tel in hrefs
    context.close()


TAP_JS = """() => {
    const short = [...document.querySelectorAll(
        '.hb-call-now a, .hb-trigger a, .hb-outline a, .hb-contact a, a.hb-policy-owner')]
      .filter(a => a.getClientRects().length && a.getBoundingClientRect().height < 44)
      .map(a => a.textContent.trim());
    const chatLooksLikeAButton = [...document.querySelectorAll('span.hb-reach-chat')]
      .filter(s => getComputedStyle(s).borderTopColor !== 'rgba(0, 0, 0, 0)').length;
    const first = document.querySelector('.hb-call-now a.hb-call-button');
    const prose = document.querySelector('.hb-summary');
    return {short, chatLooksLikeAButton, callFirst: !!first && !!prose &&
            !!(first.compareDocumentPosition(prose) & Node.DOCUMENT_POSITION_FOLLOWING),
            owner: (document.querySelector('.hb-review-dates') || {}).textContent || ''};
}"""


@pytest.mark.parametrize("doc", SAMPLE.playbooks, ids=[d.id for d in SAMPLE.playbooks])
def test_a_playbook_page_leads_with_who_to_call_in_big_targets(phone, base, doc) -> None:
    phone.goto(base + f"playbooks/{doc.section}/{doc.id}.html")
    got = phone.evaluate(TAP_JS)
    assert got["short"] == [] and got["chatLooksLikeAButton"] == 0
    assert got["callFirst"], "the Call now block comes before any prose"
    calls = phone.locator(".hb-call-now a.hb-call-button").evaluate_all(
        "els => els.map(a => a.getAttribute('href'))")
    model = doc.model
    first = {c for t in model.triggers for p in model.pathways if p.id == t.pathway
             for c in p.steps[0].contacts}
    assert set(calls) == {SAMPLE.contact(c).phone.tel for c in first}
    owner = SAMPLE.contact(model.owner)
    assert f"Policy owner: {owner.name}" in got["owner"]
    if model.owner not in first:
        assert owner.phone.tel not in calls  # the owner is no call target
