"""The Salkku template: a filled template imports without a mapping step, and the portfolio exported as a
template imports back into an empty store with the same content (unknown stays unknown, never 0).

Runs on SQLite and on the real PostgreSQL (the `engine` fixture)."""
from __future__ import annotations

import io
from decimal import Decimal

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from data_model.workbook import to_xlsx_bytes
from data_model import export
from data_model.queries import PortfolioFilter
from data_model.store import delete_plans, import_plans
from data_model.tables import CostItem, Organisation, Plan, ProjectEntry, ResourceNeed, ServiceArea
from loaders import load_sheet
from loaders.sheets.fields import SHEET_FIELDS

FORMULA_TITLE = "=SUM(A1)"

# Every kind of value a template holds; fields left out are empty cells (= unknown).
PROJECTS = [
    {
        "organisation": "Kauniainen", "plan": "Digitalisaatio-ohjelma", "period": "2026–2028", "code": "K-1",
        "title": FORMULA_TITLE, "service_area": "Sivistys", "description": "Oppilashallinnon uusiminen",
        "start": "2026-03", "end": "2027-12", "schedule_text": "Kevät 2026 – 2027",
        "probability": "Varma", "probability_text": "Rahoitus päätetty", "probability_driver": "valtionavustus",
        "responsible": "Tietohallinto",
        "cost_one_off_min": 100_000, "cost_one_off_max": 250_000, "cost_annual_min": 10_000, "cost_annual_max": 20_000,
        "currency": "EUR",
        "resources_service_area": "x", "resources_it": "1–2 htp / prosessi", "resources_purchased_services": "0,5 htv",
    },
    {
        "organisation": "Kauniainen", "plan": "Digitalisaatio-ohjelma", "period": "2026–2028", "code": "K-2",
        "title": "Verkkouudistus", "service_area": "Tekninen toimi", "start": "2027-01",
        "probability": "Epävarma", "cost_one_off_max": 50_000,  # the minimum is unknown, not 0
        "resources_other": "2 henkilöä",
    },
    {
        "organisation": "Greater London", "plan": "Capital Programme", "period": "2025", "code": "GL-7",
        "title": "Bridge renewal", "service_area": "Transport", "start": "2025-04", "end": "2030-03",
        "probability": "Ei tiedossa", "responsible": "Ulkoinen toimittaja",
        "cost_one_off_min": 1_500_000.5, "cost_one_off_max": 2_000_000, "currency": "GBP",
        "resources_external": "x",
    },
    {
        # Nothing but the name: every other field is unknown.
        "organisation": "Greater London", "plan": "Capital Programme", "period": "2025", "code": "GL-8",
        "title": "Tunnel survey",
    },
]


def template_bytes(language: str) -> bytes:
    headers = dict(zip(SHEET_FIELDS, export.template_headers(language)))
    frame = pd.DataFrame(
        [{headers[name]: project.get(name) for name in SHEET_FIELDS} for project in PROJECTS],
        columns=list(headers.values()),
    )
    return to_xlsx_bytes({"Hankkeet": frame})


def snapshot(engine) -> dict[tuple, dict]:  # noqa: ANN001
    """The store's content per project entry, without ids, file names or positions."""
    content = {}
    with Session(engine) as session:
        rows = session.exec(
            select(ProjectEntry, Plan, Organisation)
            .join(Plan, ProjectEntry.plan_id == Plan.id)
            .join(Organisation, Plan.organisation_id == Organisation.id)
        ).all()
        for entry, plan, organisation in rows:
            area = session.get(ServiceArea, entry.service_area_id) if entry.service_area_id else None
            costs = session.exec(select(CostItem).where(CostItem.entry_id == entry.id).order_by(CostItem.kind)).all()
            needs = session.exec(select(ResourceNeed).where(ResourceNeed.entry_id == entry.id)
                                 .order_by(ResourceNeed.party)).all()
            content[(organisation.name, plan.title, entry.code)] = {
                "organisation": organisation.name, "plan": plan.title, "period": plan.period, "code": entry.code,
                "title": entry.title, "service_area": area.name if area else None, "description": entry.description,
                "schedule_text": entry.schedule_text, "start_month": entry.start_month, "end_month": entry.end_month,
                "probability_class": entry.probability_class, "probability_text": entry.probability_text,
                "probability_driver": entry.probability_driver, "responsible_text": entry.responsible_text,
                "responsible_class": entry.responsible_class,
                "costs": [
                    (item.kind, _number(item.min_amount), _number(item.max_amount), item.currency, item.vat_note,
                     item.basis, item.source_text)
                    for item in costs
                ],
                "needs": [
                    (need.party, _number(need.amount_min), _number(need.amount_max), need.unit, need.per,
                     need.source_text)
                    for need in needs
                ],
            }
    return content


