"""The product's calendar: alerts are dated in Europe/Paris.

>>> from datetime import datetime, UTC
>>> paris_date(datetime(2026, 11, 29, 23, 30, tzinfo=UTC)).isoformat()
'2026-11-30'
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

__all__ = ["PARIS", "paris_date", "today_in_paris"]

PARIS = ZoneInfo("Europe/Paris")


def paris_date(moment: datetime) -> date:
    """The calendar day in Paris at ``moment`` (an aware datetime)."""
    return moment.astimezone(PARIS).date()


def today_in_paris() -> date:
    return datetime.now(PARIS).date()
