"""Read the estimated-costs value ("Projektin arvioidut kustannukset") into euro items.

Each money figure becomes a CostItem: one-off (the default when no period is said) or annual
(a monthly figure is multiplied by 12). Unknown is never zero: text that gives no figure,
says "Ei tietoa", prices per unit or totals over several years gives no item but a flag and a
ParseNote with the text.

>>> r = parse_costs("n. 30.000 € / vuosi")
>>> (r.items[0].kind, r.items[0].min_amount, r.items[0].basis)
('annual', Decimal('30000'), 'per_year')
>>> parse_costs("Ei tietoa").flags
('unknown',)
"""
from __future__ import annotations

import re
from decimal import Decimal

from loaders.records import CostItem, CostReading, ParseNote
from loaders.text import clause_bounds

FIELD = "costs"
# No project of a plan costs more than this; a larger figure is a typo or a hostile file, kept as text with a note.
MAX_PLAUSIBLE_COST = Decimal(10) ** 12

_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")

# A number: thousands grouped by space or dot ("15 000 000", "30.000"), or plain digits,
# with an optional decimal comma. The look-behind keeps us out of words like "M365".
_NUM = r"(?:\d{1,3}(?:[ .]\d{3})+|\d+)(?:,\d+)?"
_CURRENCY_AFTER = r"(?:€|eur(?:oa?|oina|\.)?\b|EUR\b)"
_MULT = r"(?:k|t|M|milj\.?|miljoonaa|tuhatta)"
_QUALIFIER = r"(?:alle|enintään|korkeintaan|max\.?|maksimissaan|yli|vähintään|min\.?|ainakin)"

_AMOUNT = re.compile(
    rf"""
    (?<![\w.,])
    (?:(?P<qual>{_QUALIFIER})\s+)?
    (?:(?P<pre>€|EUR)\s*)?
    (?P<n1>{_NUM})
    (?P<sum>(?:\s*\+\s*{_NUM})+)?
    (?:\s*-\s*(?P<n2>{_NUM}))?
    (?:\s*(?P<mult>{_MULT})(?=\s*(?:€|eur)))?
    (?:\s*(?P<cur>{_CURRENCY_AFTER}))?
    """,
    re.VERBOSE | re.IGNORECASE,
)

# VAT phrases are cut out before numbers are read, so "24 %" is never money.
_VAT = re.compile(
    r"\+?\s*\(?\s*(?:(?P<incl>\bsis(?:\.|ältää|ältäen))\s*)?\balv\b\.?\s*(?P<rate>\d+(?:,\d+)?)?\s*%?\s*\)?"
    r"|\(?\s*(?P<free>veroton|ilman\s+alv\w*)\s*\)?|\(?\s*(?P<taxed>verollinen)\s*\)?",
    re.IGNORECASE,
)

