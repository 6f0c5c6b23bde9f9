"""The one encoding policy of documents and sheets (loaders/encoding.py): the example plan in every encoding a
municipality's files arrive in, decoded to the same text, with the encoding named and, where it is not UTF-8, a
note on the plan; and the bytes no policy should guess at, refused with the file and the first bad byte named."""
from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from components.i18n import note_message
from loaders import load_document_bytes
from loaders.documents.extract import extract_text
from loaders.encoding import decode_bytes, encoding_note
from loaders.errors import EncodingError, LoaderError, NotTextError
from loaders.sheets.reader import decode_sheet_text

EXAMPLE = (Path(__file__).resolve().parents[2] / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md").read_text(
    encoding="utf-8")
# The example without its dashes and euro signs: nothing outside latin-1, whose bytes cp1252 reads the same.
LATIN1 = EXAMPLE.replace("–", "-").replace("€", "EUR") + "\nÅland, café ja ½ × 2 ° ¤.\n"
LINES = EXAMPLE.split("\n")
# Mostly UTF-8, but the lines with 'ä' in the first 40 saved as cp1252 (a file pasted together from two editors).
CP1252_LINES = tuple(number for number, line in enumerate(LINES[:40], start=1) if "ä" in line)
MIXED = b"\n".join(
    line.encode("cp1252" if number in CP1252_LINES else "utf-8") for number, line in enumerate(LINES, start=1)
)


def _mixed_message(lines: tuple[int, ...]) -> str:
    shown = ", ".join(map(str, lines[:5]))
    more = f", ... ({len(lines)} lines in all)" if len(lines) > 5 else ""
    return f"lines {shown}{more} are not UTF-8 and were read as cp1252; the rest of the file is UTF-8"


# (bytes, the text they hold, encoding used, note code, note message, lines read as cp1252)
READ = [
    pytest.param(EXAMPLE.encode("utf-8"), EXAMPLE, "utf-8", None, None, (), id="UTF-8"),
    pytest.param(EXAMPLE.encode("utf-8-sig"), EXAMPLE, "utf-8-sig", None, None, (), id="UTF-8 with BOM"),
    pytest.param(codecs.BOM_UTF16_LE + EXAMPLE.encode("utf-16-le"), EXAMPLE, "utf-16", "encoding.utf16_bom",
                 "read as UTF-16 (BOM)", (), id="UTF-16 LE with BOM"),
    pytest.param(codecs.BOM_UTF16_BE + EXAMPLE.encode("utf-16-be"), EXAMPLE, "utf-16", "encoding.utf16_bom",
                 "read as UTF-16 (BOM)", (), id="UTF-16 BE with BOM"),
    pytest.param(EXAMPLE.encode("utf-16-le"), EXAMPLE, "utf-16-le", "encoding.utf16",
                 "read as UTF-16 LE (no BOM; recognised by its byte pattern)", (), id="UTF-16 LE without BOM"),
    pytest.param(EXAMPLE.encode("utf-16-be"), EXAMPLE, "utf-16-be", "encoding.utf16",
                 "read as UTF-16 BE (no BOM; recognised by its byte pattern)", (), id="UTF-16 BE without BOM"),
    pytest.param(EXAMPLE.encode("utf-32"), EXAMPLE, "utf-32", "encoding.utf32_bom", "read as UTF-32 (BOM)", (),
                 id="UTF-32 with BOM"),
    pytest.param(EXAMPLE.encode("cp1252"), EXAMPLE, "cp1252", "encoding.cp1252", "read as cp1252", (), id="cp1252"),
    pytest.param(EXAMPLE.replace("\n", "\r\n").encode("cp1252"), EXAMPLE.replace("\n", "\r\n"), "cp1252",
                 "encoding.cp1252", "read as cp1252", (), id="cp1252 with Windows line ends"),
    pytest.param(LATIN1.encode("latin-1"), LATIN1, "cp1252", "encoding.cp1252", "read as cp1252", (),
                 id="latin-1 only"),
    pytest.param(MIXED, EXAMPLE, "utf-8+cp1252", "encoding.mixed", _mixed_message(CP1252_LINES), CP1252_LINES,
                 id="UTF-8 with some cp1252 lines"),
]


@pytest.mark.parametrize(("data", "text", "encoding", "code", "message", "lines"), READ)
def test_bytes_decode_to_the_original_text_with_the_encoding_named(data, text, encoding, code, message, lines):
    decoded = decode_bytes("plan.md", data)
    assert decoded.text == text
    assert (decoded.encoding, decoded.mixed_lines, decoded.given) == (encoding, lines, False)
    note = encoding_note(decoded)
    assert ((note.code, note.message, note.field) if note else None) == ((code, message, "encoding") if code else None)


REFERENCE = load_document_bytes("plan.md", EXAMPLE.encode("utf-8"))


