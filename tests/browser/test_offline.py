"""The offline copy on the built sample site in Chromium: served over http on 127.0.0.1, the
first visit keeps the handbook (service worker, Workbox's precache); with the server stopped
the home page and a playbook open and both searches (the incident finder and Material's) find
what they found online; a rebuild with a changed playbook shows the reload prompt, which brings
the new version; from file:// nothing is registered and nothing is logged; under `handbook
serve` (live reload) no copy is kept, and one kept before is removed; a rebuild with
`offline_copy: false` removes the copy a phone kept."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from support import axe_violations, built_site, copy_sample, handbook_serve, wait_until_served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HANDBOOK = Path(sys.executable).with_name("handbook")
TODAY = "2026-12-01"
PLAYBOOK = "playbooks/security/data-breach.html"
PHONE = {"width": 390, "height": 844}


def _build(root: Path) -> Path:
    return built_site(root, TODAY)


@pytest.fixture
def handbook(tmp_path) -> Path:
    root = copy_sample(tmp_path / "handbook")
    _build(root)
    return root


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _kept(page) -> None:
    """Wait until the copy is complete and in charge of the page (the note says so)."""
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.locator(".hb-offline__note").wait_for(state="visible")


def _finder(page, query: str) -> list[str]:
    box = page.locator("#hb-finder-input")
    box.click()  # the index loads when the reader first reaches for the box
    page.wait_for_function("window.HandbookFinderIndex && window.HandbookFinder")
    box.fill(query)
    return page.evaluate("""() => Array.from(
        document.querySelectorAll('.hb-finder-card:not([hidden]) .hb-finder-title a'))
        .map(a => a.getAttribute('href').split('#trigger-')[1])""")


def _material_search(page, term: str) -> list[str]:
    """Type ``term`` key by key into Material's search; the titles of the results."""
    opener = page.locator("label.md-header__button[for='__search']")
    if opener.is_visible():
        opener.click()
    page.locator("input.md-search__input").focus()
    page.keyboard.type(term, delay=10)
    page.locator(".md-search-result__item").first.wait_for(state="attached")
    return page.locator(".md-search-result__item h1").all_inner_texts()


def test_the_handbook_opens_and_searches_with_the_server_stopped(handbook, serve, phone) -> None:
    with serve(handbook / "site") as (base, stop):
        phone.goto(base)
        _kept(phone)
        assert phone.locator(".hb-offline__note").inner_text() == (
            "Available offline · updated 1 December 2026")
        assert axe_violations(phone) == []
        online = _finder(phone, "laptop nicked")
        # a file the precache leaves out (the sitemap) is kept once opened
        assert phone.evaluate("fetch('sitemap.xml').then(r => r.ok)")
        stop()

    phone.reload()
    assert phone.title().startswith("Northwind Escalation Handbook")
    assert phone.evaluate("fetch('sitemap.xml').then(r => r.text())").startswith("<?xml")
    assert _finder(phone, "laptop nicked") == online and online[:1] == ["lost-device"]
    phone.goto(base + PLAYBOOK)
    assert phone.locator("h1").first.inner_text().startswith("Personal data breach")
    assert "Personal data breach" in _material_search(phone, "breach")
    # a result link (with Material's ?h= for highlighting) opens from the copy too
    phone.locator(".md-search-result__item a").first.click()
    phone.wait_for_load_state()
    assert phone.locator("h1").first.is_visible()


def test_a_rebuild_with_a_changed_playbook_prompts_to_reload(handbook, serve, phone) -> None:
    with serve(handbook / "site") as (base, _stop):
        phone.goto(base + PLAYBOOK)
        _kept(phone)
        assert phone.locator(".hb-offline__prompt").count() == 0
        source = handbook / "playbooks" / "security" / "data-breach.yaml"
        text = source.read_text("utf-8")
        source.write_text(text.replace("title: Personal data breach",
                                       "title: Personal data breach or leak", 1), "utf-8")
        _build(handbook)  # the server now serves the new build

        phone.reload()  # still the copy; the browser finds the new service worker
        assert "or leak" not in phone.locator("h1").first.inner_text()
        prompt = phone.locator(".hb-offline__prompt")
        prompt.wait_for(state="visible")
        assert prompt.inner_text().startswith("A newer version of the handbook is available")
        assert prompt.get_attribute("role") == "status"
        phone.emulate_media(color_scheme="dark")
        assert axe_violations(phone) == []
        prompt.get_by_role("button", name="Reload").click()
        phone.wait_for_function("document.querySelector('h1').textContent.includes('or leak')")
        assert phone.locator(".hb-offline__prompt").count() == 0


