"""Personal identifiers by their structure: the resident identity number (居民身份证号码, GB 11643-1999, 18 digits
with an ISO 7064 MOD 11-2 check character; the older 15-digit form without one) and bank card numbers (Luhn)."""

from __future__ import annotations

from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_check_character(first17: str) -> str:
    """The 18th character of a resident identity number whose first 17 digits are given."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("the check character is computed over 17 digits")
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def _valid_birth(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def is_id_number_18(text: str) -> bool:
    """18 characters, a real birth date at 7–14 and the right check character."""
    if len(text) != 18 or not text[:17].isdigit():
        return False
    if not _valid_birth(int(text[6:10]), int(text[10:12]), int(text[12:14])):
        return False
    return text[17].upper() == id_check_character(text[:17])


def is_id_number_15(text: str) -> bool:
    """The first-generation 15-digit number: a real birth date (yymmdd, 19xx) at 7–12."""
    return len(text) == 15 and text.isdigit() and _valid_birth(1900 + int(text[6:8]), int(text[8:10]),
                                                                 int(text[10:12]))


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check bank card numbers carry."""
    if not digits.isdigit() or len(digits) < 2:
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def luhn_check_digit(partial: str) -> str:
    """The digit that makes `partial + digit` pass the Luhn check."""
    for candidate in "0123456789":
        if luhn_valid(partial + candidate):
            return candidate
    raise ValueError(f"no Luhn digit for {partial!r}")
