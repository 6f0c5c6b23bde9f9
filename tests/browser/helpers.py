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
    """Save a full-page PNG at test-output/screenshots/<name>.png and return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
