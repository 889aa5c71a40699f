"""The nightly purge: what hdswatch keeps about contracts, it keeps only as long as the settings say.

In: the settings (``HDSWATCH_RETENTION_REPORT_DAYS``, ``_STAGING_DAYS``, ``_MAIL_DAYS``) and the
night's date. Out: a :class:`Purged` count of what went:

- JSON reports under ``HDSWATCH_REPORTS`` last written before the report cut-off are deleted
  (the registry keeps the analysis; ``hdswatch analyze`` writes a report again on demand);
- staging files under ``$HDSWATCH_HOME/staging`` (extractions passed between tasks) older than
  the staging cut-off are deleted;
- e-mails of the outbox sent before the mail cut-off lose their subject and bodies (they quote
  file names, clauses and dates); the row stays, with its dedupe key and Message-ID, so that an
  alert is never sent twice.

A cut-off is midnight (Europe/Paris) of the night's date minus the number of days. Pending
e-mails, the registry's documents, analyses, findings and the access log are never touched here
(deleting a contract is :mod:`hdswatch.registry.erase`).

>>> purge(date(2026, 11, 29), get_settings())   # doctest: +SKIP
Purged(reports=3, staging=12, mails=40)
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import update

from hdswatch.registry.db import session_scope
from hdswatch.registry.models import Email
from hdswatch.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["ERASED", "Purged", "cutoff", "purge"]

ERASED = ""
"""What an erased subject or body holds."""
_PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class Purged:
    reports: int = 0
    staging: int = 0
    mails: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def cutoff(as_of: date, days: int) -> datetime:
    """Midnight in Paris of ``as_of - days``: what is older goes.

    >>> cutoff(date(2026, 11, 29), 7).isoformat()
    '2026-11-22T00:00:00+01:00'
    """
    return datetime.combine(as_of - timedelta(days=days), time(), _PARIS)


def purge(as_of: date, settings: Settings) -> Purged:
    """Apply the retention settings as of the night ``as_of``."""
    reports = _old_files(settings.reports, "*.json", cutoff(as_of, settings.retention_report_days))
    staging = _old_files(
        settings.home / "staging", "*", cutoff(as_of, settings.retention_staging_days)
    )
    mails = _erase_sent_mails(settings.db_url, cutoff(as_of, settings.retention_mail_days))
    result = Purged(reports=reports, staging=staging, mails=mails)
    log.info("purge %s: %s", as_of, result.as_dict())
    return result


def _old_files(folder: Path, pattern: str, before: datetime) -> int:
    if not folder.is_dir():
        return 0
    limit = before.timestamp()
    removed = 0
    for path in sorted(folder.rglob(pattern)):
        if path.is_file() and not path.is_symlink() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _erase_sent_mails(db_url: str, before: datetime) -> int:
    with session_scope(db_url) as session:
        result = session.execute(
            update(Email)
            .where(
                Email.status == "sent",
                Email.sent_at < before,
                (Email.body_text != ERASED)
                | (Email.body_html != ERASED)
                | (Email.subject != ERASED),
            )
            .values(subject=ERASED, body_text=ERASED, body_html=ERASED, last_error=None)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)
