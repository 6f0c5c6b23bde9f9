"""The Probability page leads with the calibrated view (what each stated class has meant in the organisation's own
plan history) and shows the simulated P50/P80 ends; the stated classes and the editable mapping follow, named so."""
from __future__ import annotations

import pandas as pd
from sqlmodel import Session

from components.i18n import translate
from data_model import history, lineage
from data_model.db import get_engine
from tests.pages.conftest import run_page
from tests.pages.test_pages import texts


def _table_with(at, column: str, number: int = 0) -> pd.DataFrame:  # noqa: ANN001
    """The `number`th table that has `column` (AppTest knows only selectable tables' keys)."""
    return [element.value for element in at.dataframe if column in element.value.columns][number]


def _expected(organisation: str) -> pd.DataFrame:
    with Session(get_engine()) as session:
        return history.history(lineage.build(session), organisation).own


def test_the_calibrated_view_comes_first_and_counts_the_organisations_own_pairs(sample_store):
    at = run_page("todennakoisyys", {"plan": "", "cal-org": "Naantali"})
    assert not at.exception
    headings = [element.value for element in at.subheader] + [element.value for element in at.header]
    assert headings.index(translate("calibration.heading", "fi")) < headings.index(translate("probability.stated", "fi"))
    own = _expected("Naantali")
    assert not own.empty
    shown = _table_with(at, translate("col.calibration_n", "fi"))
    assert shown[translate("col.calibration_n", "fi")].tolist() == [str(value) for value in own["n"]]
    assert shown[translate("probability.class", "fi")].tolist() == [
        translate(f"probability.{value}", "fi") for value in own["class"]]
    # The Naantali history is thin, and no other organisation in the sample has two plans: it says so.
    assert translate("calibration.thin_alone", "fi", count=int(own["n"].sum())) in texts(at)
    assert translate("calibration.help", "fi") in texts(at)
    chart = at.get("plotly_chart")[0]
    assert chart.proto.spec


def test_the_calibrated_view_speaks_english(sample_store):
    at = run_page("todennakoisyys", {"plan": "", "cal-org": "Naantali"}, lang="en")
    shown = _table_with(at, translate("col.calibration_kept", "en"))
    assert len(shown) >= 1
    assert all("None" not in text and "nan" not in text for text in texts(at))


def test_the_project_table_has_simulated_ends_never_for_an_unknown_end(sample_store):
    at = run_page("todennakoisyys", {"plan": ""})
    p50, p80 = translate("col.p50_end", "fi"), translate("col.p80_end", "fi")
    table = _table_with(at, p50)
    assert p80 in table.columns
    with Session(get_engine()) as session:
        from data_model import queries

        projects = queries.projects(session)
    assert len(table) == len(projects)  # the page's rows are the store's projects, in the same order
    unknown_end = projects["end"].isna().to_numpy()
    assert unknown_end.any() and table[p50][unknown_end].isna().all() and table[p80][unknown_end].isna().all()
    assert table[p50][~unknown_end].notna().any()  # some known ends have a history to draw from
    assert any(translate("forecast.help", "fi") == text for text in texts(at))


def test_the_mapping_is_named_as_an_own_assumption(sample_store):
    at = run_page("todennakoisyys")
    assert not at.exception
    assert translate("probability.mapping", "fi") in [element.value for element in at.subheader]
    assert translate("probability.stated", "fi") in [element.value for element in at.header]
