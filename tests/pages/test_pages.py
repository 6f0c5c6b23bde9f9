"""The pages through AppTest: every page renders, in both languages, on a full and an empty store, never
without the frame; the sidebar filters and the URL decide what is shown, and downloads match the screen."""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pandas as pd
import pytest
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

import components.downloads
from components.i18n import month_label, translate
from components.text import escape_markdown
from data_model import queries
from data_model.db import get_engine
from data_model.sample import ensure_sample_data
from data_model.store import import_plans
from loaders.documents.plan import parse_plan
from tests.pages.conftest import APP, PAGES, run_page


def fi(key: str, **values: object) -> str:
    return translate(key, "fi", **values)


def en(key: str, **values: object) -> str:
    return translate(key, "en", **values)


def nodes_of(node) -> Iterator:  # noqa: ANN001
    """A block and everything in it, in the order they appear on the page."""
    yield node
    children = getattr(node, "children", {})
    for index in sorted(children):
        yield from nodes_of(children[index])


def nodes(at: AppTest) -> Iterator:
    """Every element and block of the main area, in the order they appear on the page."""
    yield from nodes_of(at.main)


def dataframe(at: AppTest, key: str) -> pd.DataFrame:
    """A dataframe's value by key (AppTest knows the key only of dataframes with on_select)."""
    return next(element for element in at.dataframe if element.key == key).value


def shown_cells(element) -> pd.DataFrame:  # noqa: ANN001
    """A dataframe element as the reader sees it: a styled table's formatted texts (its numbers stay numbers
    underneath, for sorting), else its values."""
    from streamlit import dataframe_util

    styler = element.proto.arrow_data.styler
    if element.proto.arrow_data.HasField("styler") and styler.display_values:
        shown = dataframe_util.convert_arrow_bytes_to_pandas_df(styler.display_values)
        shown.columns = element.value.columns
        return shown
    return element.value


def register(at: AppTest) -> pd.DataFrame:
    return dataframe(at, "register")


def texts(at: AppTest) -> list[str]:
    """Everything Streamlit renders as Markdown: text, captions, headings, alerts, expander labels."""
    elements = [
        *at.markdown, *at.caption, *at.title, *at.header, *at.subheader,
        *at.info, *at.warning, *at.error, *at.success,
    ]
    return [element.value for element in elements] + [expander.label for expander in at.expander]


def assert_runs_cleanly(at: AppTest) -> None:
    assert not at.exception, [exception.value for exception in at.exception]


CHART_TYPES = ("plotly_chart", "vega_lite_chart", "arrow_vega_lite_chart")
DOWNLOAD_PAGES = ["aikataulu", "kustannukset", "todennakoisyys", "resurssit", "hankkeet", "suunnitelmat", "tietojen-laatu"]
DATA_PAGES = [path for path in PAGES if path != "tuonti"]


# ---------------------------------------------------------------- every page


@pytest.mark.parametrize("url_path", list(PAGES))
def test_page_renders_with_its_finnish_title_on_the_sample_store(sample_store, url_path):
    at = run_page(url_path)
    assert_runs_cleanly(at)
    assert at.title[0].value == fi(PAGES[url_path][1])
    assert not at.error




@pytest.mark.parametrize("url_path", list(PAGES))
def test_page_explains_an_empty_store_instead_of_failing(empty_store, url_path):
    at = run_page(url_path)
    assert_runs_cleanly(at)
    assert at.title[0].value == fi(PAGES[url_path][1])
    if url_path == "tuonti":
        assert len(at.get("file_uploader")) == 1  # the way to fill the store
        return
    # An empty store is named as the reason (not "widen the filters").
    assert [info.value for info in at.info] == [fi("common.empty_store")]
    assert not at.dataframe
    assert not any(at.get(kind) for kind in CHART_TYPES)


@pytest.mark.parametrize("opened", ["directly", "by-deep-link-before-the-frame-ran"])
@pytest.mark.parametrize("url_path", list(PAGES))
def test_page_stops_with_a_message_when_run_without_the_frame(sample_store, url_path, opened):
    file = PAGES[url_path][0]
    if opened == "directly":
        at = AppTest.from_file(str(APP.parent / "pages" / file), default_timeout=60)
    else:
        # Before st.navigation has run, the runtime treats pages/ as auto-discovered pages.
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.switch_page(f"pages/{file}")
    at.run()
    assert_runs_cleanly(at)
    assert [error.value for error in at.error] == [fi("app.frame_missing")]
    assert not at.title
    assert not at.dataframe and not at.metric
    assert not any(at.get(kind) for kind in CHART_TYPES)
    assert not at.get("file_uploader")


