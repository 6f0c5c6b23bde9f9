"""Classify the free-text probability of finishing on schedule, and what it depends on.

Classes (records.PROBABILITY_CLASSES): certain, likely, uncertain, unlikely, unknown.
Negative statements outrank positive words in the same text, so the classes are tried from
the most pessimistic to the most confident: unlikely, uncertain, likely, certain.

>>> classify_probability("Varmaa - itsestä kiinni").probability_class
'certain'
>>> r = classify_probability("Epävarmaa - riippuu rahoituksesta")
>>> (r.probability_class, r.driver)
('uncertain', 'funding')
>>> classify_probability(None).probability_class
'unknown'
"""
from __future__ import annotations

import re

from loaders.records import ProbabilityReading

_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")

# Tried in this order; the first class with a match wins.
_CLASS_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("unlikely", re.compile(
        r"\bhaastava\w*|\bkohtuuton\w*|\bkohtuuttom\w*|\bepärealisti\w*|\bei\s+(?:voi|voida)\s+odottaa\b|"
        r"\bei\s+(?:tule\s+)?toteudu\w*|\bei\s+tule\s+toteutumaan\b|\btuskin\b|\bepätodennäköi\w*|"
        r"\bliian\s+tiuk\w*|\bviivästy\w*|\bmyöhästy\w*|\bei\s+ehditä\b|\bei\s+pysytä\b",
        re.IGNORECASE,
    )),
    ("uncertain", re.compile(
        r"\bepävarma\w*|\briippu\w*|\bjoustomahdollisuu\w*|\bei\s+ole\s+aikataulutettu\b|"
        r"\bei\s+(?:ole\s+)?(?:vielä\s+)?(?:tiedossa|varmaa?)\b|\bepäselv\w*|\bon\s+saatava\b|\btäytyy\s+saada\b|"
        r"(?<!itsestä\s)\bkiinni\s+[\w-]+|\b(?!itsestä\b|meistä\b)\w+st[aä]\s+kiinni\b",
        re.IGNORECASE,
    )),
    ("likely", re.compile(
        r"\bsuhteellisen\s+varma\w*|\bmelko\s+varma\w*|\btodennäköi\w*|\btoteutunee\b|"
        r"\btoteutuu\s+aikataulu\w*|\baikataulun\s+mukaisesti\b|\baikataulussa\s+pysy\w*|\bpysyy\s+aikataulu\w*|"
        r"\baikataulusta\s+pidetään\b|\bei\s+ole\s+tiukka\b|\betenee\s+suunnitellusti\b",
        re.IGNORECASE,
    )),
    ("certain", re.compile(
        r"\bvarmaa?\b|\bvarmasti\b|\bitsestä\s+kiinni\b|\bomissa\s+käsissä\b|\bomaa\s+toimintaa\b",
        re.IGNORECASE,
    )),
)

# Driver precedence: a named cause (law, money, supplier) is more telling than the generic
# "ulkoisista tekijöistä"; own resources are always in play, so they come last.
_DRIVER_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("legislation", re.compile(
        r"\blainsäädän\w*|\blak(?:i|iin|ista|ia|eihin)\b|\bministeriö\w*|\basetu\w*|\bdirektiiv\w*|\bsäädö\w*",
        re.IGNORECASE,
    )),
    ("funding", re.compile(r"\brahoitu\w*|\brahasta\b|\braha\b|\bmääräraha\w*|\bbudjet\w*|\bavustu\w*", re.IGNORECASE)),
    ("supplier", re.compile(r"toimittaj\w*", re.IGNORECASE)),
    ("external_party", re.compile(
        r"\bulkoi\w*|\bhva\b|\bhva-\w*|\bhyvinvointialue\w*|\balueellise\w*|\bomistajataho\w*|"
        r"\bkumppan\w*|\bvarha\w*|\bmuiden\s+(?:kuntien|organisaatioiden|toimijoiden)\b",
        re.IGNORECASE,
    )),
    ("own_resources", re.compile(
        r"\bresursoin\w*|\bresurss\w*|henkilöriippu\w*|\bhenkilöstö\w*|\btyöpanos\w*|\bkapasiteet\w*",
        re.IGNORECASE,
    )),
)


def classify_driver(text: str) -> str | None:
    """The one dependency a probability statement names, by the documented precedence.

    >>> classify_driver("Riippuu ulkoisista tekijöistä ja toimittajasta.")
    'supplier'
    """
    for driver, pattern in _DRIVER_PATTERNS:
        if pattern.search(text):
            return driver
    return None


def classify_probability(text: str | None) -> ProbabilityReading:
    """Class and driver of a probability statement; None or empty text is "unknown".

    >>> classify_probability("Projekti on käynnissä. Aikataulu tuntuu kohtuuttomalta.").probability_class
    'unlikely'
    """
    if text is None or not text.strip():
        return ProbabilityReading(text=None)
    stripped = text.strip()
    work = _DASHES.sub("-", stripped)
    probability_class = "unknown"
    for name, pattern in _CLASS_PATTERNS:
        if pattern.search(work):
            probability_class = name
            break
    return ProbabilityReading(text=stripped, probability_class=probability_class, driver=classify_driver(work))
