"""Loaders: plan documents and portfolio sheets in, validated PlanRecords and parse notes out.

No Streamlit and no database here, so everything runs from the command line and in tests.
"""
from __future__ import annotations

from pathlib import Path

from loaders.identity import finish_plans
from loaders.records import PlanRecord, SourceFile

# Stored with every plan; raise it when the loader reads documents or sheets differently, so `reparse` is worth
# running (2026.12.3: a sheet's period "2024–26" ends in 2026, as a document's does; one number reader).
LOADER_VERSION = "2026.12.3"


def _options(**values: object) -> dict:
    return {name: value for name, value in values.items() if value is not None}


def load_document(
    path: str | Path,
    *,
    organisation: str | None = None,
    period: str | None = None,
    encoding: str | None = None,
) -> PlanRecord:
    """Read a plan document from disk. Raises a LoaderError naming the file when it cannot be read."""
    from loaders.documents.extract import read_document_file
    from loaders.documents.plan import parse_plan

    notes: list = []  # how the text was read (an encoding other than UTF-8): plan-level notes
    text, data = read_document_file(path, encoding=encoding, notes=notes)
    plan = parse_plan(Path(path).name, text, data, organisation=organisation, period=period)
    plan.notes[:0] = notes
    options = _options(organisation=organisation, period=period, encoding=encoding)
    return finish_plans([plan], SourceFile(Path(path).name, data, options))[0]


def load_document_bytes(
    name: str,
    data: bytes,
    *,
    organisation: str | None = None,
    period: str | None = None,
    encoding: str | None = None,
) -> PlanRecord:
    """Read an uploaded plan document (the Import page)."""
    from loaders.documents.extract import extract_text
    from loaders.documents.plan import parse_plan

    notes: list = []  # how the text was read (an encoding other than UTF-8): plan-level notes
    text = extract_text(name, data, encoding=encoding, notes=notes)
    plan = parse_plan(name, text, data, organisation=organisation, period=period)
    plan.notes[:0] = notes
    return finish_plans([plan], SourceFile(name, data, _options(organisation=organisation, period=period, encoding=encoding)))[0]


def load_sheet(
    name: str,
    data: bytes,
    *,
    profile=None,  # noqa: ANN001  (loaders.sheets.mapping.MappingProfile)
    organisation: str | None = None,
    period: str | None = None,
) -> list[PlanRecord]:
    """Read a portfolio sheet (.xlsx, .xlsm, .csv, .tsv) into plans (loaders.sheets.importing.import_sheet).

    Without a profile, a filled Salkku template maps itself; any other sheet gets the suggested mapping.
    Raises a LoaderError naming the file when the file cannot be read at all.
    """
    from loaders.sheets.importing import import_sheet

    return import_sheet(name, data, profile=profile, organisation=organisation, period=period).plans


def is_sheet(name: str | Path) -> bool:
    return Path(name).suffix.lower() in (".xlsx", ".xlsm", ".csv", ".tsv")


def is_excel(name: str | Path) -> bool:
    return Path(name).suffix.lower() in (".xlsx", ".xlsm")


def preview_sheet(name: str, data: bytes):  # noqa: ANN201  (loaders.sheets.reader.Table)
    """The table a sheet's mapping is made for (an exported workbook: its projects sheet, past the cover), and
    whether the file is a Salkku workbook (which needs no mapping). Raises a LoaderError naming the file."""
    from loaders.sheets.importing import mapping_table, salkku_sheets

    salkku = salkku_sheets(name, data) is not None
    return mapping_table(name, data), salkku
