"""Bytes of a plan document in, lines of text out: .txt, .md, .docx (python-docx) and .pdf (pypdf).

Word headings become Markdown '#' lines so the structure parser sees one format for all.
"""
from __future__ import annotations

import io
import os
import re
import zipfile
from collections import Counter
from pathlib import Path

from charset_normalizer import from_bytes

from loaders.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncodingError,
    FileTooLargeError,
    NotTextError,
    UnsupportedFormatError,
)

DOCUMENT_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
DEFAULT_MAX_DOCUMENT_MB = 20


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


def read_document_file(path: str | Path, encoding: str | None = None) -> tuple[str, bytes]:
    """Read a file from disk after checking its size, returning (text, raw bytes)."""
    path = Path(path)
    source = path.name
    suffix = path.suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        raise UnsupportedFormatError(
            source, f"unsupported file type '{suffix or '(none)'}'; plan documents are " + ", ".join(DOCUMENT_SUFFIXES)
        )
    check_size(source, path.stat().st_size)
    data = path.read_bytes()
    return extract_text(source, data, encoding=encoding), data


def extract_text(source: str, data: bytes, encoding: str | None = None) -> str:
    """Turn a document's bytes into text, choosing the reader by the file name's suffix."""
    suffix = Path(source).suffix.lower()
    check_size(source, len(data))
    if not data.strip():
        raise EmptyDocumentError(source, "the file is empty")
    if suffix in (".txt", ".md"):
        text = decode_text(source, data, encoding)
    elif suffix == ".docx":
        text = docx_to_text(source, data)
    elif suffix == ".pdf":
        text = pdf_to_text(source, data)
    else:
        raise UnsupportedFormatError(
            source, f"unsupported file type '{suffix or '(none)'}'; plan documents are " + ", ".join(DOCUMENT_SUFFIXES)
        )
    if not text.strip():
        raise EmptyDocumentError(source, "the document contains no text")
    return text


def _line_and_column(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(len(sample), 1) > 0.02


def _looks_utf16(data: bytes) -> bool:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    sample = data[:4096]
    # ASCII-heavy UTF-16 has a NUL in every other byte.
    return len(sample) >= 4 and (sample[1::2].count(0) > len(sample) * 0.4 or sample[0::2].count(0) > len(sample) * 0.4)


def decode_text(source: str, data: bytes, encoding: str | None = None) -> str:
    """Decode UTF-8 (with or without BOM); any other encoding must be named, so nothing is misread silently."""
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise EncodingError(source, f"unknown encoding '{encoding}'") from None
        except UnicodeDecodeError as error:
            raise EncodingError(
                source, f"the bytes are not valid {encoding}", _line_and_column(data, error.start)
            ) from None
        return text.lstrip("\ufeff")
    if _looks_utf16(data):
        raise EncodingError(
            source,
            "the text is UTF-16, not UTF-8; save it as UTF-8 or import it with --encoding utf-16",
            "line 1",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if _looks_binary(data):
            raise NotTextError(source, "the file holds binary data, not text") from None
        guess = from_bytes(data[:200000], cp_isolation=["cp1252", "iso8859_15", "latin_1", "mac_roman", "cp850"]).best()
        name = guess.encoding if guess else "an 8-bit encoding"
        bad = data[error.start : error.start + 1].hex()
        raise EncodingError(
            source,
            f"the text is not UTF-8 (byte 0x{bad} looks like {name}); save it as UTF-8 or import it with --encoding {name}",
            _line_and_column(data, error.start),
        ) from None
    if _looks_binary(data):
        raise NotTextError(source, "the file holds binary data, not text")
    return text.lstrip("\ufeff")


_HEADING_STYLE = re.compile(r"^(?:heading|otsikko|rubrik)\s*(\d)", re.IGNORECASE)


def docx_to_text(source: str, data: bytes) -> str:
    """Paragraphs in body order; heading styles become '#' lines; two-column table rows become 'label: value'."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise CorruptDocumentError(source, "not a Word document (.docx files are zip archives; this one is not)")
    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several types for broken packages
        raise CorruptDocumentError(source, f"not a readable Word document ({type(error).__name__}: {error})") from None

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
    return "\n".join(lines)


def pdf_to_text(source: str, data: bytes) -> str:
    """Page text from pypdf; lines repeated at the top or bottom of most pages (headers, footers) are dropped."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise CorruptDocumentError(source, "not a PDF document (it does not start with %PDF)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise CorruptDocumentError(source, "the PDF is password-protected")
            except CorruptDocumentError:
                raise
            except Exception:
                raise CorruptDocumentError(source, "the PDF is password-protected") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except CorruptDocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise CorruptDocumentError(source, f"not a readable PDF ({type(error).__name__}: {error})") from None
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
