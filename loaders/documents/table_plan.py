"""Plans whose projects are the rows of a table: one row per project, a header row naming the columns.

Investment programmes in budgets and ICT programme annexes list projects this way ("Hanke | Aikataulu |
Kustannukset | Vastuu"). The tables are found in the text extract.py produces:

- Markdown pipe tables (.md, and Word tables of projects, which extract.py writes as pipe tables);
- blocks of tab- or semicolon-separated lines whose first line is the header (.txt, any text);
- PDF tables: pypdf's default text loses the columns, so the PDF is read again in layout mode, the columns are
  split at runs of two or more spaces, and the table's lines in the text are rewritten as a pipe table.

Headers are matched to fields with the sheets' vocabulary (sheets.fields through sheets.mapping.suggest_columns), then
with the plan labels of heading-shaped plans (structure.label_of). A table is a table of projects only when its
header names a title column and at least one project value (schedule, costs, probability, responsible party,
resources, impact, strategic goal); a code, a description or a service area alone is not enough, so tables of
contact persons or budget summaries stay ordinary text. Each cell is read by the same readers as a heading-shaped
project's field (plan.read_values), so notes and unknowns behave the same.
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from loaders.documents.structure import (
    DocumentStructure,
    Line,
    Section,
    clean_line,
    heading_parts,
    heading_title,
    label_of,
    section_fields,
    standalone_title,
)
from loaders.records import ParseNote, ProjectRecord
from loaders.sheets.fields import fold_header, header_names
from loaders.sheets.mapping import SUGGESTION_THRESHOLD, suggest_columns

# Sheet fields -> the document fields a heading-shaped project's values use (see structure.LABELS), with a hint:
# the kind of a cost column, the party of a resources column. Fields of the whole document are left out.
_SHEET_TO_DOCUMENT: dict[str, tuple[str, str | None]] = {
    "code": ("code", None),
    "title": ("title", None),
    "service_area": ("service_area", None),
    "description": ("description", None),
    "start": ("schedule_start", None),
    "end": ("schedule_end", None),
    "schedule_text": ("schedule", None),
    "probability": ("probability", None),
    "probability_text": ("probability", None),
    "probability_driver": ("probability_driver", None),
    "responsible": ("responsible", None),
    "cost_one_off_min": ("costs", "one_off"),
    "cost_one_off_max": ("costs", "one_off"),
    "cost_annual_min": ("costs", "annual"),
    "cost_annual_max": ("costs", "annual"),
    "resources_service_area": ("resources", "service_area"),
    "resources_it": ("resources", "it"),
    "resources_purchased_services": ("resources", "purchased_services"),
    "resources_external": ("resources", "external"),
    "resources_other": ("resources", "other"),
}
# A table of projects names one of these besides the title.
VALUE_FIELDS = frozenset(
    {"schedule", "schedule_start", "schedule_end", "costs", "probability", "responsible", "resources", "impact",
     "strategic_goal"}
)
MAX_COLUMNS = 20  # a wider "header" is not one
_CODE_CELL = re.compile(r"^(?:[A-ZÅÄÖ]{1,4}[-_ ]?)?\d{1,4}(?:[.-]\d{1,4}){0,4}\.?$")
_TOTAL_ROW = re.compile(r"^(?:kaikki\s+)?(?:yhteensä|yht\.?|summa|total|grand total|sum)\s*:?$", re.IGNORECASE)
_CONTACT_CELL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|^(?:\+\d{1,3}|0)\d{1,3}[ -]?\d{3,}[\d -]*$")  # e-mail, phone
# Headings that name a list, a plan or a document part, not a service area.
_NOT_AN_AREA = re.compile(
    r"hankkeet|hankkeiden|hankelista|projektit|investoin|kehityskohte|toimenpiteet|taulukko|yhteenveto|"
    r"\bprojects\b|\binvestments?\b|suunnitelma|strategia|ohjelma|talousarvio|\bkaupunki\b|\bkunta\b|"
    r"sisällöstä|johdanto|yleistä|\bliite|appendix|annex|action plan|programme|budget",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    field: str | None  # a document field (see _SHEET_TO_DOCUMENT and structure.LABELS), None when unmatched
    hint: str | None = None  # costs: "one_off" / "annual"; resources: the party


@dataclass
class Row:
    line: int  # 1-based line in the text
    cells: list[str]
    notes: list[ParseNote] = field(default_factory=list)


@dataclass
class ProjectTable:
    first: int  # 0-based index of the header line in the text
    last: int  # 0-based index of the table's last line
    columns: list[Column]
    rows: list[Row]
    kind: str  # "pipe", "tab", "semicolon"

    @property
    def header_line(self) -> int:
        return self.first + 1

    def line_indexes(self) -> range:
        return range(self.first, self.last + 1)


# ---------------------------------------------------------------- headers


def _clean_header(header: str) -> str:
    return clean_line(header)[1].rstrip(":").strip()


def _compound_field(header: str) -> str | None:
    """A one-word header that is a part of one-word vocabulary names ('Vastuu' in 'Aikatauluvastuu' and
    'vastuutaho'), when all the names it is part of feed one field the same way."""
    word = fold_header(header)
    if len(word) < 5 or not word.isalpha():
        return None
    found: dict[tuple[str, str | None], str] = {}
    for sheet_field, target in _SHEET_TO_DOCUMENT.items():
        for name in header_names(sheet_field):
            folded = fold_header(name)
            if " " in folded or len(folded) < len(word) + 3:
                continue
            if folded.startswith(word) or folded.endswith(word):
                found.setdefault(target, sheet_field)
    return next(iter(found.values())) if len(found) == 1 else None


@lru_cache(maxsize=1)
def _title_and_code_names() -> tuple[str, ...]:
    return tuple(fold_header(name) for name in header_names("title") + header_names("code"))


def _may_name_title(header: str) -> bool:
    """A cheap first look: a title column's header is near a title (or code: 'Project') name of the vocabulary."""
    folded = fold_header(_clean_header(header))
    return bool(folded) and process.extractOne(
        folded, _title_and_code_names(), scorer=fuzz.ratio, score_cutoff=SUGGESTION_THRESHOLD) is not None


