"""Portfolio figures computed from the query frames: key figures, monthly load, cost outlook, plan comparison.

Pure pandas functions on the frames of data_model.queries; unknown values are counted, never summed as zero.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from loaders.records import PROBABILITY_CLASSES

PARTY_COLUMNS = {
    "service_area": "needs_service_area",
    "it": "needs_it",
    "purchased_services": "needs_purchased_services",
    "external": "needs_external",
    "other": "needs_other",
}
DEFAULT_CLASS_PROBABILITY = {"certain": 0.95, "likely": 0.75, "uncertain": 0.5, "unlikely": 0.25}
COST_BANDS = ((0, "< 10 000"), (10_000, "10 000–50 000"), (50_000, "50 000–200 000"), (200_000, "> 200 000"))


def month_start(value: date | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(value).to_period("M").to_timestamp()


def next_quarter(today: date) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First month and last month of the quarter after `today`'s."""
    period = pd.Timestamp(today).to_period("Q") + 1
    return period.start_time.normalize(), period.end_time.to_period("M").to_timestamp()


@dataclass(frozen=True)
class KeyFigures:
    projects: int
    active: int
    starting_next_quarter: int
    ending_next_quarter: int
    one_off_min: float
    one_off_max: float
    annual_min: float
    annual_max: float
    cost_unknown: int  # projects with no readable cost at all
    next_quarter_start: pd.Timestamp


def key_figures(projects: pd.DataFrame, today: date) -> KeyFigures:
    """The overview's figures. Sums skip unknown costs; how many are unknown is counted separately."""
    now = month_start(today)
    first, last = next_quarter(today)
    started = projects["start"].notna() & (projects["start"] <= now)
    not_ended = projects["end"].isna() | (projects["end"] >= now)
    return KeyFigures(
        projects=len(projects),
        active=int((started & not_ended & projects["end"].notna()).sum()),
        starting_next_quarter=int(projects["start"].between(first, last).sum()),
        ending_next_quarter=int(projects["end"].between(first, last).sum()),
        one_off_min=float(projects["one_off_min"].sum(min_count=1)) if len(projects) else float("nan"),
        one_off_max=float(projects["one_off_max"].sum(min_count=1)) if len(projects) else float("nan"),
        annual_min=float(projects["annual_min"].sum(min_count=1)) if len(projects) else float("nan"),
        annual_max=float(projects["annual_max"].sum(min_count=1)) if len(projects) else float("nan"),
        cost_unknown=int((~projects["cost_known"].astype(bool)).sum()),
        next_quarter_start=first,
    )


def currencies(projects: pd.DataFrame) -> list[str]:
    """Currencies of the selection's costs, most used first."""
    found = projects["currency"].dropna()
    found = found[found != "mixed"]
    return list(found.value_counts().index)


def for_currency(projects: pd.DataFrame, currency: str) -> tuple[pd.DataFrame, int]:
    """The projects whose costs are in `currency` or unknown, and how many were left out for another currency.
    Amounts in different currencies are never added up (nor converted)."""
    keep = projects["currency"].isna() | (projects["currency"] == currency)
    return projects[keep], int((~keep).sum())


def probability_counts(projects: pd.DataFrame) -> pd.DataFrame:
    """Projects per probability class, every class present (zero when none), in the classes' order."""
    counts = projects["probability_class"].value_counts().reindex(PROBABILITY_CLASSES, fill_value=0)
    total = int(counts.sum())
    return pd.DataFrame(
        {
            "probability_class": counts.index,
            "projects": counts.to_numpy(),
            "share": counts.to_numpy() / total if total else np.zeros(len(counts)),
        }
    )


