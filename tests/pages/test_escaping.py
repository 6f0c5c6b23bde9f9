"""Text from a file is shown as text on every page: a plan whose names, titles, descriptions, responsible parties
and service areas are Markdown links, images, HTML, bold and bare URLs / e-mail addresses is imported, every page is
run through AppTest, and no element Streamlit renders as Markdown (text, captions, headings, alerts, expander, widget
and button labels, help texts, metric labels) nor a plotly chart (tick labels, hover text) holds live markup."""
from __future__ import annotations

import dataclasses
import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from components.i18n import translate
from components.text import escape_markdown
from data_model.db import make_engine
from data_model.store import import_plans
from loaders import load_document_bytes, load_sheet
from tests.pages.conftest import PAGES, PROJECT_ROOT, run_page
from tests.pages.test_pages import nodes, nodes_of

LINK = "[Kirjaudu](https://evil.example/login)"
IMAGE = "![kuva](https://evil.example/pixel.png)"
TAG = "<b>lihava</b>"
BOLD = "**tähdet**"
URL = "https://evil.example/bare"
EMAIL = "palaute@evil.example"
EVERYTHING = f"{LINK} {IMAGE} {TAG} {BOLD} {URL} {EMAIL}"

# The document: what the Markdown loader keeps goes into the file; it drops short tags and '**' itself, but the pages
# must not rely on that (a sheet keeps both), so those are added to the record the way another loader could give them.
EXAMPLE = PROJECT_ROOT / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md"
FILE_NAME = "[Kirjaudu](https://evil.example).md"
ORGANISATION = f"Pahala {LINK} {TAG} {BOLD}"  # as typed on the Import page: detection only finds 'X:n kaupunki'
PLAN_TITLE = f"Tietohallinnon toimenpidesuunnitelma {LINK} {EMAIL} {TAG} {BOLD}"
PROJECT_TITLE = f"Varmuuskopiointi {LINK} {URL} {TAG} {BOLD}"
DESCRIPTION = f"Kuvaus {EVERYTHING}"
RESPONSIBLE = f"Tietohallinto {LINK} {EMAIL} {TAG} {BOLD}"
SERVICE_AREA = f"{LINK} {EMAIL} {TAG} {BOLD}"
PROJECT = "2.1"

# The sheet keeps every character of a cell.
SHEET_NAME = f"{LINK} taulukko.csv"
SHEET_ORGANISATION = f"Taulula {BOLD} {TAG}"
SHEET_PLAN = f"Salkku {LINK} {TAG}"
SHEET_TITLE = f"Hanke {TAG} {BOLD} {LINK}"
SHEET_AREA = f"Ala {IMAGE} {TAG}"
SHEET_RESPONSIBLE = f"Vastuu {URL} {TAG}"
SHEET_CODE = f"T-1 {BOLD}"
SHEET = (
    "Organisaatio;Suunnitelma;Kausi;Koodi;Hanke;Palveluala;Kuvaus;Alku;Loppu;Aikatauluvastuu;Kertakustannus max\n"
    f"{SHEET_ORGANISATION};{SHEET_PLAN};2027;{SHEET_CODE};{SHEET_TITLE};{SHEET_AREA};Kuvaus {EVERYTHING};2027-01;2027-06;"
    f"{SHEET_RESPONSIBLE};1000\n"
    f"{SHEET_ORGANISATION};{SHEET_PLAN};2027;T-2;Toinen {URL} {EMAIL};{SHEET_AREA};;2027-03;2027-09;;\n"
)
TITLE_COLUMN = translate("col.title", "fi")
MISSING_KEY = "[Kirjaudu](https://evil.example/login)"  # a plan key in a link that the store does not hold


