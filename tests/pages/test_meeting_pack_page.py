"""The Overview offers the meeting pack of the selection shown, as PDF and PowerPoint, named by the selection and
the date; the file is made when the button is pressed and is the pack of that selection."""
from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pypdf import PdfReader

from tests.pages.conftest import TODAY, run_page


def _made(call: dict) -> bytes:
    assert callable(call["data"])  # built only when pressed, not on every run of the page
    return call["data"]()


@pytest.mark.parametrize(("language", "pdf_name", "heading"), [
    ("fi", f"kokousaineisto_naantali_tietohallinto_{TODAY}.pdf", "Tunnusluvut"),
    ("en", f"meeting-pack_naantali_tietohallinto_{TODAY}.pdf", "Key figures"),
])
def test_overview_offers_the_pack_of_the_selection(sample_store, offered, language, pdf_name, heading):
    at = run_page("yleiskuva", query={"org": "Naantali", "area": "Tietohallinto"}, lang=language)
    assert not at.exception
    pdf = offered["meeting-pack-pdf"]
    assert pdf["file_name"] == pdf_name and pdf["mime"] == "application/pdf"
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(_made(pdf))).pages]
    assert "Naantali" in pages[0] and "Tietohallinto" in pages[0]
    assert pages[1].startswith(heading)
    deck = Presentation(io.BytesIO(_made(offered["meeting-pack-pptx"])))
    assert offered["meeting-pack-pptx"]["file_name"] == pdf_name.replace(".pdf", ".pptx")
    assert len(deck.slides) == len(pages)


def test_empty_store_offers_no_pack(empty_store, offered):
    at = run_page("yleiskuva", lang="fi")
    assert not at.exception
    assert "meeting-pack-pdf" not in offered
