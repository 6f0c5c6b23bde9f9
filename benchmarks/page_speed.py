"""Benchmark: each dashboard page's script run time (cold and with warm caches) and peak memory on a
generated portfolio of 10,000 project entries across 30 plans and 10 organisations.

Run: .venv/bin/python -m benchmarks.page_speed [--entries 10000]
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
import tracemalloc
from pathlib import Path

PAGES = (
    ("yleiskuva", None), ("aikataulu", "pages/schedule.py"), ("kustannukset", "pages/costs.py"),
    ("todennakoisyys", "pages/probability.py"), ("resurssit", "pages/resources.py"), ("hankkeet", "pages/projects.py"),
    ("suunnitelmat", "pages/plans.py"), ("tietojen-laatu", "pages/quality.py"), ("tuonti", "pages/import_page.py"),
)
ROOT = Path(__file__).resolve().parents[1]


def build_store(url: str, entries: int) -> int:
    from benchmarks.plan_generator import AREAS, make_plan, plan_identity, render_text
    from data_model.db import make_engine
    from data_model.store import import_plans
    from loaders import load_document_bytes

    plans_wanted = 30
    per_area = max(1, round(entries / plans_wanted / len(AREAS)))
    engine = make_engine(url)
    records = []
    for index in range(plans_wanted):
        (genitive, _), year = plan_identity(index)
        text = render_text(make_plan(seed=index, projects_per_area=per_area, municipality=(genitive, ""), year=year))
        records.append(load_document_bytes(f"{genitive.lower()}_{year}.txt", text.encode("utf-8")))
    import_plans(engine, records)
    engine.dispose()
    return sum(len(record.projects) for record in records)


def run_page(file: str | None, query: dict[str, str], *, cold: bool = False, trace_memory: bool = False) -> float:
    """Seconds for one script run of the page (frame included); with trace_memory, peak MB instead
    (tracemalloc slows Python down, so time and memory are measured in separate runs)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    if file:
        at.run()  # AppTest needs the frame's first run before it can switch; not timed
        at.switch_page(file)
    if cold:
        clear_caches()
    if trace_memory:
        tracemalloc.start()
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if trace_memory:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        elapsed = peak / 1024 / 1024
    if at.exception:
        raise RuntimeError(f"{file or 'app.py'}: {at.exception[0].value}")
    return elapsed


def clear_caches() -> None:
    import streamlit as st

    from data_model.db import get_engine

    st.cache_data.clear()
    st.cache_resource.clear()
    get_engine.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'bench.db'}"
        started = time.perf_counter()
        count = build_store(url, args.entries)
        print(f"store: {count} project entries, 30 plans, 10 organisations ({time.perf_counter() - started:.1f} s to build)")
        os.environ["DATABASE_URL"] = url
        for label, query in (("default selection (latest plan of each organisation)", {}), ("all 30 plans", {"plan": ""})):
            print(f"\n{label}:")
            print(f"  {'page':<16}{'cold s':>8}{'warm s':>8}{'peak MB':>9}")
            for name, file in PAGES:
                cold = run_page(file, query, cold=True)
                warm = min(run_page(file, query) for _ in range(3))  # the same selection again: caches are warm
                peak = run_page(file, query, cold=True, trace_memory=True)
                print(f"  {name:<16}{cold:>8.2f}{warm:>8.2f}{peak:>9.1f}")
    print("\ntargets: warm < 1 s, cold < 3 s per page. Times include the frame (sidebar filters) and AppTest's own overhead.")


if __name__ == "__main__":
    main()
