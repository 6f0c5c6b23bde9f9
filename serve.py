"""Start the dashboard: `python serve.py [streamlit options]` does what `streamlit run app.py` does, and makes the
very first link into a page work.

Why: Streamlit treats a pages/ folder beside the entry script as old-style (file-name) pages until st.navigation has
run once in the server process (`PagesManager.uses_pages_directory`, set when the first session starts). The first
request after a start is then routed by file name: a deep link such as /aikataulu matches no file, and the browser
shows an English "Page not found" dialog over the right page. Salkku routes every page through st.navigation in
app.py, so the old-style discovery is switched off before the first session.
"""
from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parent / "app.py"


def _warm_up_loaders() -> None:
    """Load the Finnish lemmatiser's dictionary (2–3 s) before anyone imports a plan, not during the first import."""
    from loaders.values.probability import classify_probability

    classify_probability("Toteutuminen on todennäköistä.")


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
    import threading

    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    _return_large_buffers_to_the_system()
    threading.Thread(target=_warm_up_loaders, name="salkku-warm-up", daemon=True).start()
    return cli.main(["run", str(APP), *arguments], prog_name="streamlit")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
