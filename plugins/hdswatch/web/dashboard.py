"""What the dashboard shows, read from the registry and scoped by the user's establishments:
open findings by severity and by establishment, the deadlines of the next twelve months
(certificate expiry, end of term, last day to refuse tacit renewal) and the hosts with the
status of their HDS certificate.

>>> status_of(date(2026, 12, 20), date(2026, 11, 29)), status_of(None, date(2026, 11, 29))
('expiring', 'unknown')
>>> months_after(date(2026, 11, 29), 12)
datetime.date(2027, 11, 29)
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hdswatch.registry.accounts import User
from hdswatch.registry.models import Contract, Establishment, Finding
from hdswatch.severity import SEVERITIES
from hdswatch.web.queries import OPEN_STATES, establishments_of, scoped

__all__ = [
    "DEADLINE_KINDS",
    "LANE_COLOURS",
    "SEVERITY_COLOURS",
    "Dashboard",
    "Deadline",
    "HostRow",
    "charts",
    "dashboard",
    "months_after",
    "status_of",
]

DEADLINE_KINDS = ("hds_certificate_expiry", "end_date", "notice_deadline")
"""The register dates a deadline is made of, in the order of the chart's lanes."""
EXPIRING_DAYS = 90
"""A certificate that ends within this many days is ``expiring``."""
HORIZON_MONTHS = 12


@dataclass(frozen=True)
class Deadline:
    day: date
    kind: str  # one of DEADLINE_KINDS
    contract_id: int
    reference: str
    establishment: str


@dataclass(frozen=True)
class HostRow:
    name: str
    certificate_expiry: date | None
    status: str  # valid | expiring | expired | unknown
    contracts: int


@dataclass
class Dashboard:
    today: date
    until: date
    by_severity: dict[str, int]
    by_establishment: list[tuple[Establishment, dict[str, int]]]
    deadlines: list[Deadline] = field(default_factory=list)
    hosts: list[HostRow] = field(default_factory=list)


def months_after(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has fewer)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def status_of(expiry: date | None, today: date) -> str:
    """``expired``, ``expiring`` (within :data:`EXPIRING_DAYS`), ``valid`` or ``unknown``."""
    if expiry is None:
        return "unknown"
    if expiry < today:
        return "expired"
    if (expiry - today).days <= EXPIRING_DAYS:
        return "expiring"
    return "valid"


def dashboard(session: Session, user: User, today: date) -> Dashboard:
    until = months_after(today, HORIZON_MONTHS)
    establishments = establishments_of(session, user)
    counts: dict[int, dict[str, int]] = {e.id: dict.fromkeys(SEVERITIES, 0) for e in establishments}
    total: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
    open_findings = session.execute(
        scoped(
            select(Contract.establishment_id, Finding.severity)
            .join(Contract, Contract.id == Finding.contract_id)
            .where(Finding.state.in_(OPEN_STATES)),
            user,
        )
    )
    for establishment_id, severity in open_findings:
        if severity in total:
            total[severity] += 1
            counts.setdefault(establishment_id, dict.fromkeys(SEVERITIES, 0))[severity] += 1
    contracts = list(
        session.scalars(
            scoped(select(Contract), user)
            .options(selectinload(Contract.establishment), selectinload(Contract.host))
            .order_by(Contract.id)
        )
    )
    deadlines = sorted(
        (
            Deadline(day, kind, c.id, c.reference, c.establishment.code)
            for c in contracts
            for kind in DEADLINE_KINDS
            if (day := getattr(c, kind)) is not None and today <= day <= until
        ),
        key=lambda d: (d.day, DEADLINE_KINDS.index(d.kind), d.reference),
    )
    hosts: dict[int, tuple[str, date | None, int]] = {}
    for c in contracts:
        if c.host is not None:
            name, expiry, n = hosts.get(c.host.id, (c.host.name, c.host.certificate_expiry, 0))
            hosts[c.host.id] = (name, expiry, n + 1)
    host_rows = sorted(
        (HostRow(name, expiry, status_of(expiry, today), n) for name, expiry, n in hosts.values()),
        key=lambda h: (h.certificate_expiry or date.max, h.name),
    )
    return Dashboard(
        today=today,
        until=until,
        by_severity=total,
        by_establishment=[(e, counts[e.id]) for e in establishments],
        deadlines=deadlines,
        hosts=host_rows,
    )


_MONTHS = {
    "fr": [
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
LANE_COLOURS = {
    "hds_certificate_expiry": "#b3261e",
    "end_date": "#1f5fa8",
    "notice_deadline": "#c8581a",
}
SEVERITY_COLOURS = {
    "critical": "#b3261e",
    "high": "#c8581a",
    "medium": "#9a7b00",
    "info": "#4a6b8a",
}


def charts(board: Dashboard, words: dict[str, str], lang: str, base: str = "") -> dict[str, str]:
    """The dashboard's two SVG charts: ``timeline`` and ``bars``, in the user's language
    (``base``: the prefix of the application's links)."""
    from hdswatch.web.chart import Marker, bars, timeline

    names = _MONTHS.get(lang, _MONTHS["fr"])
    ticks: list[tuple[date, str]] = []
    first = board.today.replace(day=1)
    for i in range(HORIZON_MONTHS + 1):
        month = months_after(first, i)
        if month > board.today:
            first_tick = not ticks
            label = names[month.month - 1] + (
                f" {month.year}" if month.month == 1 or first_tick else ""
            )
            ticks.append((month, label))
    lanes = [(words[f"lane_{kind}"], LANE_COLOURS[kind]) for kind in DEADLINE_KINDS]
    markers = [
        Marker(
            day=d.day,
            lane=DEADLINE_KINDS.index(d.kind),
            label=d.reference,
            tooltip=f"{d.day.strftime('%d/%m/%Y')} — {words[f'lane_{d.kind}']} — "
            f"{d.reference} ({d.establishment})",
            href=f"{base}/contracts/{d.contract_id}",
        )
        for d in board.deadlines
    ]
    per_kind = ", ".join(
        f"{words[f'lane_{kind}']} : {sum(1 for d in board.deadlines if d.kind == kind)}"
        for kind in DEADLINE_KINDS
    )
    span = f"{board.today.strftime('%d/%m/%Y')} – {board.until.strftime('%d/%m/%Y')}"
    rows = [(e.code, counts) for e, counts in board.by_establishment]
    totals = "; ".join(
        f"{e.code} : " + ", ".join(f"{words[s]} {n}" for s, n in counts.items() if n)
        if any(counts.values())
        else f"{e.code} : 0"
        for e, counts in board.by_establishment
    )
    return {
        "timeline": timeline(
            markers,
            lanes,
            board.today,
            board.until,
            ticks,
            f"{words['timeline']} ({span})",
            f"{len(board.deadlines)} {words['deadlines_count']} — {per_kind}",
        ),
        "bars": bars(
            rows,
            tuple(SEVERITY_COLOURS),
            words["by_establishment"],
            totals,
            SEVERITY_COLOURS,
            {s: words[s] for s in SEVERITY_COLOURS},
        ),
    }
