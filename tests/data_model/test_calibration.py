"""data_model.calibration on small hand-built frames: month differences, the per-class calibration table with its
Jeffreys interval, chain statuses, what moved since the last plan, and the resampled end and load forecasts.
Every expected figure is worked out by hand in the comments."""
from __future__ import annotations

import ast
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from data_model import calibration
from data_model.calibration import (
    calibration_records,
    calibration_table,
    chain_summary,
    forecast_ends,
    forecast_load,
    months_between,
    moved_since_last_plan,
    slips_by_class,
)

NaT = pd.NaT


def month(text: str | None) -> pd.Timestamp:
    return NaT if text is None else pd.Timestamp(f"{text}-01")


def plus_months(text: str, months: int) -> pd.Timestamp:
    return month(text) + pd.DateOffset(months=months)


def links_frame(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (class, older_end, newer_end[, newer_plan_key, older_start, newer_start, code]) as a links frame."""
    records = []
    for number, row in enumerate(rows):
        cls, older_end, newer_end, *rest = row
        plan, older_start, newer_start, code = (rest + [None] * 4)[:4]
        records.append({
            "organisation": "Testilä", "chain_id": number, "older_plan_key": "T-2024",
            "newer_plan_key": plan or "T-2025",
            "older_plan_date": pd.Timestamp("2024-01-15"), "newer_plan_date": pd.Timestamp("2025-01-15"),
            "older_code": code or f"P{number}", "newer_code": code or f"P{number}",
            "older_title": f"Hanke {number}", "newer_title": f"Hanke {number}", "service_area": "Sivistys",
            "probability_class": cls,
            "older_start": month(older_start), "older_end": month(older_end),
            "newer_start": month(newer_start), "newer_end": month(newer_end),
            "older_one_off_max": 1000.0, "newer_one_off_max": np.nan,
        })
    return pd.DataFrame(records)


# --- months_between ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("earlier", "later", "expected"), [
    ("2024-03-01", "2024-09-01", 6.0),
    ("2024-09-01", "2024-03-01", -6.0),
    ("2024-11-01", "2025-02-01", 3.0),   # across a year end: 12 - 11 + 2
    ("2024-03-01", "2024-03-01", 0.0),
    ("2024-03-31", "2024-04-01", 1.0),   # whole months: the day is ignored
    ("2023-01-01", "2025-01-01", 24.0),
    (None, "2024-03-01", math.nan),
    ("2024-03-01", None, math.nan),
])
def test_months_between(earlier, later, expected):
    result = months_between(pd.Series([pd.Timestamp(earlier) if earlier else NaT]),
                            pd.Series([pd.Timestamp(later) if later else NaT]))
    assert result.dtype == float
    if math.isnan(expected):
        assert math.isnan(result.iloc[0])
    else:
        assert result.iloc[0] == expected


def test_months_between_keeps_the_index_of_the_earlier_series():
    earlier = pd.Series([month("2024-01"), month("2024-02")], index=[10, 11])
    later = pd.Series([month("2024-02"), month("2024-05")], index=[10, 11])
    assert months_between(earlier, later).to_dict() == {10: 1.0, 11: 3.0}


# --- calibration_table ------------------------------------------------------------------------------------------

# likely: slips 0, +1, -2, 0, +3, +5 -> kept (<= +1) 4 of 6; not kept +3, +5 -> median 4.0. Plus a likely pair
#         with no older end, which does not count.
# certain: slips 0, +1 -> kept 2 of 2 (high fixed at 1.0); median of none NaN.
# uncertain: slips +2, +4, +7 -> kept 0 of 3 (low fixed at 0.0); median 4.0.
# unknown: class None (slip 0) and NaN (slip +2) -> kept 1 of 2; median 2.0.
# unlikely: its only pair has no newer end -> no row.
CALIBRATION_LINKS = [
    ("likely", "2025-01", "2025-01"), ("likely", "2025-01", "2025-02"), ("likely", "2025-05", "2025-03"),
    ("likely", "2025-06", "2025-06"), ("likely", "2025-01", "2025-04"), ("likely", "2025-01", "2025-06"),
    ("likely", None, "2025-06"),
    ("certain", "2025-03", "2025-03"), ("certain", "2025-03", "2025-04"),
    ("uncertain", "2025-01", "2025-03"), ("uncertain", "2025-01", "2025-05"), ("uncertain", "2025-01", "2025-08"),
    (None, "2025-01", "2025-01"), (np.nan, "2025-01", "2025-03"),
    ("unlikely", "2025-01", None),
]
# Jeffreys 90 % bounds, computed once with scipy.stats.beta.ppf(0.05 / 0.95, kept + 0.5, n - kept + 0.5) in a
# Python shell and hard-coded here (3 decimals): 4/6 -> 0.341, 0.896; 2/2 -> low 0.431; 0/3 -> high 0.444;
# 1/2 -> 0.097, 0.903.
EXPECTED_TABLE = {
    #            n  kept  rate     low    high   median slip
    "certain": (2, 2, 1.0, 0.431, 1.0, math.nan),
    "likely": (6, 4, 4 / 6, 0.341, 0.896, 4.0),
    "uncertain": (3, 0, 0.0, 0.0, 0.444, 4.0),
    "unknown": (2, 1, 0.5, 0.097, 0.903, 2.0),
}


def test_calibration_table_rows_in_class_order():
    table = calibration_table(links_frame(CALIBRATION_LINKS))
    assert list(table.columns) == ["class", "n", "kept", "rate", "low", "high", "median_slip_months"]
    # No unlikely row: its only pair has no readable newer end.
    assert table["class"].tolist() == ["certain", "likely", "uncertain", "unknown"]


@pytest.mark.parametrize("cls", list(EXPECTED_TABLE))
def test_calibration_table_figures(cls):
    n, kept, rate, low, high, median = EXPECTED_TABLE[cls]
    row = calibration_table(links_frame(CALIBRATION_LINKS)).set_index("class").loc[cls]
    assert (row["n"], row["kept"]) == (n, kept)
    assert row["rate"] == pytest.approx(rate)
    assert row["low"] == pytest.approx(low, abs=5e-4)
    assert row["high"] == pytest.approx(high, abs=5e-4)
    assert math.isnan(row["median_slip_months"]) if math.isnan(median) else row["median_slip_months"] == median


@pytest.mark.parametrize(("kept", "n", "low", "high"), [
    (0, 3, 0.0, 0.444),    # none kept: the lower bound is 0 exactly, not scipy's 0.0006
    (3, 3, 0.556, 1.0),    # all kept: the upper bound is 1 exactly, not 0.9994
    (1, 2, 0.097, 0.903),
])
def test_jeffreys_boundaries(kept, n, low, high):
    rows = [("likely", "2025-01", "2025-01")] * kept + [("likely", "2025-01", "2025-09")] * (n - kept)
    row = calibration_table(links_frame(rows)).iloc[0]
    assert row["low"] == pytest.approx(low, abs=5e-4)
    assert row["high"] == pytest.approx(high, abs=5e-4)
    if kept == 0:
        assert row["low"] == 0.0
    if kept == n:
        assert row["high"] == 1.0


@pytest.mark.parametrize(("slip", "tolerance", "kept"), [
    (1, 1, 1),    # exactly +1 month is kept with the default tolerance
    (2, 1, 0),    # +2 is not
    (-3, 1, 1),   # earlier than planned is kept
    (1, 0, 0),    # with no tolerance +1 is a slip
    (2, 2, 1),
])
def test_calibration_tolerance(slip, tolerance, kept):
    table = calibration_table(links_frame([("certain", "2025-01", plus_months("2025-01", slip).strftime("%Y-%m"))]),
                              tolerance_months=tolerance)
    assert table.loc[0, "kept"] == kept
    # The one slip that did not keep is the median; NaN when it kept.
    assert table.loc[0, "median_slip_months"] == slip if not kept else math.isnan(table.loc[0, "median_slip_months"])


def test_calibration_table_of_no_readable_pairs_is_empty():
    table = calibration_table(links_frame([("likely", None, "2025-01"), ("certain", "2025-01", None)]))
    assert table.empty
    assert list(table.columns) == ["class", "n", "kept", "rate", "low", "high", "median_slip_months"]


def test_calibration_records_are_plain_python():
    records = calibration_records(calibration_table(links_frame(CALIBRATION_LINKS)))
    assert [record["class"] for record in records] == ["certain", "likely", "uncertain", "unknown"]
    certain = records[0]
    assert set(certain) == {"class", "n", "kept", "rate", "low", "high", "median_slip_months"}
    assert certain["median_slip_months"] is None  # NaN -> None for JSON
    assert type(certain["n"]) is int and type(certain["kept"]) is int
    assert type(certain["rate"]) is float and type(certain["low"]) is float
    assert records[1]["median_slip_months"] == 4.0


# --- slips_by_class ---------------------------------------------------------------------------------------------

def test_slips_by_class_keeps_every_readable_slip():
    slips = slips_by_class(links_frame(CALIBRATION_LINKS))
    assert sorted(slips["likely"].tolist()) == [-2.0, 0.0, 0.0, 1.0, 3.0, 5.0]  # zero and negative included
    assert sorted(slips["unknown"].tolist()) == [0.0, 2.0]
    assert "unlikely" not in slips  # no readable pair
    # pooled: 6 likely + 2 certain + 3 uncertain + 2 unknown.
    assert len(slips["pooled"]) == 13
    assert slips["pooled"].dtype == float


# --- chain_summary ----------------------------------------------------------------------------------------------

# Organisation A has plans A1 (2024-01-15), A2 (2024-09-15), A3 (2025-03-15, the newest).
# Organisation B's newest plan had no chains, so B's plans known from the entries end at B1.
PLANS = {
    "A1": ("A", pd.Timestamp("2024-01-15"), 0, False),
    "A2": ("A", pd.Timestamp("2024-09-15"), 1, False),
    "A3": ("A", pd.Timestamp("2025-03-15"), 2, True),
    "B1": ("B", pd.Timestamp("2024-02-01"), 0, False),
}


def entry(chain: int, plan: str, start: str | None, end: str | None, *, cost: float = np.nan,
          person: str | None = None, title: str | None = None) -> dict:
    organisation, plan_date, order, latest = PLANS[plan]
    return {
        "chain_id": chain, "organisation": organisation, "plan_key": plan, "plan_date": plan_date,
        "plan_order": order, "is_latest_plan": latest, "code": f"{plan}-{chain}", "title": title or f"Hanke {chain}",
        "service_area": f"Alue {plan}", "start": month(start), "end": month(end), "one_off_max": cost,
        "probability_class": "likely", "person_status": person, "merged_into": None,
    }


CHAIN_ENTRIES = [
    # 1: in the newest plan -> continuing. Ends 2024-12 -> 2025-03 -> 2025-06: end slip 6, steps 3 and 3.
    #    Listed out of plan order on purpose.
    entry(1, "A3", "2024-02", "2025-06", cost=9000.0, title="Uusi nimi"),
    entry(1, "A1", "2024-01", "2024-12", cost=5000.0),
    entry(1, "A2", "2024-02", "2025-03"),
    # 2: last in A2 with end 2025-01, before A3's date 2025-03-15 -> finished_as_planned. Steps: 2024-06 -> 2025-01 = 7.
    entry(2, "A1", "2024-01", "2024-06"),
    entry(2, "A2", "2024-01", "2025-01"),
    # 3: last in A1 with end 2025-12, after A2's date 2024-09-15 -> gone_before_end.
    entry(3, "A1", "2024-01", "2025-12"),
    # 4: last in A2 with an unknown end -> gone_before_end (not finished: nothing says it was due).
    entry(4, "A2", "2024-05", None),
    # 5: in the newest plan but a person set "done" then "cancelled": the latest, cancelled, wins over continuing.
    entry(5, "A1", "2024-01", "2024-10", person="done"),
    entry(5, "A2", "2024-01", "2024-08", person="cancelled"),
    entry(5, "A3", "2024-01", "2024-09"),
    # 6: B's last known plan is B1 and no later one is in the entries -> continuing.
    entry(6, "B1", "2024-01", "2024-03"),
]


@pytest.fixture(scope="module")
def chains() -> pd.DataFrame:
    return chain_summary(pd.DataFrame(CHAIN_ENTRIES)).set_index("chain_id")


@pytest.mark.parametrize(("chain", "status"), [
    (1, "continuing"),
    (2, "finished_as_planned"),
    (3, "gone_before_end"),
    (4, "gone_before_end"),
    (5, "cancelled"),
    (6, "continuing"),
])
def test_chain_status(chains, chain, status):
    assert chains.loc[chain, "status"] == status


@pytest.mark.parametrize(("chain", "plans", "end_slip", "max_step"), [
    (1, 3, 6.0, 3.0),
    (2, 2, 7.0, 7.0),
    (3, 1, 0.0, math.nan),   # one entry: no step
    (4, 1, math.nan, math.nan),
    (5, 3, -1.0, 1.0),       # 2024-10 -> 2024-08 -> 2024-09: steps -2, +1
])
def test_chain_slips(chains, chain, plans, end_slip, max_step):
    row = chains.loc[chain]
    assert row["plans"] == plans
    for column, expected in (("end_slip_months", end_slip), ("max_step_slip_months", max_step)):
        assert math.isnan(row[column]) if math.isnan(expected) else row[column] == expected


def test_chain_baseline_and_latest(chains):
    row = chains.loc[1]
    assert (row["organisation"], row["first_plan_key"], row["latest_plan_key"]) == ("A", "A1", "A3")
    assert (row["code"], row["title"], row["service_area"]) == ("A3-1", "Uusi nimi", "Alue A3")
    assert (row["baseline_start"], row["baseline_end"]) == (month("2024-01"), month("2024-12"))
    assert (row["latest_start"], row["latest_end"]) == (month("2024-02"), month("2025-06"))
    assert row["baseline_one_off_max"] == 5000.0 and row["latest_one_off_max"] == 9000.0
    assert list(chains.index) == [1, 2, 3, 4, 5, 6]


# --- moved_since_last_plan --------------------------------------------------------------------------------------

MOVED_LINKS = [
    # (class, older_end, newer_end, newer plan, older_start, newer_start, code)
    ("likely", "2025-01", "2025-04", "T-2025", "2024-01", "2024-01", "end+3"),
    ("likely", "2025-01", "2025-02", "T-2025", "2024-01", "2024-01", "end+1"),         # within tolerance
    ("likely", "2025-01", "2025-01", "T-2025", "2024-03", "2024-01", "start-2"),       # the start moved
    ("likely", None, "2025-01", "T-2025", "2024-01", "2024-01", "end unknown"),        # nothing readable moved
    ("likely", "2025-01", "2025-07", "T-2025", "2024-01", "2024-02", "end+6"),
    ("likely", "2025-05", "2025-01", "T-2025", "2024-01", "2024-01", "end-4"),         # earlier counts too
    ("likely", None, None, "T-2025", "2024-01", "2024-06", "start+5 end unknown"),
    ("likely", "2025-01", "2025-11", "T-2024b", "2024-01", "2024-01", "other plan"),  # into another plan
]


def test_moved_since_last_plan():
    moved = moved_since_last_plan(links_frame(MOVED_LINKS), "T-2025")
    assert list(moved.columns) == [
        "newer_code", "newer_title", "service_area", "older_end", "newer_end", "end_slip_months",
        "older_start", "newer_start", "start_slip_months",
    ]
    # End slip descending, the unknown end slip last.
    assert moved["newer_code"].tolist() == ["end+6", "end+3", "start-2", "end-4", "start+5 end unknown"]
    assert moved["end_slip_months"].tolist()[:4] == [6.0, 3.0, 0.0, -4.0]
    assert math.isnan(moved["end_slip_months"].iloc[4])
    assert moved["start_slip_months"].tolist() == [1.0, 0.0, -2.0, 0.0, 5.0]


@pytest.mark.parametrize(("tolerance", "count"), [(0, 6), (1, 5), (3, 3), (6, 0)])
def test_moved_since_last_plan_tolerance(tolerance, count):
    # |slips| of the T-2025 pairs (end, start): 3, 1, 2 (start), 6 (end; start 1), 4, 5 (start).
    assert len(moved_since_last_plan(links_frame(MOVED_LINKS), "T-2025", tolerance_months=tolerance)) == count


# --- forecast_ends ----------------------------------------------------------------------------------------------

def projects_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame([{"entry_id": entry_id, "end": month(end), "probability_class": cls}
                         for entry_id, end, cls in rows])


THREES = np.full(6, 3.0)


@pytest.mark.parametrize(("cls", "slips", "reference", "p50", "p80", "basis", "history"), [
    # Six slips of +3: every draw is +3.
    ("likely", {"likely": THREES, "pooled": THREES}, None, "2025-04", "2025-04", "own", 6),
    # Own likely history 2 < 5: the reference's ten +1 slips.
    ("likely", {"likely": np.zeros(2), "pooled": np.zeros(2)}, {"likely": np.ones(10), "pooled": np.ones(10)},
     "2025-02", "2025-02", "reference", 10),
    # No own or reference class history: own pooled (eight +2 slips).
    ("unlikely", {"likely": np.full(8, 2.0), "pooled": np.full(8, 2.0)}, {"pooled": np.ones(3)},
     "2025-03", "2025-03", "own", 8),
    # Only the reference's pooled slips are enough.
    ("certain", {"pooled": np.zeros(2)}, {"likely": np.ones(3), "pooled": np.full(5, -1.0)},
     "2024-12", "2024-12", "reference", 5),
    # A missing class is "unknown".
    (None, {"unknown": THREES, "pooled": np.zeros(9)}, None, "2025-04", "2025-04", "own", 6),
    # Slips of 2.6 round to 3 whole months.
    ("likely", {"likely": np.full(5, 2.6), "pooled": np.full(5, 2.6)}, None, "2025-04", "2025-04", "own", 5),
    # 60 % at 0 and 40 % at +12: over 2000 draws the median is 0 and the 80th percentile +12.
    ("likely", {"likely": np.array([0.0] * 6 + [12.0] * 4), "pooled": np.zeros(10)}, None,
     "2025-01", "2026-01", "own", 10),
])
def test_forecast_ends(cls, slips, reference, p50, p80, basis, history):
    result = forecast_ends(projects_frame([(7, "2025-01", cls)]), slips, reference=reference).iloc[0]
    assert result["entry_id"] == 7
    assert (result["p50_end"], result["p80_end"]) == (month(p50), month(p80))
    assert (result["basis"], result["history"]) == (basis, history)


@pytest.mark.parametrize(("end", "slips", "reference"), [
    (None, {"likely": THREES, "pooled": THREES}, None),                      # unknown end: never imputed
    ("2025-01", {"likely": THREES[:2], "pooled": THREES[:2]}, None),         # history 2 < 5 everywhere
    ("2025-01", {"pooled": np.array([])}, {"pooled": np.array([np.nan] * 9)}),  # no history at all
])
def test_forecast_ends_without_a_forecast(end, slips, reference):
    result = forecast_ends(projects_frame([(1, end, "likely")]), slips, reference=reference).iloc[0]
    assert pd.isna(result["p50_end"]) and pd.isna(result["p80_end"])
    assert (result["basis"], result["history"]) == ("none", 0)


def test_forecast_ends_many_projects_reproducible_and_ordered():
    slips = {"likely": np.array([0.0, 1.0, 2.0, 4.0, 8.0]), "certain": np.zeros(5), "pooled": np.arange(10.0)}
    projects = projects_frame([(10, "2025-01", "likely"), (11, None, "certain"), (12, "2026-06", "certain"),
                               (13, "2025-01", "likely")])
    first = forecast_ends(projects, slips, seed=3)
    assert first["entry_id"].tolist() == [10, 11, 12, 13]
    assert first.equals(forecast_ends(projects, slips, seed=3))
    assert first.loc[2, "p80_end"] == month("2026-06")  # certain: zeros
    # The simulated percentiles are slip values (method="lower"), p50 <= p80, within the slips' range.
    for row in (0, 3):
        p50, p80 = first.loc[row, "p50_end"], first.loc[row, "p80_end"]
        assert month("2025-01") <= p50 <= p80 <= month("2025-09")
    assert first["basis"].tolist() == ["own", "none", "own", "own"]


# --- forecast_load ----------------------------------------------------------------------------------------------

LOAD_MONTHS = pd.date_range("2025-01-01", periods=4, freq="MS")  # Jan-Apr 2025


def load_projects() -> pd.DataFrame:
    rows = [
        # entry, area, start, end, IT
        (1, "X", "2025-01", "2025-03", True),    # X: Jan Feb Mar
        (2, "X", "2025-02", "2025-02", True),    # X: Feb
        (3, "X", "2025-01", "2025-04", False),   # not IT-relevant: not counted, not left out
        (4, "Y", "2024-11", "2025-02", True),    # Y: Jan Feb (started before the months)
        (5, "Y", None, "2025-02", True),         # left out: start unknown
        (6, "Y", "2025-01", None, True),         # left out: end unknown
        (7, "Y", None, None, False),             # not IT-relevant: not counted as left out
    ]
    return pd.DataFrame([{"entry_id": entry_id, "service_area": area, "start": month(start), "end": month(end),
                          "probability_class": "likely", "needs_it": it}
                         for entry_id, area, start, end, it in rows])


def load_table(frame: pd.DataFrame) -> dict[str, list[tuple[int, int, int]]]:
    return {area: list(zip(group["planned"], group["p50"], group["p80"], strict=True))
            for area, group in frame.groupby("service_area")}


def test_forecast_load_with_zero_slips_is_the_plan():
    frame = forecast_load(load_projects(), LOAD_MONTHS, {"likely": np.zeros(5), "pooled": np.zeros(5)})
    assert list(frame.columns) == ["service_area", "month", "planned", "p50", "p80"]
    assert frame["month"].tolist() == list(LOAD_MONTHS) * 2
    # X: Jan 1 (1), Feb 2 (1, 2), Mar 1 (1), Apr 0. Y: Jan 1, Feb 1, Mar 0, Apr 0.
    assert load_table(frame) == {
        "X": [(1, 1, 1), (2, 2, 2), (1, 1, 1), (0, 0, 0)],
        "Y": [(1, 1, 1), (1, 1, 1), (0, 0, 0), (0, 0, 0)],
    }
    assert frame.attrs["left_out"] == 2  # entries 5 and 6


def test_forecast_load_with_every_end_three_months_later():
    frame = forecast_load(load_projects(), LOAD_MONTHS, {"likely": THREES, "pooled": THREES}, draws=50)
    # Ends +3: 1 -> 2025-06 (Jan-Apr), 2 -> 2025-05 (Feb-Apr), 4 -> 2025-05 (Jan-Apr); the starts stay.
    assert load_table(frame) == {
        "X": [(1, 1, 1), (2, 2, 2), (1, 2, 2), (0, 2, 2)],
        "Y": [(1, 1, 1), (1, 1, 1), (0, 1, 1), (0, 1, 1)],
    }
    assert frame.attrs["no_history"] == 0


def test_forecast_load_spread_between_p50_and_p80():
    # One project Jan-Jan; slips 0 (60 %) or +2 (40 %): in Feb-Mar it is active in 40 % of the draws, so the
    # median count is 0 and the 80th percentile 1.
    projects = pd.DataFrame([{"entry_id": 1, "service_area": "X", "start": month("2025-01"), "end": month("2025-01"),
                              "probability_class": "likely", "needs_it": True}])
    slips = {"likely": np.array([0.0] * 6 + [2.0] * 4), "pooled": np.zeros(10)}
    frame = forecast_load(projects, LOAD_MONTHS, slips, draws=2000)
    assert load_table(frame) == {"X": [(1, 1, 1), (0, 0, 1), (0, 0, 1), (0, 0, 0)]}


def test_forecast_load_without_history_keeps_the_planned_end():
    frame = forecast_load(load_projects(), LOAD_MONTHS, {"pooled": np.zeros(2)})
    assert (frame["p50"] == frame["planned"]).all() and (frame["p80"] == frame["planned"]).all()
    assert frame.attrs["no_history"] == 3 and frame.attrs["left_out"] == 2


def test_forecast_load_nothing_countable():
    projects = load_projects().iloc[4:6]  # both left out
    frame = forecast_load(projects, LOAD_MONTHS, {"likely": THREES, "pooled": THREES})
    assert frame.empty and frame.attrs["left_out"] == 2


def test_calibration_module_is_pure():
    # Only pandas/numpy/scipy: no Streamlit or database, so reports and benchmarks can use it as it is.
    tree = ast.parse(Path(calibration.__file__).read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported == {"__future__", "numpy", "pandas", "scipy"}
