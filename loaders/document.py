"""The structure of a plan document: numbered sections, their field labels and values.

Text in (any of the formats extract.py produces), sections out. Values are kept as text here;
reading them (dates, euros, classes) is the job of the small parsers beside this module.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# ---------------------------------------------------------------- lines

_TAG = re.compile(r"</?[a-zA-Z][^>]{0,40}>")
_LIST_MARKER = re.compile(r"^(?:[-•*▪◦·]\s+)+")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")


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
            and re.search(r"\s[-–]\s", line.key)
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
_APPENDIX = re.compile(r"^(?:liite|liitteet|appendix|annex|bilaga)\b", re.IGNORECASE)
_INTRO_TITLE = re.compile(
    r"sisällöstä|johdanto|yleistä|taustaa|^tausta\b|esipuhe|tiivistelmä|yhteenveto|introduction|background|^liite",
    re.IGNORECASE,
)


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


def _standalone_title(lines: list[Line], index: int) -> bool:
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
        match = _HEADING.match(line.key) if line.text == line.key or line.raw.lstrip().startswith("#") else None
        if match and len(line.key) <= 160:
            code = _code(match.group("code"))
            continues_list = (
                numbered_list is not None
                and len(code) == numbered_list[0]
                and code[-1] == numbered_list[1] + 1
                and index - numbered_list[2] <= 4
            )
            if not continues_list and is_successor(previous_code, code):
                title = match.group("title").strip()
                # A title wrapped onto a second line (PDF text): a short lower-case line followed by a blank.
                nxt = index + 1
                if (
                    nxt < len(lines)
                    and lines[nxt].key[:1].islower()
                    and len(lines[nxt].key) < 100
                    and (nxt + 1 >= len(lines) or lines[nxt + 1].blank)
                ):
                    title = f"{title} {lines[nxt].key}"
                    index += 1
                section = Section(code=code, title=title.rstrip(" .:"), line=line.number)
                _attach(section, sections, by_code, current)
                current = section
                previous_code = code
                numbered_list = None
                index += 1
                continue
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
                if _standalone_title(body, position):
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