# ---------------------------------------------------------------- language


@pytest.mark.parametrize("url_path", list(PAGES))
def test_page_shows_its_english_title_after_choosing_english(sample_store, url_path):
    at = run_page(url_path, lang="en")
    assert_runs_cleanly(at)
    assert at.title[0].value == en(PAGES[url_path][1])


def test_switching_the_language_control_translates_the_title_and_the_sidebar(sample_store):
    at = run_page("hankkeet")
    assert at.title[0].value == fi("page.projects")
    assert at.sidebar.header[0].value == fi("filter.header")
    assert at.multiselect(key="org").label == fi("filter.organisation")
    assert at.button(key="reset-filters").label == fi("filter.reset")

    at.segmented_control(key="lang").set_value("en").run()

    assert_runs_cleanly(at)
    assert at.title[0].value == en("page.projects")
    assert at.sidebar.header[0].value == en("filter.header")
    assert at.multiselect(key="org").label == en("filter.organisation")
    assert at.text_input(key="q").label == en("filter.search")
    assert at.button(key="reset-filters").label == en("filter.reset")
    assert en("col.organisation") in register(at).columns


def test_lang_en_in_the_url_opens_the_app_in_english(sample_store):
    at = run_page("yleiskuva", query={"lang": "en"})
    assert at.segmented_control(key="lang").value == "en"
    assert at.title[0].value == en("page.overview")


def test_switching_the_language_keeps_the_probability_filter(sample_store):
    at = run_page("hankkeet")
    at.multiselect(key="prob").set_value(["uncertain"]).run()
    filtered = len(register(at))
    at.segmented_control(key="lang").set_value("en").run()
    at.run()  # any later interaction
    assert at.multiselect(key="prob").value == ["uncertain"]
    assert len(register(at)) == filtered


# ---------------------------------------------------------------- filters


def register_after(at: AppTest, widget_key: str, value) -> pd.DataFrame:  # noqa: ANN001
    widget = at.selectbox(key=widget_key) if widget_key in ("from", "to") else (
        at.text_input(key=widget_key) if widget_key == "q" else at.multiselect(key=widget_key)
    )
    widget.set_value(value).run()
    assert_runs_cleanly(at)
    return register(at)


def expected_register(store_url: str, **selection: object) -> pd.DataFrame:
    """What the query returns for the default plans and `selection`: what the register should list."""
    engine = get_engine(store_url)
    with Session(engine) as session:
        plan_keys = queries.default_plan_keys(queries.plans(session))
        return queries.projects(session, selection=queries.PortfolioFilter(plan_keys=plan_keys, **selection))


def test_projects_register_lists_the_default_plans_50_projects(sample_store):
    at = run_page("hankkeet")
    assert_runs_cleanly(at)
    assert len(register(at)) == 50
    assert at.multiselect(key="org").value == [] and at.multiselect(key="prob").value == []


def test_service_area_filter_narrows_the_register_to_that_area(sample_store):
    at = run_page("hankkeet")
    shown = register_after(at, "area", ["Tietohallinto"])
    assert 0 < len(shown) < 50
    assert set(shown[fi("col.service_area")]) == {"Tietohallinto"}
    assert len(shown) == len(expected_register(sample_store, service_areas=("Tietohallinto",)))


def test_probability_filter_narrows_the_register_to_that_class(sample_store):
    at = run_page("hankkeet")
    shown = register_after(at, "prob", ["certain"])
    assert 0 < len(shown) < 50
    assert set(shown[fi("col.probability")]) == {fi("probability.certain")}


def test_search_narrows_the_register_to_matching_projects(sample_store):
    at = run_page("hankkeet")
    shown = register_after(at, "q", "kamera")
    assert 0 < len(shown) < 50
    expected = expected_register(sample_store, search="kamera")
    assert list(shown[fi("col.code")]) == list(expected["code"])
    assert all("kamera" in title.lower() for title in shown[fi("col.title")])


