"""Loaders: plan documents (and later sheets) in, validated PlanRecords and parse notes out.

No Streamlit and no database here, so everything runs from the command line and in tests.
"""
from __future__ import annotations

from pathlib import Path

from loaders.records import PlanRecord


def load_document(
    path: str | Path,
    *,
    organisation: str | None = None,
    period: str | None = None,
    encoding: str | None = None,
) -> PlanRecord:
    """Read a plan document from disk. Raises a LoaderError naming the file when it cannot be read."""
    from loaders.extract import read_document_file
    from loaders.plan import parse_plan

    text, data = read_document_file(path, encoding=encoding)
    return parse_plan(Path(path).name, text, data, organisation=organisation, period=period)


def load_document_bytes(
    name: str,
    data: bytes,
    *,
    organisation: str | None = None,
    period: str | None = None,
    encoding: str | None = None,
) -> PlanRecord:
    """Read an uploaded plan document (the Import page)."""
    from loaders.extract import extract_text
    from loaders.plan import parse_plan

    text = extract_text(name, data, encoding=encoding)
    return parse_plan(name, text, data, organisation=organisation, period=period)
