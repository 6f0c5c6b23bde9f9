"""Benchmark: parse and import the reference plans, then 200 generated plans, into fresh SQLite stores.

Prints seconds per document and in total. Run: .venv/bin/python -m benchmarks.import_speed
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.plan_generator import make_plan, plan_identity, render_text
from data_model.db import make_engine
from data_model.store import import_plans
from loaders import load_document, load_document_bytes

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def reference_documents(folder: Path) -> None:
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        print(f"reference documents: none at {folder}, skipped")
        return
    with tempfile.TemporaryDirectory() as directory:
        engine = make_engine(f"sqlite:///{Path(directory) / 'bench.db'}")
        total = 0.0
        print("reference documents (parse + import, fresh SQLite file):")
        for path in paths:
            started = time.perf_counter()
            plan = load_document(path)
            parsed = time.perf_counter()
            import_plans(engine, [plan])
            done = time.perf_counter()
            total += done - started
            print(
                f"  {path.name:<28} {len(plan.projects):>3} projects  parse {1000 * (parsed - started):6.1f} ms"
                f"  import {1000 * (done - parsed):6.1f} ms  total {1000 * (done - started):6.1f} ms"
            )
        print(f"  all {len(paths)} documents: {total:.3f} s (target < 1 s)")
        engine.dispose()


def generated_plans(count: int) -> None:
    texts = [render_text(make_plan(i, 5, *plan_identity(i)), style="next_line", footer=True) for i in range(count)]
    with tempfile.TemporaryDirectory() as directory:
        engine = make_engine(f"sqlite:///{Path(directory) / 'bench.db'}")
        print(f"{count} generated plans (25 projects each, one import per plan, store growing):")
        started = time.perf_counter()
        checkpoints = {count // 4, count // 2, 3 * count // 4, count}
        window_start, window_plans = started, 0
        for index, text in enumerate(texts, start=1):
            plan = load_document_bytes(f"plan_{index:04d}.txt", text.encode("utf-8"))
            import_plans(engine, [plan])
            window_plans += 1
            if index in checkpoints:
                now = time.perf_counter()
                per_plan = (now - window_start) / window_plans
                print(f"  plans {index - window_plans + 1:>4}-{index:<4} {1000 * per_plan:6.1f} ms per plan")
                window_start, window_plans = now, 0
        total = time.perf_counter() - started
        print(f"  all {count} plans ({count * 25} projects): {total:.2f} s, {1000 * total / count:.1f} ms per plan")
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--generated", type=int, default=200)
    args = parser.parse_args()
    reference_documents(args.seeds)
    generated_plans(args.generated)


if __name__ == "__main__":
    main()
