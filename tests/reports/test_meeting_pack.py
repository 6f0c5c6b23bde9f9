"""The meeting pack: what it says for a selection, checked against the store and the reference plans, and the PDF
and PowerPoint files opened again and read page by page."""
from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader
from sqlmodel import Session

from components.i18n import translate
from data_model.db import make_engine
from data_model.queries import PortfolioFilter
from data_model.sample import load_sample_data
from loaders.__main__ import main
from reports.meeting_pack import build_pack, to_pdf, to_pptx

ROOT = Path(__file__).resolve().parents[2]
NAANTALI_2024 = "naantali-toimenpidesuunnitelma-2024"
NAANTALI_2023 = "naantali-toimenpidesuunnitelma-2023"
ESIMERKKILA_2027 = "esimerkkila-toimenpidesuunnitelma-2027"  # 5 projects, one without a readable schedule
KAUNIAINEN = "kauniainen-toimenpidesuunnitelma-2021-2023"  # no project with a readable schedule
TODAY = date(2026, 12, 3)
HEADINGS = {
    "fi": ["Tunnusluvut", "Aikataulu", "Kustannukset palvelualoittain", "Toteutumisen todennäköisyys",
           "Epävarmat ja epätodennäköiset hankkeet", "IT-resurssien kuormitus kuukausittain",
           "Muutokset edelliseen suunnitelmaan", "Avoimet tarkistettavat"],
    "en": ["Key figures", "Schedule", "Costs by service area", "Probability of completion",
           "Uncertain and unlikely projects", "IT resource load by month", "Changes since the previous plan",
           "Open review items"],
}


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('pack') / 'salkku.db'}"
    engine = make_engine(url)
    load_sample_data(engine)
    engine.dispose()
    return url


def _reference_projects(key: str) -> list[dict]:
    """The plan's projects as the sample data holds them (read from the reference document), not from the store."""
    plans = json.loads((ROOT / "sample_data" / "reference_plans.json").read_text(encoding="utf-8"))
    plans = plans["plans"] if isinstance(plans, dict) else plans
    plan = next(plan for plan in plans if plan.get("key") == key)
    return plan["projects"]


def _pack(store_url: str, language: str, **selection):
    engine = make_engine(store_url)
    with Session(engine) as session:
        pack = build_pack(session, PortfolioFilter(**selection), language, today=TODAY)
    engine.dispose()
    return pack


@pytest.mark.parametrize("language", ["fi", "en"])
def test_pack_says_what_the_plan_holds(store_url, language):
    pack = _pack(store_url, language, plan_keys=(NAANTALI_2024,))
    projects = _reference_projects(NAANTALI_2024)
    assert [section.heading for section in pack.sections] == HEADINGS[language]
    first = pack.sections[0].lines[0]
    assert first == ("Hankkeita: " if language == "fi" else "Projects: ") + str(len(projects))
    plans_line = pack.cover_lines[0]
    assert "Naantali, toimenpidesuunnitelma 2024" in plans_line
    assert pack.made.endswith("3.12.2026" if language == "fi" else "3 Dec 2026")
    uncertain = [project for project in projects if (project.get("probability") or {}).get("probability_class")
                 in ("uncertain", "unlikely")]
    at_risk = pack.sections[4]
    assert len(at_risk.table) == min(len(uncertain), 14)
    texts = " ".join(pack.texts())
    for word in ("None", "nan", "NaT"):
        assert not re.search(rf"\b{word}\b", texts), word


def test_area_selection_is_named_and_counted(store_url):
    whole = _pack(store_url, "fi", plan_keys=(NAANTALI_2024,))
    area = _pack(store_url, "fi", plan_keys=(NAANTALI_2024,), service_areas=("Tietohallinto",))
    projects = [project for project in _reference_projects(NAANTALI_2024) if project.get("service_area") == "Tietohallinto"]
    assert area.subtitle == "Tietohallinto" and whole.subtitle == "koko salkku"
    assert area.sections[0].lines[0] == f"Hankkeita: {len(projects)}"
    costs = area.sections[2].table
    assert list(costs["Palveluala"]) == ["Tietohallinto"]


def test_unknown_costs_are_counted_not_zero(store_url):
    pack = _pack(store_url, "fi", plan_keys=(NAANTALI_2024,))
    table = pack.sections[2].table
    unknown_annual = table[table["Vuosikustannukset"] == "ei tiedossa"]
    assert len(unknown_annual) >= 1  # an area whose annual costs are all unknown says so
    assert all(int(count) > 0 for count in unknown_annual["Kustannus ei tiedossa"])


@pytest.mark.parametrize("language", ["fi", "en"])
def test_pdf_has_a_page_per_topic_with_its_texts(store_url, language):
    pack = _pack(store_url, language, plan_keys=(NAANTALI_2024,))
    reader = PdfReader(io.BytesIO(to_pdf(pack)))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 1 + len(pack.sections)
    assert "Naantali" in pages[0] and pack.made in pages[0]
    for page, heading in zip(pages[1:], HEADINGS[language]):
        assert page.startswith(heading)
    assert "€" in pages[1]
    images = [len(page.images) for page in reader.pages]
    assert sum(images) == sum(1 for section in pack.sections if section.chart_png)


