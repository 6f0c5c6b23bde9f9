"""Money formats: one place that says how an amount in a currency is written, for pages, charts, tables and
XLSX/CSV files alike. Amounts are never converted between currencies.
"""
from __future__ import annotations

import math
from functools import lru_cache

from babel.numbers import format_currency, get_currency_symbol

LOCALES = {"fi": "fi_FI", "en": "en_GB"}
# Finnish writes the symbol after the number ("166 000 €"), English before it ("€166,000").
MONEY_PATTERNS = {"fi": "#,##0\u00a0¤", "en": "¤#,##0"}


@lru_cache(maxsize=256)
def symbol(currency: str, language: str = "fi") -> str:
    """'€', '£', '$' (for USD, even in Finnish, where babel says 'US$'); an unknown code stays as it is."""
    code = (currency or "EUR").upper()
    text = get_currency_symbol(code, locale=LOCALES.get(language, "fi_FI"))
    return "$" if code == "USD" else text


def format_money(value: float | int | None, currency: str, language: str) -> str | None:
    """'166 000 €' in Finnish, '€166,000' in English; None when the amount is unknown."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return _formatted(round(float(value)), currency or "EUR", language)


@lru_cache(maxsize=65_536)  # a table's amounts repeat (budget rows, the same figure per year): babel is slow per call
def _formatted(amount: int, currency: str, language: str) -> str:
    pattern = MONEY_PATTERNS.get(language, MONEY_PATTERNS["fi"]).replace("¤", symbol(currency, language))
    return format_currency(amount, currency, format=pattern, locale=LOCALES.get(language, "fi_FI"), currency_digits=False)


def excel_format(currency: str) -> str:
    """The XLSX number format of an amount in `currency`: '#,##0 "€"', '"£"#,##0', '"$"#,##0'."""
    code = (currency or "EUR").upper()
    text = symbol(code, "en").replace('"', "")
    return f'#,##0 "{text}"' if code == "EUR" or len(text) > 1 else f'"{text}"#,##0'


def column_format(currency: str, language: str) -> str:
    """A printf format for st.column_config.NumberColumn, with the currency's symbol where it belongs."""
    text = symbol(currency, language).replace("%", "%%")
    return f"%.0f {text}" if language != "en" else f"{text}%.0f"