def test_organisation_filter_kauniainen_gives_its_22_projects(sample_store):
    at = run_page("hankkeet")
    shown = register_after(at, "org", ["Kauniainen"])
    assert len(shown) == 22
    assert set(shown[fi("col.organisation")]) == {"Kauniainen"}


def test_empty_plan_selection_means_all_116_projects(sample_store):
    at = run_page("hankkeet")
    shown = register_after(at, "plan", [])
    assert len(shown) == 116


def test_window_excludes_projects_outside_it_but_keeps_unscheduled_ones(sample_store):
    at = run_page("hankkeet")
    before = register(at)
    at.selectbox(key="from").set_value("2027-01")
    shown = register_after(at, "to", "2027-06")

    start, end = fi("col.start"), fi("col.end")
    assert 0 < len(shown) < len(before)
    for first, last in zip(shown[start], shown[end]):  # YYYY-MM or missing (an open end)
        assert (pd.isna(first) or first <= "2027-06") and (pd.isna(last) or last >= "2027-01"), (first, last)
    identity = [fi("col.organisation"), fi("col.code"), fi("col.title")]
    unscheduled = before[before[start].isna() & before[end].isna()]
    assert len(unscheduled) > 0
    kept = set(map(tuple, shown[identity].to_numpy()))
    assert set(map(tuple, unscheduled[identity].to_numpy())) <= kept


# ---------------------------------------------------------------- the URL


def test_url_parameters_for_organisation_search_and_window_prefill_the_filters(sample_store):
    at = run_page("hankkeet", query={"org": "Kauniainen", "q": "verkko", "from": "2020-01", "to": "2030-12", "plan": ""})
    assert_runs_cleanly(at)
    assert at.multiselect(key="org").value == ["Kauniainen"]
    assert at.text_input(key="q").value == "verkko"
    assert (at.selectbox(key="from").value, at.selectbox(key="to").value) == ("2020-01", "2030-12")
    assert at.multiselect(key="plan").value == []
    shown = register(at)
    assert len(shown) > 0
    assert set(shown[fi("col.organisation")]) == {"Kauniainen"}


def test_url_parameters_restore_the_filters(sample_store):
    at = run_page("hankkeet", query={"org": "Kauniainen", "prob": "unknown", "q": "verkko"})
    assert_runs_cleanly(at)
    assert at.multiselect(key="org").value == ["Kauniainen"]
    assert at.text_input(key="q").value == "verkko"
    assert at.multiselect(key="prob").value == ["unknown"]
    shown = register(at)
    expected = expected_register(sample_store, organisations=("Kauniainen",), probability_classes=("unknown",), search="verkko")
    assert len(shown) == len(expected) > 0
    assert set(shown[fi("col.probability")]) == {fi("probability.unknown")}


def test_reset_button_returns_every_filter_to_its_default(sample_store):
    at = run_page("hankkeet", query={"org": "Kauniainen", "q": "a", "from": "2022-01", "plan": ""})
    at.multiselect(key="prob").set_value(["unknown"]).run()
    assert 0 < len(register(at)) != 50

    at.button(key="reset-filters").click().run()

    assert_runs_cleanly(at)
    with Session(get_engine(sample_store)) as session:
        latest_plans = queries.default_plan_keys(queries.plans(session))
    assert sorted(at.multiselect(key="plan").value) == sorted(latest_plans)
    for key in ("org", "area", "prob", "resp"):
        assert at.multiselect(key=key).value == [], key
    assert at.selectbox(key="from").value is None and at.selectbox(key="to").value is None
    assert at.text_input(key="q").value in ("", None)
    assert len(register(at)) == 50
    assert not set(at.query_params) & {"org", "area", "prob", "resp", "from", "to", "q"}
    # The plans always stand in the link, as keys: tomorrow's default may be another plan.
    assert sorted(at.query_params["plan"]) == sorted(latest_plans)


# ---------------------------------------------------------------- downloads


@pytest.fixture
def recorded_downloads(monkeypatch) -> dict[str, pd.DataFrame]:
    """The frame each download_buttons call was given, by key (the files are built only on click)."""
    recorded: dict[str, pd.DataFrame] = {}
    original = components.downloads.download_buttons

    def recorder(frame, *, file_stem, key, **options):  # noqa: ANN001
        recorded[key] = frame.copy()
        return original(frame, file_stem=file_stem, key=key, **options)

    monkeypatch.setattr(components.downloads, "download_buttons", recorder)
    return recorded


