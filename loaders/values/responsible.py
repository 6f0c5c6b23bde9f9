"""Read who answers for the schedule ("Projektin aikatauluvastuullinen taho").

The text kept is the first clause as written ("Tietohallinto, tuki palvelualoilta" ->
"Tietohallinto"); the class is one of records.RESPONSIBLE_CLASSES, or None for empty text.

>>> r = classify_responsible("Tietohallinto, tuki palvelualoilta")
>>> (r.text, r.responsible_class)
('Tietohallinto', 'it')
>>> classify_responsible("Ulkoinen toimija").responsible_class
'external'
"""
from __future__ import annotations

import re

from loaders.records import ResponsibleReading

# The first clause ends at a comma, semicolon, full stop (not inside "2.1") or line break.
_CLAUSE_END = re.compile(r"[,;\n]|\.(?!\d)")

_CLASS_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("it", re.compile(
        r"\btietohallin\w*|(?-i:\bIT\b)|(?-i:\bICT\b)|\bit-\w*|\bict-\w*|\btietotekniik\w*|\bdigipalvelu\w*",
        re.IGNORECASE,
    )),
    ("service_area", re.compile(
        r"\bpalvelual\w*|\bpalvelualue\w*|\btoimial\w*|\btulosalue\w*|\btulosyksikkö\w*|\bvastuualue\w*|"
        r"\b(?:hallinto|sivistys|konserni|tekniset\s+)palvelu\w*|\bsosiaali-\s+ja\s+terveys\w*|"
        r"\b(?:sivistys|yhdyskunta|perusturva)toim\w*|\byleishallin\w*",
        re.IGNORECASE,
    )),
    ("external", re.compile(
        r"\bulkoi\w*|toimittaj\w*|\bhyvinvointialue\w*|\balueelli\w*|\bkuntayhtym\w*|\bsairaanhoitopiir\w*|"
        r"\bvarha\b|\bministeriö\w*|\bvaltio\w*|\bkumppan\w*|\bkonsult\w*|\bmaakun\w*|\bseutu\w*",
        re.IGNORECASE,
    )),
)


def first_clause(text: str) -> str:
    """The text up to the first comma, semicolon or full stop, stripped.

    >>> first_clause("  Palveluala; tietohallinto tukee ")
    'Palveluala'
    """
    return _CLAUSE_END.split(text.strip(), maxsplit=1)[0].strip()


def classify_responsible(text: str | None) -> ResponsibleReading:
    """First clause and class; where several classes are named, the first named wins.

    >>> classify_responsible("Varhaiskasvatus").responsible_class
    'other'
    >>> classify_responsible("  ").text is None
    True
    """
    if text is None or not text.strip():
        return ResponsibleReading(text=None)
    clause = first_clause(text) or text.strip()
    best: tuple[int, str] | None = None
    for name, pattern in _CLASS_PATTERNS:
        m = pattern.search(clause)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return ResponsibleReading(text=clause, responsible_class=best[1] if best else "other")
