"""Command line: read plans (`parse`, `parse-sheet`), fill and manage the store (`import`, `export`, `plans`,
`delete`, `reparse`, `upgrade`).

Every failure is one line `error: FILE (PLACE): MESSAGE` on stderr and exit code 1, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from loaders import is_sheet, load_document
from loaders.errors import LoaderError
from loaders.serialize import project_json


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m loaders", description="Read municipal IT plans into Salkku.")
    commands = parser.add_subparsers(dest="command", required=True)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--organisation", help="the municipality, when the document does not name it")
        sub.add_argument("--period", help="the plan period as text, e.g. '2024' or 'syksy 2023, vuosi 2024'")
        sub.add_argument("--encoding", help="the text encoding of a .txt/.md file that is not UTF-8, e.g. cp1252")

    def store(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--database-url", help="SQLAlchemy URL; default: DATABASE_URL or the SQLite file")

    parse = commands.add_parser("parse", help="print the projects of one document")
    parse.add_argument("file", type=Path)
    parse.add_argument("--json", action="store_true", help="a JSON array, one object per project")
    common(parse)

    sheet = commands.add_parser("parse-sheet", help="print the projects of one portfolio sheet")
    sheet.add_argument("file", type=Path)
    sheet.add_argument("--json", action="store_true", help="a JSON array, one object per project")
    sheet.add_argument("--mapping", type=Path, help="a mapping profile (JSON); default: the template or a suggestion")
    common(sheet)

    load = commands.add_parser(
        "import", help="import documents and sheets into the store, all in one transaction",
        description="Each --mapping PROFILE applies to the sheets named after it (up to the next --mapping), so one "
                    "command can take documents and sheets with different profiles: "
                    "import plan.docx --mapping gmpp.json uk_2021.csv uk_2022.csv --mapping itd.json projects.csv",
    )
    load.add_argument("files", type=Path, nargs="+", help="documents and sheets, with --mapping options among them")
    load.add_argument("--mapping", type=Path, help="a mapping profile (JSON) for the sheets after it")
    store(load)
    common(load)

    out = commands.add_parser("export", help="write the store (or some plans) as the 'Vie salkku' workbook")
    out.add_argument("--plan", nargs="+", action="extend", default=[], metavar="KEY", help="plan keys (default: all)")
    out.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    out.add_argument("--lang", choices=["fi", "en"], default="fi", help="the language of sheet names and headers")
    store(out)

    pack = commands.add_parser("meeting-pack", help="write the steering group's meeting pack (PDF or PowerPoint)")
    pack.add_argument("--plan", nargs="+", action="extend", default=[], metavar="KEY",
                      help="plan keys (default: the newest plan of each organisation, as the dashboard starts)")
    pack.add_argument("--area", nargs="+", action="extend", default=[], metavar="NAME", help="service areas (default: all)")
    pack.add_argument("--format", choices=["pdf", "pptx"], required=True)
    pack.add_argument("--lang", choices=["fi", "en"], default="fi")
    pack.add_argument("--out", type=Path, required=True, help="the file to write")
    store(pack)

    listing = commands.add_parser("plans", help="list the plans in the store")
    listing.add_argument("--json", action="store_true", help="a JSON array, one object per plan")
    store(listing)

    remove = commands.add_parser("delete", help="delete plans (and everything they hold) from the store")
    which = remove.add_mutually_exclusive_group(required=True)
    which.add_argument("--plan", nargs="+", action="extend", default=[], metavar="KEY", help="plan keys")
    which.add_argument("--demo", action="store_true", help="the sample data (plans marked demo)")
    store(remove)

    again = commands.add_parser("reparse", help="read the stored documents again with this loader")
    again.add_argument("--plan", nargs="+", action="extend", default=[], metavar="KEY",
                       help="plan keys (default: every plan)")
    store(again)

    upgrade = commands.add_parser("upgrade", help="bring the store's schema up to date (done on every start too)")
    store(upgrade)

    fix = commands.add_parser("correct", help="correct one value of a stored project (the value read is kept)")
    fix.add_argument("--plan", required=True, metavar="KEY")
    fix.add_argument("--code", required=True, help="the project's code in the plan")
    fix.add_argument("--field", required=True,
                     help="title, service_area, start, end, probability, probability_driver, responsible, "
                          "responsible_class, cost_one_off_min, cost_one_off_max, cost_annual_min, cost_annual_max, "
                          "costs (a JSON list), resources (a JSON list) or not_a_project")
    fix.add_argument("--value", required=True, help="the new value; 'unknown' clears it")
    fix.add_argument("--reason", required=True)
    store(fix)

    listing_fixes = commands.add_parser("corrections", help="list corrections with their state")
    listing_fixes.add_argument("--plan", metavar="KEY")
    listing_fixes.add_argument("--json", action="store_true")
    store(listing_fixes)

    undo = commands.add_parser("undo-correction", help="take a correction back (the value read is in effect again)")
    undo.add_argument("id", type=int)
    store(undo)

    stored = commands.add_parser("projects", help="print the stored projects with corrections applied")
    stored.add_argument("--plan", metavar="KEY")
    stored.add_argument("--json", action="store_true")
    store(stored)

    calibrated = commands.add_parser(
        "calibration", help="how often each stated probability class kept its planned end from one plan to the next")
    calibrated.add_argument("--organisation", help="one organisation's plans (default: every organisation's pairs)")
    calibrated.add_argument("--json", action="store_true",
                            help="a JSON list, one object per class: class, n, kept, rate, low, high, median_slip_months")
    store(calibrated)

    sample = commands.add_parser("export-sample", help="(maintainers) write sample data from reference plans")
    sample.add_argument("files", type=Path, nargs="+")
    sample.add_argument("--output", type=Path, required=True)
    common(sample)
    return parser


def _fail(error: BaseException) -> None:
    print(f"error: {error}", file=sys.stderr)


def _profile_from(path: Path | None):  # noqa: ANN202
    from loaders.sheets.mapping import MappingProfile

    if path is None:
        return None
    try:
        return MappingProfile.load(path)
    except (OSError, ValueError) as error:
        raise LoaderError(path.name, f"not a usable mapping profile: {error}") from None


def split_import_arguments(argv: list[str]) -> tuple[list[str], list[tuple[str, str | None]]]:
    """The files of `import` paired with the --mapping that stands before them, and the other arguments.

    >>> split_import_arguments(["a.txt", "--mapping", "p.json", "b.csv", "--organisation", "X", "c.csv"])
    (['--organisation', 'X'], [('a.txt', None), ('b.csv', 'p.json'), ('c.csv', 'p.json')])
    >>> split_import_arguments(["--mapping=p.json", "b.csv"])[1]
    [('b.csv', 'p.json')]
    """
    rest, files, mapping = [], [], None
    takes_value = {"--database-url", "--organisation", "--period", "--encoding"}
    tokens = iter(argv)
    for token in tokens:
        if token == "--mapping":
            mapping = next(tokens, None)
        elif token.startswith("--mapping="):
            mapping = token.split("=", 1)[1]
        elif token in takes_value:
            rest += [token, next(tokens, "")]
        elif token.startswith("-"):
            rest.append(token)
        else:
            files.append((token, mapping))
    return rest, files


def _mappings(argv: list[str]) -> list[str]:
    """The --mapping values of an import command line, in order."""
    found = []
    for index, token in enumerate(argv):
        if token == "--mapping" and index + 1 < len(argv):
            found.append(argv[index + 1])
        elif token.startswith("--mapping="):
            found.append(token.split("=", 1)[1])
    return found


def _load_plans(path: Path, args: argparse.Namespace, profile=None) -> list:  # noqa: ANN001
    """A document gives one plan; a sheet may give several (one per organisation, year or agency)."""
    return _read_file(path, args, profile)[0]


def _read_file(path: Path, args: argparse.Namespace, profile=None) -> tuple[list, object]:  # noqa: ANN001
    """The plans of one file, and for a sheet how it was read (loaders.sheets.importing.SheetImport), else None."""
    from loaders.documents.extract import DOCUMENT_SUFFIXES, check_path
    from loaders.errors import FileTooLargeError, UnsupportedFormatError
    from loaders.sheets.importing import import_sheet
    from loaders.sheets.reader import SHEET_SUFFIXES, max_sheet_bytes

    info = check_path(path)  # a folder, a device or a pipe: one message, before anything is read
    if path.suffix.lower() not in DOCUMENT_SUFFIXES + SHEET_SUFFIXES:
        raise UnsupportedFormatError(
            path.name, f"unsupported file type '{path.suffix.lower() or '(none)'}'; plan documents are "
            + ", ".join(DOCUMENT_SUFFIXES) + " and portfolio sheets are " + ", ".join(SHEET_SUFFIXES)
        )
    if is_sheet(path):
        size, limit = info.st_size, max_sheet_bytes()
        if size > limit:  # before reading a huge file into memory
            raise FileTooLargeError(path.name, f"the file is {size / 1024 / 1024:.1f} MB; the limit for one sheet is "
                                               f"{limit / 1024 / 1024:.0f} MB (set SALKKU_MAX_SHEET_MB to change it)")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # never more than the limit, even if the file grew meanwhile
        sheet = import_sheet(path.name, data, profile=profile, organisation=args.organisation, period=args.period)
        return sheet.plans, sheet
    return [load_document(path, organisation=args.organisation, period=args.period, encoding=args.encoding)], None


def _load(path: Path, args: argparse.Namespace):  # noqa: ANN202
    from loaders.documents.extract import check_path

    check_path(path)
    return load_document(path, organisation=args.organisation, period=args.period, encoding=args.encoding)


def _engine(args: argparse.Namespace):  # noqa: ANN202
    from data_model.db import make_engine

    return make_engine(getattr(args, "database_url", None))


def command_parse(args: argparse.Namespace) -> int:
    plan = _load(args.file, args)
    if args.json:
        json.dump([project_json(project, plan) for project in plan.projects], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"{plan.source_name}: {plan.title} — {plan.organisation or '?'}, {plan.period or '?'} ({plan.kind}) [{plan.key}]")
    for code, title in plan.themes:
        print(f"  theme {code} {title}")
    for project in plan.projects:
        row = project_json(project, plan)
        print(
            f"  {row['code']:<8} {row['title'][:50]:<50} {row['service_area'] or '?':<22} "
            f"{row['start'] or '?':>7}..{row['end'] or '?':<7} {row['probability']:<9} notes={len(row['notes'])}"
        )
    return 0


def command_import(args: argparse.Namespace) -> int:
    from data_model.store import import_plans, record_failed_import

    engine = _engine(args)
    names = [Path(name).name for name, _ in args.file_profiles]
    plans, errors = [], []
    profiles: dict[str, object] = {}
    for mapping in dict.fromkeys(mapping for _, mapping in args.file_profiles if mapping is not None):
        try:
            profiles[mapping] = _profile_from(Path(mapping))  # once, however many sheets use it
        except LoaderError as error:
            errors.append(error)
    for name, mapping in args.file_profiles if not errors else []:
        path = Path(name)
        try:
            plans.extend(_load_plans(path, args, profiles.get(mapping) if is_sheet(path) else None))
        except LoaderError as error:
            errors.append(error)
    if errors:
        for error in errors:
            _fail(error)
        record_failed_import(engine, names, errors[0])
        print(f"nothing imported: {len(errors)} of {len(names)} files could not be read", file=sys.stderr)
        return 1
    summary = import_plans(engine, plans, names)
    for plan in summary.plans:
        if plan.updated:
            skipped = (f"; {len(plan.skipped)} rows name no project of the stored plan and were not imported "
                       f"({', '.join(plan.skipped[:10])})") if plan.skipped else ""
            print(f"{plan.source_name}: {plan.key}: updated the stored plan, {plan.corrected} values corrected "
                  f"(Excel import){skipped}")
            continue
        what = f"{plan.themes} strategic themes" if plan.kind == "strategy" else f"{plan.projects} projects"
        again = f" (replaced {', '.join(plan.replaced)})" if plan.replaced else ""
        print(f"{plan.source_name}: {plan.key}: {plan.organisation}, {what}, {plan.notes} parse notes{again}")
    print(f"imported {len(summary.plans)} plans, {summary.projects} projects, {summary.notes} parse notes")
    return 0


def command_parse_sheet(args: argparse.Namespace) -> int:
    plans, sheet = _read_file(args.file, args, _profile_from(args.mapping))
    rows = [{**project_json(project, plan), "currency": _currency(project)} for plan in plans for project in plan.projects]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2, default=str)
        print()
        return 0
    if sheet is not None:  # what the Import page says above its mapping editor
        print(_sheet_read(sheet))
    for plan in plans:
        print(f"{plan.source_name}: {plan.title} — {plan.organisation or '?'}, {plan.period or '?'} [{plan.key}]: "
              f"{len(plan.projects)} rows")
    notes = sum(len(row["notes"]) for row in rows)
    print(f"{len(rows)} projects in {len(plans)} plans, {notes} parse notes")
    return 0


def _sheet_read(sheet) -> str:  # noqa: ANN001  (loaders.sheets.importing.SheetImport)
    if sheet.salkku:
        return f"{sheet.name}: a Salkku workbook, read back whole"
    table = sheet.table
    where = f"header {'column' if table.transposed else 'row'} {table.header_row}"
    encoding = f", {table.encoding}" if table.encoding else ""
    return f"{sheet.name}: {len(table.rows)} records, {where}{encoding}; mapping: {sheet.profile.name}"


def _currency(project) -> str | None:  # noqa: ANN001
    items = project.costs.items if project.costs else ()
    return items[0].currency if items else None


def command_export(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from data_model import export
    from data_model.queries import PortfolioFilter
    from data_model.store import UnknownPlanError, plan_summaries

    engine = _engine(args)
    with Session(engine) as session:
        if args.plan:
            known = {plan.key for plan in plan_summaries(session, args.plan)}
            missing = [key for key in args.plan if key not in known]
            if missing:
                raise UnknownPlanError(f"no plan with the key {', '.join(missing)} in the store (see `plans`)")
        selection = PortfolioFilter(plan_keys=tuple(args.plan))
        data = export.portfolio_workbook(session, selection, args.lang)
        summaries = plan_summaries(session, args.plan or None)
    args.out.write_bytes(data)
    print(f"wrote {args.out}: {len(summaries)} plans, {sum(plan.projects for plan in summaries)} projects")
    return 0


def command_meeting_pack(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from data_model import queries
    from data_model.store import UnknownPlanError
    from reports.meeting_pack import build_pack, to_pdf, to_pptx

    with Session(_engine(args)) as session:
        plans = queries.plans(session)
        missing = [key for key in args.plan if key not in set(plans["key"])]
        if missing:
            raise UnknownPlanError(f"no plan with the key {', '.join(missing)} in the store (see `plans`)")
        areas = set(queries.filter_options(session)["service_areas"])
        unknown_areas = [area for area in args.area if area not in areas]
        if unknown_areas:
            raise UnknownPlanError(f"no service area named {', '.join(unknown_areas)} in the store")
        keys = tuple(args.plan) or queries.default_plan_keys(plans)
        pack = build_pack(session, queries.PortfolioFilter(plan_keys=keys, service_areas=tuple(args.area)), args.lang)
    data = to_pdf(pack) if args.format == "pdf" else to_pptx(pack)
    args.out.write_bytes(data)
    print(f"wrote {args.out}: {len(pack.sections) + 1} pages, {pack.subtitle}")
    return 0


def command_plans(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from data_model import queries

    with Session(_engine(args)) as session:
        frame = queries.plans(session)
    rows = [
        {"key": row.key, "organisation": row.organisation, "title": row.title, "kind": row.kind, "period": row.period,
         "projects": int(row.projects), "source_name": row.source_name,
         "imported_at": row.imported_at.isoformat(), "demo": bool(row.demo)}
        for row in frame.itertuples()
    ]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for row in rows:
        demo = " [demo]" if row["demo"] else ""
        print(f"{row['key']:<60} {row['projects']:>5} projects  {row['source_name']}{demo}")
    print(f"{len(rows)} plans")
    return 0


def command_calibration(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from data_model import calibration, lineage
    from data_model.store import UnknownPlanError

    with Session(_engine(args)) as session:
        found = lineage.build(session, organisation=args.organisation)
    if args.organisation and found.plans.empty:
        raise UnknownPlanError(f"no action plans of {args.organisation!r} in the store")
    records = calibration.calibration_records(calibration.calibration_table(found.matches))
    if args.json:
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"{'class':<10} {'n':>5} {'kept':>5} {'rate':>6}  90 % interval  median slip of those moved")
    for row in records:
        slip = "-" if row["median_slip_months"] is None else f"{row['median_slip_months']:g} months"
        print(f"{row['class']:<10} {row['n']:>5} {row['kept']:>5} {row['rate']:>6.0%}  {row['low']:.0%}–{row['high']:.0%}"
              f"       {slip}")
    pairs = sum(row["n"] for row in records)
    print(f"{pairs} projects in consecutive plans with a readable end in both ({len(found.plans)} plans)")
    return 0


def command_delete(args: argparse.Namespace) -> int:
    from data_model.store import delete_demo, delete_plans

    engine = _engine(args)
    removed = delete_demo(engine) if args.demo else delete_plans(engine, args.plan)
    for plan in removed:
        print(f"deleted {plan.key}: {plan.projects} projects, {plan.notes} parse notes")
    print(f"deleted {len(removed)} plans" if removed else "nothing to delete")
    return 0


def command_reparse(args: argparse.Namespace) -> int:
    from data_model.reparse import reparse

    report = reparse(_engine(args), args.plan or None)
    for change in report:
        print(change.describe())
    return 0


def command_upgrade(args: argparse.Namespace) -> int:
    from data_model.db import make_engine
    from data_model.schema import prepare_schema

    engine = make_engine(args.database_url, prepare=False)
    before, after = prepare_schema(engine)
    if before == after:
        print(f"the store is up to date (schema revision {after})")
    else:
        print(f"upgraded the store from {before or 'nothing (a new store)'} to {after}")
    return 0


def command_correct(args: argparse.Namespace) -> int:
    from data_model.corrections import Change, correct
    from data_model.store import local_actor

    saved = correct(_engine(args), args.plan, args.code, [Change(args.field, args.value)], args.reason,
                    actor=local_actor(), source="cli")
    if not saved:
        print(f"{args.plan} {args.code}: {args.field} already has that value; nothing to correct")
    for correction in saved:
        print(f"correction {correction.id}: {args.plan} {args.code} {correction.field}: "
              f"{correction.value_read} -> {correction.value}")
    return 0


def command_corrections(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from data_model.corrections import corrections

    with Session(_engine(args)) as session:
        rows = corrections(session, args.plan)
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for row in rows:
        print(f"{row['id']:>5} {row['state']:<10} {row['plan']} {row['code']} {row['field']}: "
              f"{json.dumps(row['value_read'], ensure_ascii=False)} -> {json.dumps(row['value'], ensure_ascii=False)}"
              f"  ({row['actor']}: {row['reason']})")
    print(f"{len(rows)} corrections")
    return 0


def command_undo_correction(args: argparse.Namespace) -> int:
    from data_model.corrections import undo
    from data_model.store import local_actor

    correction = undo(_engine(args), args.id, actor=local_actor())
    print(f"correction {correction.id} undone: {correction.plan_key} {correction.project_code} {correction.field} "
          f"is {correction.value_read} again")
    return 0


def command_projects(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from data_model.queries import stored_projects_json
    from data_model.store import UnknownPlanError, plan_summaries

    with Session(_engine(args)) as session:
        if args.plan and not plan_summaries(session, [args.plan]):
            raise UnknownPlanError(f"no plan with the key {args.plan} in the store (see `plans`)")
        rows = stored_projects_json(session, args.plan)
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for row in rows:
        marks = (" [korjattu: " + ", ".join(row["corrected"]) + "]") if row["corrected"] else ""
        print(f"{row['plan']} {row['code']:<8} {row['title'][:50]:<50} {row['start'] or '?':>7}..{row['end'] or '?':<7}"
              f" {row['probability']}{marks}")
    print(f"{len(rows)} projects")
    return 0


def command_export_sample(args: argparse.Namespace) -> int:
    from loaders.sample import sample_records, write_sample

    plans = [_load(path, args) for path in args.files]
    write_sample(sample_records(plans), args.output)
    print(f"wrote {args.output}: {len(plans)} plans, {sum(len(p.projects) for p in plans)} projects")
    return 0


HANDLERS = {
    "parse": command_parse,
    "parse-sheet": command_parse_sheet,
    "import": command_import,
    "export": command_export,
    "meeting-pack": command_meeting_pack,
    "plans": command_plans,
    "calibration": command_calibration,
    "delete": command_delete,
    "reparse": command_reparse,
    "upgrade": command_upgrade,
    "correct": command_correct,
    "corrections": command_corrections,
    "undo-correction": command_undo_correction,
    "projects": command_projects,
    "export-sample": command_export_sample,
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    argv_before = argv[1:]
    file_profiles = None
    if argv[:1] == ["import"]:
        rest, file_profiles = split_import_arguments(argv[1:])
        if argv[1:] and not file_profiles and "-h" not in rest and "--help" not in rest:
            rest.append("--")  # let argparse say that files are missing
        argv = ["import", *rest, *(name for name, _ in file_profiles or [])]
    parser = _parser()
    args = parser.parse_args(argv)
    if file_profiles is not None:
        unused = [mapping for mapping in _mappings(argv_before)
                  if not any(profile == mapping and is_sheet(name) for name, profile in file_profiles)]
        if unused:
            parser.error(f"--mapping {unused[0]} names no sheet after it; put it before the sheets it is for")
        args.file_profiles = file_profiles
    return run(args)


def run(args: argparse.Namespace) -> int:
    """The command, with every expected failure as one message and exit code 1."""
    from data_model.corrections import CorrectionError
    from data_model.db import StoreBusyError
    from data_model.schema import StoreTooNewError
    from data_model.store import UnknownPlanError

    try:
        return HANDLERS[args.command](args)
    except CorrectionError as error:
        _fail(f"{getattr(args, 'plan', '') or ''} {getattr(args, 'code', '') or ''}: {error}".strip(" :")
              if getattr(args, "code", None) else error)
        print("nothing was changed", file=sys.stderr)
        return 1
    except LoaderError as error:
        _fail(error)
        if args.command == "import":
            print("nothing imported", file=sys.stderr)
        return 1
    except (StoreBusyError, StoreTooNewError, UnknownPlanError) as error:
        _fail(error.args[0] if error.args else error)
        return 1
    except BrokenPipeError:  # the reader (e.g. `| head`) stopped listening
        return 0
    except OSError as error:
        _fail(f"{getattr(error, 'filename', '') or ''}: {error.strerror or error}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
