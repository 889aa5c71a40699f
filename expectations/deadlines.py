"""Deadlines: the current term's end (tacit renewals rolled forward), the last day to give notice,
the certificate's expiry, and the dated alert codes of the report spec, all against an explicit
reference date.

A dated alert carries the smallest lead window (7, 30, 90, 180 days) containing its date; a date
further away gives nothing, a past date is a rule of the suites (``expired:…``,
``notice_deadline_passed``). A tacitly renewed contract that states no notice gets the policy's
default notice, and its deadline is flagged as assumed (never written in the report's ``dates``).

>>> window(date(2026, 1, 1), date(2026, 1, 21))
30
>>> notice_deadline(date(2026, 12, 31), 3, "months")
datetime.date(2026, 9, 30)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from extractors.types import Values

__all__ = [
    "DATE_FIELDS",
    "V2_REQUIRED_FROM",
    "WINDOWS",
    "Deadline",
    "Schedule",
    "Term",
    "current_term",
    "dated_alert",
    "notice_deadline",
    "report_dates",
    "schedule",
    "window",
]

WINDOWS = (7, 30, 90, 180)
V2_REQUIRED_FROM = date(2026, 5, 16)
DATE_FIELDS = (
    "signature_date",
    "effective_date",
    "end_date",
    "initial_term_months",
    "tacit_renewal",
    "renewal_term_months",
    "notice_period_days",
    "notice_period_text",
    "notice_deadline",
    "hds_certificate_expiry",
)


def window(as_of: date, when: date, windows: Sequence[int] = WINDOWS) -> int | None:
    """The smallest alert window (days) containing ``when``; None if past or beyond them all."""
    days = (when - as_of).days
    if days < 0:
        return None
    for size in sorted(windows):
        if days <= size:
            return size
    return None


def notice_deadline(end: date, amount: int, unit: str) -> date:
    """Last day to give notice: ``end`` minus the notice, counted as the contract counts it
    (calendar months, the day clamped to the month's end: 31 March - 1 month = 28 or 29 February)."""
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
    period until it ends on or after ``as_of``. Each renewal counts from the day after the first
    end, so month ends do not drift (28 Feb 2027 + 12 months → 29 Feb 2028)."""
    if not tacit or not renewal_months or renewal_months <= 0:
        return Term(end, 0)
    renewals = 0
    start_anchor = end + timedelta(days=1)
    current = end
    while current < as_of:
        renewals += 1
        current = start_anchor + relativedelta(months=renewal_months * renewals) - timedelta(days=1)
    return Term(current, renewals)


def dated_alert(
    prefix: str, subject: str, as_of: date, when: date, windows: Sequence[int] = WINDOWS
) -> str | None:
    """``expired:<subject>`` or ``<prefix>_<N>d:<subject>`` for a date, or None."""
    if when < as_of:
        return f"expired:{subject}"
    size = window(as_of, when, windows)
    return f"{prefix}_{size}d:{subject}" if size else None


@dataclass(frozen=True)
class Deadline:
    """An upcoming date inside a lead window: ``Deadline("notice_deadline_within_30d", "notice",
    date(2026, 12, 19), 20, 30)``."""

    code: str
    subject: str  # hds_certificate | contract | notice
    due: date
    days: int
    window: int
    assumed: bool = False


@dataclass(frozen=True)
class Schedule:
    """The dates of one contract judged at ``as_of``."""

    as_of: date
    end_date: date | None  # as stated, amendments applied
    term_end: date | None  # the current term's end, tacit renewals rolled forward
    renewals: int
    renews_tacitly: bool
    renewal_months: int | None  # stated, or the initial term's ("renewed for the same period")
    notice_days: int | None  # as stated (months count 30 days)
    notice_deadline: date | None  # stated or assumed
    notice_assumed_days: int | None  # the default notice used when the contract states none
    certificate_expiry: date | None
    deadlines: tuple[Deadline, ...]

    @property
    def notice_assumed(self) -> bool:
        return self.notice_assumed_days is not None

    @property
    def term_running(self) -> bool:
        return self.term_end is not None and self.term_end >= self.as_of


def _iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def schedule(
    values: Values,
    as_of: date,
    windows: Sequence[int] = WINDOWS,
    default_notice_days: int | None = None,
) -> Schedule:
    """Every date the rules need, from the values read in a contract."""
    deadlines: list[Deadline] = []

    def upcoming(code: str, subject: str, due: date | None, assumed: bool = False) -> None:
        if due is None or due < as_of:
            return
        size = window(as_of, due, windows)
        if size:
            deadlines.append(
                Deadline(code.format(n=size), subject, due, (due - as_of).days, size, assumed)
            )

    expiry = _iso(values.hds_certificate_expiry)
    upcoming("expiring_{n}d:hds_certificate", "hds_certificate", expiry)
    end = _iso(values.end_date)
    tacit = values.tacit_renewal is True
    renewal_months = values.renewal_term.months if values.renewal_term else None
    if tacit and renewal_months is None and values.initial_term is not None:
        renewal_months = values.initial_term.months  # renewed "for the same period"
    term = current_term(end, as_of, tacit, renewal_months) if end else None
    deadline = assumed_days = None
    if term and tacit:
        if values.notice_period is not None:
            notice = values.notice_period
            deadline = notice_deadline(term.end, notice.amount, notice.unit)
        elif default_notice_days is not None:
            assumed_days = default_notice_days
            deadline = term.end - timedelta(days=default_notice_days)
        upcoming("notice_deadline_within_{n}d", "notice", deadline, assumed_days is not None)
    elif term:
        upcoming("expiring_{n}d:contract", "contract", term.end)
    return Schedule(
        as_of=as_of,
        end_date=end,
        term_end=term.end if term else None,
        renewals=term.renewals if term else 0,
        renews_tacitly=tacit,
        renewal_months=renewal_months,
        notice_days=values.notice_period.days if values.notice_period else None,
        notice_deadline=deadline,
        notice_assumed_days=assumed_days,
        certificate_expiry=expiry,
        deadlines=tuple(deadlines),
    )


def report_dates(values: Values, plan: Schedule) -> dict[str, Any]:
    """The report's ``dates``: what the document gives, the term rolled forward, and the notice
    deadline only when the contract states its notice (an assumed deadline is never written)."""
    return {
        "signature_date": values.signature_date,
        "effective_date": values.effective_date,
        "end_date": plan.term_end.isoformat() if plan.term_end else None,
        "initial_term_months": values.initial_term.months if values.initial_term else None,
        "tacit_renewal": values.tacit_renewal,
        "renewal_term_months": values.renewal_term.months if values.renewal_term else None,
        "notice_period_days": plan.notice_days,
        "notice_period_text": values.notice_period.text if values.notice_period else None,
        "notice_deadline": (
            plan.notice_deadline.isoformat()
            if plan.notice_deadline and plan.renews_tacitly and not plan.notice_assumed
            else None
        ),
        "hds_certificate_expiry": values.hds_certificate_expiry,
    }
