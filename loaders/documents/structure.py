"""The structure of a plan document: numbered sections, their field labels and values.

Text in (any of the formats extract.py produces), sections out. Values are kept as text here;
reading them (dates, euros, classes) is the job of the small parsers beside this module.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from loaders.text import DASHES, SPACES

# ---------------------------------------------------------------- lines

_TAG = re.compile(r"</?[a-zA-Z][^>]{0,40}>")
_LIST_MARKER = re.compile(r"^(?:[-•*▪◦·]\s+)+")
_SPACES = re.compile(rf"[ \t{SPACES}]+")  # a run of any spaces is one space


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the extracted text
    raw: str
    text: str  # markup removed, list marker kept
    key: str  # markup and list marker removed: what headings and labels are matched on

    @property
    def blank(self) -> bool:
        return not self.key


def clean_line(raw: str) -> tuple[str, str]:
    """Strip Markdown heading marks, bold and inline tags; return (text, key).

    >>> clean_line("#### **Aikataulu:**")
    ('Aikataulu:', 'Aikataulu:')
    >>> clean_line("- a) **Vaikutus x**  ")
    ('- a) Vaikutus x', 'a) Vaikutus x')
    """
    text = raw.replace("\u00ad", "")
    text = _TAG.sub("", text)
    text = re.sub(r"^\s*#{1,6}\s*", "", text)
    text = text.replace("**", "").replace("__", "")
    text = _SPACES.sub(" ", text).strip()
    key = _LIST_MARKER.sub("", text).strip()
    return text, key


def split_lines(text: str) -> list[Line]:
    lines = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        cleaned, key = clean_line(raw)
        lines.append(Line(number, raw, cleaned, key))
    return lines


# ---------------------------------------------------------------- page furniture and tables of contents

_PAGE_NUMBER = re.compile(r"^(?:sivu|page)?\s*\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|/\s*\d{1,3})?$", re.IGNORECASE)
_FOOTER_WORDS = re.compile(r"suunnitelma|strategia|ohjelma|sivu|page", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_TOC_HEADER = re.compile(r"^(?:sis[äa]l+ys(?:luettelo)?|contents|table of contents)\s*:?$", re.IGNORECASE)
_TOC_ENTRY = re.compile(r"(?:\.{3,}|…+)\s*\d{1,3}\s*$|\t\s*\d{1,3}\s*$")


def furniture_lines(lines: list[Line]) -> set[int]:
    """Indexes of page footers, headers and lone page numbers that PDF or Word exports leave inside values."""
    counts = Counter(line.key for line in lines if line.key)
    found = set()
    for index, line in enumerate(lines):
        if not line.key:
            continue
        if _PAGE_NUMBER.match(line.key) and line.raw.strip() == line.key:
            found.add(index)
        elif (
            counts[line.key] >= 2
            and len(line.key) <= 120
            and _FOOTER_WORDS.search(line.key)
            and _YEAR.search(line.key)
            and re.search(rf"\s[-{DASHES}]\s", line.key)
            and not _HEADING.match(line.key)
        ):
            found.add(index)
    return found


def toc_lines(lines: list[Line]) -> set[int]:
    """Indexes of table-of-contents lines: entries with page numbers, and the block after a 'Sisällys' header."""
    found = {index for index, line in enumerate(lines) if _TOC_ENTRY.search(line.raw.rstrip())}
    for start, line in enumerate(lines):
        if not _TOC_HEADER.match(line.key):
            continue
        block = {start}
        first_code = None
        ended = False
        for index in range(start + 1, min(start + 400, len(lines))):
            match = _HEADING.match(lines[index].key)
            if match:
                code = _code(match.group("code"))
                if first_code is None:
                    first_code = code
                elif code == first_code:  # the body's first heading repeats the first entry
                    ended = True
                    break
            block.add(index)
        if ended:
            found |= block
        break
    return found


# ---------------------------------------------------------------- headings

_HEADING = re.compile(r"^(?P<code>\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(?P<title>[^\W\d_\"”“'(].*)$")
_HEADING_LENGTH = 160  # a longer line is a heading only where the outline calls for one (see _Outline.fits)

# The same heading as written: any title, markup kept. Only the Markdown marks before it and emphasis or a tag that
# wraps the whole heading, number included ('### **3.5 Videot**', '<b>2.1 Otsikko</b>'), are heading formatting.
_CODE = r"\d{1,2}(?:\.\d{1,2}){0,4}"
_MARKS = re.compile(r"^\s*#{1,6}")
_ANY_HEADING = re.compile(rf"^(?P<code>{_CODE})\.?\s+(?P<title>\S.*)$", re.DOTALL)
_WRAPPED = (
    re.compile(rf"^(?P<mark>\*\*|__)(?P<inner>{_CODE}\.?\s(?:(?!(?P=mark)).)*)(?P=mark)$", re.DOTALL),
    re.compile(rf"^<(?P<tag>[a-zA-Z][a-zA-Z0-9]*)\b[^>]{{0,40}}>(?P<inner>{_CODE}\.?\s.*?)</(?P=tag)\s*>$", re.DOTALL),
)
_WRAPPED_CODE = re.compile(  # only the number: '**4.2** Otsikko'
    rf"^(?:(?P<mark>\*\*|__)(?P<code>{_CODE}\.?)(?P=mark)"
    rf"|<(?P<tag>[a-zA-Z][a-zA-Z0-9]*)>(?P<tagged>{_CODE}\.?)</(?P=tag)>)(?=\s)"
)
_APPENDIX = re.compile(r"^(?:liite|liitteet|appendix|annex|bilaga)\b", re.IGNORECASE)
_INTRO_TITLE = re.compile(
    r"sisällöstä|johdanto|yleistä|taustaa|^tausta\b|esipuhe|tiivistelmä|yhteenveto|introduction|background|^liite",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class HeadingParts:
    code: str
    title: str  # as written: markup, emoji and any script kept; only surrounding whitespace trimmed
    marked: bool  # the line starts with Markdown heading marks ('#')


def heading_parts(raw: str) -> HeadingParts | None:
    """The number and the verbatim title of a line that is written like a numbered heading, whatever the title.

    >>> heading_parts("### 2.1 **lihava** <b>x</b>")
    HeadingParts(code='2.1', title='**lihava** <b>x</b>', marked=True)
    >>> heading_parts("### **3.5 Videot ja tekstityspalvelu**").title
    'Videot ja tekstityspalvelu'
    >>> heading_parts("2.2 5G-verkon rakentaminen").title, heading_parts("- 3 kpl")
    ('5G-verkon rakentaminen', None)
    """
    text = raw.replace("\u00ad", "")
    marked = bool(_MARKS.match(text))
    text = _MARKS.sub("", text).strip()
    for pattern in _WRAPPED:
        match = pattern.match(text)
        if match:
            text = match.group("inner").strip()
            break
    else:
        match = _WRAPPED_CODE.match(text)
        if match:
            text = (match.group("code") or match.group("tagged")) + text[match.end() :]
    match = _ANY_HEADING.match(text)
    if not match:
        return None
    return HeadingParts(match.group("code").rstrip("."), match.group("title").strip(), marked)


def heading_title(title: str) -> str:
    """A heading's title as stored: surrounding whitespace and one closing '.' or ':' (heading punctuation) removed.

    >>> heading_title(" <script>alert(1)</script> "), heading_title("Intraoraaliskanneri ja järjestelmä.")
    ('<script>alert(1)</script>', 'Intraoraaliskanneri ja järjestelmä')
    >>> heading_title("Jne..."), heading_title("**lihava**")
    ('Jne...', '**lihava**')
    """
    title = title.strip()
    if title.endswith((".", ":")) and not title.endswith("..") and title[:-1].strip():
        title = title[:-1].rstrip()
    return title


def _code(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.strip(".").split("."))


def is_successor(previous: tuple[int, ...] | None, code: tuple[int, ...]) -> bool:
    """Whether `code` can follow `previous` in a numbered outline (a child, a sibling or an ancestor's sibling).

    Levels the document skips (Kauniainen's 3 -> 3.1.1) are allowed when the skipped parts are 1.

    >>> is_successor((6, 1), (6, 2)), is_successor((6, 1), (7,)), is_successor((6, 1), (1,))
    (True, True, False)
    >>> is_successor((3,), (3, 1, 1)), is_successor((3, 1, 2), (3, 2, 1)), is_successor((2, 9), (2, 10))
    (True, True, True)
    """
    if previous is None:
        return all(part == 1 for part in code[1:])
    for depth in range(len(previous) + 1):
        if code[:depth] != previous[:depth] or len(code) <= depth:
            continue
        step = code[depth] - (previous[depth] if depth < len(previous) else 0)
        if step == 1 and all(part == 1 for part in code[depth + 1 :]):
            return True
    return False


_TITLE_LIKE = re.compile(r"^[A-ZÅÄÖ][^.:;!?]{1,58}[^.:;,!?\s]$")


def standalone_title(lines: list[Line], index: int) -> bool:
    """A short unnumbered line on its own, such as Kauniainen's area headings ('Infrastruktuuri')."""
    line = lines[index]
    if not _TITLE_LIKE.match(line.key) or len(line.key.split()) > 6 or line.text != line.key:
        return False
    before_blank = index == 0 or lines[index - 1].blank
    after_blank = index + 1 >= len(lines) or lines[index + 1].blank
    return before_blank and after_blank and label_of(line.key) is None


# ---------------------------------------------------------------- field labels

# (field, label pattern). Order matters: the first match wins.
LABELS: list[tuple[str, str]] = [
    ("impact", r"taloudellisten ja toiminnallisten muutosvaikutusten arviointi"),
    ("impact", r"mikä muuttuu"),
    ("infomgmt_a", r"(?:a\)\s*)?vaikutus(?:et)? tiedonhallinnan järjestämiseen"),
    ("infomgmt_b", r"(?:b\)\s*)?vaikutukset tietoturva\w*"),
    ("infomgmt_c", r"(?:c\)\s*)?vaikutukset tietojen käsittelyyn(?: ja hyödyntämiseen)?"),
    ("infomgmt_d", r"(?:d\)\s*)?vaikutukset asianhallintaan"),
    ("infomgmt", r"tiedonhallinnan muutosvaikutusten arviointi"),
    ("strategic_goal", r"strateginen (?:tavoite|tausta)(?: projektille)?|strategic (?:goal|background)"),
    ("schedule_start", r"projektin arvioitu aloitus(?:ajankohta)?|arvioitu aloitus|start date"),
    ("schedule_end", r"projektin arvioitu päättyminen|projektin arvioitu päätyminen|arvioitu päättyminen|end date"),
    ("schedule", r"(?:toteutus)?aikataulu|schedule|timetable"),
    (
        "probability",
        r"projektin toteutumisen todennäköisyys(?: arvioidussa aikataulussa)?|toteutumisen todennäköisyys"
        r"|todennäköisyys|probability(?: of completion)?",
    ),
    (
        "responsible",
        r"projektin aikatauluvastuullinen taho|aikatauluvastuullinen taho|vastuutaho|vastuullinen taho"
        r"|responsible(?: party)?",
    ),
    (
        "costs",
        r"projektin arvioidut kustannukset|arvioidut kustannukset|kustannusarvio|kustannukset"
        r"|estimated costs?|costs?",
    ),
    (
        "resources",
        r"arvio projektiin tarvittavista resursseista|tarvittavat resurssit|resurssitarve|resurssit"
        r"|resources(?: needed)?",
    ),
]
# A label ends the line, or is followed by a parenthesis (explanation) or a colon.
_LABEL_PATTERNS = [
    (name, re.compile(rf"^(?:{pattern})(?=\s*(?:$|[:(]))\s*(?:\([^)]*\)?)?\s*:?\s*(?P<rest>.*)$", re.IGNORECASE))
    for name, pattern in LABELS
]


def label_of(key: str) -> tuple[str, str] | None:
    """(field, value on the same line) when the line starts with a known field label.

    >>> label_of("Aikataulu: Q3/2022–Q2/2023")
    ('schedule', 'Q3/2022–Q2/2023')
    >>> label_of("Projektin arvioidut kustannukset (investointi, jatkuvat): 50 000 €.")
    ('costs', '50 000 €.')
    >>> label_of("Aikataulullinen vastuu on kirjastolla.") is None
    True
    """
    for name, pattern in _LABEL_PATTERNS:
        match = pattern.match(key)
        if match:
            return name, match.group("rest").strip()
    return None


# ---------------------------------------------------------------- sections


@dataclass
class Section:
    code: tuple[int, ...]
    title: str
    line: int  # 1-based line number of the heading (0 for an implied heading)
    implied: bool = False  # numbering implies it; the title comes from an unnumbered line
    body: list[Line] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)
    parent: "Section | None" = None

    @property
    def code_text(self) -> str:
        return ".".join(str(part) for part in self.code)

    @property
    def level(self) -> int:
        return len(self.code)

    def ancestors(self) -> list["Section"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


@dataclass
class DocumentStructure:
    lines: list[Line]
    preamble: list[Line]
    sections: list[Section]  # every section in document order
    appendix_line: int | None  # where an appendix starts; nothing after it is a project
    skipped_lists: int = 0  # numbered list items inside sections that were not taken for headings


def _may_be_heading(line: Line) -> bool:
    """Not a list item ('- 3 kpl'), unless Markdown heading marks make it a heading."""
    return line.text == line.key or line.raw.lstrip().startswith("#")


def _strong_heading(line: Line) -> re.Match[str] | None:
    """A line that reads as a numbered heading on its own: a short title starting with a letter."""
    if not _may_be_heading(line) or len(line.key) > _HEADING_LENGTH:
        return None
    return _HEADING.match(line.key)


class _Outline:
    """What the heading decisions need to know about the lines around a line, worked out once per document.

    Only lines written like headings whose title is not plainly one (see `fits`) need it, but a plan can hold many
    of them (amounts, percentages) in one long section, so nothing here may be worked out again for each.
    """

    def __init__(self, lines: list[Line], skip: set[int]) -> None:
        self.lines = lines
        self.labels: list[str | None] = [(label_of(line.key) or (None,))[0] if line.key else None for line in lines]
        self.uses_labels = any(self.labels)
        self.where: dict[str, list[int]] = {}  # label -> indexes of its lines, ascending
        for index, name in enumerate(self.labels):
            if name is not None:
                self.where.setdefault(name, []).append(index)
        self.next_label = [len(lines)] * (len(lines) + 1)  # index -> the first label line at or after it
        for index in range(len(lines) - 1, -1, -1):
            self.next_label[index] = index if self.labels[index] is not None else self.next_label[index + 1]
        # Lines that end a heading's section when the lookahead asks which heading comes next.
        self.headings: list[tuple[int, ...] | None] = [None] * len(lines)
        for index, line in enumerate(lines):
            if index in skip:
                continue
            strong = _strong_heading(line)
            if strong:
                self.headings[index] = _code(strong.group("code"))
            elif line.raw.lstrip().startswith("#"):
                parts = heading_parts(line.raw)
                if parts is not None:
                    self.headings[index] = _code(parts.code)
        self._ahead: dict[tuple, tuple[int, int, bool]] = {}

    def _next_heading(
        self, index: int, code: tuple[int, ...], previous_code: tuple[int, ...] | None
    ) -> tuple[int, bool]:
        """Where the section a heading at `index` would open ends, and whether the heading there fits after it."""
        key = (code, previous_code)
        known = self._ahead.get(key)
        if known is not None and known[0] <= index < known[1]:
            return known[1], known[2]
        stop, fits = len(self.lines), True
        for later in range(index + 1, len(self.lines)):
            following = self.headings[later]
            if following is None:
                continue
            if is_successor(code, following):
                stop = later
                break
            if is_successor(previous_code, following):
                stop, fits = later, False  # the next heading continues the numbering without this line
                break
            # else a numbered list item: look further
        self._ahead[key] = (index, stop, fits)
        return stop, fits

    def fits(
        self,
        index: int,
        code: tuple[int, ...],
        marked: bool,
        current: Section | None,
        by_code: dict[tuple[int, ...], Section],
        previous_code: tuple[int, ...] | None,
    ) -> bool:
        """Whether a line written like a heading, but not plainly one, stands where the outline expects a heading.

        Markdown heading marks are enough. Otherwise the line must be numbered as the next sibling of a section the
        document has (or as the first child of the current one), below the top level; it must not be the value a
        label waits for; it must not break the numbering of the headings after it; and, in a plan with field labels,
        the section it opens must have fields of its own, starting with a field the section before it also had (a
        line inside a project's fields would take over the rest of that project's fields instead).
        """
        if not is_successor(previous_code, code):
            return False
        if marked:
            return True
        if len(code) < 2 or current is None:
            return False
        parent, number = code[:-1], code[-1]
        first_child = number == 1 and current.code == parent
        sibling = parent + (number - 1,)
        if not first_child and (sibling not in by_code or current.code[: len(sibling)] != sibling):
            return False
        for earlier in reversed(current.body):
            if earlier.blank:
                continue
            found = label_of(earlier.key)
            if found and not found[1]:
                return False  # the label's value follows on the next line: this is it
            break
        stop, fits = self._next_heading(index, code, previous_code)
        if not fits:
            return False
        if not self.uses_labels:
            return True
        first = self.next_label[index + 1]
        if first >= stop:
            return False  # no fields of its own
        if first_child:
            return True
        # The section before (from its heading to here) has the same field.
        seen = self.where[self.labels[first]]
        begin = current.line - 1
        position = bisect_left(seen, begin)
        return position < len(seen) and seen[position] < index


def parse_structure(text: str) -> DocumentStructure:
    """Split a document into numbered sections with their body lines."""
    lines = split_lines(text)
    skip = furniture_lines(lines) | toc_lines(lines)
    sections: list[Section] = []
    by_code: dict[tuple[int, ...], Section] = {}
    preamble: list[Line] = []
    current: Section | None = None
    previous_code: tuple[int, ...] | None = None
    numbered_list: tuple[int, int, int] | None = None  # (depth, last number, index) of a list in the body
    appendix_line = None
    skipped_lists = 0
    outline: _Outline | None = None  # worked out when a line first needs it
    index = 0
    while index < len(lines):
        line = lines[index]
        if index in skip:
            index += 1
            continue
        if appendix_line is None and _APPENDIX.match(line.key) and (index == 0 or lines[index - 1].blank):
            appendix_line = line.number
            current = None
        if appendix_line is not None:
            index += 1
            continue
        match = _strong_heading(line)
        parts = heading_parts(line.raw) if _may_be_heading(line) else None
        weak = None
        if match is None and parts is not None:
            # Written like a heading, but the title starts with a digit, a sign or a symbol, or is very long: a
            # heading only where the outline calls for one, so field values such as '1 000 € / v' stay values.
            weak = _code(parts.code)
            if not is_successor(previous_code, weak):
                weak = None
            else:
                outline = outline or _Outline(lines, skip)
                if not outline.fits(index, weak, parts.marked, current, by_code, previous_code):
                    weak = None
        if match or weak:
            code = weak or _code(match.group("code"))
            continues_list = (
                numbered_list is not None
                and len(code) == numbered_list[0]
                and code[-1] == numbered_list[1] + 1
                and index - numbered_list[2] <= 4
            )
            if not continues_list and is_successor(previous_code, code):
                # The title as written; the matching form (markup removed) only when the raw line reads otherwise.
                title = parts.title if parts is not None and _code(parts.code) == code else match.group("title")
                # A title wrapped onto a second line (PDF text): a short lower-case line followed by a blank.
                nxt = index + 1
                if (
                    nxt < len(lines)
                    and lines[nxt].key[:1].islower()
                    and len(lines[nxt].key) < 100
                    and (nxt + 1 >= len(lines) or lines[nxt + 1].blank)
                ):
                    title = f"{title.strip()} {lines[nxt].key}"
                    index += 1
                section = Section(code=code, title=heading_title(title), line=line.number)
                _attach(section, sections, by_code, current)
                current = section
                previous_code = code
                numbered_list = None
                index += 1
                continue
        if match:
            skipped_lists += 1
            numbered_list = (len(code), code[-1], index)
        if current is None:
            preamble.append(line)
        else:
            current.body.append(line)
        index += 1
    return DocumentStructure(lines, preamble, sections, appendix_line, skipped_lists)


def _attach(
    section: Section,
    sections: list[Section],
    by_code: dict[tuple[int, ...], Section],
    current: Section | None,
) -> None:
    """Link a new section to its parent, creating parents the numbering implies but the text does not print."""
    parent = None
    for depth in range(1, len(section.code)):
        prefix = section.code[:depth]
        if prefix in by_code:
            parent = by_code[prefix]
            continue
        implied = Section(code=prefix, title="", line=0, implied=True, parent=parent)
        # Its title is the last unnumbered heading-like line in the text just before (Kauniainen's areas).
        if current is not None:
            body = current.body
            for position in range(len(body) - 1, -1, -1):
                if standalone_title(body, position):
                    implied.title = body[position].key
                    implied.line = body[position].number
                    implied.body = body[position + 1 :]
                    del body[position:]
                    break
        if parent is not None:
            parent.children.append(implied)
        sections.append(implied)
        by_code[prefix] = implied
        parent = implied
    section.parent = parent
    if parent is not None:
        parent.children.append(section)
    sections.append(section)
    by_code[section.code] = section


def is_intro(section: Section) -> bool:
    return bool(_INTRO_TITLE.search(section.title))


# ---------------------------------------------------------------- fields of one section


@dataclass
class SectionFields:
    description: str
    values: dict[str, str]  # field -> value text (lines joined with newlines)
    value_lines: dict[str, int]  # field -> line number where its label stands
    repeated: list[str]  # fields whose label appeared more than once (values were joined)


def join_paragraphs(lines: list[Line]) -> str:
    """Wrapped lines joined with spaces, paragraphs with blank lines, list items on their own lines."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.blank:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if current and (line.text != line.key or re.match(r"^[a-d]\)\s", line.key)):
            paragraphs.append(" ".join(current))
            current = []
        current.append(line.text)
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs)


def section_fields(section: Section) -> SectionFields:
    """Description (text before the first label) and each labelled field's value text."""
    description: list[Line] = []
    values: dict[str, list[Line]] = {}
    value_lines: dict[str, int] = {}
    repeated: list[str] = []
    current: list[Line] = description
    for line in section.body:
        found = label_of(line.key) if not line.blank else None
        if found:
            name, rest = found
            if name in values:
                repeated.append(name)
                values[name].append(Line(line.number, "", "", ""))
            else:
                values[name] = []
                value_lines[name] = line.number
            current = values[name]
            if rest:
                current.append(Line(line.number, rest, rest, rest))
            continue
        current.append(line)
    return SectionFields(
        description=join_paragraphs(description).strip(),
        values={name: join_paragraphs(lines).strip() for name, lines in values.items()},
        value_lines=value_lines,
        repeated=repeated,
    )
