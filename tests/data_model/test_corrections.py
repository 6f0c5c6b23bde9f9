"""Corrections that last, on SQLite and on the real PostgreSQL (the `engine` fixture): a corrected value is the value
everywhere with the read value kept, a bad value saves nothing, re-imports keep corrections, the next version of a
plan takes them over where it still reads the same (else a conflict), and a Salkku workbook edited in Excel
becomes corrections of the same plan."""
from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlmodel import Session

from data_model import corrections, export, queries, store
from data_model.corrections import Change, CorrectionError
from data_model.queries import PortfolioFilter
from loaders import load_sheet
from loaders.documents.plan import parse_plan

WHO = "kirsi.korjaaja@testila.fi"
PLAN = """Testilän kaupunki

Tietohallinnon toimenpidesuunnitelma

syksy {year_before}, vuosi {year}

1 Johdanto

Teksti.

2 Perusinfrastruktuurihankkeet, tietohallinto omistajana

2.1 Verkko

Aikataulu: Q3/{year_before}–Q2/{year}

Projektin toteutumisen todennäköisyys: Varmaa - itsestä kiinni

Projektin aikatauluvastuullinen taho: Tietohallinto

Projektin arvioidut kustannukset (investointi, jatkuvat): {network_cost}

3 Palvelualakohtaiset kehityshankkeet, sivistyspalvelut

3.1 Oppimisalusta

Aikataulu: 1/{year}–12/{year}

Projektin toteutumisen todennäköisyys: Epävarmaa - riippuu toimittajasta

Projektin arvioidut kustannukset (investointi, jatkuvat): {platform_cost}
"""


def plan(year: int = 2026, network_cost: str = "20 000 – 50 000 €", platform_cost: str = "Ei tietoa",
         name: str | None = None):  # noqa: ANN201
    text = PLAN.format(year=year, year_before=year - 1, network_cost=network_cost, platform_cost=platform_cost)
    return parse_plan(name or f"testila_{year}.txt", text)


KEY = "testila-toimenpidesuunnitelma-2026"


def frame(engine, key: str = KEY):  # noqa: ANN001, ANN201
    with Session(engine) as session:
        return queries.projects(session, selection=PortfolioFilter(plan_keys=(key,))).set_index("code")


def listed(engine, key: str | None = KEY) -> list[dict]:  # noqa: ANN001
    with Session(engine) as session:
        return corrections.corrections(session, key)


def test_a_corrected_value_is_in_effect_everywhere_and_the_read_value_is_kept(engine):
    store.import_plans(engine, [plan()])
    assert frame(engine).loc["2.1", "one_off_max"] == 50_000
    saved = corrections.correct(engine, KEY, "2.1", [Change("cost_one_off_max", "42000"),
                                                     Change("probability", "unlikely")], "Tarjous saatu", actor=WHO)
    assert [correction.field for correction in saved] == ["costs", "probability"]
    projects = frame(engine)
    assert (projects.loc["2.1", "one_off_min"], projects.loc["2.1", "one_off_max"]) == (20_000, 42_000)
    assert projects.loc["2.1", "probability_class"] == "unlikely"
    assert projects.loc["2.1", "corrected"] == "costs,probability"
    rows = listed(engine)
    assert rows[0]["value_read"] == [{"currency": "EUR", "kind": "one_off", "max": "50000", "min": "20000"}]
    assert rows[0]["value"] == [{"currency": "EUR", "kind": "one_off", "max": "42000", "min": "20000"}]
    assert (rows[1]["value_read"], rows[1]["value"], rows[1]["actor"], rows[1]["reason"]) == (
        "certain", "unlikely", WHO, "Tarjous saatu")
    with Session(engine) as session:
        exported = {row["code"]: row for row in queries.stored_projects_json(session, KEY)}
    assert exported["2.1"]["cost_one_off_max"] == 42_000 and exported["2.1"]["corrected"] == ["costs", "probability"]


