"""Sheet mapping profiles: the ones shipped with Salkku (read-only, in sample_data/profiles) and the ones users
save, kept in the store per organisation so that every server shares them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from data_model.db import PROJECT_ROOT, write_session
from data_model.store import record_change
from data_model.tables import MappingProfileRow, utc_now
from loaders.sheets.mapping import MappingProfile

SHIPPED = PROJECT_ROOT / "sample_data" / "profiles"
NAME_LIMIT = 80
_NAME = re.compile(r"[\w .,()'&+–-]+")


class ProfileError(ValueError):
    """A profile that cannot be saved or removed; `code` names the problem for a translated message."""

    def __init__(self, code: str, message: str, /, **values: object):
        self.code = code
        self.values = values
        super().__init__(message)


@dataclass(frozen=True)
class StoredProfile:
    name: str
    organisation: str  # "" = any organisation
    shipped: bool
    profile: MappingProfile
    created_by: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


@lru_cache(maxsize=1)
def _shipped_texts() -> tuple[str, ...]:
    """The shipped profile files, read once per process (they change only with a release)."""
    texts = []
    for path in sorted(SHIPPED.glob("*.json")) if SHIPPED.is_dir() else []:
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except OSError:
            continue
    return tuple(texts)


def shipped_profiles() -> list[StoredProfile]:
    """Fresh objects on every call, so that no caller can change the shipped profiles for the next one."""
    found = []
    for text in _shipped_texts():
        try:
            profile = MappingProfile.from_json(text)
        except ValueError:
            continue  # a broken file is skipped, not fatal
        found.append(StoredProfile(profile.name, "", True, profile))
    return found


def check_name(name: str) -> str:
    """A profile name people can read and a store can hold.

    >>> check_name("  GMPP 2024 (muokattu) ")
    'GMPP 2024 (muokattu)'
    >>> check_name("x" * 300)
    Traceback (most recent call last):
    ...
    data_model.profiles.ProfileError: a profile name is at most 80 characters (this one has 300)
    """
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise ProfileError("name_required", "a profile needs a name")
    if len(cleaned) > NAME_LIMIT:
        raise ProfileError("name_too_long", f"a profile name is at most {NAME_LIMIT} characters (this one has "
                           f"{len(cleaned)})", limit=NAME_LIMIT, length=len(cleaned))
    if not _NAME.fullmatch(cleaned):
        raise ProfileError("name_characters", "a profile name may hold letters, digits, spaces and . , ( ) ' & + - only")
    return cleaned


def profiles(session: Session) -> list[StoredProfile]:
    """Shipped profiles first, then the saved ones by organisation and name."""
    saved = [
        StoredProfile(row.name, row.organisation, False, MappingProfile.from_json(row.content), row.created_by)
        for row in session.scalars(select(MappingProfileRow).order_by(MappingProfileRow.organisation, MappingProfileRow.name))
    ]
    return shipped_profiles() + saved


def save_profile(engine: Engine, profile: MappingProfile, *, name: str, organisation: str | None, actor: str,
                 admin: bool = False) -> StoredProfile:
    """Save (or update) a profile under `name` for `organisation`. A shipped profile's name is refused, and only
    its maker or an admin may overwrite a saved one."""
    name = check_name(name)
    organisation = (organisation or "").strip()[:200]
    if any(item.name.casefold() == name.casefold() for item in shipped_profiles()):
        raise ProfileError("shipped", f"'{name}' is a profile shipped with Salkku; save yours under another name",
                           name=name)
    profile.name = name
    with write_session(engine) as session:
        row = session.scalars(select(MappingProfileRow).where(MappingProfileRow.organisation == organisation,
                                                              MappingProfileRow.name == name)).first()
        if row is not None and row.created_by != actor and not admin:
            raise ProfileError("not_yours", f"'{name}' was saved by {row.created_by}; only they or an admin may "
                               "change it", name=name, owner=row.created_by)
        if row is None:
            row = MappingProfileRow.model_validate({"organisation": organisation, "name": name, "content": profile.to_json(),
                                                    "created_by": actor[:200], "updated_by": actor[:200]})
        else:
            row.content, row.updated_by, row.updated_at = profile.to_json(), actor[:200], utc_now()
        session.add(row)
        record_change(session, "profile", [], f"saved mapping profile '{name}' ({organisation or 'any'})", actor)
    return StoredProfile(name, organisation, False, profile, actor)


def delete_profile(engine: Engine, *, name: str, organisation: str, actor: str, admin: bool = False) -> None:
    with write_session(engine) as session:
        row = session.scalars(select(MappingProfileRow).where(MappingProfileRow.organisation == organisation,
                                                              MappingProfileRow.name == name)).first()
        if row is None:
            raise ProfileError("missing", f"no saved profile '{name}'", name=name)
        if row.created_by != actor and not admin:
            raise ProfileError("not_yours", f"'{name}' was saved by {row.created_by}; only they or an admin may "
                               "remove it", name=name, owner=row.created_by)
        session.execute(delete(MappingProfileRow).where(MappingProfileRow.id == row.id))
        record_change(session, "profile", [], f"removed mapping profile '{name}' ({organisation or 'any'})", actor)
