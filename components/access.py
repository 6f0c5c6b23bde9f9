"""Who is using Salkku and what they may change."""
from __future__ import annotations

from data_model.store import local_actor


def actor() -> str:
    """The person a change is recorded for."""
    return local_actor()


def can_edit() -> bool:
    return True
