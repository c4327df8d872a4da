"""Links in prose: `check` warns about exactly the links the page shows as plain text."""

from __future__ import annotations

import pytest

from escalation_handbook.model.prose import refused_links
from escalation_handbook.render.text import prose

LINKS = ["https://example.com/runbook", "http://intranet/x", "mailto:desk@example.com",
         "tel:+442079460100", "../security/security-incident.html", "#pathway-x",
         "javascript:alert(1)", "JavaScript:void(0)", "file:///c:/runbook.txt", "ftp://x/y",
         "data:text/html,hi", "vbscript:msgbox"]


@pytest.mark.parametrize("href", LINKS)
@pytest.mark.parametrize("form", ["[the runbook]({href})", "<{href}>",
                                  "see [the runbook][1]\n\n[1]: {href}"])
def test_a_link_is_warned_about_exactly_when_the_page_drops_it(form: str, href: str) -> None:
    if form.startswith("<") and ":" not in href:
        pytest.skip("an autolink needs a scheme")
    text = form.format(href=href)
    shown_as_link = "<a href=" in str(prose(text))
    assert refused_links(text) == (() if shown_as_link else (href,)), str(prose(text))


def test_text_without_links_is_not_parsed_for_them() -> None:
    assert refused_links("Call the duty manager: they decide.") == ()
