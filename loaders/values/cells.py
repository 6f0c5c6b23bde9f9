"""Reading one spreadsheet cell as a month, an amount of money, a probability class or a resource need.

Each reader returns (value, problem): value None with a problem text means the cell could not be read and
must become a parse note; value None without a problem means the cell was empty. Nothing becomes zero.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from decimal import Decimal

from loaders.records import PROBABILITY_CLASSES
from loaders.text import normalise
from loaders.values.numbers import to_decimal

_QUARTER = re.compile(r"^(?:q([1-4])\s*[/ -]?\s*((?:19|20)\d{2})|((?:19|20)\d{2})\s*[/ -]?\s*q([1-4]))$", re.IGNORECASE)
_YEAR_MONTH = re.compile(r"^((?:19|20)\d{2})-(\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})/((?:19|20)\d{2})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})$")
_EMPTY = {"", "-", "n/a", "na", "none", "null", "tbc", "?"}  # after normalise: any dash alone is "-"


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and normalise(value).strip().lower() in _EMPTY)


def _month(year: int, month: int) -> str | None:
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and 1900 <= year <= 2100 else None


def read_month(value: object, *, formats: tuple[str, ...] = (), role: str = "start", day_first: bool = True):
    """A cell as 'YYYY-MM'. Quarters give their first month as a start and their last as an end.

    >>> read_month("2014-07-08"), read_month("01.11.18"), read_month("1.3.2026"), read_month("2011-01-10T00:00:00Z")
    (('2014-07', None), ('2018-11', None), ('2026-03', None), ('2011-01', None))
    >>> read_month("Q3/2024", role="end"), read_month("12/31/2024"), read_month("Exempt under Section 24")[0]
    (('2024-09', None), ('2024-12', None), None)
    """
    month, problem = _read_month(value, formats, role, day_first)
    if month is None and problem is None and not _blank(value):
        # A real date outside 1900-2100 (e.g. Excel's zero date 1899-12-30) must not read as an empty cell.
        problem = f"'{str(value).strip()[:80]}' is not a month between 1900 and 2100"
    return month, problem


def _read_month(value: object, formats: tuple[str, ...], role: str, day_first: bool):
    if _blank(value):
        return None, None
    if isinstance(value, datetime):
        return _month(value.year, value.month), None
    if isinstance(value, date):
        return _month(value.year, value.month), None
    if isinstance(value, (int, float)):
        return None, f"a number ({value}), not a date"
    text = str(value).strip()
    for pattern in formats:
        try:
            parsed = datetime.strptime(text, pattern)
        except ValueError:
            continue
        return _month(parsed.year, parsed.month), None
    # Every ISO form datetime.fromisoformat reads starts with a four-digit year; skipping the others spares
    # raising (and catching) an exception for each "5/2027" of a long sheet.
    if text[:4].isdigit():
        iso = text.replace("Z", "+00:00")
        try:
            parsed = datetime.fromisoformat(iso)
            return _month(parsed.year, parsed.month), None
        except ValueError:
            pass
    if match := _QUARTER.match(text):
        quarter = int(match.group(1) or match.group(4))
        year = int(match.group(2) or match.group(3))
        return _month(year, quarter * 3 - 2 if role == "start" else quarter * 3), None
    if match := _YEAR_MONTH.match(text):
        month = _month(int(match.group(1)), int(match.group(2)))
        return (month, None) if month else (None, f"'{text}' is not a month")
    if match := _MONTH_YEAR.match(text):
        month = _month(int(match.group(2)), int(match.group(1)))
        return (month, None) if month else (None, f"'{text}' is not a month")
    if match := _DAY_MONTH_YEAR.match(text):
        first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        year = year + (1900 if year >= 69 else 2000) if year < 100 else year  # the pivot of strptime's %y
        # Dotted dates are day-first everywhere (1.3.2026 is 1 March); slashes follow the profile.
        if first > 12 or ((day_first or match.group(2) == ".") and second <= 12):
            day, month = first, second
        else:
            month, day = first, second
        if (found := _month(year, month)) and 1 <= day <= calendar.monthrange(year, month)[1]:
            return found, None
        return None, f"'{text}' is not a valid date"
    if re.fullmatch(r"(?:19|20)\d{2}", text):
        return _month(int(text), 1 if role == "start" else 12), None
    return None, f"'{text[:80]}' is not a date"


_CURRENCY_MARKS = re.compile(r"(?:£|\$|€|eur|gbp|usd|euroa?|m\b|milj\.?|million)", re.IGNORECASE)


def _amount(text: str) -> Decimal | None:
    """A figure with its currency marks left out: '£12,743.00', '3,5 milj. €', '(£1.2m)'. Sheets come from
    English-language systems too, so the one ambiguous form ('15.297') is read their way (see to_decimal)."""
    return to_decimal(_CURRENCY_MARKS.sub("", text), finnish=False)


def read_money(value: object, *, multiplier: Decimal = Decimal(1)):
    """A cost cell in currency units; a figure in millions is scaled by `multiplier`.

    >>> read_money("£654.46", multiplier=Decimal(1_000_000))
    (Decimal('654460000.00'), None)
    >>> read_money(15.297, multiplier=Decimal(1_000_000)), read_money("")
    ((Decimal('15297000.000'), None), (None, None))
    >>> read_money("Exempt under Section 43")[1]
    "'Exempt under Section 43' is not an amount"
    """
    if _blank(value):
        return None, None
    if isinstance(value, bool):
        return None, f"'{value}' is not an amount"
    if isinstance(value, (int, float, Decimal)):
        if not Decimal(str(value)).is_finite():
            return None, f"'{value}' is not an amount"
        return Decimal(str(value)) * multiplier, None
    text = str(value).strip()
    number = _amount(text)
    if number is None:
        return None, f"'{text[:80]}' is not an amount"
    return number * multiplier, None


PROBABILITY_WORDS = {
    "certain": ("certain", "varma", "varmaa"),
    "likely": ("likely", "todennäköinen", "suhteellisen varmaa"),
    "uncertain": ("uncertain", "epävarma", "epävarmaa"),
    "unlikely": ("unlikely", "epätodennäköinen"),
    "unknown": ("unknown", "ei tiedossa", "tuntematon"),
}


def _normal(text: str) -> str:
    return re.sub(r"\s*/\s*", "/", re.sub(r"\s+", " ", text.strip().lower()))


def read_probability(value: object, *, values: dict[str, str] | None = None, ranges: list | None = None):
    """A rating or score cell as a probability class, through the profile's value map or score ranges.

    >>> read_probability("Amber/red", values={"Amber/Red": "unlikely"}), read_probability("Varma")
    (('unlikely', None), ('certain', None))
    >>> read_probability(4, ranges=[[4, 5, "likely"], [1, 3.99, "uncertain"]]), read_probability("Purple")[1]
    (('likely', None), "rating 'Purple' is not in the mapping")
    """
    if _blank(value):
        return None, None
    if isinstance(value, bool):  # an Excel TRUE/FALSE is not a score of 1 or 0
        return None, f"rating '{value}' is not in the mapping"
    score = None if isinstance(value, (int, float, Decimal)) or not ranges else to_decimal(str(value), finnish=False)
    if ranges and (isinstance(value, (int, float, Decimal)) or score is not None):
        number = float(value) if isinstance(value, (int, float, Decimal)) else float(score)
        for low, high, klass in ranges:
            if (low is None or number >= low) and (high is None or number <= high):
                return klass, None
        return None, f"score {number:g} is in no range of the mapping"
    text = _normal(str(value))
    for key, klass in (values or {}).items():
        if _normal(key) == text:
            return klass, None
    for klass, words in PROBABILITY_WORDS.items():
        if text in words:
            return klass, None
    if text in PROBABILITY_CLASSES:
        return text, None
    return None, f"rating '{str(value).strip()[:60]}' is not in the mapping"


_AMOUNT = re.compile(
    r"^(?P<min>\d+(?:[.,]\d+)?)(?:\s*-\s*(?P<max>\d+(?:[.,]\d+)?))?\s*"
    r"(?P<unit>htp|htv|hlö|henkilöä|henkilötyöpäivää|henkilötyövuotta|person[- ]days?|person[- ]years?|persons?)?"
    r"(?:\s*/\s*(?P<per>[\wåäö-]+))?$",
    re.IGNORECASE,
)
_UNITS = {"htp": "person_days", "henkilötyöpäivää": "person_days", "htv": "person_years", "henkilötyövuotta": "person_years",
          "hlö": "persons", "henkilöä": "persons"}
_YES = {"x", "kyllä", "yes", "k", "y", "true", "1", "✓"}


def read_resource(value: object):
    """A resource cell: 'x' (needed, amount not stated) or an amount such as '1–2 htp / prosessi', '0,5 htv'.

    Returns ((amount_min, amount_max, unit, per) or None, problem).

    >>> read_resource("1–2 htp / prosessi"), read_resource("x"), read_resource("0,5 htv")
    (((Decimal('1'), Decimal('2'), 'person_days', 'prosessi'), None), ((None, None, None, None), None), ((Decimal('0.5'), Decimal('0.5'), 'person_years', None), None))
    """
    if _blank(value):
        return None, None
    if isinstance(value, bool):
        return ((None, None, None, None), None) if value else (None, None)
    if isinstance(value, (int, float, Decimal)):
        amount = Decimal(str(value))
        return (amount, amount, None, None), None
    text = str(value).strip()
    if text.lower() in _YES:
        return (None, None, None, None), None
    match = _AMOUNT.match(normalise(text))
    if not match:
        return None, f"'{text[:60]}' is not a resource amount"
    # An amount of work is a small number whose comma or dot is always the decimal mark ('0,5 htv', '1.5 htp'),
    # never a thousands group, so it does not go through to_decimal's reading of '1.500'.
    low = Decimal(match.group("min").replace(",", "."))
    high = Decimal(match.group("max").replace(",", ".")) if match.group("max") else low
    unit_text = (match.group("unit") or "").lower()
    unit = _UNITS.get(unit_text) or (
        "person_days" if unit_text.startswith("person-day") or unit_text.startswith("person day")
        else "person_years" if unit_text.startswith("person") and "year" in unit_text
        else "persons" if unit_text.startswith("person") else None
    )
    return (low, high, unit, match.group("per")), None


def resource_text(amount_min: Decimal | None, amount_max: Decimal | None, unit: str | None, per: str | None) -> str:
    """The cell text read_resource reads back (used by the template export)."""
    if amount_min is None and amount_max is None:
        return "x"
    low = amount_min if amount_min is not None else amount_max
    high = amount_max if amount_max is not None else amount_min
    number = lambda value: format(value.normalize(), "f").replace(".", ",")  # noqa: E731
    amount = number(low) if low == high else f"{number(low)}–{number(high)}"
    names = {"person_days": "htp", "person_years": "htv", "persons": "henkilöä"}
    text = f"{amount} {names[unit]}" if unit else amount
    return f"{text} / {per}" if per else text
