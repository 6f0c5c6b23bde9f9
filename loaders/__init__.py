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
    from loaders.sheets import read_sheet

    read_options = dict(profile.read) if profile is not None else {}
    table = read_sheet(name, data, **read_options)
    if profile is None and "sheet" not in read_options:
        table = template_table(name, data, table)  # an exported workbook: past its cover sheet
    if profile is None:
        profile = template_profile(table.headers) if is_template(table.headers) else suggest_profile(table.headers)
    try:
        plans = apply_profile(table, profile, data=data, organisation=organisation, period=period)
    except ValueError as error:
        raise LoaderError(name, str(error)) from None
    if not any(plan.projects for plan in plans):
        from loaders.errors import NoProjectsError

        raise NoProjectsError(name, "the sheet has no data rows")
    return plans


def is_sheet(name: str | Path) -> bool:
    return Path(name).suffix.lower() in (".xlsx", ".xlsm", ".csv", ".tsv")
