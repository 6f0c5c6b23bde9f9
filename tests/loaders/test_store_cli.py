"""The command line that manages the store: export, plans, delete, reparse, and one import that takes documents
and sheets with different mapping profiles in one transaction."""
from __future__ import annotations

import json

import pytest
from sqlmodel import Session

from data_model.db import make_engine
from data_model.queries import plan_contents
from data_model.sample import load_sample_data
from loaders.__main__ import main
from tests.conftest import PROJECT_ROOT, SHARED, requires_seeds, seed

EXAMPLE = PROJECT_ROOT / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md"
PROFILES = PROJECT_ROOT / "sample_data" / "profiles"
GMPP = SHARED / "external" / "gmpp"
ITD = SHARED / "external" / "itdashboard" / "projects.csv"
requires_external = pytest.mark.skipif(not GMPP.is_dir(), reason=f"the external exports are not at {GMPP}")


@pytest.fixture
def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


def contents(url: str) -> dict:
    engine = make_engine(url)
    with Session(engine) as session:
        found = plan_contents(session)
    engine.dispose()
    return found


@requires_seeds
@requires_external
def test_one_import_takes_documents_and_sheets_each_with_its_own_profile(url, capsys):
    arguments = ["import", str(seed("001")), "--mapping", str(PROFILES / "gmpp_2020_2023.json"), str(GMPP / "uk_2021.csv"),
                 str(GMPP / "uk_2022.csv"), "--mapping", str(PROFILES / "itdashboard_projects.json"), str(ITD),
                 "--database-url", url]
    assert main(arguments) == 0
    out = capsys.readouterr().out
    assert "imported 29 plans" in out  # 1 document, 2 GMPP years, 26 IT Dashboard agencies
    found = contents(url)
    assert len(found) == 29
    gmpp = found["uk-government-toimenpidesuunnitelma-2021"]["projects"]
    assert len(gmpp) == 184 and {item[3] for project in gmpp for item in project["costs"]} == {"GBP"}
    assert {item[3] for key, plan in found.items() if key.startswith("us-federal")
            for project in plan["projects"] for item in project["costs"]} == {"USD"}


def test_a_mapping_that_names_no_sheet_after_it_is_refused(url, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["import", str(EXAMPLE), "--mapping", str(PROFILES / "gmpp_2020_2023.json"), "--database-url", url])
    assert stop.value.code == 2
    error = capsys.readouterr().err
    assert "--mapping" in error and "names no sheet after it" in error and "Traceback" not in error


def test_export_writes_the_workbook_that_imports_back(url, tmp_path, capsys):
    engine = make_engine(url)
    load_sample_data(engine)
    engine.dispose()
    out = tmp_path / "salkku.xlsx"
    assert main(["export", "--database-url", url, "--plan", "naantali-toimenpidesuunnitelma-2024",
                 "--plan", "kauniainen-toimenpidesuunnitelma-2021-2023", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}: 2 plans, 45 projects"
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert main(["import", str(out), "--database-url", other]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "imported 2 plans, 45 projects, 38 parse notes"  # 004 3.2: the 48-month total divided, 4.3: a monthly figure ×12
    wanted = {key: value for key, value in contents(url).items()
              if key in ("naantali-toimenpidesuunnitelma-2024", "kauniainen-toimenpidesuunnitelma-2021-2023")}
    assert contents(other) == wanted


def test_export_of_an_unknown_plan_is_one_message(url, tmp_path, capsys):
    assert main(["export", "--database-url", url, "--plan", "nope", "--out", str(tmp_path / "x.xlsx")]) == 1
    assert capsys.readouterr().err.strip() == "error: no plan with the key nope in the store (see `plans`)"
    assert not (tmp_path / "x.xlsx").exists()


def test_plans_lists_every_plan_as_json(url, capsys):
    engine = make_engine(url)
    load_sample_data(engine)
    engine.dispose()
    assert main(["plans", "--database-url", url, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 6
    assert set(rows[0]) == {"key", "organisation", "title", "kind", "period", "projects", "source_name", "imported_at", "demo"}
    example = next(row for row in rows if row["key"] == "esimerkkila-toimenpidesuunnitelma-2027")
    assert (example["organisation"], example["kind"], example["projects"], example["demo"]) == (
        "Esimerkkilä", "action_plan", 5, True)


def test_delete_removes_a_plan_and_delete_demo_the_sample_data(url, capsys):
    engine = make_engine(url)
    load_sample_data(engine)
    engine.dispose()
    assert main(["import", str(EXAMPLE), "--organisation", "Muutala", "--database-url", url]) == 0
    capsys.readouterr()
    assert main(["delete", "--plan", "naantali-toimenpidesuunnitelma-2022", "--database-url", url]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "deleted naantali-toimenpidesuunnitelma-2022: 46 projects, 24 parse notes", "deleted 1 plans"]
    assert main(["delete", "--demo", "--database-url", url]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "deleted 5 plans"
    assert list(contents(url)) == ["muutala-toimenpidesuunnitelma-2027"]
    assert main(["delete", "--plan", "naantali-toimenpidesuunnitelma-2022", "--database-url", url]) == 1
    assert "no plan with the key naantali-toimenpidesuunnitelma-2022" in capsys.readouterr().err


def test_reparse_reads_the_kept_document_again_and_says_what_changed(url, capsys, monkeypatch):
    engine = make_engine(url)
    load_sample_data(engine)  # sample data keeps no documents: it is reported, not read
    engine.dispose()
    assert main(["import", str(EXAMPLE), "--organisation", "Muutala", "--database-url", url]) == 0
    capsys.readouterr()
    assert main(["reparse", "--plan", "muutala-toimenpidesuunnitelma-2027", "--database-url", url]) == 0
    assert capsys.readouterr().out.strip() == "muutala-toimenpidesuunnitelma-2027 (esimerkkila_toimenpidesuunnitelma_2027.md): no change"

    # A later loader reads one title differently.
    import loaders.documents.plan

    original = loaders.documents.plan.read_project

    def newer_loader(section):  # noqa: ANN001
        project = original(section)
        if project.code == "2.1":
            project.title = project.title + " (uusittu)"
        return project

    monkeypatch.setattr(loaders.documents.plan, "read_project", newer_loader)
    assert main(["reparse", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "muutala-toimenpidesuunnitelma-2027 (esimerkkila_toimenpidesuunnitelma_2027.md): 0 projects added, 0 removed, 1 values changed" in out
    assert "  2.1 title: Varmuuskopioinnin uusiminen -> Varmuuskopioinnin uusiminen (uusittu)" in out
    assert "naantali-toimenpidesuunnitelma-2023: not read again: its document is not kept in the store" in out
    titles = [project["title"] for project in contents(url)["muutala-toimenpidesuunnitelma-2027"]["projects"]]
    assert titles[0] == "Varmuuskopioinnin uusiminen (uusittu)"
