"""What a city's deployment relies on, seen in a real browser: the first link into a page after a server start
shows that page (in the language asked for) with no dialog; the page makes no request outside the server; the
production settings hide the developer tools; text from an uploaded file stays text; the upload limits are named."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import serve_app
from tests.browser.helpers import assert_no_exception, open_app, screenshot, wait_for_app

PROJECT_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PLAN = PROJECT_ROOT / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md"
REQUEST_LOG = PROJECT_ROOT / "test-output" / "requests.txt"
PAGES = ("yleiskuva", "aikataulu", "kustannukset", "todennakoisyys", "resurssit", "hankkeet", "suunnitelmat",
         "tietojen-laatu", "tuonti")


@pytest.mark.parametrize(
    ("path", "query", "heading"),
    [
        ("aikataulu", "lang=en", "Schedule"),
        ("hankkeet", "", "Hankkeet"),
        ("tietojen-laatu", "lang=en", "Data quality"),
    ],
)
def test_the_first_deep_link_after_a_start_shows_that_page(browser, tmp_path, path, query, heading):
    with serve_app(tmp_path / "app") as base_url:  # a fresh server: this is its very first request
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="fi-FI")
        try:
            page = open_app(context.new_page(), base_url, path, query)
            page.wait_for_timeout(1500)  # the old dialog came a moment after the page
            assert page.locator('[role="dialog"]').count() == 0
            assert page.get_by_text("Page not found").count() == 0
            assert page.locator("h1").first.inner_text().strip() == heading
            assert urlsplit(page.url).path.rstrip("/").endswith(path)
            assert_no_exception(page)
        finally:
            context.close()


def test_the_pages_make_no_request_outside_the_server(browser, app_url):
    """Every request of every page (documents, scripts, fonts, images, the websocket) goes to the server itself."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="fi-FI")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        sockets: list[str] = []
        page.on("websocket", lambda socket: sockets.append(socket.url))
        for path in PAGES:
            open_app(page, app_url, path, "lang=en" if path == "kustannukset" else "")
            assert_no_exception(page)
        assert page.locator('[data-testid="stAppDeployButton"]').count() == 0  # viewer toolbar: no Deploy button
        page.locator('[data-testid="stMainMenu"]').click()  # the viewer menu: no developer items
        menu = page.locator('[data-testid="stMainMenuList"]')
        menu.wait_for()
        assert "Clear cache" not in menu.inner_text() and "Deploy" not in menu.inner_text()
        page.keyboard.press("Escape")
    finally:
        context.close()
    server = urlsplit(app_url).netloc
    outside = [url for url in requests + sockets
               if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != server]
    assert not outside, outside
    assert sockets and all(url.endswith("/_stcore/stream") for url in sockets)
    # The list the deployment guide and the closing note quote: each distinct path the pages asked for.
    REQUEST_LOG.parent.mkdir(parents=True, exist_ok=True)
    paths = sorted({urlsplit(url).path for url in requests + sockets})
    REQUEST_LOG.write_text("\n".join(paths) + "\n", encoding="utf-8")
    assert any(path.endswith(".woff2") for path in paths)  # the fonts come from the server's own static files


HOSTILE_NAME = "[Kirjaudu](https://evil.example/login).md"


def _shown(locator) -> str:  # noqa: ANN001
    """The text a reader sees; the invisible word joiners that keep addresses from becoming links are dropped."""
    return locator.inner_text().replace("\u2060", "")


def test_text_from_an_uploaded_file_stays_text_on_the_import_page(browser, isolated_app_url):
    text = EXAMPLE_PLAN.read_text(encoding="utf-8")
    hostile_organisation = "[Kirjaudu](https://evil.example/login) ![kuva](http://127.0.0.1:9/pixel.png)"
    text = text.replace("Esimerkkilän kaupunki", "Tuntematon")  # the organisation comes from the form instead
    text = text.replace("Varmuuskopioinnin uusiminen", "Varmuuskopioinnin uusiminen https://evil.example/bare palaute@evil.example", 1)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fi-FI")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = open_app(context.new_page(), isolated_app_url, "tuonti")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
            files=[{"name": HOSTILE_NAME, "mimeType": "text/markdown", "buffer": text.encode("utf-8")}])
        wait_for_app(page)
        main = page.locator('[data-testid="stMain"]')
        main.get_by_text("asiakirjasta ei löytynyt kunnan nimeä").wait_for()  # blocked before the save, in Finnish
        assert page.get_by_role("button", name="Tallenna salkkuun").count() == 0
        page.get_by_label("Organisaatio (jos asiakirja ei kerro)").fill(hostile_organisation)
        page.get_by_label("Organisaatio (jos asiakirja ei kerro)").press("Enter")
        page.get_by_role("button", name="Tallenna salkkuun").wait_for()
        wait_for_app(page)
        assert "[Kirjaudu](https://evil.example/login)" in _shown(main)  # shown as written, not as a link
        links = main.locator('a[href*="evil.example"], a[href^="mailto:"]')
        assert links.count() == 0, [links.nth(i).evaluate("e => e.parentElement.outerHTML") for i in range(links.count())]
        assert main.locator('img[src*="pixel.png"]').count() == 0
        screenshot(page, "import-hostile-names")
        page.get_by_role("button", name="Tallenna salkkuun").click()
        page.locator('[data-testid="stAlertContentSuccess"]').wait_for()
        links = main.locator('a[href*="evil.example"]')
        assert links.count() == 0, [links.nth(i).evaluate("e => e.parentElement.outerHTML") for i in range(links.count())]
        key = page.locator('[data-testid="stAlertContentSuccess"] li').first.inner_text().split()[0].rstrip(":")
        open_app(page, isolated_app_url, "hankkeet", query=f"plan={key}&project={key}/2.1")
        assert "https://evil.example/bare palaute@evil.example" in _shown(page.locator('[data-testid="stMain"]'))
        links = page.locator('[data-testid="stMain"] a[href*="evil.example"], [data-testid="stMain"] a[href^="mailto:"]')
        assert links.count() == 0, [links.nth(i).evaluate("e => e.parentElement.outerHTML") for i in range(links.count())]
        assert page.locator('[data-testid="stMain"] a[href^="mailto:"]').count() == 0
        assert_no_exception(page)
    finally:
        context.close()
    assert not [url for url in requests if "pixel.png" in url or "evil.example" in url]


def test_the_upload_limits_are_named(browser, isolated_app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fi-FI")
    try:
        page = open_app(context.new_page(), isolated_app_url, "tuonti")
        files = [{"name": f"tiedosto-{number}.txt", "mimeType": "text/plain", "buffer": b"1 Hanke\n"}
                 for number in range(11)]
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files=files)
        alert = page.locator('[data-testid="stAlertContentError"]').filter(has_text="11 tiedostoa")
        alert.wait_for()
        assert "enintään 10 tiedostoa" in alert.inner_text()
        assert page.get_by_role("button", name="Tallenna salkkuun").count() == 0
        page.get_by_role("button", name="Tyhjennä tiedostot").click()
        wait_for_app(page)
        assert page.locator('[data-testid="stFileUploaderFile"]').count() == 0
        # One file over the per-file limit (the loader's document limit) is refused by the uploader itself.
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
            files=[{"name": "iso.txt", "mimeType": "text/plain", "buffer": b"x" * (21 * 1024 * 1024)}])
        page.get_by_text("20.0MB", exact=False).first.wait_for()
        assert page.get_by_role("button", name="Tallenna salkkuun").count() == 0
    finally:
        context.close()
