"""Phone numbers: checked with Google's libphonenumber rules (`phonenumbers`) for the handbook's
`default_region`, shown as written, dialled as E.164 (`tel:+442079460100`).

A number written without a `+` country code is read as a number of the default region (GB
unless handbook.yaml says otherwise); a short number of that region (`999`, `112`, `111`) is
a number too, dialled as written. An extension follows the number (`ext. 2222`, `x2222`):
the link dials it after a pause (`tel:+442079460100,2222`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

DEFAULT_REGION = "GB"
REGION = "phone_region"  # validation context: the handbook's default_region
# What a number may hold: digits, the usual separators, a leading +, then an extension.
PATTERN = (r"^\+?[0-9 ()./-]+( *([Ee][Xx][Tt]\.?|[Ee][Xx][Tt][Ee][Nn][Ss][Ii][Oo][Nn]|[Xx])"
           r" *[0-9]+)?$")
_WRITTEN = re.compile(r"\+?[0-9 ()./-]+( *(ext\.?|extension|x) *[0-9]+)?\Z", re.IGNORECASE)


class PhoneError(ValueError):
    """Why a text is not a phone number, in words for the author."""


@lru_cache(maxsize=4096)
def dial(text: str, region: str = DEFAULT_REGION) -> str:
    """The `tel:` link of ``text`` (E.164, then `,extension`; a short number as written), or
    `PhoneError` saying what a number of ``region`` must look like. One parse and one check
    a number: this runs for every contact."""
    import phonenumbers
    from phonenumbers import shortnumberinfo

    if not _WRITTEN.match(text):
        raise PhoneError(f"'{text}' is not a phone number: write the number as it is dialled "
                         f"from outside, such as {_examples(region)}, and an extension after "
                         f"it, such as \"{_example(region)} ext. 2222\"")
    number = _parse(text, region)
    if number is not None and phonenumbers.is_valid_number(number):
        uri = "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        return uri + (f",{number.extension}" if number.extension else "")
    if (number is not None and not text.startswith("+") and not number.extension
            and shortnumberinfo.is_valid_short_number_for_region(number, region)):
        return "tel:" + re.sub(r"[^0-9]", "", text)  # a short number: dialled as written
    where = region
    if text.startswith("+"):
        where = (phonenumbers.region_code_for_country_code(number.country_code)
                 if number is not None else "ZZ")
        if where not in phonenumbers.SUPPORTED_REGIONS:
            raise PhoneError(f"'{text}' is not a phone number: the country code after '+' is "
                             "not one in use; check it")
    raise PhoneError(f"'{text}' is not a valid {where} phone number: check the digits (one "
                     f"may be missing or extra); a {where} number looks like {_examples(where)}"
                     + ("" if text.startswith("+") else
                        f" (a number without '+' is read as a {where} number: "
                        "`default_region` in handbook.yaml)"))


def tel_uri(text: str, region: str = DEFAULT_REGION) -> str:
    """The `tel:` link of a number (`dial`'s), or of its digits when it is no valid number."""
    try:
        return dial(text, region)
    except PhoneError:
        return "tel:" + re.sub(r"[^0-9+]", "", text)


def _parse(text: str, region: str) -> Any:
    import phonenumbers

    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None


def _example(region: str) -> str:
    import phonenumbers

    number = (phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType
                                                   .FIXED_LINE)
              or phonenumbers.example_number(region))
    if number is None:
        return "+44 20 7946 0100"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _examples(region: str) -> str:
    """`"0121 234 5678" or "+44 121 234 5678"`: a number of ``region``, as written there
    and from abroad."""
    import phonenumbers

    international = _example(region)
    number = phonenumbers.parse(international, None)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    if national == international:
        return f'"{international}"'
    return f'"{national}" or "{international}"'


def is_region(code: str) -> bool:
    import phonenumbers

    return code in phonenumbers.SUPPORTED_REGIONS


def regions() -> list[str]:
    """Every region code phone numbers can be checked for, for the JSON Schema."""
    import phonenumbers

    return sorted(phonenumbers.SUPPORTED_REGIONS)
