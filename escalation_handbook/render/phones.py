"""Phone numbers written in prose become `tel:` links, so advice such as "call the duty manager
on +44 20 7946 0114" can be tapped on a phone.

Numbers are found by libphonenumber's matcher (`phonenumbers`), which knows each country's
lengths and prefixes, so a date, a duration or an order number stays text. A number written
without its country code (`0800 123 456`) is read in the handbook's `default_region`, and
dialled as a contact's number is (`model/phones.py` `tel_uri`). The links are added to HTML
that `text.prose` has already sanitised: tags pass through as they are, text outside links and
code is searched.
"""

from __future__ import annotations

import html
from functools import lru_cache
from html.parser import HTMLParser

import phonenumbers

from ..model.phones import tel_uri

_NO_LINKS_INSIDE = {"a", "code"}


def _link_text(text: str, region: str) -> str:
    """Escaped text with each valid phone number in it wrapped in a `tel:` link."""
    out = []
    last = 0
    for match in phonenumbers.PhoneNumberMatcher(text, region):
        out.append(html.escape(text[last:match.start], quote=False))
        out.append(f'<a class="hb-tel" href="{tel_uri(match.raw_string, region)}">'
                   f"{html.escape(match.raw_string, quote=False)}</a>")
        last = match.end
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


class _Linker(HTMLParser):
    def __init__(self, region: str) -> None:
        super().__init__(convert_charrefs=True)
        self.region = region
        self.out: list[str] = []
        self.inside = 0  # depth of <a> and <code>: no link inside them

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _NO_LINKS_INSIDE:
            self.inside += 1
        self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _NO_LINKS_INSIDE and self.inside:
            self.inside -= 1
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.inside or not any(ch.isdigit() for ch in data):
            self.out.append(html.escape(data, quote=False))
        else:
            self.out.append(_link_text(data, self.region))


@lru_cache(maxsize=16384)  # the same actions appear on a playbook page, its tree and the home page
def phone_links(sanitised_html: str, region: str) -> str:
    """``sanitised_html`` (from `text.prose`) with its phone numbers as `tel:` links."""
    if sum(ch.isdigit() for ch in sanitised_html) < 3:
        return sanitised_html
    linker = _Linker(region)
    linker.feed(sanitised_html)
    linker.close()
    return "".join(linker.out)
