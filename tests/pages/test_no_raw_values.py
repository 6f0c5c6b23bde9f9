"""Every page in both languages, on the sample store and on an empty one, shows words, never raw values:
no None/nan/NaT/NULL, no English 'empty' in the Finnish UI, no stored codes (one_off, person_days,
structure.prose_only, supplier ...). Unknown reads 'ei tiedossa' / 'not stated'."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Widget

from loaders.vocabulary import LABELS
from tests.components.test_i18n_complete import emitted_note_codes
from tests.pages.conftest import PAGES, run_page
from tests.pages.test_pages import nodes_of

MISSING_WORDS = re.compile(r"(?<![\w.])(None|nan|NaN|NaT|NULL)(?![\w])")
ENGLISH_EMPTY = re.compile(r"\bempty\b", re.IGNORECASE)
# Codes that are also ordinary words ('other', 'annual', 'it') are caught when they are a whole shown value;
# codes no one writes in prose (one_off, structure.prose_only) are caught anywhere in a text.
WORD_CODES = sorted({code for entries in LABELS.values() for code in entries})
# A code whose word is the code itself ('persons' in English) is a word there.
SAME_AS_WORD = {language: {code for entries in LABELS.values() for code, names in entries.items()
                           if names[index] == code} for index, language in enumerate(("fi", "en"))}
COMPOUND_CODES = sorted({code for code in WORD_CODES if "_" in code} | set(emitted_note_codes()), key=len, reverse=True)
COMPOUND_PATTERN = re.compile(r"(?<![\w.])(" + "|".join(re.escape(code) for code in COMPOUND_CODES) + r")(?![\w])")
ATTRIBUTES = ("value", "label", "options", "help", "placeholder", "delta", "body")


def shown(at: AppTest) -> Iterator[tuple[str, str]]:
    """(where, text) for every text the user sees in the main area and the sidebar; dataframe cells one by one."""
    for root in (at.main, at.sidebar):
        for node in nodes_of(root):
            kind = getattr(node, "type", type(node).__name__)
            if kind in ("vega_lite_chart", "arrow_vega_lite_chart", "plotly_chart", "download_button"):
                continue
            for attribute in ATTRIBUTES:
                if attribute == "value" and isinstance(node, Widget):
                    continue  # a widget's value is its code; the user sees its formatted options
                try:
                    value = getattr(node, attribute, None)
                except Exception:  # noqa: BLE001 - an element without that property
                    continue
                if isinstance(value, pd.DataFrame):
                    yield from _frame_cells(kind, value, getattr(node, "proto", None))
                elif isinstance(value, str):
                    yield f"{kind}.{attribute}", value
                elif isinstance(value, (list, tuple)):
                    for item in value:
                        if isinstance(item, str):
                            yield f"{kind}.{attribute}", item


def _frame_cells(kind: str, frame: pd.DataFrame, proto) -> Iterator[tuple[str, str]]:  # noqa: ANN001
    """The shown cells: hidden columns left out; a missing text cell reads as the table's placeholder,
    or as 'None' without one (Streamlit's default)."""
    # st.table's proto has no column config, order or placeholder: every column shows, a missing cell as "None".
    fields = {descriptor.name for descriptor in proto.DESCRIPTOR.fields} if proto is not None else set()
    config = json.loads(proto.columns) if "columns" in fields and proto.columns else {}
    order = list(proto.column_order) if "column_order" in fields else []
    placeholder = proto.placeholder if "placeholder" in fields and proto.HasField("placeholder") else "None"
    columns = [column for column in frame.columns if not (config.get(str(column)) or {}).get("hidden")
               and (not order or str(column) in order)]
    for column in columns:
        yield f"{kind} column name", str(column)
    for column in columns:
        series = frame[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
            continue  # a missing number or date shows blank
        for value in series:
            if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT or value is pd.NA:
                yield f"{kind}[{column}] missing", placeholder
            elif isinstance(value, str):
                yield f"{kind}[{column}] cell", value


def violations(at: AppTest, language: str) -> list[str]:
    found = []
    for where, text in shown(at):
        problems = []
        if MISSING_WORDS.search(text):
            problems.append("missing value")
        if language == "fi" and ENGLISH_EMPTY.search(text):
            problems.append("English 'empty'")
        if match := COMPOUND_PATTERN.search(text):
            problems.append(f"code {match.group(1)}")
        if text.strip() in WORD_CODES and text.strip() not in SAME_AS_WORD[language]:
            problems.append(f"code {text.strip()}")
        if problems:
            found.append(f"{where}: {text[:120]!r} ({', '.join(problems)})")
    return found


@pytest.mark.parametrize("language", ["fi", "en"])
@pytest.mark.parametrize("url_path", list(PAGES))
def test_every_page_on_sample_data_shows_no_raw_values(sample_store, url_path, language):
    at = run_page(url_path, lang=language)
    assert not at.exception, [exception.value for exception in at.exception]
    assert violations(at, language) == []


@pytest.mark.parametrize("language", ["fi", "en"])
@pytest.mark.parametrize("url_path", list(PAGES))
def test_every_page_on_an_empty_store_shows_no_raw_values(empty_store, url_path, language):
    at = run_page(url_path, lang=language)
    assert not at.exception, [exception.value for exception in at.exception]
    assert violations(at, language) == []
