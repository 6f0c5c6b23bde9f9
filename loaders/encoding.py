"""One text-encoding policy for plan documents (.txt, .md) and sheets (.csv, .tsv): bytes in, text out, with the
encoding that was used and, for a file that mixes encodings, the lines that were read as cp1252.

In this order:

1. an encoding the user gave (``--encoding``) is used as it is, strictly;
2. a byte order mark: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE;
3. UTF-16 without a mark, when the bytes have its pattern (a NUL in nearly every other byte);
4. UTF-8, strictly;
5. cp1252 (Windows "ANSI", which Excel and Notepad write on Finnish Windows) when the result looks like Finnish or
   English text. A file that is mostly UTF-8 is read line by line: UTF-8 where a line decodes, cp1252 for the rest;
6. otherwise EncodingError naming the file and the first bad byte (binary data: NotTextError).

Anything but UTF-8 is worth a note on the plan (`encoding_note`), so that a misread letter can be traced to how the
file was read. Nothing here knows about plans or sheets: both readers call `decode_bytes`.
"""
from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from loaders.errors import EncodingError, NotTextError
from loaders.records import ParseNote

CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"  # the five bytes cp1252 leaves without a character
MIXED_LINES_SHOWN = 5  # line numbers a note names before "..."
SAMPLE = 1024 * 1024  # bytes (or characters) the statistics below look at
CONTROL_SHARE = 0.02  # more control characters than this, and it is binary data, not text
UTF16_NUL_SHARE = 0.75  # UTF-16 without a BOM: at least this share of the high bytes are NUL ...
UTF16_OTHER_NUL_SHARE = 0.1  # ... and at most this share of the low bytes

