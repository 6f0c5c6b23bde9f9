"""Sign-in through a real OpenID Connect flow: a local provider for tests (oidc-provider-mock on 127.0.0.1), the app
configured through a secrets file, a viewer who sees no editing controls and whose replayed edit is refused, and an
editor who imports a plan and corrects a value, recorded under the editor's e-mail."""
from __future__ import annotations

import threading
from pathlib import Path

import httpx
import pytest
import werkzeug.serving
from oidc_provider_mock import app as oidc_app
from sqlmodel import Session, select

from data_model.db import make_engine
from data_model.queries import change_log
from data_model.tables import Correction
from tests.browser.conftest import serve_app
from tests.browser.helpers import assert_no_exception, open_app, screenshot, wait_for_app

PROJECT_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PLAN = PROJECT_ROOT / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md"
VIEWER, EDITOR = "viivi.katselija@testila.fi", "eero.muokkaaja@testila.fi"
KEY = "esimerkkila-toimenpidesuunnitelma-2027"


@pytest.fixture(scope="module")
def provider():
    """An OpenID provider on 127.0.0.1 with the two test people."""
    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    for email, name in ((VIEWER, "Viivi Katselija"), (EDITOR, "Eero Muokkaaja")):
        assert httpx.put(f"{url}/users/{email}", json={"email": email, "name": name}).status_code == 204
    yield url
    server.shutdown()


@pytest.fixture
def signed_in_server(provider, tmp_path):
    """The app with sign-in required: editors by address, everyone else signed in is a viewer."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f"""
