"""The "Vie salkku" workbook imports back into a fresh store as the same plans with the same projects, costs,
resources, schedules, notes and themes: for the whole store of real documents and real exports, and for a
selection. On SQLite and on the real PostgreSQL."""
from __future__ import annotations


import pytest
from sqlalchemy import text
from sqlmodel import Session

from data_model import export
from data_model.db import make_admin_engine, make_engine
from data_model.queries import PortfolioFilter, content_totals, plan_contents
from data_model.store import import_plans
from loaders import load_document, load_sheet
from loaders.sheets.mapping import MappingProfile
from tests.conftest import PROJECT_ROOT, SEEDS, SHARED, requires_seeds

PROFILES = PROJECT_ROOT / "sample_data" / "profiles"
EXTERNAL = SHARED / "external"
requires_external = pytest.mark.skipif(not EXTERNAL.is_dir(), reason=f"the external exports are not at {EXTERNAL}")


def real_portfolio() -> list:
    """The five reference documents, GMPP 2014–2023 and the US IT Dashboard export, read as a user would."""
    records = [load_document(path) for path in sorted(SEEDS.glob("*.txt"))]
    transposed = MappingProfile.load(PROFILES / "gmpp_transposed_2014_2017.json")
    later = MappingProfile.load(PROFILES / "gmpp_2020_2023.json")
    for name, profile in [("uk_2014.csv", transposed), ("uk_2017.csv", transposed), ("uk_2020.csv", later),
                          ("uk_2021.csv", later), ("uk_2022.csv", later), ("uk_2023.csv", later)]:
        records += load_sheet(name, (EXTERNAL / "gmpp" / name).read_bytes(), profile=profile)
    itd = MappingProfile.load(PROFILES / "itdashboard_projects.json")
    records += load_sheet("projects.csv", (EXTERNAL / "itdashboard" / "projects.csv").read_bytes(), profile=itd)
    return records


@pytest.fixture
def other_engine(request, tmp_path, engine):
    """A second, empty store of the same kind as `engine`: a SQLite file, or a PostgreSQL database of its own."""
    if engine.dialect.name == "sqlite":
        other = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
        yield other
        other.dispose()
        return
    base = request.getfixturevalue("postgres_database_url")
    name = base.rsplit("/", 1)[1] + "_other"
    admin = make_admin_engine(base)
    with admin.connect() as connection:
        connection.execute(text(f'drop database if exists "{name}" with (force)'))
        connection.execute(text(f'create database "{name}"'))
    other = make_engine(base.rsplit("/", 1)[0] + "/" + name)
    yield other
    other.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'drop database if exists "{name}" with (force)'))
    admin.dispose()


def contents(engine) -> dict:  # noqa: ANN001
    with Session(engine) as session:
        return plan_contents(session)


@requires_seeds
@requires_external
def test_the_whole_store_exported_imports_back_as_the_same_plans(engine, other_engine):
    summary = import_plans(engine, real_portfolio())
    before = contents(engine)
    with Session(engine) as session:
        workbook = export.portfolio_workbook(session, PortfolioFilter())
    again = import_plans(other_engine, load_sheet("salkku.xlsx", workbook))
    after = contents(other_engine)
    assert (len(again.plans), again.projects) == (len(summary.plans), summary.projects) == (37, 3708)
    assert content_totals(after) == content_totals(before)
    assert after.keys() == before.keys()
    for key in before:
        assert after[key] == before[key], key


def test_a_selection_exported_in_english_imports_back_as_the_same_plans(engine, other_engine):
    from data_model.sample import load_sample_data

    load_sample_data(engine)
    selection = PortfolioFilter(organisations=("Naantali",))
    with Session(engine) as session:
        workbook = export.portfolio_workbook(session, selection, "en")
        wanted = {key: value for key, value in plan_contents(session).items()
                  if value["plan"]["organisation"] == "Naantali"}
    import_plans(other_engine, load_sheet("naantali.xlsx", workbook))
    assert contents(other_engine) == wanted


def test_an_export_imported_into_the_store_it_came_from_changes_nothing(engine):
    """Also an export of a selection (some projects of a plan): the stored plans are updated, never replaced."""
    from data_model.sample import load_sample_data

    load_sample_data(engine)
    selection = PortfolioFilter(organisations=("Naantali",), service_areas=("Tietohallinto",))
    with Session(engine) as session:
        before = plan_contents(session)
        partial = export.portfolio_workbook(session, selection)
        whole = export.portfolio_workbook(session, PortfolioFilter())
    plans = load_sheet("osa.xlsx", partial)
    assert plans and not all(plan.complete for plan in plans)
    for workbook in (partial, whole):
        summary = import_plans(engine, load_sheet("salkku.xlsx", workbook))
        assert all(plan.updated and plan.corrected == 0 and not plan.replaced for plan in summary.plans)
        assert contents(engine) == before