def _number(value: Decimal | None) -> Decimal | None:
    # PostgreSQL returns Decimal('0.50') for 0.5 in a NUMERIC(10, 2); compare the values, not the scale.
    return None if value is None else value.normalize()


def reset_store(engine) -> None:  # noqa: ANN001
    """Store B: the same engine, every plan gone."""
    with Session(engine) as session:
        keys = list(session.exec(select(Plan.key)).all())
    if keys:
        delete_plans(engine, keys)


def import_template(engine, name: str, data: bytes) -> None:  # noqa: ANN001
    plans = load_sheet(name, data)  # no profile: a template maps itself
    import_plans(engine, plans)


def projects_sheet(engine, language: str) -> pd.DataFrame:  # noqa: ANN001
    """The export's projects sheet: the template's columns first, then the stored fields the template leaves out."""
    with Session(engine) as session:
        sheet = export.portfolio_sheets(session, PortfolioFilter(), language)["Projects" if language == "en" else "Hankkeet"]
    template = export.template_headers(language)
    assert list(sheet.columns)[: len(template)] == template
    return sheet


def export_template(engine, language: str) -> bytes:  # noqa: ANN001
    """The projects sheet on its own, as a user who keeps only that sheet would save it."""
    return to_xlsx_bytes({"Hankkeet": projects_sheet(engine, language)})


# --- a filled template imports without a mapping step -----------------------------------------------------


@pytest.mark.parametrize("language", ["fi", "en"])
def test_filled_template_imports_without_mapping(engine, language):
    import_template(engine, "pohja.xlsx", template_bytes(language))
    stored = snapshot(engine)
    assert len(stored) == 4

    first = stored[("Kauniainen", "Digitalisaatio-ohjelma", "K-1")]
    assert first["period"] == "2026–2028"
    assert first["service_area"] == "Sivistys"
    assert first["description"] == "Oppilashallinnon uusiminen"
    assert (first["start_month"].isoformat(), first["end_month"].isoformat()) == ("2026-03-01", "2027-12-01")
    assert first["schedule_text"] == "Kevät 2026 – 2027"
    assert (first["probability_class"], first["probability_text"], first["probability_driver"]) == (
        "certain", "Rahoitus päätetty", "valtionavustus")
    assert (first["responsible_text"], first["responsible_class"]) == ("Tietohallinto", "it")
    headers = dict(zip(SHEET_FIELDS, export.template_headers(language)))
    assert first["costs"] == [
        ("annual", Decimal(10_000), Decimal(20_000), "EUR", None, "sheet",
         f"{headers['cost_annual_min']}: 10000; {headers['cost_annual_max']}: 20000"),
        ("one_off", Decimal(100_000), Decimal(250_000), "EUR", None, "sheet",
         f"{headers['cost_one_off_min']}: 100000; {headers['cost_one_off_max']}: 250000"),
    ]
    assert first["needs"] == [
        ("it", Decimal(1), Decimal(2), "person_days", "prosessi", f"{headers['resources_it']}: 1–2 htp / prosessi"),
        ("purchased_services", Decimal("0.5"), Decimal("0.5"), "person_years", None,
         f"{headers['resources_purchased_services']}: 0,5 htv"),
        ("service_area", None, None, None, None, f"{headers['resources_service_area']}: x"),
    ]

    second = stored[("Kauniainen", "Digitalisaatio-ohjelma", "K-2")]
    assert second["probability_class"] == "uncertain"
    assert second["start_month"].isoformat() == "2027-01-01"
    assert second["end_month"] is None
    assert second["costs"][0][:3] == ("one_off", None, Decimal(50_000))  # unknown minimum is NULL, not 0
    assert second["needs"] == [("other", Decimal(2), Decimal(2), "persons", None, f"{headers['resources_other']}: 2 henkilöä")]

    bridge = stored[("Greater London", "Capital Programme", "GL-7")]
    assert bridge["probability_class"] == "unknown"
    assert bridge["responsible_class"] == "external"
    assert bridge["costs"][0][:4] == ("one_off", Decimal("1500000.5"), Decimal(2_000_000), "GBP")

    bare = stored[("Greater London", "Capital Programme", "GL-8")]
    assert bare["costs"] == [] and bare["needs"] == []
    for name in ("service_area", "schedule_text", "start_month", "end_month", "probability_text",
                 "probability_driver", "responsible_text", "responsible_class"):
        assert bare[name] is None, name
    assert bare["probability_class"] == "unknown"