@pytest.mark.parametrize(("changes", "code"), [
    ([Change("end", "2024-01")], "end_before_start"),
    ([Change("costs", [{"kind": "one_off", "min": 9, "max": 3, "currency": "EUR"}])], "min_above_max"),
    ([Change("probability", "maybe")], "unknown_code"),
    ([Change("start", "13/2025")], "bad_month"),
    ([Change("title", "")], "title_required"),
    ([Change("cost_one_off_max", "1e20")], "too_large"),
    ([Change("title", "Uusi nimi"), Change("end", "2020-01")], "end_before_start"),
], ids=["end-before-start", "min-above-max", "unknown-class", "bad-month", "no-title", "too-large", "one-bad-of-two"])
def test_a_bad_value_saves_nothing(engine, changes, code):
    store.import_plans(engine, [plan()])
    before = frame(engine)
    with pytest.raises(CorrectionError) as error:
        corrections.correct(engine, KEY, "2.1", changes, "x", actor=WHO)
    assert error.value.code == code
    assert listed(engine) == []
    assert frame(engine).equals(before)


def test_clearing_a_value_makes_it_unknown_never_zero(engine):
    store.import_plans(engine, [plan()])
    corrections.correct(engine, KEY, "2.1", [Change("cost_one_off_max", "unknown"), Change("cost_one_off_min", "unknown"),
                                             Change("start", "unknown")], "ei tiedossa", actor=WHO)
    projects = frame(engine)
    assert pd_isna(projects.loc["2.1", "one_off_max"]) and projects.loc["2.1", "cost_items"] == 0
    assert pd_isna(projects.loc["2.1", "start"])


def pd_isna(value) -> bool:  # noqa: ANN001
    import pandas as pd

    return bool(pd.isna(value))


def test_not_a_project_hides_the_entry_from_every_figure_and_undo_brings_it_back(engine):
    store.import_plans(engine, [plan()])
    [hidden] = corrections.correct(engine, KEY, "3.1", [Change("not_a_project", True)], "johdanto", actor=WHO)
    assert list(frame(engine).index) == ["2.1"]
    with Session(engine) as session:
        assert len(queries.projects(session, selection=PortfolioFilter(plan_keys=(KEY,), include_hidden=True))) == 2
    corrections.undo(engine, hidden.id, actor=WHO)
    assert list(frame(engine).index) == ["2.1", "3.1"]
    assert [row["state"] for row in listed(engine)] == ["undone"]


def test_a_second_correction_of_a_field_supersedes_the_first_and_keeps_the_original_reading(engine):
    store.import_plans(engine, [plan()])
    corrections.correct(engine, KEY, "2.1", [Change("title", "Verkko A")], "1", actor=WHO)
    corrections.correct(engine, KEY, "2.1", [Change("title", "Verkko B")], "2", actor=WHO)
    first, second = listed(engine)
    assert (first["state"], second["state"]) == ("superseded", "applied")
    assert second["value_read"] == "Verkko"  # what the loader read, not the first correction
    corrections.undo(engine, second["id"], actor=WHO)
    assert frame(engine).loc["2.1", "title"] == "Verkko"


def test_re_importing_the_same_document_keeps_every_correction(engine):
    store.import_plans(engine, [plan()])
    corrections.correct(engine, KEY, "2.1", [Change("cost_one_off_max", "42000")], "Tarjous", actor=WHO)
    corrections.correct(engine, KEY, "3.1", [Change("not_a_project", True)], "ei hanke", actor=WHO)
    store.import_plans(engine, [plan(name="testila_2026_final.txt")])  # the same plan, new file
    assert frame(engine).loc["2.1", "one_off_max"] == 42_000
    assert "3.1" not in frame(engine).index
    assert [row["state"] for row in listed(engine)] == ["applied", "applied"]


def test_a_re_import_that_reads_otherwise_turns_the_correction_into_a_conflict(engine):
    store.import_plans(engine, [plan()])
    [fix] = corrections.correct(engine, KEY, "2.1", [Change("cost_one_off_max", "42000")], "Tarjous", actor=WHO)
    store.import_plans(engine, [plan(network_cost="30 000 – 60 000 €")])
    assert frame(engine).loc["2.1", "one_off_max"] == 60_000  # the document's new figure, not the correction
    [row] = listed(engine)
    assert row["state"] == "conflict" and row["new_read"][0]["max"] == "60000"
    with Session(engine) as session:
        assert list(queries.conflicts(session, selection=PortfolioFilter(plan_keys=(KEY,)))["id"]) == [fix.id]
    corrections.apply_conflict(engine, fix.id, actor=WHO)
    assert frame(engine).loc["2.1", "one_off_max"] == 42_000
    assert listed(engine)[0]["value_read"][0]["max"] == "60000"  # now made against what the document says


