"""Project headings whatever their title starts with, and titles stored exactly as written.

Each plan is three projects under one area, in the format of sample_data/esimerkkila_toimenpidesuunnitelma_2027.md;
the middle project carries the title under test. A heading that is not recognised merges its project into the one
before (which then carries both projects' costs), so every row checks the count, the titles and each project's cost.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from loaders import load_document_bytes
from loaders.documents.structure import heading_parts, parse_structure

LONG_TITLE = ("Pitkä otsikko " * 400)[:4999] + "x"
assert len(LONG_TITLE) == 5000

FIRST, LAST = "Varmuuskopioinnin uusiminen", "Työasemien elinkaarivaihto"
COSTS = ("11 000", "22 000", "33 000")
FIELDS = ("schedule", "probability", "responsible", "costs", "resources")
LABELS = {
    "schedule": "Aikataulu",
    "probability": "Projektin toteutumisen todennäköisyys",
    "responsible": "Projektin aikatauluvastuullinen taho",
    "costs": "Projektin arvioidut kustannukset (investointi, jatkuvat)",
    "resources": "Arvio projektiin tarvittavista resursseista (palveluala, IT)",
}


@dataclass
class Project:
    code: str
    title: str
    cost: str
    description: str = "Hankkeen kuvaus."
    extra: dict[str, list[str]] = field(default_factory=dict)  # field (or "description") -> further value lines

    def values(self) -> dict[str, str]:
        return {
            "schedule": "Q4/2026–Q2/2027",
            "probability": "Varmaa - itsestä kiinni",
            "responsible": "Tietohallinto",
            "costs": f"Käyttöönotto {self.cost} €.",
            "resources": "Tietohallinnon työpanos 20 htp",
        }


def _projects(middle_title: str = "Tilavarausjärjestelmän päivitys", extra=None, on: int = 1) -> list[Project]:
    projects = [
        Project("2.1", FIRST, COSTS[0]),
        Project("2.2", middle_title, COSTS[1]),
        Project("2.3", LAST, COSTS[2]),
    ]
    if extra:
        projects[on].extra = extra
    return projects


_HEAD = [
    "Esimerkkilän kaupunki",
    "",
    "{h1}Tietohallinnon toimenpidesuunnitelma",
    "",
    "syksy 2026, vuosi 2027",
    "",
    "14.9.2026",
    "",
    "{h2}1 Suunnitelman sisällöstä",
    "",
    "Tämä on testisuunnitelma; kaupunki ja hankkeet ovat keksittyjä.",
    "",
    "{h2}2 Perusinfrastruktuurihankkeet, tietohallinto omistajana",
    "",
]


def render_md(projects: list[Project]) -> str:
    """Like the sample: '#' headings, bold labels, each value on the lines after its label."""
    lines = [line.format(h1="# ", h2="## ") for line in _HEAD]
    for project in projects:
        lines += [f"### {project.code} {project.title}", "", project.description, ""]
        lines += [*project.extra.get("description", []), ""] if "description" in project.extra else []
        for name, value in project.values().items():
            lines += [f"**{LABELS[name]}:**", "", value, *project.extra.get(name, []), ""]
    return "\n".join(lines)


def render_txt(projects: list[Project]) -> str:
    """Plain text (Word saved as text): no marks, labels on their own line, values below, blank lines between."""
    lines = [line.format(h1="", h2="") for line in _HEAD]
    for project in projects:
        lines += [f"{project.code} {project.title}", "", project.description, ""]
        lines += [*project.extra.get("description", []), ""] if "description" in project.extra else []
        for name, value in project.values().items():
            lines += [f"{LABELS[name]}:", value, *project.extra.get(name, []), ""]
    return "\n".join(lines)


def render_txt_same_line(projects: list[Project]) -> str:
    """PDF-like text: values on the label's line and no blank lines at all, a heading right after a value."""
    lines = [line.format(h1="", h2="") for line in _HEAD if line]
    for project in projects:
        lines += [f"{project.code} {project.title}", project.description, *project.extra.get("description", [])]
        for name, value in project.values().items():
            lines += [f"{LABELS[name]}: {value}", *project.extra.get(name, [])]
    return "\n".join(lines) + "\n"


def render_docx(projects: list[Project]) -> bytes:
    """Word with Heading styles (extract.py turns them into '#' lines) and the fields as paragraphs."""
    from docx import Document

    document = Document()
    for line in _HEAD:
        if line.startswith("{h1}"):
            document.add_heading(line[4:], level=1)
        elif line.startswith("{h2}"):
            document.add_heading(line[4:], level=2)
        elif line:
            document.add_paragraph(line)
    for project in projects:
        document.add_heading(f"{project.code} {project.title}", level=3)
        for text in [project.description, *project.extra.get("description", [])]:
            document.add_paragraph(text)
        for name, value in project.values().items():
            document.add_paragraph(f"{LABELS[name]}: {value}")
            for text in project.extra.get(name, []):
                document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


