"""Bytes of a plan document in, lines of text out: .txt, .md, .docx (python-docx) and .pdf (pypdf).

Word headings become Markdown '#' lines so the structure parser sees one format for all.
"""
from __future__ import annotations

import codecs
import io
import os
import re
import stat
import struct
import zipfile
import zlib
from collections import Counter
from pathlib import Path

from loaders.encoding import decode_bytes, encoding_note
from loaders.errors import (
    CorruptDocumentError,
    DecompressionBombError,
    EmptyDocumentError,
    FileTooLargeError,
    LoaderError,
    NotAFileError,
    ProtectedFileError,
    UnsafeDocumentError,
    UnsupportedFormatError,
    ZipBombError,
)
from loaders.records import ParseNote

DOCUMENT_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
DEFAULT_MAX_DOCUMENT_MB = 20

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office saves encrypted files (and old .doc/.xls) this way
# Office packages (zip): what a real document stays under, checked before anything is inflated.
ZIP_MAX_MEMBERS = 10_000
ZIP_TOTAL_FLOOR = 200 * 1024 * 1024
ZIP_TOTAL_FACTOR = 100  # ... or this many times the file's own size, whichever is larger
ZIP_MEMBER_RATIO = 200
ZIP_MEMBER_FLOOR = 50 * 1024 * 1024
PROLOG_CHUNK = 4096  # bytes of each zip member read to find where its XML root element starts
PROLOG_LIMIT = 64 * 1024  # an XML prolog (declaration, comments) longer than this is not from Office
# PDF: pypdf inflates each stream at most this far, and the pages' content together at most PDF_CONTENT_LIMIT.
PDF_STREAM_LIMIT = 25 * 1024 * 1024
PDF_CONTENT_LIMIT = 100 * 1024 * 1024
PDF_STREAM_TOKENS = 1_000_000  # operators and operands in one content stream


def max_document_bytes() -> int:
    """The size limit for one document; SALKKU_MAX_DOCUMENT_MB overrides the default."""
    return int(float(os.environ.get("SALKKU_MAX_DOCUMENT_MB", DEFAULT_MAX_DOCUMENT_MB)) * 1024 * 1024)


def check_size(source: str, size: int) -> None:
    limit = max_document_bytes()
    if size > limit:
        raise FileTooLargeError(
            source,
            f"the file is {size / 1024 / 1024:.1f} MB; the limit for one document is {limit / 1024 / 1024:.0f} MB "
            "(set SALKKU_MAX_DOCUMENT_MB to change it)",
        )


def display_name(path: Path) -> str:
    """The name a message gives a path: its last part, or the path itself when it has none ('.', '/')."""
    return path.name or str(path)


