"""Salkku's entry point: page config, language, who is signed in, shared sidebar filters and navigation. Pages live
in pages/."""
from __future__ import annotations

import logging
import uuid
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from components import access, data, filters, frame, style
from components.frame import t

LOGGER = logging.getLogger("salkku")
if not logging.getLogger("salkku").handlers:  # to the server log (stderr), with the reference a user can quote
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("salkku").addHandler(_handler)
    logging.getLogger("salkku").setLevel(logging.INFO)
ICON = Path(__file__).resolve().parent / "components" / "assets" / "salkku.png"  # local: no request leaves the server

st.set_page_config(page_title="Salkku", page_icon=str(ICON), layout="wide")
style.apply()

frame.begin_frame()
try:
    filters.language_switch()
    access.gate()
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
                st.Page("pages/presentation.py", title=t("page.presentation"), icon=":material/slideshow:", url_path="esitys"),
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
except ScriptControlException:
    raise  # st.stop, st.rerun and page switches are not errors
except Exception:
    reference = uuid.uuid4().hex[:8]
    LOGGER.exception("unexpected error, reference %s", reference)
    st.error(t("app.error", reference=reference))
finally:
    frame.end_frame()
