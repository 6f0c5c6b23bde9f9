"""Column mappings: suggestions from headers, profile JSON, and a mapped table turned into plans with notes."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from loaders.sheets.fields import SHEET_FIELDS
from loaders.sheets.mapping import MappingProfile, apply_profile, is_template, suggest_columns, template_profile
from loaders.sheets.reader import Table, read_sheet
from tests.conftest import PROJECT_ROOT

PROFILES = sorted((PROJECT_ROOT / "sample_data" / "profiles").glob("*.json"))

GMPP_2021_HEADERS = (
    "year;project_number;project_name;department;report_category;description_aims;colour_rating;rating_comment;"
    "start_date;end_date;schedule_comment;total_baseline;yearly_forecast;variance_comment;wlc_baseline_incl_NCG;"
    "budget_comment"
).split(";")
FINNISH_HEADERS = ["Hanke", "Alku", "Loppu", "Palveluala", "Kustannukset", "Vastuutaho"]
TEMPLATE_FINNISH = [finnish for finnish, _, _ in SHEET_FIELDS.values()]
TEMPLATE_ENGLISH = [english for _, english, _ in SHEET_FIELDS.values()]
GMPP_RAG = {"Green": "certain", "Amber/Green": "likely", "Amber": "uncertain", "Amber/Red": "unlikely", "Red": "unlikely"}


def _table(headers: list[str], *rows: list[object], source: str = "salkku.xlsx", sheet: str = "Hankkeet") -> Table:
    """A sheet as read_sheet gives it: header in row 1, records from row 2 on."""
    return Table(source, sheet, list(headers), [list(row) for row in rows], list(range(2, 2 + len(rows))), False, 1)


def _only_project(plans):
    assert len(plans) == 1 and len(plans[0].projects) == 1
    return plans[0].projects[0]


# --- suggesting columns ---------------------------------------------------------------------------------

SUGGESTIONS = [
    pytest.param(GMPP_2021_HEADERS, {"title": "project_name", "start": "start_date", "end": "end_date",
                                     "code": "project_number", "service_area": "department",
                                     "probability": "colour_rating"}, id="gmpp-2021 snake_case headers"),
    pytest.param(FINNISH_HEADERS, {"title": "Hanke", "start": "Alku", "end": "Loppu", "service_area": "Palveluala",
                                   "responsible": "Vastuutaho"}, id="finnish plain headers"),
    pytest.param(TEMPLATE_FINNISH, {name: finnish for name, (finnish, _, _) in SHEET_FIELDS.items()},
                 id="template Finnish headers"),
    pytest.param(TEMPLATE_ENGLISH, {name: english for name, (_, english, _) in SHEET_FIELDS.items()},
                 id="template English headers"),
]


@pytest.mark.parametrize(("headers", "expected"), SUGGESTIONS)
def test_suggested_columns_map_headers_to_the_fields_they_name(headers, expected):
    suggested = suggest_columns(headers)
    assert {name: suggested.get(name) for name in expected} == {name: [header] for name, header in expected.items()}


@pytest.mark.parametrize(("headers", "expected"), SUGGESTIONS)
def test_each_header_is_suggested_for_one_field_at_most(headers, expected):
    used = [header for chosen in suggest_columns(headers).values() for header in chosen]
    assert len(used) == len(set(used))
    assert set(used) <= set(headers)


def test_a_finnish_costs_header_is_suggested_as_a_cost_column():
    suggested = suggest_columns(FINNISH_HEADERS)
    assert ["Kustannukset"] in [suggested.get(f"cost_{kind}_{bound}") for kind in ("one_off", "annual")
                                for bound in ("min", "max")]


def test_the_gmpp_whole_life_cost_is_suggested_as_the_one_off_cost():
    assert suggest_columns(GMPP_2021_HEADERS).get("cost_one_off_max") == ["wlc_baseline_incl_NCG"]


def test_no_headers_suggest_nothing():
    assert suggest_columns([]) == {}


# --- profiles as JSON -----------------------------------------------------------------------------------

ROUND_TRIPS = [
    pytest.param(MappingProfile(name="tyhjä"), id="only a name"),
    pytest.param(MappingProfile(
        name="Kunta X", columns={"title": ["Hanke"], "probability": ["colour_rating", "colour_rating (2)"]},
        organisation="Muutala", period="2027", period_from_file_name=r"(\d{4})", split_plans_by="Agency Name",
        values={"probability": GMPP_RAG}, ranges={"probability": [[None, -30, "unlikely"], [30, None, "unlikely"]]},
        multipliers={"cost_one_off_max": 1_000_000}, currency="GBP", date_formats=["%d.%m.%y"], day_first=False,
        read={"delimiter": ";", "transposed": True}, description="Ääkköset ja £",
    ), id="every option with Finnish letters"),
    *[pytest.param(MappingProfile.load(path), id=f"shipped {path.stem}") for path in PROFILES],
]


@pytest.mark.parametrize("profile", ROUND_TRIPS)
def test_a_profile_reads_back_from_its_json_unchanged(profile):
    text = profile.to_json()
    assert json.loads(text)["format"] == "salkku-mapping-1"
    assert MappingProfile.from_json(text) == profile


def test_a_profile_saved_to_a_file_loads_back(tmp_path):
    profile = ROUND_TRIPS[1].values[0]
    profile.save(tmp_path / "kunta.json")
    assert MappingProfile.load(tmp_path / "kunta.json") == profile


def test_a_single_header_may_be_written_as_a_string():
    profile = MappingProfile.from_json('{"name": "x", "columns": {"title": "Hanke"}}')
    assert profile.columns == {"title": ["Hanke"]}


@pytest.mark.parametrize(("text", "message"), [
    pytest.param('{"name": "x", "colums": {}}', "unknown keys in mapping profile: colums", id="misspelt key"),
    pytest.param('{"name": "x", "columns": {"titel": ["Hanke"]}}', "unknown fields in mapping profile: titel",
                 id="unknown field"),
    pytest.param('[{"name": "x"}]', "JSON object", id="a list, not an object"),
    pytest.param('{"columns": {"title": ["Hanke"]}}', "needs a name", id="no name"),
    pytest.param('{"name": "x", "columns": ["Hanke"]}', "'columns'", id="columns as a list"),
    pytest.param('{"name": "x", "columns": {"title": 3}}', "'columns'", id="a header that is a number"),
    pytest.param('{"name": "x", "read": {"sheets": "Hankkeet"}}', "'read' takes only", id="unknown read option"),
    pytest.param('{"name": "x", "columns": {', "Expecting", id="truncated JSON"),
])
def test_a_broken_profile_is_refused_with_a_value_error(text, message):
    with pytest.raises(ValueError, match=message):
        MappingProfile.from_json(text)


@pytest.mark.parametrize("path", [pytest.param(path, id=path.stem) for path in PROFILES])
def test_every_shipped_profile_loads_and_maps_a_title(path):
    profile = MappingProfile.load(path)
    assert profile.name and profile.columns["title"]
    assert set(profile.columns) <= set(SHEET_FIELDS)


def test_there_are_shipped_profiles():
    assert {path.stem for path in PROFILES} >= {"gmpp_2020_2023", "gmpp_transposed_2014_2017", "itdashboard_projects"}


# --- applying a profile: values -------------------------------------------------------------------------

GMPP = MappingProfile(
    name="gmpp",
    columns={"code": ["project_number"], "title": ["project_name"], "probability": ["colour_rating", "colour_rating (2)"],
             "start": ["start_date"], "end": ["end_date"], "cost_one_off_max": ["wlc_baseline_incl_NCG"],
             "cost_annual_max": ["total_baseline"]},
    values={"probability": GMPP_RAG},
    multipliers={"cost_one_off_max": 1_000_000, "cost_annual_max": 1_000_000},
    currency="GBP",
)
GMPP_HEADERS = ["project_number", "project_name", "colour_rating", "colour_rating (2)", "start_date", "end_date",
                "total_baseline", "wlc_baseline_incl_NCG"]


def _gmpp_row(**cells: object) -> list[object]:
    row = {"project_number": "MOD_0106", "project_name": "Maritime Patrol Aircraft", "colour_rating": "Amber/red",
           "colour_rating (2)": None, "start_date": "2014-07-08", "end_date": "2024-04-01", "total_baseline": 15.297,
           "wlc_baseline_incl_NCG": "£654.46"}
    row.update(cells)
    return [row[header] for header in GMPP_HEADERS]


def test_a_gmpp_row_reads_into_one_project_with_costs_in_millions():
    project = _only_project(apply_profile(_table(GMPP_HEADERS, _gmpp_row()), GMPP))
    assert (project.code, project.title) == ("MOD_0106", "Maritime Patrol Aircraft")
    assert (project.schedule.start, project.schedule.end) == ("2014-07", "2024-04")
    assert project.probability.probability_class == "unlikely"
    one_off, annual = project.costs.items
    assert (one_off.kind, one_off.min_amount, one_off.max_amount) == ("one_off", Decimal("654460000"), Decimal("654460000"))
    assert (annual.kind, annual.min_amount, annual.max_amount) == ("annual", Decimal("15297000"), Decimal("15297000"))
    assert project.notes == []


@pytest.mark.parametrize(("profile_currency", "cell", "expected"), [
    pytest.param("GBP", None, "GBP", id="gmpp profile currency GBP"),
    pytest.param("USD", None, "USD", id="itdashboard profile currency USD"),
    pytest.param("EUR", "SEK", "SEK", id="a currency column wins over the profile"),
    pytest.param("EUR", "usd", "USD", id="a lower-case currency column"),
])
def test_the_currency_is_stored_on_each_item_and_the_amount_is_never_converted(profile_currency, cell, expected):
    profile = MappingProfile(name="c", columns={"title": ["Hanke"], "cost_one_off_max": ["Kustannus"],
                                                "currency": ["Valuutta"]}, currency=profile_currency)
    table = _table(["Hanke", "Kustannus", "Valuutta"], ["Verkko", "1 234,50", cell])
    (item,) = _only_project(apply_profile(table, profile)).costs.items
    assert item.currency == expected
    assert item.max_amount == Decimal("1234.50")


UNREADABLE = [
    # (header, cell, note field, check that nothing became a value)
    pytest.param("end_date", "Exempt under Section 24", "schedule", lambda p: p.schedule.end is None,
                 id="gmpp-2021 exemption in a date column"),
    pytest.param("start_date", "#N/A", "schedule", lambda p: p.schedule.start is None, id="excel #N/A in a date column"),
    pytest.param("start_date", "31.02.2024", "schedule", lambda p: p.schedule.start is None,
                 id="an impossible date"),
    pytest.param("wlc_baseline_incl_NCG", "Exempt under Section 43", "costs",
                 lambda p: [i for i in p.costs.items if i.kind == "one_off"] == [], id="gmpp-2021 exemption in a cost column"),
    pytest.param("total_baseline", "ei tiedossa", "costs",
                 lambda p: [i for i in p.costs.items if i.kind == "annual"] == [], id="finnish words in a cost column"),
    pytest.param("colour_rating", "Purple", "probability", lambda p: p.probability.probability_class == "unknown",
                 id="an unknown rating"),
]


@pytest.mark.parametrize(("header", "cell", "field", "nothing_read"), UNREADABLE)
def test_an_unreadable_cell_gives_one_note_naming_sheet_row_and_column_and_nothing_becomes_zero(
    header, cell, field, nothing_read
):
    table = _table(GMPP_HEADERS, _gmpp_row(), _gmpp_row(**{header: cell}))
    plans = apply_profile(table, GMPP)
    clean, project = plans[0].projects
    assert clean.notes == []
    (note,) = project.notes
    column = "ABCDEFGH"[GMPP_HEADERS.index(header)]
    assert note.message.startswith(f"{table.place(1, header)}: ")
    assert f"sheet Hankkeet, row 3, column {column} ({header})" in note.message
    assert cell in note.message
    assert note.field == field and note.excerpt == cell
    assert nothing_read(project)
    amounts = [amount for item in project.costs.items for amount in (item.min_amount, item.max_amount)]
    assert Decimal(0) not in amounts


@pytest.mark.parametrize("header", [pytest.param(header, id=f"empty {header}") for header in GMPP_HEADERS[2:]])
@pytest.mark.parametrize("empty", [pytest.param(None, id="no cell"), pytest.param("", id="empty text"),
                                   pytest.param("-", id="a dash")])
def test_an_empty_cell_gives_no_note_and_no_value(header, empty):
    project = _only_project(apply_profile(_table(GMPP_HEADERS, _gmpp_row(**{header: empty})), GMPP))
    assert project.notes == []
    read = {
        "colour_rating": project.probability.probability_class == "unknown",
        "colour_rating (2)": project.probability.probability_class == "unlikely",  # the first column still reads
        "start_date": project.schedule.start is None,
        "end_date": project.schedule.end is None,
        "total_baseline": [item.kind for item in project.costs.items] == ["one_off"],
        "wlc_baseline_incl_NCG": [item.kind for item in project.costs.items] == ["annual"],
    }
    assert read[header]


@pytest.mark.parametrize(("first", "second", "klass"), [
    pytest.param(None, "Green", "certain", id="gmpp-2022 IPA empty, SRO Green"),
    pytest.param("Amber", "Green", "uncertain", id="gmpp-2022 both filled, the first wins"),
    pytest.param("Red", None, "unlikely", id="only the first filled"),
    pytest.param(None, None, "unknown", id="neither filled"),
])
def test_the_first_non_empty_of_several_mapped_columns_wins(first, second, klass):
    row = _gmpp_row(colour_rating=first, **{"colour_rating (2)": second})
    project = _only_project(apply_profile(_table(GMPP_HEADERS, row), GMPP))
    assert project.probability.probability_class == klass
    assert project.notes == []


def test_a_note_names_the_column_the_value_came_from_when_several_are_mapped():
    table = _table(GMPP_HEADERS, _gmpp_row(colour_rating=None, **{"colour_rating (2)": "Purple"}))
    (note,) = _only_project(apply_profile(table, GMPP)).notes
    assert note.message.startswith(table.place(0, "colour_rating (2)"))


@pytest.mark.parametrize(("kind", "bound"), [
    pytest.param("one_off", "max", id="one-off max only"),
    pytest.param("one_off", "min", id="one-off min only"),
    pytest.param("annual", "max", id="annual max only"),
])
def test_a_single_cost_figure_is_both_ends_of_the_range(kind, bound):
    profile = MappingProfile(name="s", columns={"title": ["Hanke"], f"cost_{kind}_{bound}": ["Kustannus"]})
    (item,) = _only_project(apply_profile(_table(["Hanke", "Kustannus"], ["Verkko", "10 000 €"]), profile)).costs.items
    assert (item.kind, item.min_amount, item.max_amount) == (kind, Decimal(10000), Decimal(10000))


def test_a_cost_range_in_two_columns_keeps_both_ends():
    profile = MappingProfile(name="r", columns={"title": ["Hanke"], "cost_one_off_min": ["Min"],
                                                "cost_one_off_max": ["Max"]})
    (item,) = _only_project(apply_profile(_table(["Hanke", "Min", "Max"], ["Verkko", 10, 20]), profile)).costs.items
    assert (item.min_amount, item.max_amount) == (Decimal(10), Decimal(20))


# --- applying a profile: plans --------------------------------------------------------------------------

ITDASHBOARD = MappingProfile(
    name="itdashboard", columns={"code": ["Project ID"], "title": ["Project Name"], "cost_one_off_max": ["Lifecycle Cost"]},
    split_plans_by="Agency Name", plan_title="IT Dashboard", multipliers={"cost_one_off_max": 1_000_000}, currency="USD",
)
AGENCIES = _table(["Agency Name", "Project ID", "Project Name", "Lifecycle Cost"],
                  ["Department of Energy", "1", "Grid", "7.9"], ["Department of Defense", "2", "Radar", 2],
                  ["Department of Energy", "3", "Payroll", None], source="projects.csv", sheet="")


def test_split_plans_by_gives_one_plan_per_value_with_its_own_source_name_and_checksum():
    plans = apply_profile(AGENCIES, ITDASHBOARD, data=b"the file's bytes")
    assert [plan.title for plan in plans] == ["IT Dashboard: Department of Energy", "IT Dashboard: Department of Defense"]
    assert [[project.title for project in plan.projects] for plan in plans] == [["Grid", "Payroll"], ["Radar"]]
    assert len({plan.source_name for plan in plans}) == 2 and len({plan.checksum for plan in plans}) == 2
    assert all(plan.source_name.startswith("projects.csv#") for plan in plans)


def test_split_plans_keep_their_checksums_when_the_same_bytes_are_read_again():
    first = apply_profile(AGENCIES, ITDASHBOARD, data=b"the file's bytes")
    again = apply_profile(AGENCIES, ITDASHBOARD, data=b"the file's bytes")
    assert [plan.checksum for plan in first] == [plan.checksum for plan in again]


@pytest.mark.parametrize(("source", "period", "start_year"), [
    pytest.param("uk_2021.csv", "2021", 2021, id="gmpp uk_2021.csv"),
    pytest.param("salkku 2025-2027.xlsx", "2025", 2025, id="the first match of the expression"),
    pytest.param("salkku.xlsx", None, None, id="no year in the name"),
])
def test_the_period_can_come_from_the_file_name(source, period, start_year):
    profile = MappingProfile(name="p", columns={"title": ["Hanke"]}, period_from_file_name=r"(\d{4})")
    (plan,) = apply_profile(_table(["Hanke"], ["Verkko"], source=source), profile)
    assert (plan.period, plan.period_start_year) == (period, start_year)


def test_the_organisation_and_period_given_by_the_user_win_over_profile_file_name_and_columns():
    profile = MappingProfile(name="o", columns={"title": ["Hanke"], "organisation": ["Kunta"], "period": ["Vuosi"]},
                             organisation="Profiilikunta", period_from_file_name=r"(\d{4})")
    table = _table(["Hanke", "Kunta", "Vuosi"], ["Verkko", "Sarakekunta", "2030"], source="salkku_2026.xlsx")
    (given,) = apply_profile(table, profile, organisation="Muutala", period="2027–2028")
    assert (given.organisation, given.period, given.period_start_year, given.period_end_year) == (
        "Muutala", "2027–2028", 2027, 2028)
    (read,) = apply_profile(table, profile)
    assert (read.organisation, read.period) == ("Sarakekunta", "2026")


@pytest.mark.parametrize("headers", [
    pytest.param(["Koodi", "Hanke", "Palveluala", "Alku", "Loppu", "Todennäköisyysluokka", "Kertakustannus max",
                  "Valuutta", "Resurssit: tietohallinto"], id="template Finnish"),
    pytest.param(["Code", "Title", "Service area", "Start", "End", "Probability class", "One-off cost max", "Currency",
                  "Resources: IT"], id="template English"),
])
def test_a_template_headed_sheet_maps_itself(headers):
    assert is_template(headers)
    table = _table(headers, ["2.1", "Verkon uusiminen", "Sivistys", "1.3.2026", "Q4/2026", "Varma", "10 000 €", "EUR",
                             "1–2 htp / prosessi"])
    project = _only_project(apply_profile(table, template_profile(headers)))
    assert (project.code, project.title, project.service_area) == ("2.1", "Verkon uusiminen", "Sivistys")
    assert (project.schedule.start, project.schedule.end) == ("2026-03", "2026-12")
    assert project.probability.probability_class == "certain"
    assert [(item.max_amount, item.currency) for item in project.costs.items] == [(Decimal(10000), "EUR")]
    (need,) = project.resources.needs
    assert (need.party, need.amount_min, need.amount_max, need.unit, need.per) == (
        "it", Decimal(1), Decimal(2), "person_days", "prosessi")
    assert project.notes == []


@pytest.mark.parametrize("headers", [
    pytest.param(GMPP_2021_HEADERS, id="gmpp-2021"),
    pytest.param(["Hanke", "Alku", "Loppu"], id="finnish without a code column"),
])
def test_a_sheet_without_the_template_headers_is_not_a_template(headers):
    assert not is_template(headers)


def test_a_template_csv_needs_no_profile():
    from loaders import load_sheet

    data = "Koodi;Hanke;Alku\n1;Verkko;2027\n".encode()
    (plan,) = load_sheet("salkku.csv", data)
    assert [(p.code, p.title, p.schedule.start) for p in plan.projects] == [("1", "Verkko", "2027-01")]


def test_a_transposed_csv_read_by_read_sheet_maps_like_a_plain_one():
    data = ("Project name,Radar,Grid\nDepartment,MOD,BEIS\nStart Date,31/05/2010,01/04/2012\n"
            "Total cost (£m),12.5,3\n").encode()
    table = read_sheet("uk_2014.csv", data, transposed=True)
    profile = MappingProfile(name="t", columns={"title": ["Project name"], "service_area": ["Department"],
                                                "start": ["Start Date"], "cost_one_off_max": ["Total cost (£m)"]},
                             multipliers={"cost_one_off_max": 1_000_000}, currency="GBP")
    (plan,) = apply_profile(table, profile)
    assert [(p.title, p.service_area, p.schedule.start, p.costs.items[0].max_amount) for p in plan.projects] == [
        ("Radar", "MOD", "2010-05", Decimal("12500000")), ("Grid", "BEIS", "2012-04", Decimal("3000000"))]


@pytest.mark.parametrize("columns", [
    pytest.param({"title": ["Project Name"]}, id="the title column is not in the sheet"),
    pytest.param({"code": ["Hanke"]}, id="no title column mapped"),
    pytest.param({"title": []}, id="an empty title list"),
])
def test_a_mapping_that_names_no_existing_title_column_is_refused(columns):
    with pytest.raises(ValueError, match="no title column"):
        apply_profile(_table(["Hanke", "Alku"], ["Verkko", "2027"]), MappingProfile(name="t", columns=columns))


def test_an_empty_title_is_a_note_not_a_lost_row():
    profile = MappingProfile(name="t", columns={"title": ["Hanke"], "start": ["Alku"]})
    table = _table(["Hanke", "Alku"], [None, "2027"])
    project = _only_project(apply_profile(table, profile))
    assert project.title == f"({table.place(0, 'Hanke')})"
    assert [note.code for note in project.notes] == ["sheet.no_title"]

