"""Sample data: produced by the loader from the reference plans, and free of their descriptive text."""
from __future__ import annotations

from pathlib import Path

from data_model.db import make_engine
from data_model.sample import REFERENCE_PLANS, ensure_sample_data
from loaders import load_document
from loaders.sample import SHORT_TEXT, read_sample, sample_records
from loaders.serialize import plan_to_dict
from tests.conftest import SEEDS, requires_seeds


@requires_seeds
def test_sample_file_is_what_the_loader_reads_from_the_reference_plans_now():
    fresh = sample_records([load_document(path) for path in sorted(SEEDS.glob("*.txt"))])
    stored = read_sample(REFERENCE_PLANS)
    assert [plan_to_dict(plan) for plan in stored] == [plan_to_dict(plan) for plan in fresh], (
        "sample_data/reference_plans.json is stale: run "
        "`.venv/bin/python -m loaders export-sample ../shared/seeds/*.txt --output sample_data/reference_plans.json`"
    )


def test_sample_keeps_figures_but_no_long_document_text():
    plans = read_sample(REFERENCE_PLANS)
    assert sum(len(plan.projects) for plan in plans) == 111
    for plan in plans:
        for project in plan.projects:
            assert project.description == "" and project.impact_text is None and project.strategic_goal is None
            for text in (project.schedule.text, project.probability.text, project.costs and project.costs.text):
                assert text is None or len(text) < SHORT_TEXT


def test_first_start_loads_the_sample_once(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'first.db'}")
    first = ensure_sample_data(engine)
    assert first is not None and first.projects == 116
    assert ensure_sample_data(engine) is None