@pytest.mark.parametrize("language", ["fi", "en"])
def test_pptx_has_a_slide_per_topic_inside_the_slide(store_url, language):
    pack = _pack(store_url, language, plan_keys=(NAANTALI_2024,))
    deck = Presentation(io.BytesIO(to_pptx(pack)))
    slides = list(deck.slides)
    assert len(slides) == 1 + len(pack.sections)
    assert slides[0].shapes.title.text == pack.title
    assert [slide.shapes.title.text for slide in slides[1:]] == HEADINGS[language]
    for slide in slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= deck.slide_width and shape.top + shape.height <= deck.slide_height, \
                (slide.shapes.title.text, shape.name)
    pictures = sum(1 for slide in slides for shape in slide.shapes if shape.shape_type == 13)  # PICTURE
    assert pictures == sum(1 for section in pack.sections if section.chart_png)


def test_command_line_writes_both_formats(store_url, tmp_path, capsys):
    for form in ("pdf", "pptx"):
        out = tmp_path / f"kokous.{form}"
        assert main(["meeting-pack", "--plan", NAANTALI_2024, "--area", "Tietohallinto", "--format", form,
                     "--lang", "en", "--out", str(out), "--database-url", store_url]) == 0
        assert out.stat().st_size > 10_000
    assert "Tietohallinto" in capsys.readouterr().out


def test_command_line_names_an_unknown_plan_or_area(store_url, tmp_path, capsys):
    out = tmp_path / "kokous.pdf"
    assert main(["meeting-pack", "--plan", "ei-ole", "--format", "pdf", "--out", str(out),
                 "--database-url", store_url]) == 1
    assert "ei-ole" in capsys.readouterr().err
    assert main(["meeting-pack", "--area", "Avaruushallinto", "--format", "pdf", "--out", str(out),
                 "--database-url", store_url]) == 1
    assert "Avaruushallinto" in capsys.readouterr().err
    assert not out.exists()


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _pptx_text(data: bytes) -> str:
    found = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                found.append(shape.text_frame.text)
            if shape.has_table:
                found += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(found)


def _no_missing_values(text: str) -> None:
    for word in ("None", "nan", "NaT"):
        assert not re.search(rf"\b{word}\b", text), word


ONE_UNKNOWN = {"fi": "1 hanke ilman luettavaa aikataulua.", "en": "1 project without a readable schedule."}


@pytest.mark.parametrize("language", ["fi", "en"])
@pytest.mark.parametrize(("plans", "more"), [
    ((ESIMERKKILA_2027,), None),  # every scheduled project fits the chart
    ((ESIMERKKILA_2027, NAANTALI_2023, NAANTALI_2024), 17),  # 47 scheduled: 30 drawn, 17 counted under the chart
], ids=["chart-fits", "chart-full"])
def test_one_project_without_a_schedule_is_said_in_the_singular(store_url, language, plans, more):
    pack = _pack(store_url, language, plan_keys=plans)
    schedule = pack.sections[1]
    assert ONE_UNKNOWN[language] in schedule.lines
    if more is not None:
        assert (f"{more} hanketta, joiden aikataulu on tiedossa, ei mahdu kaavioon." if language == "fi"
                else f"{more} more projects with a schedule are not in the chart.") in schedule.lines
    pdf, pptx = _pdf_text(to_pdf(pack)), _pptx_text(to_pptx(pack))
    for text in (pdf, pptx):
        assert ONE_UNKNOWN[language] in text
        assert ("1 hanketta" if language == "fi" else "1 projects") not in text
        _no_missing_values(text)
    _no_missing_values(" ".join(pack.texts()))


@pytest.mark.parametrize("language", ["fi", "en"])
def test_a_selection_without_any_schedule_is_counted_not_drawn(store_url, language):
    pack = _pack(store_url, language, plan_keys=(KAUNIAINEN,))
    schedule = pack.sections[1]
    assert schedule.chart_png is None
    assert schedule.lines == ["22 hanketta ilman luettavaa aikataulua." if language == "fi"
                              else "22 projects without a readable schedule."]
    _no_missing_values(" ".join(pack.texts()))


@pytest.mark.parametrize("language", ["fi", "en"])
def test_counts_under_a_full_table_and_in_the_load_are_plural_aware(store_url, language):
    pack = _pack(store_url, language, plan_keys=(ESIMERKKILA_2027, NAANTALI_2023, NAANTALI_2024))
    at_risk, load = pack.sections[4], pack.sections[5]
    assert len(at_risk.table) == 14
    assert at_risk.lines == [f"{23 - 14} hanketta ei mahdu taulukkoon." if language == "fi"
                             else f"{23 - 14} more projects are not in the table."]
    one, other = ("hanke", "hanketta") if language == "fi" else ("project", "projects")
    for line in load.lines[1:]:  # "tammi 2027: 5 hanketta", under the heading line
        count, word = re.fullmatch(r".+: (\d+) (\w+)", line).groups()
        assert word == (one if count == "1" else other), line


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_load_names_the_busiest_coming_months_not_past_ones(store_url, language):
    """The Naantali 2024 plan peaks in 2024: a pack made later lists the months from today on, under a heading
    that says they are coming ones (a 2024 peak would read as a warning)."""
    pack = _pack(store_url, language, plan_keys=(ESIMERKKILA_2027, NAANTALI_2024))
    load = pack.sections[5]
    assert load.lines[0] == translate("overview.busiest_coming", language) + ":"
    months = [re.fullmatch(r"(.+): \d+ \w+", line).group(1) for line in load.lines[1:]]
    assert months and all(month.endswith(("2026", "2027", "2028")) for month in months), months
    assert not any("2024" in line for line in load.lines)
