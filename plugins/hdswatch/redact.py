"""Secrets never reach a log: the secret values of the environment are masked in every log record.

In: the environment (``HDSWATCH_*`` and ``AWS_*`` variables). Out: a logging filter installed on
the root logger's handlers (and, inside an Airflow task, the same values handed to Airflow's own
masker) that replaces every secret value by ``***`` in the message, its arguments and the
traceback text of a record.

A secret is: the SMTP password, the review page's session secret, the password inside a database
URL (``HDSWATCH_DB_URL``, ``AIRFLOW__DATABASE__SQL_ALCHEMY_CONN``), and the value of any
``HDSWATCH_*``/``AWS_*`` variable whose name says PASSWORD, SECRET, TOKEN or KEY. Values shorter
than 4 characters are ignored (they would mask ordinary words).

>>> sorted(secrets_of({"HDSWATCH_DB_URL": "postgresql://app:s3cr3t@db/registry",
...                    "HDSWATCH_SMTP_PASSWORD": "hunter22"}))
['hunter22', 's3cr3t']
>>> mask_url("postgresql+psycopg2://app:s3cr3t@db:5432/registry")
'postgresql+psycopg2://app:***@db:5432/registry'
>>> redact("login hunter22 refused", ["hunter22"])
'login *** refused'
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterable, Mapping
from urllib.parse import unquote

__all__ = ["MASK", "SecretFilter", "install", "mask_url", "redact", "secrets_of"]

MASK = "***"
_URLS = ("HDSWATCH_DB_URL", "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN")
_NAMED = re.compile(r"^(HDSWATCH|AWS)_\w*(PASSWORD|SECRET|TOKEN|KEY)\w*$")
_NOT_SECRET = {"AWS_ACCESS_KEY_ID"}
_URL_PASSWORD = re.compile(r"^(?P<head>[\w+.-]+://[^:/@]*:)(?P<password>[^@]*)(?P<tail>@.*)$")
_MIN_LENGTH = 4


def mask_url(url: str) -> str:
    """``url`` with the password of its user part replaced by ``***`` (unchanged without one)."""
    match = _URL_PASSWORD.match(url)
    if not match or not match["password"]:
        return url
    return f"{match['head']}{MASK}{match['tail']}"


def _url_password(url: str) -> str | None:
    match = _URL_PASSWORD.match(url)
    return match["password"] if match and match["password"] else None


def secrets_of(env: Mapping[str, str] | None = None) -> set[str]:
    """The secret values of ``env`` (default: ``os.environ``), raw and URL-decoded."""
    env = os.environ if env is None else env
    found: set[str] = set()
    for name, value in env.items():
        if name in _URLS:
            password = _url_password(value)
            if password:
                found.update((password, unquote(password)))
        elif _NAMED.match(name) and name not in _NOT_SECRET:
            found.add(value)
    return {s for s in found if len(s) >= _MIN_LENGTH}


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret replaced by ``***`` (longest first, so none is half-masked)."""
    for secret in sorted(secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    return text


class SecretFilter(logging.Filter):
    """Rewrites a record so that no secret value is left in it; never drops a record."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__("hdswatch.redact")
        self.secrets = set(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        clean = redact(message, self.secrets)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.secrets)
        return True


def install(env: Mapping[str, str] | None = None) -> SecretFilter:
    """Put one :class:`SecretFilter` on every handler of the root logger (again on a second call:
    the secrets are refreshed, never duplicated); inside Airflow, hand the secrets to its masker."""
    secrets = secrets_of(env)
    root = logging.getLogger()
    chosen = None
    for handler in [*root.handlers, logging.lastResort]:
        if handler is None:
            continue
        existing = [f for f in handler.filters if isinstance(f, SecretFilter)]
        if existing:
            existing[0].secrets |= secrets
            chosen = chosen or existing[0]
        else:
            chosen = chosen or SecretFilter(secrets)
            handler.addFilter(chosen)
    if "airflow.sdk" in sys.modules:  # in a task: Airflow's own handlers mask these too
        from airflow.sdk.log import mask_secret

        for secret in secrets:
            mask_secret(secret)
    return chosen or SecretFilter(secrets)
