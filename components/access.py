"""Who is using Salkku and what they may change: sign-in with the city's identity provider (st.login, OpenID
Connect through Authlib) and the roles viewer, editor and admin.

Configuration lives in `.streamlit/secrets.toml`: `[auth]` for the provider (see the README), `[salkku.access]`
for who gets which role. Without `[auth]`, Salkku runs for one local user: as admin on the embedded SQLite
store, read-only on a shared store unless SALKKU_ALLOW_ANONYMOUS_EDIT=1.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from components.frame import t
from components.text import escape_markdown
from data_model.db import database_url, is_sqlite
from data_model.store import local_actor

ROLES = ("viewer", "editor", "admin")
LOGGER = logging.getLogger("salkku.access")


@dataclass(frozen=True)
class User:
    """The person using this session."""

    role: str | None  # None: may not even view (sign-in required and not given, or not allowed)
    email: str | None
    name: str | None
    mode: str  # "oidc" (signed in or not), "local" (embedded store), "shared" (shared store, no sign-in)

    @property
    def signed_in(self) -> bool:
        return self.mode == "oidc" and self.email is not None

    @property
    def actor(self) -> str:
        return self.email or (self.name or local_actor())


def _listed(values: Any) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        return [values.strip().lower()] if values.strip() else []
    return [str(value).strip().lower() for value in values if str(value).strip()]


def role_for(claims: Mapping[str, Any], rules: Mapping[str, Any]) -> str | None:
    """The role a signed-in person gets from `[salkku.access]`: by e-mail address, by e-mail domain, or by the
    values of a groups/roles claim. Anyone else signed in is a viewer, unless `viewers`/`viewer_domains`/
    `viewer_roles` narrow who may view at all.

    >>> rules = {"admins": ["it@espoo.fi"], "editor_domains": ["espoo.fi"], "roles_claim": "roles",
    ...          "editor_roles": ["Salkku.Editor"], "viewer_domains": ["espoo.fi", "hel.fi"]}
    >>> role_for({"email": "IT@espoo.fi"}, rules), role_for({"email": "a@espoo.fi"}, rules)
    ('admin', 'editor')
    >>> role_for({"email": "b@hel.fi", "roles": ["Salkku.Editor"]}, rules), role_for({"email": "c@hel.fi"}, rules)
    ('editor', 'viewer')
    >>> role_for({"email": "d@example.com"}, rules) is None
    True
    """
    email = str(claims.get("email") or "").strip().lower()
    domain = email.rsplit("@", 1)[1] if "@" in email else ""
    claim = claims.get(str(rules.get("roles_claim") or "roles"))
    held = set(_listed(claim if isinstance(claim, (list, tuple)) else [claim] if claim else []))

    def matches(role: str) -> bool:
        plural = f"{role}s"
        return (email and email in _listed(rules.get(plural))) or (domain and domain in _listed(rules.get(f"{role}_domains"))) \
            or bool(held & set(_listed(rules.get(f"{role}_roles"))))

    if matches("admin"):
        return "admin"
    if matches("editor"):
        return "editor"
    narrowed = any(rules.get(name) for name in ("viewers", "viewer_domains", "viewer_roles"))
    return "viewer" if not narrowed or matches("viewer") else None


def _secrets_section(*names: str) -> Mapping[str, Any]:
    try:
        section: Any = st.secrets
        for name in names:
            section = section.get(name, {}) if hasattr(section, "get") else {}
        return dict(section) if hasattr(section, "keys") else {}
    except Exception:  # noqa: BLE001  (no secrets.toml at all: Streamlit raises its own not-found error)
        return {}


def sign_in_configured() -> bool:
    auth = _secrets_section("auth")
    return bool(auth.get("client_id") or any(isinstance(value, Mapping) and value.get("client_id")
                                               for value in auth.values()))


def rules() -> Mapping[str, Any]:
    return _secrets_section("salkku", "access")


def anonymous_edit_allowed() -> bool:
    return os.environ.get("SALKKU_ALLOW_ANONYMOUS_EDIT", "").strip() == "1"


def current() -> User:
    if sign_in_configured():
        if not getattr(st.user, "is_logged_in", False):
            viewing_open = not bool(rules().get("require_sign_in", False))
            return User("viewer" if viewing_open else None, None, None, "oidc")
        claims = st.user.to_dict()
        return User(role_for(claims, rules()), claims.get("email"), claims.get("name"), "oidc")
    if is_sqlite(database_url()):
        return User("admin", None, local_actor(), "local")
    return User("editor" if anonymous_edit_allowed() else "viewer", None, local_actor(), "shared")


def can_edit() -> bool:
    return current().role in ("editor", "admin")


def is_admin() -> bool:
    return current().role == "admin"


def actor() -> str:
    """The person a change is recorded for: the signed-in e-mail, else the local user."""
    return current().actor


def allowed(role: str = "editor") -> bool:
    """Whether this session may do what needs `role`; a refusal is logged (a crafted request lands here too)."""
    user = current()
    rank = ROLES.index(user.role) if user.role in ROLES else -1
    if rank >= ROLES.index(role):
        return True
    LOGGER.warning("refused: %s (role %s) tried an action that needs %s", user.actor, user.role, role)
    return False


def refuse() -> None:
    st.error(t("access.refused"))
    st.stop()


def gate() -> User:
    """Stop a session that may not view (sign-in required); otherwise say in the sidebar who is using Salkku."""
    user = current()
    sidebar = st.sidebar
    if user.mode == "oidc" and user.signed_in:
        sidebar.caption(t("access.signed_in", email=escape_markdown(user.email), role=t(f"access.role.{user.role or 'none'}")))
        sidebar.button(t("access.sign_out"), key="sign-out", on_click=st.logout, width="stretch")
    elif user.mode == "oidc":
        sidebar.button(t("access.sign_in"), key="sign-in", on_click=st.login, type="primary", width="stretch")
    elif user.mode == "local":
        sidebar.caption(t("access.local", user=user.actor))
    else:
        sidebar.caption(t("access.shared_edit" if user.role == "editor" else "access.shared_read_only"))
    if user.role is None:
        st.title(t("app.title"))
        st.info(t("access.sign_in_required") if not user.signed_in else t("access.not_allowed", email=escape_markdown(user.email)))
        if not user.signed_in:
            st.button(t("access.sign_in"), key="sign-in-main", on_click=st.login, type="primary")
        st.stop()
    return user


def editors_only() -> None:
    """Stop an editing page for a viewer, with the reason."""
    if not can_edit():
        st.info(t("access.read_only"))
        st.stop()
