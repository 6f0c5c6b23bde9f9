"""The years of a plan period as written ("2024–26", "syksy 2022, vuosi 2023", "toimintasuunnitelma 2024–2026"):
one reader for documents, sheets and plan keys."""
from __future__ import annotations

import re

from loaders.text import normalise

_YEAR = r"(?:19|20)\d{2}"
_YEARS = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
# "2021–2023", "2024-26": a range of years, its end written whole or by its last two digits; not "2022-12/2023".
_RANGE = re.compile(rf"(?<!\d)({_YEAR})\s*-\s*((?:19|20)?\d{{2}})(?!\d)(?!\s*[/.]\s*\d)")


def year_range(period: str | None) -> tuple[int, int] | None:
    """The first range of years the period names; a two-digit end is in the century of the start.

    >>> year_range("2024–26"), year_range("2024 - 2026"), year_range("toimintasuunnitelma 1998–99")
    ((2024, 2026), (2024, 2026), (1998, 1999))
    >>> year_range("syksy 2022, vuosi 2023") is None, year_range("Q3/2022–12/2023") is None
    (True, True)
    """
    match = _RANGE.search(normalise(period or ""))
    return _ends(match) if match else None


def period_years(period: str | None) -> tuple[int | None, int | None]:
    """The first and the last year of a plan period: every year it names, and the end of a range written short.

    >>> period_years("2024–26"), period_years("2024-2026"), period_years("2025"), period_years(None)
    ((2024, 2026), (2024, 2026), (2025, 2025), (None, None))
    >>> period_years("toimintasuunnitelma 2024–2026"), period_years("syksy 2022, vuosi 2023")
    ((2024, 2026), (2022, 2023))
    """
    text = normalise(period or "")
    years = [int(year) for year in _YEARS.findall(text)]
    years += [_ends(match)[1] for match in _RANGE.finditer(text)]
    return (min(years), max(years)) if years else (None, None)


def _ends(match: re.Match[str]) -> tuple[int, int]:
    start, end = match.group(1), match.group(2)
    return int(start), int(start[:2] + end if len(end) == 2 else end)
