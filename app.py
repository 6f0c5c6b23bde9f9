"""Salkku's entry point: page config, language, shared sidebar filters and navigation. Pages live in pages/."""
from __future__ import annotations

import streamlit as st

from components import data, filters, frame
from components.frame import t

st.set_page_config(page_title="Salkku", page_icon=":material/work:", layout="wide")

frame.begin_frame()
try:
    filters.language_switch()
    data.engine()  # brings the store up to date and loads the sample data into a new embedded store
    data.refresh_revision()  # once per run: every cached query of this run is keyed by it
    st.session_state[frame.SELECTION_KEY] = filters.sidebar_filters()
    frame.selection_notices()
    # url_path differs from each file stem, so the runtime never runs pages/ files as stand-alone pages.
    navigation = st.navigation(
        {
            t("nav.section.portfolio"): [
                st.Page("pages/overview.py", title=t("page.overview"), icon=":material/dashboard:", url_path="yleiskuva", default=True),
                st.Page("pages/schedule.py", title=t("page.schedule"), icon=":material/event:", url_path="aikataulu"),
                st.Page("pages/costs.py", title=t("page.costs"), icon=":material/euro:", url_path="kustannukset"),
                st.Page("pages/probability.py", title=t("page.probability"), icon=":material/rule:", url_path="todennakoisyys"),
                st.Page("pages/resources.py", title=t("page.resources"), icon=":material/groups:", url_path="resurssit"),
            ],
            t("nav.section.details"): [
                st.Page("pages/projects.py", title=t("page.projects"), icon=":material/list:", url_path="hankkeet"),
                st.Page("pages/plans.py", title=t("page.plans"), icon=":material/description:", url_path="suunnitelmat"),
            ],
            t("nav.section.data"): [
                st.Page("pages/quality.py", title=t("page.quality"), icon=":material/fact_check:", url_path="tietojen-laatu"),
                st.Page("pages/import_page.py", title=t("page.import"), icon=":material/upload_file:", url_path="tuonti"),
            ],
        }
    )
    navigation.run()
finally:
    frame.end_frame()
