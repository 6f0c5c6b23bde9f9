"""Links and selections that mean the same thing tomorrow: plans by key in the URL (a missing key shows a warning
and nothing in its place), a stable default, the compared pair and the opened project in the URL, plans deleted
on the Plans page, the sample data marked and removed, and figures that follow the store's revision."""
from __future__ import annotations

import os
import subprocess
import sys

from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from components.i18n import translate
from components.text import escape_markdown
from data_model import queries, store
from data_model.db import get_engine, make_engine
from data_model.sample import ensure_sample_data
from loaders.records import PlanRecord, ProjectRecord
from tests.pages.conftest import PROJECT_ROOT, run_page

LATEST_NAANTALI = "naantali-toimenpidesuunnitelma-2024"
EXAMPLE = PROJECT_ROOT / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md"


def fi(key: str, **values: object) -> str:
    return translate(key, "fi", **values)


def metric(at: AppTest, key: str) -> str:
    return {element.label: element.value for element in at.metric}[fi(key)]


def warnings(at: AppTest) -> list[str]:
    return [element.value for element in at.warning]


def register(at: AppTest):  # noqa: ANN201
    return next(element for element in at.dataframe if element.key == "register").value


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [element.value for element in at.exception]


# --- plans by key -------------------------------------------------------------------------------------------


def test_a_link_with_a_plan_key_shows_that_plan(sample_store):
    at = run_page("hankkeet", query={"plan": LATEST_NAANTALI})
    assert_clean(at)
    assert at.multiselect(key="plan").value == [LATEST_NAANTALI]
    assert len(register(at)) == 23
    assert not warnings(at)


def test_a_link_naming_a_plan_the_store_lacks_warns_and_shows_nothing_for_it(sample_store):
    at = run_page("yleiskuva", query={"plan": "vantaa-toimenpidesuunnitelma-2031"})
    assert_clean(at)
    assert any("vantaa\\-toimenpidesuunnitelma\\-2031" in text for text in warnings(at)), warnings(at)
    # Nothing, never everything: no key figures are drawn from the other plans.
    assert not at.metric
    assert fi("common.empty_selection") in [element.value for element in at.info]


def test_a_missing_key_beside_a_present_one_shows_only_the_present_plan(sample_store):
    at = run_page("hankkeet", query={"plan": [LATEST_NAANTALI, "vantaa-toimenpidesuunnitelma-2031"]})
    assert_clean(at)
    assert len(register(at)) == 23
    assert len(warnings(at)) == 1
    assert set(at.query_params["plan"]) == {LATEST_NAANTALI, "vantaa-toimenpidesuunnitelma-2031"}  # the link keeps it


def test_an_empty_plan_parameter_still_means_all_plans(sample_store):
    at = run_page("hankkeet", query={"plan": ""})
    assert_clean(at)
    assert at.multiselect(key="plan").value == []
    assert len(register(at)) == 116


def test_the_url_always_names_the_plans_shown(sample_store):
    at = run_page("hankkeet")
    with Session(get_engine(sample_store)) as session:
        defaults = queries.default_plan_keys(queries.plans(session))
    assert sorted(at.query_params["plan"]) == sorted(defaults)


def _twin(key: str) -> PlanRecord:
    return PlanRecord(source_name=f"{key}.xlsx", checksum=key, title="ICT-ohjelma", organisation="Muutala",
                      period="2026", key=key, projects=[ProjectRecord(code="1", title=f"Hanke {key}", service_area="IT")])


def test_the_default_plan_stays_the_same_on_every_rerun(sample_store):
    """Two plans with the same organisation, title and period: the key decides, and it decides the same way."""
    engine = make_engine(sample_store)
    ensure_sample_data(engine)
    store.import_plans(engine, [_twin("muutala-ohjelma-b"), _twin("muutala-ohjelma-a")])
    engine.dispose()
    at = run_page("hankkeet")
    first = at.multiselect(key="plan").value
    assert "muutala-ohjelma-b" in first and "muutala-ohjelma-a" not in first  # import time, then the key
    for step in (lambda: at.text_input(key="q").set_value("Hanke").run(),
                 lambda: at.segmented_control(key="lang").set_value("en").run(),
                 lambda: at.text_input(key="q").set_value("").run(),
                 lambda: at.run()):
        step()
        assert_clean(at)
        assert at.multiselect(key="plan").value == first


# --- the compared pair and the opened project --------------------------------------------------------------