def shown_before_downloads(at: AppTest) -> dict[str, pd.DataFrame]:
    """For each pair of download buttons, the dataframe displayed just before it."""
    shown, last = {}, None
    for node in nodes(at):
        kind = getattr(node, "type", None)
        if kind == "dataframe":
            last = node
        elif kind == "download_button" and node.key and node.key.endswith("-csv"):
            shown[node.key.removesuffix("-csv")] = last.value
    return shown


@pytest.mark.parametrize("url_path", DOWNLOAD_PAGES)
def test_downloads_contain_exactly_the_rows_shown(sample_store, recorded_downloads, url_path):
    at = run_page(url_path, query={"org": "Naantali"})
    assert_runs_cleanly(at)
    shown = shown_before_downloads(at)
    assert recorded_downloads and set(recorded_downloads) == set(shown)

    for key, recorded in recorded_downloads.items():
        displayed = shown[key].reset_index(drop=True)
        exported = recorded.reset_index(drop=True)
        assert len(exported) > 0, key
        if fi("col.organisation") in exported.columns:
            assert set(exported[fi("col.organisation")]) == {"Naantali"}, key
        if url_path == "aikataulu":
            # The export keeps months as YYYY-MM for Excel's month format; the screen shows 'tammi 2027'.
            for column in (fi("col.start"), fi("col.end")):
                labels = [month_label(pd.Timestamp(value), "fi") if pd.notna(value) else None for value in exported[column]]
                assert labels == [None if pd.isna(value) else value for value in displayed[column]], column
                exported[column] = displayed[column]
        pd.testing.assert_frame_equal(exported, displayed, check_dtype=False)

        data = components.downloads.to_csv_bytes(recorded, "fi")
        assert data.startswith(b"\xef\xbb\xbf")
        records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
        assert len(records) == len(recorded) + 1
        assert records[0] == [str(column) for column in recorded.columns]


# ---------------------------------------------------------------- page content


def test_overview_counts_50_projects_and_formats_money_finnish_and_english(sample_store):
    at = run_page("yleiskuva")
    assert_runs_cleanly(at)
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics[fi("overview.projects")] == "50"
    money = [metrics[fi("overview.one_off")], metrics[fi("overview.annual")]]
    for value in money:
        assert "\u00a0€" in value and " €" not in value, value
        assert re.fullmatch(r"[\d\u00a0]+\u00a0€(–[\d\u00a0]+\u00a0€)?", value), value

    at.segmented_control(key="lang").set_value("en").run()
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics[en("overview.projects")] == "50"
    for value in (metrics[en("overview.one_off")], metrics[en("overview.annual")]):
        assert value.startswith("€") and re.fullmatch(r"€[\d,]+(–€[\d,]+)?", value), value


def test_selecting_a_register_row_shows_the_project_detail_and_its_source_line(sample_store):
    at = run_page("hankkeet")
    first = register(at).iloc[0]
    assert at.subheader[-1].value == fi("projects.register")  # no detail before a selection

    # AppTest cannot click a row; a keyed dataframe takes its selection through session state.
    at.session_state["register"] = {"selection": {"rows": [0], "columns": []}}
    at.run()

    assert_runs_cleanly(at)
    heading = escape_markdown(f"{first[fi('col.code')]} {first[fi('col.title')]}")
    assert heading in [subheader.value for subheader in at.subheader]
    source = [caption.value for caption in at.caption if "Lähde\\:" in caption.value]
    assert len(source) == 1
    assert source[0].startswith(escape_markdown(f"{first[fi('col.organisation')]} · "))
    assert re.search(r"Lähde\\: .+, rivi \d+, kohta ", source[0])
    fields = [element for element in at.dataframe if element.value.columns.tolist()[:1] == [fi("projects.field")]]
    assert len(fields) == 1 and len(fields[0].value) == 11  # every correctable value


def test_import_page_without_an_upload_shows_the_hint_and_no_confirm_button(sample_store):
    at = run_page("tuonti")
    assert_runs_cleanly(at)
    assert fi("import.hint") in [caption.value for caption in at.caption]
    assert len(at.get("file_uploader")) == 1
    assert not [button for button in at.button if button.key == "import-confirm"]
    assert not at.dataframe