def timeline_range(projects: pd.DataFrame, *, window_start: date | None, window_end: date | None, today: date,
                   horizon_months: int = 24) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The Gantt's x-range: the window, else from the earliest start to the latest end, but no further than
    `horizon_months` past the later of today and the latest start (so one plan to 2040 does not squash the rest)."""
    starts = projects["start"].dropna()
    if starts.empty:
        return None
    first = month_start(window_start) if window_start else starts.min()
    ends = projects["end"].dropna()
    latest = ends.max() if len(ends) else starts.max()
    cap = max(starts.max(), month_start(today)) + pd.DateOffset(months=horizon_months)
    last = month_start(window_end) if window_end else min(latest, cap)
    return first, last + pd.offsets.MonthEnd(1)


def month_range(
    projects: pd.DataFrame, *, window_start: date | None, window_end: date | None, today: date, horizon_months: int = 24
) -> pd.DatetimeIndex:
    """Months for the monthly views: the same span as the Gantt (see timeline_range)."""
    bounds = timeline_range(
        projects, window_start=window_start, window_end=window_end, today=today, horizon_months=horizon_months
    )
    if bounds is None:
        return pd.DatetimeIndex([])
    return pd.date_range(month_start(bounds[0]), month_start(bounds[1]), freq="MS")


def monthly_load(projects: pd.DataFrame, months: pd.DatetimeIndex, party: str | None = None) -> pd.DataFrame:
    """Projects running in each month per service area, optionally only those that need `party`.

    A project runs from its start month to its end month; an open end counts as one month.
    Projects without a start are left out (and counted by the caller).
    """
    frame = projects[projects["start"].notna()]
    if party:
        frame = frame[frame[PARTY_COLUMNS[party]].astype(bool)]
    if frame.empty or len(months) == 0:
        return pd.DataFrame(columns=["month", "service_area", "projects"])
    starts = frame["start"].to_numpy()
    ends = frame["end"].fillna(frame["start"]).to_numpy()
    month_values = months.to_numpy()
    running = (starts[:, None] <= month_values[None, :]) & (ends[:, None] >= month_values[None, :])
    areas = frame["service_area"].fillna("").to_numpy()
    records = []
    for area in pd.unique(areas):
        mask = areas == area
        counts = running[mask].sum(axis=0)
        records.extend({"month": month, "service_area": area, "projects": int(count)} for month, count in zip(months, counts))
    return pd.DataFrame.from_records(records)


def busiest_months(projects: pd.DataFrame, months: pd.DatetimeIndex, party: str = "it", top: int = 3) -> pd.DataFrame:
    load = monthly_load(projects, months, party)
    if load.empty:
        return pd.DataFrame(columns=["month", "projects"])
    total = load.groupby("month", as_index=False)["projects"].sum()
    total = total[total["projects"] > 0]
    return total.sort_values(["projects", "month"], ascending=[False, True]).head(top).reset_index(drop=True)


def cost_by_area(projects: pd.DataFrame) -> pd.DataFrame:
    """Per service area: one-off and annual min/max sums (unknown skipped) and how many costs are unknown."""
    frame = projects.assign(service_area=projects["service_area"].fillna(""))
    grouped = frame.groupby("service_area", sort=True)
    return pd.DataFrame(
        {
            "one_off_min": grouped["one_off_min"].sum(min_count=1),
            "one_off_max": grouped["one_off_max"].sum(min_count=1),
            "annual_min": grouped["annual_min"].sum(min_count=1),
            "annual_max": grouped["annual_max"].sum(min_count=1),
            "projects": grouped.size(),
            "cost_unknown": grouped["cost_known"].apply(lambda known: int((~known.astype(bool)).sum())),
        }
    ).reset_index()


def quarterly_outlook(projects: pd.DataFrame, first_quarter: pd.Period, quarters: int = 8) -> pd.DataFrame:
    """Maximum one-off cost spread evenly over each schedule's months, annual cost accruing 1/12 a month
    from the schedule's start, summed per quarter from `first_quarter` on."""
    periods = pd.period_range(first_quarter, periods=quarters, freq="Q")
    months = pd.date_range(periods[0].start_time, periods[-1].end_time, freq="MS")
    scheduled = projects[projects["start"].notna()]
    starts = scheduled["start"].to_numpy()[:, None]
    ends = scheduled["end"].fillna(scheduled["start"]).to_numpy()[:, None]
    month_values = months.to_numpy()[None, :]
    span = (
        (scheduled["end"].fillna(scheduled["start"]).dt.year - scheduled["start"].dt.year) * 12
        + scheduled["end"].fillna(scheduled["start"]).dt.month - scheduled["start"].dt.month + 1
    ).clip(lower=1).to_numpy()[:, None]
    running = (month_values >= starts) & (month_values <= ends)
    one_off = (running * (scheduled["one_off_max"].fillna(0).to_numpy()[:, None] / span)).sum(axis=0)
    annual = ((month_values >= starts) * (scheduled["annual_max"].fillna(0).to_numpy()[:, None] / 12)).sum(axis=0)
    frame = pd.DataFrame({"month": months, "one_off": one_off, "annual": annual})
    frame["quarter"] = frame["month"].dt.to_period("Q")
    result = frame.groupby("quarter", as_index=False)[["one_off", "annual"]].sum()
    result["quarter_start"] = result["quarter"].dt.start_time
    return result


