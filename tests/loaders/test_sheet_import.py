"""The one sheet import (loaders.sheets.importing.import_sheet) that the Import page and the command line share."""
from __future__ import annotations

import json

from loaders import load_sheet
from loaders.serialize import plan_to_dict
from loaders.sheets.importing import import_sheet
from tests.loaders.test_sheet_cli import GMPP_CSV, GMPP_PROFILE, TEMPLATE_CSV


def _plans(sheet) -> list[dict]:  # noqa: ANN001
    return [plan_to_dict(plan) for plan in sheet.plans]


def test_the_profile_chosen_for_the_table_shown_is_applied_and_kept_for_reparse():
    shown = []

    def choose(table):  # noqa: ANN001, ANN202  (the Import page's mapping editor)
        shown.append(table)
        return GMPP_PROFILE

    sheet = import_sheet("uk_2021.csv", GMPP_CSV.encode("cp1252"), choose_profile=choose)
    assert [table.headers[:3] for table in shown] == [["year", "project_number", "project_name"]]
    assert (len(shown[0].rows), shown[0].encoding, sheet.salkku) == (3, "cp1252", False)
    assert sheet.profile is GMPP_PROFILE and sheet.table is shown[0]
    (plan,) = sheet.plans
    assert (plan.key, len(plan.projects)) == ("uk-government-toimenpidesuunnitelma-2021", 3)
    assert json.loads(plan.source_file.options["profile"])["name"] == "GMPP test"


def test_the_page_and_the_command_line_read_a_sheet_into_the_same_plans():
    data = GMPP_CSV.encode("cp1252")
    chosen = import_sheet("uk_2021.csv", data, choose_profile=lambda table: GMPP_PROFILE, organisation="UK")
    given = import_sheet("uk_2021.csv", data, profile=GMPP_PROFILE, organisation="UK")
    assert _plans(chosen) == _plans(given)
    assert chosen.plans[0].source_file.options == given.plans[0].source_file.options
    assert [plan_to_dict(plan) for plan in load_sheet("uk_2021.csv", data, profile=GMPP_PROFILE,
                                                      organisation="UK")] == _plans(given)


def test_a_filled_template_maps_itself_and_keeps_no_profile():
    sheet = import_sheet("salkku_2026.csv", TEMPLATE_CSV.encode())
    assert sheet.profile.name == "Salkku-pohja" and sheet.table.header_row == 1
    assert [project.title for project in sheet.plans[0].projects] == ["Verkon uusiminen", "Kirjaston järjestelmä"]
    assert "profile" not in sheet.plans[0].source_file.options
