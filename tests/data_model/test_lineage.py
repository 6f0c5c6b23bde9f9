"""Project lineage across plan versions: the title comparison with its false-match guard, the matches on the
real Naantali plans (checked by hand against the documents), identifiers for sheets, and a person's decisions."""
from __future__ import annotations

import pandas as pd
import pytest
from sqlmodel import Session

from data_model import lineage
from data_model.store import import_plans
from loaders import load_document_bytes, load_sheet
from loaders.sheets.mapping import MappingProfile
from tests.conftest import PROJECT_ROOT, SEEDS, SHARED

GMPP = SHARED / "external" / "gmpp"
NAANTALI = ("000_79db6afad0af467e.txt", "001_818fe00bb0d197a2.txt", "004_f6eed3d8488e8fff.txt")


@pytest.mark.parametrize(("older", "newer", "refused"), [
    # Two titles that each name something the other does not: different projects (one shared generic noun).
    ("Merimaskun omatoimikirjasto", "Velkuan omatoimikirjasto", "both_name_more"),
    ("M365 – prosessitoiminnan kehittäminen ja tietoturvan jatkokehitys", "Teknisen tietoturvan jatkokehitys",
     "both_name_more"),
    # A one-word title and a longer one that narrows it to one thing.
    ("Kameravalvonta", "Jäähallin kameravalvonta", "narrowed_one_word"),
    ("Jäähallin kameravalvonta", "Kameravalvonta", "narrowed_one_word"),
    # The same project, renamed or restated: inflection, a generic word added, a compound shortened.
    ("Tekninen tietoturva", "Teknisen tietoturvan jatkokehitys", None),
    ("Laitehallinta", "Laitehallinnan kehittäminen", None),
    ("Sähköinen säilytysjärjestelmä", "Sähköinen säilytys", None),
    ("ProConsonasta Omni360", "ProConsonasta Omni360 II vaihe", None),
    ("SoTe 2023 irtautuminen", "SoTe 2023 irtautuminen Hyvinvointi alueelle", None),
    ("Jäähallin kameravalvonta", "Jäähallin kameravalvonta", None),
])
def test_titles_that_name_different_things_are_refused(older, newer, refused):
    found = lineage.compare_titles(older, newer)
    assert found.refused == refused
    if refused is None:
        assert found.similarity >= lineage.THRESHOLD


