"""The command line for sheets: `parse-sheet FILE --json` and `import FILE... --mapping P` into a store."""
from __future__ import annotations

import json

import pytest
from sqlmodel import Session, func, select

from data_model.db import make_engine
from data_model.tables import CONTENT_TABLES, ImportRun
from loaders.__main__ import main
from loaders.sheets.mapping import MappingProfile
from tests.conftest import PROJECT_ROOT

EXAMPLE = PROJECT_ROOT / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md"
REQUIRED_KEYS = [
    "code", "title", "service_area", "start", "end", "cost_one_off_min", "cost_one_off_max",
    "cost_annual_min", "cost_annual_max", "probability", "responsible",
]
TEMPLATE_CSV = (
    "Koodi;Hanke;Palveluala;Alku;Loppu;Todennäköisyysluokka;Aikatauluvastuu;Kertakustannus min;Kertakustannus max;"
    "Vuosikustannus max;Valuutta\n"
    "2.1;Verkon uusiminen;Sivistys;1.3.2026;Q4/2026;Varma;Tietohallinto;10 000;20 000;5 000 €;EUR\n"
    "2.2;Kirjaston järjestelmä;Kulttuuri;2027;;Epävarmaa;Palveluala;;;;\n"
)
GMPP_CSV = (
    "year;project_number;project_name;department;colour_rating;colour_rating;start_date;end_date;"
    "total_baseline;wlc_baseline_incl_NCG\n"
    "2021;MOD_0106;Maritime Patrol Aircraft;MOD;Amber/red;;2014-07-08;2024-04-01;15.297;£654.46\n"
    "2021;CO_0024;Pensions Remedy;CO;;Green;01.11.18;Exempt under Section 24;;£12,743.00\n"
    "2021;DFT_0001;Rail Signalling;DfT;Purple;;Q3/2024;2027;2;3\n"
)
GMPP_PROFILE = MappingProfile(
    name="GMPP test", organisation="UK Government", plan_title="GMPP", period_from_file_name=r"(\d{4})",
    columns={"code": ["project_number"], "title": ["project_name"], "service_area": ["department"],
             "probability": ["colour_rating", "colour_rating (2)"], "start": ["start_date"], "end": ["end_date"],
             "cost_annual_max": ["total_baseline"], "cost_one_off_max": ["wlc_baseline_incl_NCG"]},
    values={"probability": {"Green": "certain", "Amber/Green": "likely", "Amber": "uncertain", "Amber/Red": "unlikely",
                            "Red": "unlikely"}},
    multipliers={"cost_annual_max": 1_000_000, "cost_one_off_max": 1_000_000}, currency="GBP",
)


@pytest.fixture
def template_csv(tmp_path):
    path = tmp_path / "salkku_2026.csv"
    path.write_text(TEMPLATE_CSV, encoding="utf-8")
    return path


@pytest.fixture
def gmpp(tmp_path):
    """A GMPP-like sheet in cp1252 (as the real 2021 export) and its profile file."""
    sheet = tmp_path / "uk_2021.csv"
    sheet.write_bytes(GMPP_CSV.encode("cp1252"))
    profile = tmp_path / "gmpp.json"
    GMPP_PROFILE.save(profile)
    return sheet, profile


def _counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with Session(engine) as session:
        counts = {table.__name__: session.exec(select(func.count()).select_from(table)).one() for table in CONTENT_TABLES}
    engine.dispose()
    return counts


def _content(url: str) -> dict[str, list[str]]:
    engine = make_engine(url)
    with Session(engine) as session:
        snapshot = {table.__name__: sorted(map(repr, session.exec(select(table)).all())) for table in CONTENT_TABLES}
    engine.dispose()
    return snapshot


def _last_run(url: str) -> ImportRun:
    engine = make_engine(url)
    with Session(engine) as session:
        run = session.exec(select(ImportRun).order_by(ImportRun.id.desc())).first()
    engine.dispose()
    return run


# --- parse-sheet ----------------------------------------------------------------------------------------


