"""Read the "Aikataulu" (schedule) value of a project into a start and an end month.

Dates are "YYYY-MM" strings. Several dates or phases give the earliest start and the latest
end. Whatever has no honest month (seasons, "Avoin", "202X", yearly recurring work) is kept
as text, flagged and explained in a ParseNote; nothing is guessed silently.

>>> r = parse_schedule("Q3/2022–Q2/2023")
>>> r.start, r.end
('2022-07', '2023-06')
>>> parse_schedule("2020–23").end
'2023-12'
>>> parse_schedule("kevät 2021").flags
('season',)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.records import ParseNote, ScheduleReading
from loaders.text import normalise

FIELD = "schedule"

_MONTH_NAMES = {
    "tammikuu": 1, "helmikuu": 2, "maaliskuu": 3, "huhtikuu": 4, "toukokuu": 5,
    "kesäkuu": 6, "heinäkuu": 7, "elokuu": 8, "syyskuu": 9, "lokakuu": 10,
    "marraskuu": 11, "joulukuu": 12,
}
# Seasons and vague parts of a year: they name a year but no month we could honestly use.
_SEASONS = (
    r"kevä\w*|kevät\w*|kesä(?!kuu)\w*|syksy\w*|syks\w*|talv\w*|"
    r"alkuvuo\w*|loppuvuo\w*|keskivuo\w*|vuodenvaihte\w*|alkupuol\w*|loppupuol\w*"
)

_YEAR = r"(?:19|20)\d{2}"
# Spaces, an optional slash, spaces ("Q3/2022", "Q3 / 2022", "Q3 2022"). Written `\s*/?\s*` the two runs of
# spaces could share the same characters, and a long run of spaces after "Q3" took quadratic time to fail;
# possessive runs (*+) match the same text, since a year follows, and never go back.
_SLASH = r"\s*+(?:/\s*+)?"
# Order matters: the longest, most specific forms must win at the same position.
_TOKEN = re.compile(
    rf"""
    (?P<dm_dmy>(?<![\d.])(?P<a_d1>\d{{1,2}})\.(?P<a_m1>\d{{1,2}})\.?\s*-\s*
        (?P<a_d2>\d{{1,2}})\.(?P<a_m2>\d{{1,2}})\.(?P<a_y>{_YEAR})(?!\d))
  | (?P<iso>(?<!\d)(?P<i_y>{_YEAR})-(?P<i_m>\d{{2}})-(?P<i_d>\d{{2}})(?!\d))
  | (?P<dmy>(?<![\d.])(?P<f_d>\d{{1,2}})\.(?P<f_m>\d{{1,2}})\.(?P<f_y>{_YEAR})(?!\d))
  | (?P<slash3>(?<![\d/])(?P<s_a>\d{{1,2}})/(?P<s_b>\d{{1,2}})/(?P<s_y>{_YEAR})(?!\d))
  | (?P<qrange>\bQ(?P<q1>[1-4])\s*-\s*Q(?P<q2>[1-4]){_SLASH}(?P<qr_y>{_YEAR})(?!\d))
  | (?P<quarter>\bQ(?P<q>[1-4]){_SLASH}(?P<q_y>{_YEAR})(?!\d))
  | (?P<half>\bH(?P<h>[12]){_SLASH}(?P<h_y>{_YEAR})(?!\d))
  | (?P<mrange>(?<![\d/.])(?P<r_m1>\d{{1,2}})\s*-\s*(?P<r_m2>\d{{1,2}})\s*/\s*(?P<r_y>{_YEAR})(?!\d))
  | (?P<month>(?<![\d/.])(?P<m_m>\d{{1,2}})\s*[/.]\s*(?P<m_y>{_YEAR})(?!\d))
  | (?P<mname>\b(?P<n_name>{"|".join(_MONTH_NAMES)})\w*\s+(?:vuonna\s+|vuoden\s+)?(?P<n_y>{_YEAR})(?!\d))
  | (?P<season2>\bvuoden\s+(?P<se2_y>{_YEAR})\s+(?:alku|loppu|keski)puol\w*)
  | (?P<season>\b(?P<se_word>{_SEASONS})\s+(?:vuonna\s+|vuoden\s+|v\.?\s*)?(?P<se_y>{_YEAR})(?!\d))
  | (?P<yrange>(?<![\d/.])(?P<y1>{_YEAR})\s*[-/]\s*(?P<y2>(?:19|20)\d{{2}}|\d{{2}})(?!\d)(?!\s*[/.]\s*\d))
  | (?P<placeholder>(?<![\d/.])(?:19|20)\d[Xx](?![\w]))
  | (?P<year>(?<![\d/.])(?P<y>{_YEAR})(?!\d))
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Text between two dates that makes them one range ("8/2021–12/2022", "1/2020 jatkuen 12/2023").
_JOINERS = {"-", "--", "jatkuen", "jatkuen-", "-jatkuen", "jatkuu", "jatkuu-"}
# Words right after a date that leave its range open at the end or at the start.
_OPEN_END_AFTER = re.compile(r"^\s*(?:alusta|alkaen|lähtien|eteenpäin)\b|^\s*-\s*(?:alkaen\b|$|[,.;)]|\n)", re.I)
# "8/2022 ) saakka": spaces, an optional bracket, spaces; possessive for the same reason as _SLASH.
_OPEN_START_AFTER = re.compile(r"^\s*+(?:\)\s*+)?(?:saakka|asti|loppuun|mennessä)\b", re.I)