def _content(plan):  # noqa: ANN001, ANN202
    return [(p.code, p.title, p.service_area, p.description, p.schedule, p.costs, p.probability, p.resources, p.notes)
            for p in plan.projects], (plan.title, plan.organisation, plan.period, plan.document_date)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize(("data", "text", "encoding", "code", "message", "lines"), [
    case for case in READ if case.id != "latin-1 only"  # not the example's text: its dashes and euros spelt out
])
def test_a_plan_in_any_of_these_encodings_reads_as_the_utf8_one_with_the_note_on_the_plan(
    suffix, data, text, encoding, code, message, lines
):
    assert extract_text("plan" + suffix, data).replace("\r\n", "\n") == EXAMPLE
    plan = load_document_bytes("plan" + suffix, data)
    assert _content(plan) == _content(REFERENCE)
    assert [note for note in plan.notes if note.field != "encoding"] == REFERENCE.notes
    encoding_notes = [(note.code, note.message) for note in plan.notes if note.field == "encoding"]
    assert encoding_notes == ([(code, message)] if code else [])
    if code == "encoding.mixed":  # the excerpt is the first line read as cp1252, as it reads now
        assert plan.notes[0].excerpt == LINES[CP1252_LINES[0] - 1].strip()


def test_the_latin1_plan_is_read_through_the_loader_with_its_note():
    plan = load_document_bytes("plan.txt", LATIN1.encode("latin-1"))
    assert [project.title for project in plan.projects] == [project.title for project in REFERENCE.projects]
    assert plan.notes[0].code == "encoding.cp1252"


def test_a_mixed_file_names_the_first_five_lines_and_counts_the_rest():
    data = "\n".join(f"Rivi {number}: ääkköset" for number in range(1, 21)).encode()
    lines = data.split(b"\n")
    for index in (2, 4, 6, 8, 10, 12, 14):  # lines 3, 5, ..., 15 saved as cp1252
        lines[index] = lines[index].decode().encode("cp1252")
    decoded = decode_bytes("a.txt", b"\n".join(lines))
    assert decoded.mixed_lines == (3, 5, 7, 9, 11, 13, 15)
    note = encoding_note(decoded)
    assert note.message == "lines 3, 5, 7, 9, 11, ... (7 lines in all) are not UTF-8 and were read as cp1252; " \
                           "the rest of the file is UTF-8"
    assert note.excerpt == "Rivi 3: ääkköset"
    one = encoding_note(decode_bytes("a.txt", "Pää\n".encode() + "Työ\n".encode("cp1252")))
    assert (one.message, one.excerpt) == ("line 2 is not UTF-8 and was read as cp1252; the rest of the file is UTF-8",
                                          "Työ")


def test_a_file_of_only_ascii_lines_and_cp1252_lines_is_cp1252_not_mixed():
    decoded = decode_bytes("a.txt", b"Hanke\n" + "Päiväkoti – 10 000 €\n".encode("cp1252") + b"Loppu\n")
    assert (decoded.encoding, decoded.mixed_lines) == ("cp1252", ())


# --- refusals: the file and the first bad byte named -------------------------------------------------------------

GARBAGE = bytes(range(256)) * 40 + random.Random(7).randbytes(2048)
UNDEFINED = EXAMPLE.encode("cp1252").replace(b"Varmuuskopioinnin", b"Varmuus\x9dkopioinnin", 1)
CP850 = EXAMPLE.encode("cp850", errors="replace")
UNDEFINED_AT = UNDEFINED.index(b"\x9d")
CP850_AT = CP850.index(b"\x84")
KOI8 = ("Информационные системы города на 2027 год\n" * 20).encode("koi8_r")


@pytest.mark.parametrize(
    ("data", "error", "words", "location"),
    [
        pytest.param(GARBAGE, NotTextError, "binary data, not text (control character 0x00 at byte offset 0", None,
                     id="garbage binary"),
        pytest.param(b"Otsikko\n" + b"\x01\x02\x03" * 100, NotTextError, "0x01 at byte offset 8", None,
                     id="control bytes after a line of text"),
        pytest.param(UNDEFINED, EncodingError, f"byte 0x9D at byte offset {UNDEFINED_AT}",
                     "line 15, column 16", id="cp1252 with an undefined byte"),
        pytest.param(CP850, EncodingError, f"byte 0x84 at byte offset {CP850_AT}", "line 1, column 11",
                     id="cp850 text that cp1252 would misread"),
        pytest.param(KOI8, EncodingError, "byte 0xE9 at byte offset 0", "line 1, column 1",
                     id="Russian text in KOI8-R"),
        pytest.param(EXAMPLE.encode("utf-16-le") + b"\x00", EncodingError,
                     f"not valid utf-16-le: byte 0x00 at byte offset {len(EXAMPLE.encode('utf-16-le'))}",
                     f"line {EXAMPLE.count(chr(10)) + 1}, column 1", id="UTF-16 cut in the middle of a character"),
    ],
)
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_bytes_that_are_no_text_in_the_policy_are_refused_naming_the_file_and_the_first_bad_byte(
    suffix, data, error, words, location
):
    with pytest.raises(error) as caught:
        load_document_bytes("suunnitelma" + suffix, data)
    assert caught.value.source == "suunnitelma" + suffix
    assert words in caught.value.message
    if location:
        assert caught.value.location == location
    assert str(caught.value).startswith(f"suunnitelma{suffix} (" if location else f"suunnitelma{suffix}: ")


