"""Benchmark: the server's memory around large uploads on the Import page, in a real browser.

Starts `python serve.py` on a fresh SQLite store, opens the Import page in Chromium, uploads three Word plans of
about 19 MB each (a generated plan plus an embedded attachment, as plans with pictures are), then: clears the
files, uploads them again and saves, saves the same files again a few times (replacing the stored plans), closes
the browser, waits out the reconnect time, and opens the Import page as the next visitor. Prints the server's resident memory (VmRSS) after
each step. The uploaded bytes are released when the files are cleared or saved (the uploader gets a new key) and
when the session ends, with the session state's own copies of the file objects; the Import page keeps no file in
its top-level variables, and serve.py lets glibc return large buffers when they are freed.

Run: .venv/bin/python -m benchmarks.upload_memory [--files 3] [--megabytes 19]
"""
from __future__ import annotations

import argparse
import io
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

from benchmarks.plan_generator import make_plan, render_docx

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def large_plan(number: int, megabytes: float) -> bytes:
    """A Word plan that reads as an ordinary plan, carrying an attachment of random bytes (incompressible)."""
    towns = (("Porvoon", "Porvoo"), ("Lahden", "Lahti"), ("Oulun", "Oulu"), ("Porin", "Pori"), ("Kotkan", "Kotka"))
    plan = make_plan(seed=number, municipality=towns[number % len(towns)], year=2025 + number // len(towns))
    document = io.BytesIO(render_docx(plan))
    with zipfile.ZipFile(document, "a") as package:
        package.writestr("word/media/liite.bin", os.urandom(int(megabytes * 1024 * 1024)), zipfile.ZIP_STORED)
    return document.getvalue()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not answer within 60 s")


def _settle(page) -> None:  # noqa: ANN001
    page.wait_for_function(
        """() => { const app = document.querySelector('[data-testid="stApp"]');
                   return app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
                          && app.getAttribute('data-test-script-state') === 'notRunning'; }""",
        timeout=300_000,
    )
    page.wait_for_timeout(500)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=3)
    parser.add_argument("--megabytes", type=float, default=19.0, help="attachment size per file (the limit is 20 MB)")
    parser.add_argument("--cycles", type=int, default=4, help="upload-and-save rounds (the same files, replaced)")
    parser.add_argument("--wait", type=float, default=130.0, help="seconds to wait after the browser has closed")
    arguments = parser.parse_args()
    from playwright.sync_api import sync_playwright

    readings: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        files = []  # Playwright takes larger files by path
        for number in range(arguments.files):
            path = Path(folder) / f"kokeila_{number}.docx"
            path.write_bytes(large_plan(number, arguments.megabytes))
            files.append(path)
        print(f"{len(files)} files, {sum(path.stat().st_size for path in files) / 1024 / 1024:.1f} MB in all")
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        environment = {**os.environ, "DATABASE_URL": f"sqlite:///{Path(folder) / 'salkku.db'}"}
        server = subprocess.Popen([sys.executable, "serve.py", "--server.port", str(port)], cwd=ROOT, env=environment,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            _wait_healthy(url, server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                page = context.new_page()
                page.goto(f"{url}/tuonti", wait_until="domcontentloaded")
                _settle(page)
                readings.append(("Import page open (baseline)", rss_mb(server.pid)))
                uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
                uploader.set_input_files(files=files)
                page.get_by_role("button", name="Tallenna salkkuun").wait_for(timeout=300_000)
                _settle(page)
                readings.append(("files uploaded, preview shown", rss_mb(server.pid)))
                page.get_by_role("button", name="Tyhjennä tiedostot").click()
                _settle(page)
                time.sleep(2)
                readings.append(("files cleared", rss_mb(server.pid)))
                uploader.set_input_files(files=files)
                page.get_by_role("button", name="Tallenna salkkuun").wait_for(timeout=300_000)
                _settle(page)
                readings.append(("uploaded again", rss_mb(server.pid)))
                page.get_by_role("button", name="Tallenna salkkuun").click()
                page.locator('[data-testid="stAlertContentSuccess"]').wait_for(timeout=300_000)
                _settle(page)
                time.sleep(2)
                readings.append(("saved to the store", rss_mb(server.pid)))
                for cycle in range(2, arguments.cycles + 1):  # the same plans again: replaced, not added
                    uploader.set_input_files(files=files)
                    page.get_by_role("button", name="Tallenna salkkuun").wait_for(timeout=300_000)
                    _settle(page)
                    page.get_by_text("Korvaa nämä suunnitelmat").click()
                    _settle(page)
                    page.get_by_role("button", name="Tallenna salkkuun").click()
                    page.locator('[data-testid="stAlertContentSuccess"]').wait_for(timeout=300_000)
                    _settle(page)
                    time.sleep(2)
                    readings.append((f"saved again ({cycle})", rss_mb(server.pid)))
                context.close()
                browser.close()
            time.sleep(5)
            readings.append(("browser closed", rss_mb(server.pid)))
            # Streamlit keeps a closed browser's session for server.disconnectedSessionTTL (120 s) to allow a
            # reconnect; its uploaded files go with it.
            time.sleep(arguments.wait)
            readings.append((f"{arguments.wait:.0f} s later", rss_mb(server.pid)))
            with sync_playwright() as playwright:  # the next visitor of the Import page sweeps closed sessions
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(f"{url}/tuonti", wait_until="domcontentloaded")
                _settle(page)
                time.sleep(2)
                readings.append(("next visitor on the Import page", rss_mb(server.pid)))
                browser.close()
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
    baseline = readings[0][1]
    for step, value in readings:
        print(f"{step:<32} {value:8.1f} MB  ({value - baseline:+.1f} MB)")


if __name__ == "__main__":
    main()
