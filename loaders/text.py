"""Small text helpers shared by the value readers."""
from __future__ import annotations

import re


def clause_bounds(text: str, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of each clause of `text` between matches of `separator`.

    >>> clause_bounds("a. b", re.compile(r"\\.\\s"))
    [(0, 1), (3, 4)]
    """
    bounds, position = [], 0
    for match in separator.finditer(text):
        bounds.append((position, match.start()))
        position = match.end()
    bounds.append((position, len(text)))
    return bounds
