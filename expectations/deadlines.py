"""Deadlines: the current term's end (tacit renewals rolled forward), the last day to give
notice, and the dated alert codes of the report spec, all against an explicit reference date.

>>> window(date(2026, 1, 1), date(2026, 1, 21))
30
>>> notice_deadline(date(2026, 12, 31), 3, "months")
datetime.date(2026, 9, 30)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

__all__ = ["WINDOWS", "Term", "current_term", "dated_alert", "notice_deadline", "window"]

WINDOWS = (7, 30, 90, 180)
V2_REQUIRED_FROM = date(2026, 5, 16)


def window(as_of: date, when: date) -> int | None:
    """The smallest alert window (days) containing ``when``; None if past or beyond 180 days."""
    days = (when - as_of).days
    if days < 0:
        return None
    for size in WINDOWS:
        if days <= size:
            return size
    return None


def notice_deadline(end: date, amount: int, unit: str) -> date:
    """Last day to give notice: ``end`` minus the notice, counted as the contract counts it."""
    if unit == "days":
        return end - timedelta(days=amount)
    months = amount * 12 if unit == "years" else amount
    result: date = end - relativedelta(months=months)
    return result


@dataclass(frozen=True)
class Term:
    end: date
    renewals: int  # tacit renewals rolled forward to reach as_of


def current_term(end: date, as_of: date, tacit: bool | None, renewal_months: int | None) -> Term:
    """End of the term running at ``as_of``: a tacitly renewed term rolls forward by its renewal
    period until it ends on or after ``as_of``."""
    if not tacit or not renewal_months or renewal_months <= 0:
        return Term(end, 0)
    renewals = 0
    start_anchor = end + timedelta(days=1)
    current = end
    while current < as_of:
        renewals += 1
        current = start_anchor + relativedelta(months=renewal_months * renewals) - timedelta(days=1)
    return Term(current, renewals)


def dated_alert(prefix: str, subject: str, as_of: date, when: date) -> str | None:
    """``expired:<subject>`` or ``<prefix>_<N>d:<subject>`` for a date, or None."""
    if when < as_of:
        return f"expired:{subject}"
    size = window(as_of, when)
    return f"{prefix}_{size}d:{subject}" if size else None