def test_plans_page_compares_naantalis_two_latest_plans(sample_store, recorded_downloads):
    at = run_page("suunnitelmat")
    at.selectbox(key="cmp").set_value("Naantali").run()
    assert_runs_cleanly(at)
    comparison = shown_before_downloads(at)["comparison-download"]
    statuses = set(comparison[fi("col.status")])
    assert statuses <= {fi("plans.status.new"), fi("plans.status.continued"), fi("plans.status.gone")}
    assert fi("plans.status.continued") in statuses
    assert len(recorded_downloads["comparison-download"]) == len(comparison)


def test_probability_table_shows_each_projects_class_and_its_probability(sample_store, recorded_downloads):
    at = run_page("todennakoisyys")
    table = shown_before_downloads(at)["probability-download"]
    assert len(table.columns) == 13  # with the simulated P50/P80 ends and their basis
    class_labels = {fi(f"probability.{value}") for value in ("certain", "likely", "uncertain", "unlikely", "unknown")}
    assert any(set(table[column].dropna().astype(str)) & class_labels for column in table.columns)


# ---------------------------------------------------------------- document text is never markup

EVIL_TITLE = "<b>bold</b> **x** [link](javascript:alert(1))"
EVIL_DESCRIPTION = "Kuvaus <script>alert(1)</script> ja [klikkaa](javascript:alert(2))."
EVIL_PLAN_TITLE = "Suunnitelma **x** [link](javascript:alert(3)) <script>alert(4)</script>"
EVIL_PLAN = """Testilän kaupunki

# Tietohallinnon toimenpidesuunnitelma

vuosi 2027

1.9.2026

## 2 Hankkeet

### 2.1 <b>bold</b> **x** [link](javascript:alert(1))

Kuvaus <script>alert(1)</script> ja [klikkaa](javascript:alert(2)).

**Aikataulu:** 1/2027–6/2027

**Projektin toteutumisen todennäköisyys:** Varmaa

**Projektin arvioidut kustannukset (investointi, jatkuvat):** 10 000 €
"""
UNESCAPED = ("<script>", "<b>", "**x**", "](javascript:")


@pytest.fixture
def evil_store(sample_store) -> str:
    """The sample store plus a plan whose texts are Markdown and HTML."""
    engine = get_engine(sample_store)
    ensure_sample_data(engine)
    plan = parse_plan("evil.txt", EVIL_PLAN)
    # The loader already drops short tags and '**'; the pages must not rely on that (other loaders may not).
    plan.title = EVIL_PLAN_TITLE
    plan.projects[0].title = EVIL_TITLE
    plan.projects[0].description = EVIL_DESCRIPTION
    import_plans(engine, [plan], ["evil.txt"])
    return sample_store


def assert_no_markup(at: AppTest) -> None:
    for text in texts(at):
        for fragment in UNESCAPED:
            assert fragment not in text, (fragment, text)


def test_document_text_is_escaped_on_the_overview(evil_store):
    at = run_page("yleiskuva")
    assert_runs_cleanly(at)
    assert_no_markup(at)
    assert any(escape_markdown(EVIL_PLAN_TITLE) in caption.value for caption in at.caption)


def select_evil_project(at: AppTest) -> None:
    rows = register(at).index[register(at)[fi("col.title")] == EVIL_TITLE].tolist()
    assert len(rows) == 1  # dataframe cells are never rendered as Markdown
    at.session_state["register"] = {"selection": {"rows": rows, "columns": []}}
    at.run()
    assert_runs_cleanly(at)


def test_document_text_is_escaped_in_the_project_description_and_captions(evil_store):
    at = run_page("hankkeet")
    assert_no_markup(at)
    select_evil_project(at)
    description = [markdown.value for markdown in at.markdown if "alert(2)" in markdown.value.replace("\\", "")]
    assert description == [escape_markdown(EVIL_DESCRIPTION)]
    source = [caption.value for caption in at.caption if "evil" in caption.value]
    assert source and escape_markdown(EVIL_PLAN_TITLE) in source[0]
    for text in [*at.markdown, *at.caption]:
        for fragment in UNESCAPED:
            assert fragment not in text.value, (fragment, text.value)


def test_document_text_is_escaped_in_the_project_detail_heading(evil_store):
    at = run_page("hankkeet")
    select_evil_project(at)
    assert_no_markup(at)
    assert escape_markdown(f"2.1 {EVIL_TITLE}") in [subheader.value for subheader in at.subheader]