def test_the_next_version_takes_over_corrections_where_it_reads_the_same(engine):
    store.import_plans(engine, [plan(2026, platform_cost="10 000 €")])
    corrections.correct(engine, KEY, "2.1", [Change("probability", "unlikely")], "Toimittaja myöhässä", actor=WHO)
    corrections.correct(engine, KEY, "3.1", [Change("cost_one_off_max", "12000")], "Lisätyö", actor=WHO)
    # 2027: the network still reads "certain" (the correction follows); the platform's cost now reads 15 000.
    store.import_plans(engine, [plan(2027, platform_cost="15 000 €")])
    later = "testila-toimenpidesuunnitelma-2027"
    projects = frame(engine, later)
    assert projects.loc["2.1", "probability_class"] == "unlikely"
    assert projects.loc["3.1", "one_off_max"] == 15_000
    carried = {row["code"]: row for row in listed(engine, later)}
    assert (carried["2.1"]["state"], carried["2.1"]["source"]) == ("applied", "carried")
    assert carried["3.1"]["state"] == "conflict"
    assert (carried["3.1"]["value_read"][0]["max"], carried["3.1"]["value"][0]["max"],
            carried["3.1"]["new_read"][0]["max"]) == ("10000", "12000", "15000")
    # The earlier plan keeps its own corrections.
    assert [row["state"] for row in listed(engine)] == ["applied", "applied"]


def test_carrying_over_follows_the_project_not_the_number(engine):
    """Plans get renumbered: the same title under a new code is the same project; a code reused for another
    project is not."""
    store.import_plans(engine, [plan(2026)])
    corrections.correct(engine, KEY, "2.1", [Change("probability", "unlikely")], "Toimittaja myöhässä", actor=WHO)
    corrections.correct(engine, KEY, "3.1", [Change("responsible", "Sivistyspalvelut")], "Vastuu siirtyi", actor=WHO)
    renumbered = PLAN.format(year=2027, year_before=2026, network_cost="20 000 – 50 000 €", platform_cost="Ei tietoa")
    # 2.1 is another project now, and the network moved to 3.1 (where the learning platform was).
    renumbered = renumbered.replace("2.1 Verkko", "2.1 Kameravalvonta").replace("3.1 Oppimisalusta", "3.1 Verkko")
    store.import_plans(engine, [parse_plan("testila_2027.txt", renumbered)])
    carried = {row["code"]: row for row in listed(engine, "testila-toimenpidesuunnitelma-2027")}
    assert set(carried) == {"3.1"} and (carried["3.1"]["field"], carried["3.1"]["state"]) == ("probability", "conflict")
    later = frame(engine, "testila-toimenpidesuunnitelma-2027")
    assert later.loc["2.1", "probability_class"] == "certain"  # the correction did not land on the reused code
    assert pd_isna(later.loc["3.1", "responsible_text"])  # the platform's correction did not follow the code


def test_reviews_count_and_a_changed_reading_reopens_the_value(engine):
    store.import_plans(engine, [plan()])
    corrections.correct(engine, KEY, "2.1", [Change("title", "Verkkouudistus")], "nimi", actor=WHO)
    assert corrections.confirm(engine, KEY, "2.1", actor=WHO) == 7  # the title was corrected already
    with Session(engine) as session:
        queue = queries.review_queue(session, selection=PortfolioFilter(plan_keys=(KEY,))).set_index("code")
    assert (queue.loc["2.1", "reviewed"], queue.loc["2.1", "corrected"], queue.loc["2.1", "open"]) == (8, 1, 0)
    assert queue.loc["3.1", "open"] == 8 and list(queue.index) == ["3.1", "2.1"]  # open, unknown values first
    summary = queries.review_summary(queue.reset_index())
    assert (summary.loc[0, "values"], summary.loc[0, "reviewed"], summary.loc[0, "open"]) == (16, 8, 8)
    store.import_plans(engine, [plan(network_cost="30 000 €")])
    with Session(engine) as session:
        queue = queries.review_queue(session, selection=PortfolioFilter(plan_keys=(KEY,))).set_index("code")
    assert queue.loc["2.1", "open"] == 1  # the costs read otherwise now


