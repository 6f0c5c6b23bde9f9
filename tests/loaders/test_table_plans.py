"""Plans whose projects are rows of a table (loaders.documents.table_plan), in .md, .txt, .docx and .pdf.

The documents in tests/loaders/table_plans/ are written for these tests; the Word and PDF plans are built here with
python-docx and fpdf2. Every project of every document is checked against one table of expected values.
"""
from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from loaders import load_document, load_document_bytes
from loaders.documents import table_plan
from loaders.documents.extract import extract_text
from loaders.errors import NoProjectsError
from loaders.values.costs import parse_costs
from loaders.values.probability import classify_probability
from loaders.values.responsible import classify_responsible
from loaders.values.schedule import parse_schedule
from tests.conftest import SEEDS, requires_seeds

HERE = Path(__file__).resolve().parent / "table_plans"
NO_COST = None


def _docx_plan() -> bytes:
    """An ICT programme annex in Word: a table with a service-area column whose cells are merged down, a table under
    an area heading with a caption row, an empty cell and a cell of two paragraphs, and a table of contacts."""
    from docx import Document

    document = Document()
    document.add_paragraph("Esimerkkilän kaupunki")
    document.add_heading("Tietohallinnon toimenpidesuunnitelma", level=0)
    document.add_paragraph("syksy 2026, vuosi 2027")
    document.add_heading("Hankkeet palvelualueittain", level=1)
    document.add_paragraph("Hallinnon hankkeet on hyväksytty konsernin johtoryhmässä 8.9.2026.")
    table = document.add_table(rows=4, cols=6)
    rows = [
        ("Koodi", "Hanke", "Palvelualue", "Aikataulu", "Kustannukset", "Vastuu"),
        ("H-01", "Sähköinen allekirjoitus", "Hallintopalvelut", "1/2027–5/2027", "", "Tietohallinto"),
        ("H-02", "Asianhallinnan päivitys", "", "Q3/2027", "25 000 €\nYlläpito 3 000 € / vuosi", "Palvelualue"),
        ("H-03", "Konsernitilinpäätöksen raportointi", "Konsernipalvelut", "2027", "8 000 – 10 000 €", "Toimittaja"),
    ]
    for cells, values in zip((row.cells for row in table.rows), rows):
        for cell, value in zip(cells, values):
            if value:
                cell.text = value
    merged = table.cell(1, 2).merge(table.cell(2, 2))  # one area for two projects, as Word users merge them
    merged.text = "Hallintopalvelut"
    document.add_heading("Sivistyspalvelut", level=1)
    table = document.add_table(rows=3, cols=4)
    caption = table.cell(0, 0).merge(table.cell(0, 3))
    caption.text = "Taulukko 2. Sivistyspalvelujen hankkeet"
    for cell, value in zip(table.rows[1].cells, ("Hanke", "Aikataulu", "Toteutumisen todennäköisyys", "Vastuu")):
        cell.text = value
    for cell, value in zip(table.rows[2].cells, ("Lukion oppimisalusta", "8/2027–12/2027", "Suhteellisen varmaa",
                                                  "Palvelualue, tietohallinto tukee")):
        cell.text = value
    document.add_heading("Yhteystiedot", level=1)
    table = document.add_table(rows=0, cols=3)
    for values in (("Nimi", "Tehtävä", "Puhelin"), ("Maija Mäkelä", "Tietohallintopäällikkö", "040 123 4567")):
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


PDF_TABLES = [
    ("2 Perusinfrastruktuurihankkeet, tietohallinto omistajana", [
        ("Nro", "Hanke", "Aikataulu", "Kustannukset", "Vastuu", "Todennäköisyys"),
        ("2.1", "Varmuuskopioinnin keskittäminen yhteen pilvipalveluun", "Q4/2026-Q2/2027", "12 000 EUR",
         "Tietohallinto", "Varmaa - itsestä kiinni"),
        ("2.2", "Työasemien elinkaarivaihto", "1/2027-6/2027", "180 000 - 210 000 EUR", "Tietohallinto",
         "Epävarmaa - riippuu toimittajasta"),
    ]),
    ("3 Palvelualakohtaiset kehityshankkeet, sivistyspalvelut", [
        ("Nro", "Hanke", "Aikataulu", "Kustannukset", "Vastuu", "Todennäköisyys"),
        ("3.1", "Varhaiskasvatuksen asiakasjärjestelmä", "8/2026-12/2027", "", "Palveluala",
         "Epävarmaa - riippuu rahoituksesta"),
    ]),
]


