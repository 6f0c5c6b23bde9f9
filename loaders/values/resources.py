"""Read the resources estimate ("Arvio projektiin tarvittavista resursseista").

Finds the parties asked for work (records.RESOURCE_PARTIES) and, where stated, how much:
person-days ("htp"), person-years ("htv", "henkilötyövuosi") or persons ("1–2 henkilön
työpanos"). An amount belongs to the party named nearest before it in the same clause.
One ResourceNeed per party: repeats are merged and the largest stated amount is kept.

>>> r = parse_resources("Palveluala 1 htp / prosessi + tietohallinto 2 htp / prosessi")
>>> [(n.party, n.amount_min, n.unit, n.per) for n in r.needs]
[('service_area', Decimal('1'), 'person_days', 'prosessi'), ('it', Decimal('2'), 'person_days', 'prosessi')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from loaders.records import ParseNote, ResourceNeed, ResourceReading
from loaders.text import clause_bounds, normalise

FIELD = "resources"

# (party, pattern). At one position the first listed alternative wins, so compounds such
# as "järjestelmätoimittaja" come before their parts.
_PARTY_PATTERNS: tuple[tuple[str, str], ...] = (
    ("external", r"järjestelmätoimittaj\w*|palveluntarjoaj\w*|toimittaj\w*|\bulkoi\w*|\btiera\w*|\bvaski\w*|"
                 r"\btoimijoi\w*|\btoimija\w*|\bkehittävän\s+tahon\b|\bkuntayhtym\w*|\bhyvinvointialue\w*"),
    ("purchased_services", r"\bostopalvelu\w*|\bkonsult\w*|käännöstoimisto\w*|\balihankin\w*"),
    ("it", r"\btietohallin\w*|(?-i:\bIT\b)|(?-i:\bICT\b)|\btietotekniikka\w*"),
    ("own_work", r"\boma(?:a)?\s+työ(?:tä)?\b|\boma\s+henkilöstö\b"),
    ("service_area",
     r"\bpalvelual\w*|\bpalvelualue\w*|\btulosalue\w*|\btoimial\w*|\bpääkäyttäj\w*|\btestaaj\w*|"
     r"\bhallinnon\s+al\w*|\bhallinnonal\w*|\brahatoim\w*|\bviestin(?:tä|nän|nältä|nästä|nälle|nässä)\b|"
     r"\bopetustoim\w*|\bkirjasto\w*|\basiahallin\w*|\btaloushallin\w*|\btalouspäällik\w*|\btaluspäällik\w*|"
     r"\b(?:hallinto|sivistys|työllisyys|sosiaali|terveys)palvelu\w*|\btekniset\s+palvelut\b|\bteknisten\s+palvelu\w*|"
     r"\bmaankäyt\w*|\btyöllistämistoim\w*|\bhankinta(?:toimi\w*)?\b|\btyösuojelu\w*|\bvarhaiskasvatu\w*|"
     r"\bperusopetu\w*|\bhenkilöstöhallin\w*|\bkotihoi\w*"),
    ("other", r"\btytäryhti\w*|\bvesilaito\w*|\bjohto\b|\bjohdon\b|\bjohdolla\b|\bjohdolta\b|\bprojektipäällik\w*|"
              r"\bluottamushenkilö\w*"),
)
_PARTY = re.compile(
    "|".join(f"(?P<p{i}>{pattern})" for i, (_, pattern) in enumerate(_PARTY_PATTERNS)), re.IGNORECASE
)

_NUMBER = r"\d+(?:[.,]\d+)?"
_AMOUNT = re.compile(
    rf"""
    (?:(?P<qual>vähintään|väh\.|min\.|ainakin|yli|enintään|korkeintaan|max\.|alle|noin|n\.|arviolta)\s+)?
    (?<![\w.,])(?P<n1>{_NUMBER})(?:\s*-\s*(?P<n2>{_NUMBER}))?\s*
    (?P<unit>htpv?\b|henkilötyöpäiv\w*|työpäiv\w*|htv\b|henkilötyövuo\w*|htkk\b|henkilötyökuukau\w*|
        henkilö\w*|hlö\w*)
    (?:(?:\s*/\s*|\s+per\s+)(?P<per>[a-zäöå]+))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A clause ends at a line break, a full stop, a semicolon, a colon, ", ", "+" or "sekä";
