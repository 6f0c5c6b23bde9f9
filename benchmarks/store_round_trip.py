"""Benchmark and record: the five reference documents, GMPP 2014–2023 and the US IT Dashboard export imported into
a fresh SQLite store, exported as the "Vie salkku" workbook, imported back into another fresh store, compared.

Prints counts per table in both stores, whether every plan is identical, and the time of each step.
Run: .venv/bin/python -m benchmarks.store_round_trip
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from sqlmodel import Session

from data_model import export
from data_model.db import make_engine
from data_model.queries import PortfolioFilter, content_totals, plan_contents
from data_model.store import import_plans
from loaders import load_document, load_sheet
from loaders.sheets.mapping import MappingProfile

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PROFILES = ROOT / "sample_data" / "profiles"


def records() -> list:
    found = [load_document(path) for path in sorted((SHARED / "seeds").glob("*.txt"))]
    transposed = MappingProfile.load(PROFILES / "gmpp_transposed_2014_2017.json")
    later = MappingProfile.load(PROFILES / "gmpp_2020_2023.json")
    for name in ("uk_2014.csv", "uk_2017.csv", "uk_2020.csv", "uk_2021.csv", "uk_2022.csv", "uk_2023.csv"):
        profile = transposed if name in ("uk_2014.csv", "uk_2017.csv") else later
        found += load_sheet(name, (SHARED / "external" / "gmpp" / name).read_bytes(), profile=profile)
    itd = MappingProfile.load(PROFILES / "itdashboard_projects.json")
    found += load_sheet("projects.csv", (SHARED / "external" / "itdashboard" / "projects.csv").read_bytes(), profile=itd)
    return found


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        read = records()
        timings = {"read the files": time.perf_counter() - started}
        first = make_engine(f"sqlite:///{Path(folder) / 'first.db'}")
        step = time.perf_counter()
        import_plans(first, read)
        timings["import"] = time.perf_counter() - step
        with Session(first) as session:
            step = time.perf_counter()
            workbook = export.portfolio_workbook(session, PortfolioFilter())
            timings["export workbook"] = time.perf_counter() - step
            before = plan_contents(session)
        step = time.perf_counter()
        again = load_sheet("salkku.xlsx", workbook)
        timings["read workbook"] = time.perf_counter() - step
        second = make_engine(f"sqlite:///{Path(folder) / 'second.db'}")
        step = time.perf_counter()
        import_plans(second, again)
        timings["import workbook"] = time.perf_counter() - step
        with Session(second) as session:
            after = plan_contents(session)
        first.dispose()
        second.dispose()
    print(f"workbook: {len(workbook) / 1024 / 1024:.1f} MB")
    print(f"{'':<18}{'first store':>12}{'round trip':>12}")
    for (name, a), b in zip(content_totals(before).items(), content_totals(after).values()):
        print(f"{name:<18}{a:>12,}{b:>12,}")
    same = [key for key in before if after.get(key) == before[key]]
    print(f"plans identical in every stored value: {len(same)} of {len(before)}")
    for name, seconds in timings.items():
        print(f"{name:<18}{seconds:>8.2f} s")


if __name__ == "__main__":
    main()