def _title_score(header: str) -> float:
    folded = fold_header(header)
    return max(fuzz.ratio(folded, fold_header(name)) for name in header_names("title"))


@lru_cache(maxsize=4096)
def _columns(headers: tuple[str, ...]) -> tuple[Column, ...]:
    cleaned = [_clean_header(header) for header in headers]
    suggested = suggest_columns([header for header in cleaned if header]) if any(cleaned) else {}
    by_header: dict[str, str] = {}
    for sheet_field, names in suggested.items():
        by_header.setdefault(names[0], sheet_field)
    columns: list[Column] = []
    taken: set[str] = set()
    for index, header in enumerate(cleaned):
        sheet_field = by_header.get(header) if header not in taken else None
        taken.add(header)
        document_field, hint = _SHEET_TO_DOCUMENT.get(sheet_field, (None, None)) if sheet_field else (None, None)
        if document_field is None and header:
            labelled = label_of(header)
            if labelled and not labelled[1]:  # the whole header is a plan label
                document_field = labelled[0]
        if document_field is None and header:
            compound = _compound_field(header)
            if compound:
                document_field, hint = _SHEET_TO_DOCUMENT[compound]
        columns.append(Column(index, headers[index].strip(), document_field, hint))
    if not any(column.field == "title" for column in columns):
        # 'Project' is as near the title's names as the code's ('project id'): a table of projects needs a title.
        for position, column in enumerate(columns):
            if column.field == "code" and _title_score(cleaned[column.index]) >= SUGGESTION_THRESHOLD:
                columns[position] = replace(column, field="title")
                break
    return tuple(columns)


def header_columns(headers: list[str]) -> list[Column]:
    """Each header's field, by the sheets' vocabulary, then the plan labels, then word parts of the vocabulary.

    >>> [(c.header, c.field, c.hint) for c in header_columns(["Hanke", "Aikataulu", "Vuosikustannus", "Vastuu"])]
    [('Hanke', 'title', None), ('Aikataulu', 'schedule', None), ('Vuosikustannus', 'costs', 'annual'), ('Vastuu', 'responsible', None)]
    >>> [c.field for c in header_columns(["Project", "Schedule", "Cost", "Owner", "Probability", "Service area"])]
    ['title', 'schedule', 'costs', 'responsible', 'probability', 'service_area']
    """
    return list(_columns(tuple(headers)))


