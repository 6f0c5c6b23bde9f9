"""The one sheet import the Import page and the command line share: a portfolio sheet's bytes in, its plans out,
with the table its mapping was made for and the profile that was applied."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from loaders.errors import LoaderError, NoProjectsError
from loaders.identity import finish_plans
from loaders.records import PlanRecord, SourceFile
from loaders.sheets.mapping import (
    MappingProfile,
    apply_profile,
    is_template,
    suggest_profile,
    template_profile,
    template_table,
)
from loaders.sheets.reader import (
    EXCEL_SUFFIXES,
    Table,
    bulk_work,
    read_sheet,
    sheet_names,
)
from loaders.sheets.workbook import is_salkku_workbook, read_salkku_workbook


@dataclass
class SheetImport:
    """What one sheet gave: its plans, and what the Import page shows about how they were read."""

    name: str
    plans: list[PlanRecord] = field(default_factory=list)
    salkku: bool = False  # Salkku's own exported workbook, read back whole: no table, no mapping
    table: Table | None = None  # the table the mapping was made for (an exported workbook: its projects sheet)
    profile: MappingProfile | None = None  # the mapping applied: the one given, the one chosen or the automatic one


def salkku_sheets(name: str, data: bytes) -> list[str] | None:
    """The sheet names of Salkku's own exported workbook, which is read back whole; None for any other file."""
    if Path(name).suffix.lower() not in EXCEL_SUFFIXES:
        return None
    names = sheet_names(name, data)
    return names if is_salkku_workbook(names) else None


def mapping_table(name: str, data: bytes, read: dict | None = None) -> Table:
    """The table a sheet's mapping is made for: the sheet a profile's read options name, else the first sheet or an
    exported workbook's projects sheet past its cover sheet. Raises a LoaderError naming the file."""
    read = read or {}
    table = read_sheet(name, data, **read)
    return table if "sheet" in read else template_table(name, data, table)


def automatic_profile(headers: list[str]) -> MappingProfile:
    """A filled Salkku template maps itself; any other sheet gets the suggested mapping."""
    return template_profile(headers) if is_template(headers) else suggest_profile(headers)


def import_sheet(
    name: str,
    data: bytes,
    *,
    profile: MappingProfile | None = None,
    choose_profile: Callable[[Table], MappingProfile] | None = None,
    organisation: str | None = None,
    period: str | None = None,
) -> SheetImport:
    """Read a portfolio sheet (.xlsx, .xlsm, .csv, .tsv) into plans with their keys and source file.

    The mapping is `profile` when one is given (the command line's --mapping); else `choose_profile(table)` when
    that is given (the Import page's mapping editor, shown the table); else the automatic one. Without a profile
    given, Salkku's own workbook is read back whole. A profile given or chosen is kept with the source file, so
    `reparse` reads the sheet the same way. Raises a LoaderError naming the file when the file cannot be read,
    the mapping names no title column, or the sheet has no data rows.
    """
    if profile is None:
        names = salkku_sheets(name, data)
        if names is not None:
            return SheetImport(name, finish_plans(read_salkku_workbook(name, data, names), SourceFile(name, data)),
                               salkku=True)
        table = mapping_table(name, data)
        chosen = choose_profile(table) if choose_profile is not None else None
        profile = chosen or automatic_profile(table.headers)
        if profile.read:  # a saved profile may say which sheet, header row or layout to read
            table = mapping_table(name, data, profile.read)
    else:
        chosen = profile
        table = mapping_table(name, data, profile.read)
    try:
        with bulk_work():  # a project per record: hundreds of thousands of small objects, no cycles
            plans = apply_profile(table, profile, data=data, organisation=organisation, period=period)
    except ValueError as error:
        raise LoaderError(name, str(error)) from None
    if not any(plan.projects for plan in plans):
        raise NoProjectsError(name, "the sheet has no data rows")
    options = {"organisation": organisation, "period": period, "profile": chosen.to_json() if chosen else None}
    source = SourceFile(name, data, {key: value for key, value in options.items() if value is not None})
    return SheetImport(name, finish_plans(plans, source), table=table, profile=profile)
