"""Helpers for the real-browser tests: open a page of the app, check it, keep a screenshot.

The data-testid values used here are the ones the installed Streamlit frontend renders
(streamlit/static/static/js/index.*.js): stApp (with data-test-script-state and
data-test-connection-state), stStatusWidget, stStatusWidgetRunningIcon,
stStatusWidgetRunningManIcon, stException, stMetric, stMetricLabel, stMetricValue.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import Page

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = PROJECT_ROOT / "test-output" / "screenshots"

# How long a page may take to finish its script run, in milliseconds.
RUN_TIMEOUT_MS = 60_000
SETTLE_MS = 300
# A taller page is cut off in the screenshot (Chromium's limit is 16384 px).
MAX_SCREENSHOT_HEIGHT = 8000

_RUNNING_INDICATOR = (
    '[data-testid="stStatusWidgetRunningIcon"], '
    '[data-testid="stStatusWidgetRunningManIcon"]'
)


def open_app(page: Page, base_url: str, path: str = "", query: str = "") -> Page:
    """Go to `base_url`/`path`?`query` and wait until the Streamlit script run has finished.

    `path` is a page's URL path (e.g. "hankkeet"); `query` is the query string without "?".
    """
    url = urljoin(base_url.rstrip("/") + "/", path.lstrip("/"))
    if query:
        url += "?" + query.lstrip("?")
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app(page)
    return page


def wait_for_app(page: Page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Wait (bounded) until the app is connected, its script has run and nothing shows it running."""
    page.wait_for_selector('[data-testid="stApp"]', state="attached", timeout=timeout_ms)
    # The frontend marks its state on stApp: "initial" before the first run, then
    # running / notRunning / rerunRequested / stopRequested / compilationError.
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            if (!app) return false;
            const run = app.getAttribute('data-test-script-state');
            const conn = app.getAttribute('data-test-connection-state');
            return conn === 'CONNECTED' && (run === 'notRunning' || run === 'compilationError');
        }""",
        timeout=timeout_ms,
    )
    page.locator(_RUNNING_INDICATOR).first.wait_for(state="hidden", timeout=timeout_ms)
    page.wait_for_timeout(SETTLE_MS)


def assert_no_exception(page: Page) -> None:
    """Fail, showing the traceback text, if the app rendered an exception box."""
    exceptions = page.locator('[data-testid="stException"]')
    count = exceptions.count()
    if count:
        texts = "\n---\n".join(exceptions.nth(i).inner_text() for i in range(count))
        print(f"Streamlit exception(s) on {page.url}:\n{texts}")
        raise AssertionError(f"{count} Streamlit exception(s) on {page.url}:\n{texts}")


def metric_value(page: Page, label: str) -> str:
    """The shown value of the st.metric whose label is exactly `label`."""
    metric = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]').get_by_text(label, exact=True)
    )
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG at test-output/screenshots/<name>.png and return its path.

    Streamlit scrolls inside stMain, not the document, so a plain full-page screenshot stops at the
    viewport: the viewport is made as tall as the main content for the shot, then restored.
    """
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    viewport = page.viewport_size
    try:
        if viewport:
            height = _settled_content_height(page)
            for _ in range(2):  # the content may reflow once at the new height
                target = min(max(viewport["height"], height), MAX_SCREENSHOT_HEIGHT)
                if target == (page.viewport_size or viewport)["height"]:
                    break
                page.set_viewport_size({"width": viewport["width"], "height": target})
                page.wait_for_timeout(SETTLE_MS)
                height = _content_height(page)
        page.screenshot(path=str(path), full_page=True)
    finally:
        if viewport and page.viewport_size != viewport:
            page.set_viewport_size(viewport)
    return path


def _content_height(page: Page) -> int:
    """The scroll height of stMain (the element that scrolls the page's content)."""
    return int(page.evaluate(
        """() => { const main = document.querySelector('[data-testid="stMain"]');
                   return main ? main.scrollHeight : document.body.scrollHeight; }"""
    ))


def _settled_content_height(page: Page, attempts: int = 12, interval_ms: int = 200) -> int:
    """stMain's scroll height once it stops changing (grids and charts draw after the script run ends)."""
    last = _content_height(page)
    for _ in range(attempts):
        page.wait_for_timeout(interval_ms)
        height = _content_height(page)
        if height == last and not page.locator('[data-testid="stMain"] [data-testid="stSkeleton"]').count():
            break
        last = height
    return last


def heading(page: Page) -> str:
    """The text of the page's title (the first h1 of the main area)."""
    title = page.locator('[data-testid="stMain"] [data-testid="stHeading"] h1').first
    title.wait_for()
    return title.inner_text().strip()


def grid_table_selector(key: str) -> str:
    """CSS of the accessible table Glide renders inside the canvas of the st.dataframe keyed `key`.

    The table holds only the rows in view, but its aria-rowcount counts every row plus the header.
    """
    return f'.st-key-{key} [data-testid="stDataFrame"] table[role="grid"]'


def grid_row_count(page: Page, key: str) -> int:
    """The number of data rows of the st.dataframe keyed `key` (aria-rowcount minus the header row)."""
    table = page.locator(grid_table_selector(key))
    table.wait_for(state="attached")
    return int(table.get_attribute("aria-rowcount")) - 1


def wait_for_grid_row_count(page: Page, key: str, predicate_js: str, timeout_ms: int = RUN_TIMEOUT_MS) -> int:
    """Wait until the row count n of the grid keyed `key` satisfies `predicate_js` (a JS expression in n)."""
    page.wait_for_function(
        f"""() => {{
            const table = document.querySelector({grid_table_selector(key)!r});
            if (!table) return false;
            const n = Number(table.getAttribute('aria-rowcount')) - 1;
            return {predicate_js};
        }}""",
        timeout=timeout_ms,
    )
    return grid_row_count(page, key)


def grid_cell(page: Page, key: str, column: int, row: int) -> str:
    """The text of a cell in view of the grid keyed `key`: column 1 is the first data column, row 0 the first row."""
    cell = page.locator(f'{grid_table_selector(key)} [data-testid="glide-cell-{column}-{row}"]')
    cell.wait_for(state="attached")
    return cell.inner_text().strip()


def sidebar_combobox(page: Page, label: str):
    """The input of the sidebar multiselect/selectbox labelled `label` (a page may reuse the label)."""
    return page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name=label, exact=True)


def choose_in_multiselect(page: Page, label: str, option: str) -> None:
    """Open the sidebar multiselect labelled `label`, click `option` and close the list.

    The multiselect is a react-aria ComboBox (input role=combobox). A click on it does not always open
    the list in headless Chromium, so the option's name is typed first: that filters and opens the list.
    """
    combobox = sidebar_combobox(page, label)
    combobox.click()
    combobox.fill(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def pick_option(page: Page, combobox, typed: str, attempts: int = 4) -> None:  # noqa: ANN001
    """Choose the option of a multiselect whose text starts with `typed`: type it (which opens and filters the
    list) and press Enter on the one option left. The list sometimes opens only on a second try."""
    # Enter takes the focused option: wait until the filtered list has focused it.
    option = page.locator('[role="option"][data-focused="true"]').filter(has_text=typed).first
    for attempt in range(attempts):
        combobox.click()
        combobox.fill("")
        combobox.fill(typed)
        try:
            option.wait_for(timeout=5_000)
        except Exception:  # noqa: BLE001  (playwright TimeoutError: try again)
            page.keyboard.press("Escape")
            if attempt == attempts - 1:
                raise
            continue
        combobox.press("Enter")
        page.keyboard.press("Escape")
        return