def cost_band(value: float) -> str | None:
    if pd.isna(value):
        return None
    band = COST_BANDS[0][1]
    for lower, name in COST_BANDS:
        if value >= lower:
            band = name
    return band


def cost_bands(values: pd.Series) -> pd.Series:
    """cost_band of every value at once, 'unknown' where the value is."""
    lowers = np.array([lower for lower, _ in COST_BANDS], dtype=float)
    names = np.array([name for _, name in COST_BANDS] + ["unknown"], dtype=object)
    amounts = values.astype(float).to_numpy()
    position = np.clip(np.searchsorted(lowers, amounts, side="right") - 1, 0, None)
    return pd.Series(names[np.where(np.isnan(amounts), len(COST_BANDS), position)], index=values.index, dtype=object)


def probability_cost_matrix(projects: pd.DataFrame) -> pd.DataFrame:
    """Count of projects per probability class and one-off cost band (max); 'unknown' band kept."""
    bands = [name for _, name in COST_BANDS] + ["unknown"]
    frame = projects.assign(band=cost_bands(projects["one_off_max"]))
    table = pd.crosstab(frame["probability_class"], frame["band"])
    return table.reindex(index=list(PROBABILITY_CLASSES), columns=bands, fill_value=0)


def expected_one_off(projects: pd.DataFrame, mapping: dict[str, float]) -> tuple[float, int]:
    """Sum of one-off max × class probability, and how many projects could not be counted (unknown class or cost)."""
    probability = projects["probability_class"].map(mapping)
    usable = probability.notna() & projects["one_off_max"].notna()
    return float((projects.loc[usable, "one_off_max"] * probability[usable]).sum()), int((~usable).sum())