def _pdf_plan() -> bytes:
    """A plan printed to PDF with fpdf2: two tables under numbered area headings, a title that wraps in its cell,
    an empty cell, and prose after each table (fpdf2's core fonts are Latin-1: no en dash or euro sign)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    for line in ("Esimerkkilän kaupunki", "Tietohallinnon toimenpidesuunnitelma", "syksy 2026, vuosi 2027", ""):
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    for heading, rows in PDF_TABLES:
        pdf.multi_cell(0, 6, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        with pdf.table(col_widths=(10, 50, 28, 34, 26, 42), text_align="LEFT") as table:
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(value)
        pdf.ln(2)
        pdf.multi_cell(0, 6, "Hankkeiden kustannukset tarkennetaan talousarvion valmistelussa.", new_x="LMARGIN",
                       new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


def _read(name: str):  # noqa: ANN202
    if name == "ohjelmaliite.docx":
        return load_document_bytes(name, _docx_plan())
    if name == "toimenpidesuunnitelma.pdf":
        return load_document_bytes(name, _pdf_plan())
    return load_document(HERE / name)


def _euros(low, high):  # noqa: ANN001, ANN202
    return (Decimal(low), Decimal(high))


# code, title, service area, start, end, one-off (min, max), annual (min, max), probability class, responsible,
# responsible class
EXPECTED = {
    "jarvela_investointiohjelma_2027.md": [
        ("T1.1", "Koulujen langattoman verkon laajennus", "Sivistyspalvelut", "2027-01", "2027-09",
         _euros(40000, 55000), NO_COST, "certain", "Tietohallinto", "it"),
        ("T1.2", "Oppilashallintojärjestelmän vaihto", "Sivistyspalvelut", "2027-08", "2028-06",
         _euros(20000, 20000), _euros(6000, 6000), "uncertain", "Palvelualue", "service_area"),
        ("T1.3", "Kirjaston omatoimiaukiolo", "Sivistyspalvelut", None, None,
         NO_COST, NO_COST, "likely", "Palvelualue", "service_area"),
        ("3.1", "Katuvalojen etäohjaus", "Tekniset palvelut", "2027-03", "2027-12",
         _euros(80000, 80000), _euros(4000, 4000), "unknown", "Ulkoinen toimija", "external"),
        ("3.2", "Kiinteistöjen energiaseuranta", "Tekniset palvelut", "2027-01", "2027-12",
         NO_COST, _euros(18000, 18000), "unknown", "Palvelualue", "service_area"),
        ("4.1", "Käyttäjätunnusten elinkaaren hallinta", "Tietohallinto", "2027-03", "2027-12",
         _euros(15000, 15000), NO_COST, "uncertain", "Tietohallinto", "it"),
    ],
    "koskela_hankkeet_sarkaimin.txt": [
        ("K-01", "Sähköisen asioinnin portaali", "Hallintopalvelut", "2026-09", "2027-04",
         _euros(18000, 18000), _euros(4200, 4200), "likely", "Tietohallinto", "it"),
        ("K-02", "Varhaiskasvatuksen tablettien uusiminen", "Sivistyspalvelut", "2027-01", "2027-01",
         _euros(24000, 24000), NO_COST, "certain", "Palvelualue", "service_area"),
        ("K-03", "Vesihuollon etäluenta", "Tekniset palvelut", "2027-01", "2029-12",
         NO_COST, NO_COST, "uncertain", "Ulkoinen toimija (vesiosuuskunta)", "external"),
        ("K-04", "Kokousten etäosallistuminen", None, None, None, NO_COST, NO_COST, "unknown", None, None),
    ],
    "tuulimaki_ict_ohjelma_puolipiste.txt": [
        ("T1.1", "Asiakaspalvelun chat-palvelu", "Konsernipalvelut", "2027-04", "2027-12",
         NO_COST, _euros(8000, 8000), "likely", "Konsernipalvelut", "service_area"),
        ("T1.2", "Kouluruokailun maksujärjestelmä", "Sivistyspalvelut", "2027-01", "2028-12",
         _euros(35000, 35000), _euros(4000, 4000), "unlikely", "Tietohallinto", "it"),
        ("T1.3", "Rakennuslupien sähköinen haku", "Tekniset palvelut", "2027-03", "2027-12",
         NO_COST, NO_COST, "uncertain", "Lupapiste (ulkoinen toimija)", "external"),
    ],
    "ohjelmaliite.docx": [
        ("H-01", "Sähköinen allekirjoitus", "Hallintopalvelut", "2027-01", "2027-05",
         NO_COST, NO_COST, "unknown", "Tietohallinto", "it"),
        ("H-02", "Asianhallinnan päivitys", "Hallintopalvelut", "2027-07", "2027-09",
         _euros(25000, 25000), _euros(3000, 3000), "unknown", "Palvelualue", "service_area"),
        ("H-03", "Konsernitilinpäätöksen raportointi", "Konsernipalvelut", "2027-01", "2027-12",
         _euros(8000, 10000), NO_COST, "unknown", "Toimittaja", "external"),
        ("T2.1", "Lukion oppimisalusta", "Sivistyspalvelut", "2027-08", "2027-12",
         NO_COST, NO_COST, "likely", "Palvelualue", "service_area"),
    ],
    "toimenpidesuunnitelma.pdf": [
        ("2.1", "Varmuuskopioinnin keskittäminen yhteen pilvipalveluun", "Tietohallinto", "2026-10", "2027-06",
         _euros(12000, 12000), NO_COST, "certain", "Tietohallinto", "it"),
        ("2.2", "Työasemien elinkaarivaihto", "Tietohallinto", "2027-01", "2027-06",
         _euros(180000, 210000), NO_COST, "uncertain", "Tietohallinto", "it"),
        ("3.1", "Varhaiskasvatuksen asiakasjärjestelmä", "Sivistyspalvelut", "2026-08", "2027-12",
         NO_COST, NO_COST, "uncertain", "Palveluala", "service_area"),
    ],
}


def _cost(project, kind):  # noqa: ANN001, ANN202
    items = [item for item in (project.costs.items if project.costs else ()) if item.kind == kind]
    if not items:
        return None
    return (sum(item.min_amount for item in items), sum(item.max_amount for item in items))


@pytest.fixture(scope="module")
def plans():
    return {name: _read(name) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_document_gives_its_table_rows_as_projects(plans, name):
    plan = plans[name]
    assert plan.kind == "action_plan"
    assert [project.title for project in plan.projects] == [row[1] for row in EXPECTED[name]]
    assert len(plan.projects) == len(EXPECTED[name])


CASES = [(name, position) for name, rows in sorted(EXPECTED.items()) for position in range(len(rows))]


@pytest.mark.parametrize(("name", "position"), CASES, ids=[f"{n}-{EXPECTED[n][p][0]}" for n, p in CASES])
def test_each_row_reads_like_a_heading_shaped_project(plans, name, position):
    code, title, area, start, end, one_off, annual, probability, responsible, responsible_class = EXPECTED[name][position]
    project = plans[name].projects[position]
    assert (project.code, project.title, project.service_area) == (code, title, area)
    assert (project.schedule.start, project.schedule.end) == (start, end)
    assert (_cost(project, "one_off"), _cost(project, "annual")) == (one_off, annual)
    assert project.probability.probability_class == probability
    assert (project.responsible.text, project.responsible.responsible_class) == (responsible, responsible_class)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_codes_are_unique_within_the_plan(plans, name):
    codes = [project.code for project in plans[name].projects]
    assert len(codes) == len(set(codes))


# ---------------------------------------------------------------- the same readers, the same notes


def test_cells_are_read_by_the_same_readers_as_heading_fields(plans):
    """Schedule, costs, probability and responsible of a row equal what the readers give for the cell text."""
    lines = (HERE / "jarvela_investointiohjelma_2027.md").read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line.startswith("| ") and "Hanke" not in line and "---" not in line]
    by_title = {project.title: project for project in plans["jarvela_investointiohjelma_2027.md"].projects}
    checked = 0
    for line in rows:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        title = cells[0].strip("*")
        if title not in by_title or len(cells) != 5:
            continue
        project = by_title[title]
        assert project.schedule == parse_schedule(cells[1])
        assert project.costs == parse_costs(cells[2])
        assert project.responsible == classify_responsible(cells[3])
        assert project.probability == classify_probability(cells[4])
        checked += 1
    assert checked == 3


def test_notes_and_unknowns_behave_as_in_heading_shaped_plans(plans):
    projects = {project.title: project for project in plans["jarvela_investointiohjelma_2027.md"].projects}
    library = projects["Kirjaston omatoimiaukiolo"]
    assert "season" in library.schedule.flags and library.schedule.text == "kevät 2027"
    assert library.costs.items == () and "unknown" in library.costs.flags  # unknown, never zero
    assert {"schedule.season", "costs.unknown"} <= {note.code for note in library.notes}
    # The table has no probability column: like a heading-shaped project without the field, a note says so.
    lights = projects["Katuvalojen etäohjaus"]
    assert lights.probability.text is None
    assert "probability.missing" in {note.code for note in lights.notes}
    # An empty cell is a field not stated.
    portal = plans["koskela_hankkeet_sarkaimin.txt"].projects[3]
    assert portal.costs is None and "costs.missing" in {note.code for note in portal.notes}
    assert "schedule.open" in {note.code for note in portal.notes}


def test_a_column_the_header_calls_annual_is_annual_even_when_the_cell_names_no_period(plans):
    lights = plans["jarvela_investointiohjelma_2027.md"].projects[3]
    annual = [item for item in lights.costs.items if item.kind == "annual"]
    assert [(item.min_amount, item.source_text) for item in annual] == [(Decimal(4000), "Vuosikustannus: 4 000 €")]
    text = "Hanke;Aikataulu;Annual cost\nPalvelunhallinta;2027;5 000 €\n"
    project = load_document_bytes("vuosikulut.txt", text.encode()).projects[0]
    assert [(item.kind, item.min_amount) for item in project.costs.items] == [("annual", Decimal(5000))]


def test_a_quoted_semicolon_stays_in_its_cell(plans):
    project = plans["tuulimaki_ict_ohjelma_puolipiste.txt"].projects[1]
    assert project.costs.text == "35 000 €; ylläpito 4 000 € / vuosi"


# ---------------------------------------------------------------- codes


def test_generated_codes_follow_table_order_with_a_note(plans):
    projects = plans["jarvela_investointiohjelma_2027.md"].projects
    generated = [project for project in projects if project.code.startswith("T")]
    assert [project.code for project in generated] == ["T1.1", "T1.2", "T1.3"]
    assert all("structure.code_generated" in {note.code for note in project.notes} for project in generated)
    numbered = [project for project in projects if project.code in ("3.1", "3.2")]
    assert not any("structure.code_generated" in {note.code for note in project.notes} for project in numbered)


def test_a_code_used_twice_in_one_plan_is_told_apart_with_a_note():
    text = """# Investoinnit

