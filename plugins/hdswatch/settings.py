"""Settings, read once from the environment (``HDSWATCH_*`` variables). Every default is the
embedded one: SQLite registry, local inbox folder, local mail catcher on port 8025.

| variable | default | meaning |
|---|---|---|
| HDSWATCH_HOME | ``./var`` | working folder for the defaults below |
| HDSWATCH_INBOX | ``$HDSWATCH_HOME/inbox`` | incoming PDFs, one sub-folder per establishment code |
| HDSWATCH_REPORTS | ``$HDSWATCH_HOME/reports`` | JSON reports written by the pipeline |
| HDSWATCH_DB_URL | ``sqlite:///$HDSWATCH_HOME/registry.db`` | the registry database (SQLAlchemy URL) |
| HDSWATCH_SMTP_HOST / _PORT | ``127.0.0.1`` / ``8025`` | SMTP server for alerts |
| HDSWATCH_SMTP_USER / _PASSWORD | unset | SMTP credentials, if the server needs them |
| HDSWATCH_SMTP_STARTTLS | ``false`` | use STARTTLS |
| HDSWATCH_MAIL_FROM | ``hdswatch@localhost`` | sender address |
| HDSWATCH_RSSI_EMAIL | ``rssi@localhost`` | the RSSI's mailbox (immediate alerts and the digest) |
| HDSWATCH_LANG | ``fr`` | language of e-mails (``fr`` or ``en``) |
| HDSWATCH_BASE_URL | unset | address of the review page, for links in e-mails |
| HDSWATCH_ESTABLISHMENTS | unset | YAML file of the establishments, their DPO and contacts |
| HDSWATCH_SMTP_CONN_ID | unset | send through this Airflow SMTP connection instead of HDSWATCH_SMTP_* |
| HDSWATCH_POLICY | unset | YAML deadline policy: default notice, lead windows, per-establishment overrides |
| HDSWATCH_DEFAULT_NOTICE_DAYS | ``90`` | notice assumed (and flagged) when a tacitly renewed contract states none; ``none`` to assume nothing |
| HDSWATCH_HOSTS_LIST | ``$HDSWATCH_HOME/ans_hosts.json`` | the ANS list of certified hosts, written by ``hdswatch hosts import`` |
| HDSWATCH_DATADOCS | ``$HDSWATCH_HOME/datadocs`` | where ``hdswatch docs build`` writes the Data Docs |

>>> Settings.from_env({"HDSWATCH_HOME": "/srv/hds"}).db_url
'sqlite:////srv/hds/registry.db'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from hdswatch.errors import ConfigError

__all__ = ["Settings", "get_settings"]


@dataclass(frozen=True)
class Settings:
    home: Path
    inbox: Path
    reports: Path
    db_url: str
    smtp_host: str
    smtp_port: int
    smtp_user: str | None
    smtp_password: str | None
    smtp_starttls: bool
    mail_from: str
    rssi_email: str
    lang: str
    base_url: str | None
    establishments_file: Path | None = None
    smtp_conn_id: str | None = None
    policy_file: Path | None = None
    default_notice_days: int | None = 90
    hosts_list: Path | None = None
    datadocs: Path | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        home = Path(env.get("HDSWATCH_HOME", "var")).absolute()
        lang = env.get("HDSWATCH_LANG", "fr")
        if lang not in ("fr", "en"):
            raise ConfigError(f"HDSWATCH_LANG={lang!r}: use 'fr' or 'en'")
        port = env.get("HDSWATCH_SMTP_PORT", "8025")
        if not port.isdigit():
            raise ConfigError(f"HDSWATCH_SMTP_PORT={port!r}: a port number is expected")
        return cls(
            home=home,
            inbox=Path(env.get("HDSWATCH_INBOX", home / "inbox")).absolute(),
            reports=Path(env.get("HDSWATCH_REPORTS", home / "reports")).absolute(),
            db_url=env.get("HDSWATCH_DB_URL", f"sqlite:///{home / 'registry.db'}"),
            smtp_host=env.get("HDSWATCH_SMTP_HOST", "127.0.0.1"),
            smtp_port=int(port),
            smtp_user=env.get("HDSWATCH_SMTP_USER") or None,
            smtp_password=env.get("HDSWATCH_SMTP_PASSWORD") or None,
            smtp_starttls=env.get("HDSWATCH_SMTP_STARTTLS", "false").lower()
            in ("1", "true", "yes"),
            mail_from=env.get("HDSWATCH_MAIL_FROM", "hdswatch@localhost"),
            rssi_email=env.get("HDSWATCH_RSSI_EMAIL", "rssi@localhost"),
            lang=lang,
            base_url=env.get("HDSWATCH_BASE_URL") or None,
            establishments_file=(
                Path(env["HDSWATCH_ESTABLISHMENTS"]).absolute()
                if env.get("HDSWATCH_ESTABLISHMENTS")
                else None
            ),
            smtp_conn_id=env.get("HDSWATCH_SMTP_CONN_ID") or None,
            policy_file=Path(env["HDSWATCH_POLICY"]).absolute()
            if env.get("HDSWATCH_POLICY")
            else None,
            default_notice_days=_notice_days(env.get("HDSWATCH_DEFAULT_NOTICE_DAYS", "90")),
            hosts_list=Path(env.get("HDSWATCH_HOSTS_LIST", home / "ans_hosts.json")).absolute(),
            datadocs=Path(env.get("HDSWATCH_DATADOCS", home / "datadocs")).absolute(),
        )

    def __repr__(self) -> str:  # never print the SMTP password
        return f"Settings(home={self.home!s}, db_url={_redact(self.db_url)}, smtp={self.smtp_host}:{self.smtp_port})"


def _notice_days(value: str) -> int | None:
    if value.strip().lower() in ("", "none", "aucun"):
        return None
    if not value.strip().isdigit():
        raise ConfigError(
            f"HDSWATCH_DEFAULT_NOTICE_DAYS={value!r}: a number of days, or 'none', is expected"
        )
    return int(value)


def _redact(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url


def get_settings() -> Settings:
    return Settings.from_env()