def compare_plans(older: pd.DataFrame, newer: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """What changed between two plans: one row per project, status new / continued / gone, both codes and
    titles, the match's similarity (0-100) and basis, and for continued ones the shift of start and end in months,
    both one-off maxima and both classes. `matches` (older_entry_id, newer_entry_id, score, basis) are the pairs
    of data_model.lineage.compare_plans, a person's decisions applied.
    """
    older = older.reset_index(drop=True)
    newer = newer.reset_index(drop=True)
    old_position = {entry: index for index, entry in enumerate(older["entry_id"])}
    new_position = {entry: index for index, entry in enumerate(newer["entry_id"])}
    pairs = [(score, old_position[old], new_position[new], basis)
             for old, new, score, basis in zip(matches["older_entry_id"], matches["newer_entry_id"], matches["score"],
                                               matches["basis"]) if old in old_position and new in new_position]
    matched_old = {i for _, i, _, _ in pairs}
    matched_new = {j for _, _, j, _ in pairs}
    # Plain values per column, read once (a row at a time, .loc on a wide frame is slow).
    old_rows, new_rows = _plain_rows(older), _plain_rows(newer)
    rows = []
    for score, i, j, basis in sorted(pairs, key=lambda item: item[2]):
        old, new = old_rows[i], new_rows[j]
        rows.append(
            {
                "status": "continued",
                "old_code": old["code"], "code": new["code"], "old_title": old["title"], "title": new["title"],
                "similarity": None if pd.isna(score) else round(min(1.0, float(score)) * 100, 1), "basis": basis,
                "start_shift_months": _month_shift(old["start"], new["start"]),
                "end_shift_months": _month_shift(old["end"], new["end"]),
                "old_one_off_max": old["one_off_max"], "one_off_max": new["one_off_max"],
                "old_currency": old["currency"], "currency": new["currency"],
                "old_probability": old["probability_class"], "probability": new["probability_class"],
                "old_entry_id": old["entry_id"], "entry_id": new["entry_id"],
            }
        )
    for j, new in enumerate(new_rows):
        if j not in matched_new:
            rows.append(_single("new", None, new))
    for i, old in enumerate(old_rows):
        if i not in matched_old:
            rows.append(_single("gone", old, None))
    columns = [
        "status", "old_code", "code", "old_title", "title", "similarity", "basis", "start_shift_months", "end_shift_months",
        "old_one_off_max", "one_off_max", "old_currency", "currency", "old_probability", "probability",
        "old_entry_id", "entry_id",
    ]
    return pd.DataFrame.from_records(rows, columns=columns)


_COMPARED_COLUMNS = ("code", "title", "start", "end", "one_off_max", "currency", "probability_class", "entry_id")


def _plain_rows(frame: pd.DataFrame) -> list[dict]:
    """The compared columns of each row as a dict, as a row of the frame would give them."""
    columns = {name: frame[name].astype(object).tolist() for name in _COMPARED_COLUMNS}
    return [dict(zip(columns, values)) for values in zip(*columns.values())]


def _single(status: str, old: dict | None, new: dict | None) -> dict:
    def value(row: dict | None, key: str):  # noqa: ANN202
        return row[key] if row is not None else None

    return {
        "status": status,
        "old_code": value(old, "code"), "code": value(new, "code"),
        "old_title": value(old, "title"), "title": value(new, "title"),
        "similarity": None, "basis": None, "start_shift_months": None, "end_shift_months": None,
        "old_one_off_max": value(old, "one_off_max"), "one_off_max": value(new, "one_off_max"),
        "old_currency": value(old, "currency"), "currency": value(new, "currency"),
        "old_probability": value(old, "probability_class"), "probability": value(new, "probability_class"),
        "old_entry_id": value(old, "entry_id"), "entry_id": value(new, "entry_id"),
    }


def _month_shift(old: pd.Timestamp, new: pd.Timestamp) -> float | None:
    if pd.isna(old) or pd.isna(new):
        return None
    return float((new.year - old.year) * 12 + new.month - old.month)


@dataclass(frozen=True)
class BusiestMonths:
    """The busiest months to show: `months` (month, projects), whether they are of a chosen window, and, when no
    month from today on has any load, the busiest past month (month, projects) so the page can say so."""
    months: pd.DataFrame
    window: bool
    past_peak: tuple[pd.Timestamp, int] | None


def busiest_coming_months(projects: pd.DataFrame, *, window_start: date | None, window_end: date | None, today: date,
                          party: str = "it", top: int = 3) -> BusiestMonths:
    """The busiest months of the chosen window, else of the months from this month on: in December 2026 a
    peak in March 2024 is history, not a warning.

    >>> frame = pd.DataFrame({"start": pd.to_datetime(["2024-01-01", "2027-02-01"]),
    ...                       "end": pd.to_datetime(["2024-03-01", "2027-02-01"]), "needs_it": [True, True],
    ...                       "service_area": ["A", "A"]})
    >>> busy = busiest_coming_months(frame, window_start=None, window_end=None, today=date(2026, 12, 2))
    >>> [str(month.date()) for month in busy.months["month"]], busy.past_peak
    (['2027-02-01'], None)
    """
    months = month_range(projects, window_start=window_start, window_end=window_end, today=today)
    if window_start or window_end:
        return BusiestMonths(busiest_months(projects, months, party, top), True, None)
    coming = months[months >= month_start(today)]
    busiest = busiest_months(projects, coming, party, top)
    if not busiest.empty:
        return BusiestMonths(busiest, False, None)
    past = busiest_months(projects, months[months < month_start(today)], party, 1)
    peak = None if past.empty else (pd.Timestamp(past["month"].iloc[0]), int(past["projects"].iloc[0]))
    return BusiestMonths(busiest, False, peak)