## Sivistyspalvelut

| Nro | Hanke | Aikataulu |
|---|---|---|
| 1 | Koulujen näyttölaitteet | 2027 |

## Tekniset palvelut

| Nro | Hanke | Aikataulu |
|---|---|---|
| 1 | Kiinteistöjen kulunvalvonta | 2028 |
"""
    plan = load_document_bytes("investoinnit.md", text.encode())
    assert [project.code for project in plan.projects] == ["1", "T2.1"]
    assert "structure.code_duplicate" in {note.code for note in plan.projects[1].notes}
    assert [project.service_area for project in plan.projects] == ["Sivistyspalvelut", "Tekniset palvelut"]


# ---------------------------------------------------------------- service areas and headings


def test_the_area_comes_from_the_nearest_heading_that_names_one():
    text = """# ICT-investoinnit 2027

## Sivistyspalvelut

### Investoinnit

| Hanke | Kustannukset |
|---|---|
| Opettajien kannettavat | 60 000 € |

## 4 Kehittämishankkeet, tekniset palvelut

| Hanke | Aikataulu | Palvelualue |
|---|---|---|
| Kaavoituksen 3D-malli | 2027 | Kaupunkisuunnittelu |
| Katujen kuntotiedot | 2027 | |
"""
    plan = load_document_bytes("investoinnit.md", text.encode())
    assert [(p.title, p.service_area) for p in plan.projects] == [
        ("Opettajien kannettavat", "Sivistyspalvelut"),
        ("Kaavoituksen 3D-malli", "Kaupunkisuunnittelu"),  # the column wins
        ("Katujen kuntotiedot", "Tekniset palvelut"),  # an empty cell falls back to the heading
    ]
    assert plan.projects[0].section_path == "Sivistyspalvelut › Investoinnit"


def test_a_numbered_heading_over_a_table_is_not_itself_a_project():
    text = """Tietohallinnon toimenpidesuunnitelma

