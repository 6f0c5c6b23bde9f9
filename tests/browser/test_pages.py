"""Every page in a real browser, in Finnish and English, and the interactions a user relies on:
the Gantt and the heatmap draw, a filter narrows the register, a shared link restores filters,
downloads arrive, an import goes through, a register row opens the project's details."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest

from components.i18n import TEXTS
from tests.browser.conftest import APP_TODAY
from tests.browser.helpers import (
    assert_no_exception,
    choose_in_multiselect,
    grid_cell,
    grid_row_count,
    heading,
    open_app,
    screenshot,
    sidebar_combobox,
    wait_for_app,
    wait_for_grid_row_count,
)

pytestmark = pytest.mark.browser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PLAN = PROJECT_ROOT / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md"

# URL path -> the TEXTS key of the page's title. The default page is served at the root URL.
PAGES = {
    "": "page.overview",
    "aikataulu": "page.schedule",
    "kustannukset": "page.costs",
    "todennakoisyys": "page.probability",
    "resurssit": "page.resources",
    "hankkeet": "page.projects",
    "suunnitelmat": "page.plans",
    "tietojen-laatu": "page.quality",
    "tuonti": "page.import",
}
PAGE_IDS = [path or "yleiskuva" for path in PAGES]
# The language (like every filter) is mirrored in the URL as a code, so links work in either language.
ENGLISH = "lang=en"
REGISTER = "register"  # the key of the projects register (st.dataframe) on hankkeet
BOM = b"\xef\xbb\xbf"


def _assert_page_found(page) -> None:
    assert not page.get_by_text("Page not found").count(), f"'Page not found' on {page.url}"


@pytest.mark.parametrize("path", list(PAGES), ids=PAGE_IDS)
def test_page_opens_in_finnish(page, app_url, path):
    open_app(page, app_url, path)
    assert_no_exception(page)
    _assert_page_found(page)
    assert heading(page) == TEXTS[PAGES[path]][0]
    screenshot(page, f"page-{path or 'yleiskuva'}")


@pytest.mark.parametrize("path", list(PAGES), ids=PAGE_IDS)
def test_page_opens_in_english(page, app_url, path):
    open_app(page, app_url, path, ENGLISH)
    assert_no_exception(page)
    _assert_page_found(page)
    assert heading(page) == TEXTS[PAGES[path]][1]
    assert ENGLISH in page.url  # the choice stays in the link
    screenshot(page, f"page-{path or 'yleiskuva'}-en")


def test_gantt_draws_bars_and_today(page, app_url):
    open_app(page, app_url, "aikataulu")
    chart = page.locator('.st-key-gantt [data-testid="stPlotlyChart"]')
    chart.wait_for()
    # Plotly draws each bar as a path in .barlayer .point (the same paths as g.trace.bars path).
    page.wait_for_function(
        """() => document.querySelectorAll(
            '.st-key-gantt [data-testid="stPlotlyChart"] .js-plotly-plot .barlayer .point path').length > 10""",
        timeout=30_000,
    )
    bars = chart.locator(".js-plotly-plot .barlayer .point path").count()
    assert bars > 10, bars
    assert chart.locator(".annotation-text", has_text="Tänään").count() == 1
    assert_no_exception(page)


def test_heatmap_draws(page, app_url):
    open_app(page, app_url, "resurssit")
    chart = page.locator('.st-key-heatmap [data-testid="stPlotlyChart"]')
    chart.wait_for()
    # Plotly paints a heatmap as one <image> (a PNG data URL) in g.heatmaplayer > g.hm.
    image = chart.locator(".js-plotly-plot g.heatmaplayer g.hm image")
    image.wait_for(state="attached", timeout=30_000)
    href = image.get_attribute("href") or image.get_attribute("xlink:href") or ""
    assert href.startswith("data:image/png"), href[:40]
    box = image.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 50, box
    assert chart.locator(".colorbar").count() == 1
    assert_no_exception(page)


def test_service_area_filter_narrows_register(page, app_url):
    open_app(page, app_url, "hankkeet")
    before = grid_row_count(page, REGISTER)
    assert before > 20, before
    choose_in_multiselect(page, "Palveluala", "Tietohallinto")
    after = wait_for_grid_row_count(page, REGISTER, f"n < {before}")
    wait_for_app(page)
    assert 0 < after < before, (before, after)
    assert "area=Tietohallinto" in page.url
    assert_no_exception(page)


def test_shared_link_restores_filters(page, app_url):
    open_app(page, app_url, "hankkeet", "org=Kauniainen")
    assert grid_row_count(page, REGISTER) == 22  # aria-rowcount 23 = 22 rows + the header row
    tags = page.locator('.st-key-org [data-testid="stMultiSelectTagsContainer"] [data-tag]')
    assert tags.all_inner_texts() == ["Kauniainen"]
    assert grid_cell(page, REGISTER, 1, 0) == "Kauniainen"
    assert_no_exception(page)


def test_downloads_match_register(page, app_url, tmp_path):
    open_app(page, app_url, "hankkeet")
    rows = grid_row_count(page, REGISTER)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Lataa CSV").click()
    download = download_info.value
    assert download.suggested_filename == f"hankkeet_{APP_TODAY}.csv"  # the selection (all) and the date
    csv_path = tmp_path / download.suggested_filename
    download.save_as(csv_path)
    raw = csv_path.read_bytes()
    assert raw.startswith(BOM)
    records = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))  # Finnish Excel
    assert "Koodi" in records[0]
    assert len(records) - 1 == rows

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Lataa Excel").click()
    download = download_info.value
    assert download.suggested_filename == f"hankkeet_{APP_TODAY}.xlsx"
    xlsx_path = tmp_path / download.suggested_filename
    download.save_as(xlsx_path)
    workbook = openpyxl.load_workbook(xlsx_path)
    # The data sheet is the one whose header row names the code column (a cover sheet may precede it).
    sheet = next(ws for ws in workbook.worksheets if "Koodi" in [cell.value for cell in ws[1]])
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1] if cell.value is not None)
    assert sheet.max_row - 1 == rows
    assert_no_exception(page)


def _upload(page, name: str, mime: str, payload: bytes) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": payload}]
    )


def test_import_through_browser(page, isolated_app_url):
    """Uses a server of its own: the import adds a plan, which would change the counts other tests check."""
    text = EXAMPLE_PLAN.read_text(encoding="utf-8")
    assert "Esimerkkilän kaupunki" in text
    payload = text.replace("Esimerkkilän kaupunki", "Uusikylän kaupunki").encode("utf-8")

    open_app(page, isolated_app_url, "tuonti")
    _upload(page, "uusi_suunnitelma.md", "text/markdown", payload)
    confirm = page.get_by_role("button", name="Tallenna salkkuun")
    confirm.wait_for()
    wait_for_app(page)
    preview = page.locator('[data-testid="stExpander"]', has_text="uusi_suunnitelma.md")
    assert preview.count() == 1
    assert "Uusikylä" in preview.inner_text()
    assert_no_exception(page)
    screenshot(page, "import-preview")

    confirm.click()
    success = page.locator('[data-testid="stAlertContentSuccess"]')
    success.wait_for()
    wait_for_app(page)
    assert "Tallennettu" in success.inner_text()
    assert_no_exception(page)

    open_app(page, isolated_app_url)  # the root page first, as a user coming back would
    assert_no_exception(page)
    open_app(page, isolated_app_url, "suunnitelmat")
    # A read-only st.dataframe gets no st-key-* class (only selectable ones do): the plan list is the first grid.
    plan_list = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first.locator('table[role="grid"]')
    plan_list.wait_for(state="attached")
    cells = plan_list.locator("td").all_inner_texts()
    assert "Uusikylä, toimenpidesuunnitelma 2027" in cells  # named as people name plans
    assert "uusikyla-toimenpidesuunnitelma-2027" in cells
    # The new organisation is offered by the Organisaatio filter too.
    combobox = sidebar_combobox(page, "Organisaatio")
    combobox.click()
    combobox.fill("Uusi")
    page.get_by_role("option", name="Uusikylä", exact=True).wait_for()
    page.keyboard.press("Escape")


def test_import_rejects_bad_file(page, app_url):
    open_app(page, app_url, "tuonti")
    _upload(page, "rikki.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"Tama ei ole Word-tiedosto vaan pelkkaa tekstia.\n")
    error = page.locator('[data-testid="stAlertContentError"]').first
    error.wait_for()
    wait_for_app(page)
    assert "rikki.docx" in error.inner_text()
    assert page.get_by_role("button", name="Tallenna salkkuun").count() == 0
    assert_no_exception(page)
    screenshot(page, "import-bad-file")


def test_register_row_opens_detail(page, app_url):
    open_app(page, app_url, "hankkeet")
    row = 2  # the third row: in view without scrolling
    code = grid_cell(page, REGISTER, 4, row)  # columns: organisation, plan, service area, code, title, …
    title = grid_cell(page, REGISTER, 5, row)
    assert re.match(r"^[\w.]+$", code), code
    # Glide draws the grid on a canvas: click the row's selection checkbox (the row-marker column at the
    # left edge) at its position. The header row is ~36 px and each row 35 px high.
    canvas = page.locator(f'.st-key-{REGISTER} [data-testid="stDataFrame"] canvas').first
    box = canvas.bounding_box()
    assert box, "no canvas for the register"
    page.mouse.click(box["x"] + 15, box["y"] + 36 + row * 35 + 17)
    detail = page.locator('[data-testid="stMain"] [data-testid="stHeading"] h3', has_text=f"{code} {title}")
    detail.wait_for()
    wait_for_app(page)
    assert detail.inner_text().strip() == f"{code} {title}"
    assert_no_exception(page)
    screenshot(page, "page-hankkeet-detail")


def test_the_calibration_chart_and_the_milestone_trend_draw(page, app_url):
    """What "likely" has meant, as bars with their ranges, and a project's planned end across plan versions."""
    open_app(page, app_url, "todennakoisyys", "plan=&cal-org=Naantali")
    chart = page.locator('.st-key-calibration-chart [data-testid="stPlotlyChart"]')
    chart.wait_for()
    page.wait_for_function(
        """() => document.querySelectorAll('.st-key-calibration-chart .js-plotly-plot .barlayer .point').length > 0""",
        timeout=30_000,
    )
    assert page.get_by_text(TEXTS["calibration.heading"][0]).count() == 1
    assert chart.locator(".js-plotly-plot .errorbar").count() > 0  # the 90 % ranges
    assert_no_exception(page)
    screenshot(page, "probability-calibration")

    open_app(page, app_url, "suunnitelmat", "plan=&cmp=Naantali&old=naantali-toimenpidesuunnitelma-2022"
             "&new=naantali-toimenpidesuunnitelma-2023")
    trend = page.locator('.st-key-trend-chart [data-testid="stPlotlyChart"]')
    trend.wait_for()
    page.wait_for_function(
        """() => document.querySelectorAll('.st-key-trend-chart .js-plotly-plot .scatterlayer .trace').length > 0""",
        timeout=30_000,
    )
    assert trend.locator(".js-plotly-plot .scatterlayer .point").count() >= 2  # one marker per plan version
    assert_no_exception(page)
    screenshot(page, "plans-history")
