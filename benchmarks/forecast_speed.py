"""Benchmark: the resampled forecasts of data_model.calibration on a synthetic portfolio.

Builds a projects frame (10,000 entries by default, 10 service areas, random starts and ends in 2024-2028, the five
probability classes with some missing, some unknown dates, most needing IT) and synthetic slips per class, then
times `forecast_ends` (2000 draws) and `forecast_load` (36 months, 500 draws) with time.perf_counter. Goal: a few
seconds each for 10,000 projects.
Run: .venv/bin/python -m benchmarks.forecast_speed [--projects 10000]
"""
from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from data_model.calibration import CLASS_ORDER, forecast_ends, forecast_load


def synthetic(projects: int, seed: int = 1) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    start = rng.integers(0, 48, projects)  # month offsets from 2024-01: starts in 2024-2027
    end = np.minimum(start + rng.integers(0, 24, projects), 59)  # ends by 2028-12

    def months(offsets: np.ndarray) -> pd.Series:
        return pd.Series((np.datetime64("2024-01", "M") + offsets).astype("datetime64[ns]"))

    starts, ends = months(start), months(end)
    unknown = rng.random(projects)
    frame = pd.DataFrame({
        "entry_id": np.arange(projects),
        "service_area": [f"Alue {number}" for number in rng.integers(0, 10, projects)],
        "start": starts.where(unknown >= 0.03),
        "end": ends.where((unknown < 0.03) | (unknown >= 0.08)),
        "probability_class": rng.choice([*CLASS_ORDER, None], projects),
        "needs_it": rng.random(projects) < 0.8,
    })
    slips = {name: rng.choice([-1, 0, 0, 0, 1, 2, 3, 6, 12], size=int(rng.integers(3, 60))).astype(float)
             for name in CLASS_ORDER}
    slips["pooled"] = np.concatenate(list(slips.values()))
    return frame, slips


def measure(projects: int) -> dict[str, float]:
    frame, slips = synthetic(projects)
    months = pd.date_range("2025-01-01", periods=36, freq="MS")
    started = time.perf_counter()
    ends = forecast_ends(frame, slips, draws=2000)
    ended = time.perf_counter()
    load = forecast_load(frame, months, slips, draws=500)
    loaded = time.perf_counter()
    print(f"{projects:,} projects; history per class "
          + ", ".join(f"{name} {len(values)}" for name, values in slips.items()))
    print(f"  forecast_ends  2000 draws: {ended - started:.2f} s  "
          f"({int(ends['p50_end'].notna().sum()):,} forecast, basis {ends['basis'].value_counts().to_dict()})")
    print(f"  forecast_load  36 months × 500 draws: {loaded - ended:.2f} s  "
          f"({len(load):,} rows, left out {load.attrs['left_out']:,}, no history {load.attrs['no_history']:,})")
    return {"ends": ended - started, "load": loaded - ended}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=10000)
    args = parser.parse_args()
    measure(args.projects)


if __name__ == "__main__":
    main()