# ---------------------------------------------------------------- through Excel


def _edit(workbook: bytes, edits: dict[tuple[str, str], object]) -> bytes:
    """Change cells of the projects sheet, found by project code and header, as a person in Excel would."""
    book = load_workbook(io.BytesIO(workbook))
    sheet = book["Hankkeet"]
    headers = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        code = row[headers.index("Koodi")].value
        for (wanted, header), value in edits.items():
            if code == wanted:
                row[headers.index(header)].value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_workbook_edited_in_excel_updates_the_same_plan_with_corrections(engine):
    store.import_plans(engine, [plan()])
    with Session(engine) as session:
        workbook = export.portfolio_workbook(session, PortfolioFilter(plan_keys=(KEY,)))
    edited = _edit(workbook, {("2.1", "Hanke"): "Verkon uusiminen", ("2.1", "Kertakustannus max"): 65000,
                              ("3.1", "Todennäköisyysluokka"): "Epätodennäköinen", ("3.1", "Loppu"): "2026-10"})
    summary = store.import_plans(engine, load_sheet("muokattu.xlsx", edited))
    [result] = summary.plans
    assert (result.key, result.updated, result.corrected, result.replaced) == (KEY, True, 4, [])
    with Session(engine) as session:
        assert len(queries.plans(session)) == 1  # never a second copy of the plan
    projects = frame(engine)
    assert projects.loc["2.1", "title"] == "Verkon uusiminen" and projects.loc["2.1", "one_off_max"] == 65_000
    assert projects.loc["3.1", "probability_class"] == "unlikely"
    assert projects.loc["3.1", "end"].strftime("%Y-%m") == "2026-10"
    rows = listed(engine)
    assert {row["reason"] for row in rows} == {corrections.EXCEL_REASON} and {row["source"] for row in rows} == {"excel"}
    # The same edited workbook again changes nothing more.
    again = store.import_plans(engine, load_sheet("muokattu.xlsx", edited))
    assert again.plans[0].corrected == 0 and len(listed(engine)) == 4


def test_a_sheet_from_elsewhere_still_imports_as_a_plan_of_its_own(engine):
    store.import_plans(engine, [plan()])
    sheet = "Organisaatio;Kausi;Koodi;Hanke\nTestilä;2026;2.1;Verkko\n".encode("utf-8")
    summary = store.import_plans(engine, load_sheet("muu.csv", sheet))
    assert summary.plans[0].key == "testila-toimenpidesuunnitelma-2026" and not summary.plans[0].updated
    assert summary.plans[0].replaced == [KEY]  # a plan's own sheet replaces it, as a document would


def test_corrections_travel_with_an_export_into_a_fresh_store(engine, sqlite_engine):
    store.import_plans(engine, [plan()])
    corrections.correct(engine, KEY, "2.1", [Change("cost_one_off_max", "42000")], "Tarjous", actor=WHO)
    with Session(engine) as session:
        workbook = export.portfolio_workbook(session, PortfolioFilter())
    store.import_plans(sqlite_engine, load_sheet("salkku.xlsx", workbook))
    assert frame(sqlite_engine).loc["2.1", "one_off_max"] == 42_000
    [row] = listed(sqlite_engine)
    assert (row["state"], row["actor"], row["value_read"][0]["max"]) == ("applied", WHO, "50000")
    # ... and still come back when the original document is imported there again.
    store.import_plans(sqlite_engine, [plan()])
    assert frame(sqlite_engine).loc["2.1", "one_off_max"] == 42_000
    assert Decimal(listed(sqlite_engine)[0]["value"][0]["max"]) == 42000