# PDF text also runs sentences together, so a capitalised word after a lowercase one
# (followed by more lowercase text) starts a new clause too.
#
# This reads the same clauses as r"\n+|[.;:](?=\s|$)|,\s|\s*\+\s*|\s+sekä\s+|(?<=[a-zäö])\s+(?=[A-ZÄÖ]...)",
# which took quadratic time on a long run of spaces: finditer tried "\s*\+" and "\s+sekä" again from every
# space of the run, and each try ran to the run's end. Whether a run ends in "+" or "sekä" is the same from
# any of its spaces, so the run is read once, from the first place the old pattern read it from (_RUN_FIRST):
# its start, or just after a ", " or a line break that an earlier separator took. After line breaks inside a
# run that was read already, only a "+" right there can follow. Runs are possessive (*+, ++), never re-read.
_RUN_FIRST = r"(?:(?<!\s)|(?<=,\s))"
_PLUS_OR_SEKA = r"\s*+\+\s*+|\s++sekä\s++"
_CLAUSE_SPLIT = re.compile(
    rf"{_RUN_FIRST}\n++(?:(?=[^\S\n])(?:{_PLUS_OR_SEKA}))?|\n++"
    r"|[.;:](?=\s|$)|,\s"
    rf"|{_RUN_FIRST}(?:{_PLUS_OR_SEKA})|\+\s*+"
    r"|(?<=[a-zäö])\s++(?=[A-ZÄÖ][a-zäö]++\s++[a-zäö])"
)
# Nothing but punctuation around "-", "?", "ei tietoa", "ei tiedossa" or "avoin". Written
# `^\W*(?:-|\?|...)\W*$`, a long run of dashes followed by a letter took quadratic time to fail; the first
# dash or question mark (or the word after the punctuation) is now found without going back.
_UNKNOWN = re.compile(
    r"^(?:[^\w\-?]*+[-?]|\W*+(?:ei\s+tietoa|ei\s+(?:vielä\s+)?tiedossa|avoin))\W*+$", re.IGNORECASE
)


@dataclass
class _Found:
    party: str
    clauses: list[str]
    amount: tuple[Decimal | None, Decimal | None, str, str | None] | None = None  # min, max, unit, per


def _note(code: str, message: str, excerpt: str) -> ParseNote:
    return ParseNote(field=FIELD, code=f"{FIELD}.{code}", message=message, excerpt=excerpt.strip())


def _number(text: str) -> Decimal:
    # An amount of work is a small number whose comma or dot is always the decimal mark ("0,5 htv", "1.5 htp"),
    # never a thousands group, so it does not go through to_decimal's reading of "1.500".
    return Decimal(text.replace(",", "."))


def _unit(word: str) -> str | None:
    """Map a unit word to records.RESOURCE_UNITS; None for units we cannot store (person-months)."""
    w = word.lower()
    if w.startswith(("htkk", "henkilötyökuukau")):
        return None
    if w.startswith(("htp", "henkilötyöpäiv", "työpäiv")):
        return "person_days"
    if w.startswith(("htv", "henkilötyövuo")):
        return "person_years"
    return "persons"


def _size(amount: tuple) -> Decimal:
    """How large an amount is, for keeping the largest of repeats: its max, else its min."""
    low, high = amount[0], amount[1]
    return high if high is not None else low




def _mentions(clause: str, written: str, notes: list[ParseNote]) -> list[tuple[int, str]]:
    """(position, party) for every party named in a clause."""
    mentions = []
    for m in _PARTY.finditer(clause):
        index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
        party = _PARTY_PATTERNS[index][0]
        if party == "own_work":
            # In an IT action plan "oma työ" (own work) is the IT unit's own staff.
            party = "it"
            notes.append(_note("own_work_as_it", "'Oma työ' (own work) was read as IT staff.", written))
        mentions.append((m.start(), party))
    return mentions


