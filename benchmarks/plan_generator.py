"""Generated plans of the reference plans' shape, in several formats, for tests and benchmarks.

The text is invented here (no sentence from a real plan); the layout follows the families the
loader must read: values on the label's line or the next, '#' or bold headings, Word styles, PDF.
"""
from __future__ import annotations

import io
import random
from dataclasses import dataclass, field

AREAS = ("Tietohallinto", "Hallintopalvelut", "Sivistyspalvelut", "Tekniset palvelut", "Hyvinvointipalvelut")
SCHEDULES = ("Q1/2025–Q4/2025", "3/2025–9/2026", "8–12/2025", "2025–2026", "Q2/2026", "1.3.2026–31.12.2026")
PROBABILITIES = (
    ("Varmaa - itsestä kiinni", "certain"),
    ("Suhteellisen varmaa", "likely"),
    ("Epävarmaa - riippuu rahoituksesta", "uncertain"),
    ("Aikataulu vaikuttaa haastavalta", "unlikely"),
)
COSTS = (("40 000 €", 40000, None), ("10 000 – 20 000 €", 10000, None), ("n. 5 000 € / vuosi", None, 5000))
RESPONSIBLE = ("Tietohallinto", "Palveluala", "Ulkoinen toimija")
MUNICIPALITIES = (
    ("Porvoon", "Porvoo"), ("Tampereen", "Tampere"), ("Espoon", "Espoo"), ("Vantaan", "Vantaa"),
    ("Kotkan", "Kotka"), ("Salon", "Salo"), ("Raision", "Raisio"), ("Kaarinan", "Kaarina"),
    ("Rovaniemen", "Rovaniemi"), ("Kauniaisten", "Kauniainen"),
)

# Label wordings: the reference plans' long labels, and shorter ones another municipality might use.
LONG_LABELS = {
    "schedule": "Aikataulu",
    "probability": "Projektin toteutumisen todennäköisyys arvioidussa aikataulussa",
    "responsible": "Projektin aikatauluvastuullinen taho (projektipäällikön asettaja)",
    "costs": "Projektin arvioidut kustannukset (investointi, jatkuvat kustannukset yms.)",
    "resources": "Arvio projektiin tarvittavista resursseista (palveluala, tietohallinto, ostopalvelut)",
}
SHORT_LABELS = {
    "schedule": "Toteutusaikataulu",
    "probability": "Toteutumisen todennäköisyys",
    "responsible": "Vastuutaho",
    "costs": "Kustannusarvio",
    "resources": "Resurssitarve",
}


@dataclass
class GeneratedProject:
    code: str
    title: str
    area: str
    schedule: str
    probability: str
    probability_class: str
    responsible: str
    cost_text: str
    one_off: int | None
    annual: int | None
    resources: str = "Tietohallinto, ostopalvelut"


@dataclass
class GeneratedPlan:
    municipality_genitive: str
    municipality: str
    period: str
    projects: list[GeneratedProject] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)


def plan_identity(index: int) -> tuple[tuple[str, str], int]:
    """A municipality and a year for the index-th generated plan: each index its own plan (own plan key)."""
    return MUNICIPALITIES[index % len(MUNICIPALITIES)], 2024 + index // len(MUNICIPALITIES)


def make_plan(seed: int = 0, projects_per_area: int = 4, municipality=("Porvoon", "Porvoo"), year: int = 2025):
    rng = random.Random(seed)
    plan = GeneratedPlan(municipality[0], municipality[1], f"syksy {year}, vuosi {year + 1}")
    for area_number, area in enumerate(AREAS, start=2):
        plan.areas.append(area)
        for item in range(1, projects_per_area + 1):
            probability, klass = rng.choice(PROBABILITIES)
            cost_text, one_off, annual = rng.choice(COSTS)
            plan.projects.append(
                GeneratedProject(
                    code=f"{area_number}.{item}",
                    title=f"Kehityshanke {area_number}-{item} ({rng.choice(('järjestelmä', 'palvelu', 'alusta'))})",
                    area=area,
                    schedule=rng.choice(SCHEDULES),
                    probability=probability,
                    probability_class=klass,
                    responsible=rng.choice(RESPONSIBLE),
                    cost_text=cost_text,
                    one_off=one_off,
                    annual=annual,
                )
            )
    return plan