def hostile_document(year: int) -> bytes:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in (
        ("# Tietohallinnon toimenpidesuunnitelma", f"# Tietohallinnon toimenpidesuunnitelma {LINK} {EMAIL}"),
        ("## 2 Perusinfrastruktuurihankkeet, tietohallinto omistajana",
         f"## 2 Perusinfrastruktuurihankkeet, {LINK} {EMAIL} omistajana"),
        ("### 2.1 Varmuuskopioinnin uusiminen", f"### 2.1 Varmuuskopiointi {LINK} {URL}"),
        ("Palvelinten ja pilvipalvelujen varmuuskopiointi siirretään yhteen palveluun.", DESCRIPTION),
        ("**Projektin aikatauluvastuullinen taho:**\n\nTietohallinto\n",
         f"**Projektin aikatauluvastuullinen taho:**\n\nTietohallinto {LINK}\n"),
        ("vuosi 2027", f"vuosi {year}"),
        ("14.9.2026", f"14.9.{year - 1}"),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text.encode("utf-8")


def hostile_plans() -> list:
    plans = []
    for year in (2026, 2027):
        plan = load_document_bytes(FILE_NAME, hostile_document(year), organisation=ORGANISATION,
                                   period=f"vuosi {year} {URL}")
        assert plan.title.startswith(f"Tietohallinnon toimenpidesuunnitelma {LINK}")  # the file's own text got through
        plan.title = PLAN_TITLE
        areas = [project for project in plan.projects if project.service_area and LINK in project.service_area]
        assert areas  # the heading's area came through
        for project in areas:
            project.service_area = SERVICE_AREA
        first = next(project for project in plan.projects if project.code == PROJECT)
        assert first.title.startswith(f"Varmuuskopiointi {LINK}")
        first.title, first.description = PROJECT_TITLE, DESCRIPTION
        first.responsible = dataclasses.replace(first.responsible, text=RESPONSIBLE)
        plans.append(plan)
    sheet = load_sheet(SHEET_NAME, SHEET.encode("utf-8"))
    assert [project.title for project in sheet[0].projects][:1] == [SHEET_TITLE]
    return [*plans, *sheet]


@pytest.fixture
def hostile_store(empty_store) -> dict[str, str]:
    """A fresh store that holds the hostile plans only; returns their keys by name."""
    records = hostile_plans()
    engine = make_engine(empty_store)
    import_plans(engine, records, [FILE_NAME, FILE_NAME, SHEET_NAME])
    engine.dispose()
    return {"old": records[0].key, "new": records[1].key, "sheet": records[2].key}


# ---------------------------------------------------------------- what a page renders

# Proto fields Streamlit renders as Markdown: element bodies (text, captions, headings, alerts), labels (widgets,
# buttons, metrics, expanders, tabs, page links), help texts and button-group options ('content').
MARKDOWN_FIELDS = {"body", "label", "help", "content"}
# Element types that show their strings as plain text (st.text, st.code) or as data.
PLAIN_TYPES = {"text", "code", "exception"}


def _strings(message: Any, where: str) -> Iterator[tuple[str, str]]:
    for descriptor, value in message.ListFields():
        values = value if descriptor.is_repeated else [value]
        if descriptor.type == descriptor.TYPE_MESSAGE:
            for item in values:
                yield from _strings(item, f"{where}.{descriptor.name}")
        elif descriptor.type == descriptor.TYPE_STRING and descriptor.name in MARKDOWN_FIELDS:
            for item in values:
                yield f"{where}.{descriptor.name}", item


def _nodes(at: AppTest) -> Iterator[Any]:
    yield from nodes(at)
    yield from nodes_of(at.sidebar)


def markdown_texts(at: AppTest) -> list[tuple[str, str]]:
    """(where, text) for every string on the page that Streamlit renders as Markdown."""
    found = []
    for node in _nodes(at):
        proto = getattr(node, "proto", None)
        if proto is None or getattr(node, "type", None) in PLAIN_TYPES or type(node).__name__ == "Dataframe":
            continue
        found.extend(_strings(proto, getattr(node, "type", type(node).__name__)))
    # The accessors the other page tests use, so nothing they see is missed by the walk above.
    elements = [*at.markdown, *at.caption, *at.title, *at.header, *at.subheader, *at.info, *at.warning, *at.error,
                *at.success]
    found += [(element.type, element.value) for element in elements]
    found += [("expander", expander.label) for expander in at.expander]
    found += [("metric", metric.label) for metric in at.metric]
    found += [("button", button.label) for button in at.button]
    return found


def plotly_strings(at: AppTest) -> list[str]:
    """Every string in the page's plotly figures (trace data, tick labels, hover text and templates)."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for chart in at.get("plotly_chart"):
        walk(json.loads(chart.proto.spec))
    return found


# ---------------------------------------------------------------- what counts as live markup

# Hostile forms that Markdown would turn into a link, an image, a tag or bold text, looked for in the Markdown source.
# The escaped forms never match: `\]\(https\:`, `\<b\>`, `\*\*tähdet\*\*`.
LIVE_IN_SOURCE = {
    "link or image": re.compile(r"\]\(\s*https?\\?:"),  # a link stays live with an escaped ':' in its target
    "html tag": re.compile(r"(?<!\\)<b>lihava|lihava(?<!\\)</b>"),
    "bold": re.compile(r"(?<!\\)\*(?<!\\)\*tähdet|tähdet\*\*"),
}
# Bare addresses become links after parsing (GFM autolink literals work on the text, escapes already resolved), so
# these are looked for in what the reader sees: a backslash is not enough, the address itself must be broken up.
LIVE_IN_TEXT = {
    "bare url": re.compile(r"(?:https?://|www\.)evil"),
    "e-mail": re.compile(r"[-.\w+]+@evil\.example"),
}
LIVE_HTML = {"html tag": re.compile(r"<b>lihava|lihava</b>"), "link": re.compile(r"<a\b", re.IGNORECASE)}
INVISIBLE = "\u2060\u200b\u200c\u200d\ufeff"  # zero-width characters escaping may insert


def unescaped(text: str) -> str:
    """The text once Markdown has resolved its backslash escapes (what autolinking runs on)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def shown(text: str) -> str:
    """What the reader sees: escapes resolved, zero-width characters dropped, hard line breaks as newlines."""
    return re.sub(f"[{INVISIBLE}]", "", unescaped(text)).replace("  \n", "\n")


def live_markup(text: str) -> list[str]:
    return [name for name, pattern in LIVE_IN_SOURCE.items() if pattern.search(text)] + [
        name for name, pattern in LIVE_IN_TEXT.items() if pattern.search(unescaped(text))]


def live_html(text: str) -> list[str]:
    return [name for name, pattern in LIVE_HTML.items() if pattern.search(text)]


# ---------------------------------------------------------------- the pages


@dataclass(frozen=True)
class Case:
    url_path: str
    query: Callable[[dict[str, str]], dict[str, Any]] = lambda keys: {}
    act: Callable[[AppTest, dict[str, str]], None] | None = None  # what the user does on the page
    shown: tuple[str, ...] = ()  # document texts the page must show (escaped) in a Markdown element
    plotted: tuple[str, ...] = ()  # document texts the page's plotly charts must show (HTML-escaped)
    id: str = field(default="", compare=False)


def all_plans(keys: dict[str, str]) -> dict[str, Any]:
    return {"plan": [keys["old"], keys["new"], keys["sheet"]]}


def select_row(key: str, column: str, value: str) -> Callable[[AppTest, dict[str, str]], None]:
    def act(at: AppTest, keys: dict[str, str]) -> None:  # noqa: ARG001
        frame = next(element for element in at.dataframe if element.key == key).value
        rows = frame.index[frame[column] == value].tolist()
        assert rows, (column, value, frame[column].tolist())
        at.session_state[key] = {"selection": {"rows": rows[:1], "columns": []}}
        at.run()

    return act


def confirm_in_queue(at: AppTest, keys: dict[str, str]) -> None:
    select_row("review-queue", TITLE_COLUMN, SHEET_TITLE)(at, keys)
    at.button(key="review-confirm").click().run()


def choose_for_deletion(at: AppTest, keys: dict[str, str]) -> None:
    at.multiselect(key="delete-plans").set_value([keys["old"], keys["sheet"]]).run()


CASES = [
    Case("yleiskuva", all_plans, shown=(ORGANISATION, PLAN_TITLE, SHEET_PLAN)),
    Case("yleiskuva", lambda keys: {"plan": [keys["new"], MISSING_KEY]}, shown=(MISSING_KEY,), id="yleiskuva-missing-plan"),
    Case("aikataulu", all_plans, plotted=(PROJECT_TITLE[:20], SHEET_TITLE[:20], SERVICE_AREA, SHEET_AREA, RESPONSIBLE)),
    Case("aikataulu", lambda keys: {**all_plans(keys), "gantt-group": "plan_title"}, plotted=(PLAN_TITLE, SHEET_PLAN),
         id="aikataulu-by-plan"),
    Case("kustannukset", all_plans, plotted=(SERVICE_AREA,)),
    Case("todennakoisyys", all_plans, plotted=(SERVICE_AREA, SHEET_AREA)),
    Case("resurssit", all_plans, shown=(SERVICE_AREA,), plotted=(SERVICE_AREA,)),
    Case("esitys", lambda keys: {**all_plans(keys), "topic": "schedule"}, plotted=(PROJECT_TITLE[:20], SERVICE_AREA),
         id="esitys-schedule"),
    Case("esitys", lambda keys: {**all_plans(keys), "topic": "probability"}, id="esitys-probability"),
    Case("esitys", lambda keys: {**all_plans(keys), "topic": "changes"}, id="esitys-changes"),
    Case("hankkeet", all_plans),
    Case("hankkeet", lambda keys: {**all_plans(keys), "project": f"{keys['new']}/{PROJECT}"},
         shown=(f"{PROJECT} {PROJECT_TITLE}", ORGANISATION, PLAN_TITLE, FILE_NAME, DESCRIPTION), id="hankkeet-project"),
    Case("hankkeet", lambda keys: {**all_plans(keys), "project": f"{keys['sheet']}/{SHEET_CODE}"},
         shown=(f"{SHEET_CODE} {SHEET_TITLE}", SHEET_ORGANISATION, SHEET_PLAN, SHEET_NAME), id="hankkeet-sheet-project"),
    Case("hankkeet", lambda keys: {**all_plans(keys), "project": f"{keys['new']}/{LINK}"}, shown=(LINK,),
         id="hankkeet-missing-project"),
    Case("suunnitelmat", all_plans),
    Case("suunnitelmat", all_plans, act=choose_for_deletion, shown=(ORGANISATION, SHEET_PLAN), id="suunnitelmat-delete"),
    Case("tietojen-laatu", all_plans),
    Case("tietojen-laatu", all_plans, act=select_row("review-queue", TITLE_COLUMN, SHEET_TITLE),
         shown=(f"{SHEET_CODE} {SHEET_TITLE}", SHEET_PLAN), id="tietojen-laatu-queue"),
    Case("tietojen-laatu", all_plans, act=confirm_in_queue, shown=(SHEET_CODE,), id="tietojen-laatu-confirm"),
    Case("tuonti", all_plans),
]


def test_the_cases_cover_every_page():
    assert {case.url_path for case in CASES} == set(PAGES)


@pytest.mark.parametrize("case", CASES, ids=[case.id or case.url_path for case in CASES])
def test_no_document_text_is_rendered_as_markup(hostile_store, case):
    at = run_page(case.url_path, query=case.query(hostile_store))
    assert not at.exception, [element.value for element in at.exception]
    if case.act is not None:
        case.act(at, hostile_store)
        assert not at.exception, [element.value for element in at.exception]

    texts = markdown_texts(at)
    live = [(where, text, live_markup(text)) for where, text in texts if live_markup(text)]
    assert not live, live
    for text in case.shown:  # shown in full and escaped, so the checks above saw the hostile text
        assert any(escape_markdown(text) in body for _, body in texts), (text, [body for _, body in texts])

    strings = plotly_strings(at)
    live = [(text, live_html(text)) for text in strings if live_html(text)]
    assert not live, live
    for text in case.plotted:
        assert any(html.escape(text, quote=False) in string for string in strings), (text, strings)


def test_the_checks_catch_raw_and_half_escaped_text():
    half_escaped = ("[a](https\\://evil.example)", "\\*\\*tähdet**", "https\\://evil.example/bare",
                    "palaute@evil\\.example", "www\\.evil.example")
    for text in (LINK, IMAGE, TAG, BOLD, URL, EMAIL, *half_escaped):
        assert live_markup(text), text
    for text in (LINK, IMAGE, TAG, BOLD, URL, EMAIL, EVERYTHING, PLAN_TITLE, SHEET_TITLE, "www.evil.example"):
        assert not live_markup(escape_markdown(text)), escape_markdown(text)
        assert shown(escape_markdown(text)) == text  # escaped, not changed
    assert live_html(TAG) and not live_html(html.escape(TAG, quote=False))