# Counted things after a bare number: those are not euros.
_COUNT_UNIT = re.compile(
    r"\s*(?:%|kpl\b|kappale|käyttäj|henkil|hlö|laite|lisens|kamera|tunti|h\b|htp|htv|sivu|"
    r"työasem|oppila|asuka|kk\b|kuukau|vuotta\b|päiv|pv\b|[mgtk]b\b|m2|km\b)",
    re.IGNORECASE,
)
_MONTHLY = re.compile(
    r"/\s*kk\b|/\s*kuukausi|\bper\s+kuukausi|\bkuukaudessa\b|\bkuukausittai\w*|\bkuukausimaks\w*|\bkuussa\b",
    re.IGNORECASE,
)
_ANNUAL = re.compile(
    r"/\s*(?:vuosi|v|a|vuodessa)\b|\bper\s+vuosi\b|\bvuodessa\b|\bvuosittai\w*|\bvuosimaks\w*|"
    r"\bvuosikustann\w*|\bjatkuv\w*|\bylläpitokustann\w*|\bylläpitomaks\w*|\bkäyttömaks\w*|/\s*year\b",
    re.IGNORECASE,
)
_ONE_OFF = re.compile(
    r"\binvestoin\w*|investointi\w*|\bkäyttöönot\w*|\bperustamis\w*|\bkertaluont\w*|\bkertamaks\w*|"
    r"\bhankintahin\w*|\bkertakustann\w*",
    re.IGNORECASE,
)
# A price per something that has no count: "3000 € / palvelin", "30 euroa sivu", "€/h".
_PER_UNIT_AFTER = re.compile(
    r"\s*(?:/\s*|per\s+)(?P<unit>[a-zäöå]+)|\s*(?P<noun>sivu|sivulta|tunti|tunnilta|kpl|kappale|kappaleelta|"
    r"käyttäjä|käyttäjältä|lisenssi)\b",
    re.IGNORECASE,
)
_PERIOD_WORDS = {"vuosi", "v", "a", "vuodessa", "year", "kk", "kuukausi", "kuukaudessa", "kuukaudelta", "vuodelta"}
_MULTI_YEAR = re.compile(
    r"\blaskettuna\s+\d+\s*(?:kk|kuukau\w*|vuo\w*)|\b\d+\s*(?:kk|kuukauden|vuoden)\s+ajalta|"
    r"\b(?:yhteensä|kokonaisuudessaan)\s+(?:vuosille\s+)?\d{4}\s*-\s*\d{4}|\bvuosille\s+\d{4}\s*-\s*\d{4}|"
    r"\b\d{4}\s*-\s*\d{4}\s+yhteensä|\bsopimuskaude(?:lta|n\s+ajalta)|\b\d+\s+vuoden\s+(?:aikana|ajalta)",
    re.IGNORECASE,
)
_UNKNOWN = re.compile(
    r"^\W*(?:-|\?|ei\s+tietoa|avoin|tuntematon|ei\s+arvioitu)\W*$|"
    r"\bei\s+(?:vielä\s+)?(?:mitään\s+)?(?:tietoa|tiedossa)\b|\beivät\s+ole\s+tiedossa\b|\bei\s+ole\s+tiedossa\b|"
    r"\bei\s+(?:ole\s+)?(?:selkeää\s+)?arvio\w*|\bjoista\s+ei\s+arvioida\b|\bselvitettävä\w*|\bselvityksessä\b",
    re.IGNORECASE,
)
_NONE_STATED = re.compile(
    r"\bei\s+(?:uusia\s+|suoria\s+|muita\s+|lisä)*kustannu\w*|"
    r"\bei\s+(?:uusia\s+|suoria\s+|muita\s+)*(?:kuluja|investointeja)\b|"
    r"\bsisältyvät\s+jo\b|\bkustannuksetta\b|\bmaksuton\w*",
    re.IGNORECASE,
)
_STAFF_ONLY = re.compile(r"\btyötä\b|\bhenkilöstökustann\w*|\btyöpanos\w*|\bhenkilötyö\w*", re.IGNORECASE)
_SAVINGS = re.compile(r"\bsäästö\w*", re.IGNORECASE)
# Sentence ends, but not after abbreviations such as "n.", "esim.", "milj." or "sis.".
_CLAUSE_SPLIT = re.compile(
    r"\n+|;|(?<!\bn)(?<!\bv)(?<!\bk)(?<!\bt)(?<!\bmm)(?<!\bns)(?<!\bym)(?<!yms)(?<!esim)(?<!milj)(?<!sis)"
    r"(?<!\bmax)(?<!\bmin)(?<!\bkpl)\.(?=\s|$)|,\s(?=\D)",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """Plain hyphens and spaces instead of Unicode dashes and fixed-width spaces.

    >>> normalise("1\u00a0000\u20132\u202f000")
    '1 000-2 000'
    """
    return _SPACES.sub(" ", _DASHES.sub("-", text))


def to_decimal(number: str) -> Decimal:
    """Read a Finnish-formatted number: space or dot groups thousands, comma is decimal.

    >>> to_decimal("30.000"), to_decimal("15 000 000"), to_decimal("1,5")
    (Decimal('30000'), Decimal('15000000'), Decimal('1.5'))
    """
    return Decimal(number.replace(" ", "").replace(".", "").replace(",", "."))


def _note(code: str, message: str, excerpt: str) -> ParseNote:
    return ParseNote(field=FIELD, code=f"{FIELD}.{code}", message=message, excerpt=excerpt.strip())


def _whole(value: Decimal) -> Decimal:
    """Drop a trailing ".0" left by a multiplier, so 1,5 milj. reads as 1500000."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _is_grouped(number: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?", number))


def _looks_like_money(m: re.Match, clause: str) -> bool:
    """A bare number (no currency) is money only when it looks like a sum, not a year or a count."""
    if m.group("cur") or m.group("pre") or m.group("mult"):
        return True
    if _COUNT_UNIT.match(clause, m.end()):
        return False
    numbers = [n for n in (m.group("n1"), m.group("n2")) if n]
    if all(_is_grouped(n) for n in numbers):
        return True
    # Plain digits: large enough to be euros, and not a year such as 2022.
    return all(to_decimal(n) >= 1000 and not 1900 <= to_decimal(n) <= 2099 for n in numbers)


def _multiplier(mult: str | None) -> Decimal:
    if not mult:
        return Decimal(1)
    m = mult.lower().rstrip(".")
    if m in ("k", "t", "tuhatta"):
        return Decimal(1000)
    return Decimal(1_000_000)  # "M", "milj", "miljoonaa"


def _nearest(patterns: dict[str, re.Pattern], segment: str, anchor: int) -> str | None:
    """Which period marker lies closest to the amount (at `anchor` within `segment`)."""
    best: tuple[int, str] | None = None
    for name, pattern in patterns.items():
        for m in pattern.finditer(segment):
            distance = min(abs(m.start() - anchor), abs(m.end() - anchor))
            if best is None or distance < best[0]:
                best = (distance, name)
    return best[1] if best else None


def _vat_note(m: re.Match) -> str:
    if m.group("free"):
        return "alv 0 %"
    if m.group("taxed"):
        return "sis. alv"
    rate = m.group("rate")
    rate_text = f" {rate} %" if rate else ""
    if m.group("incl"):
        return f"sis. alv{rate_text}"
    if rate is not None and to_decimal(rate) == 0:
        return "alv 0 %"
    return f"+ alv{rate_text}"




class _Implausible(Exception):
    """A figure above MAX_PLAUSIBLE_COST: not read as an amount."""


def _plausible(*amounts: Decimal | None) -> None:
    # Compared before anything rounds: a figure of 29 digits or more overflows Decimal's 28-digit arithmetic.
    if any(amount is not None and (not amount.is_finite() or abs(amount) > MAX_PLAUSIBLE_COST) for amount in amounts):
        raise _Implausible


def _implausible_note(m: re.Match, source: str) -> ParseNote:
    figure = m.group(0).strip()
    figure = figure if len(figure) <= 60 else figure[:57] + "..."
    limit = f"{MAX_PLAUSIBLE_COST:,.0f}".replace(",", " ")
    return _note("implausible", f"The figure '{figure}' is implausibly large for a project cost (over {limit} €); "
                 "it was kept as text, not read as an amount. Check the text.", source)


def _range(m: re.Match, source: str) -> tuple[Decimal | None, Decimal | None, list[ParseNote]]:
    """The (min, max) euros of one matched amount, before any per-month scaling. Raises _Implausible for a figure
    no project costs."""
    notes = []
    mult = _multiplier(m.group("mult"))
    low: Decimal | None = to_decimal(m.group("n1")) * mult
    if m.group("sum"):
        for part in re.findall(_NUM, m.group("sum")):
            low += to_decimal(part) * mult
        notes.append(_note("summed", "Figures joined with '+' were added up into one amount.", source))
    high: Decimal | None = to_decimal(m.group("n2")) * mult if m.group("n2") else low
    _plausible(low, high)
    qual = (m.group("qual") or "").lower().rstrip(".")
    if qual in ("alle", "enintään", "korkeintaan", "max", "maksimissaan"):
        low = None
    elif qual in ("yli", "vähintään", "min", "ainakin"):
        high = None
    low = _whole(low) if low is not None else None
    high = _whole(high) if high is not None else None
    if low is not None and high is not None and high < low:
        notes.append(_note("range_reversed", "A range was written high to low; it was read low to high.", source))
        low, high = high, low
    if not (m.group("cur") or m.group("pre")):
        notes.append(_note("no_currency", "A figure with no currency sign was read as euros.", source))
    return low, high, notes


def _period(segment: str, anchor: int) -> tuple[str, str]:
    """(kind, basis) from the period word nearest the amount; one-off when none is said."""
    # At equal distance the first listed wins: monthly, then annual, then one-off.
    period = _nearest({"monthly": _MONTHLY, "annual": _ANNUAL, "one_off": _ONE_OFF}, segment, anchor)
    return {
        "monthly": ("annual", "per_month_x12"),
        "annual": ("annual", "per_year"),
        "one_off": ("one_off", "one_off_stated"),
    }.get(period, ("one_off", "no_period_stated"))


def _read_clause(clause: str, source: str) -> tuple[list[tuple[CostItem, int]], list[str], list[ParseNote]]:
    """Items (with the end offset of their amount), flags and notes for one clause."""
    found: list[tuple[CostItem, int]] = []
    flags: list[str] = []
    notes: list[ParseNote] = []
    matches = [m for m in _AMOUNT.finditer(clause) if _looks_like_money(m, clause)]
    for k, m in enumerate(matches):
        # The amount's own stretch of text: from the previous amount to the next one.
        seg_start = matches[k - 1].end() if k else 0
        seg_end = matches[k + 1].start() if k + 1 < len(matches) else len(clause)
        segment = clause[seg_start:seg_end]

        unit = _PER_UNIT_AFTER.match(clause, m.end())
        if unit and (unit.group("noun") or unit.group("unit").lower() not in _PERIOD_WORDS):
            flags.append("per_unit")
            notes.append(_note("per_unit", "A price per unit with no count was not turned into a total.", source))
            continue
        if _MULTI_YEAR.search(segment):
            flags.append("multi_year_total")
            notes.append(_note(
                "multi_year_total",
                "A total over several years was kept as text, not as a yearly or one-off amount.",
                source,
            ))
            continue

        try:
            low, high, range_notes = _range(m, source)
            kind, basis = _period(segment, (m.start() + m.end()) // 2 - seg_start)
            if basis == "per_month_x12":
                low = low * 12 if low is not None else None
                high = high * 12 if high is not None else None
                _plausible(low, high)
        except _Implausible:
            if "implausible" not in flags:
                flags.append("implausible")
            notes.append(_implausible_note(m, source))
            continue
        notes.extend(range_notes)
        found.append((CostItem(kind=kind, min_amount=low, max_amount=high, source_text=source, basis=basis), m.end()))
    return found, flags, notes


def _with_vat(items: list[tuple[CostItem, int, int, int]], vat_spans: list[tuple[int, str]]) -> list[CostItem]:
    """Put each VAT remark on the last amount before it in its clause, or on every item
    when no amount precedes it ("Hinnat alv 0 %. ...")."""
    vat_by_item: dict[int, str] = {}
    for v_start, vat in vat_spans:
        owners = [n for n, (_, end, cs, ce) in enumerate(items) if cs <= v_start < ce and end <= v_start]
        for n in owners[-1:] or range(len(items)):
            vat_by_item.setdefault(n, vat)
    return [
        CostItem(i.kind, i.min_amount, i.max_amount, i.source_text, vat_by_item.get(n), i.basis)
        for n, (i, _, _, _) in enumerate(items)
    ]


def _without_items(work: str, original: str) -> tuple[list[str], list[ParseNote]]:
    """Flags and a note for text that gives no amount at all."""
    if _UNKNOWN.search(work):
        return ["unknown"], [_note("unknown", "The cost is stated to be unknown.", original)]
    if _NONE_STATED.search(work):
        message = "The text says there are no (new) costs; no amount was recorded."
        return ["no_figure", "none_stated"], [_note("none_stated", message, original)]
    if _SAVINGS.search(work):
        return ["no_figure"], [_note("savings", "The text speaks of savings but gives no figure.", original)]
    if _STAFF_ONLY.search(work):
        return ["no_figure"], [_note("staff_only", "Only staff work is mentioned; no euro figure was given.", original)]
    return ["no_figure"], [_note("no_figure", "No euro figure could be read from the cost text.", original)]


def cost_item_notes(item: CostItem, place: str = "") -> list[ParseNote]:
    """A cost kept as written but worth a second look: a negative amount, or a minimum above the maximum.

    >>> [note.code for note in cost_item_notes(CostItem("one_off", Decimal(-5), Decimal(10), "x"))]
    ['costs.negative']
    >>> [note.code for note in cost_item_notes(CostItem("annual", Decimal(30), Decimal(10), "x"))]
    ['costs.min_above_max']
    """
    where = f"{place}: " if place else ""
    notes = []
    if any(amount is not None and amount < 0 for amount in (item.min_amount, item.max_amount)):
        notes.append(ParseNote("costs", "costs.negative",
                               f"{where}a negative cost was kept as written; check whether it is a saving or a typo",
                               item.source_text[:300]))
    if item.min_amount is not None and item.max_amount is not None and item.min_amount > item.max_amount:
        notes.append(ParseNote("costs", "costs.min_above_max",
                               f"{where}the minimum is above the maximum; both were kept as written", item.source_text[:300]))
    return notes


def parse_costs(text: str) -> CostReading:
    """Read a cost value into one-off and annual euro items, with flags and notes.

    >>> r = parse_costs("Perustamiskulut 1 000-2 000 euroa. Käyttö 300-500 euroa per kuukausi.")
    >>> [(i.kind, i.min_amount, i.max_amount) for i in r.items]
    [('one_off', Decimal('1000'), Decimal('2000')), ('annual', Decimal('3600'), Decimal('6000'))]
    >>> parse_costs("166 000 +(alv 24%)").items[0].vat_note
    '+ alv 24 %'
    """
    original = text or ""
    work = normalise(original)  # same length as the original: positions carry over
    if not work.strip():
        return CostReading(
            text=original, flags=("unknown",),
            notes=(_note("missing", "No cost estimate was given.", original),),
        )

    # Blank out VAT phrases (keeping positions) so "24 %" is never read as money.
    vat_matches = list(_VAT.finditer(work))
    masked = work
    for m in vat_matches:
        masked = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]

    flags: list[str] = []
    notes: list[ParseNote] = []
    located: list[tuple[CostItem, int, int, int]] = []  # item, end of amount, clause start, clause end
    for c_start, c_end in clause_bounds(masked, _CLAUSE_SPLIT):
        found, clause_flags, clause_notes = _read_clause(masked[c_start:c_end], original[c_start:c_end].strip())
        located.extend((item, c_start + end, c_start, c_end) for item, end in found)
        flags.extend(f for f in clause_flags if f not in flags)
        notes.extend(clause_notes)
    items = _with_vat(located, [(m.start(), _vat_note(m)) for m in vat_matches])

    if items and _UNKNOWN.search(work):
        flags.append("partial")
        notes.append(_note("partly_unknown", "Part of the cost is stated to be unknown or not estimated.", original))
    elif not items and not flags:
        flags, notes = _without_items(work, original)
    if items and "implausible" in flags and "partial" not in flags:
        flags.append("partial")  # the figures read are not the whole cost
    return CostReading(text=original, items=tuple(items), flags=tuple(flags), notes=tuple(notes))
