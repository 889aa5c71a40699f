"""Log-in through an OpenID Connect provider, where one is configured (the one module that
touches authlib). Off by default: ``HDSWATCH_OIDC_ISSUER``, ``_CLIENT_ID`` and ``_CLIENT_SECRET``
turn it on; password log-in stays available.

The flow is the authorization code flow with a nonce (authlib checks the ID token's signature
against the provider's keys, its issuer, audience, expiry and nonce). The provider sends the
browser back to ``/login/oidc/callback``; that page only forwards to ``/login/oidc/finish`` from
the application's own origin, so that the ``SameSite=Strict`` session cookie, which holds the
state, comes along (a cross-site redirect does not carry it).

Who the person is, from the ID token's claims (:func:`account_for`):

- with ``HDSWATCH_OIDC_ROLE_CLAIM`` set and that claim holding a role, the account named by the
  e-mail is created or updated with that role (and, for ``dpo`` and ``legal``, the establishments
  listed in ``HDSWATCH_OIDC_ESTABLISHMENTS_CLAIM``); it has no usable password;
- otherwise the local account whose login is the e-mail (any case) logs in;
- no verified e-mail, an unknown or disabled account, or a role without establishments: refused.

>>> normalise_codes("CHB, PDT"), normalise_codes(["CHB"]), normalise_codes(None)
(['CHB', 'PDT'], ['CHB'], [])
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hdswatch.errors import InputError
from hdswatch.registry.accounts import USER_ROLES, User
from hdswatch.registry.models import Establishment
from hdswatch.registry.store import now
from hdswatch.settings import Settings

__all__ = ["NO_PASSWORD", "OidcRefused", "account_for", "client_for", "normalise_codes"]

NO_PASSWORD = "!oidc"  # noqa: S105 (a hash no password matches)
"""The password hash of an account made from the provider's claims: matches no password."""


class OidcRefused(InputError):
    """The provider said who the person is, but hdswatch has no account for them."""


def normalise_codes(value: Any) -> list[str]:
    """Establishment codes from a claim: a list, or one string separated by commas or spaces."""
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    if not isinstance(value, list):
        return []
    return [str(code).strip() for code in value if str(code).strip()]


def account_for(session: Session, claims: Mapping[str, Any], settings: Settings) -> User:
    """The account the claims of a verified ID token log in as (see the module's rules)."""
    email = str(claims.get("email") or "").strip()
    if not email or claims.get("email_verified") is False:
        raise OidcRefused("adresse électronique absente ou non vérifiée / no verified e-mail")
    user = session.scalar(select(User).where(func.lower(User.login) == email.lower()))
    role = claims.get(settings.oidc_role_claim) if settings.oidc_role_claim else None
    if isinstance(role, list):
        role = next((r for r in role if r in USER_ROLES), None)
    if role is not None:
        if role not in USER_ROLES:
            raise OidcRefused(f"rôle inconnu / unknown role: {role!r}")
        codes = normalise_codes(claims.get(settings.oidc_establishments_claim or ""))
        found = list(session.scalars(select(Establishment).where(Establishment.code.in_(codes))))
        if role in ("dpo", "legal") and not found:
            raise OidcRefused("aucun établissement connu dans le jeton / no known establishment")
        if user is None:
            user = User(login=email, created_at=now(), active=True, password_hash=NO_PASSWORD)
            session.add(user)
        if not user.active:
            raise OidcRefused(f"compte désactivé / account disabled: {email}")
        user.role, user.establishments = role, found
        user.name = str(claims.get("name") or user.name or email)
        session.flush()
        return user
    if user is None or not user.active:
        raise OidcRefused(f"aucun compte pour / no account for {email}")
    return user


def client_for(settings: Settings) -> Any:
    """An authlib Starlette client registered for the provider (its metadata is read from
    ``<issuer>/.well-known/openid-configuration`` on first use)."""
    from authlib.integrations.starlette_client import OAuth

    oauth = OAuth()
    oauth.register(
        name="hdswatch",
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
        server_metadata_url=f"{settings.oidc_issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": "openid email profile"},
    )
    return oauth.create_client("hdswatch")
