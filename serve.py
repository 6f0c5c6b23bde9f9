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
    from loaders.probability import classify_probability

    classify_probability("Toteutuminen on todennäköistä.")


def main(arguments: list[str]) -> int:
    import threading

    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    threading.Thread(target=_warm_up_loaders, name="salkku-warm-up", daemon=True).start()
    return cli.main(["run", str(APP), *arguments], prog_name="streamlit")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
