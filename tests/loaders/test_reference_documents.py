"""Each reference document in ../shared/seeds, read end to end: counts, codes, areas and sampled values."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from loaders import load_document
from tests.conftest import requires_seeds, seed

pytestmark = requires_seeds


@pytest.fixture(scope="module")
def plans():
    return {prefix: load_document(seed(prefix)) for prefix in ("000", "001", "002", "003", "004")}


def _project(plan, code):
    return next(project for project in plan.projects if project.code == code)


def _items(project, kind):
    return [(item.min_amount, item.max_amount) for item in project.costs.items if item.kind == kind]


EXPECTED = {
    # prefix: (projects, organisation, period, service areas in order of first appearance)
    "000": (46, "Naantali", "loppuvuosi 2021 ja vuosi 2022",
            ["Tietohallinto", "Hallintopalvelut", "Sivistyspalvelut", "Sosiaali- ja terveyspalvelut", "Tekniset palvelut"]),
    "001": (20, "Naantali", "syksy 2022, vuosi 2023",
            ["Tietohallinto", "Hallintopalvelut", "Sivistyspalvelut", "Sosiaali- ja terveystoiminta", "Tekniset palvelut"]),
    "003": (22, "Kauniainen", "2021–2023",
            ["Yleiset", "Infrastruktuuri", "Yleishallinto", "Sivistystoimi", "Yhdyskuntatoimi", "Sosiaali- ja terveystoimi"]),
    "004": (23, "Naantali", "syksy 2023, vuosi 2024",
            ["Tietohallinto", "Hallintopalvelut", "Sivistyspalvelut", "Tekniset palvelut"]),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_plan_has_its_projects_organisation_period_and_areas(plans, prefix):
    count, organisation, period, areas = EXPECTED[prefix]
    plan = plans[prefix]
    assert plan.kind == "action_plan"
    assert len(plan.projects) == count
    assert plan.organisation == organisation
    assert plan.period == period
    assert list(dict.fromkeys(project.service_area for project in plan.projects)) == areas


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_no_heading_table_of_contents_or_introduction_is_a_project(plans, prefix):
    codes = [project.code for project in plans[prefix].projects]
    assert len(codes) == len(set(codes)), "a table-of-contents entry was taken for a project"
    assert all("." in code for code in codes), "a top-level heading (introduction, area) was taken for a project"
    titles = " ".join(project.title.lower() for project in plans[prefix].projects)
    assert "sisällöstä" not in titles and "johdanto" not in titles


def test_000_codes_follow_the_document_and_skip_grouping_headings(plans):
    codes = [project.code for project in plans["000"].projects]
    assert codes[:10] == ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8.1", "2.9", "3.1"]
    assert "2.8" not in codes and "3.2" not in codes
    assert codes[-2:] == ["6.1", "6.2"]


def test_000_values_are_read_across_wrapped_lines(plans):
    plan = plans["000"]
    title = _project(plan, "3.2.1").title
    assert title.startswith("Ostolaskujen") and title.endswith("julkaiseminen")
    m365 = _project(plan, "2.1")
    assert (m365.schedule.start, m365.schedule.end) == ("2021-10", "2022-12")
    assert _project(plan, "4.1.4").schedule.start == "2020-01" and _project(plan, "4.1.4").schedule.end == "2023-12"
    # The plan has no probability, responsible or cost fields: unknown, never guessed.
    assert {project.probability.probability_class for project in plan.projects} == {"unknown"}
    assert all(project.costs is None for project in plan.projects)


def test_000_open_and_unreadable_schedules_are_kept_as_text_with_a_note(plans):
    chat = _project(plans["000"], "3.3.3")
    assert chat.schedule.text == "Avoin" and chat.schedule.start is None and chat.schedule.end is None
    assert any(note.field == "schedule" for note in chat.notes)
    reporting = _project(plans["000"], "3.2.2")
    assert reporting.schedule.start == "2021-01" and reporting.schedule.end is None
    assert any(note.field == "schedule" for note in reporting.notes)


def test_000_second_schedule_label_in_one_section_is_joined_and_noted(plans):
    land_use = _project(plans["000"], "6.1")
    assert land_use.schedule.start == "2019-09" and land_use.schedule.end == "2022-12"
    assert any(note.code == "structure.repeated_label" for note in land_use.notes)


def test_001_sampled_values(plans):
    plan = plans["001"]
    assert plan.document_date == "2022-06-06"
    security = _project(plan, "2.1")
    assert (security.schedule.start, security.schedule.end) == ("2022-07", "2023-06")
    assert security.probability.probability_class == "certain"
    assert security.responsible.text == "Tietohallinto" and security.responsible.responsible_class == "it"
    archive = _project(plan, "3.1.1")
    assert _items(archive, "one_off") == [(Decimal(166000), Decimal(166000))]
    assert archive.costs.items[0].vat_note
    assert archive.probability.probability_class == "uncertain"
    assert archive.probability.driver == "external_party"
    assert archive.responsible.responsible_class == "service_area"
    family_houses = _project(plan, "4.1.2")
    assert (family_houses.schedule.start, family_houses.schedule.end) == ("2022-05", "2023-10")
    assert _items(family_houses, "one_off") == [(Decimal(15_000_000), Decimal(15_000_000))]
    continuity = _project(plan, "2.6")
    assert continuity.responsible.text == "Tietohallinto"
    parties = {need.party: need for need in continuity.resources.needs}
    assert parties["service_area"].unit == "person_days" and parties["service_area"].amount_min == 1
    assert parties["it"].amount_min == 2
    assert _project(plan, "5.1.2").probability.probability_class == "unlikely"
    assert _project(plan, "5.2.1").probability.probability_class == "likely"
    network = _project(plan, "2.2")
    assert _items(network, "annual") == [(Decimal(30000), Decimal(30000))]


def test_001_project_missing_fields_is_noted_not_zeroed(plans):
    printer = _project(plans["001"], "6.3")
    assert printer.probability.probability_class == "unknown"
    assert printer.responsible.text is None
    codes = {note.code for note in printer.notes}
    assert {"probability.missing", "responsible.missing", "resources.missing"} <= codes
    unknown_cost = _project(plans["001"], "5.2.2")
    assert unknown_cost.costs.items == ()
    assert "unknown" in unknown_cost.costs.flags


def test_003_kauniainen_items_sit_under_their_area_headings(plans):
    plan = plans["003"]
    areas = Counter(project.service_area for project in plan.projects)
    assert areas == {"Yleiset": 2, "Infrastruktuuri": 7, "Yleishallinto": 3, "Sivistystoimi": 3,
                     "Yhdyskuntatoimi": 5, "Sosiaali- ja terveystoimi": 2}
    assert _project(plan, "3.1.1").title == "Tiedonhallinta"
    assert _project(plan, "4.4.2").title == "Vanhuspalvelut"
    # The strategic focus areas in the appendix are not projects.
    assert not any("Kuntalainen" in project.title for project in plan.projects)
    assert all(project.schedule.start is None for project in plan.projects)
    assert all(any(note.code == "structure.prose_only" for note in project.notes) for project in plan.projects)


def test_004_sampled_values(plans):
    plan = plans["004"]
    automation = _project(plan, "2.2")
    assert _items(automation, "one_off") == [(Decimal(20000), Decimal(50000))]
    data_protection = _project(plan, "4.3")
    assert _items(data_protection, "one_off") == [(Decimal(1000), Decimal(2000))]
    assert _items(data_protection, "annual") == [(Decimal(3600), Decimal(6000))]
    assert "toimenpidesuunnitelma" not in data_protection.costs.text, "the page footer stayed in the value"
    pedagogy = _project(plan, "4.2")
    assert (pedagogy.schedule.start, pedagogy.schedule.end) == ("2024-01", "2024-12")
    storage = _project(plan, "3.4")
    assert _items(storage, "annual") == [(Decimal(50000), Decimal(80000))]
    assert (storage.schedule.start, storage.schedule.end) == ("2023-01", "2040-12")
    nis2 = _project(plan, "2.8")
    assert nis2.responsible.responsible_class == "external"
    assert nis2.probability.driver == "legislation"
    assert nis2.costs.items == () and "unknown" in nis2.costs.flags
    assert _project(plan, "2.1").probability.probability_class == "likely"
    assert _project(plan, "2.3").probability.probability_class == "certain"
    assert _project(plan, "4.1").probability.probability_class == "uncertain"
    assert _project(plan, "5.1").probability.driver == "funding"
    assert _project(plan, "2.10").code == "2.10"


def test_002_strategy_gives_themes_not_projects(plans):
    strategy = plans["002"]
    assert strategy.kind == "strategy"
    assert strategy.projects == []
    assert [code for code, _ in strategy.themes] == ["2.1", "2.2", "2.3"]
    assert strategy.themes[0][1].startswith("Sähköisen asioinnin tukeminen")
    assert strategy.organisation == "Naantali"
    assert strategy.period == "2017–2021"
