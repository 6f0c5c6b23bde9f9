"""Import into the store, on SQLite and on PostgreSQL: idempotent, atomic, complete."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import Session, select

from data_model import store
from data_model.tables import CONTENT_TABLES, CostItem, ImportRun, ParseNoteRow, Plan, ProjectEntry, ServiceArea
from loaders.documents.plan import parse_plan

PLAN = """Testilän kaupunki

Tietohallinnon toimenpidesuunnitelma

syksy 2025, vuosi 2026

1 Johdanto

Teksti.

2 Perusinfrastruktuurihankkeet, tietohallinto omistajana

2.1 Verkko

Aikataulu: Q3/2025–Q2/2026

Projektin toteutumisen todennäköisyys: Varmaa - itsestä kiinni

Projektin aikatauluvastuullinen taho: Tietohallinto

Projektin arvioidut kustannukset (investointi, jatkuvat): 20 000 – 50 000 €

Arvio projektiin tarvittavista resursseista (palveluala, IT): Tietohallinto, ostopalvelut

3 Palvelualakohtaiset kehityshankkeet, sivistyspalvelut

3.1 Oppimisalusta

Aikataulu: Avoin

Projektin arvioidut kustannukset (investointi, jatkuvat): Ei tietoa
"""


def _snapshot(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {table.__name__: len(session.exec(select(table)).all()) for table in CONTENT_TABLES}


def test_import_stores_every_project_with_its_values(engine):
    summary = store.import_plans(engine, [parse_plan("testila.txt", PLAN)])
    assert (len(summary.plans), summary.projects) == (1, 2)
    with Session(engine) as session:
        entries = session.exec(select(ProjectEntry).order_by(ProjectEntry.position)).all()
        assert [entry.code for entry in entries] == ["2.1", "3.1"]
        network, platform = entries
        assert network.start_month.isoformat() == "2025-07-01" and network.end_month.isoformat() == "2026-06-01"
        assert network.probability_class == "certain"
        costs = session.exec(select(CostItem).where(CostItem.entry_id == network.id)).all()
        assert [(c.kind, c.min_amount, c.max_amount, c.currency) for c in costs] == [
            ("one_off", Decimal("20000.00"), Decimal("50000.00"), "EUR")
        ]
        # Unknown stays unknown: no cost row, no dates, and notes that say so.
        assert session.exec(select(CostItem).where(CostItem.entry_id == platform.id)).all() == []
        assert platform.start_month is None and platform.probability_class == "unknown"
        notes = session.exec(select(ParseNoteRow).where(ParseNoteRow.entry_id == platform.id)).all()
        assert {note.field for note in notes} >= {"schedule"}
        areas = sorted(area.name for area in session.exec(select(ServiceArea)).all())
        assert areas == ["Sivistyspalvelut", "Tietohallinto"]
        run = session.exec(select(ImportRun)).one()
        assert (run.outcome, run.plans, run.projects) == ("ok", 1, 2)


def test_importing_the_same_document_again_replaces_it(engine):
    store.import_plans(engine, [parse_plan("testila.txt", PLAN)])
    first = _snapshot(engine)
    summary = store.import_plans(engine, [parse_plan("testila.txt", PLAN)])
    assert summary.plans[0].replaced
    assert _snapshot(engine) == first


def test_a_corrected_document_with_the_same_name_replaces_the_old_entries(engine):
    store.import_plans(engine, [parse_plan("testila.txt", PLAN)])
    corrected = PLAN.replace("3.1 Oppimisalusta", "3.1 Oppimisalustan uusiminen")
    store.import_plans(engine, [parse_plan("testila.txt", corrected)])
    with Session(engine) as session:
        assert len(session.exec(select(Plan)).all()) == 1
        titles = [entry.title for entry in session.exec(select(ProjectEntry)).all()]
        assert sorted(titles) == ["Oppimisalustan uusiminen", "Verkko"]


def test_the_same_content_under_another_name_is_the_same_plan(engine):
    store.import_plans(engine, [parse_plan("testila.txt", PLAN)])
    store.import_plans(engine, [parse_plan("testila-kopio.txt", PLAN)])
    with Session(engine) as session:
        assert [plan.source_name for plan in session.exec(select(Plan)).all()] == ["testila-kopio.txt"]


def test_a_failure_while_writing_leaves_the_store_exactly_as_it_was(engine, monkeypatch):
    store.import_plans(engine, [parse_plan("testila.txt", PLAN)])
    before = _snapshot(engine)
    original = store.write_plan
    calls = []

    def fail_on_second(session, record, **options):
        calls.append(record.source_name)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(session, record, **options)

    monkeypatch.setattr(store, "write_plan", fail_on_second)
    other = parse_plan("toinen.txt", PLAN.replace("Testilän", "Toisen"))
    again = parse_plan("testila.txt", PLAN.replace("Verkko", "Verkko muutettu"))
    with pytest.raises(RuntimeError, match="disk full"):
        store.import_plans(engine, [other, again])
    assert _snapshot(engine) == before
    with Session(engine) as session:
        assert [entry.title for entry in session.exec(select(ProjectEntry).order_by(ProjectEntry.position))] == [
            "Verkko",
            "Oppimisalusta",
        ]
        runs = session.exec(select(ImportRun).order_by(ImportRun.id)).all()
        assert [run.outcome for run in runs] == ["ok", "failed"] and "disk full" in runs[-1].error


def test_a_plan_without_an_organisation_is_refused_whole(engine):
    anonymous = parse_plan("nimeton.txt", PLAN.replace("Testilän kaupunki", "Tietohallinto"))
    assert anonymous.organisation is None
    with pytest.raises(Exception, match="organisation"):
        store.import_plans(engine, [parse_plan("ok.txt", PLAN), anonymous])
    assert _snapshot(engine)["Plan"] == 0