def is_project_header(headers: list[str]) -> bool:
    """A title column and at least one project value.

    >>> is_project_header(["Hanke", "Aikataulu"]), is_project_header(["Nimi", "Tehtävä", "Puhelin", "Sähköposti"])
    (True, False)
    >>> is_project_header(["Palvelualue", "2026", "2027", "Yhteensä"]), is_project_header(["Koodi", "Hanke", "Kuvaus"])
    (False, False)
    """
    if not 2 <= len(headers) <= MAX_COLUMNS or sum(1 for header in headers if header.strip()) < 2:
        return False
    if any(len(header) > 120 for header in headers) or not any(_may_name_title(header) for header in headers):
        return False
    fields = [column.field for column in _columns(tuple(headers))]
    return "title" in fields and any(name in VALUE_FIELDS for name in fields)


# ---------------------------------------------------------------- finding tables in text

_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _pipe_cells(line: str) -> list[str]:
    text = line.strip()
    text = text.removeprefix("|")
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [cell.replace("\\|", "|").strip() for cell in re.split(r"(?<!\\)\|", text)]


def _is_pipe_row(line: str) -> bool:
    text = line.strip()
    return len(text) >= 2 and text.startswith("|") and text.endswith("|")


def _pipe_tables(lines: list[str], used: set[int]) -> list[ProjectTable]:
    tables = []
    index = 0
    while index < len(lines):
        line = lines[index]
        delimited = index + 1 < len(lines) and "|" in line and _DELIMITER_ROW.match(lines[index + 1]) is not None
        if index in used or not (delimited or _is_pipe_row(line)):
            index += 1
            continue
        headers = _pipe_cells(line)
        end = index + (2 if delimited else 1)
        while end < len(lines) and end not in used and lines[end].strip() and (
            _is_pipe_row(lines[end]) or (delimited and "|" in lines[end])
        ):
            end += 1
        if not is_project_header(headers):
            index = end
            continue
        body = range(index + (2 if delimited else 1), end)
        rows = [Row(position + 1, _pipe_cells(lines[position])) for position in body
                if not _DELIMITER_ROW.match(lines[position])]
        tables.append(_table(index, end - 1, headers, rows, "pipe"))
        index = end
    return tables


def _split_delimited(line: str, delimiter: str) -> list[str]:
    try:
        return [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter, skipinitialspace=True))]
    except (csv.Error, StopIteration):
        return [cell.strip() for cell in line.split(delimiter)]


def _delimited_tables(lines: list[str], used: set[int]) -> list[ProjectTable]:
    tables = []
    index = 0
    while index < len(lines):
        line = lines[index]
        delimiter = "\t" if "\t" in line.strip() else ";" if ";" in line else None
        if index in used or delimiter is None or _is_pipe_row(line):
            index += 1
            continue
        end = index + 1
        while end < len(lines) and end not in used and lines[end].strip() and delimiter in lines[end]:
            end += 1
        headers = _split_delimited(line, delimiter)
        collapse = delimiter == "\t" and "" in headers[1:-1]  # tabs repeated to line the columns up
        if collapse:
            headers = [header for header in headers if header]
        if end - index < 2 or not is_project_header(headers):
            index = end  # a table's header is the first line of its block
            continue
        rows = []
        for position in range(index + 1, end):
            cells = _split_delimited(lines[position], delimiter)
            if collapse:
                cells = [cell for cell in cells if cell]
            rows.append(Row(position + 1, cells))
        tables.append(_table(index, end - 1, headers, rows, "tab" if delimiter == "\t" else "semicolon"))
        index = end
    return tables


def _table(first: int, last: int, headers: list[str], rows: list[Row], kind: str) -> ProjectTable:
    columns = header_columns(headers)
    width = len(columns)
    for row in rows:
        if len(row.cells) > width:
            surplus = row.cells[width - 1:]
            row.notes.append(ParseNote(
                "structure", "structure.table_row_width",
                f"The row has {len(row.cells)} cells but the header {width}; the cells past the last column were "
                "read into the last column.", " | ".join(surplus)[:300]))
            separator = "; " if kind == "semicolon" else " "
            row.cells = row.cells[: width - 1] + [separator.join(cell for cell in surplus if cell)]
        row.cells += [""] * (width - len(row.cells))
    table = ProjectTable(first, last, columns, rows, kind)
    _code_by_content(table)
    return table


