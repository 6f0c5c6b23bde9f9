"""Benchmark: the first paint of the Overview in Chromium after the server is up, and whether the sidebar ever
showed Streamlit's file-name navigation (the pages/ file stems: "overview", "import page" ...) before the real
page titles ("Yleiskuva" ...).

Starts the app as the README does (serve.py, which does its start-up work before it listens: the app's modules
imported, the store brought up to date, the lemmatiser loaded; --plain starts `streamlit run app.py` instead, for
comparison) on a SQLite store with the sample data (made by a first start that is not timed; --fresh times first
starts instead, each on a new store: serve.py loads the sample data before the health check answers, `streamlit run`
during the first page run) or on --database-url, waits until /_stcore/health answers, then opens the root URL in a
new Chromium page (each run a new server process, so every visit is the server's first). A script in the page
records, on every DOM change and every 50 ms, the sidebar's navigation texts, the page title (h1) and the key
figures (st.metric values); the figures are measured from the moment the server answered its health check (the
browser is launched before).

Run: .venv/bin/python -m benchmarks.first_paint [--runs 3] [--plain] [--fresh] [--database-url URL]
Target: the Overview's title and key figures visible under 2 s after the server is up; no file-name navigation.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.browser.conftest import (  # the browser tests' port, health check and server stop
    _free_port,
    _healthy,
    stop_server,
)

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TARGET_S = 2.0
TITLES = {"Yleiskuva", "Overview"}
# Streamlit names a pages/ file by its stem, underscores as spaces ("import_page.py" -> "import page").
FILE_NAMES = {path.stem.replace("_", " ").lower() for path in (ROOT / "pages").glob("*.py")} | {"app"}

# Runs in the page before its own scripts: a timeline of what the user could see.
RECORDER = """
(() => {
  const log = [];
  window.__salkkuPaint = log;
  const visible = (el) => { const box = el.getBoundingClientRect(); return box.width > 0 && box.height > 0; };
  let last = "";
  const sample = (why) => {
    const nav = [...document.querySelectorAll('[data-testid="stSidebarNavLink"], [data-testid="stTopNavLink"]')]
      .filter(visible).map((el) => el.innerText.split(String.fromCharCode(10)).map((part) => part.trim()).filter(Boolean).pop() || "")
      .filter(Boolean);  // the last line: a material icon's ligature name comes first
    const title = [...document.querySelectorAll('h1')].filter(visible).map((el) => el.innerText.trim()).join(" | ");
    const metrics = [...document.querySelectorAll('[data-testid="stMetricValue"]')]
      .filter((el) => visible(el) && el.innerText.trim()).length;
    const app = document.querySelector('[data-testid="stApp"]');
    const run = app ? app.getAttribute('data-test-script-state') : null;
    const state = JSON.stringify([nav, title, metrics, run]);
    if (state !== last) {
      last = state;
      log.push({t: performance.timeOrigin + performance.now(), why, nav, title, metrics, run});
    }
  };
  new MutationObserver(() => sample("mutation")).observe(document, {subtree: true, childList: true,
                                                                    characterData: true, attributes: true});
  setInterval(() => sample("poll"), 50);
  document.addEventListener("DOMContentLoaded", () => sample("dom"));
})();
"""


def start_server(workdir: Path, database_url: str | None, plain: str) -> tuple[subprocess.Popen, str, float, Path]:
    """The app on a free port; returns the process, base URL, the epoch ms its health check first answered, the log."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url or f"sqlite:///{workdir / 'first-paint.db'}",
           "PYTHONUNBUFFERED": "1"}
    options = ["--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    launcher = {"plain": [sys.executable, "-m", "streamlit", "run", "app.py"], "serve": [sys.executable, "serve.py"]}[plain]
    command = [*launcher, *options]
    log = workdir / f"server-{port}.log"
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while not _healthy(f"{base_url}/_stcore/health"):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_server(process)
            raise RuntimeError(f"the server did not come up:\n{log.read_text(errors='replace')[-4000:]}")
        time.sleep(0.02)
    return process, base_url, time.time() * 1000, log


def measure(browser, base_url: str, up_ms: float, timeout_s: float = 120) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="fi-FI")
    try:
        page = context.new_page()
        page.add_init_script(RECORDER)
        goto_ms = time.time() * 1000
        page.goto(base_url + "/", wait_until="commit")
        # Done when the script run has finished and the title and figures stand (or the time is up).
        page.wait_for_function(
            """() => { const app = document.querySelector('[data-testid="stApp"]');
                       return app && app.getAttribute('data-test-script-state') === 'notRunning'
                              && document.querySelectorAll('[data-testid="stMetricValue"]').length > 0; }""",
            timeout=timeout_s * 1000, polling=50,
        )
        page.wait_for_timeout(300)
        log = page.evaluate("window.__salkkuPaint")
    finally:
        context.close()
    final_metrics = max((entry["metrics"] for entry in log), default=0)

    def first(condition) -> float | None:
        return next(((entry["t"] - up_ms) / 1000 for entry in log if condition(entry)), None)

    file_name_nav = [entry for entry in log if any(text.lower() in FILE_NAMES for text in entry["nav"])]
    real_nav = first(lambda entry: any(text in TITLES for text in entry["nav"]))
    return {
        "goto_s": (goto_ms - up_ms) / 1000,
        "title_s": first(lambda entry: any(part in TITLES for part in entry["title"].split(" | "))),
        "first_figure_s": first(lambda entry: entry["metrics"] > 0),
        "all_figures_s": first(lambda entry: entry["metrics"] >= final_metrics > 0),
        "figures": final_metrics,
        "real_nav_s": real_nav,
        "file_name_nav": [{"at_s": round((entry["t"] - up_ms) / 1000, 3), "nav": entry["nav"]} for entry in file_name_nav],
        "timeline": [(round((entry["t"] - up_ms) / 1000, 3), entry["run"], len(entry["nav"]), entry["title"], entry["metrics"])
                     for entry in log],
        "nav_states": sorted({json.dumps(entry["nav"], ensure_ascii=False) for entry in log if entry["nav"]}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="fresh server starts (each one first visit)")
    parser.add_argument("--database-url", help="the store to serve (default: a fresh SQLite store with the sample data)")
    parser.add_argument("--plain", action="store_true", help="start `streamlit run app.py` instead of serve.py")
    parser.add_argument("--timeline", action="store_true", help="print what the page showed, change by change")
    parser.add_argument("--fresh", action="store_true", help="every run a first start on a new store (sample data loaded then)")
    args = parser.parse_args()
    launcher = "plain" if args.plain else "serve"
    if not CHROMIUM.exists():
        sys.exit(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    store = args.database_url or ("a new SQLite store each run (first start: the sample data is loaded in the first run)"
                                  if args.fresh else "a SQLite store with the sample data, made by an untimed first start")
    started = {"plain": "streamlit run app.py", "serve": "serve.py"}[launcher]
    print(f"started with {started}; store: {store}")
    print(f"{'run':>4}{'goto s':>8}{'title s':>9}{'1st fig s':>11}{'all figs s':>12}{'figs':>6}{'nav s':>8}  file-name nav")
    results = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as directory:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            database_url = args.database_url
            if not database_url and not args.fresh:
                database_url = f"sqlite:///{Path(directory) / 'first-paint.db'}"
                process, base_url, up_ms, _ = start_server(Path(directory), database_url, launcher)
                try:
                    measure(browser, base_url, up_ms, timeout_s=180)  # the first start loads the sample data (before or in its first run)
                finally:
                    stop_server(process)
            for run in range(1, args.runs + 1):
                workdir = Path(directory) / f"run-{run}"
                workdir.mkdir()
                process, base_url, up_ms, _ = start_server(workdir, database_url, launcher)
                try:
                    result = measure(browser, base_url, up_ms)
                finally:
                    stop_server(process)
                results.append(result)
                if args.timeline:
                    for at_s, run_state, links, title, figures in result["timeline"]:
                        print(f"      {at_s:7.3f} s  script {run_state}, {links} nav links, title {title!r}, {figures} figures")
                shown = lambda value: f"{value:.2f}" if value is not None else "never"
                flashed = "; ".join(f"{entry['at_s']:.2f} s: {', '.join(entry['nav'])}" for entry in result["file_name_nav"])
                print(f"{run:>4}{shown(result['goto_s']):>8}{shown(result['title_s']):>9}{shown(result['first_figure_s']):>11}"
                      f"{shown(result['all_figures_s']):>12}{result['figures']:>6}{shown(result['real_nav_s']):>8}  "
                      f"{flashed or 'none'}", flush=True)
        finally:
            browser.close()
    print("\nnavigation states seen:", *sorted({state for result in results for state in result["nav_states"]}), sep="\n  ")
    paints = [result["all_figures_s"] for result in results if result["all_figures_s"] is not None]
    worst = max(paints) if paints else None
    flashes = sum(bool(result["file_name_nav"]) for result in results)
    print(f"\nworst first paint (title and every key figure) after the server is up: "
          f"{worst:.2f} s (target < {TARGET_S:g} s)" if worst is not None else "\nthe key figures never showed")
    print(f"file-name navigation shown in {flashes} of {len(results)} runs")


if __name__ == "__main__":
    main()
