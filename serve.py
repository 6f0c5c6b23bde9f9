"""Start the dashboard: `python serve.py [streamlit options]` does what `streamlit run app.py` does, makes the
very first link into a page work, and has the first page run do only its own work.

Why: Streamlit treats a pages/ folder beside the entry script as old-style (file-name) pages until st.navigation has
run once in the server process (`PagesManager.uses_pages_directory`, set when the first session starts). The first
request after a start is then routed by file name: a deep link such as /aikataulu matches no file, and the browser
shows an English "Page not found" dialog over the right page. Salkku routes every page through st.navigation in
app.py, so the old-style discovery is switched off before the first session.

Before the server listens, the app's modules are imported (pandas, SQLAlchemy, Babel, Altair, plotly: about 1.5 s),
the store is brought up to date (a new embedded store gets the sample data) and the Finnish lemmatiser's dictionary
is loaded (2–3 s), the number, date and chart formats are loaded and the default selection's projects are read into
the caches, so the first visitor's first run does not pay for them (benchmarks/first_paint.py). A failure
there is logged and the server starts anyway: the app reports store errors to the user.
"""
from __future__ import annotations

import importlib
import logging
import sys
import time
from pathlib import Path

APP = Path(__file__).resolve().parent / "app.py"
LOGGER = logging.getLogger("salkku")
# What app.py and the Overview's first run import (the meeting pack brings data_model.export and openpyxl).
PRELOADED_MODULES = (
    "components.access", "components.charts", "components.data", "components.filters", "components.frame",
    "components.i18n", "components.meeting_pack", "components.style", "components.text",
    "data_model.analytics", "data_model.corrections", "data_model.queries",
)


def _log_to_the_server_log() -> None:
    """The handler app.py sets up (it adds none when one is there): the server log (stderr), with timestamps."""
    if not LOGGER.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        LOGGER.addHandler(handler)
        LOGGER.setLevel(logging.INFO)


class _DropMessage(logging.Filter):
    def __init__(self, start: str) -> None:
        super().__init__()
        self.start = start

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.start)


def _warm_up_loaders() -> None:
    """Load the Finnish lemmatiser's dictionary (2–3 s) before anyone imports a plan, not during the first import."""
    from loaders.values.probability import classify_probability

    classify_probability("Toteutuminen on todennäköistä.")


def _warm_up_formats() -> None:
    """Babel's locale data for dates and numbers (about 0.15 s on first use), Altair's schema validators and
    plotly's JSON encoder: loaded once per process, here rather than in the first visitor's first run."""
    from datetime import date

    import altair as alt
    import pandas as pd
    import plotly.graph_objects as go
    import plotly.io

    from components.i18n import date_label, money, number

    for language in ("fi", "en"):
        date_label(date(2026, 1, 31), language), money(166_000, language), number(1_200.5, language)
    alt.Chart(pd.DataFrame({"area": ["a"], "projects": [1]})).mark_bar().encode(
        x="projects:Q", y=alt.Y("area:N", sort=None), color="area:N", tooltip=["area", "projects"]).to_dict()
    plotly.io.to_json(go.Figure(go.Bar(x=[1], y=["a"], orientation="h")), validate=False)


def _warm_up_caches() -> None:
    """The first visitor's Overview reads the default selection: read into the caches now (components.data)."""
    from components import data

    data.warm_up()


def _prepare_store() -> None:
    """What the first run's data.engine() does: migrations checked, sample data loaded into a new embedded store.
    The engine is kept (get_engine is cached per URL), so the first run finds it ready."""
    from data_model.db import database_url, get_engine
    from data_model.sample import ensure_sample_data

    ensure_sample_data(get_engine(database_url()))


def _preload() -> None:
    """The start-up work, done before the server listens and one step at a time: a warm-up thread running beside
    the first script run held the GIL and slowed it down. No step's failure stops the server."""
    started = time.perf_counter()
    # st.cache_data checks its options against a cache store when a module defines a cached function, and the
    # warm-up below fills two such caches; before the runtime exists both use an in-memory store (the kind the
    # runtime makes for them too) and warn so, once per function.
    cache_log = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    no_runtime_yet = _DropMessage("No runtime found")
    cache_log.addFilter(no_runtime_yet)
    try:
        for name in PRELOADED_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # the first run imports it again and shows the error with a reference
                LOGGER.exception("start-up: importing %s failed; the server starts anyway", name)
        steps = (("bringing the store up to date", _prepare_store), ("loading the lemmatiser", _warm_up_loaders),
                 ("loading the number, date and chart formats", _warm_up_formats),
                 ("reading the Overview's default selection", _warm_up_caches))
        for what, step in steps:
            try:
                step()
            except Exception:  # the app reports store errors to the user; the server must start
                LOGGER.exception("start-up: %s failed; the server starts anyway", what)
    finally:
        cache_log.removeFilter(no_runtime_yet)
    LOGGER.info("start-up work done in %.1f s", time.perf_counter() - started)


def _return_large_buffers_to_the_system() -> None:
    """Let glibc hand every buffer of 1 MiB or more back to the system as soon as it is freed. By default the
    threshold rises to the largest buffer freed so far (up to 32 MiB), so after the first large upload the later
    ones are carved out of the heap, which the server then keeps (benchmarks/upload_memory.py)."""
    import ctypes
    import ctypes.util

    m_mmap_threshold = -3  # the parameter's number in glibc's malloc.h
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").mallopt(m_mmap_threshold, 1 << 20)
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to set
        pass


def main(arguments: list[str]) -> int:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    _return_large_buffers_to_the_system()
    if not {"--help", "-h"} & set(arguments):  # `serve.py --help` only prints Streamlit's options
        _log_to_the_server_log()
        _preload()
    return cli.main(["run", str(APP), *arguments], prog_name="streamlit")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
