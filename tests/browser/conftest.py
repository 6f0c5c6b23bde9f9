"""Real-browser tests: Debian's Chromium driven by Playwright against `streamlit run app.py`.

Playwright's own browser downloads are not used; the tests launch /usr/bin/chromium. Without it
they skip with the reason, or fail when SALKKU_REQUIRE_BROWSER is set (as in .ci/run).
"""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.helpers import (  # noqa: F401  (re-exported for the tests)
    assert_no_exception,
    metric_value,
    open_app,
    screenshot,
    wait_for_app,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BROWSER_DIR = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
APP_TODAY = "2026-11-22"
SERVER_START_TIMEOUT_S = 60

_server_logs: dict[str, Path] = {}  # base URL -> that server's log


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: real-browser test (Chromium + streamlit run app.py)")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        funcargs = getattr(item, "funcargs", {}) or {}
        for name in ("app_server", "isolated_app_server"):
            server_log = _server_logs.get(funcargs.get(name))
            if server_log is None:
                continue
            try:
                log = server_log.read_text(errors="replace")
            except OSError:
                log = "(no log)"
            report.sections.append((f"streamlit server log ({name})", log[-20_000:]))
    return report


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"no Chromium at {CHROMIUM}; install Debian's chromium"
    if os.environ.get("SALKKU_REQUIRE_BROWSER"):
        pytest.fail(reason + " (SALKKU_REQUIRE_BROWSER is set: CI must run these tests)", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except OSError:
        return False


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, for the whole session."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@contextlib.contextmanager
def serve_app(workdir: Path, database_url: str | None = None, *, options: list[str] = (),
              environment: dict[str, str] | None = None) -> Iterator[str]:
    """`streamlit run app.py` on 127.0.0.1 with `database_url` (default: a fresh SQLite store in `workdir`);
    yields the base URL."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url or f"sqlite:///{workdir / 'browser.db'}",
        "SALKKU_TODAY": APP_TODAY,
        "PYTHONUNBUFFERED": "1",
        **(environment or {}),
    }
    command = [
        sys.executable, "serve.py",  # the README's way to start: deep links work from the first request
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
        *options,
    ]
    workdir.mkdir(parents=True, exist_ok=True)
    server_log = workdir / f"streamlit-{port}.log"
    _server_logs[base_url] = server_log
    log_file = server_log.open("wb")
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, start_new_session=True,
    )

    def log_text() -> str:
        log_file.flush()
        return server_log.read_text(errors="replace")

    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not _healthy(f"{base_url}/_stcore/health"):
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with {process.returncode} before answering:\n{log_text()}",
                            pytrace=False)
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit did not answer {base_url}/_stcore/health within "
                            f"{SERVER_START_TIMEOUT_S} s:\n{log_text()}", pytrace=False)
            time.sleep(0.2)
        yield base_url
    finally:
        stop_server(process)
        log_file.close()


def stop_server(process: subprocess.Popen) -> None:
    """End a server started in its own session: SIGTERM to its group, SIGKILL after 10 s."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        except ProcessLookupError:
            pass


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """`streamlit run app.py` on 127.0.0.1 with a fresh SQLite store; yields the base URL."""
    _require_chromium()  # no browser, no point starting the app
    with serve_app(tmp_path_factory.mktemp("browser-app")) as base_url:
        yield base_url


@pytest.fixture
def isolated_app_server(tmp_path_factory):
    """A server of its own with a fresh store, for a test that changes the store (e.g. imports a plan),
    so the shared `app_server` keeps the sample data the other tests count on."""
    _require_chromium()
    with serve_app(tmp_path_factory.mktemp("browser-app-isolated")) as base_url:
        yield base_url


def _warm_up(browser, base_url: str) -> str:
    """Open the root page once, as a first visitor would (the first deep link is tested on its own server in
    test_deployment.py)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="fi-FI")
    try:
        open_app(context.new_page(), base_url)
    finally:
        context.close()
    return base_url


@pytest.fixture(scope="session")
def app_url(browser, app_server):
    """The shared server's base URL, after the root page has run once (so deep links work)."""
    return _warm_up(browser, app_server)


@pytest.fixture
def isolated_app_url(browser, isolated_app_server):
    """`isolated_app_server`'s base URL, warmed up like `app_url`."""
    return _warm_up(browser, isolated_app_server)


@pytest.fixture
def page(browser):
    """A fresh context (1400x900, Finnish locale, downloads accepted) and page per test."""
    context = browser.new_context(
        viewport={"width": 1400, "height": 900}, accept_downloads=True, locale="fi-FI"
    )
    context.set_default_timeout(30_000)
    new_page = context.new_page()
    try:
        yield new_page
    finally:
        context.close()
