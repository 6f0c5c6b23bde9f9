"""What a plan's stated probability has meant in its own organisation: the calibration table from the plans'
history (data_model.lineage + data_model.calibration), with a reference class from the other organisations in the
store when the own history is thin, and the forecasts drawn from it."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_model import calibration
from data_model.lineage import Lineage

THIN_HISTORY = 20  # fewer matched pairs with readable ends than this: the reference class is shown beside


@dataclass
class History:
    organisation: str | None  # None: every organisation's pairs together
    own: pd.DataFrame  # calibration table of the organisation's own pairs
    reference: pd.DataFrame  # the same from the other organisations' pairs (empty when there are none)
    reference_organisations: list[str]
    own_pairs: int  # pairs with a readable end in both plans
    thin: bool
    own_slips: dict[str, np.ndarray]
    reference_slips: dict[str, np.ndarray]


def readable_pairs(links: pd.DataFrame) -> int:
    return int((links["older_end"].notna() & links["newer_end"].notna()).sum()) if len(links) else 0


def _own_and_other(found: Lineage, organisation: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    links = found.matches
    if organisation is None:
        return links, links.iloc[0:0]
    return links[links["organisation"] == organisation], links[links["organisation"] != organisation]


def _slips(found: Lineage, organisation: str) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The organisation's own observed slips per class, and the other organisations' (the reference class)."""
    own, other = _own_and_other(found, organisation)
    return calibration.slips_by_class(own), calibration.slips_by_class(other)


def history(found: Lineage, organisation: str | None = None) -> History:
    own, other = _own_and_other(found, organisation)
    pairs = readable_pairs(own)
    return History(
        organisation=organisation, own=calibration.calibration_table(own), reference=calibration.calibration_table(other),
        reference_organisations=sorted(other["organisation"].unique().tolist()) if len(other) else [],
        own_pairs=pairs, thin=pairs < THIN_HISTORY,
        own_slips=calibration.slips_by_class(own), reference_slips=calibration.slips_by_class(other),
    )


def end_forecast(found: Lineage, projects: pd.DataFrame, *, draws: int = 2000, seed: int = 0) -> pd.DataFrame:
    """P50/P80 end months of `projects` (entry_id, end, probability_class, organisation), each from its own
    organisation's slips, else the other organisations' (a simulation from past slips, never an imputed date)."""
    parts = []
    for organisation, group in projects.groupby("organisation", sort=False):
        own_slips, reference_slips = _slips(found, organisation)
        parts.append(calibration.forecast_ends(group, own_slips, reference=reference_slips, draws=draws, seed=seed))
    if not parts:
        return pd.DataFrame(columns=["entry_id", "p50_end", "p80_end", "basis", "history"])
    return pd.concat(parts, ignore_index=True)


def load_forecast(found: Lineage, projects: pd.DataFrame, months: pd.DatetimeIndex, *, draws: int = 500,
                  seed: int = 0) -> pd.DataFrame:
    """P50/P80 counts of IT-relevant projects per service area and month, per organisation's own slips (else the
    reference class); rows organisation, service_area, month, planned, p50, p80 (percentiles are not added up
    across organisations). attrs["left_out"]: IT-relevant projects with an unknown schedule, left out."""
    parts, left_out = [], 0
    for organisation, group in projects.groupby("organisation", sort=False):
        own_slips, reference_slips = _slips(found, organisation)
        part = calibration.forecast_load(group, months, own_slips, reference=reference_slips, draws=draws, seed=seed)
        left_out += int(part.attrs.get("left_out", 0))
        parts.append(part.assign(organisation=organisation))
    columns = ["organisation", "service_area", "month", "planned", "p50", "p80"]
    frame = pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)
    frame.attrs["left_out"] = left_out
    return frame
