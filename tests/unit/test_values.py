"""Durations, ids, dates, phones, e-mails and URLs: read as people write them, refused helpfully."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import BaseModel, ValidationError

from escalation_handbook.model import durations
from escalation_handbook.model.phones import REGION
from escalation_handbook.model.values import Date, Duration, Email, Id, Phone, Url
from escalation_handbook.render.views import tel as tel_of


@pytest.mark.parametrize(("text", "amount", "unit", "minutes"), [
    ("15 minutes", 15, "minute", 15), ("15 min", 15, "minute", 15), ("1 minute", 1, "minute", 1),
    ("2 hours", 2, "hour", 120), ("2h", 2, "hour", 120), ("1 hour", 1, "hour", 60),
    ("1 day", 1, "day", 1440), ("3 days", 3, "day", 4320), ("2 weeks", 2, "week", 20160),
    ("6 months", 6, "month", 6 * 30 * 1440), ("1 year", 1, "year", 365 * 1440),
    ("  30 Minutes ", 30, "minute", 30), ("72h", 72, "hour", 72 * 60),
])
def test_durations_read_as_written(text: str, amount: int, unit: str, minutes: int) -> None:
    parsed = durations.parse(text)
    assert (parsed.amount, parsed.unit, parsed.minutes) == (amount, unit, minutes)
    assert str(parsed) == text.strip()


@pytest.mark.parametrize(("text", "message"), [
    ("15", "'15' has no unit: write it with one, such as '15 minutes'"),
    ("soon", "'soon' is not a duration: write a whole number and a unit, such as '15 minutes', "
             "'2 hours', '1 day' or '6 months'"),
    ("1.5 hours", "'1.5 hours' is not a duration: write a whole number and a unit, such as "
                  "'15 minutes', '2 hours', '1 day' or '6 months'"),
    ("3 fortnights", "'fortnights' is not a unit of time: use minutes, hours, days, weeks, "
                     "months or years"),
])
def test_bad_durations_say_how_to_fix(text: str, message: str) -> None:
    with pytest.raises(durations.DurationError) as error:
        durations.parse(text)
    assert str(error.value) == message


def test_durations_order_across_units() -> None:
    assert durations.parse("59 min") < durations.parse("1 hour") < durations.parse("2h")
    assert not durations.parse("60 minutes") < durations.parse("1 hour")


@pytest.mark.parametrize(("start", "text", "due"), [
    (date(2026, 8, 31), "6 months", date(2027, 2, 28)),
    (date(2027, 8, 31), "6 months", date(2028, 2, 29)),
    (date(2026, 1, 15), "1 year", date(2027, 1, 15)),
    (date(2026, 1, 15), "30 days", date(2026, 2, 14)),
])
def test_duration_after_a_date(start: date, text: str, due: date) -> None:
    assert durations.parse(text).after(start) == due


def test_duration_pattern_matches_what_parse_accepts() -> None:
    import re

    pattern = re.compile(durations.PATTERN)
    for example in durations.EXAMPLES:
        assert pattern.match(example)
        durations.parse(example)


class Values(BaseModel):
    id: Id | None = None
    when: Date | None = None
    how_long: Duration | None = None
    phone: Phone | None = None
    email: Email | None = None
    url: Url | None = None


def error_of(**values: str) -> tuple[str, str]:
    with pytest.raises(ValidationError) as error:
        Values.model_validate(values)
    (item,) = error.value.errors()
    return item["type"], item["msg"]


@pytest.mark.parametrize("good", ["a", "sev1", "data-breach", "it-oncall-2"])
def test_good_ids(good: str) -> None:
    assert Values(id=good).id == good


@pytest.mark.parametrize(("bad", "message"), [
    ("Data Breach", "'Data Breach' is not a valid id: use lowercase letters, digits and '-' "
                    "(such as 'data-breach')"),
    ("data_breach", "'data_breach' is not a valid id: use lowercase letters, digits and '-' "
                    "(such as 'data-breach')"),
    ("-x", "'-x' is not a valid id: use lowercase letters, digits and '-' (such as 'x')"),
    ("a--b", "'a--b' is not a valid id: use lowercase letters, digits and '-' (such as 'a-b')"),
    ("!!!", "'!!!' is not a valid id: use lowercase letters, digits and '-'"),
])
def test_bad_ids(bad: str, message: str) -> None:
    assert error_of(id=bad) == ("invalid_id", message)


def test_dates() -> None:
    assert Values(when="2024-02-29").when == date(2024, 2, 29)
    assert error_of(when="2026-02-30") == (
        "invalid_date", "'2026-02-30' is not a date in the calendar: check the day and month")
    assert error_of(when="2026-13-01")[0] == "invalid_date"
    assert error_of(when="14 Sept 2026") == (
        "invalid_date", "'14 Sept 2026' is not a date: write it as YYYY-MM-DD, such as 2026-09-14")


@pytest.mark.parametrize(("good", "tel"), [
    ("+44 20 7946 0101", "tel:+442079460101"),
    ("020 7946 0101", "tel:+442079460101"),  # national: the default region's
    ("(020) 7946-0101", "tel:+442079460101"),
    ("0800 123 456", "tel:+44800123456"),
    ("+44 20 7946 0100 ext. 2222", "tel:+442079460100,2222"),
    ("+44 20 7946 0100 x2222", "tel:+442079460100,2222"),
    ("+44 20 7946 0100 Extension 22", "tel:+442079460100,22"),
    ("+1 201-555-0123", "tel:+12015550123"),  # another country's, with its code
    ("999", "tel:999"), ("112", "tel:112"),  # short numbers of the region
])
def test_good_phones_are_kept_as_written_and_dialled_in_full(good: str, tel: str) -> None:
    phone = Values(phone=good).phone
    assert phone == good
    assert tel_of(phone) == tel


@pytest.mark.parametrize("bad", ["call me", "12", "+44 20 7946 010", "020 7946 010",
                                 "1234567890123456", "++44 1234", "Ext 2222", "999 ext. 1",
                                 "+999 1234 5678", "+44 20 7946 0101 ext"])
def test_bad_phones(bad: str) -> None:
    assert error_of(phone=bad)[0] == "invalid_phone"


def test_phones_follow_the_default_region() -> None:
    """`(650) 253-0000` is a US number where numbers are American, not in the UK."""
    assert error_of(phone="(650) 253-0000")[1] == (
        "'(650) 253-0000' is not a valid GB phone number: check the digits (one may be missing "
        "or extra); a GB number looks like \"0121 234 5678\" or \"+44 121 234 5678\" (a number "
        "without '+' is read as a GB number: `default_region` in handbook.yaml)")
    us = Values.model_validate({"phone": "(650) 253-0000"}, context={REGION: "US"}).phone
    assert tel_of(us) == "tel:+16502530000"
    with pytest.raises(ValidationError):
        Values.model_validate({"phone": "020 7946 0101"}, context={REGION: "US"})


def test_a_phone_error_never_says_to_quote_it() -> None:
    """Quotes change nothing for this reader: `"Ext 2222"` is told what a number is."""
    message = error_of(phone="Ext 2222")[1]
    assert "quote" not in message
    assert message == (
        "'Ext 2222' is not a phone number: write the number as it is dialled from outside, "
        "such as \"0121 234 5678\" or \"+44 121 234 5678\", and an extension after it, such as "
        "\"+44 121 234 5678 ext. 2222\"")


def test_emails() -> None:
    assert Values(email="dpo@northwind.example").email == "dpo@northwind.example"
    assert error_of(email="dpo.northwind.example") == (
        "invalid_email", "'dpo.northwind.example' is not an e-mail address: an email address "
                         "must have an @-sign")
    assert error_of(email="dpo@")[0] == "invalid_email"


@pytest.mark.parametrize("good", ["https://example.com", "http://intranet.example/x?y=1#z",
                                  "HTTPS://EXAMPLE.COM"])
def test_good_urls(good: str) -> None:
    assert Values(url=good).url == good


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "JavaScript:alert(1)",
                                 "data:text/html,<b>x</b>", "ftp://files.example.com",
                                 "example.com", "https://", "//example.com", "vbscript:x",
                                 "https://exa mple.com", "file:///etc/passwd"])
def test_urls_that_are_not_http_are_refused(bad: str) -> None:
    assert error_of(url=bad) == (
        "invalid_url", f"'{bad}' is not a web address: write a full http:// or https:// URL")


@pytest.mark.parametrize(("value", "kind"), [([], "a list"), ({}, "a mapping"), (["x"], "a list"),
                                             ({"a": "b"}, "a mapping")])
def test_values_must_be_single(value: object, kind: str) -> None:
    assert error_of(id=value) == (  # type: ignore[arg-type]
        "wrong_type", f"an id must be a single value, not {kind}")


def test_empty_id_says_so() -> None:
    assert error_of(id="") == (
        "invalid_id", "the id is empty: write one (lowercase letters, digits and '-')")
