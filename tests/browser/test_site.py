"""Browser acceptance tests of the built handbook site (Playwright + Debian's chromium).

The sample handbook is built once per session (per xdist worker) and served on 127.0.0.1:
search by signal, search from disk (file://), no request to another host, axe-core in light
and dark. A hostile handbook (every text field stuffed with HTML, JavaScript links, Markdown and
Jinja) must render inert and visible. A YAML edit during `handbook serve` reaches the page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from support import axe_violations, broken_links, copy_sample, handbook_serve, wait_until_served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
STARTER = REPO / "escalation_handbook" / "starter"
HANDBOOK = Path(sys.executable).with_name("handbook")
TODAY = "2026-12-01"  # after every last_reviewed in the sample
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _build(root: Path) -> Path:
    result = subprocess.run([str(HANDBOOK), "build", str(root), "--today", TODAY], env=ENV,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert broken_links(root / "site") == []
    return root / "site"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("sample-site") / "handbook")
    return _build(root)


@pytest.fixture(scope="session")
def sample_url(sample_site, serve):
    with serve(sample_site) as (base, _stop):
        yield base


def _search(page, term: str):
    """Type ``term`` into Material's search box key by key; return the results' locator."""
    opener = page.locator("label.md-header__button[for='__search']")
    if opener.is_visible():  # narrow screens: the magnifier opens the search dialog
        opener.click()
    box = page.locator("input.md-search__input")
    box.focus()
    page.keyboard.type(term, delay=10)
    results = page.locator(".md-search-result")
    page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=15_000)
    return results


# --- search ---------------------------------------------------------------------------------


def _signal_cases(count: int = 8) -> list[tuple[str, str]]:
    """(signal, playbook title): every trigger of the sample, sampled evenly and
    deterministically down to ``count``, one signal of each."""
    triggers = []
    for path in sorted((REPO / "playbooks").glob("*/*.yaml")):
        playbook = yaml.safe_load(path.read_text("utf-8"))
        for trigger in playbook.get("triggers") or []:
            if trigger.get("signals"):
                triggers.append((playbook["title"], trigger))
    picked = [triggers[i * len(triggers) // count] for i in range(count)]
    cases = [(str(t["signals"][i % len(t["signals"])]), title)
             for i, (title, t) in enumerate(picked)]
    return [("public storage bucket", "Personal data breach"), *cases]


FIND_TITLE = """t => {
    const wrap = document.querySelector('.md-search__scrollwrap');
    if (wrap) wrap.scrollTop = wrap.scrollHeight;  // Material renders results 10 at a time
    return [...document.querySelectorAll('.md-search-result__item h1')]
        .some(h => h.textContent.trim() === t);
}"""


@pytest.mark.parametrize(("signal", "title"), _signal_cases())
def test_search_by_a_signal_finds_the_playbook(page, sample_url, signal, title):
    page.goto(sample_url + "index.html")
    results = _search(page, signal)
    try:
        page.wait_for_function(FIND_TITLE, arg=title, timeout=10_000, polling=200)
    except Exception:
        raise AssertionError(f"{title!r} not among the results for {signal!r}:\n"
                             f"{results.inner_text()}") from None


def test_search_works_when_the_site_is_opened_from_disk(page, sample_site):
    page.goto((sample_site / "index.html").as_uri())
    _search(page, "public storage bucket")
    page.wait_for_function(FIND_TITLE, arg="Personal data breach", timeout=10_000)
    link = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert link and "data-breach.html" in link


# --- nothing from another host --------------------------------------------------------------


@pytest.mark.parametrize("path", [
    "index.html", "playbooks/security/data-breach.html", "contacts.html",
    "training/data-breach-basics.html",
])
def test_pages_request_nothing_from_another_host(page, sample_url, path):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(sample_url + path)
    page.wait_for_load_state("networkidle")
    _search(page, "outage")  # the search worker and its index load too
    page.wait_for_load_state("networkidle")
    origin = urlsplit(sample_url)
    foreign = [url for url in requests if urlsplit(url).scheme not in ("data", "blob")
               and (urlsplit(url).scheme, urlsplit(url).netloc) != (origin.scheme, origin.netloc)]
    assert foreign == []
    assert len(requests) > 3


# --- accessibility --------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [
    "index.html", "playbooks/security/data-breach.html", "contacts.html", "severities.html",
    "coverage.html",
])
def test_axe_reports_no_violations(browser, sample_url, path, scheme):
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(sample_url + path)
        expected = {"light": "default", "dark": "slate"}[scheme]
        page.wait_for_function(
            "s => document.body.getAttribute('data-md-color-scheme') === s", arg=expected)
        assert axe_violations(page) == []
    finally:
        context.close()


# --- hostile YAML ---------------------------------------------------------------------------

SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=1">'
JS_LINK = "[click](javascript:window.__xss=1)"
HTML_LINK = '<a href="javascript:window.__xss=1">js</a>'
JINJA = "{{ 7*7 }} {% raw %}"
PAYLOAD = f"{SCRIPT} {IMG} {JS_LINK} {HTML_LINK} {JINJA} **bold**"


def _hostile(label: str) -> str:
    return f"{label} {PAYLOAD}"


def _make_hostile_handbook(root: Path) -> None:
    """The starter handbook with every kind of text field carrying the payload."""
    shutil.copytree(STARTER, root, ignore=shutil.ignore_patterns("__pycache__"))

    def edit(relative: str, change) -> None:
        path = root / relative
        data = yaml.safe_load(path.read_text("utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    def tree(nodes: dict, label: str) -> None:
        for node in nodes.values():
            node["question"] = _hostile(f"{label} question")
            for answer in node["answers"]:
                answer["answer"] = _hostile(f"{label} answer")
                if "outcome" in answer:
                    answer["outcome"] = _hostile(f"{label} outcome")

    def settings(data: dict) -> None:
        data["title"] = _hostile("Handbook")
        for severity in data["severities"]:
            severity["description"] = _hostile("Severity")
        tree(data["triage"]["nodes"], "Triage")

    def contacts(data: dict) -> None:
        for i, contact in enumerate(data["contacts"]):
            contact.update(name=_hostile(f"Contact {i}"), chat=_hostile("#chat"),
                           hours=_hostile("Hours"), team=_hostile("Team"))

    def playbook(data: dict) -> None:
        data.update(title=_hostile("Playbook"), summary=_hostile("Summary"),
                    tags=[_hostile("tag")])
        for i, trigger in enumerate(data["triggers"]):
            trigger["name"] = _hostile(f"Trigger {i}")
            trigger["signals"] = [_hostile("Signal"), "plain signal"]
        for pathway in data["pathways"]:
            pathway["name"] = _hostile("Pathway")
            for step in pathway["steps"]:
                step["actions"] = [_hostile("Action")]
        tree(data["decision_tree"]["nodes"], "Tree")
        first = next(iter(data["decision_tree"]["nodes"].values()))
        first["answers"].append({"answer": _hostile("Tree answer"),
                                 "outcome": _hostile("Tree outcome")})
        data["communications"] = [{
            "when": _hostile("When"), "audience": _hostile("Audience"),
            "channel": _hostile("Channel"), "owner": "duty-manager",
            "template": _hostile("Template") + "\n{placeholder}\n"}]
        data["compliance"] = [{"name": _hostile("Law"), "requirement": _hostile("Requirement"),
                               "deadline": "72 hours"}]

    def quiz(data: dict) -> None:
        data["title"] = _hostile("Quiz")
        for question in data["questions"]:
            question["question"] = _hostile("Question")
            if "explain" in question:
                question["explain"] = _hostile("Explain")
            for choice in question.get("choices", []):
                choice.update(text=_hostile("Choice"), explain=_hostile("Choice explain"))

    edit("playbooks/handbook.yaml", settings)
    edit("playbooks/contacts.yaml", contacts)
    edit("playbooks/general/service-outage.yaml", playbook)
    edit("quizzes/service-outage-basics.yaml", quiz)


@pytest.fixture(scope="session")
def hostile_url(tmp_path_factory, serve):
    root = tmp_path_factory.mktemp("hostile") / "handbook"
    _make_hostile_handbook(root)
    site = _build(root)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    with serve(site) as (base, _stop):
        yield base, pages


def _assert_inert(page, dialogs: list[str]) -> None:
    assert dialogs == []
    assert page.evaluate("typeof window.__xss") == "undefined"
    found = page.evaluate("""() => ({
        scripts: [...document.querySelectorAll('script')]
            .filter(s => !s.type || /javascript|module/.test(s.type))
            .filter(s => s.textContent.includes('__xss')).length,
        handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes]
            .some(a => a.name.startsWith('on') && a.value.includes('__xss'))).length,
        jsLinks: [...document.querySelectorAll('[href],[src],[action],[formaction]')]
            .filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src')
                 || e.getAttribute('action') || e.getAttribute('formaction') || '')).length,
    })""")
    assert found == {"scripts": 0, "handlers": 0, "jsLinks": 0}


def test_hostile_yaml_renders_inert_and_visible(browser, hostile_url):
    base, pages = hostile_url
    context = browser.new_context()
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        shown = {}
        for path in pages:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            _assert_inert(page, dialogs)
            shown[path] = page.locator("article").first.inner_text() if path != "404.html" \
                else ""
        for path in ("index.html", "contacts.html", "severities.html",
                     "playbooks/general/service-outage.html",
                     "training/service-outage-basics.html"):
            text = shown[path]
            assert SCRIPT in text, path
            assert "<img src=x" in text, path
            assert "{{ 7*7 }}" in text and "{% raw %}" in text and "49" not in text, path
        playbook = shown["playbooks/general/service-outage.html"]
        for label in ("Playbook", "Summary", "Trigger 0", "Signal", "Pathway", "Action",
                      "Tree question", "Tree answer", "Template", "Law", "Requirement",
                      "Contact 0", "Hours"):
            assert f"{label} {SCRIPT}" in playbook, label
        # the interactive widgets insert the same strings as text: step through the wizard
        page.goto(base + "playbooks/general/service-outage.html")
        page.wait_for_load_state("networkidle")
        buttons = page.locator(".hb-tree button")
        if buttons.count():
            buttons.filter(has_text="Tree answer").last.click()
            _assert_inert(page, dialogs)
        # search results render the index's text
        page.goto(base + "index.html")
        _search(page, "Summary")
        page.wait_for_timeout(300)
        _assert_inert(page, dialogs)
    finally:
        context.close()


# --- handbook serve -------------------------------------------------------------------------


def test_a_yaml_edit_during_serve_shows_on_the_page(page, tmp_path):
    root = tmp_path / "handbook"
    shutil.copytree(STARTER, root, ignore=shutil.ignore_patterns("__pycache__"))
    with handbook_serve(root, tmp_path / "serve.log") as (base, server):
        url = base + "playbooks/general/service-outage.html"
        wait_until_served(url, server, timeout=30)
        page.goto(url)
        assert "Service outage" in page.locator("article h1").first.inner_text()
        source = root / "playbooks" / "general" / "service-outage.yaml"
        source.write_text(source.read_text("utf-8").replace(
            "title: Service outage", "title: Service outage (edited live)", 1), "utf-8")
        deadline = time.monotonic() + 20
        while True:
            if server.poll() is not None:
                raise AssertionError(f"handbook serve exited with {server.returncode}")
            with urllib.request.urlopen(url, timeout=5) as response:
                if "Service outage (edited live)" in response.read().decode("utf-8"):
                    break
            assert time.monotonic() < deadline, "the edit did not reach the page in 20 s"
            time.sleep(0.3)
        # live reload (or a reload) shows it in the browser
        try:
            page.wait_for_function(
                "document.querySelector('article h1')?.textContent.includes('edited live')",
                timeout=5_000)
        except Exception:
            page.reload()
        assert "edited live" in page.locator("article h1").first.inner_text()