def _code_by_content(table: ProjectTable) -> None:
    """A first column with no known header ('Nro', '#') whose cells are all codes ('3.1', 'ICT-04') is the code."""
    if any(column.field == "code" for column in table.columns) or not table.columns:
        return
    first = table.columns[0]
    if first.field is not None:
        return
    values = [row.cells[0].strip() for row in table.rows if row.cells[0].strip()]
    if values and len(values) * 2 >= len(table.rows) and all(_CODE_CELL.match(value) for value in values):
        table.columns[0] = replace(first, field="code")


def _is_contact_table(table: ProjectTable) -> bool:
    """Mostly e-mail addresses or phone numbers in a column the header does not name: people, not projects."""
    for column in table.columns:
        if column.field not in (None, "responsible", "description"):
            continue
        values = [row.cells[column.index] for row in table.rows if row.cells[column.index].strip()]
        if values and sum(1 for value in values if _CONTACT_CELL.search(value.strip())) * 2 > len(values):
            return True
    return False


def find_tables(text: str) -> list[ProjectTable]:
    """Tables of projects in the text, in document order."""
    if "|" not in text and "\t" not in text and ";" not in text:
        return []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    used: set[int] = set()
    tables = _pipe_tables(lines, used)
    for table in tables:
        used.update(table.line_indexes())
    tables += _delimited_tables(lines, used)
    tables = [table for table in tables if table.rows and not _is_contact_table(table)]
    return sorted(tables, key=lambda table: table.first)


def without_tables(text: str, tables: list[ProjectTable]) -> str:
    """The text with the tables' lines blanked, so line numbers stay and no row is read as a heading."""
    if not tables:
        return text
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for table in tables:
        for index in table.line_indexes():
            lines[index] = ""
    return "\n".join(lines)


# ---------------------------------------------------------------- Word tables (called by extract.py)


def _docx_cell(cell) -> str:  # noqa: ANN001  (docx.table._Cell)
    return cell.text.strip().replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def docx_table_lines(table) -> list[str] | None:  # noqa: ANN001  (docx.table.Table)
    """A Word table of projects as a Markdown pipe table (every cell in its column, empty ones too); None for any
    other table, which extract.py writes as before. Rows above the header row (a caption) become plain lines."""
    try:
        rows = [[_docx_cell(cell) for cell in row.cells] for row in table.rows]
    except (ValueError, IndexError, KeyError, AttributeError):  # a damaged table grid
        return None
    for position, row in enumerate(rows[:3]):
        headers = [cell.replace("<br>", " ") for cell in row]
        if not is_project_header(headers):
            continue
        out = []
        for caption in rows[:position]:
            text = " ".join(dict.fromkeys(cell for cell in caption if cell))
            if text:
                out += ["", text.replace("<br>", " ").replace("\\|", "|"), ""]
        width = len(row)
        out.append("| " + " | ".join(headers) + " |")
        out.append("|" + " --- |" * width)
        for body in rows[position + 1:]:
            cells = (body + [""] * width)[:width]
            out.append("| " + " | ".join(cells) + " |")
        return out
    return None


# ---------------------------------------------------------------- PDF tables

_RUN = re.compile(r"\S+(?: \S+)*")
_TOLERANCE = 2


def _runs(line: str) -> list[tuple[int, int, str]]:
    return [(match.start(), match.end(), match.group()) for match in _RUN.finditer(line.replace("\t", "  "))]


def _pdf_layout_pages(source: str, data: bytes) -> list[list[str]] | None:
    """The PDF's pages in pypdf's layout mode, under the same limits as extract.pdf_to_text; None if unreadable."""
    from pypdf import PdfReader, apply_configuration

    from loaders.documents.extract import pdf_limits

    try:
        with apply_configuration(**pdf_limits()):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                return None
            return [(page.extract_text(extraction_mode="layout") or "").splitlines() for page in reader.pages]
    except Exception:  # noqa: BLE001  the default text was read already; the tables are a best effort
        return None


