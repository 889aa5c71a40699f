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
| HDSWATCH_PARSE_TIMEOUT_S | ``900`` | seconds one file may take to be read (in its own process); past it: ``unreadable`` |
| HDSWATCH_PARSE_MEMORY_MB | ``4096`` | address space of the process reading one file |
| HDSWATCH_MAX_PAGES | ``500`` | pages read per file; the rest is named in the report's ``errors`` |
| HDSWATCH_INBOX_SETTLE_S | ``2`` | a local inbox file younger than this is taken only if its size and time do not change meanwhile |
| HDSWATCH_DOCUMENTS_PER_TASK | ``20`` | most documents one ``analyse``/``validate``/``store`` task takes (a batch is first spread over 8 tasks) |
| HDSWATCH_S3_BUCKET | unset | read the inbox from this S3 bucket (unset: the local inbox folder) |
| HDSWATCH_S3_PREFIX | ``inbox/`` | key prefix of the S3 inbox: ``<prefix><CODE>/[<contract folder>/]file.pdf`` |
| HDSWATCH_SQS_QUEUE_URL | unset | SQS queue receiving the bucket's notifications (unset: the sentinel-file watcher) |
| HDSWATCH_AWS_CONN_ID | ``aws_default`` | the Airflow connection the queue's trigger uses |
| HDSWATCH_UPLOAD_MAX_MB | ``50`` | largest document the review page accepts as an upload |
| HDSWATCH_OIDC_ISSUER | unset | OpenID Connect provider of the review page's log-in (unset: passwords only) |
| HDSWATCH_OIDC_CLIENT_ID / _SECRET | unset | the review page's client at that provider |
| HDSWATCH_OIDC_ROLE_CLAIM | unset | claim giving the role (``rssi`` …); unset: the local account named by the e-mail |
| HDSWATCH_OIDC_ESTABLISHMENTS_CLAIM | unset | claim listing the establishment codes of a ``dpo`` or ``legal`` |
| HDSWATCH_RETENTION_REPORT_DAYS | ``365`` | JSON reports older than this are deleted by the nightly purge |
| HDSWATCH_RETENTION_STAGING_DAYS | ``7`` | staging files (extractions between tasks) older than this are deleted |
| HDSWATCH_RETENTION_MAIL_DAYS | ``90`` | bodies of e-mails sent longer ago than this are erased from the outbox |

>>> Settings.from_env({"HDSWATCH_HOME": "/srv/hds"}).db_url
'sqlite:////srv/hds/registry.db'
"""

from __future__ import annotations

import math
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
    parse_timeout_s: float = 900.0
    parse_memory_mb: int = 4096
    max_pages: int = 500
    inbox_settle_s: float = 2.0
    documents_per_task: int = 20
    s3_bucket: str | None = None
    s3_prefix: str = "inbox/"
    sqs_queue_url: str | None = None
    aws_conn_id: str = "aws_default"
    upload_max_mb: float = 50.0
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_role_claim: str | None = None
    oidc_establishments_claim: str | None = None
    retention_report_days: int = 365
    retention_staging_days: int = 7
    retention_mail_days: int = 90

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
            parse_timeout_s=_positive(env, "HDSWATCH_PARSE_TIMEOUT_S", "900"),
            parse_memory_mb=int(_positive(env, "HDSWATCH_PARSE_MEMORY_MB", "4096")),
            max_pages=int(_positive(env, "HDSWATCH_MAX_PAGES", "500")),
            inbox_settle_s=_positive(env, "HDSWATCH_INBOX_SETTLE_S", "2", zero=True),
            documents_per_task=max(1, int(_positive(env, "HDSWATCH_DOCUMENTS_PER_TASK", "20"))),
            s3_bucket=env.get("HDSWATCH_S3_BUCKET") or None,
            s3_prefix=_prefix(env.get("HDSWATCH_S3_PREFIX", "inbox/")),
            sqs_queue_url=env.get("HDSWATCH_SQS_QUEUE_URL") or None,
            aws_conn_id=env.get("HDSWATCH_AWS_CONN_ID") or "aws_default",
            upload_max_mb=_positive(env, "HDSWATCH_UPLOAD_MAX_MB", "50"),
            oidc_issuer=(env.get("HDSWATCH_OIDC_ISSUER") or "").rstrip("/") or None,
            oidc_client_id=env.get("HDSWATCH_OIDC_CLIENT_ID") or None,
            oidc_client_secret=env.get("HDSWATCH_OIDC_CLIENT_SECRET") or None,
            oidc_role_claim=env.get("HDSWATCH_OIDC_ROLE_CLAIM") or None,
            oidc_establishments_claim=env.get("HDSWATCH_OIDC_ESTABLISHMENTS_CLAIM") or None,
            retention_report_days=_days(env, "HDSWATCH_RETENTION_REPORT_DAYS", 365),
            retention_staging_days=_days(env, "HDSWATCH_RETENTION_STAGING_DAYS", 7),
            retention_mail_days=_days(env, "HDSWATCH_RETENTION_MAIL_DAYS", 90),
        )

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id and self.oidc_client_secret)

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


def _prefix(value: str) -> str:
    """``"inbox"`` → ``"inbox/"``; ``""`` or ``"/"`` → ``""`` (the whole bucket)."""
    value = value.strip().strip("/")
    return f"{value}/" if value else ""


def _positive(env: Mapping[str, str], name: str, default: str, *, zero: bool = False) -> float:
    """A positive number read from ``env[name]`` (``zero`` allows 0)."""
    value = env.get(name, default).strip() or default
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if number < 0 or (number == 0 and not zero) or not math.isfinite(number):
        raise ConfigError(f"{name}={value!r}: a positive number is expected")
    return number


def _days(env: Mapping[str, str], name: str, default: int) -> int:
    """A number of days ≥ 1 read from ``env[name]``."""
    value = env.get(name, "").strip() or str(default)
    if not value.isdigit() or int(value) < 1:
        raise ConfigError(f"{name}={value!r}: a number of days (≥ 1) is expected")
    return int(value)


def _redact(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url


def get_settings() -> Settings:
    from hdswatch.redact import install

    install()  # the secrets of the environment are masked in every log line of this process
    return Settings.from_env()
