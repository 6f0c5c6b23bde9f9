"""What a steering group sees in a meeting room: presentation mode on 1920×1080 and 1280×720 screens (one topic
per screen, arrow keys and a remote's Page Down/Up, the topic in the URL), the browser's print of a page
(content only, not cut), and the charts at 1280, 1440 and 1920 px. Screenshots in test-output/screenshots."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from components.i18n import translate
from tests.browser.helpers import assert_no_exception, open_app, screenshot, wait_for_app

pytestmark = pytest.mark.browser

SCREENS = [(1920, 1080), (1280, 720)]
TOPIC_TITLES = ["pack.figures", "page.schedule", "pack.costs", "overview.probability_share", "pack.load",
                "pack.changes", "pack.review"]
WIDTHS = [1280, 1440, 1920]


def _title(page) -> str:  # noqa: ANN001
    return page.locator('[data-testid="stMain"] h1').first.inner_text().strip()


def _press(page, key: str) -> None:  # noqa: ANN001
    page.keyboard.press(key)
    page.wait_for_timeout(300)
    wait_for_app(page)


def _overflow(page) -> int:  # noqa: ANN001
    """How many pixels of the main area lie below the screen (0: the topic fits)."""
    return int(page.evaluate("""() => { const main = document.querySelector('[data-testid="stMain"]');
                                        return main.scrollHeight - main.clientHeight; }"""))


@pytest.mark.parametrize(("width", "height"), SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_presentation_walks_the_topics_by_keyboard_one_screen_each(browser, app_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fi-FI")
    page = context.new_page()
    try:
        open_app(page, app_url, "esitys")
        # The stylesheet is a Markdown element; its raw-HTML renderer may arrive a moment after the run.
        page.locator('[data-testid="stSidebar"]').wait_for(state="hidden", timeout=5_000)
        for number, key in enumerate(TOPIC_TITLES):
            assert_no_exception(page)
            assert _title(page) == translate(key, "fi")
            page.wait_for_timeout(800)  # charts draw after the run
            screenshot(page, f"presentation-{width}x{height}-{number + 1}")
            assert _overflow(page) <= 4, f"topic {number + 1} does not fit {width}×{height}"
            if number < len(TOPIC_TITLES) - 1:
                _press(page, "ArrowRight")
        assert "topic=review" in page.url
        _press(page, "ArrowLeft")
        assert _title(page) == translate("pack.changes", "fi") and "topic=changes" in page.url
        _press(page, "PageUp")  # a presentation remote
        assert _title(page) == translate("pack.load", "fi")
        _press(page, "PageDown")
        assert _title(page) == translate("pack.changes", "fi")
    finally:
        context.close()


def test_a_presentation_link_opens_its_topic_and_selection(page, app_url):
    open_app(page, app_url, "esitys", "topic=costs&area=Tietohallinto")
    assert _title(page) == translate("pack.costs", "fi")
    assert page.get_by_text(re.compile(r"3 / 7 · Tietohallinto")).count()


@pytest.mark.parametrize("path", ["", "aikataulu", "kustannukset", "resurssit"], ids=["yleiskuva", "aikataulu",
                                                                                      "kustannukset", "resurssit"])
def test_print_gives_the_content_without_sidebar_or_toolbar_and_uncut(page, app_url, path):
    open_app(page, app_url, path)
    page.wait_for_timeout(1000)
    page.emulate_media(media="print")
    for selector in ('[data-testid="stSidebar"]', '[data-testid="stHeader"]', '[data-testid="stToolbar"]',
                     '[data-testid="stDownloadButton"]'):
        hidden = page.evaluate(f"""() => [...document.querySelectorAll('{selector}')]
                                   .every(e => getComputedStyle(e).display === 'none')""")
        assert hidden, f"{selector} is printed"
    screenshot(page, f"print-{path or 'yleiskuva'}")
    document = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = "\n".join(sheet.extract_text() for sheet in document.pages)
    assert "Deploy" not in text and "Rajaukset" not in text  # neither the toolbar nor the sidebar's filters
    last_heading = page.locator('[data-testid="stMain"] h2, [data-testid="stMain"] h3').last.inner_text().strip()
    assert last_heading.split()[0] in text, "the end of the page is cut off"
    if path == "kustannukset":  # a figure is printed whole, not ending in "…"
        figure = page.locator('[data-testid="stMetricValue"]').first.inner_text().strip()
        assert figure.replace("\u00a0", " ") in text.replace("\u00a0", " ")
        assert len(document.pages) >= 2
    page.emulate_media(media="screen")


@pytest.mark.parametrize("width", WIDTHS)
def test_charts_read_at_a_glance(browser, app_url, width):
    context = browser.new_context(viewport={"width": width, "height": 1000}, locale="fi-FI")
    page = context.new_page()
    try:
        open_app(page, app_url, "")
        page.wait_for_timeout(1000)
        # Metric labels and values are whole at every width.
        cut = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMetric"] p')]
                               .filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.innerText)""")
        assert cut == []
        screenshot(page, f"charts-yleiskuva-{width}")

        open_app(page, app_url, "aikataulu")
        gantt = page.locator('.st-key-gantt [data-testid="stPlotlyChart"]')
        gantt.wait_for()
        page.wait_for_timeout(800)
        # The plan to 2040 runs past the axis: its bar ends in the year it reaches.
        assert gantt.locator("text", has_text="2040 →").count() == 1
        # Organisations with the same area names are named groups.
        assert gantt.locator("text", has_text="Naantali · Hallintopalvelut").count()
        screenshot(page, f"charts-aikataulu-{width}")

        open_app(page, app_url, "resurssit")
        heatmap = page.locator('.st-key-heatmap [data-testid="stPlotlyChart"]')
        heatmap.wait_for()
        page.wait_for_timeout(800)
        ticks = heatmap.locator(".xaxislayer-above .xtick text")
        assert 0 < ticks.count() <= 13
        assert all("rotate" not in (ticks.nth(i).get_attribute("transform") or "") for i in range(ticks.count()))
        # No capacity until someone gives one.
        assert page.get_by_text(translate("resources.capacity_prompt", "fi")).count() == 1
        screenshot(page, f"charts-resurssit-{width}")

        open_app(page, app_url, "todennakoisyys")
        page.wait_for_timeout(800)
        screenshot(page, f"charts-todennakoisyys-{width}")
    finally:
        context.close()
