"""Hostile files: encrypted and bomb PDFs, folders, Office XML with a DTD, figures and codes too large for the store.

Each gets one named error (a LoaderError subclass naming the file), never a traceback, and the store is unchanged:
an import lands whole or not at all. Every input is built here, in the test.
"""
from __future__ import annotations

import io
import tracemalloc
import zipfile
import zlib
from decimal import Decimal

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, StreamObject
from sqlmodel import Session, select

from data_model.store import import_plans
from data_model.tables import CONTENT_TABLES, CostItem, ImportRun, ParseNoteRow, ProjectEntry
from loaders import is_sheet, load_document, load_document_bytes, load_sheet
from loaders.documents import extract
from loaders.__main__ import main
from loaders.errors import (
    CorruptDocumentError,
    DecompressionBombError,
    LoaderError,
    NotAFileError,
    ProtectedFileError,
    UnsafeDocumentError,
    UnstorableValueError,
    ZipBombError,
)
from loaders.records import CostItem as CostRecord
from loaders.records import CostReading, PlanRecord, ProjectRecord, ResourceNeed, ResourceReading
from tests.loaders.test_bad_input import GOOD_PLAN

ORGANISATION = "Testilän kunta"
PLAN = GOOD_PLAN  # the plan of test_bad_input: one project, 10 000 €
MB = 1024 * 1024


# --- building the inputs -----------------------------------------------------------------------------------------


