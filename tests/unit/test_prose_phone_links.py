"""Phone numbers in prose become tel: links (render/phones.py), on the sanitised HTML."""

from __future__ import annotations

from escalation_handbook.render.phones import phone_links
from escalation_handbook.render.text import prose, prose_inline


def linked(text: str, region: str = "GB") -> str:
    return phone_links(str(prose_inline(text)), region)


def test_numbers_written_either_way_become_links() -> None:
    assert linked("Call **+44 20 7946 0101** now.") == (
        'Call <strong><a class="hb-tel" href="tel:+442079460101">+44 20 7946 0101</a>'
        "</strong> now.")
    assert linked("Ring 0800 123 456 (24/7).") == (
        'Ring <a class="hb-tel" href="tel:+44800123456">0800 123 456</a> (24/7).')


def test_dates_durations_and_short_codes_stay_text() -> None:
    text = "Call 999 first; on 2026-01-01 within 15 minutes, order 12345678."
    assert linked(text) == str(prose_inline(text))


def test_no_link_inside_a_link_or_code_and_the_text_stays_escaped() -> None:
    text = "See [0800 123 456](https://example.com) or `0800 123 456` & <b>x</b>"
    assert linked(text) == str(prose_inline(text))
    html = linked("<script>alert(1)</script> 0800 123 456")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="tel:+44800123456"' in html


def test_a_number_without_its_country_code_is_read_in_the_default_region() -> None:
    html = phone_links(str(prose("01 234 5678 or +44 20 7946 0101")), "IE")
    assert 'href="tel:+35312345678"' in html and "tel:+442079460101" in html
