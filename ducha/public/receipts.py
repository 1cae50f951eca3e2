"""Plain-language receipt numbers (受理编号) such as "YY-2026-4830-1275": a kind prefix, the year, and
eight random digits with the last one a check digit, so a mistyped number is told apart from an
unknown one and numbers cannot be guessed from each other (no sequence). No Django import."""

import re
import secrets
import unicodedata

PATTERN = re.compile(r"^([A-Z]{1,4})-(\d{4})-(\d{4})-(\d{4})$")
MAX_INPUT = 40


def _check_digit(digits: str) -> str:
    """Luhn check digit over `digits` (catches one wrong digit and most swaps of neighbours)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def new_number(prefix: str, year: int, choose=secrets.randbelow) -> str:
    body = f"{choose(10 ** 7):07d}"
    digits = body + _check_digit(body)
    return f"{prefix}-{year:04d}-{digits[:4]}-{digits[4:]}"


def normalise(text: str) -> str:
    """What a person types (full-width characters, spaces, lower case, no dashes) in the canonical form;
    "" when it cannot be a receipt number."""
    text = unicodedata.normalize("NFKC", str(text or ""))[:MAX_INPUT].upper()
    text = re.sub(r"[\s\u2010-\u2015\u2212_—]+", "-", text.strip()).strip("-")
    compact = re.fullmatch(r"([A-Z]{1,4})-?(\d{4})-?(\d{4})-?(\d{4})", text)
    if not compact:
        return ""
    prefix, year, first, second = compact.groups()
    return f"{prefix}-{year}-{first}-{second}"


def is_valid(number: str) -> bool:
    match = PATTERN.match(number or "")
    if not match:
        return False
    digits = match.group(3) + match.group(4)
    return _check_digit(digits[:7]) == digits[7]


def prefix_of(number: str) -> str:
    match = PATTERN.match(number or "")
    return match.group(1) if match else ""