_RECURRING = re.compile(
    r"/\s*vuosi\b|\bvuosittai\w*|\bjoka\s+vuosi\b|\bvuosittain\b|\bkerran\s+vuodessa\b|\bper\s+vuosi\b",
    re.I,
)
_OPEN = re.compile(r"\bavoi\w*|\bauki\b|\bei\s+(?:vielä\s+)?(?:päätetty|aikataulutettu)\b", re.I)
# "ei tiedossa", or a value of nothing but punctuation with a dash or question mark in it ("-", "?", "- -").
# Written `^\W*(?:-|\?)\W*$`, a long run of dashes followed by any letter took quadratic time to fail (60,000
# dashes: half a minute); the first dash or question mark is now found without going back.
_UNKNOWN = re.compile(r"\bei\s+(?:vielä\s+)?(?:tiedossa|tietoa)\b|^[^\w\-?]*+[-?]\W*+$", re.I)
_ONGOING = re.compile(r"\bjatkuva\w*|\bpysyvä\w*|\btoistaiseksi\b", re.I)
_ESTIMATE = re.compile(r"\(\s*arvio\s*\)|\barviolta\b|\balustava\w*", re.I)


@dataclass(frozen=True)
class _Span:
    """One date expression found in the text: its first and last month as (year, month)."""

    first: tuple[int, int] | None
    last: tuple[int, int] | None
    kind: str
    text: str
    begin: int
    stop: int
    year: int | None = None  # for seasons and placeholders, which carry no month


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _note(code: str, message: str, excerpt: str) -> ParseNote:
    return ParseNote(field=FIELD, code=f"{FIELD}.{code}", message=message, excerpt=excerpt)