## 2 Sivistyspalvelut

### 2.1 Perusopetus

| Hanke | Aikataulu |
|---|---|
| Oppimisalustan vaihto | 8/2027 |
"""
    plan = load_document_bytes("opetus.md", text.encode())
    assert [(p.code, p.title, p.service_area) for p in plan.projects] == [("T1.1", "Oppimisalustan vaihto", "Perusopetus")]


@pytest.mark.parametrize(("heading", "area"), [
    ("3 Palvelualakohtaiset kehityshankkeet, sivistyspalvelut", "Sivistyspalvelut"),
    ("2 Perusinfrastruktuurihankkeet, tietohallinto omistajana", "Tietohallinto"),
    ("TEKNISET PALVELUT", "Tekniset palvelut"),
    ("Sosiaali- ja terveyspalvelut", "Sosiaali- ja terveyspalvelut"),
    ("ICT-investoinnit 2027", None),
    ("Tietohallinnon toimenpidesuunnitelma", None),
    ("1 Johdanto", None),
    ("Järvelän kaupunki", None),
])
def test_area_from_heading(heading, area):
    assert table_plan.area_from_heading(heading) == area


# ---------------------------------------------------------------- headers


@pytest.mark.parametrize(("headers", "fields"), [
    (["Hanke", "Aikataulu", "Kustannukset", "Vastuu", "Toteutumisen todennäköisyys", "Palvelualue"],
     ["title", "schedule", "costs", "responsible", "probability", "service_area"]),
    (["Project", "Schedule", "Cost", "Owner", "Probability", "Service area"],
     ["title", "schedule", "costs", "responsible", "probability", "service_area"]),
    (["Koodi", "Hankkeen nimi", "Alkaa", "Päättyy", "Investointi", "Jatkuvat kustannukset", "Resurssit"],
     ["code", "title", "schedule_start", "schedule_end", "costs", "costs", "resources"]),
    (["**Hanke**", "Strateginen tavoite", "Arvioidut kustannukset", "Vastuutaho", "Huomautukset"],
     ["title", "strategic_goal", "costs", "responsible", None]),
])
def test_headers_map_through_the_sheet_vocabulary_and_the_plan_labels(headers, fields):
    assert [column.field for column in table_plan.header_columns(headers)] == fields


@pytest.mark.parametrize(("headers", "project_table"), [
    (["Hanke", "Aikataulu"], True),
    (["Project name", "Costs"], True),
    (["Nimi", "Tehtävä", "Puhelin", "Sähköposti"], False),  # a title-like column alone
    (["Palvelualue", "Investoinnit 2027", "Käyttötalous 2027"], False),  # no title column
    (["Kustannuslaji", "2027", "2028"], False),
    (["Koodi", "Hanke", "Kuvaus"], False),  # a code and a description are not project values
    (["Hanke"], False),
])
def test_a_table_of_projects_needs_a_title_and_a_project_value(headers, project_table):
    assert table_plan.is_project_header(headers) is project_table


# ---------------------------------------------------------------- Word and PDF specifics


def test_a_word_table_of_projects_keeps_every_cell_in_its_column():
    text = extract_text("ohjelmaliite.docx", _docx_plan())
    assert "| H-01 | Sähköinen allekirjoitus | Hallintopalvelut | 1/2027–5/2027 |  | Tietohallinto |" in text
    assert "25 000 €<br>Ylläpito 3 000 € / vuosi" in text  # two paragraphs of one cell
    assert "Taulukko 2. Sivistyspalvelujen hankkeet" in text.splitlines()  # the caption row, once
    # A table that is not one of projects reads as before: cells joined, two-cell rows as labels.
    assert "Maija Mäkelä | Tietohallintopäällikkö | 040 123 4567" in text.splitlines()


def test_the_word_contact_table_is_not_read_as_projects(plans):
    titles = {project.title for project in plans["ohjelmaliite.docx"].projects}
    assert "Maija Mäkelä" not in titles and "Nimi" not in titles


def test_a_pdf_table_is_read_with_its_wrapped_title_and_empty_cell(plans):
    plan = plans["toimenpidesuunnitelma.pdf"]
    backup = plan.projects[0]
    assert backup.title == "Varmuuskopioinnin keskittäminen yhteen pilvipalveluun"
    assert backup.section_path == "2 Perusinfrastruktuurihankkeet, tietohallinto omistajana"
    assert plan.projects[2].costs is None  # the cell is empty
    assert (plan.organisation, plan.period) == ("Esimerkkilä", "syksy 2026, vuosi 2027")


def test_a_pdf_without_tables_is_read_from_its_default_text_only():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in ("Tietohallinnon toimenpidesuunnitelma", "2 Perusinfrastruktuuri, tietohallinto omistajana",
                 "2.1 Palomuurien uusiminen", "Aikataulu: 1/2027-3/2027", "Kustannukset: 9 000 EUR"):
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    assert table_plan.with_pdf_tables("x.pdf", extract_text("x.pdf", data), data) == extract_text("x.pdf", data)
    plan = load_document_bytes("x.pdf", data)
    assert [(p.code, p.title, p.schedule.start) for p in plan.projects] == [("2.1", "Palomuurien uusiminen", "2027-01")]


# ---------------------------------------------------------------- ordinary tables stay as they were


def _without_tables(monkeypatch, read):  # noqa: ANN001, ANN202
    with monkeypatch.context() as patch:
        patch.setattr(table_plan, "find_tables", lambda text: [])
        patch.setattr(table_plan, "with_pdf_tables", lambda name, text, data: text)
        return read()


def test_a_plan_with_ordinary_tables_reads_as_without_table_reading(monkeypatch):
    path = HERE / "harjula_tavalliset_taulukot.md"
    plan = load_document(path)
    assert plan.projects == _without_tables(monkeypatch, lambda: load_document(path)).projects
    assert plan.notes == _without_tables(monkeypatch, lambda: load_document(path)).notes
    assert [(p.code, p.title) for p in plan.projects] == [("2.1", "Palvelinsalin jäähdytyksen uusiminen"),
                                                          ("2.2", "Verkon segmentointi")]
    assert "| Laitteet ja asennus | 45 000 € |" in plan.projects[0].description  # the table stays in the text
    assert table_plan.find_tables(path.read_text(encoding="utf-8")) == []


def test_a_word_plan_with_only_an_ordinary_table_reads_as_before(monkeypatch):
    from docx import Document

    document = Document()
    document.add_heading("Tietohallinnon toimenpidesuunnitelma", level=0)
    document.add_heading("2 Perusinfrastruktuuri, tietohallinto omistajana", level=1)
    document.add_heading("2.1 Verkkolevyjen siivous", level=2)
    table = document.add_table(rows=0, cols=3)
    for values in (("Aikataulu", "Q1/2027", ""), ("Nimi", "Tehtävä", "Puhelin"), ("Olli Rantanen", "", "040 765 4321")):
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    with monkeypatch.context() as patch:
        patch.setattr(table_plan, "docx_table_lines", lambda table: None)
        before_text = extract_text("x.docx", data)
        before = load_document_bytes("x.docx", data)
    assert extract_text("x.docx", data) == before_text
    assert load_document_bytes("x.docx", data).projects == before.projects
    assert before.projects[0].schedule.start == "2027-01"  # the two-cell row is still a label


def test_a_summary_table_of_the_plan_s_own_projects_adds_none():
    plan = load_document(HERE / "lehtola_yhteenvetotaulukko.md")
    assert [(p.code, p.title) for p in plan.projects] == [("2.1", "Tulostuspalvelun kilpailutus"),
                                                          ("2.2", "Etätyöpisteiden näyttöjen uusiminen")]
    assert "structure.table_repeats_projects" in {note.code for note in plan.notes}


def test_tables_in_an_appendix_of_a_heading_shaped_plan_are_not_projects():
    text = """Tietohallinnon toimenpidesuunnitelma

