"""The app's own stylesheet: figures and plan names that are not cut, a print layout, and the large type of
the presentation mode. Selectors are the data-testid values the installed Streamlit frontend renders."""
from __future__ import annotations

import streamlit as st

# Metric labels and values, and the plan chips of the sidebar, wrap instead of ending in "…": a money range
# or a plan's name cut in half reads as a different figure or a different plan.
SCREEN = """
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricLabel"] p, [data-testid="stMetricValue"] p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: break-word;
}
[data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"] { max-height: none !important; }
[data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"] > span > span {
  height: auto !important; white-space: normal !important; max-width: calc(100% - 16px);
  padding-top: 2px; padding-bottom: 2px;
}
[data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"] > span > span > span {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; height: auto !important;
}
"""

# The browser's print of any page: the content only (no sidebar, toolbar, deploy button or buttons), at the full
# width of the paper, and not cut at the height of the screen (Streamlit scrolls inside fixed-height boxes).
PRINT = """
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stAppDeployButton"], [data-testid="stMainMenu"], [data-testid="stSkipToContent"],
  [data-testid="stButton"], [data-testid="stDownloadButton"], [data-testid="stElementToolbar"],
  [data-testid="stSidebarResizeHandle"], .salkku-screen-only { display: none !important; }
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMain"] > div {
    position: static !important; overflow: visible !important; height: auto !important;
    min-height: 0 !important; max-height: none !important;
  }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  [data-testid="stMetric"], [data-testid="stPlotlyChart"], [data-testid="stVegaLiteChart"],
  [data-testid="stTable"], [data-testid="stAlert"] { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
}
"""

# Presentation mode: a shared screen in a meeting room is read from across the table.
PRESENTATION = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
.st-key-present-next-page, .st-key-present-previous-page { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.5rem 3rem 1rem 3rem !important; }
[data-testid="stMain"] h1 { font-size: 3rem !important; }
[data-testid="stMain"] h2 { font-size: 2.1rem !important; }
[data-testid="stMain"] [data-testid="stMarkdown"] p, [data-testid="stMain"] li,
[data-testid="stCaptionContainer"], [data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1.35rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.3rem !important; }
[data-testid="stMetricValue"] p, [data-testid="stMetricValue"] div { font-size: 2.6rem !important; }
"""


def _stylesheet(css: str, key: str) -> None:
    """The CSS as a Markdown element of the page's own flow, its box hidden. Not a style-only st.html: that goes
    to the event container, which some reruns empty, and its component is loaded lazily, so a first visit showed
    the page unstyled for a moment. Only our own constant CSS is written unescaped here."""
    with st.container(key=key):
        st.markdown(f"<style>.st-key-{key} {{ display: none !important; }}{css}</style>", unsafe_allow_html=True)


def apply() -> None:
    """The stylesheet for every page (called once per run by app.py)."""
    _stylesheet(SCREEN + PRINT, "salkku-style")


def presentation() -> None:
    _stylesheet(PRESENTATION, "salkku-presentation-style")
