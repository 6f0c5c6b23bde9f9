"""How well the stated probability classes held: end dates kept from one plan to the next, per class, and end-date
and load forecasts resampled from the slips observed.

Pure pandas/numpy/scipy functions on two frames built elsewhere: `links` (one row per project matched across two
consecutive plans of one organisation) and `entries` (one row per project entry that belongs to a chain). Unknown
dates are left out and counted, never imputed.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import beta

CLASS_ORDER = ("certain", "likely", "uncertain", "unlikely", "unknown")
CALIBRATION_COLUMNS = ("class", "n", "kept", "rate", "low", "high", "median_slip_months")
MOVED_COLUMNS = (
    "newer_code", "newer_title", "service_area", "older_end", "newer_end", "end_slip_months",
    "older_start", "newer_start", "start_slip_months",
)
# 90 % two-sided interval.
_INTERVAL_TAILS = (0.05, 0.95)
# Rows of projects × draws resampled at once in forecast_ends, to bound memory (~2M values a chunk).
_CHUNK_VALUES = 2_000_000


def _month_numbers(values: pd.Series | pd.Index) -> np.ndarray:
    """Months since 1970-01 as floats, NaN for NaT; the day of the month is ignored."""
    stamps = pd.to_datetime(pd.Series(values) if isinstance(values, pd.Index) else values)
    months = stamps.to_numpy().astype("datetime64[M]")
    numbers = months.astype("int64").astype(float)
    numbers[np.isnat(months)] = np.nan
    return numbers


def _from_month_numbers(numbers: np.ndarray) -> pd.DatetimeIndex:
    """Month-start timestamps from month numbers (NaN -> NaT)."""
    numbers = np.asarray(numbers, dtype=float)
    known = ~np.isnan(numbers)
    months = np.full(numbers.shape, np.datetime64("NaT"), dtype="datetime64[M]")
    months[known] = numbers[known].astype("int64").astype("datetime64[M]")
    return pd.DatetimeIndex(months.astype("datetime64[ns]"))


def _classes(values: pd.Series) -> pd.Series:
    """The stated class, "unknown" when missing (or not one of CLASS_ORDER, so every pair lands in a row)."""
    return values.where(values.isin(CLASS_ORDER), "unknown").astype(object)


def months_between(earlier: pd.Series, later: pd.Series) -> pd.Series:
    """Whole months from `earlier` to `later` (later - earlier) as floats, NaN where either is NaT.

    >>> months_between(pd.Series(pd.to_datetime(["2024-03-01", "2024-09-01"])),
    ...                pd.Series(pd.to_datetime(["2024-09-01", "2024-03-01"]))).tolist()
    [6.0, -6.0]
    """
    # Positional, not index-aligned: the two series are two columns of one frame.
    return pd.Series(_month_numbers(later) - _month_numbers(earlier), index=earlier.index, dtype=float)


def _readable_end_pairs(links: pd.DataFrame) -> pd.DataFrame:
    """Pairs with an end in both plans, with their class and end slip."""
    readable = links[links["older_end"].notna() & links["newer_end"].notna()]
    return pd.DataFrame({
        "class": _classes(readable["probability_class"]),
        "slip": months_between(readable["older_end"], readable["newer_end"]),
    }, index=readable.index)


def _jeffreys(kept: int, n: int) -> tuple[float, float]:
    """90 % Jeffreys interval; the bound at 0 or 1 is fixed when all or none kept (the usual convention, so the
    interval contains the observed rate)."""
    a, b = kept + 0.5, n - kept + 0.5
    low = 0.0 if kept == 0 else float(beta.ppf(_INTERVAL_TAILS[0], a, b))
    high = 1.0 if kept == n else float(beta.ppf(_INTERVAL_TAILS[1], a, b))
    return low, high


def calibration_table(links: pd.DataFrame, *, tolerance_months: int = 1) -> pd.DataFrame:
    """Per stated class: how many pairs kept their end (newer end at most `tolerance_months` after the older end),
    with a 90 % Jeffreys interval and the median slip of those that did not keep it. Classes without pairs are
    left out; a missing class counts as "unknown"."""
    pairs = _readable_end_pairs(links)
    pairs["kept"] = pairs["slip"] <= tolerance_months
    rows = []
    for name in CLASS_ORDER:
        group = pairs[pairs["class"] == name]
        if group.empty:
            continue
        n, kept = len(group), int(group["kept"].sum())
        low, high = _jeffreys(kept, n)
        slipped = group.loc[~group["kept"], "slip"]
        rows.append({
            "class": name, "n": n, "kept": kept, "rate": kept / n, "low": low, "high": high,
            "median_slip_months": float(slipped.median()) if len(slipped) else np.nan,
        })
    table = pd.DataFrame(rows, columns=list(CALIBRATION_COLUMNS))
    return table.astype({"n": "int64", "kept": "int64", "rate": float, "low": float, "high": float,
                         "median_slip_months": float})


def calibration_records(table: pd.DataFrame) -> list[dict]:
    """The table as plain Python values for JSON (NaN -> None)."""
    def plain(value: object) -> object:
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return None
        if isinstance(value, np.integer):
            return int(value)
        if isinstance(value, np.floating):
            return None if np.isnan(value) else float(value)
        return value

    return [
        {key: plain(row[key]) for key in CALIBRATION_COLUMNS}
        for row in table.to_dict("records")
    ]


def slips_by_class(links: pd.DataFrame, *, tolerance_months: int = 1) -> dict[str, np.ndarray]:
    """Observed end slips in months per class (all pairs with readable ends, zero and negative slips included) and
    all classes together under "pooled": the history forecast_ends and forecast_load resample.

    `tolerance_months` is accepted for symmetry with calibration_table but not applied: resampling needs the raw
    slips, not kept/not kept."""
    del tolerance_months
    pairs = _readable_end_pairs(links)
    slips = {
        name: pairs.loc[pairs["class"] == name, "slip"].to_numpy(dtype=float)
        for name in CLASS_ORDER if (pairs["class"] == name).any()
    }
    slips["pooled"] = pairs["slip"].to_numpy(dtype=float)
    return slips


def chain_summary(entries: pd.DataFrame) -> pd.DataFrame:
    """One row per chain: its first (baseline) and latest entry, how far the end moved, and what became of it.

    status: a person's "done"/"cancelled"/"merged" (the latest set wins); else "continuing" when the chain is in its
    organisation's newest plan, or when no later plan of the organisation is known; else "finished_as_planned" when
    its last planned end is before the next plan's date; else "gone_before_end" (also when that end is unknown).
    """
    ordered = entries.sort_values(["chain_id", "plan_order"], kind="stable")
    groups = ordered.groupby("chain_id", sort=True)
    first, latest = groups.head(1).set_index("chain_id"), groups.tail(1).set_index("chain_id")

    step = months_between(groups["end"].shift(1), ordered["end"])
    max_step = step.groupby(ordered["chain_id"]).max()  # NaN when no consecutive pair has both ends

    person = ordered[ordered["person_status"].notna()].groupby("chain_id")["person_status"].last()

    # The next plan after each chain's last plan: the organisation's smallest later plan date (entries only).
    next_plan = pd.Series(pd.NaT, index=latest.index, dtype="datetime64[ns]")
    for organisation, chains in latest.groupby("organisation"):
        dates = np.sort(pd.to_datetime(entries.loc[entries["organisation"] == organisation, "plan_date"])
                        .drop_duplicates().to_numpy(dtype="datetime64[ns]"))
        after = np.searchsorted(dates, chains["plan_date"].to_numpy(dtype="datetime64[ns]"), side="right")
        found = after < len(dates)
        next_plan.loc[chains.index[found]] = dates[after[found]]

    latest_end = pd.to_datetime(latest["end"])
    status = np.where(
        latest["is_latest_plan"].fillna(False).astype(bool) | next_plan.isna(), "continuing",
        np.where(latest_end.notna() & (latest_end < next_plan), "finished_as_planned", "gone_before_end"),
    )
    status = pd.Series(status, index=latest.index, dtype=object)
    status.loc[person.index] = person

    summary = pd.DataFrame({
        "organisation": latest["organisation"],
        "chain_id": latest.index,
        "plans": groups.size(),
        "first_plan_key": first["plan_key"],
        "latest_plan_key": latest["plan_key"],
        "code": latest["code"],
        "title": latest["title"],
        "service_area": latest["service_area"],
        "baseline_start": first["start"],
        "baseline_end": first["end"],
        "baseline_one_off_max": first["one_off_max"].astype(float),
        "latest_start": latest["start"],
        "latest_end": latest["end"],
        "latest_one_off_max": latest["one_off_max"].astype(float),
        "end_slip_months": months_between(first["end"], latest["end"]),
        "max_step_slip_months": max_step.astype(float),
        "status": status,
    })
    return summary.reset_index(drop=True)


def moved_since_last_plan(links: pd.DataFrame, newer_plan_key: str, *, tolerance_months: int = 1) -> pd.DataFrame:
    """Pairs into `newer_plan_key` whose end or start moved (either way) by more than the tolerance, the largest
    end slip first (unknown end slips last). A date unknown in either plan is not counted as moved."""
    pairs = links[links["newer_plan_key"] == newer_plan_key]
    end_slip = months_between(pairs["older_end"], pairs["newer_end"])
    start_slip = months_between(pairs["older_start"], pairs["newer_start"])
    moved = (end_slip.abs() > tolerance_months) | (start_slip.abs() > tolerance_months)
    result = pairs.assign(end_slip_months=end_slip, start_slip_months=start_slip)[moved]
    result = result.sort_values("end_slip_months", ascending=False, na_position="last", kind="stable")
    return result.loc[:, list(MOVED_COLUMNS)].reset_index(drop=True)


def _history(name: str, slips: dict[str, np.ndarray], reference: dict[str, np.ndarray] | None,
             min_history: int) -> tuple[np.ndarray | None, str]:
    """The slips to resample for a class: own class, reference class, own pooled, reference pooled — the first with
    at least `min_history` observations (the same rule at every step, so a forecast never rests on a handful)."""
    reference = reference or {}
    for source, key, basis in ((slips, name, "own"), (reference, name, "reference"),
                               (slips, "pooled", "own"), (reference, "pooled", "reference")):
        values = np.asarray(source.get(key, ()), dtype=float)
        values = values[~np.isnan(values)]
        if len(values) >= min_history and len(values) > 0:
            return values, basis
    return None, "none"


def _resolve(projects: pd.DataFrame, slips: dict[str, np.ndarray], reference: dict[str, np.ndarray] | None,
             min_history: int, known: np.ndarray) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray | None]]:
    """Per project its class, basis and history size (basis "none", history 0 where not `known`)."""
    classes = _classes(projects["probability_class"]).to_numpy()
    pools = {name: _history(name, slips, reference, min_history) for name in CLASS_ORDER}
    basis = np.array([pools[name][1] for name in classes], dtype=object)
    history = np.array([0 if pools[name][0] is None else len(pools[name][0]) for name in classes], dtype="int64")
    basis[~known], history[~known] = "none", 0
    return classes, np.column_stack([basis, history]), {name: pool for name, (pool, _) in pools.items()}


def _draw(rng: np.random.Generator, pool: np.ndarray, rows: int, draws: int) -> np.ndarray:
    """`rows` × `draws` slips resampled with replacement, rounded to whole months (ties to even)."""
    return np.rint(pool[rng.integers(0, len(pool), size=(rows, draws))])


def forecast_ends(projects: pd.DataFrame, slips: dict[str, np.ndarray], *,
                  reference: dict[str, np.ndarray] | None = None, min_history: int = 5, draws: int = 2000,
                  seed: int = 0) -> pd.DataFrame:
    """Per project the 50th and 80th percentile of its end when its planned end slips as its class's ends have
    slipped (see _history for which history is used; basis "own" or "reference" says whose).

    Percentiles use method="lower", so they are simulated month numbers (never between months). Projects are drawn
    class by class in CLASS_ORDER from one Generator, so a result is reproducible for the same frame and seed.
    Unknown end or no usable history: NaT and basis "none"."""
    end_months = _month_numbers(projects["end"])
    classes, basis_history, pools = _resolve(projects, slips, reference, min_history, ~np.isnan(end_months))
    p50 = np.full(len(projects), np.nan)
    p80 = np.full(len(projects), np.nan)
    rng = np.random.default_rng(seed)
    chunk = max(1, _CHUNK_VALUES // max(draws, 1))
    for name in CLASS_ORDER:
        pool = pools[name]
        rows = np.flatnonzero((classes == name) & (basis_history[:, 0] != "none"))
        if pool is None or not len(rows):
            continue
        for begin in range(0, len(rows), chunk):
            part = rows[begin:begin + chunk]
            drawn = _draw(rng, pool, len(part), draws)
            # The end is fixed per row, so the percentile of end + slip is end + the percentile of the slip.
            low, high = np.percentile(drawn, [50, 80], axis=1, method="lower")
            p50[part], p80[part] = end_months[part] + low, end_months[part] + high
    return pd.DataFrame({
        "entry_id": projects["entry_id"].to_numpy(),
        "p50_end": _from_month_numbers(p50),
        "p80_end": _from_month_numbers(p80),
        "basis": basis_history[:, 0].astype(object),
        "history": basis_history[:, 1].astype("int64"),
    })


def _active_counts(areas: np.ndarray, area_count: int, starts: np.ndarray, ends: np.ndarray,
                   first: int, months: int) -> np.ndarray:
    """Active projects per area, draw and month (area × draw × month) for start/end month numbers (projects × draws
    ends), counted with difference arrays: +1 at the first active month, -1 after the last, then a cumulative sum."""
    draws = ends.shape[1]
    low = np.clip(starts - first, 0, months).astype("int64")[:, None]
    high = np.clip(ends - first + 1, 0, months).astype("int64")  # exclusive
    live = high > low  # an end before the start or outside the months adds nothing
    base = (areas[:, None] * draws + np.arange(draws)[None, :]) * (months + 1)
    size = area_count * draws * (months + 1)
    delta = np.bincount((base + low)[live], minlength=size) - np.bincount((base + high)[live], minlength=size)
    return np.cumsum(delta.reshape(area_count, draws, months + 1), axis=2)[:, :, :months]


def forecast_load(projects: pd.DataFrame, months: pd.DatetimeIndex, slips: dict[str, np.ndarray], *,
                  reference: dict[str, np.ndarray] | None = None, min_history: int = 5, draws: int = 500,
                  seed: int = 0) -> pd.DataFrame:
    """IT-relevant projects active per service area and month (start <= month <= end): with the planned ends, and
    the 50th/80th percentile over `draws` where each project's end slips by a resampled slip (the start stays).

    Projects with an unknown start or end are left out and counted in `frame.attrs["left_out"]`. A project without
    usable history keeps its planned end in every draw (counted in `frame.attrs["no_history"]`): nothing is
    imputed for it, so it neither vanishes from nor widens the forecast. Percentiles use method="lower"."""
    columns = ["service_area", "month", "planned", "p50", "p80"]
    it = projects[projects["needs_it"].fillna(False).astype(bool)]
    known = it["start"].notna() & it["end"].notna()
    included = it[known]
    left_out = int((~known).sum())

    month_numbers = _month_numbers(pd.DatetimeIndex(months))
    if included.empty or not len(month_numbers):
        frame = pd.DataFrame(columns=columns)
        frame.attrs.update(left_out=left_out, no_history=0)
        return frame
    first, last = int(month_numbers.min()), int(month_numbers.max())
    span = last - first + 1  # contiguous months counted; the requested ones picked at the end
    picked = month_numbers.astype("int64") - first

    codes, areas = pd.factorize(included["service_area"], use_na_sentinel=False)
    starts, ends = _month_numbers(included["start"]), _month_numbers(included["end"])
    classes, basis_history, pools = _resolve(included, slips, reference, min_history, np.ones(len(included), bool))

    simulated = np.repeat(ends[:, None], draws, axis=1)
    rng = np.random.default_rng(seed)
    for name in CLASS_ORDER:
        rows = np.flatnonzero((classes == name) & (basis_history[:, 0] != "none"))
        if pools[name] is not None and len(rows):
            simulated[rows] += _draw(rng, pools[name], len(rows), draws)

    planned = _active_counts(codes, len(areas), starts, ends[:, None], first, span)[:, 0, picked]
    counts = _active_counts(codes, len(areas), starts, simulated, first, span)[:, :, picked]
    p50, p80 = np.percentile(counts, [50, 80], axis=1, method="lower")

    frame = pd.DataFrame({
        "service_area": np.repeat(np.asarray(areas, dtype=object), len(picked)),
        "month": np.tile(_from_month_numbers(month_numbers), len(areas)),
        "planned": planned.ravel().astype("int64"),
        "p50": p50.ravel().astype("int64"),
        "p80": p80.ravel().astype("int64"),
    })
    frame = frame.sort_values(["service_area", "month"], na_position="last", kind="stable").reset_index(drop=True)
    frame.attrs.update(left_out=left_out, no_history=int((basis_history[:, 0] == "none").sum()))
    return frame
