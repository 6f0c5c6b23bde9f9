"""The stored codes and the words people read for them, in Finnish and English: one list for the pages,
the exported workbook and reading that workbook back.
"""
from __future__ import annotations

import re

# vocabulary: code -> (Finnish, English)
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "probability": {
        "certain": ("Varma", "Certain"),
        "likely": ("Todennäköinen", "Likely"),
        "uncertain": ("Epävarma", "Uncertain"),
        "unlikely": ("Epätodennäköinen", "Unlikely"),
        "unknown": ("Ei tiedossa", "Unknown"),
    },
    "driver": {
        "external_party": ("Ulkoinen toimija", "External party"),
        "funding": ("Rahoitus", "Funding"),
        "supplier": ("Toimittaja", "Supplier"),
        "legislation": ("Lainsäädäntö", "Legislation"),
        "own_resources": ("Omat resurssit", "Own resources"),
    },
    "responsible": {
        "it": ("Tietohallinto", "IT"),
        "service_area": ("Palveluala", "Service area"),
        "external": ("Ulkoinen toimija", "External party"),
        "other": ("Muu", "Other"),
    },
    "party": {
        "service_area": ("Palvelualan henkilöstö", "Service area staff"),
        "it": ("Tietohallinto", "IT"),
        "purchased_services": ("Ostopalvelut", "Purchased services"),
        "external": ("Ulkoinen toimija", "External party"),
        "other": ("Muu", "Other"),
    },
    "unit": {
        "person_days": ("htp", "person-days"),
        "person_years": ("htv", "person-years"),
        "persons": ("henkilöä", "persons"),
    },
    "cost_kind": {
        "one_off": ("Kertakustannus", "One-off"),
        "annual": ("Vuosikustannus", "Annual"),
    },
    "plan_kind": {
        "action_plan": ("Toimenpidesuunnitelma", "Action plan"),
        "strategy": ("Strategia", "Strategy"),
    },
    "yes_no": {
        "yes": ("kyllä", "yes"),
        "no": ("ei", "no"),
    },
}


def word(vocabulary: str, code: str | None, language: str = "fi") -> str | None:
    """The word for a code; an unknown code is returned as it is, None stays None."""
    if code is None:
        return None
    names = LABELS[vocabulary].get(code)
    if names is None:
        return code
    return names[1] if language == "en" else names[0]


def _fold(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", text.strip().lower())


_CODES = {
    vocabulary: {_fold(name): code for code, names in entries.items() for name in (code, *names)}
    for vocabulary, entries in LABELS.items()
}


def code_of(vocabulary: str, text: object) -> str | None:
    """The code for a word in either language, or the code itself; None for anything else.

    >>> code_of("cost_kind", "Kertakustannus"), code_of("cost_kind", "annual"), code_of("party", "IT")
    ('one_off', 'annual', 'it')
    >>> code_of("unit", "person-days"), code_of("probability", "Nope")
    ('person_days', None)
    """
    if text is None:
        return None
    return _CODES[vocabulary].get(_fold(str(text)))