def check_path(path: str | Path) -> os.stat_result:
    """A regular file, or NotAFileError: reading a folder, a device or a pipe fails or never ends."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise NotAFileError(display_name(path), f"no such file: {path}") from None
    except OSError as error:
        raise LoaderError(display_name(path), f"cannot be read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise NotAFileError(display_name(path), f"is a folder, not a file: {path}")
    if not stat.S_ISREG(info.st_mode):
        raise NotAFileError(display_name(path), f"is not a regular file (a device or a pipe): {path}")
    return info


def read_document_file(
    path: str | Path, encoding: str | None = None, notes: list[ParseNote] | None = None
) -> tuple[str, bytes]:
    """Read a file from disk after checking its size, returning (text, raw bytes); see extract_text for `notes`."""
    path = Path(path)
    info = check_path(path)
    source = display_name(path)
    suffix = path.suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        raise UnsupportedFormatError(
            source, f"unsupported file type '{suffix or '(none)'}'; plan documents are " + ", ".join(DOCUMENT_SUFFIXES)
        )
    check_size(source, info.st_size)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_document_bytes() + 1)  # never more than the limit, even if the file grew
    except OSError as error:
        raise LoaderError(source, f"cannot be read: {error.strerror or error}") from None
    return extract_text(source, data, encoding=encoding, notes=notes), data


def extract_text(source: str, data: bytes, encoding: str | None = None, notes: list[ParseNote] | None = None) -> str:
    """Turn a document's bytes into text, choosing the reader by the file name's suffix. Notes on how the bytes were
    read (an encoding other than UTF-8) are appended to `notes`, for the plan."""
    suffix = Path(source).suffix.lower()
    check_size(source, len(data))
    if not data.strip():
        raise EmptyDocumentError(source, "the file is empty")
    if suffix in (".txt", ".md"):
        text = decode_text(source, data, encoding, notes)
    elif suffix == ".docx":
        text = docx_to_text(source, data)
    elif suffix == ".pdf":
        text = pdf_to_text(source, data)
    else:
        raise UnsupportedFormatError(
            source, f"unsupported file type '{suffix or '(none)'}'; plan documents are " + ", ".join(DOCUMENT_SUFFIXES)
        )
    text = text.replace("\x00", "")  # never meaningful in a plan, and PostgreSQL cannot store it
    if not text.strip():
        raise EmptyDocumentError(source, "the document contains no text")
    return text


def decode_text(source: str, data: bytes, encoding: str | None = None, notes: list[ParseNote] | None = None) -> str:
    """Decode a .txt or .md file by the policy sheets share (loaders/encoding.py): a BOM, UTF-16 by its byte pattern,
    UTF-8, then cp1252 (line by line in a file that is UTF-8 but for some lines), else EncodingError at the first bad
    byte; `encoding` (--encoding) overrides. How the text was read, when not as UTF-8, is added to `notes`."""
    decoded = decode_bytes(source, data, encoding)
    note = encoding_note(decoded)
    if note is not None and notes is not None:
        notes.append(note)
    return decoded.text


_HEADING_STYLE = re.compile(r"^(?:heading|otsikko|rubrik)\s*(\d)", re.IGNORECASE)


def docx_to_text(source: str, data: bytes) -> str:
    """Paragraphs in body order; heading styles become '#' lines; two-column table rows become 'label: value';
    a table of projects (loaders.documents.table_plan) becomes a Markdown pipe table."""
    from docx import Document

    if data.startswith(OLE_MAGIC):
        raise ProtectedFileError(
            source,
            "the Word document is password-protected (encrypted) or in the old .doc format, which cannot be read; "
            "open it in Word, remove the password and save it as a Word Document (.docx)",
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise CorruptDocumentError(source, "not a Word document (.docx files are zip archives; this one is not)")
    check_office_package(source, data, "Word document")
    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several types for broken packages
        raise CorruptDocumentError(source, f"not a readable Word document ({type(error).__name__}: {error})") from None
    # python-docx reads parts (styles, numbering) only when a paragraph asks for them, so a damaged part shows
    # only while walking the body, as whatever its object model happens to raise.
    try:
        return "\n".join(_docx_lines(document))
    except (ValueError, AttributeError, KeyError, TypeError, IndexError) as error:
        raise CorruptDocumentError(source, f"a part of the Word document is damaged ({type(error).__name__}: {error})") from None


def _docx_lines(document) -> list[str]:  # noqa: ANN001
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from loaders.documents.table_plan import docx_table_lines

    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if not text:
                lines.append("")
                continue
            style_name = block.style.name if block.style is not None else ""
            match = _HEADING_STYLE.match(style_name or "")
            if match:
                lines.extend(["", "#" * int(match.group(1)) + " " + text, ""])
            elif style_name.lower() == "title":
                lines.extend(["", "# " + text, ""])
            else:
                lines.append(text)
        elif isinstance(block, Table):
            project_rows = docx_table_lines(block)  # a table of projects: a pipe table, every cell in its column
            if project_rows is not None:
                lines.extend(project_rows + [""])
                continue
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = cell.text.strip()
                    if value and (not cells or cells[-1] != value):  # merged cells repeat
                        cells.append(value)
                if len(cells) == 2:
                    lines.append(f"{cells[0].rstrip(':')}: {cells[1]}")
                elif cells:
                    lines.append(" | ".join(cells))
            lines.append("")
    return lines


_BOMS = (  # longest first: the UTF-32 LE mark begins like the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# How '<' or '<?' looks in the encodings an XML parser detects without a byte order mark (XML 1.0, appendix F).
_XML_STARTS = ((b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"), (b"\x00<\x00?", "utf-16-be"),
               (b"<\x00?\x00", "utf-16-le"), (b"\x4c\x6f\xa7\x94", "cp500"))


def _xml_head(head: bytes) -> str:
    """The start of a zip member as text, in the encoding an XML parser would see (ASCII-compatible otherwise)."""
    for mark, name in _BOMS:
        if head.startswith(mark):
            return head[len(mark):].decode(name, errors="ignore")
    for start, name in _XML_STARTS:
        if head.startswith(start):
            return head.decode(name, errors="ignore")
    return head.decode("latin-1")


def _prolog(text: str, complete: bool) -> str:
    """What follows an XML prolog's declaration, comments and processing instructions: 'root' (the root element),
    'dtd' (a document type declaration), 'more' (the prolog goes on past `text`) or 'other' (not XML).

    >>> _prolog('<?xml version="1.0"?>\\r\\n<!-- x --><w:document>', False)
    'root'
    >>> _prolog('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a/>', False), _prolog("<!-- long", False)
    ('dtd', 'more')
    """
    position = 0
    while True:
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
        rest = text[position:position + 9]
        if len(rest) < 9 and not complete:  # '<', '<!' or '<!DOC' cut off at the end of what was read
            return "more"
        if rest.startswith(("<?", "<!--")):
            closing = "?>" if rest.startswith("<?") else "-->"
            end = text.find(closing, position + len("<?" if closing == "?>" else "<!--"))
            if end < 0:
                return "other" if complete else "more"
            position = end + len(closing)
        elif rest.startswith("<!"):
            return "dtd"
        elif rest.startswith("<"):
            return "root"
        else:
            return "other"


def check_office_package(source: str, data: bytes, what: str = "document") -> None:
    """Refuse an Office file (.docx, .xlsx: a zip of XML parts) that is a zip bomb, or any of whose parts carries a
    DTD (<!DOCTYPE ...>: entity tricks; Office never writes one). Each part's size comes from the zip's own table
    and at most PROLOG_LIMIT bytes of it are inflated, so the check costs little whatever the file holds."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise CorruptDocumentError(source, f"not a readable {what} (the zip archive is damaged)") from None
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > ZIP_MAX_MEMBERS:
            raise ZipBombError(source, f"the {what} holds {len(members)} parts (a real one holds a few dozen); "
                                       "refused as a possible zip bomb")
        total = sum(info.file_size for info in members)  # zipfile never inflates a part past its declared size
        if total > max(ZIP_TOTAL_FLOOR, ZIP_TOTAL_FACTOR * len(data)):
            raise ZipBombError(source, f"the {what} would expand from {len(data) / 1024 / 1024:.1f} MB to "
                                       f"{total / 1024 / 1024:.0f} MB; refused as a possible zip bomb")
        for info in members:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > ZIP_MEMBER_FLOOR and ratio > ZIP_MEMBER_RATIO:
                raise ZipBombError(source, f"the part {info.filename} would expand {ratio:.0f}-fold to "
                                           f"{info.file_size / 1024 / 1024:.0f} MB; refused as a possible zip bomb")
        for info in members:  # every part, whatever its name: a part's content type, not its name, makes it XML
            if _part_prolog(source, archive, info, what) == "dtd":
                raise UnsafeDocumentError(
                    source, f"the {what} carries a document type declaration (<!DOCTYPE>), which Office never "
                    "writes; refused as possibly malicious (open the file in Office and save it again)",
                    f"part {info.filename}")


