"""Property-based tests of the loaders' entry points: whatever bytes arrive, a document or sheet gives records or
one of the project's named errors (LoaderError), never another exception, and within a time bound. The deeper,
longer run is `benchmarks/fuzz_loaders.py`."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import load_document_bytes, load_sheet, preview_sheet
from loaders.errors import LoaderError

EXAMPLE = (Path(__file__).resolve().parents[2] / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md").read_text(
    encoding="utf-8")
# Pieces of real plan text and the characters that have broken readers before: labels, numbers, dashes, euro signs.
FRAGMENTS = [line for line in EXAMPLE.splitlines() if line.strip()] + [
    "Aikataulu:", "Kustannukset:", "Toteutumisen todennäköisyys:", "Vastuu:", "2.1 ", "### 3.4 ", "€", "000 €",
    "milj.", "–" * 40, "-" * 400, " " * 50, "1" * 40, "12 000 € + alv (sis. alv noin 15 060 €)", "\t", ";", "|",
    "2026–2027", "Q3/2026", "syksy 2026", "htv", "\u00ad", "\u200b", "\x00", "<script>", "**", "[x](y)",
]
BOUND = settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow], database=None)


def _outcome(read) -> str:  # noqa: ANN001
    """'records' or 'named error'; anything else fails the test with its traceback."""
    try:
        read()
    except LoaderError:
        return "named error"
    return "records"


plan_like_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=40), max_size=60).map("\n".join)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@BOUND
@given(text=plan_like_text)
def test_any_plan_like_text_gives_records_or_a_named_error(suffix, text):
    assert _outcome(lambda: load_document_bytes(f"sumea{suffix}", text.encode("utf-8"))) in ("records", "named error")


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".pdf", ".csv", ".xlsx"])
@BOUND
@given(data=st.binary(max_size=4096))
def test_any_bytes_give_records_or_a_named_error(suffix, data):
    if suffix in (".csv", ".xlsx"):
        outcome = _outcome(lambda: (preview_sheet(f"sumea{suffix}", data), load_sheet(f"sumea{suffix}", data)))
    else:
        outcome = _outcome(lambda: load_document_bytes(f"sumea{suffix}", data))
    assert outcome in ("records", "named error")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in members.items():
            package.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
@BOUND
@given(members=st.dictionaries(
    st.sampled_from(["[Content_Types].xml", "_rels/.rels", "word/document.xml", "xl/workbook.xml",
                     "xl/worksheets/sheet1.xml", "docProps/app.xml"]),
    st.binary(max_size=512) | st.sampled_from([b"<?xml version='1.0'?><a/>", b"<!DOCTYPE x [<!ENTITY e 'x'>]><a>&e;</a>",
                                               b"<w:document xmlns:w='x'><w:body/></w:document>"]),
    max_size=6))
def test_any_zip_posing_as_office_gives_records_or_a_named_error(suffix, members):
    data = _zip(members)
    if suffix == ".xlsx":
        outcome = _outcome(lambda: load_sheet("sumea.xlsx", data))
    else:
        outcome = _outcome(lambda: load_document_bytes("sumea.docx", data))
    assert outcome in ("records", "named error")


csv_cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)


@BOUND
@given(rows=st.lists(st.lists(csv_cells, min_size=1, max_size=8), min_size=1, max_size=30),
       delimiter=st.sampled_from([",", ";", "\t"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_any_csv_gives_records_or_a_named_error(rows, delimiter, encoding):
    header = ["Hanke", "Aikataulu", "Kustannukset", "Vastuu"]
    text = "\n".join(delimiter.join(row) for row in [header, *rows])
    assert _outcome(lambda: load_sheet("sumea.csv", text.encode(encoding))) in ("records", "named error")
