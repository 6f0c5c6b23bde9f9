"""Correcting on the Projects page and reviewing on the Data quality page, through AppTest."""
from __future__ import annotations

from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from components.i18n import translate
from components.text import escape_markdown
from data_model import corrections, store
from data_model.db import get_engine
from data_model.queries import PortfolioFilter, projects
from loaders import load_document
from tests.pages.conftest import PROJECT_ROOT, run_page

KEY = "esimerkkila-toimenpidesuunnitelma-2027"
EXAMPLE = PROJECT_ROOT / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md"
FORM = f"fix-{KEY}-2_2"


def fi(key: str, **values: object) -> str:
    return translate(key, "fi", **values)


def open_project(code: str = "2.2") -> AppTest:
    at = run_page("hankkeet", query={"project": f"{KEY}/{code}"})
    assert not at.exception, [element.value for element in at.exception]
    return at


def fields(at: AppTest):  # noqa: ANN201
    return next(element.value for element in at.dataframe if element.value.columns.tolist()[:1] == [fi("projects.field")]
                and fi("correction.read") in element.value.columns).set_index(fi("projects.field"))


def stored(sample_store: str):  # noqa: ANN201
    with Session(get_engine(sample_store)) as session:
        return projects(session, selection=PortfolioFilter(plan_keys=(KEY,))).set_index("code"), \
            corrections.corrections(session, KEY)


def test_the_form_saves_corrections_and_the_detail_marks_them(sample_store):
    at = open_project()
    at.text_input(key=f"{FORM}-title").set_value("Työasemien vaihto 2027")
    at.number_input(key=f"{FORM}-costs-0-max").set_value(250000.0)
    at.text_input(key=f"{FORM}-reason").set_value("Tarjous saatu")
    at.button(key=f"{FORM}-save").click().run()
    assert not at.exception, [element.value for element in at.exception]
    assert fi("correction.saved", count=2) in [element.value for element in at.success]
    table = fields(at)
    assert table.loc[fi("correction.field.title"), fi("correction.state")] == fi("correction.marker")
    assert table.loc[fi("correction.field.title"), fi("correction.read")] == "Työasemien elinkaarivaihto"
    assert "250\u00a0000\u00a0€" in table.loc[fi("correction.field.costs"), fi("projects.in_effect")]
    assert "210\u00a0000\u00a0€" in table.loc[fi("correction.field.costs"), fi("correction.read")]
    frame, rows = stored(sample_store)
    assert frame.loc["2.2", "title"] == "Työasemien vaihto 2027" and frame.loc["2.2", "one_off_max"] == 250_000
    assert [row["field"] for row in rows] == ["title", "costs"] and rows[0]["reason"] == "Tarjous saatu"


def test_a_bad_value_in_the_form_is_named_and_nothing_is_saved(sample_store):
    at = open_project()
    at.text_input(key=f"{FORM}-end").set_value("2026-01")
    at.text_input(key=f"{FORM}-reason").set_value("x")
    at.button(key=f"{FORM}-save").click().run()
    errors = [element.value for element in at.error]
    assert any(fi("correction.not_saved") in text and "2026-01" in text for text in errors), errors
    assert stored(sample_store)[1] == []


def test_the_minimum_above_the_maximum_is_refused(sample_store):
    at = open_project()
    at.number_input(key=f"{FORM}-costs-0-min").set_value(300000.0)
    at.text_input(key=f"{FORM}-reason").set_value("x")
    at.button(key=f"{FORM}-save").click().run()
    assert any(fi("correction.error.min_above_max", item=1) in element.value for element in at.error)
    assert stored(sample_store)[1] == []


def test_a_correction_needs_a_reason(sample_store):
    at = open_project()
    at.text_input(key=f"{FORM}-title").set_value("Uusi nimi")
    at.button(key=f"{FORM}-save").click().run()
    assert fi("correction.error.reason_required") in [element.value for element in at.error]
    assert stored(sample_store)[1] == []


def test_undo_in_the_history_brings_the_read_value_back(sample_store):
    engine = get_engine(sample_store)
    at = open_project()  # the app loads the sample data on its first run
    [fix] = corrections.correct(engine, KEY, "2.2", [corrections.Change("probability", "unlikely")], "myöhässä", actor="t")
    at = open_project()
    assert fields(at).loc[fi("correction.field.probability"), fi("projects.in_effect")] == fi("probability.unlikely")
    at.selectbox(key="undo-choice").set_value(fix.id)
    at.button(key="undo-correction").click().run()
    assert fi("correction.undone", number=fix.id) in [element.value for element in at.success]
    assert fields(at).loc[fi("correction.field.probability"), fi("projects.in_effect")] == fi("probability.uncertain")


def test_the_review_queue_confirms_a_project_and_counts_it(sample_store):
    at = run_page("tietojen-laatu", query={"plan": KEY})
    assert not at.exception, [element.value for element in at.exception]
    summary = at.dataframe[0].value
    assert (summary.iloc[0][fi("review.values")], summary.iloc[0][fi("review.reviewed")]) == (40, 0)
    queue = next(element for element in at.dataframe if element.key == "review-queue").value
    first = queue.iloc[0]
    assert first[fi("col.code")] == "4.1"  # the project with parse notes and unknown values comes first
    at.session_state["review-queue"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    at.button(key="review-confirm").click().run()
    assert fi("review.confirmed", count=8, code=escape_markdown("4.1")) in [element.value for element in at.success]
    summary = at.dataframe[0].value
    assert (summary.iloc[0][fi("review.reviewed")], summary.iloc[0][fi("review.open")]) == (8, 32)


def test_a_conflict_is_listed_and_can_be_kept(sample_store, tmp_path):
    engine = get_engine(sample_store)
    run_page("yleiskuva")  # sample data in
    corrections.correct(engine, KEY, "2.2", [corrections.Change("cost_one_off_max", "250000")], "Tarjous", actor="t")
    changed = EXAMPLE.read_text(encoding="utf-8").replace("180 000 – 210 000 €", "190 000 – 220 000 €")
    assert changed != EXAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "esimerkkila_2027_korjattu.md"
    path.write_text(changed, encoding="utf-8")
    store.import_plans(engine, [load_document(path)])
    at = run_page("tietojen-laatu", query={"plan": KEY})
    assert any(fi("review.conflicts_help", count=1) == element.value for element in at.warning)
    at.button(key="conflict-keep").click().run()
    assert not at.exception
    frame, rows = stored(sample_store)
    assert frame.loc["2.2", "one_off_max"] == 250_000 and rows[-1]["state"] == "applied"
