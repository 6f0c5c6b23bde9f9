"""First start: an empty store gets the sample data (reference plans as records, and the example plan)."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from data_model.db import PROJECT_ROOT
from data_model.store import ImportSummary, import_plans, store_counts

SAMPLE_DIR = PROJECT_ROOT / "sample_data"
REFERENCE_PLANS = SAMPLE_DIR / "reference_plans.json"
EXAMPLE_PLAN = SAMPLE_DIR / "esimerkkila_toimenpidesuunnitelma_2027.md"


def load_sample_data(engine: Engine, sample_dir: Path = SAMPLE_DIR) -> ImportSummary:
    """Import the sample plans in one transaction."""
    from loaders import load_document
    from loaders.sample import read_sample

    plans = read_sample(sample_dir / REFERENCE_PLANS.name) + [load_document(sample_dir / EXAMPLE_PLAN.name)]
    return import_plans(engine, plans, [REFERENCE_PLANS.name, EXAMPLE_PLAN.name])


def ensure_sample_data(engine: Engine) -> ImportSummary | None:
    """Load the sample data when the store holds no plan at all; otherwise leave the store alone."""
    with Session(engine) as session:
        if store_counts(session)["plans"]:
            return None
    return load_sample_data(engine)
