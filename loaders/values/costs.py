"""Read the estimated-costs value ("Projektin arvioidut kustannukset") into euro items.

Each money figure becomes a CostItem: one-off (the default when no period is said) or annual. The reader
reads what the text means, not only its figures:

- the period from signs ("/ vuosi", "€/kk") and from the parts of compound words ("vuosimaksu",
  "kuukausilisenssi", "ylläpitomaksu", "käyttömaksu", "jatkuva"); a monthly figure is multiplied by 12;
- a VAT-inclusive restatement of a figure stated beside it ("12 000 € + alv (sis. alv noin 15 060 €)") is not
  added again: the VAT-free figure is kept;
- a total over a stated period ("3 vuoden sopimus 90 000 €", "200 000 € / 4 v", "laskettuna 48 kk ajalta") is
  divided into a yearly amount for those years;
- a count times a unit price ("20 kpl × 1 200 €", "15 lisenssiä á 40 €/kk") becomes the product.
Each of these leaves a ParseNote saying what was done. Unknown is never zero: text that gives no figure, says
"Ei tietoa", prices per unit with no count or totals over an unstated period give no item but a flag and a
ParseNote with the text.

>>> r = parse_costs("n. 30.000 € / vuosi")
>>> (r.items[0].kind, r.items[0].min_amount, r.items[0].basis)
('annual', Decimal('30000'), 'per_year')
>>> parse_costs("Ei tietoa").flags
('unknown',)
>>> [(i.kind, i.min_amount, i.basis) for i in parse_costs("3 vuoden sopimus 90 000 €").items]
[('annual', Decimal('30000'), 'period_total_divided')]
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from loaders.records import CostItem, CostReading, ParseNote
from loaders.text import clause_bounds, normalise
from loaders.values.numbers import to_decimal

FIELD = "costs"
# No project of a plan costs more than this; a larger figure is a typo or a hostile file, kept as text with a note.
MAX_PLAUSIBLE_COST = Decimal(10) ** 12

# A number: thousands grouped by space or dot ("15 000 000", "30.000"), or plain digits,
# with an optional decimal comma. The look-behind keeps us out of words like "M365".
_NUM = r"(?:\d{1,3}(?:[ .]\d{3})++|\d++)(?:,\d++)?"
_CURRENCY_AFTER = r"(?:€|eur(?:oa?|oina|\.)?\b|EUR\b)"
_MULT = r"(?:k|t|M|milj\.?|miljoonaa|tuhatta)"
_QUALIFIER = r"(?:alle|enintään|korkeintaan|max\.?|maksimissaan|yli|vähintään|min\.?|ainakin)"

_AMOUNT = re.compile(
    rf"""
    (?<![\w.,])
    (?:(?P<qual>{_QUALIFIER})\s++)?
    (?:(?P<pre>€|EUR)\s*+)?
    (?P<n1>{_NUM})
    (?P<sum>(?:\s*+\+\s*+{_NUM})++)?
    (?:\s*+-\s*+(?P<n2>{_NUM}))?
    (?:\s*+(?P<mult>{_MULT})(?=\s*+(?:€|eur)))?
    (?:\s*+(?P<cur>{_CURRENCY_AFTER}))?
    """,
    re.VERBOSE | re.IGNORECASE,
)

# VAT phrases are cut out before numbers are read, so "24 %" is never money. A rate is a rate only with "%" or a
# closing bracket after it: in "sis. alv 15 060 €" the 15 is part of the figure.
_VAT = re.compile(
    r"(?P<plus>\+\s*+)?(?:\(\s*+)?(?:(?P<incl>\bsis(?:\.|ältää|ältäen))\s*+)?\b(?:alv|vat)\b"
    r"(?P<suffix>:n\s++kanssa\b|:ineen\b|:n\b)?\.?\s*+(?:(?P<rate>\d{1,2}(?:,\d{1,2})?)\s*+(?:%|(?=\))))?\s*+\)?"
    r"|(?:\(\s*+)?(?P<free>\bveroton\w*+|\bverottoma\w*+|\bilman\s++(?:alv|arvonlisävero)\w*+|\bexcl\.?\s*+vat\b)"
    r"\s*+\)?"
    r"|(?:\(\s*+)?(?P<taxed>\bverollinen\b|\bverollise\w*+|\barvonlisäveroineen\b|\bincl\.?\s*+vat\b|"
    r"\bincluding\s++vat\b)\s*+\)?",
    re.IGNORECASE,
)

# Counted things after a bare number: those are not euros.
_COUNT_UNIT = re.compile(
    r"(?<!\s)\s*+(?:%|kpl\b|kappale|käyttäj|henkil|hlö|laite|lisens|kamera|tunti|h\b|htp|htv|sivu|"
    r"työasem|oppila|asuka|kk\b|kuukau|vuotta\b|päiv|pv\b|[mgtk]b\b|m2|km\b)",
    re.IGNORECASE,
)

# --- the period of a figure -------------------------------------------------------------------------------------
# Signs of a period: "€/kk", "/ vuosi", "per vuosi", "kk:ssa", "p.a.".
_PERIOD_SIGN = re.compile(
    r"(?:/|\bper\b)\s*+(?:(?P<month>kk|kuukausi|kuukaudessa|kuu|month|mo)|"
    r"(?P<year>vuosi|vuodessa|vuodelta|v|a|year|yr|vuosittain))\b\.?"
    r"|\b(?:(?P<month2>kk:(?:ssa|lta)|kuussa|monthly)|(?P<year2>joka\s++vuosi|p\.\s?a|annually|annual|yearly))\b",
    re.IGNORECASE,
)
# One word, hyphenated compounds whole ("kk-maksu"); its parts are read by _word_period.
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|-)*+")
# Plain inflections of "vuosi"/"kuukausi" name years or months ("vuosina 2024-2026", "vuosien"), not a rate.
_PLAIN_ENDINGS = frozenset({"", "a", "n", "na", "en", "in", "lle", "ksi", "lta", "sta", "ssa", "lla", "t", "kin"})
_ONE_OFF_PARTS = ("käyttöönot", "investoin", "perustamis", "hankin", "asennu", "liittymis", "aloitusmaks",
                  "avausmaks")
_RECURRING_PARTS = ("jatkuv", "toistuv", "ylläpito", "ylläpido", "käyttökustann", "käyttökulu")
# A fee ("maksu") is recurring when it is for use, a service, a licence, upkeep, support or a subscription.
_FEE_PARTS = ("käyttö", "palvelu", "lisenssi", "ylläpito", "tuki", "tilaus", "jäsen", "pilvi")

# A period length: "4 vuotta", "3 vuoden", "48 kk", "kolmen vuoden", "4-vuotinen", with what it is said of.
_COUNT_WORDS = {"yksi": 1, "yhden": 1, "kaksi": 2, "kahden": 2, "kolme": 3, "kolmen": 3, "neljä": 4, "neljän": 4,
                "viisi": 5, "viiden": 5, "kuusi": 6, "kuuden": 6, "seitsemän": 7, "kahdeksan": 8, "yhdeksän": 9,
                "kymmenen": 10}
_DURATION = re.compile(
    r"(?:(?P<lead>/|\b[^\W\d_]++(?:\s++(?:on|kesto|pituus|kausi)\b)?(?:\s++on\b)?)\s*+)?"
    r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d)?|" + "|".join(_COUNT_WORDS) + r")\s*+-?\s*+"
    r"(?P<unit>vuo(?:tta|den|deksi|delle|si|tinen|tisen|tiseksi|tiselle)|v|kk|kuukau(?:tta|den|deksi|delle|si))\b"
    r"(?::n\b)?\.?(?:\s++(?P<what>[^\W\d_]++))?",
    re.IGNORECASE,
)
_TOTAL_AFTER = ("ajalta", "aikana", "ajaksi", "jaksolta", "kaudelta", "kaudella", "yhteensä", "sopimuskaude")
_CONTRACT_PARTS = ("sopimu", "kausi", "kaude", "lisenssi", "leasing", "vuokra", "tilaus")
# Totals over several years whose length is not given as a number of years.
_UNDATED_TOTAL = re.compile(
    r"\b(?:yhteensä|kokonaisuudessaan)\s++(?:vuosille\s++)?\d{4}\s*+-\s*+\d{4}|\bvuosille\s++\d{4}\s*+-\s*+\d{4}|"
    r"\b\d{4}\s*+-\s*+\d{4}\s++yhteensä|\bsopimuskaude(?:lta|lla|n\s++ajalta|n\s++aikana)\b|"
    r"\bkoko\s++(?:sopimus|kaude)\w*+",
    re.IGNORECASE,
)
# A contract period named without a length one can read ("sopimuskausi 2+2 vuotta").
_CONTRACT_WORD = re.compile(r"\bsopimuskau\w*+", re.IGNORECASE)
# A figure that is a total ("yhteensä 200 000 €") takes the contract period said elsewhere in the text.
_TOTAL_WORD = re.compile(
    r"\byhteensä\b|\byht\b|\bkokonais\w*+|\bkaikkiaan\b|\bsopimuskaude\w*+|\bkoko\s++(?:sopimus|kaude)\w*+",
    re.IGNORECASE,
)

# --- counts times unit prices ------------------------------------------------------------------------------------
_COUNT_NUM = r"(?P<count>\d{1,3}(?: \d{3})++|\d{1,6})"
# "20 kpl × ", "15 lisenssiä á ", "10 työasemaa à ", "2 x ": ends where the unit price starts.
_COUNT_BEFORE = re.compile(
    rf"(?<![\w.,]){_COUNT_NUM}\s*+(?:(?P<noun>[^\W\d_](?:[^\W\d_]|[-:])*+)\.?\s*+)?(?:[x×*@]|á|à|a(?!\w))\s*+"
    r"(?:(?:n\.|noin|ca\.?)\s*+)?",
    re.IGNORECASE,
)
# " × 20 kpl", "/kk × 15 lisenssiä" after the unit price.
_COUNT_AFTER = re.compile(
    rf"(?<!\s)\s*+(?:(?:/\s*+|per\s++)[^\W\d_]++\s*+)?[x×*]\s*+{_COUNT_NUM}(?![\d,.])(?:\s*+[^\W\d_]++)?",
    re.IGNORECASE,
)
_STATED_TOTAL_WORDS = frozenset({"yht", "yhteensä", "eli", "kokonaisuudessaan", "summa", "yhteissumma"})

# A price per something that has no count: "3000 € / palvelin", "30 euroa sivu", "€/h".
_PER_UNIT_AFTER = re.compile(
    r"(?<!\s)\s*+(?:/\s*+|per\s++)(?P<unit>[a-zäöå]++)"
    r"|(?<!\s)\s*+(?P<noun>sivu|sivulta|tunti|tunnilta|kpl|kappale|kappaleelta|käyttäjä|käyttäjältä|lisenssi)\b",
    re.IGNORECASE,
)
_PERIOD_WORDS = {"vuosi", "v", "a", "vuodessa", "year", "kk", "kuukausi", "kuukaudessa", "kuukaudelta", "vuodelta"}
# Words that may stand between a figure and its VAT-inclusive restatement.
_RESTATEMENT_FILLERS = frozenset({
    "noin", "n", "arviolta", "arvio", "ca", "eli", "tai", "yhteensä", "yht", "hinta", "hintana", "summa", "on",
    "siis", "vastaa", "vastaten", "mikä", "joka", "kk", "v", "a", "vuosi", "vuodessa", "kuukaudessa", "euroa", "eur",
})
_PERIOD_TOKENS = frozenset({"kk", "v", "a", "vuosi", "vuodessa", "kuukaudessa"})
# Finnish VAT rates, old and new, as a ratio of a VAT-inclusive figure to the VAT-free one.
_VAT_RATIO_RANGE = (Decimal("1.09"), Decimal("1.27"))
_VAT_RATIO_TOLERANCE = Decimal("0.015")

_UNKNOWN = re.compile(
    r"^[^\w?-]*+[?-]\W*+$|^\W*+(?:ei\s+tietoa|avoin|tuntematon|ei\s+arvioitu)\W*+$|"
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
_SENTENCE_END = (
    r"\n+|;|(?<!\bn)(?<!\bv)(?<!\bk)(?<!\bt)(?<!\bmm)(?<!\bns)(?<!\bym)(?<!yms)(?<!esim)(?<!milj)(?<!sis)"
    r"(?<!\bmax)(?<!\bmin)(?<!\bkpl)(?<!\byht)\.(?=\s|$)"
)
_SENTENCE_SPLIT = re.compile(_SENTENCE_END, re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(_SENTENCE_END + r"|,\s(?=\D)", re.IGNORECASE)


def _note(code: str, message: str, excerpt: str) -> ParseNote:
    return ParseNote(field=FIELD, code=f"{FIELD}.{code}", message=message, excerpt=excerpt.strip())


def _whole(value: Decimal) -> Decimal:
    """Drop a trailing ".0" left by a multiplier, so 1,5 milj. reads as 1500000."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _euros(value: Decimal | None) -> str:
    """A figure as people write it: "50 000", "1 234,5"; "?" for an open end.

    >>> _euros(Decimal("33333.33")), _euros(None)
    ('33 333,33', '?')
    """
    if value is None:
        return "?"
    whole, _, cents = f"{_whole(value):,f}".partition(".")
    return whole.replace(",", " ") + (f",{cents}" if cents else "")


