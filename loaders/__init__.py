"""Loaders: plan documents (and later sheets) in, validated PlanRecords and parse notes out.

No Streamlit and no database here, so everything runs from the command line and in tests.
"""
from __future__ import annotations

from pathlib import Path

from loaders.identity import assign_plan_keys
from loaders.records import PlanRecord, SourceFile

# Stored with every plan; raise it when the loader reads documents differently, so `reparse` is worth running.
LOADER_VERSION = "2026.12.2"


def _options(**values: object) -> dict:
    return {name: value for name, value in values.items() if value is not None}


def _finish(plans: list[PlanRecord], source: SourceFile) -> list[PlanRecord]:
    """Keys and the source file for the plans read from one file."""
    assign_plan_keys(plans)
    for plan in plans:
        plan.source_file = source
    return plans


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

    notes: list = []  # how the text was read (an encoding other than UTF-8): plan-level notes
    text, data = read_document_file(path, encoding=encoding, notes=notes)
    plan = parse_plan(Path(path).name, text, data, organisation=organisation, period=period)
    plan.notes[:0] = notes
    options = _options(organisation=organisation, period=period, encoding=encoding)
    return _finish([plan], SourceFile(Path(path).name, data, options))[0]


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

    notes: list = []  # how the text was read (an encoding other than UTF-8): plan-level notes
    text = extract_text(name, data, encoding=encoding, notes=notes)
    plan = parse_plan(name, text, data, organisation=organisation, period=period)
    plan.notes[:0] = notes
    return _finish([plan], SourceFile(name, data, _options(organisation=organisation, period=period, encoding=encoding)))[0]


def load_sheet(
    name: str,
    data: bytes,
    *,
    profile=None,  # noqa: ANN001  (loaders.mapping.MappingProfile)
    organisation: str | None = None,
    period: str | None = None,
) -> list[PlanRecord]:
    """Read a portfolio sheet (.xlsx, .xlsm, .csv, .tsv) into plans.

    Without a profile, a filled Salkku template maps itself; any other sheet gets the suggested mapping.
    Raises a LoaderError naming the file when the file cannot be read at all.
    """
    from loaders.errors import LoaderError
    from loaders.mapping import apply_profile, is_template, suggest_profile, template_profile, template_table
    from loaders.sheets import bulk_work, read_sheet

    explicit = profile
    if profile is None and is_excel(name):
        from loaders.sheets import sheet_names
        from loaders.workbook import is_salkku_workbook, read_salkku_workbook

        names = sheet_names(name, data)
        if is_salkku_workbook(names):  # exported by Salkku: read back whole, no mapping
            return _finish(read_salkku_workbook(name, data, names), SourceFile(name, data, _options()))
    read_options = dict(profile.read) if profile is not None else {}
    table = read_sheet(name, data, **read_options)
    if profile is None and "sheet" not in read_options:
        table = template_table(name, data, table)  # an exported workbook: past its cover sheet
    if profile is None:
        profile = template_profile(table.headers) if is_template(table.headers) else suggest_profile(table.headers)
    try:
        with bulk_work():  # a project per record: hundreds of thousands of small objects, no cycles
            plans = apply_profile(table, profile, data=data, organisation=organisation, period=period)
    except ValueError as error:
        raise LoaderError(name, str(error)) from None
    if not any(plan.projects for plan in plans):
        from loaders.errors import NoProjectsError

        raise NoProjectsError(name, "the sheet has no data rows")
    options = _options(organisation=organisation, period=period, profile=explicit.to_json() if explicit else None)
    return _finish(plans, SourceFile(name, data, options))


def is_sheet(name: str | Path) -> bool:
    return Path(name).suffix.lower() in (".xlsx", ".xlsm", ".csv", ".tsv")


def is_excel(name: str | Path) -> bool:
    return Path(name).suffix.lower() in (".xlsx", ".xlsm")


def preview_sheet(name: str, data: bytes):  # noqa: ANN201  (loaders.sheets.Table)
    """The table a sheet's mapping is made for (an exported workbook: its projects sheet, past the cover), and
    whether the file is a Salkku workbook (which needs no mapping). Raises a LoaderError naming the file."""
    from loaders.mapping import template_table
    from loaders.sheets import read_sheet, sheet_names
    from loaders.workbook import is_salkku_workbook

    salkku = is_excel(name) and is_salkku_workbook(sheet_names(name, data))
    table = read_sheet(name, data)
    return template_table(name, data, table), salkku