def _pdf(text: str = PLAN, *, contents: list[bytes] | None = None, **encryption) -> bytes:
    """A PDF with `text` on one page (Helvetica, one line per line), or pages with the given raw Flate streams."""
    writer = PdfWriter()
    for content in contents or [None]:
        page = writer.add_blank_page(595, 842)
        font = DictionaryObject({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        })
        fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        if content is None:
            lines = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in text.splitlines()]
            stream = DecodedStreamObject()
            stream.set_data(("BT /F1 11 Tf 14 TL 60 800 Td\n" + "".join(f"({line}) Tj T*\n" for line in lines)
                             + "ET").encode("cp1252"))
        else:
            stream = StreamObject()
            stream._data = content  # already deflated: written as it is
            stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        page[NameObject("/Contents")] = writer._add_object(stream)
    if encryption:
        writer.encrypt(**encryption)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _deflated(size: int, chunk: bytes = b"\0" * MB) -> bytes:
    """`size` bytes of `chunk` repeated, deflated piece by piece (never held inflated)."""
    compressor = zlib.compressobj(9)
    return b"".join(compressor.compress(chunk) for _ in range(size // len(chunk))) + compressor.flush()


def _docx(text: str = PLAN) -> bytes:
    from docx import Document

    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _repacked(data: bytes, change=None, extra: dict[str, bytes] | None = None) -> bytes:  # noqa: ANN001
    """The zip `data` with `change(name, content)` applied to each member and `extra` members added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info, change(info.filename, content) if change else content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def _with_dtd(xml: bytes, padding: bytes = b"") -> bytes:
    """An internal DTD (with an entity, used in the text) right after the XML declaration."""
    declaration, rest = xml.split(b"?>", 1)
    dtd = b'<!DOCTYPE root [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    return declaration + b"?>" + padding + dtd + rest.replace(b"Testil", b"&b;Testil", 1)


def _write(tmp_path, name: str, data: bytes):  # noqa: ANN202
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _sheet(tmp_path, name: str, rows: str):  # noqa: ANN202
    return _write(tmp_path, name, ("Tunnus;Nimi;Palvelualue;Kustannukset\n" + rows).encode("utf-8"))


# --- the hostile files -------------------------------------------------------------------------------------------


def _aes_password_pdf(tmp_path, monkeypatch):
    return _write(tmp_path, "salattu.pdf", _pdf(user_password="salasana", algorithm="AES-256"))


def _aes_pdf_without_cryptography(tmp_path, monkeypatch):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    def missing(self, password):  # noqa: ANN001, ANN202  (what pypdf says when no AES implementation is installed)
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", missing)
    return _write(tmp_path, "aes.pdf", _pdf(user_password="", owner_password="x", algorithm="AES-128"))


def _pdf_bomb(tmp_path, monkeypatch):
    return _write(tmp_path, "pommi.pdf", _pdf(contents=[_deflated(200 * MB)]))  # 200 MB of zeros in 0.2 MB


def _pdf_bomb_over_pages(tmp_path, monkeypatch):
    page = _deflated(20 * MB, b" " * MB)  # each page under the stream limit; together past the document's
    return _write(tmp_path, "sivut.pdf", _pdf(contents=[page] * 8))


def _pdf_of_too_many_commands(tmp_path, monkeypatch):
    monkeypatch.setattr(extract, "PDF_STREAM_TOKENS", 10_000)  # the real limit takes seconds to reach
    return _write(tmp_path, "komennot.pdf", _pdf(contents=[_deflated(2 * MB, b"BT (x) Tj ET\n" * 80_000)]))


def _folder(tmp_path, monkeypatch):
    path = tmp_path / "suunnitelmat"
    path.mkdir()
    return path


def _folder_named_like_a_document(tmp_path, monkeypatch):
    path = tmp_path / "suunnitelma.txt"
    path.mkdir()
    return path


def _docx_dtd(tmp_path, monkeypatch):
    data = _repacked(_docx(), lambda name, xml: _with_dtd(xml) if name == "word/document.xml" else xml)
    return _write(tmp_path, "dtd.docx", data)


def _docx_dtd_in_relationships(tmp_path, monkeypatch):
    data = _repacked(_docx(), lambda name, xml: _with_dtd(xml) if name == "_rels/.rels" else xml)
    return _write(tmp_path, "suhteet.docx", data)


def _docx_dtd_after_comments(tmp_path, monkeypatch):
    padding = b"\n".join(b"<!-- " + b"x" * 500 + b" -->" for _ in range(20))  # 10 KB before the DTD
    data = _repacked(_docx(), lambda name, xml: _with_dtd(xml, padding) if name == "word/document.xml" else xml)
    return _write(tmp_path, "kommentit.docx", data)


def _docx_dtd_in_utf16(tmp_path, monkeypatch):
    def utf16(name, xml):  # noqa: ANN001, ANN202
        if name != "word/styles.xml":
            return xml
        text = _with_dtd(xml).decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
        return text.encode("utf-16")  # with a byte order mark

    return _write(tmp_path, "utf16.docx", _repacked(_docx(), utf16))


def _docx_dtd_in_a_part_not_named_xml(tmp_path, monkeypatch):
    evil = _with_dtd(b'<?xml version="1.0"?><root>Testil</root>')
    return _write(tmp_path, "osa.docx", _repacked(_docx(), extra={"customXml/item9.dat": evil}))


def _docx_endless_prolog(tmp_path, monkeypatch):
    padding = b"<!-- " + b"x" * (100 * 1024) + b" -->"
    data = _repacked(_docx(), lambda name, xml: xml.replace(b"?>", b"?>" + padding, 1)
                     if name == "word/document.xml" else xml)
    return _write(tmp_path, "prologi.docx", data)


def _docx_password(tmp_path, monkeypatch):
    return _write(tmp_path, "suojattu.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))


def _docx_zip_bomb(tmp_path, monkeypatch):
    out = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(_docx()))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        with target.open("word/media/image1.png", "w", force_zip64=True) as member:
            for _ in range(300):  # 300 MB of zeros, about 0.3 MB in the file
                member.write(bytes(MB))
    return _write(tmp_path, "pommi.docx", out.getvalue())


def _sheet_cost_too_large(tmp_path, monkeypatch):
    return _sheet(tmp_path, "kustannus.csv", "A1;Verkko;Tietohallinto;100 000 000 000 000 €\n")


def _sheet_cost_of_29_digits(tmp_path, monkeypatch):
    return _sheet(tmp_path, "numero.csv", "A1;Verkko;Tietohallinto;" + "1" * 29 + " €\n")


def _sheet_code_too_long(tmp_path, monkeypatch):
    return _sheet(tmp_path, "tunnus.csv", "X" * 50 + ";Verkko;Tietohallinto;10 000\n")


def _sheet_service_area_too_long(tmp_path, monkeypatch):
    return _sheet(tmp_path, "alue.csv", "A1;Verkko;" + "Tietohallinto " * 20 + ";10 000\n")


# (make, the error class, a part of the message, the place the message gives: None when there is none)
FILE_CASES = [
    pytest.param(_aes_password_pdf, ProtectedFileError, "the PDF is password-protected", None,
                 id="AES-256 PDF with a user password"),
    pytest.param(_aes_pdf_without_cryptography, ProtectedFileError, "needs the 'cryptography' package", None,
                 id="AES PDF without the cryptography package"),
    pytest.param(_pdf_bomb, DecompressionBombError, "would expand past 25 MB; refused as a possible PDF bomb", None,
                 id="PDF bomb: 200 MB of zeros in one stream"),
    pytest.param(_pdf_bomb_over_pages, DecompressionBombError, "would expand to more than 100 MB", "page 6",
                 id="PDF bomb: 20 MB on each of 8 pages"),
    pytest.param(_pdf_of_too_many_commands, DecompressionBombError, "more than 10,000 drawing commands", None,
                 id="PDF page of too many drawing commands"),
    pytest.param(_folder, NotAFileError, "is a folder, not a file", None, id="folder"),
    pytest.param(_folder_named_like_a_document, NotAFileError, "is a folder, not a file", None,
                 id="folder named suunnitelma.txt"),
    pytest.param(_docx_dtd, UnsafeDocumentError, "document type declaration", "part word/document.xml",
                 id="docx: DTD in the document"),
    pytest.param(_docx_dtd_in_relationships, UnsafeDocumentError, "document type declaration", "part _rels/.rels",
                 id="docx: DTD in a .rels part"),
    pytest.param(_docx_dtd_after_comments, UnsafeDocumentError, "document type declaration", "part word/document.xml",
                 id="docx: DTD after 10 KB of comments"),
    pytest.param(_docx_dtd_in_utf16, UnsafeDocumentError, "document type declaration", "part word/styles.xml",
                 id="docx: DTD in a UTF-16 part"),
    pytest.param(_docx_dtd_in_a_part_not_named_xml, UnsafeDocumentError, "document type declaration",
                 "part customXml/item9.dat", id="docx: DTD in a part not named .xml"),
    pytest.param(_docx_endless_prolog, UnsafeDocumentError, "more than 64 KB of comments", "part word/document.xml",
                 id="docx: 100 KB of comments before the root"),
    pytest.param(_docx_password, ProtectedFileError, "password-protected", None, id="docx: encrypted (OLE)"),
    pytest.param(_docx_zip_bomb, ZipBombError, "refused as a possible zip bomb", None, id="docx: zip bomb"),
    pytest.param(_sheet_cost_too_large, UnstorableValueError, "the cost 100 000 000 000 000 is out of range",
                 "row 2, project A1", id="sheet: cost of 10^14 €"),
    pytest.param(_sheet_cost_of_29_digits, UnstorableValueError, "is out of range", "row 2, project A1",
                 id="sheet: cost of 29 digits"),
    pytest.param(_sheet_code_too_long, UnstorableValueError, f"the project code '{'X' * 50}' is 50 characters long; "
                 "the store holds at most 40", "row 2", id="sheet: project code of 50 characters"),
    pytest.param(_sheet_service_area_too_long, UnstorableValueError, "the store holds at most 200",
                 "row 2, project A1", id="sheet: service area of 280 characters"),
]


def _load(path) -> list[PlanRecord]:  # noqa: ANN001
    if is_sheet(path) and path.is_file():
        return load_sheet(path.name, path.read_bytes(), organisation=ORGANISATION)
    return [load_document(path)]


def _content(engine) -> dict[str, list]:  # noqa: ANN001
    with Session(engine) as session:
        return {table.__name__: sorted(map(repr, session.exec(select(table)).all())) for table in CONTENT_TABLES}


def _stored_plan(tmp_path, engine):  # noqa: ANN001, ANN202
    """A store that already holds a plan, and a good file for the same import as the hostile one."""
    first = _write(tmp_path, "hyva.txt", PLAN.encode("utf-8"))
    import_plans(engine, [load_document(first)])
    return _write(tmp_path, "toinen.txt", PLAN.replace("Testilän", "Toisen").encode("utf-8"))


@pytest.mark.parametrize(("make", "error_class", "message", "place"), FILE_CASES)
def test_hostile_file_is_one_named_error_and_stores_nothing(tmp_path, monkeypatch, sqlite_engine, make, error_class,
                                                             message, place):
    other = _stored_plan(tmp_path, sqlite_engine)
    before = _content(sqlite_engine)
    path = make(tmp_path, monkeypatch)

    with pytest.raises(LoaderError) as caught:
        # The good file comes first: it must not land either.
        import_plans(sqlite_engine, [*_load(other), *_load(path)], [other.name, path.name])

    error = caught.value
    assert type(error) is error_class
    assert error.source == path.name and str(error).startswith(path.name)
    assert message in error.message
    assert error.location == place
    assert _content(sqlite_engine) == before
    with Session(sqlite_engine) as session:
        run = session.exec(select(ImportRun).order_by(ImportRun.id.desc())).first()
    assert run.outcome in ("ok", "failed")  # a store-level refusal is logged; a file refusal never reached the store
    if error_class is UnstorableValueError:
        assert run.outcome == "failed" and path.name in run.error


@pytest.mark.parametrize(("make", "error_class", "message", "place"), FILE_CASES)
def test_the_command_line_gives_the_same_one_line_error(tmp_path, monkeypatch, capsys, make, error_class, message,
                                                        place):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    first = _write(tmp_path, "hyva.txt", PLAN.encode("utf-8"))
    assert main(["import", str(first), "--database-url", url]) == 0
    capsys.readouterr()
    path = make(tmp_path, monkeypatch)
    other = _write(tmp_path, "toinen.txt", PLAN.replace("Testilän", "Toisen").encode("utf-8"))

    code = main(["import", str(other), str(path), "--organisation", ORGANISATION, "--database-url", url])

    error = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in error
    first_line = error.splitlines()[0]
    where = f" ({place})" if place else ""
    assert first_line.startswith(f"error: {path.name}{where}: ")
    assert message in first_line
    assert "nothing imported" in error


# --- values built as records: what the store refuses, whatever reader made them -----------------------------------


def _record(**project) -> list[PlanRecord]:
    defaults = {"code": "2.1", "title": "Verkon uusiminen", "service_area": None, "line": 12}
    return [PlanRecord(source_name="rakennettu.txt", checksum="0" * 64, title="Suunnitelma", organisation=ORGANISATION,
                       period="2026", projects=[ProjectRecord(**{**defaults, **project})])]


RECORD_CASES = [
    pytest.param(lambda: _record(description="Kuvaus\x00jossa NUL"), "holds a NUL character", id="NUL character"),
    pytest.param(lambda: _record(resources=ResourceReading("10^9 htp", (ResourceNeed("it", "10^9 htp", Decimal(10**9),
                                                                                    Decimal(10**9), "person_days"),))),
                 "the resource amount 1 000 000 000 is out of range", id="resource amount of 10^9"),
    pytest.param(lambda: _record(costs=CostReading("x", (CostRecord("one_off", Decimal("Infinity"), None, "x"),))),
                 "is out of range", id="infinite cost"),
    pytest.param(lambda: _record(code="2." + "1" * 45), "is 47 characters long", id="project code of 47 characters"),
]


@pytest.mark.parametrize(("make", "message"), RECORD_CASES)
def test_a_value_the_store_cannot_hold_is_refused_before_anything_is_written(tmp_path, sqlite_engine, make, message):
    other = _stored_plan(tmp_path, sqlite_engine)
    before = _content(sqlite_engine)

    with pytest.raises(UnstorableValueError) as caught:
        import_plans(sqlite_engine, [*_load(other), *make()])

    assert caught.value.source == "rakennettu.txt"
    assert message in caught.value.message
    assert caught.value.location.startswith("line 12")
    assert _content(sqlite_engine) == before


def test_an_organisation_name_too_long_for_the_store_is_refused(tmp_path, sqlite_engine):
    plans = load_sheet("pitka.csv", b"Tunnus;Nimi\nA1;Verkko\n", organisation="Kunta " * 40)
    with pytest.raises(UnstorableValueError) as caught:
        import_plans(sqlite_engine, plans)
    assert str(caught.value).startswith("pitka.csv: the organisation name 'Kunta Kunta")
    assert "240 characters long; the store holds at most 200" in caught.value.message
    assert _content(sqlite_engine) == {table.__name__: [] for table in CONTENT_TABLES}


# --- read, with a note --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cost", [
    pytest.param("1" * 29 + " €", id="29 digits"),
    pytest.param("100 000 000 000 000 €", id="10^14 €"),
    pytest.param("90 000 000 000 € / kk", id="9 * 10^10 € a month"),
    pytest.param("2 000 000 milj. €", id="2 * 10^6 millions"),
])
def test_an_implausibly_large_cost_is_kept_as_text_with_a_note(tmp_path, sqlite_engine, cost):
    path = _write(tmp_path, "suuri.txt", PLAN.replace("10 000 €", cost).encode("utf-8"))
    import_plans(sqlite_engine, [load_document(path)])
    with Session(sqlite_engine) as session:
        entry = session.exec(select(ProjectEntry)).one()
        notes = session.exec(select(ParseNoteRow).where(ParseNoteRow.code == "costs.implausible")).all()
        assert session.exec(select(CostItem)).all() == []  # unknown, never zero
    assert cost in entry.cost_text and "implausible" in entry.cost_flags.split(",")
    assert len(notes) == 1 and "implausibly large" in notes[0].message and "Check the text" in notes[0].message


def test_a_plausible_cost_next_to_an_implausible_one_is_read_and_marked_partial(tmp_path, sqlite_engine):
    path = _write(tmp_path, "osin.txt", PLAN.replace("10 000 €", "10 000 € ja 100 000 000 000 000 €").encode("utf-8"))
    plan = load_document(path)
    costs = plan.projects[0].costs
    assert [item.min_amount for item in costs.items] == [Decimal(10_000)]
    assert set(costs.flags) == {"implausible", "partial"}
    import_plans(sqlite_engine, [plan])


def test_a_cost_just_under_the_limit_is_read():
    from loaders.values.costs import parse_costs

    assert parse_costs("999 999 999 999 €").items[0].min_amount == Decimal(999_999_999_999)


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_a_pdf_encrypted_with_an_empty_user_password_is_read(algorithm):
    plan = load_document_bytes("rajoitettu.pdf", _pdf(user_password="", owner_password="x", algorithm=algorithm))
    assert [(project.code, project.title) for project in plan.projects] == [("2.1", "Verkon uusiminen")]
    assert plan.projects[0].costs.items[0].min_amount == Decimal(10_000)


def test_a_long_project_title_is_stored_whole(tmp_path, sqlite_engine):
    title = "Verkon uusiminen " + "ja laajentaminen " * 40  # the column is Text: no length limit
    path = _write(tmp_path, "otsikko.txt", PLAN.replace("Verkon uusiminen", title.strip()).encode("utf-8"))
    import_plans(sqlite_engine, [load_document(path)])
    with Session(sqlite_engine) as session:
        assert session.exec(select(ProjectEntry.title)).one() == title.strip()


def test_a_pdf_bomb_is_refused_without_inflating_it():
    data = _pdf(contents=[_deflated(200 * MB)])
    tracemalloc.start()
    try:
        with pytest.raises(DecompressionBombError):
            extract.extract_text("pommi.pdf", data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * extract.PDF_STREAM_LIMIT  # never the 200 MB


def test_a_nul_character_in_document_text_is_dropped():
    text = extract.extract_text("nul.txt", PLAN.replace("Lyhyt", "Ly\x00hyt").encode("utf-8"))
    assert "\x00" not in text and "Lyhyt johdanto." in text


def test_a_real_office_package_passes_the_checks():
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Tunnus", "Nimi"])
    out = io.BytesIO()
    workbook.save(out)
    extract.check_office_package("salkku.xlsx", out.getvalue(), "workbook")
    extract.check_office_package("plan.docx", _docx(), "Word document")
    assert load_document_bytes("plan.docx", _docx()).projects[0].code == "2.1"


# --- a folder on the command line ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["import", "parse", "parse-sheet"])
def test_a_folder_on_the_command_line_is_one_message(tmp_path, capsys, command):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    folder = tmp_path / "suunnitelmat"
    folder.mkdir()
    arguments = [command, str(folder)] + (["--database-url", url] if command == "import" else [])

    assert main(arguments) == 1

    error = capsys.readouterr().err
    assert error.splitlines()[0] == f"error: suunnitelmat: is a folder, not a file: {folder}"
    assert "Traceback" not in error
    if command == "import":
        assert error.splitlines()[1:] == ["nothing imported: 1 of 1 files could not be read"]
        assert _content_at(url) == {table.__name__: [] for table in CONTENT_TABLES}


def _content_at(url: str) -> dict[str, list]:
    from data_model.db import make_engine

    engine = make_engine(url)
    try:
        return _content(engine)
    finally:
        engine.dispose()


def _word_with_styles_typed_as(content_type: str) -> bytes:
    """A real plan as .docx whose styles part is declared as another type: python-docx then loads it as a plain
    part and fails only when a paragraph asks for its style (found by benchmarks/fuzz_loaders.py)."""
    from benchmarks.plan_generator import make_plan, render_docx

    source = zipfile.ZipFile(io.BytesIO(render_docx(make_plan(seed=3))))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(b"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
                                          content_type.encode())
            package.writestr(info.filename, content)
    return buffer.getvalue()


@pytest.mark.parametrize("content_type", ["application/xml", "image/png"])
def test_word_document_with_a_damaged_part_is_one_named_error(content_type):
    data = _word_with_styles_typed_as(content_type)
    with pytest.raises(CorruptDocumentError) as raised:
        load_document_bytes("vaurioitunut.docx", data)
    assert raised.value.source == "vaurioitunut.docx"
    assert "damaged" in raised.value.message