def test_the_refusal_of_a_misread_encoding_suggests_the_encoding_to_give():
    with pytest.raises(EncodingError) as caught:
        decode_bytes("dos.txt", CP850)
    assert "--encoding cp850" in caught.value.message
    assert "does not look like Finnish or English text" in caught.value.message


# --- the override -------------------------------------------------------------------------------------------------


def test_a_given_encoding_overrides_detection_and_is_noted():
    decoded = decode_bytes("a.txt", EXAMPLE.encode("cp850", errors="replace"), "cp850")
    assert decoded.text == EXAMPLE.replace("–", "?").replace("€", "?")
    assert (decoded.encoding, decoded.given) == ("cp850", True)
    assert encoding_note(decoded).code == "encoding.given"
    plan = load_document_bytes("plan.txt", EXAMPLE.encode("cp1252"), encoding="cp1252")
    assert [(note.code, note.message) for note in plan.notes if note.field == "encoding"] == [
        ("encoding.given", "read as cp1252 (the encoding given for the import)")]
    assert plan.source_file.options["encoding"] == "cp1252"  # kept, so reparse reads it the same way


def test_a_given_utf8_is_no_note_and_a_given_encoding_is_used_even_where_detection_would_differ():
    assert encoding_note(decode_bytes("a.txt", EXAMPLE.encode(), "UTF8")) is None
    assert decode_bytes("a.txt", "10 €".encode(), "latin-1").text == "10 â\x82¬"  # as asked, byte by byte


def test_a_given_encoding_the_bytes_do_not_fit_is_refused_at_the_line_and_column():
    with pytest.raises(EncodingError) as caught:
        load_document_bytes("plan.txt", "Hanke\nPäiväkoti\n".encode("cp1252"), encoding="utf-8")
    assert caught.value.location == "line 2, column 2"
    assert "byte 0xE4 at byte offset 7" in caught.value.message
    with pytest.raises(EncodingError, match="unknown encoding 'klingon'"):
        load_document_bytes("plan.txt", b"x", encoding="klingon")


# --- the same policy for sheets -----------------------------------------------------------------------------------

SHEET = "Hanke;Alku;Kustannus\nVerkon uusiminen;1/2026;10 000 €\nKirjasto;2027;5 000 €\n"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(SHEET.encode("utf-8"), id="utf-8"),
        pytest.param(SHEET.encode("utf-8-sig"), id="utf-8-sig"),
        pytest.param(SHEET.encode("cp1252"), id="cp1252"),
        pytest.param(SHEET.encode("utf-16"), id="utf-16 with BOM"),
        pytest.param(SHEET.encode("utf-16-le"), id="utf-16-le"),
        pytest.param(SHEET.encode("utf-16-be"), id="utf-16-be"),
        pytest.param("Project,Cost\nBridge,£12m\n".encode("latin-1") + b"Tunnel \x81,\xa35m\n", id="latin-1"),
        pytest.param("Project;Cost\nBridge;£12m – revised\n".encode("cp1252"), id="cp1252 with a pound sign"),
        pytest.param("Hanke;Kuvaus\nA;“lainaus” – ok\n".encode("cp1252") + b"B;x\x9dy\n", id="one undefined byte"),
    ],
)
def test_sheets_read_with_undefined_bytes_kept_give_what_the_sheet_reader_gives_today(data):
    decoded = decode_bytes("salkku.csv", data, undefined="keep")
    assert (decoded.text, decoded.encoding) == decode_sheet_text("salkku.csv", data)


def test_documents_refuse_the_undefined_byte_that_sheets_keep():
    data = "Hanke;Kuvaus\nA;“lainaus” – ok\n".encode("cp1252") + b"B;x\x9dy\n"
    with pytest.raises(EncodingError, match="byte 0x9D at byte offset 33"):
        decode_bytes("salkku.csv", data)
    with pytest.raises(ValueError):
        decode_bytes("salkku.csv", data, undefined="maybe")


# --- the notes in Finnish ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [EXAMPLE.encode("utf-16"), EXAMPLE.encode("utf-16-le"), EXAMPLE.encode("utf-32"), EXAMPLE.encode("cp1252"), MIXED],
    ids=["utf-16 BOM", "utf-16 no BOM", "utf-32 BOM", "cp1252", "mixed"],
)
def test_every_encoding_note_has_a_finnish_text(data):
    note = encoding_note(decode_bytes("a.txt", data))
    finnish = note_message(note.code, note.message, "fi")
    assert finnish != note.message and ("merkistö" in finnish or "Windows" in finnish)
    given = encoding_note(decode_bytes("a.txt", b"x", "cp1252"))
    assert note_message(given.code, given.message, "fi").startswith("Tiedosto luettiin tuonnissa annetulla merkistöllä")


def test_any_loader_error_is_a_named_one():
    for data in (GARBAGE, UNDEFINED, CP850, KOI8):
        with pytest.raises(LoaderError):
            decode_bytes("a.txt", data)
