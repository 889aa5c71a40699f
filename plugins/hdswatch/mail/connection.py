"""Where to send: an Airflow SMTP connection, read as Airflow's own SMTP hook reads it.

In production the mail relay is an Airflow connection (``conn_type`` smtp, set in Airflow's UI,
a secrets backend or ``AIRFLOW_CONN_<ID>``); ``HDSWATCH_SMTP_CONN_ID`` names it. Out: the same
``SmtpSettings`` the plain path uses, so that messages, outbox and errors do not change. The
connection is looked up when an e-mail is sent, never when a DAG file is parsed.

    extra field      meaning (as in apache-airflow-providers-smtp)
    disable_ssl      true: no SMTPS (default false: SMTPS, port 465)
    disable_tls      true: no STARTTLS (default false: STARTTLS when SMTPS is off)
    timeout          seconds (default 30)
    from_email       sender address, instead of HDSWATCH_MAIL_FROM

>>> settings, sender = smtp_from_connection("smtp_default")   # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from hdswatch.errors import ConfigError
from hdswatch.mail.smtp import SmtpSettings

__all__ = ["smtp_from_connection", "smtp_settings"]


def smtp_from_connection(conn_id: str) -> tuple[SmtpSettings, str | None]:
    """The relay of Airflow connection ``conn_id`` and its ``from_email`` (or None)."""
    from airflow.sdk import BaseHook

    try:
        connection = BaseHook.get_connection(conn_id)
    except Exception as exc:  # Airflow raises its own not-found error, whatever the backend
        raise ConfigError(
            f"connexion Airflow {conn_id!r} introuvable / Airflow connection not found: {exc}"
        ) from None
    return smtp_settings(
        connection.host,
        connection.port,
        connection.login,
        connection.password,
        connection.extra_dejson,
    )


def smtp_settings(
    host: str | None,
    port: int | None,
    login: str | None,
    password: str | None,
    extra: dict[str, Any],
) -> tuple[SmtpSettings, str | None]:
    """Map a connection's fields to ``SmtpSettings`` the way Airflow's SMTP hook does."""
    if not host:
        raise ConfigError("connexion SMTP sans hôte / SMTP connection without a host")
    if extra.get("auth_type", "basic") != "basic":
        raise ConfigError(
            "connexion SMTP : seule l'authentification « basic » est prise en charge / "
            "only basic authentication is supported"
        )
    use_ssl = not _flag(extra.get("disable_ssl", False))
    starttls = not use_ssl and not _flag(extra.get("disable_tls", False))
    settings = SmtpSettings(
        host=host,
        port=int(port or (465 if use_ssl else 25)),
        username=login or None,
        password=password or None,
        ssl=use_ssl,
        starttls=starttls,
        timeout=float(extra.get("timeout", 30)),
    )
    return settings, extra.get("from_email") or None


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)