def test_turning_the_copy_off_removes_the_one_a_phone_kept(handbook, serve, phone) -> None:
    with serve(handbook / "site") as (base, _stop):
        phone.goto(base + PLAYBOOK)
        _kept(phone)
        assert phone.evaluate("caches.keys().then(k => k.length)") > 0
        settings = handbook / "playbooks" / "handbook.yaml"
        settings.write_text(settings.read_text("utf-8") + "\noffline_copy: false\n", "utf-8")
        _build(handbook)  # the server now serves the build without a copy

        phone.reload()
        registrations = "navigator.serviceWorker.getRegistrations().then(r => r.length)"
        deadline = time.monotonic() + 20
        while True:
            try:
                # the update check a browser makes on a visit, made now: it finds the remover
                phone.evaluate("navigator.serviceWorker.getRegistration()"
                               ".then(r => r && r.update()).catch(() => null)")
                # gone for good: unregistered, and no cache left (a fetch the old worker
                # was answering as the remover took over may land in a cache just after)
                if phone.evaluate(registrations) == 0 and phone.evaluate("caches.keys()") == []:
                    break
            except PlaywrightError:
                pass  # the remover reloads the page under the evaluation
            assert time.monotonic() < deadline, "the kept copy was not removed"
            time.sleep(0.3)
        phone.wait_for_load_state()
        assert phone.evaluate("caches.keys()") == []
        phone.reload()
        assert phone.evaluate("navigator.serviceWorker.controller") is None
        assert phone.locator(".hb-offline__note").count() == 0
        assert phone.locator("h1").first.inner_text().startswith("Personal data breach")


def test_from_disk_nothing_is_registered_and_nothing_is_logged(handbook, browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    logged: list[str] = []
    page.on("console", lambda m: logged.append(m.text) if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: logged.append(str(e)))
    page.goto((handbook / "site" / "index.html").as_uri())
    page.wait_for_function("document.querySelector('.hb-offline[data-hb-ready]')")
    page.goto((handbook / "site" / PLAYBOOK).as_uri())
    page.wait_for_function("document.querySelector('.hb-offline[data-hb-ready]')")
    page.wait_for_timeout(500)  # a registration would have started by now
    assert context.service_workers == []
    assert page.locator(".hb-offline__note").count() == 0
    assert logged == []
    context.close()


def test_under_handbook_serve_no_copy_is_kept_and_an_old_one_goes(handbook, phone, tmp_path
                                                                  ) -> None:
    with handbook_serve(handbook, tmp_path / "serve.log") as (base, server):
        wait_until_served(base + PLAYBOOK, server)
        phone.goto(base + PLAYBOOK)
        phone.wait_for_function("document.querySelector('.hb-offline[data-hb-ready]')")
        registrations = "navigator.serviceWorker.getRegistrations().then(r => r.length)"
        assert phone.evaluate(registrations) == 0
        # a copy kept from a published build on this address (as a reader's browser may have)
        phone.evaluate("navigator.serviceWorker.register('../../handbook-sw.js')"
                       ".then(() => navigator.serviceWorker.ready)")
        assert phone.evaluate(registrations) == 1
        phone.reload()
        phone.wait_for_function("document.querySelector('.hb-offline[data-hb-ready]')")
        deadline = time.monotonic() + 10
        while phone.evaluate(registrations) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert phone.evaluate(registrations) == 0
        assert phone.locator(".hb-offline__note").count() == 0
