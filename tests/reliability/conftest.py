"""A throw-away hdswatch for each reliability test: its own home, SQLite registry, inbox and a
real SMTP server on loopback; small parsing limits so that hostile files cost seconds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hdswatch import pipeline
from hdswatch.mail import MailCatcher
from hdswatch.settings import Settings

LIMITS = {
    "HDSWATCH_PARSE_TIMEOUT_S": "20",
    "HDSWATCH_PARSE_MEMORY_MB": "700",
    "HDSWATCH_MAX_PAGES": "30",
    "HDSWATCH_INBOX_SETTLE_S": "0.2",
}


def make_settings(home: Path, smtp_port: int, **extra: str) -> Settings:
    env = {
        "HDSWATCH_HOME": str(home),
        "HDSWATCH_SMTP_PORT": str(smtp_port),
        "HDSWATCH_RSSI_EMAIL": "rssi@ght.example",
        "HDSWATCH_MAIL_FROM": "hdswatch@ght.example",
        **LIMITS,
        **extra,
    }
    return Settings.from_env(env)


@pytest.fixture
def mailbox(tmp_path: Path) -> Iterator[MailCatcher]:
    with MailCatcher(tmp_path / "mailbox") as catcher:
        yield catcher


@pytest.fixture
def settings(tmp_path: Path, mailbox: MailCatcher) -> Settings:
    made = make_settings(tmp_path / "home", mailbox.port)
    pipeline.prepare(made)
    return made
