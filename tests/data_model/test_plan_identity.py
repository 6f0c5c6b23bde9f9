"""Plans keep their identity and nothing is lost: every plan of a file is its own plan, a plan key replaces
whatever file it came from, summaries count what was committed, deletions touch nothing else, and the
sample data is demo data. On SQLite and on the real PostgreSQL (the `engine` fixture)."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from data_model import store
from data_model.queries import plan_contents, plans
from data_model.sample import ensure_sample_data, load_sample_data
from data_model.tables import Organisation, Plan, ProjectEntry, SourceDocument, StoreChange
from loaders import load_document, load_document_bytes, load_sheet
from loaders.identity import plan_key
from tests.conftest import requires_seeds, seed

EXAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md"
TWO_PLAN_CSV = (
    "Organisaatio;Suunnitelma;Kausi;Koodi;Hanke;Kertakustannus max\n"
    "Muutala;ICT-ohjelma;2025;A-1;Verkko;1000\n"
    "Muutala;ICT-ohjelma;2025;A-2;Palvelin;2000\n"
    "Muutala;ICT-ohjelma;2026;B-1;Verkko 2;3000\n"
    "Muutala;ICT-ohjelma;2026;B-2;Palvelin 2;4000\n"
).encode("utf-8")


def keys(engine) -> list[str]:  # noqa: ANN001
    with Session(engine) as session:
        return sorted(session.exec(select(Plan.key)).all())


def project_count(engine) -> int:  # noqa: ANN001
    with Session(engine) as session:
        return len(session.exec(select(ProjectEntry)).all())


# --- keys -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("organisation", "kind", "period", "title", "part", "expected"), [
    ("Naantali", "action_plan", "syksy 2022, vuosi 2023", "", None, "naantali-toimenpidesuunnitelma-2023"),
    ("Naantali", "action_plan", "loppuvuosi 2021 ja vuosi 2022", "", None, "naantali-toimenpidesuunnitelma-2022"),
    ("Naantali", "strategy", "2017–2021", "Tietohallintostrategia", None, "naantali-strategia-2017-2021"),
    ("Kauniainen", "action_plan", "2021–2023", "ICT-ohjelma", None, "kauniainen-toimenpidesuunnitelma-2021-2023"),
    ("Hämeenlinna", "action_plan", "2024-26", "", None, "hameenlinna-toimenpidesuunnitelma-2024-2026"),
    ("UK Government", "action_plan", "2021", "GMPP", None, "uk-government-toimenpidesuunnitelma-2021"),
    ("US Federal Government", "action_plan", "2011–2012", "IT Dashboard", "Department of Energy",
     "us-federal-government-toimenpidesuunnitelma-2011-2012-department-of-energy"),
    ("Espoo", "action_plan", None, "Digiohjelma", None, "espoo-toimenpidesuunnitelma-digiohjelma"),
], ids=["autumn-and-year", "late-year-and-year", "strategy", "programme-range", "short-range", "gmpp-year",
        "agency-part", "no-period"])
def test_plan_keys_are_readable_and_made_of_organisation_kind_and_period(organisation, kind, period, title, part, expected):
    assert plan_key(organisation, kind, period, title, part) == expected


@requires_seeds
def test_the_same_plan_read_from_another_file_name_and_format_replaces_the_first(engine, tmp_path):
    text = seed("001").read_text(encoding="utf-8")
    store.import_plans(engine, [load_document(seed("001"))])
    markdown = tmp_path / "naantali_2023_final.md"
    markdown.write_text(text + "\n\n", encoding="utf-8")  # other bytes, other name, same plan
    summary = store.import_plans(engine, [load_document(markdown)])
    assert summary.plans[0].replaced == ["naantali-toimenpidesuunnitelma-2023"]
    assert keys(engine) == ["naantali-toimenpidesuunnitelma-2023"]
    with Session(engine) as session:
        assert session.exec(select(Plan.source_name)).all() == ["naantali_2023_final.md"]
        assert len(session.exec(select(SourceDocument)).all()) == 1  # the replaced file's bytes went with it


def test_every_plan_of_one_sheet_is_stored_and_counted_as_committed(engine):
    summary = store.import_plans(engine, load_sheet("muutala.csv", TWO_PLAN_CSV))
    assert [(plan.key, plan.projects) for plan in summary.plans] == [
        ("muutala-toimenpidesuunnitelma-2025", 2), ("muutala-toimenpidesuunnitelma-2026", 2)]
    assert keys(engine) == ["muutala-toimenpidesuunnitelma-2025", "muutala-toimenpidesuunnitelma-2026"]
    assert project_count(engine) == summary.projects == 4
    # The same sheet again: the same two plans, replaced, not doubled.
    again = store.import_plans(engine, load_sheet("muutala.csv", TWO_PLAN_CSV))
    assert [plan.replaced for plan in again.plans] == [["muutala-toimenpidesuunnitelma-2025"],
                                                       ["muutala-toimenpidesuunnitelma-2026"]]
    assert project_count(engine) == 4


def test_plans_of_one_file_that_would_share_a_key_get_keys_of_their_own(engine):
    sheet = (
        "Organisaatio;Suunnitelma;Kausi;Koodi;Hanke\n"
        "Muutala;Digiohjelma;2025;A-1;Verkko\n"
        "Muutala;Investointiohjelma;2025;B-1;Palvelin\n"
    ).encode("utf-8")
    summary = store.import_plans(engine, load_sheet("ohjelmat.csv", sheet))
    assert [plan.key for plan in summary.plans] == ["muutala-toimenpidesuunnitelma-2025-digiohjelma",
                                                    "muutala-toimenpidesuunnitelma-2025-investointiohjelma"]
    assert project_count(engine) == 2


def test_two_files_of_one_import_holding_the_same_plan_are_refused_whole(engine):
    first = load_document(EXAMPLE)
    second = load_document_bytes("kopio.md", EXAMPLE.read_bytes() + b"\n")
    with pytest.raises(store.PlanConflictError, match="holds the same plan as esimerkkila"):
        store.import_plans(engine, [first, second])
    assert keys(engine) == []


def test_a_replacement_that_was_not_confirmed_stops_the_import(engine):
    store.import_plans(engine, [load_document(EXAMPLE)])
    with Session(engine) as session:
        found = store.plan_replacements(session, [load_document(EXAMPLE)])
    assert [(item.key, item.projects) for item in found] == [("esimerkkila-toimenpidesuunnitelma-2027", 5)]
    with pytest.raises(store.PlanConflictError, match="not confirmed"):
        store.import_plans(engine, [load_document(EXAMPLE)], confirmed=set())
    summary = store.import_plans(engine, [load_document(EXAMPLE)], confirmed={"esimerkkila-toimenpidesuunnitelma-2027"})
    assert summary.plans[0].replaced == ["esimerkkila-toimenpidesuunnitelma-2027"]


# --- deleting ---------------------------------------------------------------------------------------------


def test_deleting_a_plan_removes_it_and_nothing_else(engine):
    store.import_plans(engine, load_sheet("muutala.csv", TWO_PLAN_CSV) + [load_document(EXAMPLE)])
    with Session(engine) as session:
        before = plan_contents(session)
    removed = store.delete_plans(engine, ["muutala-toimenpidesuunnitelma-2025"])
    assert [(plan.key, plan.projects) for plan in removed] == [("muutala-toimenpidesuunnitelma-2025", 2)]
    with Session(engine) as session:
        after = plan_contents(session)
        assert session.exec(select(StoreChange.action).order_by(StoreChange.id)).all()[-1] == "delete"
    assert after == {key: value for key, value in before.items() if key != "muutala-toimenpidesuunnitelma-2025"}


def test_deleting_an_unknown_key_deletes_nothing(engine):
    store.import_plans(engine, [load_document(EXAMPLE)])
    with pytest.raises(store.UnknownPlanError, match="no-such-plan"):
        store.delete_plans(engine, ["esimerkkila-toimenpidesuunnitelma-2027", "no-such-plan"])
    assert keys(engine) == ["esimerkkila-toimenpidesuunnitelma-2027"]


def test_deleting_the_last_plan_of_an_organisation_removes_the_organisation(engine):
    store.import_plans(engine, [load_document(EXAMPLE)])
    store.delete_plans(engine, ["esimerkkila-toimenpidesuunnitelma-2027"])
    with Session(engine) as session:
        assert session.exec(select(Organisation)).all() == []


# --- sample data ------------------------------------------------------------------------------------------


def test_sample_data_is_marked_demo_and_removed_in_one_step(engine):
    store.import_plans(engine, load_sheet("muutala.csv", TWO_PLAN_CSV))
    load_sample_data(engine)
    with Session(engine) as session:
        frame = plans(session)
    assert set(frame.loc[frame["demo"], "organisation"]) == {"Naantali", "Kauniainen", "Esimerkkilä"}
    assert not frame.loc[frame["organisation"] == "Muutala", "demo"].any()
    removed = store.delete_demo(engine)
    assert len(removed) == 6
    assert keys(engine) == ["muutala-toimenpidesuunnitelma-2025", "muutala-toimenpidesuunnitelma-2026"]


def test_sample_data_is_loaded_into_a_new_sqlite_store_once_and_never_into_postgres(engine, monkeypatch):
    monkeypatch.delenv("SALKKU_SAMPLE_DATA", raising=False)
    loaded = ensure_sample_data(engine)
    if engine.dialect.name == "postgresql":
        assert loaded is None and keys(engine) == []
        return
    assert len(loaded.plans) == 6
    store.delete_demo(engine)
    assert ensure_sample_data(engine) is None  # removed once, it stays removed
    assert keys(engine) == []


def test_sample_data_stays_out_with_salkku_sample_data_0(sqlite_engine, monkeypatch):
    monkeypatch.setenv("SALKKU_SAMPLE_DATA", "0")
    assert ensure_sample_data(sqlite_engine) is None
    assert keys(sqlite_engine) == []


# --- money ------------------------------------------------------------------------------------------------


def test_negative_costs_and_reversed_ranges_are_kept_with_a_note(engine):
    sheet = ("Koodi;Hanke;Kertakustannus min;Kertakustannus max;Vuosikustannus max\n"
             "A;Alpha;50000;20000;\nB;Beta;;-300;\n").encode("utf-8")
    store.import_plans(engine, load_sheet("x.csv", sheet, organisation="Muutala"))
    with Session(engine) as session:
        contents = plan_contents(session)["muutala-toimenpidesuunnitelma-x"]["projects"]
    alpha, beta = contents
    assert alpha["costs"][0][1:3] == (50000, 20000)
    assert [note[1] for note in alpha["notes"]] == ["costs.min_above_max"]
    assert beta["costs"][0][2] == -300 and [note[1] for note in beta["notes"]] == ["costs.negative"]
