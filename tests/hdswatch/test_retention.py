"""The nightly purge (hdswatch.retention): old reports and staging files go, sent e-mails lose
their subject and bodies but keep their row (no second alert), pending e-mails and recent files
stay; the settings and their defaults."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from hdswatch.cli import cli
from hdswatch.errors import ConfigError
from hdswatch.registry.db import session_scope
from hdswatch.registry.models import Email
from hdswatch.retention import Purged, cutoff, purge
from hdswatch.settings import Settings
from tests.hdswatch.ingested import TODAY, Ingested, environment, ingest_demo


def age(path: Path, days: float) -> None:
    when = (datetime.combine(TODAY, datetime.min.time(), UTC) - timedelta(days=days)).timestamp()
    os.utime(path, (when, when))


@pytest.fixture
def ingested(tmp_path: Path) -> Ingested:
    return ingest_demo(tmp_path, ("CHB",))


def test_defaults_and_settings() -> None:
    default = Settings.from_env({})
    assert (
        default.retention_report_days,
        default.retention_staging_days,
        default.retention_mail_days,
    ) == (365, 7, 90)
    chosen = Settings.from_env(
        {
            "HDSWATCH_RETENTION_REPORT_DAYS": "30",
            "HDSWATCH_RETENTION_STAGING_DAYS": "2",
            "HDSWATCH_RETENTION_MAIL_DAYS": "10",
        }
    )
    assert (chosen.retention_report_days, chosen.retention_staging_days) == (30, 2)
    assert chosen.retention_mail_days == 10
    for bad in ("0", "-3", "a year"):
        with pytest.raises(ConfigError, match="HDSWATCH_RETENTION_MAIL_DAYS"):
            Settings.from_env({"HDSWATCH_RETENTION_MAIL_DAYS": bad})


def test_cutoff_is_midnight_in_paris() -> None:
    assert cutoff(TODAY, 90).isoformat() == "2026-08-31T00:00:00+02:00"


def test_purge_applies_each_retention(ingested: Ingested) -> None:
    settings = Settings.from_env(ingested.env)
    reports = sorted(settings.reports.glob("*.json"))
    staging = sorted((settings.home / "staging").glob("*"))
    assert len(reports) == 1 and staging
    recent = settings.reports / "zz_recent.json"
    recent.write_text("{}", "utf-8")
    reports.append(recent)
    age(reports[0], 366)
    age(reports[1], 364)
    for path in staging[:-1]:
        age(path, 8)
    with session_scope(settings.db_url) as s:
        sent = s.scalars(select(Email).where(Email.status == "sent")).one()
        sent_id, subject = sent.id, sent.subject
        assert subject and sent.body_text and sent.body_html
        old = datetime.combine(TODAY, datetime.min.time(), UTC) - timedelta(days=91)
        s.execute(update(Email).where(Email.id == sent_id).values(sent_at=old))
        s.add(
            Email(
                dedupe_key="pending-one",
                kind="alert",
                recipients="rssi@localhost",
                subject="en attente",
                body_text="corps",
                body_html="<p>corps</p>",
                status="pending",
                attempts=0,
                created_at=old,
            )
        )

    assert purge(TODAY, settings) == Purged(reports=1, staging=len(staging) - 1, mails=1)

    assert sorted(settings.reports.glob("*.json")) == reports[1:]
    assert sorted((settings.home / "staging").glob("*")) == staging[-1:]
    with session_scope(settings.db_url) as s:
        erased = s.get(Email, sent_id)
        assert erased is not None
        assert (erased.subject, erased.body_text, erased.body_html) == ("", "", "")
        assert erased.status == "sent" and erased.dedupe_key  # never announced twice
        pending = s.scalars(select(Email).where(Email.dedupe_key == "pending-one")).one()
        assert (pending.subject, pending.body_text) == ("en attente", "corps")
    assert purge(TODAY, settings) == Purged()  # nothing left to do the next night


def test_purge_command(ingested: Ingested) -> None:
    settings = Settings.from_env(ingested.env)
    age(sorted(settings.reports.glob("*.json"))[0], 400)
    with environment(ingested.env):
        result = CliRunner().invoke(cli, ["purge", "--as-of", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("purge 2026-11-29 : 1 rapport(s), ")
    assert result.output.endswith(", 0 e-mail(s) effacé(s)\n")


def test_the_module_examples_hold() -> None:
    import doctest

    import hdswatch.retention as module

    failures, tried = doctest.testmod(module)
    assert (failures, tried > 0) == (0, True)