def _cells_of(runs: list[tuple[int, int, str]], starts: list[int]) -> list[str] | None:
    """A layout line's text per column, or None when a run does not stand within one column (prose)."""
    cells = [""] * len(starts)
    for start, end, text in runs:
        column = max((k for k, begin in enumerate(starts) if begin <= start + _TOLERANCE), default=None)
        if column is None:
            return None
        if column + 1 < len(starts) and end > starts[column + 1] + _TOLERANCE:
            return None
        cells[column] = f"{cells[column]} {text}".strip()
    return cells


def _merge(upper: list[str], lower: list[str]) -> list[str]:
    return [f"{a} {b}".strip() for a, b in zip(upper, lower)]


def _merged(lines: list[list[str]]) -> list[str]:
    row = lines[0]
    for line in lines[1:]:
        row = _merge(row, line)
    return row


def _block_rows(block: list[list[str]], code: int | None, padded: bool) -> list[list[str]]:
    """The rows of the lines between two blank lines. With a code column, each code starts a row; lines above the
    first code mean cells centred on their row, so each line goes to the nearest code, else to the code above.
    Without one, a padded table has a row per block; otherwise a line with two or more cells starts a row and the
    lines after it continue it (wrapped, top-aligned cells)."""
    if code is not None:
        keys = [k for k, cells in enumerate(block) if cells[code]]
        if keys:
            centred = keys[0] > 0
            groups: dict[int, list[list[str]]] = {key: [] for key in keys}
            for k, cells in enumerate(block):
                if centred:
                    owner = min(keys, key=lambda key: (abs(key - k), key))
                else:
                    owner = max((key for key in keys if key <= k), default=keys[0])
                groups[owner].append(cells)
            return [_merged(groups[key]) for key in keys]
    if padded:
        return [_merged(block)] if any(sum(1 for cell in cells if cell) >= 2 for cells in block) else []
    rows: list[list[str]] = []
    pending: list[list[str]] = []
    for cells in block:
        if sum(1 for cell in cells if cell) >= 2:
            rows.append(_merged([*pending, cells]) if not rows and pending else list(cells))
        elif rows:
            rows[-1] = _merge(rows[-1], cells)
        else:
            pending.append(cells)
    return rows


def _starts_prose(cells: list[str]) -> bool:
    return bool(cells[0][:1].isupper()) and not any(cells[1:])


