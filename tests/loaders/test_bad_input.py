"""Bad input: one clear message naming the file (and the place), a non-zero exit, and an unchanged store."""
from __future__ import annotations

import io
import os
import zipfile

import pytest
from sqlmodel import Session, select

from data_model.db import make_engine
from data_model.tables import CONTENT_TABLES, ImportRun, ParseNoteRow
from loaders.__main__ import main

GOOD_PLAN = """Testilän kunta

Tietohallinnon toimenpidesuunnitelma

vuosi 2026

1 Johdanto

Lyhyt johdanto.

2 Kehityshankkeet, tietohallinto

2.1 Verkon uusiminen

Aikataulu: 1/2026–6/2026

Projektin arvioidut kustannukset: 10 000 €
"""


def _content(url: str) -> dict[str, list]:
    engine = make_engine(url)
    with Session(engine) as session:
        snapshot = {table.__name__: sorted(map(repr, session.exec(select(table)).all())) for table in CONTENT_TABLES}
    engine.dispose()
    return snapshot


def _cp1252(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(GOOD_PLAN.replace("Johdanto", "Yleistä ja johdanto").encode("cp1252"))
    return path, "line 1, column 7"


def _utf16(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(GOOD_PLAN.encode("utf-16"))
    return path, "line 1"


def _cp850(tmp_path):
    # Finnish from an old DOS program: not UTF-8, and read as cp1252 every 'ä' would be '„' inside a word.
    path = tmp_path / "dos.txt"
    text = GOOD_PLAN.replace("Lyhyt johdanto.", "Lyhyt johdanto: tämä käyttöönotto on päätös.")
    path.write_bytes(text.encode("cp850", errors="replace"))
    return path, "line 1, column 7"


def _undefined_in_cp1252(tmp_path):
    # Windows text with a byte cp1252 leaves undefined (0x81): refused at that byte, not read as something else.
    path = tmp_path / "windows_undefined.txt"
    path.write_bytes(GOOD_PLAN.encode("cp1252").replace(b"Lyhyt", b"Lyhyt \x81"))
    return path, "line 9, column 7"


def _empty(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    return path, None


def _blank(tmp_path):
    path = tmp_path / "blank.md"
    path.write_text("   \n\n\t\n", encoding="utf-8")
    return path, None


def _binary(tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(256)) * 40 + os.urandom(2048))
    return path, None


def _fake_docx(tmp_path):
    path = tmp_path / "notword.docx"
    path.write_text("this is plain text pretending to be Word", encoding="utf-8")
    return path, None


def _zip_not_docx(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a Word package")
    path = tmp_path / "zipped.docx"
    path.write_bytes(buffer.getvalue())
    return path, None


def _fake_pdf(tmp_path):
    path = tmp_path / "notpdf.pdf"
    path.write_text("hello", encoding="utf-8")
    return path, None


def _truncated_pdf(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n%%garbage")
    return path, None


def _unsupported(tmp_path):
    path = tmp_path / "portfolio.odt"
    path.write_bytes(b"PK\x03\x04")
    return path, None


def _huge(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    return path, None


def _no_projects(tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text("Muistio\n\nTässä tekstissä ei ole numeroituja hankkeita lainkaan.\n", encoding="utf-8")
    return path, None


def _missing(tmp_path):
    return tmp_path / "does-not-exist.txt", None


CASES = [
    pytest.param(_empty, "empty", id="empty file"),
    pytest.param(_blank, "empty", id="only white space"),
    pytest.param(_binary, "binary data", id="binary garbage"),
    pytest.param(_fake_docx, "not a Word document", id="docx that is text"),
    pytest.param(_zip_not_docx, "not a readable Word document", id="docx that is another zip"),
    pytest.param(_fake_pdf, "not a PDF", id="pdf that is text"),
    pytest.param(_truncated_pdf, "PDF", id="truncated pdf"),
    pytest.param(_unsupported, "unsupported file type '.odt'", id="unsupported extension"),
    # cp1252 and UTF-16 text were refused here until the encoding policy (loaders/encoding.py) read them with a
    # note; see test_cp1252_and_utf16_text_are_read_with_a_note_naming_the_encoding.
    pytest.param(_cp850, "not UTF-8", id="cp850 text that cp1252 would misread"),
    pytest.param(_undefined_in_cp1252, "byte 0x81 at byte offset", id="byte cp1252 leaves undefined"),
    pytest.param(_huge, "the limit for one document is 20 MB", id="50 MB file"),
    pytest.param(_no_projects, "no projects were recognised", id="no recognisable projects"),
    pytest.param(_missing, "no such file", id="missing file"),
]


@pytest.mark.parametrize(("make", "message"), CASES)
def test_bad_file_gets_one_clear_message_and_changes_nothing(tmp_path, capsys, make, message):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    good = tmp_path / "good.txt"
    good.write_text(GOOD_PLAN, encoding="utf-8")
    assert main(["import", str(good), "--database-url", url]) == 0
    before = _content(url)
    capsys.readouterr()

    path, place = make(tmp_path)
    # The bad file comes second: the good one before it must not land either.
    other = tmp_path / "other.txt"
    other.write_text(GOOD_PLAN.replace("Testilän", "Toisen"), encoding="utf-8")
    code = main(["import", str(other), str(path), "--database-url", url])

    error = capsys.readouterr().err
    assert code == 1
    first = error.splitlines()[0]
    assert first.startswith(f"error: {path.name}")
    assert message in first
    if place:
        assert f"({place})" in first
    assert _content(url) == before
    engine = make_engine(url)
    with Session(engine) as session:
        assert session.exec(select(ImportRun).order_by(ImportRun.id.desc())).first().outcome == "failed"


@pytest.mark.parametrize(("make", "message"), CASES)
def test_parse_command_reports_the_same_errors(tmp_path, capsys, make, message):
    path, _ = make(tmp_path)
    assert main(["parse", str(path), "--json"]) == 1
    assert message in capsys.readouterr().err


def test_non_utf8_text_is_read_when_the_encoding_is_named(tmp_path, capsys):
    path, _ = _cp1252(tmp_path)
    assert main(["parse", str(path), "--encoding", "cp1252"]) == 0
    assert "Verkon uusiminen" in capsys.readouterr().out


@pytest.mark.parametrize(("make", "code"), [(_cp1252, "encoding.cp1252"), (_utf16, "encoding.utf16_bom")],
                         ids=["cp1252", "UTF-16 with BOM"])
def test_cp1252_and_utf16_text_are_read_with_a_note_naming_the_encoding(tmp_path, capsys, make, code):
    path, _ = make(tmp_path)
    assert main(["parse", str(path)]) == 0
    assert "Verkon uusiminen" in capsys.readouterr().out
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert main(["import", str(path), "--database-url", url]) == 0
    engine = make_engine(url)
    with Session(engine) as session:
        assert [row.code for row in session.exec(select(ParseNoteRow)).all() if row.field == "encoding"] == [code]
    engine.dispose()


def test_utf8_with_byte_order_mark_is_read(tmp_path, capsys):
    path = tmp_path / "bom.txt"
    path.write_bytes(GOOD_PLAN.encode("utf-8-sig"))
    assert main(["parse", str(path)]) == 0
    assert "Testilä" in capsys.readouterr().out