def _amount(a: re.Match) -> tuple[Decimal | None, Decimal | None, str, str | None] | None:
    """(min, max, unit, per) of a matched amount; None when the unit cannot be stored."""
    unit = _unit(a.group("unit"))
    if unit is None:
        return None
    low: Decimal | None = _number(a.group("n1"))
    high: Decimal | None = _number(a.group("n2")) if a.group("n2") else low
    qual = (a.group("qual") or "").lower()
    if qual in ("vähintään", "väh.", "min.", "ainakin", "yli"):
        high = None
    elif qual in ("enintään", "korkeintaan", "max.", "alle"):
        low = None
    return low, high, unit, (a.group("per").lower() if a.group("per") else None)


def _merge(entry: _Found, amount: tuple, written: str, notes: list[ParseNote]) -> None:
    """Keep one amount per party: the first, or the largest of repeats in the same unit."""
    if entry.amount is None:
        entry.amount = amount
    elif entry.amount != amount:
        if entry.amount[2:] != amount[2:]:
            notes.append(_note("conflicting_amounts",
                               "A party has amounts in different units; the first was kept.", written))
        else:
            notes.append(_note("repeated_party",
                               "A party is named with several amounts; the largest was kept.", written))
            if _size(amount) > _size(entry.amount):
                entry.amount = amount


def _read_clause(clause: str, written: str, found: dict[str, _Found], notes: list[ParseNote]) -> None:
    """Record the parties of one clause and give each amount to the party named nearest before it."""
    mentions = _mentions(clause, written, notes)
    for _, party in mentions:
        entry = found.setdefault(party, _Found(party, []))
        if written not in entry.clauses:
            entry.clauses.append(written)

    last_amount_end = 0
    for a in _AMOUNT.finditer(clause):
        before = [p for pos, p in mentions if last_amount_end <= pos < a.start()]
        after = [p for pos, p in mentions if pos >= a.end()]
        last_amount_end = a.end()
        party = before[-1] if before else after[0] if after else None
        if party is None:
            notes.append(_note("amount_without_party", "An amount names no party; it was not attached.", written))
            continue
        if len(set(before)) > 1:
            notes.append(_note("amount_party_ambiguous",
                               "Several parties come before an amount; it was given to the nearest.", written))
        amount = _amount(a)
        if amount is None:
            notes.append(_note("unsupported_unit",
                               "Person-months cannot be stored; the amount was kept as text.", written))
            continue
        _merge(found[party], amount, written, notes)


def parse_resources(text: str | None) -> ResourceReading:
    """Parties and amounts named in a resources value.

    >>> r = parse_resources("vähintään 1 henkilötyövuosi tietohallinnolta")
    >>> (r.needs[0].party, r.needs[0].amount_min, r.needs[0].amount_max, r.needs[0].unit)
    ('it', Decimal('1'), None, 'person_years')
    >>> parse_resources("Ei tietoa").notes[0].code
    'resources.unknown'
    """
    original = text or ""
    # Dashes and spaces are swapped one for one, so positions in `work` match `original`.
    work = normalise(original)
    if not work.strip():
        return ResourceReading(text=original, notes=(_note("missing", "No resource estimate was given.", original),))
    if _UNKNOWN.match(work.strip()):
        note = _note("unknown", "The resource need is stated to be unknown.", original)
        return ResourceReading(text=original, notes=(note,))

    found: dict[str, _Found] = {}
    notes: list[ParseNote] = []
    for c_start, c_end in clause_bounds(work, _CLAUSE_SPLIT):
        clause = work[c_start:c_end].strip()
        if clause:
            _read_clause(clause, original[c_start:c_end].strip(), found, notes)
    if not found:
        message = "No party (service area, IT, purchased services, external) was named."
        notes.append(_note("no_party", message, original))

    needs = []
    for entry in found.values():
        low, high, unit, per = entry.amount if entry.amount else (None, None, None, None)
        needs.append(ResourceNeed(
            party=entry.party, source_text="; ".join(entry.clauses),
            amount_min=low, amount_max=high, unit=unit, per=per,
        ))
    return ResourceReading(text=original, needs=tuple(needs), notes=tuple(notes))
