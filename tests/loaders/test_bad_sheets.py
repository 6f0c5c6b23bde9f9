"""Bad sheets through the command line: exit 1, one clear message naming the file, and an unchanged store."""
from __future__ import annotations

import os
import zipfile

import pytest
from sqlmodel import Session, select

from data_model.db import make_engine
from data_model.tables import CONTENT_TABLES, ImportRun
from loaders.__main__ import main
from loaders.sheets.reader import OLE_MAGIC

GOOD_SHEET = "Koodi;Hanke;Alku;Kertakustannus max\n1;Verkon uusiminen;1.3.2026;10 000 €\n2;Kirjasto;2027;\n"
BOMB_MB = 300


def _content(url: str) -> dict[str, list[str]]:
    engine = make_engine(url)
    with Session(engine) as session:
        snapshot = {table.__name__: sorted(map(repr, session.exec(select(table)).all())) for table in CONTENT_TABLES}
    engine.dispose()
    return snapshot


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory):
    """A workbook-shaped zip whose sheet is ~300 MB of zeros, deflated while written: about 300 KB on disk."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = bytes(4 * 1024 * 1024)
            for _ in range(BOMB_MB // 4):
                member.write(chunk)
    return path


def _text_as_xlsx(tmp_path, monkeypatch, zip_bomb):
    path = tmp_path / "salkku.xlsx"
    path.write_text("Hanke;Alku\nVerkko;2027\n", encoding="utf-8")
    return path, "not an Excel workbook"


def _password_protected(tmp_path, monkeypatch, zip_bomb):
    path = tmp_path / "salattu.xlsx"
    path.write_bytes(OLE_MAGIC + bytes(4096))  # Excel writes an encrypted workbook as an OLE compound file
    return path, "password-protected"


def _bomb(tmp_path, monkeypatch, zip_bomb):
    return zip_bomb, "zip bomb"


def _over_the_size_limit(tmp_path, monkeypatch, zip_bomb):
    monkeypatch.setenv("SALKKU_MAX_SHEET_MB", "0.001")
    path = tmp_path / "iso.csv"
    path.write_text(GOOD_SHEET * 20, encoding="utf-8")  # ~2 KB, over the 1 KB limit
    return path, "SALKKU_MAX_SHEET_MB"


def _empty_csv(tmp_path, monkeypatch, zip_bomb):
    path = tmp_path / "tyhja.csv"
    path.write_bytes(b"")
    return path, "empty"


def _blank_csv(tmp_path, monkeypatch, zip_bomb):
    path = tmp_path / "valit.csv"
    path.write_bytes("\ufeff\n \n\t\n".encode("utf-8"))  # a byte order mark, then nothing but blank lines
    return path, "no cells"


def _binary_csv(tmp_path, monkeypatch, zip_bomb):
    path = tmp_path / "roska.csv"
    path.write_bytes(bytes(range(256)) * 40 + os.urandom(2048))
    return path, "binary data"


def _ods(tmp_path, monkeypatch, zip_bomb):
    path = tmp_path / "salkku.ods"
    path.write_bytes(b"PK\x03\x04")
    return path, "unsupported file type '.ods'"


CASES = [
    pytest.param(_text_as_xlsx, id="text named .xlsx"),
    pytest.param(_password_protected, id="password-protected workbook (OLE)"),
    pytest.param(_bomb, id=f"zip bomb of {BOMB_MB} MB of zeros"),
    pytest.param(_over_the_size_limit, id="over SALKKU_MAX_SHEET_MB"),
    pytest.param(_empty_csv, id="empty csv"),
    pytest.param(_blank_csv, id="csv of a BOM and blank lines"),
    pytest.param(_binary_csv, id="binary garbage csv"),
    pytest.param(_ods, id="unsupported .ods"),
]


@pytest.mark.parametrize("make", CASES)
def test_a_bad_sheet_is_refused_with_one_message_naming_it_and_the_store_is_unchanged(
    tmp_path, monkeypatch, capsys, zip_bomb, make
):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    earlier = tmp_path / "aiempi.csv"
    earlier.write_text(GOOD_SHEET, encoding="utf-8")
    assert main(["import", str(earlier), "--organisation", "Muutala", "--database-url", url]) == 0
    before = _content(url)
    capsys.readouterr()

    path, message = make(tmp_path, monkeypatch, zip_bomb)
    # The good sheet comes first: it must not land either.
    good = tmp_path / "hyva.csv"
    good.write_text(GOOD_SHEET.replace("Verkon", "Toisen verkon"), encoding="utf-8")
    code = main(["import", str(good), str(path), "--organisation", "Toisela", "--database-url", url])

    error = capsys.readouterr().err
    assert code == 1
    errors = [line for line in error.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in error
    assert errors[0].startswith(f"error: {path.name}: ") and message in errors[0]
    monkeypatch.delenv("SALKKU_MAX_SHEET_MB", raising=False)
    assert _content(url) == before
    engine = make_engine(url)
    with Session(engine) as session:
        assert session.exec(select(ImportRun).order_by(ImportRun.id.desc())).first().outcome == "failed"


@pytest.mark.parametrize("make", CASES)
def test_parse_sheet_gives_the_same_single_message(tmp_path, monkeypatch, capsys, zip_bomb, make):
    path, message = make(tmp_path, monkeypatch, zip_bomb)
    assert main(["parse-sheet", str(path), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert line.startswith(f"error: {path.name}: ") and message in line


def test_the_zip_bomb_stays_small_on_disk(zip_bomb):
    assert zip_bomb.stat().st_size < 2 * 1024 * 1024
    with zipfile.ZipFile(zip_bomb) as archive:
        assert sum(info.file_size for info in archive.infolist()) >= BOMB_MB * 1024 * 1024 - 4 * 1024 * 1024


def test_an_unsupported_file_is_told_the_spreadsheet_types_too(tmp_path, capsys):
    path = tmp_path / "salkku.ods"
    path.write_bytes(b"PK\x03\x04")
    assert main(["parse-sheet", str(path)]) == 1
    assert ".xlsx" in capsys.readouterr().err


# --- a broken mapping profile ---------------------------------------------------------------------------

BROKEN_PROFILES = [
    pytest.param('{"name": "x", "columns": {"title": ["Hanke"]', "Expecting", id="truncated JSON"),
    pytest.param('["Hanke"]', "JSON object", id="a JSON list"),
    pytest.param('{"name": "x", "colums": {"title": ["Hanke"]}}', "unknown keys", id="misspelt key"),
    pytest.param('{"name": "x", "columns": {"nimi": ["Hanke"]}}', "unknown fields", id="unknown field"),
    pytest.param('{"name": "x", "columns": {"title": ["Hanke"]}, "read": {"sheets": "A"}}', "'read' takes only",
                 id="unknown read option"),
]


def _profile(tmp_path, text: str):
    path = tmp_path / "kunta_profiili.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "reason"), BROKEN_PROFILES)
def test_a_broken_mapping_profile_is_refused_with_a_message_naming_the_profile(tmp_path, capsys, text, reason):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    sheet = tmp_path / "salkku.csv"
    sheet.write_text(GOOD_SHEET, encoding="utf-8")
    profile = _profile(tmp_path, text)
    assert main(["import", "--mapping", str(profile), str(sheet), "--organisation", "Muutala",
                 "--database-url", url]) == 1
    error = capsys.readouterr().err
    errors = [line for line in error.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in error
    assert errors[0].startswith("error: kunta_profiili.json: not a usable mapping profile") and reason in errors[0]
    assert all(not rows for rows in _content(url).values())

    assert main(["parse-sheet", str(sheet), "--mapping", str(profile)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("error: kunta_profiili.json: ") and reason in line


def test_a_missing_mapping_profile_is_named(tmp_path, capsys):
    sheet = tmp_path / "salkku.csv"
    sheet.write_text(GOOD_SHEET, encoding="utf-8")
    assert main(["parse-sheet", str(sheet), "--mapping", str(tmp_path / "puuttuu.json")]) == 1
    assert capsys.readouterr().err.startswith("error: puuttuu.json: not a usable mapping profile")


def test_a_broken_mapping_profile_is_reported_once_for_several_sheets(tmp_path, capsys):
    sheets = []
    for name in ("a.csv", "b.csv"):
        sheets.append(tmp_path / name)
        sheets[-1].write_text(GOOD_SHEET, encoding="utf-8")
    profile = _profile(tmp_path, "{")
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert main(["import", "--mapping", str(profile), *map(str, sheets), "--database-url", url]) == 1
    assert len([line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]) == 1