## 2 Perusinfrastruktuurihankkeet, tietohallinto omistajana

### 2.1 Palomuurien uusiminen

**Aikataulu:** 1/2027–3/2027

Liite 1. Edellisen kauden hankkeet

| Hanke | Aikataulu |
|---|---|
| Sähköpostin siirto pilveen | 2025 |
"""
    plan = load_document_bytes("liite.md", text.encode())
    assert [p.title for p in plan.projects] == ["Palomuurien uusiminen"]


def test_a_document_with_only_ordinary_tables_still_has_no_projects():
    text = "Yhteystiedot\n\n| Nimi | Tehtävä | Puhelin |\n|---|---|---|\n| Maija Mäkelä | Päällikkö | 040 123 4567 |\n"
    with pytest.raises(NoProjectsError):
        load_document_bytes("yhteystiedot.md", text.encode())


def test_a_contact_list_with_a_responsibility_column_is_not_a_project_table():
    text = ("Hanke\tVastuu\tPuhelin\nMaija Mäkelä\tHankinnat\t040 123 4567\nOlli Rantanen\tVerkot\t040 765 4321\n")
    assert table_plan.find_tables(text) == []


@requires_seeds
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_the_reference_documents_hold_no_table_of_projects_and_read_as_without_table_reading(monkeypatch, prefix):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    assert table_plan.find_tables(path.read_text(encoding="utf-8")) == []
    assert repr(load_document(path)) == repr(_without_tables(monkeypatch, lambda: load_document(path)))


def _pdf(build) -> bytes:  # noqa: ANN001
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.multi_cell(0, 6, "4 Palvelualakohtaiset kehityshankkeet, tekniset palvelut", new_x="LMARGIN", new_y="NEXT")
    build(pdf)
    pdf.multi_cell(0, 6, "Aikataulut tarkentuvat kevään aikana.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_pdf_table_drawn_row_by_row_without_padding():
    rows = [("Hanke", "Aikataulu", "Kustannukset", "Vastuu"), ("Katujen kuntokartoitus", "3/2027", "7 000 EUR",
            "Palveluala"), ("Puistojen kastelun ohjaus", "5/2027", "", "Ulkoinen toimija")]

    def build(pdf):  # noqa: ANN001, ANN202
        for values in rows:
            for width, value in zip((60, 35, 35, 40), values):
                pdf.cell(width, 6, value, border=1)
            pdf.ln()

    plan = load_document_bytes("katu.pdf", _pdf(build))
    assert [(p.code, p.title, p.service_area, p.schedule.start, p.responsible.responsible_class) for p in plan.projects] == [
        ("T1.1", "Katujen kuntokartoitus", "Tekniset palvelut", "2027-03", "service_area"),
        ("T1.2", "Puistojen kastelun ohjaus", "Tekniset palvelut", "2027-05", "external"),
    ]
    assert plan.projects[1].costs is None


def test_a_pdf_table_over_two_pages_keeps_its_area_and_every_row():
    def build(pdf):  # noqa: ANN001, ANN202
        with pdf.table(col_widths=(50, 30, 30, 30), text_align="LEFT") as table:
            for values in [("Hanke", "Aikataulu", "Kustannukset", "Vastuu")] + [
                (f"Kiinteistön {n} lukitus", f"{n % 12 + 1}/2027", f"{n} 000 EUR", "Tietohallinto") for n in range(1, 61)
            ]:
                row = table.row()
                for value in values:
                    row.cell(value)

    plan = load_document_bytes("kiinteistot.pdf", _pdf(build))
    assert [p.title for p in plan.projects] == [f"Kiinteistön {n} lukitus" for n in range(1, 61)]
    assert {p.service_area for p in plan.projects} == {"Tekniset palvelut"}
    assert len({p.code for p in plan.projects}) == 60


def test_table_finding_is_bounded_by_the_input():
    """Untimed, as tests/loaders/test_bounded_work.py: quadratic work makes these take minutes instead of a second."""
    many_headers = "\n\n".join(f"| Hanke{n} | Aikataulu{n} | muu {n} |" for n in range(20_000))
    assert table_plan.find_tables(many_headers) == []
    long_block = "\n".join(f"rivi{n}\tarvo {n}" for n in range(100_000))
    assert table_plan.find_tables(long_block) == []
    long_table = "Hanke\tAikataulu\n" + "\n".join(f"Hanke {n}\t{n % 12 + 1}/2027" for n in range(20_000))
    assert len(load_document_bytes("pitka.txt", long_table.encode()).projects) == 20_000