def test_parse_sheet_json_prints_the_keys_of_parse_in_the_same_order_plus_the_currency(template_csv, capsys):
    assert main(["parse", str(EXAMPLE), "--json"]) == 0
    document_keys = list(json.loads(capsys.readouterr().out)[0])
    assert main(["parse-sheet", str(template_csv), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 2
    assert all(list(row) == [*document_keys, "currency"] for row in rows)
    assert document_keys[: len(REQUIRED_KEYS)] == REQUIRED_KEYS


def test_parse_sheet_json_reads_a_filled_template_without_a_mapping(template_csv, capsys):
    assert main(["parse-sheet", str(template_csv), "--json"]) == 0
    network, library = json.loads(capsys.readouterr().out)
    assert {key: network[key] for key in [*REQUIRED_KEYS, "currency"]} == {
        "code": "2.1", "title": "Verkon uusiminen", "service_area": "Sivistys", "start": "2026-03", "end": "2026-12",
        "cost_one_off_min": 10000, "cost_one_off_max": 20000, "cost_annual_min": 5000, "cost_annual_max": 5000,
        "probability": "certain", "responsible": "Tietohallinto", "currency": "EUR",
    }
    # Unknown stays null: no cost figure is no cost, not a zero.
    assert (library["start"], library["end"], library["probability"]) == ("2027-01", None, "uncertain")
    assert library["cost_one_off_min"] is None and library["cost_annual_max"] is None and library["currency"] is None


def test_parse_sheet_with_a_mapping_file_reads_costs_in_millions_and_notes_what_it_cannot_read(gmpp, capsys):
    sheet, profile = gmpp
    assert main(["parse-sheet", str(sheet), "--mapping", str(profile), "--json"]) == 0
    aircraft, pensions, rail = json.loads(capsys.readouterr().out)
    assert (aircraft["code"], aircraft["service_area"], aircraft["probability"]) == ("MOD_0106", "MOD", "unlikely")
    assert (aircraft["cost_one_off_max"], aircraft["cost_annual_max"], aircraft["currency"]) == (
        654_460_000, 15_297_000, "GBP")
    assert (aircraft["start"], aircraft["end"], aircraft["plan_period"]) == ("2014-07", "2024-04", "2021")
    assert pensions["probability"] == "certain" and pensions["end"] is None
    assert [note["excerpt"] for note in pensions["notes"]] == ["Exempt under Section 24"]
    assert "row 3, column H (end_date)" in pensions["notes"][0]["message"]
    assert rail["probability"] == "unknown" and [note["excerpt"] for note in rail["notes"]] == ["Purple"]
    assert (rail["start"], rail["end"]) == ("2024-07", "2027-12")


def test_parse_sheet_without_json_prints_a_summary(gmpp, capsys):
    sheet, profile = gmpp
    assert main(["parse-sheet", str(sheet), "--mapping", str(profile)]) == 0
    out = capsys.readouterr().out
    assert "uk_2021.csv: GMPP — UK Government, 2021 [uk-government-toimenpidesuunnitelma-2021]: 3 rows" in out
    assert "3 projects in 1 plans, 2 parse notes" in out


# --- import ---------------------------------------------------------------------------------------------


def test_import_of_a_sheet_with_a_mapping_prints_a_summary(gmpp, tmp_path, capsys):
    sheet, profile = gmpp
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert main(["import", "--mapping", str(profile), str(sheet), "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "uk_2021.csv: uk-government-toimenpidesuunnitelma-2021: UK Government, 3 projects, 2 parse notes" in out
    assert "imported 1 plans, 3 projects, 2 parse notes" in out
    counts = _counts(url)
    assert (counts["Plan"], counts["ProjectEntry"], counts["ParseNoteRow"]) == (1, 3, 2)
    assert counts["CostItem"] == 5  # two costs for each project but the exempt one's annual figure
    assert _last_run(url).outcome == "ok"


def test_import_of_the_same_sheet_twice_replaces_it_and_leaves_the_same_rows(gmpp, tmp_path, capsys):
    sheet, profile = gmpp
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert main(["import", "--mapping", str(profile), str(sheet), "--database-url", url]) == 0
    first = _counts(url)
    capsys.readouterr()
    assert main(["import", "--mapping", str(profile), str(sheet), "--database-url", url]) == 0
    assert "(replaced " in capsys.readouterr().out
    assert _counts(url) == first


def test_import_of_a_template_sheet_and_a_document_together(template_csv, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert main(["import", str(template_csv), str(EXAMPLE), "--organisation", "Muutala", "--database-url", url]) == 0
    assert "imported 2 plans, 7 projects" in capsys.readouterr().out


def _sheet_without_title(tmp_path):
    path = tmp_path / "uk_2022.csv"
    path.write_text("year;project_number;department\n2022;X_1;MOD\n", encoding="utf-8")
    return path, "no title column"


def _garbage_sheet(tmp_path):
    path = tmp_path / "uk_2023.csv"
    path.write_bytes(bytes(range(256)) * 8)
    return path, "binary data"


def _missing_sheet(tmp_path):
    return tmp_path / "uk_2024.csv", "no such file"


def _header_only_sheet(tmp_path):
    path = tmp_path / "uk_2019.csv"
    path.write_text(GMPP_CSV.splitlines()[0] + "\n", encoding="utf-8")
    return path, "no data rows"


@pytest.mark.parametrize("make_bad", [
    pytest.param(_sheet_without_title, id="a sheet without the mapped title column"),
    pytest.param(_garbage_sheet, id="binary garbage named .csv"),
    pytest.param(_missing_sheet, id="a file that does not exist"),
    pytest.param(_header_only_sheet, id="a header without data rows"),
])
def test_import_of_a_good_sheet_with_a_bad_file_fails_and_leaves_the_store_unchanged(gmpp, tmp_path, capsys, make_bad):
    sheet, profile = gmpp
    url = f"sqlite:///{tmp_path / 'store.db'}"
    earlier = tmp_path / "salkku_2026.csv"
    earlier.write_text(TEMPLATE_CSV, encoding="utf-8")
    assert main(["import", str(earlier), "--organisation", "Muutala", "--database-url", url]) == 0
    before = _content(url)
    capsys.readouterr()

    bad, message = make_bad(tmp_path)
    assert main(["import", "--mapping", str(profile), str(sheet), str(bad), "--database-url", url]) == 1
    error = capsys.readouterr().err
    assert error.splitlines()[0].startswith(f"error: {bad.name}") and message in error.splitlines()[0]
    assert "nothing imported" in error
    assert _content(url) == before
    assert _last_run(url).outcome == "failed"
