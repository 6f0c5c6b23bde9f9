"""Who may do what, run through the pages with AppTest: the embedded default is one local admin; a shared store
without sign-in is read-only unless SALKKU_ALLOW_ANONYMOUS_EDIT=1; with sign-in configured, roles come from
`[salkku.access]` (addresses, domains, a roles claim) and viewing may require sign-in."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components import access
from components.text import shown_text
from tests.conftest import postgres_with_sample
from tests.pages.conftest import APP, run_page

KEY = "esimerkkila-toimenpidesuunnitelma-2027"
AUTH = {"client_id": "salkku", "client_secret": "s", "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "cookie_secret": "c" * 32, "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
RULES = {"admins": ["it@testila.fi"], "editor_domains": ["muokkaajat.testila.fi"], "roles_claim": "groups",
         "editor_roles": ["Salkku-muokkaajat"]}


def _signed_in(email: str, **claims) -> dict:
    return {"is_logged_in": True, "email": email, "name": email.split("@")[0], **claims}


def _sidebar_text(at: AppTest) -> str:
    return " ".join(shown_text(element.value) for element in at.sidebar.caption)


def _uploaders(at: AppTest) -> int:
    return len(at.get("file_uploader"))


def _texts(at: AppTest) -> str:
    return " ".join(str(element.value) for kind in ("info", "error", "warning", "markdown") for element in at.get(kind))


def _expander_labels(at: AppTest) -> list[str]:
    return [element.label for element in at.expander]


def test_the_embedded_default_is_one_local_admin(sample_store):
    at = run_page("tuonti")
    assert not at.exception
    assert "Paikallinen käyttö" in _sidebar_text(at)
    assert _uploaders(at) == 1
    plans = run_page("suunnitelmat")
    assert "Poista suunnitelmia" in _expander_labels(plans)


@pytest.fixture
def shared_store(postgres_database_url, monkeypatch, tmp_path) -> str:
    postgres_with_sample(postgres_database_url)
    monkeypatch.setenv("DATABASE_URL", postgres_database_url)
    monkeypatch.setenv("SALKKU_TODAY", "2026-11-22")
    monkeypatch.delenv("SALKKU_ALLOW_ANONYMOUS_EDIT", raising=False)
    return postgres_database_url


def test_a_shared_store_without_sign_in_is_read_only(shared_store):
    at = run_page("tuonti")
    assert not at.exception
    assert "vain katselu" in _sidebar_text(at)
    assert _uploaders(at) == 0
    assert "vaatii muokkausoikeuden" in _texts(at)
    plans = run_page("suunnitelmat", {"plan": [KEY]})
    assert "Poista suunnitelmia" not in _expander_labels(plans)
    detail = run_page("hankkeet", {"plan": [KEY], "project": f"{KEY}/2.1"})
    assert not detail.exception
    assert "Korjaa arvoja" not in _expander_labels(detail)
    assert not [button for button in detail.button if button.label == "Peru korjaus"]


def test_anonymous_editing_of_a_shared_store_is_an_explicit_choice(shared_store, monkeypatch):
    monkeypatch.setenv("SALKKU_ALLOW_ANONYMOUS_EDIT", "1")
    at = run_page("tuonti")
    assert "muokkaus on sallittu kaikille" in _sidebar_text(at)
    assert _uploaders(at) == 1
    detail = run_page("hankkeet", {"plan": [KEY], "project": f"{KEY}/2.1"})
    assert "Korjaa arvoja" in _expander_labels(detail)


def test_viewing_can_require_sign_in(sample_store):
    at = run_page("yleiskuva", secrets={"auth": AUTH, "salkku": {"access": {**RULES, "require_sign_in": True}}},
                  user={"is_logged_in": False})
    assert not at.exception
    assert "vaatii kirjautumisen" in _texts(at)
    assert len(at.dataframe) == 0  # nothing of the portfolio before sign-in
    assert {button.label for button in at.button} == {"Kirjaudu sisään"}  # in the sidebar and on the page


def test_open_viewing_shows_the_portfolio_and_a_sign_in_button(sample_store):
    at = run_page("hankkeet", secrets={"auth": AUTH, "salkku": {"access": RULES}}, user={"is_logged_in": False})
    assert not at.exception and len(at.dataframe) >= 1
    assert "Kirjaudu sisään" in [button.label for button in at.sidebar.button]
    assert _uploaders(run_page("tuonti", secrets={"auth": AUTH, "salkku": {"access": RULES}},
                               user={"is_logged_in": False})) == 0


@pytest.mark.parametrize(
    ("user", "role", "uploaders", "delete_plans", "remove_demo"),
    [
        (_signed_in("viivi@testila.fi"), "katselija", 0, False, False),
        (_signed_in("eero@muokkaajat.testila.fi"), "muokkaaja", 1, True, False),
        (_signed_in("ulla@testila.fi", groups=["Salkku-muokkaajat"]), "muokkaaja", 1, True, False),
        (_signed_in("IT@testila.fi"), "pääkäyttäjä", 1, True, True),
    ],
)
def test_the_role_decides_what_is_offered(sample_store, user, role, uploaders, delete_plans, remove_demo):
    secrets = {"auth": AUTH, "salkku": {"access": RULES}}
    at = run_page("tuonti", secrets=secrets, user=user)
    assert not at.exception
    assert f"Kirjautunut: {user['email']} ({role})" in _sidebar_text(at)
    assert _uploaders(at) == uploaders
    plans = run_page("suunnitelmat", {"plan": [KEY]}, secrets=secrets, user=user)
    assert ("Poista suunnitelmia" in _expander_labels(plans)) == delete_plans
    demo_removal = [box for box in plans.checkbox if box.label == "Poista esittelyaineisto salkusta"]
    assert bool(demo_removal) == remove_demo


def test_someone_outside_the_viewers_sees_nothing(sample_store):
    secrets = {"auth": AUTH, "salkku": {"access": {**RULES, "viewer_domains": ["testila.fi"]}}}
    at = run_page("yleiskuva", secrets=secrets, user=_signed_in("vieras@example.com"))
    assert not at.exception
    assert "ei ole oikeutta Salkkuun" in _texts(at)
    assert len(at.metric) == 0


def test_an_unexpected_error_shows_a_reference_not_a_traceback(sample_store, monkeypatch, caplog):
    def broken(*arguments, **keywords):  # noqa: ANN002, ANN003
        raise RuntimeError("/srv/salkku/secret/path exploded")

    monkeypatch.setattr("components.filters.sidebar_filters", broken)
    at = AppTest.from_file(str(APP), default_timeout=60)
    with caplog.at_level("ERROR", logger="salkku"):
        at.run()
    assert not at.exception  # no traceback box
    message = at.error[0].value
    assert message.startswith("Sivua ei voitu näyttää virheen vuoksi") and "/srv/salkku" not in message
    reference = message.split("viite ")[1].split(";")[0]
    assert any(reference in record.getMessage() and record.exc_info for record in caplog.records)


def test_a_refused_action_is_logged(sample_store, monkeypatch, caplog):
    monkeypatch.setattr(access, "current", lambda: access.User("viewer", "v@testila.fi", "V", "oidc"))
    with caplog.at_level("WARNING", logger="salkku.access"):
        assert not access.allowed("editor")
        assert access.allowed("viewer")
    assert [record.getMessage() for record in caplog.records] == [
        "refused: v@testila.fi (role viewer) tried an action that needs editor"]