def _span(low: Decimal | None, high: Decimal | None) -> str:
    return _euros(low) if low == high else f"{_euros(low)}–{_euros(high)}"


def _is_grouped(number: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?", number))


def _looks_like_money(m: re.Match, clause: str) -> bool:
    """A bare number (no currency) is money only when it looks like a sum, not a year or a count. A figure that
    starts "000" is the tail of a number glued to a word ("noin200 000 €"): reading it would make a zero."""
    if re.match(r"0\d", m.group("n1")):
        return False
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


def _vat_note(m: re.Match) -> str:
    if m.group("free"):
        return "alv 0 %"
    if m.group("taxed") or (m.group("suffix") or "").lower().endswith(("kanssa", "ineen")):
        return "sis. alv"
    rate = m.group("rate")
    rate_text = f" {rate} %" if rate else ""
    if m.group("incl"):
        return f"sis. alv{rate_text}"
    if rate is not None and to_decimal(rate) == 0:
        return "alv 0 %"
    return f"+ alv{rate_text}"


def _vat_says_inclusive(m: re.Match) -> tuple[bool, Decimal | None]:
    """(the phrase says a figure includes VAT, the non-zero rate it names)."""
    rate = to_decimal(m.group("rate")) if m.group("rate") else None
    inclusive = bool(m.group("taxed") or m.group("incl")
                     or (m.group("suffix") or "").lower().endswith(("kanssa", "ineen")))
    return inclusive, rate if rate else None


# --- words and periods -------------------------------------------------------------------------------------------

def _has_time_part(word: str, stem: str) -> bool:
    """`stem` ("vuosi", "kuukausi") is a part of a compound or a -ttain adverb, not the plain word."""
    at = word.find(stem)
    if at < 0:
        return False
    rest = word[at + len(stem):]
    return rest not in _PLAIN_ENDINGS and not rest.startswith(("kymmen", "sata"))


def _word_period(word: str) -> str | None:
    """The period one word says by its parts: "monthly", "annual" (a time part), "recurring" (upkeep, a use fee,
    "jatkuva": yearly unless said otherwise), "one_off", or None.

    >>> [_word_period(w) for w in ("kuukausilisenssi", "lisenssivuosimaksu", "vuosina", "ylläpitomaksu", "kk-maksu")]
    ['monthly', 'annual', None, 'recurring', 'monthly']
    >>> [_word_period(w) for w in ("käyttöönottomaksu", "kertaluonteinen", "hankinta", "tukipalvelu", "kertaa")]
    ['one_off', 'one_off', 'one_off', None, None]
    """
    w = word.lower()
    if any(part in w for part in _ONE_OFF_PARTS) or (w.startswith("kerta") and w not in ("kerta", "kertaa")):
        return "one_off"
    if _has_time_part(w, "kuukausi") or w.endswith(("kuukaudessa", "kuukaudelta")) or w.startswith("kk-"):
        return "monthly"
    if _has_time_part(w, "vuosi") or w.endswith(("vuodessa", "vuodelta")) or "vuotui" in w:
        return "annual"
    if any(part in w for part in _RECURRING_PARTS) or ("maksu" in w and any(part in w for part in _FEE_PARTS)):
        return "recurring"
    return None


@dataclass(frozen=True)
class _Duration:
    start: int
    end: int
    years: Decimal
    contract: bool  # said of a contract, licence or lease: it reaches figures elsewhere in the sentence or text
    text: str


def _duration(m: re.Match, offset: int = 0) -> _Duration | None:
    """A period length that makes the figure beside it a total over that period, or None."""
    n = m.group("n").lower()
    count = Decimal(_COUNT_WORDS[n]) if n in _COUNT_WORDS else to_decimal(n)
    unit = m.group("unit").lower()
    years = count / 12 if unit.startswith(("kk", "kuukau")) else count
    lead = (m.group("lead") or "").lower()
    what = (m.group("what") or "").lower()
    contract = "sopimu" in lead or any(part in what for part in _CONTRACT_PARTS)
    # "laskettuna 48 kk", "/ 4 v", "48 kk ajalta", "5 vuoden aikana", "4 vuodelle": a total over that period.
    said_of_total = lead in ("laskettuna", "/") or what.startswith(_TOTAL_AFTER) or unit.endswith(("delle", "deksi"))
    if not (contract or said_of_total) or years <= 0:
        return None
    return _Duration(offset + m.start(), offset + m.end(), years, contract, m.group(0).strip())


def _durations(text: str, offset: int = 0) -> list[_Duration]:
    return [d for m in _DURATION.finditer(text) if (d := _duration(m, offset))]


def _markers(segment: str) -> list[tuple[int, int, str, _Duration | None]]:
    """Every period marker in an amount's stretch of text: (start, end, name, duration)."""
    found: list[tuple[int, int, str, _Duration | None]] = []
    for m in _PERIOD_SIGN.finditer(segment):
        found.append((m.start(), m.end(), "monthly" if m.group("month") or m.group("month2") else "annual", None))
    for m in _WORD.finditer(segment):
        name = _word_period(m.group())
        if name:
            found.append((m.start(), m.end(), name, None))
    for d in _durations(segment):
        found.append((d.start, d.end, "total", d))
    for m in _UNDATED_TOTAL.finditer(segment):
        found.append((m.start(), m.end(), "total", None))
    return found


# At equal distance the first listed wins.
_MARKER_ORDER = {"total": 0, "monthly": 1, "annual": 2, "recurring": 3, "one_off": 4}
_SKIP_SPACE = re.compile(r"\s*+")


def _direct_period(clause: str, end: int) -> str | None:
    """A period said right after the figure ("€/kk", "€ vuodessa", "€ vuosilisenssi") wins over any word further
    off ("Hankinta 500 €/kk" is monthly)."""
    at = _SKIP_SPACE.match(clause, end).end()
    sign = _PERIOD_SIGN.match(clause, at)
    if sign:
        return "monthly" if sign.group("month") or sign.group("month2") else "annual"
    word = _WORD.match(clause, at)
    name = _word_period(word.group()) if word else None
    return name if name in ("monthly", "annual") else None


def _nearest_marker(segment: str, anchor: int) -> tuple[str, _Duration | None] | None:
    best: tuple[int, int, str, _Duration | None] | None = None
    for start, end, name, duration in _markers(segment):
        distance = min(abs(start - anchor), abs(end - anchor))
        key = (distance, _MARKER_ORDER[name])
        if best is None or key < best[:2]:
            best = (*key, name, duration)
    return (best[2], best[3]) if best else None


# --- amounts -----------------------------------------------------------------------------------------------------

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


def _scale(value: Decimal | None, times: Decimal = Decimal(1), per: Decimal = Decimal(1)) -> Decimal | None:
    """`value` times `times` divided by `per`, to the cent; raises _Implausible for a result no project costs."""
    if value is None:
        return None
    scaled = value * times
    _plausible(scaled)
    return _whole((scaled / per).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass
class _Context:
    """What the whole text says that reaches a single figure: contract periods, by sentence."""

    text: str  # the whole text, VAT phrases blanked
    sentences: list[tuple[int, int]]
    contracts: list[_Duration]  # in text order
    _starts: list[int] = field(init=False)
    _contract_starts: list[int] = field(init=False)
    _only: _Duration | None = field(init=False)
    _named: dict[int, str | None] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._starts = [start for start, _ in self.sentences]
        self._contract_starts = [d.start for d in self.contracts]
        self._only = self.contracts[0] if len({d.years for d in self.contracts}) == 1 else None

    def _sentence(self, position: int) -> tuple[int, int]:
        at = bisect_right(self._starts, position) - 1
        return self.sentences[at] if at >= 0 else (position, position)

    def contract_near(self, position: int) -> tuple[_Duration | None, _Duration | None]:
        """(a contract period said in the sentence at `position`, the one contract period of the whole text)."""
        start, end = self._sentence(position)
        first, last = bisect_left(self._contract_starts, start), bisect_left(self._contract_starts, end)
        # The nearest of those in the sentence: the last one before `position` or the first one after it.
        split = bisect_left(self._contract_starts, position, first, last)
        candidates = [self.contracts[n] for n in (split - 1, split) if first <= n < last]
        near = min(candidates, key=lambda d: abs(d.start - position)) if candidates else None
        return near, self._only

    def contract_named(self, position: int) -> str | None:
        """A contract period named, with or without a length, in the sentence at `position`."""
        start, end = self._sentence(position)
        if start not in self._named:
            named = _CONTRACT_WORD.search(self.text, start, end)
            self._named[start] = named.group(0) if named else None
        return self._named[start]


@dataclass(frozen=True)
class _Read:
    """One item read, with where its figure stands in the text and how it was made."""

    item: CostItem
    start: int
    end: int
    counted: bool = False
    divided: bool = False
    notes: tuple[ParseNote, ...] = ()  # what was done to read it; dropped with the item when it is a restatement


def _counts(clause: str, matches: list[re.Match]) -> tuple[list[re.Match], dict[int, tuple[Decimal, int, int]]]:
    """Counts stated beside unit prices: the matches left (a count is not a figure of its own) and, by the start of
    each priced match, (count, start, end) of the counted stretch."""
    before = {c.end(): c for c in _COUNT_BEFORE.finditer(clause)}
    counted: dict[int, tuple[Decimal, int, int]] = {}
    for m in matches:
        c = before.get(m.start())
        a = None if c else _COUNT_AFTER.match(clause, m.end())
        found = c or a
        if found:
            count = to_decimal(found.group("count"))
            if count > 0:
                counted[m.start()] = (count, min(found.start(), m.start()), max(found.end(), m.end()))
    starts = [m.start() for m in matches]
    covered = {n for price, (_, start, end) in counted.items()
               for n in range(bisect_left(starts, start), bisect_left(starts, end)) if starts[n] != price}
    return [m for n, m in enumerate(matches) if n not in covered], counted


def _stated_total_gap(gap: str) -> bool:
    """The text between a count times a price and a figure after it says that figure is their total."""
    tokens = re.findall(r"[^\W\d_]++|\d++|[=+]", gap.lower())
    allowed = _STATED_TOTAL_WORDS | {"=", "noin", "n", "ca", "kk", "v", "vuosi", "vuodessa", "kuukaudessa", "kpl"}
    says_total = "=" in tokens or "(" in gap or bool(_STATED_TOTAL_WORDS & set(tokens))
    return says_total and all(t in allowed for t in tokens)


@dataclass(frozen=True)
class _AsText:
    """A figure kept as text: the flag and the note that say why."""

    flag: str
    note: ParseNote


def _period_of(clause: str, m: re.Match, segment: tuple[int, int], position: int, context: _Context,
               total_in_clause: bool, source: str) -> tuple[str | None, _Duration | None] | _AsText:
    """What period the figure `m` is for: a marker name ("monthly", "annual", "recurring", "one_off", "total" with
    its duration, None when nothing is said) or, when that cannot be told, why it is kept as text."""
    direct = _direct_period(clause, m.end())
    nearest = (direct, None) if direct else _nearest_marker(
        clause[segment[0]:segment[1]], (m.start() + m.end()) // 2 - segment[0])
    name, duration = nearest or (None, None)
    if name in (None, "total") and duration is None:
        near, only = context.contract_near(position)
        named = context.contract_named(position)
        total_said = name == "total" or total_in_clause
        if total_said and (near or only):
            name, duration = "total", near or only
        elif name is None and (near or named) and not total_said:
            return _AsText("period_unclear", _note(
                "contract_period_unclear",
                f"A contract period ({near.text if near else named}) is stated but not whether the figure is for a "
                "year or for the whole period; it was kept as text.", source))
        elif name == "total" or (total_said and named):
            return _AsText("multi_year_total", _note(
                "multi_year_total", "A total over several years was kept as text, not as a yearly or one-off amount.",
                source))
    if duration is not None and duration.years < 1:
        return _AsText("short_period_total", _note(
            "period_total_short", f"A total over a period shorter than a year ({duration.text}) was kept as text, not "
            "as a yearly or one-off amount.", source))
    return name, duration


def _amount(m: re.Match, name: str | None, duration: _Duration | None, count: Decimal | None, source: str
            ) -> tuple[CostItem, list[ParseNote]]:
    """The item of one figure, its period and any count applied, with notes on what was done. Raises _Implausible."""
    low, high, notes = _range(m, source)
    if count is not None:
        product = (_scale(low, count), _scale(high, count))
        notes.append(_note("count_x_unit", f"A count times a unit price was multiplied into a total ({_euros(count)} × "
                           f"{_span(low, high)} € = {_span(*product)} €).", source))
        low, high = product
    if name == "monthly":
        kind, basis = "annual", "per_month_x12"
        yearly = (_scale(low, Decimal(12)), _scale(high, Decimal(12)))
        notes.append(_note("monthly_x12", f"A monthly figure ({_span(low, high)} € a month) was multiplied by 12 into "
                           f"a yearly amount ({_span(*yearly)} € a year).", source))
        low, high = yearly
    elif name == "total":
        kind, basis = "annual", "period_total_divided"
        years = duration.years
        yearly = (_scale(low, per=years), _scale(high, per=years))
        notes.append(_note("period_total_divided", f"A total of {_span(low, high)} € over {_euros(years)} years "
                           f"({duration.text}) was divided into {_span(*yearly)} € a year for {_euros(years)} years.",
                           source))
        low, high = yearly
    else:
        kind, basis = {
            "annual": ("annual", "per_year"),
            "recurring": ("annual", "per_year"),
            "one_off": ("one_off", "one_off_stated"),
        }.get(name, ("one_off", "no_period_stated"))
    return CostItem(kind=kind, min_amount=low, max_amount=high, source_text=source, basis=basis), notes


def _read_clause(clause: str, source: str, offset: int, context: _Context
                 ) -> tuple[list[_Read], list[str], list[tuple[int, ParseNote]]]:
    """Items (with where their figures stand in the whole text), flags and notes (with where their figures stand)
    for one clause."""
    found: list[_Read] = []
    flags: list[str] = []
    notes: list[tuple[int, ParseNote]] = []
    matches, counted = _counts(clause, [m for m in _AMOUNT.finditer(clause) if _looks_like_money(m, clause)])
    total_in_clause = bool(matches) and bool(_TOTAL_WORD.search(clause))
    for k, m in enumerate(matches):
        # The amount's own stretch of text: from the previous amount to the next one.
        segment = (matches[k - 1].end() if k else 0, matches[k + 1].start() if k + 1 < len(matches) else len(clause))
        count = counted.get(m.start())
        unit = None if count else _PER_UNIT_AFTER.match(clause, m.end())
        if unit and (unit.group("noun") or unit.group("unit").lower() not in _PERIOD_WORDS):
            period = _AsText("per_unit", _note(
                "per_unit", "A price per unit with no count was not turned into a total.", source))
        else:
            period = _period_of(clause, m, segment, offset + m.start(), context, total_in_clause, source)
        if not isinstance(period, _AsText):
            try:
                item, item_notes = _amount(m, *period, count[0] if count else None, source)
            except _Implausible:
                period = _AsText("implausible", _implausible_note(m, source))
        if isinstance(period, _AsText):
            flags.extend([period.flag] if period.flag not in flags else [])
            notes.append((offset + m.start(), period.note))
            continue
        start, end = (count[1], count[2]) if count else (m.start(), m.end())
        found.append(_Read(item, offset + start, offset + end, counted=bool(count), divided=item.basis ==
                           "period_total_divided", notes=tuple(item_notes)))
    return _with_stated_totals(found, clause, offset, source), flags, notes


def _with_stated_totals(found: list[_Read], clause: str, offset: int, source: str) -> list[_Read]:
    """A count times a unit price followed by its stated total ("20 kpl × 1 200 € = 24 000 €") is one item: the
    stated total, which is the product, or which differs from it (noted)."""
    kept: list[_Read] = []
    for read in found:
        last = kept[-1] if kept else None
        if (last is not None and last.counted and not read.counted and last.item.kind == read.item.kind
                and _stated_total_gap(clause[last.end - offset:read.start - offset])):
            if (last.item.min_amount, last.item.max_amount) != (read.item.min_amount, read.item.max_amount):
                differs = _note(
                    "count_total_differs",
                    f"The stated total ({_span(read.item.min_amount, read.item.max_amount)} €) differs from the count "
                    f"times the unit price ({_span(last.item.min_amount, last.item.max_amount)} €); the stated total "
                    "was used.", source)
                kept[-1] = replace(read, start=last.start, notes=last.notes + read.notes + (differs,))
            continue
        kept.append(read)
    return kept


def _with_vat(reads: list[_Read], clauses: list[tuple[int, int]], vat_spans: list[tuple[int, str]]) -> list[_Read]:
    """Put each VAT remark on the last amount before it in its clause, or on every item
    when no amount precedes it ("Hinnat alv 0 %. ..."); an item keeps the first remark that reaches it."""
    clause_starts = [start for start, _ in clauses]
    ends = [r.end for r in reads]  # reads are in text order
    own: dict[int, str] = {}
    for_all: str | None = None
    for v_start, vat in vat_spans:
        clause_start = clauses[bisect_right(clause_starts, v_start) - 1][0]
        owner = bisect_right(ends, v_start) - 1
        if owner >= 0 and reads[owner].start >= clause_start:
            if owner not in own and for_all is None:
                own[owner] = vat
        elif for_all is None:
            for_all = vat
    return [replace(r, item=replace(r.item, vat_note=own.get(n, for_all))) for n, r in enumerate(reads)]


def _filler_only(gap: str, words: frozenset[str]) -> bool:
    return "+" not in gap and all(t in words for t in re.findall(r"[^\W\d_]++|\d++", gap.lower()))


def _bounds(item: CostItem) -> tuple[Decimal | None, Decimal | None]:
    return item.min_amount, item.max_amount


def _is_vat_restatement(small: CostItem, big: CostItem, rates: list[Decimal]) -> bool:
    """`big` is `small` with VAT added: every bound in the ratio of a VAT rate named, or of a Finnish one."""
    if (small.kind, small.basis) != (big.kind, big.basis):
        return False
    pairs = list(zip(_bounds(small), _bounds(big)))
    if any((a is None) != (b is None) for a, b in pairs) or all(a is None for a, _ in pairs):
        return False
    for a, b in pairs:
        if a is None:
            continue
        if a <= 0:
            return False
        ratio = b / a
        if rates:
            if not any(abs(ratio - (1 + rate / 100)) <= _VAT_RATIO_TOLERANCE for rate in rates):
                return False
        elif not _VAT_RATIO_RANGE[0] <= ratio <= _VAT_RATIO_RANGE[1]:
            return False
    return True


def _without_vat_restatements(reads: list[_Read], vat_matches: list[re.Match], masked: str) -> list[_Read]:
    """Drop a VAT-inclusive figure that restates the VAT-free one beside it ("12 000 € + alv (sis. alv noin 15 060 €)",
    "12 000 € (alv 0 %), 15 060 € sis. alv", "10 000 € alv 0 % / 12 550 € alv 25,5 %"): one cost, the VAT-free one."""
    kept: list[_Read] = []
    vat_starts = [v.start() for v in vat_matches]
    for n, read in enumerate(reads):
        last = kept[-1] if kept else None
        if last is None or not _filler_only(masked[last.end:read.start], _RESTATEMENT_FILLERS):
            kept.append(read)
            continue
        following = reads[n + 1].start if n + 1 < len(reads) else len(masked)
        phrases = vat_matches[bisect_left(vat_starts, last.end):bisect_left(vat_starts, read.start)]
        next_phrase = bisect_left(vat_starts, read.end)
        if next_phrase < len(vat_matches) and vat_starts[next_phrase] < following and _filler_only(
                masked[read.end:vat_starts[next_phrase]], _PERIOD_TOKENS):
            phrases = phrases + [vat_matches[next_phrase]]
        said = [_vat_says_inclusive(v) for v in phrases]
        rates = [rate for _, rate in said if rate]
        if not any(inclusive for inclusive, _ in said) and not rates:
            kept.append(read)
            continue
        first_low = next(b for b in _bounds(last.item) + (Decimal(0),) if b is not None)
        read_low = next(b for b in _bounds(read.item) + (Decimal(0),) if b is not None)
        small, big = (last, read) if first_low <= read_low else (read, last)
        if not _is_vat_restatement(small.item, big.item, rates):
            kept.append(read)
            continue
        restated = _note(
            "vat_restatement",
            f"The figure {_span(*_bounds(big.item))} € restates {_span(*_bounds(small.item))} € with VAT; it was "
            "not added again, and the VAT-free figure was used.", small.item.source_text)
        kept[-1] = replace(small, item=replace(small.item, vat_note="alv 0 %"), notes=small.notes + (restated,))
    return kept


def _without_restated_totals(reads: list[_Read]) -> tuple[list[_Read], list[tuple[int, ParseNote]]]:
    """A total over a contract period divided into years that equals a yearly (or monthly x 12) figure also given
    ("2 000 €/kk, laskettuna 48 kk ajalta 96 000 €") says the same cost twice: it is not added again."""
    def key(item: CostItem) -> tuple[int, int] | None:
        if item.min_amount is None or item.max_amount is None:
            return None
        return int(item.min_amount), int(item.max_amount)

    yearly: dict[tuple[int, int], list[CostItem]] = {}
    for read in reads:
        if not read.divided and read.item.kind == "annual" and key(read.item):
            yearly.setdefault(key(read.item), []).append(read.item)
    kept, notes = [], []
    for read in reads:
        at = key(read.item) if read.divided else None
        same = at and any(
            abs(o.min_amount - read.item.min_amount) <= 1 and abs(o.max_amount - read.item.max_amount) <= 1
            for low in (at[0] - 1, at[0], at[0] + 1) for high in (at[1] - 1, at[1], at[1] + 1)
            for o in yearly.get((low, high), ()))
        if same:
            notes.append((read.start, _note(
                "restated_total",
                f"A total over the contract period ({_span(*_bounds(read.item))} € a year) restates the yearly "
                "figure beside it; it was not added again.", read.item.source_text)))
            continue
        kept.append(read)
    return kept, notes


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
    >>> [(i.min_amount, i.vat_note) for i in parse_costs("12 000 € + alv (sis. alv noin 15 060 €)").items]
    [(Decimal('12000'), 'alv 0 %')]
    """
    original = text or ""
    work = normalise(original)  # same length as the original: positions carry over
    if not work.strip():
        return CostReading(
            text=original, flags=("unknown",),
            notes=(_note("missing", "No cost estimate was given.", original),),
        )

    # Blank out VAT phrases (keeping positions) so "24 %" is never read as money.
    vat_matches = [m for m in _VAT.finditer(work) if m.group(0).strip()]
    pieces, position = [], 0
    for m in vat_matches:
        pieces.extend((work[position:m.start()], " " * (m.end() - m.start())))
        position = m.end()
    masked = "".join(pieces) + work[position:]

    sentences = clause_bounds(masked, _SENTENCE_SPLIT)
    contracts = [d for s, e in sentences for d in _durations(masked[s:e], s) if d.contract]
    context = _Context(masked, sentences, contracts)

    flags: list[str] = []
    placed: list[tuple[int, ParseNote]] = []  # notes by where their figure stands
    reads: list[_Read] = []
    clauses = clause_bounds(masked, _CLAUSE_SPLIT)
    for c_start, c_end in clauses:
        found, clause_flags, clause_notes = _read_clause(
            masked[c_start:c_end], original[c_start:c_end].strip(), c_start, context)
        reads.extend(found)
        flags.extend(f for f in clause_flags if f not in flags)
        placed.extend(clause_notes)
    reads = _with_vat(reads, clauses, [(m.start(), _vat_note(m)) for m in vat_matches])
    reads = _without_vat_restatements(reads, vat_matches, masked)
    reads, total_notes = _without_restated_totals(reads)
    placed.extend(total_notes + [(r.start, note) for r in reads for note in r.notes])
    notes = [note for _, note in sorted(placed, key=lambda pair: pair[0])]
    items = [r.item for r in reads]

    if items and _UNKNOWN.search(work):
        flags.append("partial")
        notes.append(_note("partly_unknown", "Part of the cost is stated to be unknown or not estimated.", original))
    elif not items and not flags:
        flags, notes = _without_items(work, original)
    if items and "implausible" in flags and "partial" not in flags:
        flags.append("partial")  # the figures read are not the whole cost
    return CostReading(text=original, items=tuple(items), flags=tuple(flags), notes=tuple(notes))
