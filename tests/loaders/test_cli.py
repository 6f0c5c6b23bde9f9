"""The command line: `parse --json` keys and order, `import` summary and idempotency."""
from __future__ import annotations

import json
import subprocess
import sys

from sqlmodel import Session

from data_model.db import make_engine
from data_model.store import store_counts
from loaders.__main__ import main
from tests.conftest import PROJECT_ROOT, requires_seeds, seed

EXAMPLE = PROJECT_ROOT / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md"
REQUIRED_KEYS = {
    "code", "title", "service_area", "start", "end", "cost_one_off_min", "cost_one_off_max",
    "cost_annual_min", "cost_annual_max", "probability", "responsible",
}


def test_parse_json_prints_one_object_per_project_in_document_order(capsys):
    assert main(["parse", str(EXAMPLE), "--json"]) == 0
    projects = json.loads(capsys.readouterr().out)
    assert [project["code"] for project in projects] == ["2.1", "2.2", "3.1", "4.1", "4.2"]
    assert all(REQUIRED_KEYS <= project.keys() for project in projects)
    backup = projects[0]
    assert (backup["start"], backup["end"]) == ("2026-10", "2027-06")
    assert (backup["cost_one_off_min"], backup["cost_annual_max"]) == (12000, 9000)
    assert backup["probability"] == "certain" and backup["responsible"] == "Tietohallinto"
    lights = projects[3]
    # Unknown stays null, with the reason in the notes.
    assert lights["start"] is None and lights["cost_one_off_min"] is None and lights["cost_annual_min"] is None
    assert {note["code"] for note in lights["notes"]} >= {"schedule.season", "costs.unknown"}


@requires_seeds
def test_parse_json_codes_have_no_trailing_dot_as_a_real_subprocess():
    result = subprocess.run(
        [sys.executable, "-m", "loaders", "parse", str(seed("003")), "--json"],
        capture_output=True, text=True, cwd=PROJECT_ROOT, check=True,
    )
    codes = [project["code"] for project in json.loads(result.stdout)]
    assert codes[:3] == ["3.1.1", "3.1.2", "3.2.1"] and not any(code.endswith(".") for code in codes)


def test_import_prints_a_summary_and_is_idempotent(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert main(["import", str(EXAMPLE), "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "imported 1 plans, 5 projects" in out
    assert main(["import", str(EXAMPLE), "--database-url", url]) == 0
    assert "(replaced " in capsys.readouterr().out
    with Session(make_engine(url)) as session:
        assert store_counts(session)["projects"] == 5


def test_import_takes_organisation_and_period_from_the_command_line(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert main(["import", str(EXAMPLE), "--database-url", url, "--organisation", "Muutala", "--period", "2027"]) == 0
    assert "Muutala, 5 projects" in capsys.readouterr().out