def _slash_order(text: str) -> str:
    """Decide whether a/b/yyyy dates in this text are US month/day or day/month.

    US is the default because the real documents use "1/1/2024-12/31/2024"; a day over 12
    in either place settles it for the whole text.
    """
    us = dm = False
    for m in re.finditer(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(?:19|20)\d{2}", text):
        a, b = int(m.group(1)), int(m.group(2))
        us |= b > 12 >= a
        dm |= a > 12 >= b
    if dm and not us:
        return "dm"
    return "us"


def _month_ok(*months: int) -> bool:
    return all(1 <= m <= 12 for m in months)


def _span_from_match(m: re.Match, slash_order: str) -> _Span | None:
    """Turn one regex match into a span; None when the numbers are not a real month."""
    kind = m.lastgroup
    g = m.group
    text, begin, stop = m.group(0), m.start(), m.end()

    def span(first, last, year=None):
        return _Span(first, last, kind, text, begin, stop, year)

    if kind == "dm_dmy":
        y, m1, m2 = int(g("a_y")), int(g("a_m1")), int(g("a_m2"))
        return span((y, m1), (y, m2)) if _month_ok(m1, m2) else None
    if kind == "iso":
        y, mo = int(g("i_y")), int(g("i_m"))
        return span((y, mo), (y, mo)) if _month_ok(mo) else None
    if kind == "dmy":
        y, mo = int(g("f_y")), int(g("f_m"))
        return span((y, mo), (y, mo)) if _month_ok(mo) else None
    if kind == "slash3":
        a, b, y = int(g("s_a")), int(g("s_b")), int(g("s_y"))
        mo = a if slash_order == "us" else b
        return span((y, mo), (y, mo)) if _month_ok(mo) else None
    if kind == "qrange":
        y, q1, q2 = int(g("qr_y")), int(g("q1")), int(g("q2"))
        return span((y, 3 * q1 - 2), (y, 3 * q2))
    if kind == "quarter":
        y, q = int(g("q_y")), int(g("q"))
        return span((y, 3 * q - 2), (y, 3 * q))
    if kind == "half":
        y, h = int(g("h_y")), int(g("h"))
        return span((y, 6 * h - 5), (y, 6 * h))
    if kind == "mrange":
        y, m1, m2 = int(g("r_y")), int(g("r_m1")), int(g("r_m2"))
        return span((y, m1), (y, m2)) if _month_ok(m1, m2) else None
    if kind == "month":
        y, mo = int(g("m_y")), int(g("m_m"))
        return span((y, mo), (y, mo)) if _month_ok(mo) else None
    if kind == "mname":
        y, mo = int(g("n_y")), _MONTH_NAMES[g("n_name").lower()]
        return span((y, mo), (y, mo))
    if kind == "season":
        return span(None, None, int(g("se_y")))
    if kind == "season2":
        return _Span(None, None, "season", text, begin, stop, int(g("se2_y")))
    if kind == "yrange":
        y1, raw = int(g("y1")), g("y2")
        y2 = int(raw) if len(raw) == 4 else (y1 // 100) * 100 + int(raw)
        return span((y1, 1), (y2, 12))
    if kind == "placeholder":
        return span(None, None, int(text[:3]) * 10)  # decade start, e.g. 2020 for "202X"
    if kind == "year":
        y = int(g("y"))
        return span((y, 1), (y, 12))
    return None  # pragma: no cover - every group is handled above


def _is_joiner(gap: str) -> bool:
    core = re.sub(r"[\s()/]", "", gap).lower()
    return core in _JOINERS


def parse_schedule(text: str) -> ScheduleReading:
    """Read a schedule value; earliest start and latest end over every date found.

    >>> parse_schedule("8/2021–12/2022").start
    '2021-08'
    >>> r = parse_schedule("9/2022")
    >>> (r.start, r.end)
    ('2022-09', '2022-09')
    >>> parse_schedule("1/1/2024-12/31/2024").end
    '2024-12'
    >>> parse_schedule("").notes[0].code
    'schedule.missing'
    """
    original = text or ""
    work = normalise(original).strip()
    if not work:
        return ScheduleReading(
            text=original,
            notes=(_note("missing", "No schedule was given.", original),),
        )

    flags: list[str] = []
    notes: list[ParseNote] = []

    def flag(name: str, message: str, excerpt: str = original) -> None:
        if name not in flags:
            flags.append(name)
            notes.append(_note(name, message, excerpt))

    order = _slash_order(work)
    spans: list[_Span] = []
    for m in _TOKEN.finditer(work):
        s = _span_from_match(m, order)
        if s is None:
            notes.append(_note("bad_date", "A date with an impossible month was skipped.", m.group(0)))
        else:
            spans.append(s)

    # Build segments: a span alone, or two spans joined by a dash / "jatkuen".
    # A segment is (start_span or None, end_span or None); None marks an open side.
    segments: list[tuple[_Span | None, _Span | None]] = []
    i = 0
    while i < len(spans):
        cur = spans[i]
        before = work[spans[i - 1].stop if i else 0: cur.begin]
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        after = work[cur.stop: nxt.begin if nxt else len(work)]
        if nxt is not None and _is_joiner(after):
            if "(" in after:
                flag("tentative", "The end of a range is in parentheses; it was read as the end.",
                     work[cur.begin: nxt.stop])
            for side in (cur, nxt):
                if side.kind in ("mrange", "qrange"):
                    notes.append(_note(
                        "range_in_range",
                        "One side of a range is itself a range of months; its outer month was used.",
                        work[cur.begin: nxt.stop],
                    ))
            segments.append((cur, nxt))
            i += 2
            continue
        leading_dash = i == 0 and before.rstrip().endswith("-") or (
            i > 0 and before.rstrip().endswith("-") and not _is_joiner(before)
        )
        if _OPEN_START_AFTER.match(after) or leading_dash:
            segments.append((None, cur))
        elif _OPEN_END_AFTER.match(after):
            segments.append((cur, None))
        else:
            segments.append((cur, cur))
        i += 1

    starts = [s.first for s, _ in segments if s is not None and s.first is not None]
    ends = [e.last for _, e in segments if e is not None and e.last is not None]
    start = min(starts) if starts else None
    end = max(ends) if ends else None

    # Seasons and placeholders have a year but no month: flag them, and never let a real
    # date elsewhere pass for the end (or start) when they may lie beyond it. A vague span on
    # the left of a range can only move the start, on the right only the end.
    vague = False
    for left, right in segments:
        for side, s in (("start", left), ("end", right)):
            if s is None or s.kind not in ("season", "placeholder"):
                continue
            vague = True
            if s.kind == "season":
                flag("season", "A season names no month; it was not turned into a date.", s.text)
            else:
                flag("placeholder", "A placeholder year (e.g. 202X) cannot be read as a date.", s.text)
            latest = s.year + (9 if s.kind == "placeholder" else 0)
            if side == "end" and end is not None and latest > end[0]:
                end = None
                notes.append(_note(
                    "vague_end",
                    "A season or placeholder may lie after the last real date, so the end is left open.",
                    s.text,
                ))
            if side == "start" and start is not None and s.year < start[0]:
                start = None
                notes.append(_note(
                    "vague_start",
                    "A season or placeholder may lie before the first real date, so the start is left open.",
                    s.text,
                ))

    if len(segments) > 1:
        flag("several_phases", "Several dates or phases; the earliest start and latest end were used.")

    if start is not None and end is None and not vague:
        flag("open_end", "The schedule gives a start but no end.")
    if end is not None and start is None and not vague:
        flag("open_start", "The schedule gives an end but no start.")

    if _RECURRING.search(work):
        flag("recurring", "Recurring yearly work has no single start or end.")
    if _OPEN.search(work):
        flag("open", "The schedule, or part of it, is stated to be open.")
    if _UNKNOWN.search(work):
        flag("unknown", "The schedule is stated to be unknown.")
    if _ONGOING.search(work) and not segments:
        flag("ongoing", "Continuous work with no stated dates.")
    if _ESTIMATE.search(work):
        flag("estimate", "Some dates are marked as estimates.")

    for s, e in segments:
        if s is not None and e is not None and s.first and e.last and e.last < s.first:
            notes.append(_note("end_before_start", "A range ends before it starts; it was kept as written.",
                               work[s.begin: e.stop]))
    already = any(n.code == "schedule.end_before_start" for n in notes)
    if start is not None and end is not None and end < start and not already:
        notes.append(_note("end_before_start", "The end is before the start; kept as written.", original))

    if not spans and not flags:
        notes.append(_note("unreadable", "No date could be read from the schedule.", original))

    return ScheduleReading(
        text=original,
        start=_ym(*start) if start else None,
        end=_ym(*end) if end else None,
        flags=tuple(flags),
        notes=tuple(notes),
    )


def parse_start_end(start_text: str | None, end_text: str | None) -> ScheduleReading:
    """Read plans that give start and end in two fields ("Projektin arvioitu aloitus/päätyminen").

    >>> r = parse_start_end("5/2022", "10/2023")
    >>> (r.start, r.end)
    ('2022-05', '2023-10')
    """
    start_text, end_text = (start_text or "").strip(), (end_text or "").strip()
    first, last = parse_schedule(start_text), parse_schedule(end_text)
    text = f"{start_text} – {end_text}".strip(" –")
    notes = first.notes + last.notes
    flags = tuple(dict.fromkeys(first.flags + last.flags))
    start, end = first.start, last.end
    if start and end and end < start:
        notes += (_note("end_before_start", "The end is before the start; kept as written.", text),)
    return ScheduleReading(text=text, start=start, end=end, flags=flags, notes=notes)