def _layout_tables(page: list[str]) -> list[tuple[list[str], list[list[str]]]]:
    found = []
    index = 0
    while index < len(page):
        runs = _runs(page[index])
        headers = [text for _, _, text in runs]
        if not 2 <= len(runs) <= MAX_COLUMNS or not is_project_header(headers):
            index += 1
            continue
        starts = [start for start, _, _ in runs]
        blocks: list[list[list[str]]] = [[]]
        position = index + 1
        while position < len(page):
            line = page[position]
            if not line.strip():
                if blocks[-1]:
                    blocks.append([])
                position += 1
                continue
            cells = _cells_of(_runs(line), starts)
            if cells is None or cells == headers:  # prose, a heading, or the header repeated
                break
            blocks[-1].append(cells)
            position += 1
        blocks = [block for block in blocks if block]
        # A paragraph right after the table, with no gap, stands in the first column like a wrapped cell; wrapped
        # text goes on in lower case, so a last line with text only in the first column, capitalised, is prose.
        while blocks and len(blocks[-1]) > 1 and _starts_prose(blocks[-1][-1]):
            blocks[-1].pop()
        columns = header_columns(headers)
        code = next((column.index for column in columns if column.field == "code"), None)
        if code is None and columns[0].field is None:  # 'Nro': a column of codes
            values = [cells[0] for block in blocks for cells in block if cells[0]]
            code = 0 if values and all(_CODE_CELL.match(value) for value in values) else None
        rows: list[list[str]] = []
        for block in blocks:
            got = _block_rows(block, code, padded=len(blocks) > 1)
            if not got:
                break  # not a row of the table: the table ended before it
            rows += got
        if rows:
            found.append((headers, rows))
        index = position
    return found


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def _pipe_line(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def with_pdf_tables(source_name: str, text: str, data: bytes | None) -> str:
    """A PDF's text with each table of projects rewritten as a pipe table in place of its lines; other text as is."""
    if data is None or Path(source_name).suffix.lower() != ".pdf":
        return text
    names = [re.escape(fold_header(name)) for name in header_names("title") + header_names("code")] + ["project"]
    maybe = re.compile(rf"(?<!\w)(?:{'|'.join(names)})(?!\w)", re.IGNORECASE)
    if not any(maybe.search(line) for line in text.splitlines() if len(line) <= 300):
        return text
    pages = _pdf_layout_pages(source_name, data)
    if not pages:
        return text
    lines = text.split("\n")
    cursor = 0
    for page in pages:
        for headers, rows in _layout_tables(page):
            wanted = _collapsed(" ".join(headers))
            start = next((k for k in range(cursor, len(lines)) if _collapsed(lines[k]) == wanted), None)
            if start is None:
                continue
            tokens = Counter(word for row in rows for cell in row for word in cell.split())
            end = start + 1
            while end < len(lines) and sum(tokens.values()):
                words = lines[end].split()
                need = Counter(words)
                if words and any(tokens[word] < count for word, count in need.items()):
                    break
                tokens -= need
                end += 1
            while end - 1 > start and not lines[end - 1].strip():
                end -= 1
            rendered = [_pipe_line(headers)] + [_pipe_line(row) for row in rows]
            slots = end - start
            replacement = rendered + [""] * max(0, slots - len(rendered))
            lines[start:end] = replacement
            cursor = start + len(replacement)
    return "\n".join(lines)


# ---------------------------------------------------------------- rows into projects


@dataclass(frozen=True)
class _Heading:
    title: str
    code: str
    top: bool
    kind: str  # "section" (numbered), "marked" ('#'), "standalone" (a short line on its own)


def _heading_at(lines: list[Line], index: int, sections: dict[int, Section]) -> _Heading | None:
    line = lines[index]
    section = sections.get(line.number)
    if section is not None:
        return _Heading(section.title, section.code_text, section.level == 1, "section")
    if line.raw.lstrip().startswith("#"):
        marks = len(line.raw.lstrip()) - len(line.raw.lstrip().lstrip("#"))
        parts = heading_parts(line.raw)
        title = clean_line(parts.title)[1] if parts else line.key
        return _Heading(title, parts.code if parts else "", marks == 1, "marked")
    if standalone_title(lines, index):
        return _Heading(line.key, "", False, "standalone")
    return None


def area_from_heading(title: str) -> str | None:
    """The service area a heading names, as plan.service_area_of reads a top-level heading.

    >>> area_from_heading("3 Palvelualakohtaiset kehityshankkeet, sivistyspalvelut"), area_from_heading("Tekniset palvelut")
    ('Sivistyspalvelut', 'Tekniset palvelut')
    >>> area_from_heading("Investoinnit 2027") is None, area_from_heading("Tietohallinnon toimenpidesuunnitelma") is None
    (True, True)
    """
    text = clean_line(title)[1]
    parts = heading_parts(text)
    if parts is not None:
        text = parts.title
    if "," in text:
        area = re.sub(r"\s+(?:omistajana|vastuussa)$", "", text.rsplit(",", 1)[1].strip(), flags=re.IGNORECASE)
    else:
        if _NOT_AN_AREA.search(text):
            return None
        area = re.sub(r"^(?:palvelualakohtaiset\s+)?kehity\w*\s*", "", text, flags=re.IGNORECASE)
    area = area.strip(" .:")
    if not area or not re.search(r"[^\W\d_]", area) or _NOT_AN_AREA.search(area) or len(area) > 80:
        return None
    if area.isupper():
        area = area.capitalize()
    return area[0].upper() + area[1:]


def _areas_above(tables: list[ProjectTable], structure: DocumentStructure) -> list[tuple[str | None, str]]:
    """(service area, heading path) for each table: the nearest heading above it that names an area; the scan
    stops at a top-level heading, and under the table before it takes that table's area."""
    lines = structure.lines
    sections = {section.line: section for section in structure.sections if not section.implied}
    found: list[tuple[str | None, str]] = []
    for number, table in enumerate(tables):
        previous = tables[number - 1] if number else None
        area, seen = None, []
        index = table.first - 1
        while index >= 0:
            if previous is not None and index <= previous.last:
                area = found[-1][0]
                seen.extend(reversed(found[-1][1].split(" › ")) if found[-1][1] else [])
                break
            heading = _heading_at(lines, index, sections) if not lines[index].blank else None
            if heading is not None:
                area = area_from_heading(heading.title)
                # The path names sections, not the document's title lines (a '#' title, 'Koskelan kunta').
                if area or heading.kind == "section" or (heading.kind == "marked" and not heading.top):
                    seen.append(f"{heading.code} {heading.title}".strip())
                if area or heading.top:
                    break
            index -= 1
        found.append((area, " › ".join(reversed(seen))))
    return found


def holds_table(section: Section, tables: list[ProjectTable]) -> bool:
    """A numbered section with no fields of its own whose body is (or holds) a table: a heading, not a project."""
    numbers = {index + 1 for table in tables for index in table.line_indexes()}
    if not any(line.number in numbers for line in section.body):
        return False
    return not section_fields(section).values


def _title_index(table: ProjectTable) -> int:
    return next(column.index for column in table.columns if column.field == "title")


def _unique(code: str, used: set[str], number: int) -> str:
    if code not in used:
        return code
    candidate, suffix = f"T{number}.{code}", 2
    while candidate in used:
        candidate = f"T{number}.{code}-{suffix}"
        suffix += 1
    return candidate


def _value(text: str) -> str:
    """A cell as a field value, as structure.section_fields keeps one: markup removed, line breaks kept."""
    parts = re.split(r"<br\s*/?>|\n", text, flags=re.IGNORECASE)
    return "\n".join(clean_line(part)[0] for part in parts if clean_line(part)[0]).strip()


def _title(text: str) -> str:
    """A title as written (see structure.heading_title): only line breaks and emphasis wrapping the whole cell go."""
    title = re.sub(r"\s*<br\s*/?>\s*", " ", text.strip(), flags=re.IGNORECASE)
    match = re.fullmatch(r"(\*\*|__)(.+)\1", title)
    if match:
        title = match.group(2).strip()
    return heading_title(title)


def _row_values(table: ProjectTable, row: Row) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(field values, the few fields read besides values, unmatched 'Header: value' lines) of one row."""
    grouped: dict[str, list[tuple[Column, str]]] = {}
    extra: list[str] = []
    for column in table.columns:
        cell = row.cells[column.index]
        if not cell.strip():
            continue
        if column.field is None:
            if column.header:
                extra.append(f"{_value(column.header)}: {_value(cell)}")
            else:
                extra.append(_value(cell))
            continue
        grouped.setdefault(column.field, []).append((column, cell))
    values: dict[str, str] = {}
    own: dict[str, str] = {}
    for name, cells in grouped.items():
        if name == "title":
            own["title"] = _title(cells[0][1])
        elif name in ("code", "service_area"):
            own[name] = _value(cells[0][1]).replace("\n", " ")
        elif name in ("costs", "resources") and (len(cells) > 1 or any(col.hint not in (None, "one_off") for col, _ in cells)):
            # The headers say what each amount is ('Investointi', 'Vuosikustannus', 'Tietohallinnon resurssit').
            values[name] = "\n".join(f"{_value(col.header)}: {_value(cell)}" for col, cell in cells)
        else:
            values[name] = " - ".join(_value(cell) for _, cell in cells)
    driver = values.pop("probability_driver", None)
    if driver:
        values["probability"] = f"{values['probability']} - {driver}" if values.get("probability") else driver
    return values, own, extra


def _annual_columns(costs, table: ProjectTable, row: Row):  # noqa: ANN001, ANN202  (CostReading)
    """Amounts in a column the header calls annual ('Vuosikustannus', 'Annual cost') are annual even when the cell
    names no period."""
    annual = [f"{_value(column.header)}: {_value(row.cells[column.index])}" for column in table.columns
              if column.field == "costs" and column.hint == "annual" and row.cells[column.index].strip()]
    if costs is None or not annual:
        return costs
    items = []
    for item in costs.items:
        if item.kind == "one_off" and item.basis == "no_period_stated" and any(
            item.source_text and item.source_text in line for line in annual
        ):
            item = replace(item, kind="annual", basis="per_year_column")
        items.append(item)
    return replace(costs, items=tuple(items))


def _same_title(title: str) -> str:
    return " ".join(clean_line(title)[1].casefold().split())


def table_projects(
    tables: list[ProjectTable], structure: DocumentStructure, heading_projects: list[ProjectRecord]
) -> tuple[list[ProjectRecord], list[ParseNote]]:
    """Each table row as a project, with the plan notes about the tables.

    Beside heading-shaped projects, a table is a summary: after the appendix starts it is left out (as headings
    there are), and a row that repeats a heading-shaped project's title is not a second project."""
    from loaders.documents.plan import read_values, text_fields

    projects: list[ProjectRecord] = []
    plan_notes: list[ParseNote] = []
    used = {project.code for project in heading_projects}
    titles = {_same_title(project.title) for project in heading_projects}
    appendix = structure.appendix_line if heading_projects else None
    if appendix is not None:
        tables = [table for table in tables if table.header_line < appendix]
    for number, (table, (area, path)) in enumerate(zip(tables, _areas_above(tables, structure)), start=1):
        repeated = [row for row in table.rows if _same_title(row.cells[_title_index(table)]) in titles]
        if repeated:
            plan_notes.append(ParseNote(
                "structure", "structure.table_repeats_projects",
                f"Table {number} (line {table.header_line}): {len(repeated)} rows repeat projects the plan describes "
                "under their own headings; they were not read as further projects.",
                "; ".join(row.cells[_title_index(table)] for row in repeated)[:300]))
            table.rows = [row for row in table.rows if row not in repeated]
        unmatched = [column.header for column in table.columns if column.field is None and column.header]
        if unmatched:
            plan_notes.append(ParseNote(
                "structure", "structure.table_columns_unmatched",
                f"Table {number} (line {table.header_line}): no field matches the columns "
                f"{', '.join(unmatched)}; their cells were kept in each project's description.",
                " | ".join(unmatched)[:300]))
        has_code = any(column.field == "code" for column in table.columns)
        title_column = table.columns[_title_index(table)]
        rows: list[Row] = []
        for row in table.rows:
            title = row.cells[title_column.index].strip()
            if _TOTAL_ROW.match(clean_line(title)[1]):
                continue
            if not title and rows:  # a row with no title continues the one above (a wrapped Word row)
                previous = rows[-1]
                previous.cells = [f"{a}<br>{b}" if a and b else a or b for a, b in zip(previous.cells, row.cells)]
                previous.notes.append(ParseNote(
                    "structure", "structure.table_continuation",
                    f"Line {row.line}: a table row with no title was read as part of the row above.",
                    " | ".join(cell for cell in row.cells if cell)[:300]))
                continue
            if not any(cell.strip() for cell in row.cells):
                continue
            rows.append(Row(row.line, list(row.cells), list(row.notes)))
        for position, row in enumerate(rows, start=1):
            values, own, extra = _row_values(table, row)
            title = own.get("title") or f"(taulukko {number}, rivi {position})"
            project = ProjectRecord(
                code="",
                title=title,
                service_area=own.get("service_area") or area,
                section_path=path,
                line=row.line,
                description="\n".join(part for part in [values.pop("description", "")] + extra if part),
                **text_fields(values),
            )
            project.notes.extend(row.notes)
            if not own.get("title"):
                project.notes.append(ParseNote("structure", "structure.table_no_title",
                                               f"Line {row.line}: the table row has no title.", ""))
            code = own.get("code")
            if not code:
                code = f"T{number}.{position}"
                reason = "the table has no code column" if not has_code else "the row's code cell is empty"
                project.notes.append(ParseNote(
                    "structure", "structure.code_generated",
                    f"{reason[0].upper()}{reason[1:]}; the project was numbered {code} in table order.", title[:300]))
            unique = _unique(code, used, number)
            if unique != code:
                project.notes.append(ParseNote(
                    "structure", "structure.code_duplicate",
                    f"The code {code} is another project's in this plan; this one was stored as {unique}.", code))
            project.code = unique
            used.add(unique)
            read_values(project, values)
            project.costs = _annual_columns(project.costs, table, row)
            projects.append(project)
    return projects, plan_notes
