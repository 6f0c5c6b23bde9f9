"""First start: an empty embedded store gets the sample data (reference plans as records, and the example plan),
marked as demo so it is never summed into a city's own figures unseen and can be removed in one step.

Only SQLite stores get it, only once (a store where it was removed stays without), and never with
SALKKU_SAMPLE_DATA=0. A shared PostgreSQL store starts empty.
"""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from data_model.db import PROJECT_ROOT, is_sqlite, write_session
from data_model.store import ImportSummary, import_plans, store_counts
from data_model.tables import StoreSetting, utc_now

SAMPLE_DIR = PROJECT_ROOT / "sample_data"
REFERENCE_PLANS = SAMPLE_DIR / "reference_plans.json"
EXAMPLE_PLAN = SAMPLE_DIR / "esimerkkila_toimenpidesuunnitelma_2027.md"
LOADED_SETTING = "sample_data_loaded"


def sample_records(sample_dir: Path = SAMPLE_DIR) -> list:
    from loaders import load_document
    from loaders.identity import assign_plan_keys
    from loaders.sample import read_sample

    plans = read_sample(sample_dir / REFERENCE_PLANS.name) + [load_document(sample_dir / EXAMPLE_PLAN.name)]
    assign_plan_keys(plans)
    for plan in plans:
        plan.demo = True
    return plans


def load_sample_data(engine: Engine, sample_dir: Path = SAMPLE_DIR) -> ImportSummary:
    """Import the sample plans in one transaction, marked as demo, and remember that they were loaded."""
    summary = import_plans(engine, sample_records(sample_dir), [REFERENCE_PLANS.name, EXAMPLE_PLAN.name], actor="salkku")
    with write_session(engine) as session:
        session.merge(StoreSetting(name=LOADED_SETTING, value=utc_now().isoformat()))
    return summary


def sample_data_wanted(engine: Engine) -> bool:
    return is_sqlite(engine) and os.environ.get("SALKKU_SAMPLE_DATA", "1").strip() != "0"


def ensure_sample_data(engine: Engine) -> ImportSummary | None:
    """Load the sample data into a new embedded store; leave every other store alone."""
    if not sample_data_wanted(engine):
        return None
    with Session(engine) as session:
        if session.scalar(select(StoreSetting.value).where(StoreSetting.name == LOADED_SETTING)):
            return None
        if store_counts(session)["plans"]:
            return None
    return load_sample_data(engine)
