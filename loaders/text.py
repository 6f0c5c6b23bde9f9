"""Small text helpers shared by every reader: one table of dashes and spaces, and clauses of a text."""
from __future__ import annotations

import re

# The one table of dashes and spaces, as the contents of a regular expression's character class ("[...]").
# Every dash variant and the minus sign, read as a plain hyphen: hyphen, non-breaking hyphen, figure dash, en dash,
# em dash, horizontal bar, minus.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# Fixed-width spaces, read as a plain space: no-break space, the typographic spaces (en quad to hair space, figure
# space and thin space among them), narrow no-break space, medium mathematical space, ideographic space.
SPACES = "\u00a0\u2000-\u200a\u202f\u205f\u3000"

_DASH = re.compile(f"[{DASHES}]")
_SPACE = re.compile(f"[{SPACES}]")


def normalise(text: str) -> str:
    """Plain hyphens and spaces instead of Unicode dashes and fixed-width spaces, one for one, so positions in the
    result are positions in `text`.

    >>> normalise("1\u00a0000\u20132\u202f000 \u2212 8\u20139/2022\u00a0")
    '1 000-2 000 - 8-9/2022 '
    """
    return _SPACE.sub(" ", _DASH.sub("-", text))


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