[auth]
redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
cookie_secret = "a-long-random-test-secret-0123456789"
client_id = "salkku-test"
client_secret = "salkku-test-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[salkku.access]
require_sign_in = true
editors = ["{EDITOR}"]
""", encoding="utf-8")
    with serve_app(tmp_path / "app", options=["--secrets.files", str(secrets)]) as url:
        yield url, tmp_path / "app" / "browser.db"


def sign_in(page, base_url: str, email: str) -> None:  # noqa: ANN001
    open_app(page, base_url)
    page.get_by_role("button", name="Kirjaudu sisään").first.click()
    page.get_by_placeholder("sub").fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{base_url}/**")
    wait_for_app(page)
    signed_in = page.locator('[data-testid="stSidebar"]').get_by_text("Kirjautunut:", exact=False)
    signed_in.wait_for()
    assert email in signed_in.inner_text().replace("\u2060", "")  # the address is text, not a mailto link
    assert page.locator('[data-testid="stSidebar"] a[href^="mailto:"]').count() == 0


def test_viewing_needs_sign_in(browser, signed_in_server):
    base_url, _ = signed_in_server
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    open_app(page, base_url, "hankkeet")
    assert page.get_by_text("Salkun katselu vaatii kirjautumisen.").count() == 1
    assert page.locator('[data-testid="stDataFrame"]').count() == 0  # no data before sign-in
    context.close()


def test_a_viewer_sees_no_editing_and_a_replayed_edit_is_refused(browser, signed_in_server):
    base_url, database = signed_in_server
    editor_context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fi-FI")
    viewer_context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fi-FI")
    try:
        # The editor's browser records what it sends when it saves a correction.
        editor = editor_context.new_page()
        sent: list[bytes] = []
        editor.on("websocket", lambda socket: socket.on("framesent", lambda payload: sent.append(payload)))
        sign_in(editor, base_url, EDITOR)
        open_app(editor, base_url, "hankkeet", query=f"plan={KEY}&project={KEY}/2.1")
        editor.get_by_text("Korjaa arvoja", exact=True).click()
        form = f"fix-{KEY}-2_1"
        editor.locator(f".st-key-{form}-title input").fill("Varmuuskopiointi (muokkaajan korjaus)")
        editor.locator(f".st-key-{form}-reason input").fill("Nimi tarkennettu")
        before_click = len(sent)
        editor.get_by_role("button", name="Tallenna korjaukset").click()
        editor.locator('[data-testid="stAlertContentSuccess"]').wait_for()
        save_frames = [frame for frame in sent[before_click:] if isinstance(frame, bytes)]
        assert save_frames
        # Undo it, so that the viewer's replay would have something to change.
        editor.get_by_role("button", name="Peru korjaus").click()
        editor.locator('[data-testid="stAlertContentSuccess"]').filter(has_text="peruttu").wait_for()

        viewer = viewer_context.new_page()
        sign_in(viewer, base_url, VIEWER)
        assert "katselija" in viewer.locator('[data-testid="stSidebar"]').inner_text()
        open_app(viewer, base_url, "tuonti")
        assert viewer.locator('[data-testid="stFileUploader"]').count() == 0
        assert viewer.get_by_text("Tämä toiminto vaatii muokkausoikeuden").count() == 1
        open_app(viewer, base_url, "suunnitelmat", query="plan=")
        assert viewer.get_by_text("Poista suunnitelmia").count() == 0
        open_app(viewer, base_url, "hankkeet", query=f"plan={KEY}&project={KEY}/2.1")
        assert viewer.get_by_text("Korjaa arvoja").count() == 0
        assert viewer.get_by_role("button", name="Peru korjaus").count() == 0
        screenshot(viewer, "sign-in-viewer-project")

        # A crafted request: the editor's save, sent again over a socket of the viewer's own (the viewer's cookie).
        answered = viewer.evaluate(
            """async (frames) => {
                const token = (document.cookie.match(/_streamlit_xsrf=([^;]+)/) || [])[1];
                const protocols = token ? ["streamlit", token] : ["streamlit"];
                const socket = new WebSocket(location.origin.replace("http", "ws") + "/_stcore/stream", protocols);
                socket.binaryType = "arraybuffer";
                let received = 0;
                socket.onmessage = () => { received += 1; };
                await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
                for (const frame of frames) socket.send(new Uint8Array(frame));
                await new Promise((resolve) => setTimeout(resolve, 4000));
                socket.close();
                return received;
            }""",
            [list(frame) for frame in save_frames],
        )
        assert answered > 0  # the server ran the replayed request...
        engine = make_engine(f"sqlite:///{database}")
        with Session(engine) as session:  # ... and changed nothing
            corrections = session.exec(select(Correction).order_by(Correction.id)).all()
            assert [(row.actor, row.state) for row in corrections] == [(EDITOR, "undone")]
        engine.dispose()
    finally:
        editor_context.close()
        viewer_context.close()


def test_an_editor_imports_and_corrects_and_the_audit_names_the_editor(browser, signed_in_server):
    base_url, database = signed_in_server
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fi-FI")
    try:
        page = context.new_page()
        sign_in(page, base_url, EDITOR)
        assert "muokkaaja" in page.locator('[data-testid="stSidebar"]').inner_text()
        open_app(page, base_url, "tuonti")
        text = EXAMPLE_PLAN.read_text(encoding="utf-8").replace("Esimerkkilän kaupunki", "Muutalan kaupunki")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
            files=[{"name": "muutala.md", "mimeType": "text/markdown", "buffer": text.encode("utf-8")}])
        page.get_by_role("button", name="Tallenna salkkuun").wait_for()
        wait_for_app(page)
        page.get_by_role("button", name="Tallenna salkkuun").click()
        page.locator('[data-testid="stAlertContentSuccess"]').wait_for()

        key = "muutala-toimenpidesuunnitelma-2027"
        open_app(page, base_url, "hankkeet", query=f"plan={key}&project={key}/2.1")
        page.get_by_text("Korjaa arvoja", exact=True).click()
        page.locator(f".st-key-fix-{key}-2_1-start input").fill("2026-11")
        page.locator(f".st-key-fix-{key}-2_1-reason input").fill("Aloitus siirtyi")
        page.get_by_role("button", name="Tallenna korjaukset").click()
        page.locator('[data-testid="stAlertContentSuccess"]').wait_for()
        wait_for_app(page)
        open_app(page, base_url, "suunnitelmat")
        page.get_by_text("Muutoshistoria", exact=False).click()
        wait_for_app(page)
        screenshot(page, "sign-in-editor-change-log")
        assert_no_exception(page)
    finally:
        context.close()
    engine = make_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        log = change_log(session)
    engine.dispose()
    ours = log[log["actor"] == EDITOR]
    assert {"import", "correction"} <= set(ours["action"]), log[["actor", "action"]].to_dict("records")
