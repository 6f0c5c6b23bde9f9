"""The Plans page compares two plan versions with the guarded matcher, shows each project's history (moves since
the previous plan, chains, milestone trend) and lets an editor confirm, reject or link matches; a decision carries
the person and the time and stays after the plans are imported again."""
from __future__ import annotations

import json

import pandas as pd
from sqlmodel import Session

from components.i18n import translate
from data_model import lineage
from data_model.db import get_engine
from data_model.store import import_plans
from loaders import load_document_bytes
from tests.conftest import SEEDS
from tests.pages.conftest import run_page
from tests.pages.test_pages import assert_runs_cleanly, recorded_downloads, shown_before_downloads, texts  # noqa: F401

OLDER, NEWER = "naantali-toimenpidesuunnitelma-2022", "naantali-toimenpidesuunnitelma-2023"
QUERY = {"plan": "", "cmp": "Naantali", "old": OLDER, "new": NEWER}


def fi(key: str, **values: object) -> str:
    return translate(key, "fi", **values)


def _comparison(at) -> pd.DataFrame:  # noqa: ANN001
    return shown_before_downloads(at)["comparison-download"]


def _table_with(at, column: str) -> pd.DataFrame:  # noqa: ANN001
    return next(element.value for element in at.dataframe if column in element.value.columns)


def test_the_comparison_keeps_apart_what_names_different_things(sample_store, recorded_downloads):
    at = run_page("suunnitelmat", QUERY)
    assert_runs_cleanly(at)
    comparison = _comparison(at)
    pairs = set(zip(comparison[fi("col.title") + " (1)"], comparison[fi("col.title") + " (2)"]))
    assert ("Tekninen tietoturva", "Teknisen tietoturvan jatkokehitys") in pairs
    assert ("Merimaskun omatoimikirjasto", "Velkuan omatoimikirjasto") not in pairs
    assert ("Kameravalvonta", "Jäähallin kameravalvonta") not in pairs
    assert set(comparison[fi("col.match_basis")].dropna()) == {fi("lineage.basis.title")}


def test_the_history_shows_moves_chains_and_a_milestone_trend(sample_store):
    at = run_page("suunnitelmat", QUERY)
    assert_runs_cleanly(at)
    assert fi("history.heading") in [element.value for element in at.subheader]
    moved = _table_with(at, fi("col.end") + " (2)")
    with Session(get_engine()) as session:
        found = lineage.build(session, organisation="Naantali")
    pairs = found.matches[found.matches["newer_plan_key"] == NEWER]
    slips = ((pairs["newer_end"].dt.year - pairs["older_end"].dt.year) * 12
             + pairs["newer_end"].dt.month - pairs["older_end"].dt.month)
    starts = ((pairs["newer_start"].dt.year - pairs["older_start"].dt.year) * 12
              + pairs["newer_start"].dt.month - pairs["older_start"].dt.month)
    assert len(moved) == int(((slips.abs() > 1) | (starts.abs() > 1)).sum())
    chains = _table_with(at, fi("col.baseline_end"))
    assert len(chains) == found.entries["chain_id"].nunique()
    assert {fi("col.baseline_start"), fi("col.latest_start"), fi("col.baseline_cost"), fi("col.latest_cost"),
            fi("col.step_slip")} <= set(chains.columns)
    two = chains[chains[fi("col.plans_count")] == 2]
    assert len(two) == len(found.matches)  # each matched pair is one chain of two entries here
    assert set(chains[fi("col.chain_status")]) <= {fi(f"chain.status.{value}") for value in (
        "continuing", "finished_as_planned", "gone_before_end", "done", "cancelled", "merged")}
    trend = json.loads(at.get("plotly_chart")[-1].proto.spec)
    assert trend["data"] and all(trace["mode"] == "lines+markers" for trace in trace_list(trend))
    assert not [text for text in texts(at) if "None" in text or "nan" in text.split()]


def trace_list(figure: dict) -> list[dict]:
    return figure["data"]


def test_an_editor_rejects_a_match_and_links_two_entries_and_both_outlive_a_re_import(sample_store, recorded_downloads):
    at = run_page("suunnitelmat", QUERY)
    pair = f"{'5.3.2'}|{'5.2.1'}"  # ProConsonasta Omni360 -> ProConsonasta Omni360 II vaihe
    at.selectbox(key="lineage-pair").set_value(pair).run()
    at.button(key="lineage-reject").click().run()
    assert_runs_cleanly(at)
    assert any(fi("lineage.saved", what="").rstrip(".") in message.value for message in at.success)
    comparison = _comparison(at)
    pairs = set(zip(comparison[fi("col.code") + " (1)"], comparison[fi("col.code") + " (2)"]))
    assert ("5.3.2", "5.2.1") not in pairs

    at.selectbox(key="lineage-link-old").set_value("4.2.1").run()
    at.selectbox(key="lineage-link-new").set_value("4.2.1").run()
    at.button(key="lineage-link").click().run()
    assert_runs_cleanly(at)
    comparison = _comparison(at)
    linked = comparison[(comparison[fi("col.code") + " (1)"] == "4.2.1") & (comparison[fi("col.code") + " (2)"] == "4.2.1")]
    assert linked[fi("col.match_basis")].tolist() == [fi("lineage.basis.person")]

    # The two plans are imported again (new entry ids): the decisions still hold, with who made them and when.
    names = {OLDER: "000_79db6afad0af467e.txt", NEWER: "001_818fe00bb0d197a2.txt"}
    import_plans(get_engine(), [load_document_bytes(name, (SEEDS / name).read_bytes()) for name in names.values()])
    again = run_page("suunnitelmat", QUERY)
    comparison = _comparison(again)
    pairs = set(zip(comparison[fi("col.code") + " (1)"], comparison[fi("col.code") + " (2)"]))
    assert ("5.3.2", "5.2.1") not in pairs and ("4.2.1", "4.2.1") in pairs
    with Session(get_engine()) as session:
        made = lineage.decisions(session)
    assert made["kind"].tolist() == ["reject", "link"]
    assert made["actor"].str.len().min() > 0 and made["decided_at"].notna().all()


def test_a_viewer_sees_no_decision_controls(sample_store, monkeypatch):
    monkeypatch.setattr("components.access.can_edit", lambda: False)
    at = run_page("suunnitelmat", QUERY)
    assert_runs_cleanly(at)
    assert not [button for button in at.button if (button.key or "").startswith("lineage-")]


def test_a_project_merged_by_a_person_names_what_it_was_merged_into(sample_store):
    at = run_page("suunnitelmat", QUERY)
    at.selectbox(key="lineage-project").set_value(f"{OLDER}|4.2.1").run()
    at.segmented_control(key="lineage-status").set_value("merged").run()
    at.selectbox(key="lineage-merged").set_value(f"{NEWER}|4.2.1").run()
    at.button(key="lineage-save-status").click().run()
    assert_runs_cleanly(at)
    chains = _table_with(at, fi("col.baseline_end"))
    merged = chains[chains[fi("col.code")] == "4.2.1"][fi("col.chain_status")].tolist()
    assert f"{fi('chain.status.merged')} → {NEWER}/4.2.1" in merged
