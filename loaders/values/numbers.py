"""Numbers as people write them, in plan text and in sheet cells: one reader for both (`to_decimal`)."""
from __future__ import annotations

import re
from decimal import Decimal

from loaders.text import normalise

_WRITTEN = re.compile(r"[\d .,]*\d[\d .,]*")
# Thousands grouped by spaces, by one mark, or by both ("1 000.000" in a long figure).
_GROUPED = {mark: re.compile(rf"\d{{1,3}}(?:[ {mark}]\d{{3}})+") for mark in " .,"}


def to_decimal(text: str, *, finnish: bool = True) -> Decimal | None:
    """One number as written, or None when the text is not one number (a range, a date, words, a dash alone).

    Spaces of any width group thousands; a sign or brackets make it negative ('-5', '−5', '(1.2)'); Finnish prices
    may end ',-' ('150,-'). With both a comma and a dot, the later one is the decimal mark ('1.500,50', '12,743.00').
    A mark written more than once groups thousands ('1.234.567'). A lone mark is the decimal mark ('1,5', '1.5',
    '0,95', '7.9'), except in the one form that is ambiguous:

    A lone mark followed by exactly three digits, after anything but a lone zero ('1.500', '30.000', '1,500',
    '15.297'). Plan documents are Finnish text, where a dot groups thousands and a comma is the decimal mark
    ("n. 30.000 € / vuosi" is 30 000 €): so by default '1.500' is 1500 and '1,500' is 1.5. Sheets pass
    finnish=False and read it the way the exports of English-language systems write it: '15.297' is 15.297
    (the US IT Dashboard's $ million) and '12,743' is 12 743 (GMPP's £ million). A Finnish sheet writes its
    numbers as numbers, or with a space before the thousands, so it is read right either way.

    >>> to_decimal("1 500,50"), to_decimal("1.500"), to_decimal("1.5"), to_decimal("1,500")
    (Decimal('1500.50'), Decimal('1500'), Decimal('1.5'), Decimal('1.500'))
    >>> to_decimal("1.500", finnish=False), to_decimal("12,743", finnish=False), to_decimal("(1.2)")
    (Decimal('1.500'), Decimal('12743'), Decimal('-1.2'))
    >>> to_decimal("-"), to_decimal("1–2"), to_decimal("1.2.2026")
    (None, None, None)
    """
    if text.isascii() and text.isdigit():  # the common case, "254000": nothing below would change it
        return Decimal(text)
    cleaned = " ".join(normalise(text).split())
    negative = cleaned[:1] == "(" and cleaned[-1:] == ")"
    if negative:
        cleaned = cleaned[1:-1].strip()
    if cleaned[:1] == "-":
        negative, cleaned = True, cleaned[1:].lstrip()
    if cleaned.endswith(",-"):  # "150,-": euros, no cents
        cleaned = cleaned[:-2]
    if not _WRITTEN.fullmatch(cleaned):
        return None
    decimal = _decimal_mark(cleaned, finnish)
    whole, _, fraction = cleaned.rpartition(decimal) if decimal else (cleaned, "", "")
    if decimal and not fraction.isdigit():
        return None
    if whole and not whole.isdigit():
        marks = [mark for mark in ".," if mark in whole] or [" "]
        if len(marks) != 1 or not _GROUPED[marks[0]].fullmatch(whole):
            return None  # '12 34', '1.2.2026', '1,500.000.5': not thousands
    digits = "".join(filter(str.isdigit, whole)) or "0"
    number = Decimal(f"{digits}.{fraction}" if fraction else digits)
    return -number if negative else number


def _decimal_mark(text: str, finnish: bool) -> str | None:
    """The decimal mark of a number written with digits, spaces, dots and commas; None when it has none."""
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        return "," if text.rfind(",") > text.rfind(".") else "."
    if commas + dots != 1:
        return None  # no mark, or one mark repeated: thousands
    mark = "," if commas else "."
    head, _, tail = text.partition(mark)
    if len(tail) != 3 or head.strip() in ("", "0"):
        return mark
    return mark if (mark == ",") == finnish else None
