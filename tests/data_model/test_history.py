"""The calibration table against independent computations: plain pandas over the published GMPP files
(2021 -> 2022 -> 2023), and over the Naantali plans' stored entries with the pairs checked by hand."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy.stats import beta
from sqlmodel import Session

from data_model import history, lineage, queries
from data_model.store import import_plans
from loaders import load_document_bytes, load_sheet
from loaders.__main__ import main
from loaders.sheets.mapping import MappingProfile
from tests.conftest import PROJECT_ROOT, SEEDS
from tests.data_model.test_lineage import GMPP, NAANTALI, NAANTALI_PAIRS

# The GMPP profile's reading of the ratings (sample_data/profiles/gmpp_2020_2023.json), written out again here.
RATINGS = {"green": "certain", "amber/green": "likely", "amber": "uncertain", "amber/red": "unlikely", "red": "unlikely"}
YEARS = (2021, 2022, 2023)


def _year(year: int) -> pd.DataFrame:
    """One year's file with plain pandas: its number, stated class (the first filled rating column) and end month."""
    frame = pd.read_csv(GMPP / f"uk_{year}.csv", sep=";", encoding="cp1252", dtype=str)
    ratings = [column for column in frame.columns if column.startswith("colour_rating")]
    rating = frame[ratings].apply(lambda row: next((value for value in row if isinstance(value, str) and value.strip()), None),
                                  axis=1)
    # ISO dates (2024-04-01) as they are, others (31/03/2025) day first; exemption texts are no date.
    text = frame["end_date"].str.strip()
    ends = pd.to_datetime(text, errors="coerce", format="%Y-%m-%d").fillna(
        pd.to_datetime(text, errors="coerce", dayfirst=True, format="mixed"))
    return pd.DataFrame({
        "number": frame["project_number"].str.strip(),
        "class": rating.str.strip().str.lower().map(RATINGS).fillna("unknown"),
        "end": ends.dt.to_period("M"),
    }).dropna(subset=["number"]).drop_duplicates("number")


def _expected(pairs: pd.DataFrame) -> dict[str, dict]:
    """n, kept, rate, the Jeffreys 90 % interval and the median slip of the moved, per class of the older plan."""
    readable = pairs.dropna(subset=["old_end", "new_end"])
    readable = readable.assign(slip=[(new - old).n for old, new in zip(readable["old_end"], readable["new_end"])])
    result = {}
    for klass, group in readable.groupby("class"):
        n, kept = len(group), int((group["slip"] <= 1).sum())
        moved = group.loc[group["slip"] > 1, "slip"]
        result[klass] = {
            "n": n, "kept": kept, "rate": kept / n,
            "low": 0.0 if kept == 0 else beta.ppf(0.05, kept + 0.5, n - kept + 0.5),
            "high": 1.0 if kept == n else beta.ppf(0.95, kept + 0.5, n - kept + 0.5),
            "median_slip_months": float(np.median(moved)) if len(moved) else None,
        }
    return result


def _compare(records: list[dict], expected: dict[str, dict]) -> None:
    assert [row["class"] for row in records] == [klass for klass in ("certain", "likely", "uncertain", "unlikely", "unknown")
                                                 if klass in expected]
    for row in records:
        want = expected[row["class"]]
        assert (row["n"], row["kept"]) == (want["n"], want["kept"]), row["class"]
        for key in ("rate", "low", "high"):
            assert row[key] == pytest.approx(want[key], abs=1e-9), (row["class"], key)
        assert row["median_slip_months"] == want["median_slip_months"], row["class"]


@pytest.fixture(scope="module")
def gmpp_store(tmp_path_factory):
    if not GMPP.is_dir():
        pytest.skip(f"the GMPP exports are not at {GMPP}")
    url = f"sqlite:///{tmp_path_factory.mktemp('gmpp') / 'gmpp.db'}"
    from data_model.db import make_engine

    engine = make_engine(url)
    profile = MappingProfile.load(PROJECT_ROOT / "sample_data" / "profiles" / "gmpp_2020_2023.json")
    import_plans(engine, [plan for year in YEARS
                          for plan in load_sheet(f"uk_{year}.csv", (GMPP / f"uk_{year}.csv").read_bytes(), profile=profile)])
    yield url, engine
    engine.dispose()


def test_gmpp_calibration_is_what_plain_pandas_computes_from_the_files(gmpp_store, capsys):
    url, _ = gmpp_store
    years = {year: _year(year) for year in YEARS}
    pairs = pd.concat([
        years[older].merge(years[newer], on="number", suffixes=("_old", "_new")).rename(
            columns={"class_old": "class", "end_old": "old_end", "end_new": "new_end"})
        for older, newer in zip(YEARS, YEARS[1:])
    ])
    assert main(["calibration", "--database-url", url, "--organisation", "UK Government", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    _compare(records, _expected(pairs))
    assert sum(row["n"] for row in records) > 300


def test_about_138_gmpp_projects_are_in_both_2021_and_2023(gmpp_store):
    both = set(_year(2021)["number"]) & set(_year(2023)["number"])
    assert 130 <= len(both) <= 145


def test_naantali_calibration_is_what_plain_pandas_computes_from_the_hand_checked_pairs(sqlite_engine):
    import_plans(sqlite_engine, [load_document_bytes(name, (SEEDS / name).read_bytes()) for name in NAANTALI])
    with Session(sqlite_engine) as session:
        entries = queries.projects(session)
        found = lineage.build(session, organisation="Naantali")
    by_key = entries.set_index(["plan_key", "code"])
    rows = []
    for older_key, older_code, newer_key, newer_code in sorted(NAANTALI_PAIRS):
        old, new = by_key.loc[(older_key, older_code)], by_key.loc[(newer_key, newer_code)]
        rows.append({"class": old["probability_class"] or "unknown",
                     "old_end": old["end"].to_period("M") if pd.notna(old["end"]) else None,
                     "new_end": new["end"].to_period("M") if pd.notna(new["end"]) else None})
    expected = _expected(pd.DataFrame(rows))
    records = [dict(row) for row in history.calibration.calibration_records(history.history(found, "Naantali").own)]
    _compare(records, expected)


def test_the_calibration_command_names_an_unknown_organisation(gmpp_store, capsys):
    url, _ = gmpp_store
    assert main(["calibration", "--database-url", url, "--organisation", "Atlantis"]) == 1
    assert "Atlantis" in capsys.readouterr().err
