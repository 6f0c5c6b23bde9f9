"""Real exports nobody here wrote (../shared/external) import whole with the shipped mapping profiles."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from data_model.store import import_plans
from data_model.tables import CostItem, Organisation, Plan, ProjectEntry
from loaders import load_sheet
from loaders.sheets.mapping import MappingProfile
from loaders.sheets.reader import read_sheet
from tests.conftest import PROJECT_ROOT, SHARED

EXTERNAL = SHARED / "external"
PROFILES = PROJECT_ROOT / "sample_data" / "profiles"
pytestmark = pytest.mark.skipif(
    not EXTERNAL.is_dir(), reason=f"the external exports are not at {EXTERNAL} (../shared/external beside the project)"
)

# file, profile, records read, plans, projects imported, parse notes,
# first project: (code, title, service area, start, end, class, one-off, annual, currency)
CASES = [
    # 2014: 58 with one negative budget (-£2.7 million); 2017: 30 with two negative baselines (costs.negative).
    ("gmpp/uk_2014.csv", "gmpp_transposed_2014_2017", 199, 1, 199, 58,
     ("2", "FE Capital Investment Programme", "BIS", "2010-05", "2015-09", "likely", "5609460000", "450370000", "GBP")),
    ("gmpp/uk_2017.csv", "gmpp_transposed_2014_2017", 143, 1, 143, 30,
     ("2", "Local Land Charges (LLC) Programme", "BEIS", "2014-03", "2023-11", "uncertain", "193300000", "12200000", "GBP")),
    # 31: two end dates written 01.12.98 / 01.03.98 are 1998, not 2098 (no false end-before-start notes).
    ("gmpp/uk_2020.csv", "gmpp_2020_2023", 125, 1, 125, 31,
     ("BEIS_0004_1920-Q2", "Future Shared Services Programme", "BEIS", "2018-11", "2023-05", "uncertain", "423920000", "32240000", "GBP")),
    ("gmpp/uk_2021.csv", "gmpp_2020_2023", 184, 1, 184, 48,
     ("MOD_0106_1617-Q1", "Maritime Patrol Aircraft", "MOD", "2014-07", "2024-04", "unlikely", "2013020000", "654460000", "GBP")),
    ("gmpp/uk_2022.csv", "gmpp_2020_2023", 235, 1, 235, 115,
     ("MOD_0135_2122-Q1", "Submarine Dismantling Project", "MOD", "2013-03", "2026-12", "uncertain", "278000000", "33730000", "GBP")),
    ("gmpp/uk_2023.csv", "gmpp_2020_2023", 244, 1, 244, 126,
     ("CO_0024_2021-Q2", "Civil Service Pensions 2015 Remedy", "CO", "2020-05", "2024-09", "uncertain", "34000000", "7900000", "GBP")),
    ("itdashboard/projects.csv", "itdashboard_projects", 2467, 26, 2467, 35,
     ("656", "Operations", "AMS Infrastructure WAN and DMZ (AMSWAN)", "2011-01", "2012-09", "likely", "15297000", None, "USD")),
]


def _plans(file: str, profile: str):
    data = (EXTERNAL / file).read_bytes()
    return load_sheet(Path(file).name, data, profile=MappingProfile.load(PROFILES / f"{profile}.json"))


@pytest.mark.parametrize(("file", "profile", "records", "plan_count", "projects", "notes", "first"), CASES,
                         ids=[case[0] for case in CASES])
def test_every_data_row_of_the_export_imports_with_its_notes(file, profile, records, plan_count, projects, notes, first):
    assert len(read_sheet(Path(file).name, (EXTERNAL / file).read_bytes()).rows) == records
    plans = _plans(file, profile)
    everything = [project for plan in plans for project in plan.projects]
    assert (len(plans), len(everything)) == (plan_count, projects)
    assert sum(len(project.notes) for project in everything) + sum(len(plan.notes) for plan in plans) == notes
    code, title, area, start, end, klass, one_off, annual, currency = first
    project = everything[0]
    assert (project.code, project.title, project.service_area) == (code, title, area)
    assert (project.schedule.start, project.schedule.end, project.probability.probability_class) == (start, end, klass)
    amounts = {item.kind: item for item in project.costs.items}
    assert amounts["one_off"].max_amount == Decimal(one_off) and amounts["one_off"].currency == currency
    assert (amounts["annual"].max_amount == Decimal(annual)) if annual else "annual" not in amounts


def test_gmpp_years_are_plans_of_uk_government_and_exemption_notes_stay_as_notes():
    plans = _plans("gmpp/uk_2022.csv", "gmpp_2020_2023")
    assert [(plan.organisation, plan.title, plan.period) for plan in plans] == [
        ("UK Government", "Government Major Projects Portfolio", "2022")
    ]
    notes = [note for project in plans[0].projects for note in project.notes]
    exempt = [note for note in notes if "Exempt" in note.excerpt]
    assert exempt and all("row " in note.message and "column " in note.message for note in exempt)
    # An exemption is a note, never a zero cost.
    for project in plans[0].projects:
        for item in project.costs.items if project.costs else ():
            assert item.max_amount is None or item.max_amount > 0


def test_it_dashboard_gives_one_plan_per_agency_in_dollars():
    plans = _plans("itdashboard/projects.csv", "itdashboard_projects")
    assert all(plan.organisation == "US Federal Government" for plan in plans)
    agriculture = next(plan for plan in plans if plan.title.endswith("United States Department of Agriculture"))
    assert agriculture.source_name == "projects.csv#United States Department of Agriculture"
    assert len({plan.checksum for plan in plans}) == len(plans)
    assert {item.currency for plan in plans for project in plan.projects for item in (project.costs.items if project.costs else ())} == {"USD"}


def test_all_external_files_import_into_one_store_twice_without_duplicates(sqlite_engine):
    plans = [plan for file, profile, *_ in CASES for plan in _plans(file, profile)]
    import_plans(sqlite_engine, plans)
    import_plans(sqlite_engine, plans)  # idempotent: the same files replace themselves
    with Session(sqlite_engine) as session:
        assert session.exec(select(func.count()).select_from(Plan)).one() == 6 + 26
        assert session.exec(select(func.count()).select_from(ProjectEntry)).one() == sum(case[4] for case in CASES)
        organisations = set(session.exec(select(Organisation.name)).all())
        assert organisations == {"UK Government", "US Federal Government"}
        currencies = set(session.exec(select(CostItem.currency)).all())
        assert currencies == {"GBP", "USD"}