_BOMS = (  # longest first: the UTF-32 LE mark begins like the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)

# C0 control characters other than tab, line feed, form feed and carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_CONTROL_BYTE = re.compile(b"[" + re.escape(_CONTROL_BYTES) + b"]")
_CONTROL_CHAR = re.compile("[" + re.escape(_CONTROL_BYTES.decode("ascii")) + "]")
_ASCII_ALNUM = bytes(range(48, 58)) + bytes(range(65, 91)) + bytes(range(97, 123))
_HIGH = bytes(range(128, 256))
# Bytes cp1252 reads as a letter (Ä, ö, é, Š, ...) and, of the rest, the ones that are spacing, not symbols.
_HIGH_LETTERS = bytes(b for b in _HIGH if bytes([b]).decode("cp1252", errors="ignore").isalpha())
_NEUTRAL = b"\xa0\xad" + CP1252_UNDEFINED  # no-break space, soft hyphen; undefined bytes are judged on their own
# cp1252 characters that stand inside a word when the file is really cp850 or Mac Roman: Finnish 'ä' and 'ö' in
# cp850 are „ and ”, in Mac Roman Š and š. Apostrophes, dashes and the like are at home inside words.
_INSIDE_WORD_OK = b"\x91\x92\x96\x97\xa0\xad\xb4\xb7" + CP1252_UNDEFINED
_ODD_INSIDE_WORD = bytes(b for b in range(0x80, 0xC0) if b not in _INSIDE_WORD_OK)
_LETTER_CLASS = b"A-Za-z" + re.escape(bytes(b for b in _HIGH_LETTERS if b >= 0xC0))
_ODD_IN_WORD = re.compile(
    b"(?<=[" + _LETTER_CLASS + b"])[" + re.escape(_ODD_INSIDE_WORD) + b"](?=[" + _LETTER_CLASS + b"])"
)
_DEFINED_C1 = re.compile(b"[" + re.escape(bytes(b for b in range(0x80, 0xA0) if b not in CP1252_UNDEFINED)) + b"]")


class Decoded(NamedTuple):
    """What `decode_bytes` read: the text, the encoding used and, for a mixed file, the lines read as cp1252."""

    text: str
    # A codec name ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", or the name the user gave),
    # or "utf-8+cp1252" for a file read line by line.
    encoding: str
    mixed_lines: tuple[int, ...] = ()  # 1-based numbers of the lines read as cp1252 in a "utf-8+cp1252" file
    given: bool = False  # the user named the encoding


def _pass_through(error: UnicodeDecodeError) -> tuple[str, int]:
    return "".join(chr(byte) for byte in error.object[error.start : error.end]), error.end


codecs.register_error("salkku-keep-undefined", _pass_through)


def decode_bytes(source: str, data: bytes, encoding: str | None = None, *, undefined: str = "error") -> Decoded:
    """Decode the bytes of a text file (see the module's docstring for the order). Raises EncodingError, or
    NotTextError for binary data, naming `source` and the place.

    `undefined="keep"` lets through the five bytes cp1252 leaves undefined, as control characters (what a browser
    does), instead of refusing the file: for sheets, whose Windows exports carry one now and then.

    >>> decode_bytes("a.txt", "Määrä €".encode("cp1252"))
    Decoded(text='Määrä €', encoding='cp1252', mixed_lines=(), given=False)
    >>> [decode_bytes("a.txt", "Hanke".encode(name)).encoding for name in ("utf-16-le", "utf-16")]
    ['utf-16-le', 'utf-16']
    >>> decode_bytes("a.txt", "Pää\\n".encode() + "Työ\\n".encode("cp1252")).mixed_lines
    (2,)
    """
    if undefined not in ("error", "keep"):
        raise ValueError(f"undefined must be 'error' or 'keep', not {undefined!r}")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise EncodingError(source, f"unknown encoding '{encoding}'") from None
        return Decoded(_strict(source, data, encoding, encoding), encoding, given=True)
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            # UTF-8 is decoded with its mark (a U+FEFF that _strict drops): utf-8-sig counts offsets after the mark.
            text = _strict(source, data, name, "utf-8" if codec == "utf-8" else name, codec, len(bom))
            _refuse_binary_text(source, text, codec, len(bom))
            return Decoded(text, name)
    codec = utf16_without_bom(data)
    if codec:
        text = _strict(source, data, codec, codec)
        _refuse_binary_text(source, text, codec, 0)
        return Decoded(text, codec)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    else:
        _refuse_binary_bytes(source, data)
        return Decoded(text, "utf-8")
    _refuse_binary_bytes(source, data)
    return _eight_bit(source, data, first_bad, undefined)


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like UTF-16 written without a BOM: in text in Latin letters
    nearly every other byte is NUL (the high byte), and the bytes between are not.

    >>> utf16_without_bom("Verkon uusiminen – 10 000 €".encode("utf-16-be")), utf16_without_bom(b"plain")
    ('utf-16-be', None)
    """
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= UTF16_NUL_SHARE * half and even <= UTF16_OTHER_NUL_SHARE * half:
        return "utf-16-le"
    if even >= UTF16_NUL_SHARE * half and odd <= UTF16_OTHER_NUL_SHARE * half:
        return "utf-16-be"
    return None


def encoding_note(decoded: Decoded) -> ParseNote | None:
    """The plan-level note saying how the text was read, or None for UTF-8 (with or without a BOM).

    >>> encoding_note(decode_bytes("a.txt", "Pää".encode("utf-16"))).message
    'read as UTF-16 (BOM)'
    >>> encoding_note(decode_bytes("a.txt", "Pää".encode("utf-8-sig"))) is None
    True
    """
    name = decoded.encoding
    if decoded.given:
        if codecs.lookup(name).name in ("utf-8", "utf-8-sig"):
            return None
        return ParseNote("encoding", "encoding.given", f"read as {name} (the encoding given for the import)")
    if name in ("utf-8", "utf-8-sig"):
        return None
    if name == "utf-16":
        return ParseNote("encoding", "encoding.utf16_bom", "read as UTF-16 (BOM)")
    if name == "utf-32":
        return ParseNote("encoding", "encoding.utf32_bom", "read as UTF-32 (BOM)")
    if name in ("utf-16-le", "utf-16-be"):
        order = name[-2:].upper()
        message = f"read as UTF-16 {order} (no BOM; recognised by its byte pattern)"
        return ParseNote("encoding", "encoding.utf16", message)
    if name == "utf-8+cp1252":
        lines = decoded.mixed_lines
        shown = ", ".join(str(number) for number in lines[:MIXED_LINES_SHOWN])
        if len(lines) == 1:
            message = f"line {shown} is not UTF-8 and was read as cp1252; the rest of the file is UTF-8"
        else:
            more = f", ... ({len(lines)} lines in all)" if len(lines) > MIXED_LINES_SHOWN else ""
            message = f"lines {shown}{more} are not UTF-8 and were read as cp1252; the rest of the file is UTF-8"
        first = decoded.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")[lines[0] - 1] if lines else ""
        return ParseNote("encoding", "encoding.mixed", message, first.strip().replace("\x00", "")[:300])
    return ParseNote("encoding", "encoding.cp1252", "read as cp1252" if name == "cp1252" else f"read as {name}")


# --- strict decoding and where it fails --------------------------------------------------------------------------


def _strict(source: str, data: bytes, name: str, codec: str, endian: str | None = None, skip: int = 0) -> str:
    """`data` decoded with `codec`, or EncodingError at the first bad byte; `endian` and `skip` (the BOM's length)
    say how to count the characters before it."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise EncodingError(
            source,
            f"the bytes are not valid {name}: byte 0x{data[error.start]:02X} at byte offset {error.start} does not "
            "decode",
            place(data, error.start, endian or codec, skip),
        ) from None
    return text.lstrip("\ufeff")


def place(data: bytes, offset: int, codec: str = "utf-8", skip: int = 0) -> str:
    """Line and column of the byte at `offset`, counted in characters of the text before it.

    >>> place("Hanke;Alku\\nPäiväkoti".encode("cp1252"), 12)
    'line 2, column 2'
    """
    before = data[skip:offset].decode(codec, errors="replace")
    lines = before.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return f"line {len(lines)}, column {len(lines[-1]) + 1}"


# --- binary data -------------------------------------------------------------------------------------------------


def _refuse_binary_bytes(source: str, data: bytes) -> None:
    """NotTextError when the bytes (UTF-8 or 8-bit: a control character is one byte) are mostly not text."""
    sample = data[:SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > CONTROL_SHARE * max(len(sample), 1):
        first = _CONTROL_BYTE.search(sample).start()
        raise NotTextError(source, _binary_message(sample[first], first))


def _refuse_binary_text(source: str, text: str, codec: str, skip: int) -> None:
    sample = text[:SAMPLE]
    controls = _CONTROL_CHAR.findall(sample)
    if len(controls) > CONTROL_SHARE * max(len(sample), 1):
        index = _CONTROL_CHAR.search(sample).start()
        offset = skip + len(sample[:index].encode(codec))
        raise NotTextError(source, _binary_message(ord(sample[index]), offset))


def _binary_message(byte: int, offset: int) -> str:
    return f"the file holds binary data, not text (control character 0x{byte:02X} at byte offset {offset}, and many more)"


# --- cp1252, whole or line by line -------------------------------------------------------------------------------


def _eight_bit(source: str, data: bytes, first_bad: int, undefined: str) -> Decoded:
    """A file that is not UTF-8: cp1252 throughout, or UTF-8 lines with cp1252 ones among them."""
    errors = "salkku-keep-undefined" if undefined == "keep" else "strict"
    if not _has_utf8_character(data):  # no UTF-8 character anywhere: one cp1252 text (the common case, fast)
        _refuse_undefined(source, data, data, 0, undefined)
        _check_cp1252(source, data, data, first_bad)
        return Decoded(data.decode("cp1252", errors=errors), _eight_bit_name(data, undefined))
    parts: list[str] = []
    mixed: list[int] = []
    segment = bytearray()  # (a sample of) the bytes read as cp1252, for the plausibility check
    utf8_lines = 0
    offset = 0
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        if line.isascii():
            parts.append(line.decode("ascii"))
        else:
            try:
                parts.append(line.decode("utf-8"))
                utf8_lines += 1
            except UnicodeDecodeError:
                _refuse_undefined(source, data, line, offset, undefined)
                parts.append(line.decode("cp1252", errors=errors))
                mixed.append(number)
                if len(segment) < SAMPLE:
                    segment += line
        offset += len(line)
    _check_cp1252(source, data, bytes(segment), first_bad)
    text = "".join(parts)
    if not utf8_lines:  # every line with a character outside ASCII is cp1252: the whole file is
        return Decoded(text, _eight_bit_name(data, undefined))
    return Decoded(text, "utf-8+cp1252", tuple(mixed))


def _has_utf8_character(data: bytes, chunk: int = SAMPLE) -> bool:
    """Whether a well-formed UTF-8 sequence for a character outside ASCII stands anywhere in `data` (read a chunk
    of whole lines at a time, so no sequence is cut and the copy stays small).

    >>> _has_utf8_character("Pää".encode("cp1252") + "ä".encode()), _has_utf8_character("Pää".encode("cp1252"))
    (True, False)
    """
    start = 0
    while start < len(data):
        end = data.find(b"\n", start + chunk)
        end = len(data) if end < 0 else end + 1
        if not data[start:end].decode("utf-8", errors="ignore").isascii():
            return True
        start = end
    return False


def _first_undefined(data: bytes) -> int:
    """The offset of the first byte cp1252 leaves undefined, or -1 (five memchr scans: faster than a regex)."""
    found = [offset for offset in (data.find(bytes([byte])) for byte in CP1252_UNDEFINED) if offset >= 0]
    return min(found, default=-1)


def _eight_bit_name(data: bytes, undefined: str) -> str:
    """'cp1252', or 'latin-1' for a file that is latin-1 read byte by byte: one whose only bytes in 0x80-0x9F are
    those cp1252 leaves undefined (kept with undefined='keep'); there both encodings give the same text."""
    if undefined == "keep" and _first_undefined(data) >= 0 and not _DEFINED_C1.search(data):
        return "latin-1"
    return "cp1252"


def _refuse_undefined(source: str, data: bytes, segment: bytes, start: int, undefined: str) -> None:
    if undefined == "keep":
        return
    found = _first_undefined(segment)
    if found >= 0:
        offset = start + found
        raise EncodingError(
            source,
            f"the text is not UTF-8, and byte 0x{data[offset]:02X} at byte offset {offset} is not a character in "
            "cp1252 either; save the file as UTF-8, or import it with --encoding naming its encoding",
            place(data, offset),
        )


def _check_cp1252(source: str, data: bytes, segment: bytes, first_bad: int) -> None:
    """EncodingError unless `segment` (the bytes read as cp1252) looks like Finnish or English text."""
    reason = implausible_cp1252(segment, data)
    if reason:
        raise EncodingError(
            source,
            f"the text is not UTF-8 (byte 0x{data[first_bad]:02X} at byte offset {first_bad}), and read as cp1252 "
            f"it does not look like Finnish or English text ({reason}); save the file as UTF-8, or import it with "
            f"--encoding naming its encoding{_guess(data)}",
            place(data, first_bad),
        )


def implausible_cp1252(segment: bytes, data: bytes | None = None) -> str | None:
    """Why `segment`, read as cp1252, is not Finnish or English text, or None when it may well be. `data` is the
    whole file, whose letters and digits count too (a file may be UTF-8 but for a few lines).

    >>> implausible_cp1252("Päiväkodin tietoverkko – 10 000 €".encode("cp1252")) is None
    True
    >>> implausible_cp1252("Päiväkodin tietoverkko ja työasemat".encode("cp850"))
    'symbols inside words, as in cp850 or Mac Roman text'
    >>> implausible_cp1252("Информационные системы города".encode("cp1251"))
    'mostly letters outside English and Finnish'
    """
    sample = segment[:SAMPLE]
    whole = (data if data is not None else segment)[:SAMPLE]
    high = len(sample) - len(sample.translate(None, _HIGH))
    if not high:
        return None
    high_letters = len(sample) - len(sample.translate(None, _HIGH_LETTERS))
    symbols = high - high_letters - (len(sample) - len(sample.translate(None, _NEUTRAL)))
    ascii_alnum = len(whole) - len(whole.translate(None, _ASCII_ALNUM))
    if ascii_alnum + high_letters < 2 * symbols:
        return "more symbols than letters"
    if high_letters >= 8 and high_letters > ascii_alnum:
        return "mostly letters outside English and Finnish"
    odd = len(_ODD_IN_WORD.findall(sample))
    if odd >= 3 and odd >= 0.2 * high:
        return "symbols inside words, as in cp850 or Mac Roman text"
    return None


def _guess(data: bytes) -> str:
    """', e.g. --encoding cp850' when the file reads as Finnish in an old DOS or Mac encoding, or charset_normalizer
    has an idea; else ''."""
    sample = data[:SAMPLE]
    high = len(sample) - len(sample.translate(None, _HIGH))
    scores = {}
    for name in ("cp850", "mac_roman"):
        text = sample.decode(name, errors="replace")
        scores[name] = sum(text.count(letter) for letter in "äöåÄÖÅ")
    name, score = max(scores.items(), key=lambda item: item[1])
    if high and score >= 0.5 * high:  # most of what is not ASCII is a Finnish letter there
        return f", e.g. --encoding {name}"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample[:200000], cp_isolation=["iso8859_15", "cp1251", "koi8_r", "iso8859_7", "shift_jis",
                                                         "gb18030"]).best()
    except Exception:  # noqa: BLE001  (a guess for a message; never the reason a file fails)
        return ""
    return f", e.g. --encoding {best.encoding}" if best is not None else ""