FORMS = {
    "md": ("plan.md", lambda projects: render_md(projects).encode("utf-8")),
    "txt": ("plan.txt", lambda projects: render_txt(projects).encode("utf-8")),
    "txt same line": ("plan.txt", lambda projects: render_txt_same_line(projects).encode("utf-8")),
    "docx": ("plan.docx", render_docx),
}


def _load(form: str, projects: list[Project]):
    name, render = FORMS[form]
    return load_document_bytes(name, render(projects))


def _assert_three_projects(plan, titles: list[str]) -> None:
    assert [project.code for project in plan.projects] == ["2.1", "2.2", "2.3"]
    assert [project.title for project in plan.projects] == titles
    for project, cost in zip(plan.projects, COSTS):
        assert project.costs is not None and project.costs.text.startswith(f"Käyttöönotto {cost} €.")
        one_off = [item.min_amount for item in project.costs.items if item.kind == "one_off"]
        assert one_off == [Decimal(cost.replace(" ", ""))], project.costs
        assert project.service_area == "Tietohallinto"
        assert project.schedule.text.startswith("Q4/2026–Q2/2027")
        assert project.responsible.text == "Tietohallinto"


# ---------------------------------------------------------------- titles as written

TITLES = [
    pytest.param("5G-verkon rakentaminen", id="starts with a digit"),
    pytest.param("2027 alkava palvelusopimus", id="starts with a year"),
    pytest.param('"Lainausmerkit"', id="double quotes"),
    pytest.param("”Lainausmerkit”", id="typographic quotes"),
    pytest.param("'Heittomerkit'", id="single quotes"),
    pytest.param("(Sulut)", id="parentheses"),
    pytest.param("=Yhtäsuuri", id="equals sign"),
    pytest.param("+Plus", id="plus sign"),
    pytest.param("-Miinus", id="minus sign"),
    pytest.param("@Ät", id="at sign"),
    pytest.param("<Kulma>", id="angle brackets"),
    pytest.param("[Hakasulku]", id="square brackets"),
    pytest.param("<script>alert(1)</script>", id="script tag"),
    pytest.param("Kuvaus <b>lihava</b> & muu", id="inline tag and ampersand"),
    pytest.param("**lihava**", id="markdown bold"),
    pytest.param("Ennen **lihava** jälkeen __alleviivattu__", id="markdown bold inside"),
    pytest.param("🚀 Pilvisiirto", id="emoji first"),
    pytest.param("Pilvisiirto 🚀", id="emoji last"),
    pytest.param("نظام المعلومات", id="arabic"),
    pytest.param("מערכת מידע", id="hebrew"),
    pytest.param("Tietojärjestelmä نظام المعلومات 2027", id="mixed directions"),
    pytest.param(LONG_TITLE, id="5000 characters"),
    pytest.param("Tilavarausjärjestelmän päivitys", id="plain title"),
]


@pytest.mark.parametrize("form", list(FORMS))
@pytest.mark.parametrize("title", TITLES)
def test_middle_heading_is_a_project_with_its_title_as_written(form, title):
    plan = _load(form, _projects(title))
    _assert_three_projects(plan, [FIRST, title, LAST])


@pytest.mark.parametrize("form", ["md", "txt", "txt same line"])
def test_every_project_may_have_such_a_title(form):
    titles = ["5G-verkon rakentaminen", "<script>alert(1)</script>", "(Sulut)"]
    projects = _projects()
    for project, title in zip(projects, titles):
        project.title = title
    plan = _load(form, projects)
    _assert_three_projects(plan, titles)


