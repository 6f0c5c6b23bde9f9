"""Mapping profiles in the store: names are checked, shipped profiles cannot be shadowed, only the maker or an
admin changes a saved one, and every server on the store sees the same profiles (SQLite and PostgreSQL)."""
from __future__ import annotations

import pytest
from sqlmodel import Session

from data_model import profiles
from data_model.queries import change_log
from loaders.sheets.mapping import MappingProfile

SHIPPED_NAME = profiles.shipped_profiles()[0].name


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", "name_required"),
        ("   ", "name_required"),
        ("x" * 81, "name_too_long"),
        ("x" * 300, "name_too_long"),
        ("../../etc/passwd", "name_characters"),
        ("nimi/alikansio", "name_characters"),
        ("<script>", "name_characters"),
        ("[Kirjaudu](https://evil.example)", "name_characters"),
        ("rivi\x00nolla", "name_characters"),
    ],
)
def test_a_bad_profile_name_is_refused_with_its_reason(name, code):
    with pytest.raises(profiles.ProfileError) as caught:
        profiles.check_name(name)
    assert caught.value.code == code


@pytest.mark.parametrize("name", ["GMPP 2024", "Tampere – investoinnit (muokattu)", "Kela & Valvira, v.2", "x" * 80])
def test_a_good_profile_name_is_kept_as_written(name):
    assert profiles.check_name(f"  {name} ") == name


def _profile() -> MappingProfile:
    return MappingProfile(name="tmp", columns={"title": ["Hanke"]}, multipliers={"cost_one_off_min": 1000})


def test_a_saved_profile_is_seen_by_every_session_and_only_its_maker_changes_it(engine):
    saved = profiles.save_profile(engine, _profile(), name="Oma profiili", organisation="Espoo", actor="a@espoo.fi")
    assert saved.label == "Oma profiili (Espoo)"
    with Session(engine) as session:
        found = {item.label: item for item in profiles.profiles(session)}
    assert found["Oma profiili (Espoo)"].profile.columns == {"title": ["Hanke"]}
    assert found["Oma profiili (Espoo)"].created_by == "a@espoo.fi" and not found["Oma profiili (Espoo)"].shipped

    with pytest.raises(profiles.ProfileError) as caught:  # someone else may not overwrite it...
        profiles.save_profile(engine, MappingProfile(name="x"), name="Oma profiili", organisation="Espoo", actor="b@espoo.fi")
    assert caught.value.code == "not_yours"
    with pytest.raises(profiles.ProfileError):  # ... nor remove it
        profiles.delete_profile(engine, name="Oma profiili", organisation="Espoo", actor="b@espoo.fi")
    # ... an admin may
    profiles.save_profile(engine, MappingProfile(name="x", columns={"title": ["Nimi"]}), name="Oma profiili",
                          organisation="Espoo", actor="admin@espoo.fi", admin=True)
    with Session(engine) as session:
        found = {item.label: item for item in profiles.profiles(session)}
        log = change_log(session)
    assert found["Oma profiili (Espoo)"].profile.columns == {"title": ["Nimi"]}
    assert list(log[log["action"] == "profile"]["actor"])[:2] == ["admin@espoo.fi", "a@espoo.fi"]
    profiles.delete_profile(engine, name="Oma profiili", organisation="Espoo", actor="a@espoo.fi")
    with Session(engine) as session:
        assert "Oma profiili (Espoo)" not in {item.label for item in profiles.profiles(session)}


@pytest.mark.parametrize("name", [SHIPPED_NAME, SHIPPED_NAME.upper(), f"  {SHIPPED_NAME}  "])
def test_a_shipped_profile_cannot_be_shadowed(engine, name):
    with pytest.raises(profiles.ProfileError) as caught:
        profiles.save_profile(engine, _profile(), name=name, organisation="", actor="admin@espoo.fi", admin=True)
    assert caught.value.code == "shipped"
    with Session(engine) as session:
        same_name = [item for item in profiles.profiles(session) if item.name.casefold() == SHIPPED_NAME.casefold()]
    assert [item.shipped for item in same_name] == [True]


def test_one_name_may_serve_two_organisations(engine):
    profiles.save_profile(engine, _profile(), name="Investoinnit", organisation="Espoo", actor="a@espoo.fi")
    profiles.save_profile(engine, _profile(), name="Investoinnit", organisation="Vantaa", actor="b@vantaa.fi")
    with Session(engine) as session:
        labels = [item.label for item in profiles.profiles(session) if not item.shipped]
    assert labels == ["Investoinnit (Espoo)", "Investoinnit (Vantaa)"]