def _area_heading(plan: GeneratedPlan, area: str) -> str:
    if area == "Tietohallinto":
        return "Perusinfrastruktuurihankkeet, tietohallinto omistajana"
    return f"Palvelualakohtaiset kehityshankkeet, {area.lower()}"


def _field_values(project: GeneratedProject) -> dict[str, str]:
    return {
        "schedule": project.schedule,
        "probability": project.probability,
        "responsible": project.responsible,
        "costs": project.cost_text,
        "resources": project.resources,
    }


def render_text(plan: GeneratedPlan, *, style: str = "same_line", short_labels: bool = False, footer: bool = False):
    """Plain text or Markdown. style: 'same_line', 'next_line' or 'markdown'."""
    labels = SHORT_LABELS if short_labels else LONG_LABELS
    heading = (lambda level, text: "#" * level + " " + text) if style == "markdown" else (lambda level, text: text)
    label = (lambda text: f"**{text}:**") if style == "markdown" else (lambda text: f"{text}:")
    footer_line = f"{plan.municipality_genitive} kaupunki - toimenpidesuunnitelma {plan.period}"
    out = [f"{plan.municipality_genitive} kaupunki", "", heading(1, "Tietohallinnon toimenpidesuunnitelma"), "",
           plan.period, "", heading(2, "1 Toimenpidesuunnitelman sisällöstä"), "",
           "Suunnitelma kokoaa tulevan kauden kehityshankkeet.", ""]
    for number, area in enumerate(plan.areas, start=2):
        out += [heading(2, f"{number} {_area_heading(plan, area)}"), ""]
        for project in (p for p in plan.projects if p.area == area):
            out += [heading(3, f"{project.code} {project.title}"), "", "Hankkeen kuvaus lyhyesti.", ""]
            for position, (name, value) in enumerate(_field_values(project).items()):
                if style == "same_line":
                    out += [f"{label(labels[name])} {value}", ""]
                else:
                    out += [label(labels[name]), ""]
                    if footer and position == 3:
                        out += [footer_line, ""]
                    out += [value, ""]
    return "\n".join(out) + "\n"


def render_docx(plan: GeneratedPlan, *, short_labels: bool = False) -> bytes:
    """A Word document with Heading styles, and each project's fields in a two-column table."""
    from docx import Document

    labels = SHORT_LABELS if short_labels else LONG_LABELS
    document = Document()
    document.add_paragraph(f"{plan.municipality_genitive} kaupunki")
    document.add_heading("Tietohallinnon toimenpidesuunnitelma", level=0)
    document.add_paragraph(plan.period)
    document.add_heading("Toimenpidesuunnitelman sisällöstä", level=1)  # Word numbering is not in the text
    document.add_paragraph("Suunnitelma kokoaa tulevan kauden kehityshankkeet.")
    for number, area in enumerate(plan.areas, start=2):
        document.add_heading(f"{number} {_area_heading(plan, area)}", level=1)
        for project in (p for p in plan.projects if p.area == area):
            document.add_heading(f"{project.code} {project.title}", level=2)
            document.add_paragraph("Hankkeen kuvaus lyhyesti.")
            table = document.add_table(rows=0, cols=2)
            for name, value in _field_values(project).items():
                cells = table.add_row().cells
                cells[0].text = labels[name]
                cells[1].text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_pdf(plan: GeneratedPlan) -> bytes:
    """A PDF with a running footer on every page (fpdf2's core fonts are Latin-1: dashes become '-')."""
    from fpdf import FPDF

    footer_text = f"{plan.municipality_genitive} kaupunki - toimenpidesuunnitelma {plan.period}"

    class PlanPdf(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 10, footer_text)

    pdf = PlanPdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in render_text(plan, style="same_line").splitlines():
        pdf.multi_cell(0, 5, line.replace("–", "-").replace("€", "EUR") or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