def _entries(rows: list[tuple[int, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["entry_id", "code", "title", "service_area"])


def test_an_exact_title_wins_over_a_title_it_contains():
    """The older plan has both "Kameravalvonta" and "Jäähallin kameravalvonta"; the newer only the latter."""
    older = _entries([(1, "5.3.7", "Kameravalvonta", "Sivistys"), (2, "6.2", "Jäähallin kameravalvonta", "Tekninen")])
    newer = _entries([(10, "6.4", "Jäähallin kameravalvonta", "Tekninen")])
    matches = lineage.match_entries(older, newer)
    assert matches[["older_entry_id", "newer_entry_id"]].values.tolist() == [[2, 10]]


def test_a_shared_code_alone_does_not_make_a_match():
    older = _entries([(1, "4.2.1", "Merimaskun omatoimikirjasto", "Sivistys")])
    newer = _entries([(2, "4.2.1", "Velkuan omatoimikirjasto", "Sivistys")])
    assert lineage.match_entries(older, newer).empty


def test_sheet_identifiers_decide_whatever_the_titles_say():
    older = _entries([(1, "MOD_0106", "Maritime Patrol Aircraft", "MOD"), (2, "CO_0024", "Pensions Remedy", "CO")])
    newer = _entries([(3, "CO_0024", "Civil Service Pensions 2015 Remedy", "CO"), (4, "MOD_9999", "Maritime Patrol Aircraft", "MOD")])
    matches = lineage.match_entries(older, newer, by_identifier=True)
    assert matches[["older_entry_id", "newer_entry_id", "basis"]].values.tolist() == [[2, 3, "identifier"]]


@pytest.mark.parametrize(("name", "sheet"), [
    ("uk_2021.csv", True), ("projects.csv#United States Department of Agriculture", True), ("plan.xlsx", True),
    ("001_818fe00bb0d197a2.txt", False), ("toimenpidesuunnitelma.docx", False), ("ohjelma.pdf", False),
])
def test_plans_read_from_sheets_are_matched_by_identifier(name, sheet):
    assert lineage.is_sheet(name) is sheet


@pytest.fixture()
def naantali(sqlite_engine):
    import_plans(sqlite_engine, [load_document_bytes(name, (SEEDS / name).read_bytes()) for name in NAANTALI])
    return sqlite_engine


# Checked by hand against the three Naantali documents (2022, 2023, 2024 plans): every pair below is one project.
# Left unmatched on purpose: "Merimaskun omatoimikirjasto" / "Velkuan omatoimikirjasto" (two libraries),
# "Kameravalvonta" / "Jäähallin kameravalvonta" (the 2022 plan has both), "M365 – prosessitoiminnan ..." /
# "Teknisen tietoturvan jatkokehitys" (which continues "Tekninen tietoturva").
NAANTALI_PAIRS = {
    ("naantali-toimenpidesuunnitelma-2022", "2.2", "naantali-toimenpidesuunnitelma-2023", "2.2"),
    ("naantali-toimenpidesuunnitelma-2022", "2.3", "naantali-toimenpidesuunnitelma-2023", "2.1"),
    ("naantali-toimenpidesuunnitelma-2022", "2.4", "naantali-toimenpidesuunnitelma-2023", "2.4"),
    ("naantali-toimenpidesuunnitelma-2022", "2.6", "naantali-toimenpidesuunnitelma-2023", "2.5"),
    ("naantali-toimenpidesuunnitelma-2022", "3.4.2", "naantali-toimenpidesuunnitelma-2023", "3.3.1"),
    ("naantali-toimenpidesuunnitelma-2022", "5.1.3", "naantali-toimenpidesuunnitelma-2023", "5.1.1"),
    ("naantali-toimenpidesuunnitelma-2022", "5.3.2", "naantali-toimenpidesuunnitelma-2023", "5.2.1"),
    ("naantali-toimenpidesuunnitelma-2022", "6.1", "naantali-toimenpidesuunnitelma-2023", "6.1"),
    ("naantali-toimenpidesuunnitelma-2022", "6.2", "naantali-toimenpidesuunnitelma-2023", "6.4"),
    ("naantali-toimenpidesuunnitelma-2023", "2.3", "naantali-toimenpidesuunnitelma-2024", "2.7"),
    ("naantali-toimenpidesuunnitelma-2023", "2.6", "naantali-toimenpidesuunnitelma-2024", "2.4"),
    ("naantali-toimenpidesuunnitelma-2023", "3.1.1", "naantali-toimenpidesuunnitelma-2024", "3.4"),
}


def _pairs(found: lineage.Lineage) -> set[tuple[str, str, str, str]]:
    frame = found.matches
    return set(zip(frame["older_plan_key"], frame["older_code"], frame["newer_plan_key"], frame["newer_code"]))


def test_the_naantali_plans_match_as_checked_by_hand(naantali):
    with Session(naantali) as session:
        found = lineage.build(session, organisation="Naantali")
    assert _pairs(found) == NAANTALI_PAIRS
    assert list(found.plans["plan_key"]) == ["naantali-toimenpidesuunnitelma-2022", "naantali-toimenpidesuunnitelma-2023",
                                             "naantali-toimenpidesuunnitelma-2024"]
    # No project is matched through all three plans: each chain of a matched pair has two entries.
    chains = found.entries.groupby("chain_id")["plan_key"].count()
    assert chains.max() == 2 and (chains == 2).sum() == len(NAANTALI_PAIRS)


def test_decisions_reject_link_and_outlive_a_re_import(naantali):
    rejected = ("naantali-toimenpidesuunnitelma-2022", "5.3.2"), ("naantali-toimenpidesuunnitelma-2023", "5.2.1")
    linked = ("naantali-toimenpidesuunnitelma-2022", "4.2.1"), ("naantali-toimenpidesuunnitelma-2023", "4.2.1")
    with Session(naantali) as session:
        lineage.record_decision(session, "reject", *rejected, actor="tester")
        lineage.record_decision(session, "link", *linked, actor="tester", note="one library project, renamed")
        lineage.record_decision(session, "cancelled", ("naantali-toimenpidesuunnitelma-2024", "2.7"), actor="tester")
        session.commit()
    # The plans are read and imported again: their entries get new ids, the decisions still apply.
    import_plans(naantali, [load_document_bytes(name, (SEEDS / name).read_bytes()) for name in NAANTALI])
    with Session(naantali) as session:
        found = lineage.build(session, organisation="Naantali")
        history = lineage.decisions(session)
    pairs = _pairs(found)
    assert (*rejected[0], *rejected[1]) not in pairs
    assert (*linked[0], *linked[1]) in pairs
    assert found.matches.loc[found.matches["older_code"] == "4.2.1", "basis"].tolist() == ["person"]
    cancelled = found.entries[(found.entries["plan_key"] == "naantali-toimenpidesuunnitelma-2024") & (found.entries["code"] == "2.7")]
    assert cancelled["person_status"].tolist() == ["cancelled"]
    assert history["actor"].tolist() == ["tester"] * 3 and history["decided_at"].notna().all()


def test_an_unknown_decision_is_refused(sqlite_engine):
    with Session(sqlite_engine) as session, pytest.raises(ValueError, match="unknown lineage decision"):
        lineage.record_decision(session, "maybe", ("a", "1"), ("b", "1"), actor="tester")


def _gmpp_csv(year: int) -> pd.DataFrame:
    """The published file read with plain pandas, as its README describes it (';'-separated, cp1252)."""
    return pd.read_csv(GMPP / f"uk_{year}.csv", sep=";", encoding="cp1252", dtype=str)


@pytest.mark.skipif(not GMPP.is_dir(), reason=f"the GMPP exports are not at {GMPP}")
def test_gmpp_years_are_matched_by_project_number(sqlite_engine):
    profile = MappingProfile.load(PROJECT_ROOT / "sample_data" / "profiles" / "gmpp_2020_2023.json")
    plans = [plan for year in (2021, 2022, 2023)
             for plan in load_sheet(f"uk_{year}.csv", (GMPP / f"uk_{year}.csv").read_bytes(), profile=profile)]
    import_plans(sqlite_engine, plans)
    with Session(sqlite_engine) as session:
        found = lineage.build(session, organisation="UK Government")
    numbers = {year: set(_gmpp_csv(year)["project_number"].dropna().str.strip()) for year in (2021, 2022, 2023)}
    expected = len(numbers[2021] & numbers[2022]) + len(numbers[2022] & numbers[2023])
    assert len(found.matches) == expected
    assert set(found.matches["basis"]) == {"identifier"}
    assert (found.matches["older_code"] == found.matches["newer_code"]).all()
    # A project in 2021 and 2023 but not 2022 makes two chains: consecutive plans only are compared.
    assert len(numbers[2021] & numbers[2023]) >= 130


def test_sheet_codes_that_only_number_the_rows_are_not_identifiers():
    """GMPP 2014 and 2017 have no project number: the loader numbers the projects by their column. Such codes
    say nothing across years; the titles decide."""
    older = _entries([(1, "2", "FE Capital Investment Programme", "BIS"), (2, "3", "Green Investment Bank", "BIS")])
    newer = _entries([(3, "2", "Local Land Charges (LLC) Programme", "BEIS"), (4, "3", "Green Investment Bank", "BEIS")])
    assert lineage._identified(older, newer, "uk_2014.csv", "uk_2017.csv") is False
    assert lineage._identified(older.assign(code=["MOD_1", "MOD_2"]), newer.assign(code=["MOD_2", "X"]),
                               "uk_2021.csv", "uk_2022.csv") is True
    matches = lineage.match_entries(older, newer, by_identifier=False)
    assert matches[["older_entry_id", "newer_entry_id", "basis"]].values.tolist() == [[2, 4, "title"]]


def test_the_meeting_pack_counts_changes_with_a_persons_decisions(naantali):
    """A rejected match is a new and a gone project in the meeting pack too, as on the Plans page."""
    from data_model import queries
    from reports import meeting_pack

    newer = "naantali-toimenpidesuunnitelma-2023"

    def lines() -> list[str]:
        with Session(naantali) as session:
            projects = queries.projects(session, selection=queries.PortfolioFilter(plan_keys=(newer,)))
            return meeting_pack.changes_section(session, projects, queries.plans(session), "en").lines

    def count(found: list[str], label: str) -> int:
        return int(next(line for line in found if line.startswith(label)).split(": ")[1])

    before = lines()
    lineage.decide(naantali, "reject", ("naantali-toimenpidesuunnitelma-2022", "2.4"), (newer, "2.4"), actor="tester")
    after = lines()
    assert count(after, "New projects") == count(before, "New projects") + 1
    assert count(after, "Projects gone") == count(before, "Projects gone") + 1
