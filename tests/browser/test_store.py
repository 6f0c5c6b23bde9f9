"""What a person sees when the store changes: two servers on one PostgreSQL store show each other's changes on
their next rerun, and the Import page asks before it replaces a stored plan."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from data_model.db import make_engine
from data_model.queries import plans
from tests.browser.conftest import serve_app
from tests.browser.helpers import assert_no_exception, metric_value, open_app, pick_option, screenshot, wait_for_app
from tests.conftest import empty_postgres_schema, postgres_with_sample

PROJECT_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PLAN = PROJECT_ROOT / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md"
PROJECTS = "Hankkeita"


@pytest.fixture
def shared_postgres(postgres_database_url):
    yield postgres_with_sample(postgres_database_url)
    empty_postgres_schema(postgres_database_url)


def test_a_plan_deleted_through_one_server_is_gone_on_the_other(browser, shared_postgres, tmp_path):
    # A shared store without sign-in is read-only unless anonymous editing is switched on (the sign-in tests cover roles).
    editing = {"SALKKU_ALLOW_ANONYMOUS_EDIT": "1"}
    with serve_app(tmp_path / "a", shared_postgres, environment=editing) as server_a, \
            serve_app(tmp_path / "b", shared_postgres) as server_b:
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="fi-FI")
        context.set_default_timeout(30_000)
        try:
            viewer = context.new_page()
            open_app(viewer, server_b)  # warm: server B caches the figures of the whole store
            open_app(viewer, server_b, query="plan=")
            assert metric_value(viewer, PROJECTS) == "116"

            editor = context.new_page()
            open_app(editor, server_a)
            open_app(editor, server_a, "suunnitelmat", query="plan=")
            editor.get_by_text("Poista suunnitelmia", exact=True).click()
            combobox = editor.get_by_role("combobox", name="Poistettavat suunnitelmat", exact=True)
            pick_option(editor, combobox, "Kauniainen, ICT-ohjelma 2021–2023")
            wait_for_app(editor)
            confirm = editor.get_by_role("button", name="Vahvista poisto")
            confirm.wait_for()
            screenshot(editor, "plans-delete-confirm")
            confirm.click()
            editor.locator('[data-testid="stAlertContentSuccess"]').wait_for()
            wait_for_app(editor)
            assert "Poistettu 1 suunnitelma (22 hanketta)" in editor.locator('[data-testid="stAlertContentSuccess"]').inner_text()

            viewer.reload()  # the next rerun on server B
            wait_for_app(viewer)
            assert metric_value(viewer, PROJECTS) == "94"
            assert_no_exception(viewer)
        finally:
            context.close()
    engine = make_engine(shared_postgres)
    with Session(engine) as session:
        assert "kauniainen-toimenpidesuunnitelma-2021-2023" not in set(plans(session)["key"])
    engine.dispose()


def test_the_import_page_asks_before_replacing_a_stored_plan(page, isolated_app_url):
    open_app(page, isolated_app_url, "tuonti")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": "esimerkkila_uusi.md", "mimeType": "text/markdown", "buffer": EXAMPLE_PLAN.read_bytes()}]
    )
    warning = page.locator('[data-testid="stAlertContentWarning"]').filter(has_text="korvaa")
    warning.wait_for()
    wait_for_app(page)
    text = warning.inner_text()
    assert "esimerkkila-toimenpidesuunnitelma-2027" in text and "5 hanketta" in text
    assert "esimerkkila_toimenpidesuunnitelma_2027.md" in text  # the file it came from
    save = page.get_by_role("button", name="Tallenna salkkuun")
    assert save.is_disabled()
    screenshot(page, "import-replace-confirm")
    page.get_by_text("Korvaa nämä suunnitelmat").click()
    wait_for_app(page)
    assert save.is_enabled()
    save.click()
    success = page.locator('[data-testid="stAlertContentSuccess"]')
    success.wait_for()
    wait_for_app(page)
    assert "korvasi aiemman" in success.inner_text()
    assert_no_exception(page)


def test_a_cost_corrected_on_the_projects_page_changes_the_overview_total(page, isolated_app_url):
    key = "esimerkkila-toimenpidesuunnitelma-2027"
    open_app(page, isolated_app_url, query=f"plan={key}")
    before = metric_value(page, "Kertakustannukset")
    assert before == "277\u00a0000\u00a0€–307\u00a0000\u00a0€", before

    open_app(page, isolated_app_url, "hankkeet", query=f"plan={key}&project={key}/2.2")
    page.get_by_text("Korjaa arvoja", exact=True).click()
    form = f"fix-{key}-2_2"
    maximum = page.locator(f".st-key-{form}-costs-0-max input")
    maximum.fill("260000")
    page.locator(f".st-key-{form}-reason input").fill("Tarjous saatu")
    screenshot(page, "projects-correction-form")
    page.get_by_role("button", name="Tallenna korjaukset").click()
    success = page.locator('[data-testid="stAlertContentSuccess"]')
    success.wait_for()
    wait_for_app(page)
    assert "Tallennettu 1 korjaus." in success.inner_text()  # singular: Babel's plural rules
    screenshot(page, "projects-corrected")

    open_app(page, isolated_app_url, query=f"plan={key}")
    after = metric_value(page, "Kertakustannukset")
    assert after == "277\u00a0000\u00a0€–357\u00a0000\u00a0€", after  # 2.2's maximum 210 000 -> 260 000
    assert_no_exception(page)
