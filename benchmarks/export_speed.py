"""Benchmark: the "Vie salkku" workbook export on a generated portfolio (30 plans, 10 organisations).

Times building the sheets (`export.portfolio_sheets`) and writing them (`workbook.to_xlsx_bytes`, as
`export.portfolio_workbook` does) separately, and prints the row count of each sheet and the CPU time of the
write (the wall clock also counts whatever else the machine runs). Goal: under 5 s in total for 10,000 projects.
Writing with openpyxl took ~8-13 s for 10,000; XlsxWriter (cells typed a column at a time, then written row by row)
~3 s.
Run: .venv/bin/python -m benchmarks.export_speed [--projects 10000] [--also 1000]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sqlmodel import Session

from benchmarks.page_speed import build_store
from data_model import export
from data_model.db import make_engine
from data_model.queries import PortfolioFilter
from data_model.workbook import to_xlsx_bytes
from loaders.sheets import workbook as layout


def measure(projects: int, language: str = "fi") -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'export.db'}"
        stored = build_store(url, projects)
        stored = stored[0] if isinstance(stored, tuple) else stored  # (projects, plans) in newer page_speed
        engine = make_engine(url)
        selection = PortfolioFilter()
        with Session(engine) as session:
            started = time.perf_counter()
            sheets = export.portfolio_sheets(session, selection, language)
            built = time.perf_counter()
        cpu = time.process_time()
        counts = {name: len(frame) for name, frame in sheets.items()}
        data = to_xlsx_bytes(
            sheets, column_formats=export.money_formats(language) | export.month_formats(language),
            cover=export.cover_rows(selection, counts, language), cover_title=layout.sheet_name("cover", language),
            currency_columns=export.CURRENCY_HEADERS,
        )
        written = time.perf_counter()
        cpu = time.process_time() - cpu
        engine.dispose()
    print(f"{stored:,} projects in the store; workbook {len(data) / 1024 / 1024:.1f} MB")
    for name, count in counts.items():
        print(f"  {name:<24}{count:>8,} rows")
    figures = {"build": built - started, "write": written - built, "total": written - started}
    print("  " + "  ".join(f"{name} {seconds:.2f} s" for name, seconds in figures.items()) + f"  (write CPU {cpu:.2f} s)")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=10000)
    parser.add_argument("--also", type=int, nargs="*", default=[1000], help="smaller portfolios measured first")
    args = parser.parse_args()
    results = {count: measure(count) for count in [*args.also, args.projects]}
    print(f"{'projects':>10}{'build s':>10}{'write s':>10}{'total s':>10}")
    for count, figures in results.items():
        print(f"{count:>10,}{figures['build']:>10.2f}{figures['write']:>10.2f}{figures['total']:>10.2f}")


if __name__ == "__main__":
    main()