def _part_prolog(source: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, what: str) -> str:
    head = b""
    try:
        with archive.open(info) as member:
            while True:
                chunk = member.read(PROLOG_CHUNK)
                head += chunk
                found = _prolog(_xml_head(head), complete=not chunk or len(head) >= info.file_size)
                if found != "more":
                    return found
                if len(head) >= PROLOG_LIMIT:
                    raise UnsafeDocumentError(
                        source, f"the part begins with more than {PROLOG_LIMIT // 1024} KB of comments or "
                        "declarations before its content, which Office never writes; refused as possibly malicious",
                        f"part {info.filename}")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, RuntimeError, NotImplementedError, OSError,
            EOFError, ValueError) as error:  # an encrypted or damaged part, an unknown compression method
        raise CorruptDocumentError(source, f"not a readable {what} (the part {info.filename} cannot be read: "
                                           f"{error})") from None


def pdf_limits() -> dict:
    """pypdf's own limits, tightened: no stream of a plan inflates past PDF_STREAM_LIMIT."""
    return {
        "zlib_maximum_output_length": PDF_STREAM_LIMIT,
        "lzw_maximum_output_length": PDF_STREAM_LIMIT,
        "run_length_maximum_output_length": PDF_STREAM_LIMIT,
        "brotli_maximum_output_length": PDF_STREAM_LIMIT,
        "array_based_stream_maximum_output_length": PDF_STREAM_LIMIT,
        "stream_decoding_work_maximum_length": 2 * PDF_STREAM_LIMIT,
        "stream_parsing_work_maximum_count": PDF_STREAM_TOKENS,
    }


