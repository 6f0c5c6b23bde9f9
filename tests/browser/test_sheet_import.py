"""A real export (UK GMPP 2021, CSV) imported through the browser with the shipped mapping profile."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.helpers import assert_no_exception, open_app, screenshot, wait_for_app

pytestmark = pytest.mark.browser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GMPP_2021 = PROJECT_ROOT.parent / "shared" / "external" / "gmpp" / "uk_2021.csv"
PROFILE = "UK GMPP 2020–2023"


def test_gmpp_sheet_imports_with_the_shipped_profile(page, isolated_app_url):
    """Uses a server of its own (isolated_app_url opens the root first): the import adds a plan."""
    if not GMPP_2021.is_file():
        pytest.skip(f"the GMPP 2021 export is not at {GMPP_2021}")

    open_app(page, isolated_app_url, "tuonti")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": GMPP_2021.name, "mimeType": "text/csv", "buffer": GMPP_2021.read_bytes()}]
    )
    mapping = page.locator('[data-testid="stExpander"]', has_text=f"Sarakemäärittely: {GMPP_2021.name}")
    mapping.wait_for()
    wait_for_app(page)
    assert_no_exception(page)

    combobox = mapping.get_by_role("combobox", name="Sarakemäärittely", exact=True)
    combobox.click()
    combobox.fill("UK GMPP")
    page.get_by_role("option", name=PROFILE, exact=True).click()
    wait_for_app(page)
    assert_no_exception(page)

    # The profile's currency and unit reach the widgets the browser shows (and sends back on the next run).
    # (Keyed elements carry the class st-key-<key>; the first sheet's editor keys start with "map-0".)
    assert page.locator(".st-key-map-0-currency input[role=combobox]").input_value() == "GBP"
    assert page.locator(".st-key-map-0-unit input[role=combobox]").input_value() == "1 000 000"

    summary = page.get_by_text(f"{GMPP_2021.name}: UK Government, 2021, 184 hanketta,")
    summary.wait_for()
    assert summary.inner_text().rstrip().endswith("huomiota")
    screenshot(page, "import-sheet")

    page.get_by_role("button", name="Tallenna salkkuun").click()
    success = page.locator('[data-testid="stAlertContentSuccess"]')
    success.wait_for()
    wait_for_app(page)
    assert "Tallennettu" in success.inner_text() and "hankkeita: 184" in success.inner_text()
    assert_no_exception(page)

    open_app(page, isolated_app_url, "suunnitelmat")
    plan_list = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first.locator('table[role="grid"]')
    plan_list.wait_for(state="attached")
    cells = plan_list.locator("td").all_inner_texts()
    assert "UK Government, Government Major Projects Portfolio 2021" in cells, cells
    assert "uk-government-toimenpidesuunnitelma-2021" in cells, cells
    assert_no_exception(page)