# --- export -> template -> fresh store: the same content ---------------------------------------------------


@pytest.mark.parametrize("language", ["fi", "en"])
def test_exported_template_imports_back_to_the_same_content(engine, language):
    import_template(engine, "pohja.xlsx", template_bytes(language))
    store_a = snapshot(engine)
    exported = export_template(engine, language)

    reset_store(engine)  # store B: the same engine, an empty schema
    assert snapshot(engine) == {}
    import_template(engine, "salkku.xlsx", exported)
    store_b = snapshot(engine)

    assert store_b.keys() == store_a.keys()
    for key in store_a:
        assert store_b[key] == store_a[key], key

    # Unknown stays unknown: no figure became 0 and no empty cell became a value.
    bare = store_b[("Greater London", "Capital Programme", "GL-8")]
    assert bare["costs"] == [] and bare["needs"] == []
    assert bare["probability_text"] is None and bare["start_month"] is None
    assert store_b[("Kauniainen", "Digitalisaatio-ohjelma", "K-2")]["costs"][0][1] is None


def test_round_trip_twice_is_stable(engine):
    """Exporting store B gives the same sheet as exporting store A."""
    import_template(engine, "pohja.xlsx", template_bytes("fi"))
    template = export.template_headers("fi")
    first = projects_sheet(engine, "fi")
    reset_store(engine)
    import_template(engine, "salkku.xlsx", to_xlsx_bytes({"Hankkeet": first}))
    second = projects_sheet(engine, "fi")
    # The template's columns; the extra ones name where each row stood, which a new file changes.
    pd.testing.assert_frame_equal(second[template], first[template])


def test_exported_template_writes_unknowns_as_empty_cells(engine):
    import_template(engine, "pohja.xlsx", template_bytes("fi"))
    sheet = projects_sheet(engine, "fi")[export.template_headers("fi")]
    bare = sheet[sheet["Koodi"] == "GL-8"].iloc[0]
    filled = {name: value for name, value in bare.items() if value is not None}
    assert filled == {"Organisaatio": "Greater London", "Suunnitelma": "Capital Programme", "Kausi": "2025",
                      "Koodi": "GL-8", "Hanke": "Tunnel survey"}
    partial = sheet[sheet["Koodi"] == "K-2"].iloc[0]
    assert partial["Kertakustannus min"] is None and partial["Kertakustannus max"] == 50_000
    assert partial["Resurssit: muu"] == "2 henkilöä"


# --- a formula-looking title ------------------------------------------------------------------------------


def test_formula_title_is_neutralised_in_the_exported_workbook(engine):
    """The export never writes a live formula: the cell holds the text with a leading quote."""
    import_template(engine, "pohja.xlsx", template_bytes("fi"))
    sheet = load_workbook(io.BytesIO(export_template(engine, "fi")))["Hankkeet"]
    titles = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert all(not str(title).startswith("=") for title in titles)
    assert any(str(title).endswith(FORMULA_TITLE) for title in titles)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_formula_title_survives_the_round_trip_as_the_same_text(engine):
    """Whatever the store holds for it, store A and store B hold the same text."""
    import_template(engine, "pohja.xlsx", template_bytes("fi"))
    title_a = snapshot(engine)[("Kauniainen", "Digitalisaatio-ohjelma", "K-1")]["title"]
    exported = export_template(engine, "fi")
    reset_store(engine)
    import_template(engine, "salkku.xlsx", exported)
    assert snapshot(engine)[("Kauniainen", "Digitalisaatio-ohjelma", "K-1")]["title"] == title_a


def test_formula_title_is_stored_without_the_neutralising_quote(engine):
    import_template(engine, "pohja.xlsx", template_bytes("fi"))
    assert snapshot(engine)[("Kauniainen", "Digitalisaatio-ohjelma", "K-1")]["title"] == FORMULA_TITLE
    exported = export_template(engine, "fi")
    reset_store(engine)
    import_template(engine, "salkku.xlsx", exported)
    assert snapshot(engine)[("Kauniainen", "Digitalisaatio-ohjelma", "K-1")]["title"] == FORMULA_TITLE
