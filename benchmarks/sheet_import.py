"""Benchmark: import each real external export (../shared/external) with its shipped profile into a fresh
SQLite store, printing rows read, rows imported, parse notes and time per file.

Run: .venv/bin/python -m benchmarks.sheet_import
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from data_model.db import make_engine
from data_model.store import import_plans
from loaders import load_sheet
from loaders.sheets.mapping import MappingProfile
from loaders.sheets.reader import read_sheet

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ROOT.parent / "shared" / "external"
FILES = (
    ("gmpp/uk_2014.csv", "gmpp_transposed_2014_2017"), ("gmpp/uk_2017.csv", "gmpp_transposed_2014_2017"),
    ("gmpp/uk_2020.csv", "gmpp_2020_2023"), ("gmpp/uk_2021.csv", "gmpp_2020_2023"),
    ("gmpp/uk_2022.csv", "gmpp_2020_2023"), ("gmpp/uk_2023.csv", "gmpp_2020_2023"),
    ("itdashboard/projects.csv", "itdashboard_projects"),
)


def main() -> None:
    if not EXTERNAL.is_dir():
        print(f"no external exports at {EXTERNAL}")
        return
    with tempfile.TemporaryDirectory() as directory:
        engine = make_engine(f"sqlite:///{Path(directory) / 'bench.db'}")
        print(f"{'file':<26}{'rows read':>10}{'imported':>10}{'plans':>7}{'notes':>7}{'read+map ms':>13}{'import ms':>11}")
        for file, profile in FILES:
            data = (EXTERNAL / file).read_bytes()
            started = time.perf_counter()
            rows = len(read_sheet(Path(file).name, data).rows)
            plans = load_sheet(Path(file).name, data, profile=MappingProfile.load(ROOT / "sample_data" / "profiles" / f"{profile}.json"))
            mapped = time.perf_counter()
            summary = import_plans(engine, plans)
            done = time.perf_counter()
            print(f"{file:<26}{rows:>10}{summary.projects:>10}{len(summary.plans):>7}{summary.notes:>7}"
                  f"{1000 * (mapped - started):>13.0f}{1000 * (done - mapped):>11.0f}")
        engine.dispose()


if __name__ == "__main__":
    main()
