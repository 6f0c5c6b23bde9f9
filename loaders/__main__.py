"""Command line: `python -m loaders parse FILE --json` and `python -m loaders import FILE...`."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from loaders import is_sheet, load_document, load_sheet
from loaders.errors import LoaderError
from loaders.serialize import project_json


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m loaders", description="Read municipal IT plans into Salkku.")
    commands = parser.add_subparsers(dest="command", required=True)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--organisation", help="the municipality, when the document does not name it")
        sub.add_argument("--period", help="the plan period as text, e.g. '2024' or 'syksy 2023, vuosi 2024'")
        sub.add_argument("--encoding", help="the text encoding of a .txt/.md file that is not UTF-8, e.g. cp1252")

    parse = commands.add_parser("parse", help="print the projects of one document")
    parse.add_argument("file", type=Path)
    parse.add_argument("--json", action="store_true", help="a JSON array, one object per project")
    common(parse)

    sheet = commands.add_parser("parse-sheet", help="print the projects of one portfolio sheet")
    sheet.add_argument("file", type=Path)
    sheet.add_argument("--json", action="store_true", help="a JSON array, one object per project")
    sheet.add_argument("--mapping", type=Path, help="a mapping profile (JSON); default: the template or a suggestion")
    common(sheet)

    load = commands.add_parser("import", help="import documents and sheets into the store")
    load.add_argument("files", type=Path, nargs="+")
    load.add_argument("--database-url", help="SQLAlchemy URL; default: DATABASE_URL or the SQLite file")
    load.add_argument("--mapping", type=Path, help="a mapping profile (JSON) for the sheets")
    common(load)

    sample = commands.add_parser("export-sample", help="(maintainers) write sample data from reference plans")
    sample.add_argument("files", type=Path, nargs="+")
    sample.add_argument("--output", type=Path, required=True)
    common(sample)
    return parser


def _fail(error: LoaderError) -> None:
    print(f"error: {error}", file=sys.stderr)


def _profile(args: argparse.Namespace):  # noqa: ANN202
    from loaders.mapping import MappingProfile

    if not getattr(args, "mapping", None):
        return None
    try:
        return MappingProfile.load(args.mapping)
    except (OSError, ValueError) as error:
        raise LoaderError(args.mapping.name, f"not a usable mapping profile: {error}") from None


def _load_plans(path: Path, args: argparse.Namespace, profile=None) -> list:  # noqa: ANN001
    """A document gives one plan; a sheet may give several (one per organisation, year or agency)."""
    from loaders.errors import UnsupportedFormatError
    from loaders.extract import DOCUMENT_SUFFIXES
    from loaders.sheets import SHEET_SUFFIXES

    if not path.exists():
        raise LoaderError(path.name, f"no such file: {path}")
    if path.suffix.lower() not in DOCUMENT_SUFFIXES + SHEET_SUFFIXES:
        raise UnsupportedFormatError(
            path.name, f"unsupported file type '{path.suffix.lower() or '(none)'}'; plan documents are "
            + ", ".join(DOCUMENT_SUFFIXES) + " and portfolio sheets are " + ", ".join(SHEET_SUFFIXES)
        )
    if is_sheet(path):
        from loaders.errors import FileTooLargeError
        from loaders.sheets import max_sheet_bytes

        size, limit = path.stat().st_size, max_sheet_bytes()
        if size > limit:  # before reading a huge file into memory
            raise FileTooLargeError(path.name, f"the file is {size / 1024 / 1024:.1f} MB; the limit for one sheet is "
                                               f"{limit / 1024 / 1024:.0f} MB (set SALKKU_MAX_SHEET_MB to change it)")
        return load_sheet(path.name, path.read_bytes(), profile=profile if profile is not None else _profile(args),
                          organisation=args.organisation,
                          period=args.period)
    return [load_document(path, organisation=args.organisation, period=args.period, encoding=args.encoding)]


def _load(path: Path, args: argparse.Namespace):  # noqa: ANN202
    if not path.exists():
        raise LoaderError(path.name, f"no such file: {path}")
    return load_document(path, organisation=args.organisation, period=args.period, encoding=args.encoding)


def command_parse(args: argparse.Namespace) -> int:
    try:
        plan = _load(args.file, args)
    except LoaderError as error:
        _fail(error)
        return 1
    if args.json:
        json.dump([project_json(project, plan) for project in plan.projects], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"{plan.source_name}: {plan.title} — {plan.organisation or '?'}, {plan.period or '?'} ({plan.kind})")
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
    from data_model.db import make_engine
    from data_model.store import import_plans, record_failed_import

    engine = make_engine(args.database_url)
    names = [path.name for path in args.files]
    plans, errors = [], []
    try:
        profile = _profile(args)  # once, not per sheet: a broken profile is one error
    except LoaderError as error:
        _fail(error)
        record_failed_import(engine, names, error)
        print("nothing imported", file=sys.stderr)
        return 1
    for path in args.files:
        try:
            plans.extend(_load_plans(path, args, profile))
        except LoaderError as error:
            errors.append(error)
    if errors:
        for error in errors:
            _fail(error)
        record_failed_import(engine, names, errors[0])
        print(f"nothing imported: {len(errors)} of {len(names)} files could not be read", file=sys.stderr)
        return 1
    try:
        summary = import_plans(engine, plans, names)
    except LoaderError as error:
        _fail(error)
        print("nothing imported", file=sys.stderr)
        return 1
    for plan in summary.plans:
        what = f"{plan.themes} strategic themes" if plan.kind == "strategy" else f"{plan.projects} projects"
        again = " (replaced the earlier import)" if plan.replaced else ""
        print(f"{plan.source_name}: {plan.organisation}, {what}, {plan.notes} parse notes{again}")
    print(f"imported {len(summary.plans)} plans, {summary.projects} projects, {summary.notes} parse notes")
    return 0


def command_parse_sheet(args: argparse.Namespace) -> int:
    try:
        plans = _load_plans(args.file, args)
    except LoaderError as error:
        _fail(error)
        return 1
    rows = [{**project_json(project, plan), "currency": _currency(project)} for plan in plans for project in plan.projects]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2, default=str)
        print()
        return 0
    for plan in plans:
        print(f"{plan.source_name}: {plan.title} — {plan.organisation or '?'}, {plan.period or '?'}: {len(plan.projects)} rows")
    notes = sum(len(row["notes"]) for row in rows)
    print(f"{len(rows)} projects in {len(plans)} plans, {notes} parse notes")
    return 0


def _currency(project) -> str | None:  # noqa: ANN001
    items = project.costs.items if project.costs else ()
    return items[0].currency if items else None


def command_export_sample(args: argparse.Namespace) -> int:
    from loaders.sample import sample_records, write_sample

    try:
        plans = [_load(path, args) for path in args.files]
    except LoaderError as error:
        _fail(error)
        return 1
    write_sample(sample_records(plans), args.output)
    print(f"wrote {args.output}: {len(plans)} plans, {sum(len(p.projects) for p in plans)} projects")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {
        "parse": command_parse,
        "parse-sheet": command_parse_sheet,
        "import": command_import,
        "export-sample": command_export_sample,
    }
    return handler[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