def _page_content_bytes(page, seen: set[int]) -> int:  # noqa: ANN001  (pypdf.PageObject)
    """The inflated size of a page's content streams and of the forms it draws (each form counted once)."""
    from pypdf.generic import ArrayObject, StreamObject

    streams = []
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if isinstance(contents, ArrayObject):
        streams.extend(item.get_object() for item in contents)
    elif contents is not None:
        streams.append(contents)
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
    xobjects = xobjects.get_object() if xobjects is not None else None
    if hasattr(xobjects, "values"):
        for value in xobjects.values():
            form = value.get_object()
            if isinstance(form, StreamObject) and form.get("/Subtype") == "/Form":
                streams.append(form)
    total = 0
    for stream in streams:
        if isinstance(stream, StreamObject) and id(stream) not in seen:
            seen.add(id(stream))
            total += len(stream.get_data())  # pypdf keeps the inflated data: extract_text does not inflate again
    return total


def pdf_to_text(source: str, data: bytes) -> str:
    """Page text from pypdf; lines repeated at the top or bottom of most pages (headers, footers) are dropped.

    A PDF encrypted with an empty user password (only its editing is restricted) is read; one that needs a
    password to open is refused, and so is one whose streams would inflate past the limits (a "PDF bomb")."""
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import (
        DependencyError,
        FileNotDecryptedError,
        LimitReachedError,
        PyPdfError,
    )

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise CorruptDocumentError(source, "not a PDF document (it does not start with %PDF)")
    password = ("the PDF is password-protected; save or print it as a PDF without a password (or save its text "
                "as .txt) and import that")
    encrypted = False
    try:
        with apply_configuration(**pdf_limits()):
            reader = PdfReader(io.BytesIO(data))
            encrypted = reader.is_encrypted
            if encrypted and not reader.decrypt(""):
                raise ProtectedFileError(source, password)
            pages, inflated, seen = [], 0, set()
            for number, page in enumerate(reader.pages, 1):
                inflated += _page_content_bytes(page, seen)
                if inflated > PDF_CONTENT_LIMIT:
                    raise DecompressionBombError(
                        source, f"the pages' content would expand to more than {PDF_CONTENT_LIMIT // 1024 // 1024} MB "
                        f"by page {number} (the file is {len(data) / 1024 / 1024:.1f} MB); refused as a possible PDF "
                        "bomb", f"page {number}")
                pages.append(page.extract_text() or "")
    except LoaderError:
        raise
    except FileNotDecryptedError:
        raise ProtectedFileError(source, password) from None
    except DependencyError as error:
        if encrypted:
            raise ProtectedFileError(
                source, f"the PDF is encrypted (AES) and reading it needs the 'cryptography' package, which is not "
                f"installed (pip install -r requirements.txt): {error}") from None
        raise CorruptDocumentError(source, f"the PDF needs a package that is not installed: {error}") from None
    except LimitReachedError as error:
        reason = str(error).lower()
        if "decompress" in reason or "output length" in reason or "decoding work" in reason:
            raise DecompressionBombError(source, f"a stream of the PDF would expand past {PDF_STREAM_LIMIT // 1024 // 1024}"
                                                 " MB; refused as a possible PDF bomb") from None
        if "tokens per stream" in reason:
            raise DecompressionBombError(source, f"a page of the PDF holds more than {PDF_STREAM_TOKENS:,} drawing "
                                                 "commands; refused as a possible PDF bomb") from None
        raise CorruptDocumentError(source, f"not a readable PDF (it passes a reading limit: {error})") from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
            NotImplementedError, ArithmeticError, zlib.error, struct.error, UnicodeError) as error:
        # pypdf meets damaged files in many ways (an unknown filter name, a broken stream, a bad number)
        detail = str(error)[:120]
        raise CorruptDocumentError(source, f"not a readable PDF ({type(error).__name__}: {detail})") from None
    return _drop_page_furniture([page.splitlines() for page in pages])


def _drop_page_furniture(pages: list[list[str]]) -> str:
    if len(pages) < 3:
        return "\n\n".join("\n".join(page) for page in pages)
    edge_counts: Counter[str] = Counter()
    for page in pages:
        nonblank = [line.strip() for line in page if line.strip()]
        edge_counts.update(set(nonblank[:2] + nonblank[-2:]))
    threshold = max(2, len(pages) // 2)
    page_number = re.compile(r"^(?:sivu\s+)?\d{1,3}(?:\s*(?:/|\(|of)\s*\d{1,3}\)?)?$", re.IGNORECASE)
    furniture = {line for line, count in edge_counts.items() if count >= threshold}
    kept_pages = []
    for page in pages:
        kept = [line for line in page if line.strip() not in furniture and not page_number.match(line.strip())]
        kept_pages.append("\n".join(kept))
    return "\n\n".join(kept_pages)
