"""The command line for corrections: correct, corrections --json, undo-correction, projects --json."""
from __future__ import annotations

import json

import pytest

from loaders.__main__ import main
from tests.conftest import PROJECT_ROOT

EXAMPLE = PROJECT_ROOT / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md"
KEY = "esimerkkila-toimenpidesuunnitelma-2027"


@pytest.fixture
def url(tmp_path, capsys) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert main(["import", str(EXAMPLE), "--database-url", url]) == 0
    capsys.readouterr()
    return url


def run_json(capsys, *arguments: str) -> list[dict]:  # noqa: ANN001
    assert main([*arguments, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def project(capsys, url: str, code: str) -> dict:  # noqa: ANN001
    return next(row for row in run_json(capsys, "projects", "--plan", KEY, "--database-url", url) if row["code"] == code)


def test_correct_prints_the_correction_and_projects_show_it(url, capsys):
    before = project(capsys, url, "2.2")
    assert (before["cost_one_off_min"], before["cost_one_off_max"], before["corrected"]) == (180_000, 210_000, [])
    assert main(["correct", "--plan", KEY, "--code", "2.2", "--field", "cost_one_off_max", "--value", "250000",
                 "--reason", "Tarjous saatu", "--database-url", url]) == 0
    assert capsys.readouterr().out.startswith("correction 1: esimerkkila-toimenpidesuunnitelma-2027 2.2 costs:")
    after = project(capsys, url, "2.2")
    assert (after["cost_one_off_min"], after["cost_one_off_max"], after["corrected"]) == (180_000, 250_000, ["costs"])
    [row] = run_json(capsys, "corrections", "--plan", KEY, "--database-url", url)
    assert (row["id"], row["state"], row["field"], row["reason"], row["source"]) == (1, "applied", "costs", "Tarjous saatu", "cli")


def test_unknown_clears_a_value_and_undo_brings_the_read_one_back(url, capsys):
    assert main(["correct", "--plan", KEY, "--code", "2.1", "--field", "end", "--value", "unknown", "--reason", "auki",
                 "--database-url", url]) == 0
    capsys.readouterr()
    assert project(capsys, url, "2.1")["end"] is None
    assert main(["undo-correction", "1", "--database-url", url]) == 0
    assert "undone" in capsys.readouterr().out
    assert project(capsys, url, "2.1")["end"] == "2027-06"
    assert run_json(capsys, "corrections", "--database-url", url)[0]["state"] == "undone"
    assert main(["undo-correction", "1", "--database-url", url]) == 1
    assert "is undone, not in effect" in capsys.readouterr().err


@pytest.mark.parametrize(("field", "value", "message"), [
    ("end", "2020-01", "the end 2020-01 is before the start 2026-10"),
    ("probability", "maybe", "'maybe' is not one of certain"),
    ("colour", "red", "'colour' cannot be corrected"),
])
def test_a_bad_correction_is_one_message_and_changes_nothing(url, capsys, field, value, message):
    assert main(["correct", "--plan", KEY, "--code", "2.1", "--field", field, "--value", value, "--reason", "x",
                 "--database-url", url]) == 1
    error = capsys.readouterr().err
    assert message in error and "Traceback" not in error and "nothing was changed" in error
    assert run_json(capsys, "corrections", "--database-url", url) == []


def test_correcting_a_project_the_plan_lacks_is_refused(url, capsys):
    assert main(["correct", "--plan", KEY, "--code", "9.9", "--field", "title", "--value", "X", "--reason", "x",
                 "--database-url", url]) == 1
    assert "no project 9.9 in the plan esimerkkila-toimenpidesuunnitelma-2027" in capsys.readouterr().err


def test_parse_json_still_reads_the_file_not_the_store(url, capsys):
    assert main(["correct", "--plan", KEY, "--code", "2.1", "--field", "title", "--value", "Uusi", "--reason", "x",
                 "--database-url", url]) == 0
    capsys.readouterr()
    rows = run_json(capsys, "parse", str(EXAMPLE))
    assert rows[0]["title"] == "Varmuuskopioinnin uusiminen" and "corrected" not in rows[0]