def render_pdf(projects: list[Project]) -> bytes:
    """PDF text goes the plain-text way. fpdf2's core fonts are Latin-1: no emoji or other scripts, '€' as 'EUR'."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in render_txt(projects).splitlines():
        pdf.multi_cell(0, 5, line.replace("–", "-").replace("€", "EUR") or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


PDF_TITLES = [
    "5G-verkon rakentaminen",
    '"Lainausmerkit"',
    "(Sulut)",
    "=Yhtäsuuri",
    "+Plus",
    "-Miinus",
    "@Ät",
    "<Kulma>",
    "[Hakasulku]",
    "<script>alert(1)</script>",
    "**lihava**",
]


@pytest.mark.parametrize("title", PDF_TITLES)
def test_pdf_heading_is_a_project_with_its_title_as_written(title):
    plan = load_document_bytes("plan.pdf", render_pdf(_projects(title)))
    read = [(project.code, project.title) for project in plan.projects]
    assert read == [("2.1", FIRST), ("2.2", title), ("2.3", LAST)]
    for project, cost in zip(plan.projects, COSTS):
        assert [item.min_amount for item in project.costs.items] == [Decimal(cost.replace(" ", ""))]


@pytest.mark.parametrize(
    ("raw", "code", "title", "marked"),
    [
        pytest.param("### 2.2 **lihava**", "2.2", "**lihava**", True, id="bold title kept"),
        pytest.param(
            "### **3.5 Videot ja tekstityspalvelu**", "3.5", "Videot ja tekstityspalvelu", True, id="004 bold heading"
        ),
        pytest.param("## **4.2** Pedagogiset työkalut", "4.2", "Pedagogiset työkalut", True, id="bold number"),
        pytest.param("<b>2.1 Otsikko</b>", "2.1", "Otsikko", False, id="tag around the heading"),
        pytest.param("2.1 <b>Otsikko</b>", "2.1", "<b>Otsikko</b>", False, id="tag around the title kept"),
        pytest.param(" 2.2 Tietoliikenneverkot  ", "2.2", "Tietoliikenneverkot", False, id="surrounding whitespace"),
        pytest.param("6.1. Maankäytön suunnittelu", "6.1", "Maankäytön suunnittelu", False, id="number with a dot"),
    ],
)
def test_heading_parts_remove_only_the_number_and_heading_formatting(raw, code, title, marked):
    parts = heading_parts(raw)
    assert parts is not None
    assert (parts.code, parts.title, parts.marked) == (code, title, marked)


def test_titles_are_not_escaped_or_unescaped():
    plan = _load("md", _projects("&lt;ei&gt; &amp; <em>kyllä</em>"))
    assert plan.projects[1].title == "&lt;ei&gt; &amp; <em>kyllä</em>"


def test_service_area_is_read_without_the_area_heading_markup():
    text = render_md(_projects()).replace(
        "## 2 Perusinfrastruktuurihankkeet, tietohallinto omistajana",
        "## 2 Perusinfrastruktuurihankkeet, **tietohallinto** omistajana",
    )
    plan = load_document_bytes("plan.md", text.encode("utf-8"))
    assert [project.service_area for project in plan.projects] == ["Tietohallinto"] * 3
    assert parse_structure(text).sections[1].title == "Perusinfrastruktuurihankkeet, **tietohallinto** omistajana"


# ---------------------------------------------------------------- field lines that look like headings

NOT_HEADINGS = [
    pytest.param("schedule", ["2026 alkaen"], 1, id="a year in the schedule"),
    pytest.param("costs", ["1 000 € / v"], 1, id="an amount numbered like a top-level heading before"),
    pytest.param("costs", ["3 000 € / v"], 1, id="an amount numbered like the next top-level heading"),
    pytest.param("costs", ["2 000 € / v", "3 000 € / kk"], 1, id="two amounts"),
    pytest.param("resources", ["- 3 kpl"], 1, id="a list item"),
    pytest.param("resources", ["- 2.3 htv"], 1, id="a list item numbered like the next project"),
    pytest.param("costs", ["2.3 % vuosikorotus"], 1, id="numbered like the next project, which follows"),
    pytest.param("costs", ["2.4 % vuosikorotus"], 2, id="numbered like a fourth project, more fields follow"),
    pytest.param("resources", ["2.4 (+ 0,5 htv varalla)"], 2, id="numbered like a fourth project, end of the plan"),
    pytest.param(
        "description",
        ["2.4 " + "miljoonaa euroa on varattu koko ohjelmaan, josta tämä hanke on yksi osa. " * 4],
        2,
        id="a long prose line numbered like a fourth project",
    ),
    pytest.param("description", ["2.3 000 euron lisärahoitus haetaan"], 1, id="prose numbered like the next project"),
]


@pytest.mark.parametrize("form", list(FORMS))
@pytest.mark.parametrize(("where", "extra", "on"), NOT_HEADINGS)
def test_field_lines_that_look_like_numbers_are_values_not_projects(form, where, extra, on):
    plan = _load(form, _projects(extra={where: extra}, on=on))
    _assert_three_projects(plan, [FIRST, "Tilavarausjärjestelmän päivitys", LAST])
    project = plan.projects[on]
    text = {
        "description": project.description,
        "schedule": project.schedule.text,
        "costs": project.costs.text,
        "resources": project.resources.text if project.resources else "",
    }[where]
    for line in extra:
        assert line.lstrip("- ").strip() in text


def test_a_value_on_the_line_after_its_label_is_never_a_heading():
    text = render_txt(_projects()).replace(
        "Projektin arvioidut kustannukset (investointi, jatkuvat):\nKäyttöönotto 33 000 €.",
        "Projektin arvioidut kustannukset (investointi, jatkuvat):\n2.4 (+alv) 33 000 €",
    )
    sections = parse_structure(text).sections
    assert [section.code_text for section in sections] == ["1", "2", "2.1", "2.2", "2.3"]
    assert sections[-1].title == LAST