def test_the_compared_pair_is_kept_in_the_url(sample_store):
    at = run_page("suunnitelmat", query={"cmp": "Naantali", "old": "naantali-toimenpidesuunnitelma-2022",
                                         "new": LATEST_NAANTALI})
    assert_clean(at)
    assert at.selectbox(key="old").value == "naantali-toimenpidesuunnitelma-2022"
    assert at.selectbox(key="new").value == LATEST_NAANTALI
    at.selectbox(key="old").set_value("naantali-toimenpidesuunnitelma-2023").run()
    assert at.query_params["old"] == "naantali-toimenpidesuunnitelma-2023"
    assert at.query_params["cmp"] == "Naantali" and at.query_params["new"] == LATEST_NAANTALI


def test_a_link_to_a_project_opens_it_also_after_its_plan_was_imported_again(sample_store):
    link = f"{LATEST_NAANTALI}/2.1"
    at = run_page("hankkeet", query={"project": link})
    assert_clean(at)
    heading = [element.value for element in at.subheader if element.value.startswith("2\\.1 ")]
    assert len(heading) == 1
    # The plan goes and comes back with new ids; the link names the plan key and the code, not ids.
    engine = get_engine(sample_store)
    with Session(engine) as session:
        again = queries.plan_contents(session, [LATEST_NAANTALI])
    assert again
    from loaders import load_document  # the example plan stands in for a re-import of another plan

    store.import_plans(engine, [load_document(EXAMPLE)])
    at = run_page("hankkeet", query={"project": link})
    assert [element.value for element in at.subheader if element.value.startswith("2\\.1 ")] == heading


def test_a_link_to_a_project_the_store_lacks_warns(sample_store):
    at = run_page("hankkeet", query={"project": "vantaa-toimenpidesuunnitelma-2031/9.9"})
    assert_clean(at)
    assert fi("projects.missing", project=escape_markdown("vantaa-toimenpidesuunnitelma-2031/9.9")) in warnings(at)


# --- managing plans on the Plans page ----------------------------------------------------------------------


def test_deleting_a_plan_asks_first_then_removes_only_that_plan(sample_store):
    at = run_page("suunnitelmat", query={"plan": ""})
    before = len(at.dataframe[0].value)
    at.multiselect(key="delete-plans").set_value(["kauniainen-toimenpidesuunnitelma-2021-2023"]).run()
    assert_clean(at)
    assert any("22" in text for text in warnings(at))  # what goes: the plan and its 22 projects
    with Session(get_engine(sample_store)) as session:
        assert len(queries.plans(session)) == before  # nothing is deleted before the confirmation
    at.button(key="delete-plans-confirm").click().run()
    assert_clean(at)
    assert fi("plans.deleted", count=1, projects=fi("count.projects", count=22)) in [element.value for element in at.success]
    with Session(get_engine(sample_store)) as session:
        keys = set(queries.plans(session)["key"])
    assert "kauniainen-toimenpidesuunnitelma-2021-2023" not in keys and len(keys) == before - 1


def test_the_sample_data_is_badged_and_removed_with_one_button(sample_store):
    at = run_page("hankkeet")
    labels = [at.multiselect(key="plan").format_func(key) for key in at.multiselect(key="plan").options]
    assert all(label.endswith("· demo") for label in labels)
    assert fi("filter.demo_in_selection") in [element.value for element in at.sidebar.info]
    at.switch_page("pages/plans.py").run()
    at.checkbox(key="delete-demo-confirm").check().run()
    at.button(key="delete-demo").click().run()
    assert_clean(at)
    assert fi("common.empty_store") in [element.value for element in at.info]
    with Session(get_engine(sample_store)) as session:
        assert queries.plans(session).empty


# --- another process changes the store ----------------------------------------------------------------------


def test_a_change_made_by_another_process_shows_on_the_next_rerun(sample_store, tmp_path):
    at = run_page("yleiskuva", query={"plan": ""})
    assert metric(at, "overview.projects") == "116"
    sheet = tmp_path / "muutala.csv"
    sheet.write_text("Organisaatio;Koodi;Hanke\nMuutala;M-1;Verkko\nMuutala;M-2;Palvelin\n", encoding="utf-8")
    environment = {**os.environ, "DATABASE_URL": sample_store, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run([sys.executable, "-m", "loaders", "import", str(sheet)], cwd=PROJECT_ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    at.run()  # the same server process, its caches warm: the store's revision moved on
    assert_clean(at)
    assert metric(at, "overview.projects") == "118"
