"""From findings to e-mails: the immediate alert on a new or changed contract, and one nightly
digest per recipient.

Who receives what:

- the RSSI (``HDSWATCH_RSSI_EMAIL``): every establishment; the digest every night, "rien à
  signaler" included, so that silence never hides a broken watch;
- each establishment's DPO, and its contacts marked ``digest``: their establishment only, in
  their language; a digest only on nights with something new.

What is announced: a finding whose ``revision`` has not been announced yet, i.e. new, escalated
(90 → 30 → 7 days …) or reopened. Seen again unchanged, it is not announced again. The immediate
alert carries the critical ones of the contracts just ingested; the digest carries the rest, the
most urgent first, up to ``DIGEST_LIMIT`` (the others are counted, announced in one line and left
to the register: a first night after loading thousands of contracts stays readable). Messages go into the outbox in the same transaction that marks the
findings announced, then the outbox is delivered.

>>> send_digest(date(2026, 11, 29), get_settings())   # doctest: +SKIP
2
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from hdswatch.registry.db import session_scope
from hdswatch.registry.models import (
    Contract,
    Document,
    Email,
    EmailFinding,
    Establishment,
    Finding,
    Host,
)
from hdswatch.registry.outbox import deliver_pending, enqueue
from hdswatch.registry.store import now
from hdswatch.settings import Settings
from hdswatch.severity import SEVERITIES

__all__ = [
    "ALERT_PATIENCE",
    "DIGEST_LIMIT",
    "DIGEST_PATIENCE",
    "IMMEDIATE_SEVERITY",
    "Recipient",
    "audience",
    "deliver",
    "send_digest",
    "send_immediate_alerts",
]

IMMEDIATE_SEVERITY = "critical"
DIGEST_LIMIT = 200
"""Most alerts listed in one digest, the most urgent first."""
ALERT_PATIENCE = timedelta(minutes=10)
DIGEST_PATIENCE = timedelta(hours=2)
"""How long a step keeps trying a mail server that refuses or does not answer."""

_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Recipient:
    email: str
    lang: str
    establishments: frozenset[int] | None  # None: every establishment (the RSSI)

    def covers(self, establishment_id: int) -> bool:
        return self.establishments is None or establishment_id in self.establishments


@dataclass(frozen=True)
class _Row:
    finding: Finding
    contract: Contract
    document: Document
    establishment: Establishment
    host: str | None


def audience(session: Session, settings: Settings) -> list[Recipient]:
    """The RSSI first, then each DPO or contact with the establishments they follow."""
    people: dict[str, tuple[str, str, set[int] | None]] = {
        settings.rssi_email.casefold(): (settings.rssi_email, settings.lang, None)
    }
    establishments = session.scalars(select(Establishment).order_by(Establishment.code))
    for est in establishments:
        addresses = [(est.dpo_email, est.lang)] if est.dpo_email else []
        addresses += [(c.email, c.lang) for c in est.contacts if c.digest]
        for address, lang in addresses:
            assert address is not None
            _, _, scope = people.setdefault(
                address.casefold(), (address, lang or settings.lang, set())
            )
            if scope is not None:
                scope.add(est.id)
    return [
        Recipient(email, lang, None if scope is None else frozenset(scope))
        for email, lang, scope in people.values()
    ]


def send_immediate_alerts(
    document_ids: list[int], settings: Settings, *, patience: timedelta = ALERT_PATIENCE
) -> int:
    """Queue one alert per contract of these documents with critical findings not announced
    yet (one message per language of its recipients), then deliver the outbox."""
    from hdswatch.mail import render_alert

    with session_scope(settings.db_url) as session:
        contract_ids = sorted(
            set(
                session.scalars(
                    select(Document.contract_id).where(
                        Document.id.in_(document_ids), Document.contract_id.is_not(None)
                    )
                )
            )
        )
        recipients = audience(session, settings)
        rows = _unannounced(session, Finding.contract_id.in_(contract_ids))
        rows = [r for r in rows if r.finding.severity == IMMEDIATE_SEVERITY]
        for contract_id in contract_ids:
            mine = [r for r in rows if r.contract.id == contract_id]
            if not mine:
                continue
            contract, est = mine[0].contract, mine[0].establishment
            items = [_item(r) for r in mine]
            signature = _signature(r.finding for r in mine)
            for lang, addresses in _by_language(
                [p for p in recipients if p.covers(est.id)]
            ).items():
                message = render_alert(
                    items,
                    establishment=est.label,
                    contract=contract.reference,
                    lang=lang,
                    sender=settings.mail_from,
                    recipients=addresses,
                    base_url=settings.base_url,
                )
                email = enqueue(
                    session,
                    key=f"alert:{contract_id}:{signature}:{lang}",
                    kind="alert",
                    message=message,
                )
                _announce(session, email, [r.finding for r in mine])
    return deliver(settings, patience=patience)


def send_digest(as_of: date, settings: Settings, *, patience: timedelta = DIGEST_PATIENCE) -> int:
    """Queue tonight's digest for each recipient (once a night), then deliver the outbox."""
    with session_scope(settings.db_url) as session:
        # Run again the same night (a retried task), the step only delivers.
        if not _queued(session, _digest_key(as_of, settings.rssi_email)):
            _queue_digests(session, as_of, settings)
    return deliver(settings, patience=patience)


def _queue_digests(session: Session, as_of: date, settings: Settings) -> None:
    from hdswatch.mail import render_digest

    rows = sorted(_unannounced(session, None), key=_urgency)
    items: dict[int, Any] = {}  # built for the rows shown only, once for all digests

    def item(row: _Row) -> Any:
        if row.finding.id not in items:
            items[row.finding.id] = _item(row)
        return items[row.finding.id]

    labels = {est.id: est.label for est in session.scalars(select(Establishment))}
    for person in audience(session, settings):
        mine = [r for r in rows if person.covers(r.establishment.id)]
        if not mine and person.establishments is not None:
            continue
        shown, left = mine[:DIGEST_LIMIT], mine[DIGEST_LIMIT:]
        message = render_digest(
            [item(r) for r in shown],
            as_of=as_of,
            lang=person.lang,
            sender=settings.mail_from,
            recipients=[person.email],
            base_url=settings.base_url,
            scope=sorted(labels[i] for i in person.establishments or ()),
            more=len(left),
            more_critical=sum(r.finding.severity == IMMEDIATE_SEVERITY for r in left),
        )
        email = enqueue(
            session, key=_digest_key(as_of, person.email), kind="digest", message=message
        )
        _announce(session, email, [r.finding for r in mine])


def deliver(
    settings: Settings,
    *,
    patience: timedelta = timedelta(0),
    clock: Callable[[], datetime] = now,
    sleep: Callable[[float], None] | None = None,
) -> int:
    """Send what the outbox holds, through Airflow's SMTP connection when
    ``HDSWATCH_SMTP_CONN_ID`` names one, else through ``HDSWATCH_SMTP_*``."""
    send, sender = transport(settings)
    options: dict[str, Any] = {"patience": patience, "clock": clock}
    if sleep is not None:
        options["sleep"] = sleep
    return deliver_pending(settings.db_url, send, sender, **options)


def transport(settings: Settings) -> tuple[Callable[[Any], str], str]:
    """The function that hands a message over, and the sender address to use."""
    from hdswatch.mail import SmtpSettings, send

    if settings.smtp_conn_id:
        from hdswatch.mail.connection import smtp_from_connection

        smtp, from_email = smtp_from_connection(settings.smtp_conn_id)
        return (lambda message: send(message, smtp)), from_email or settings.mail_from
    smtp = SmtpSettings(
        host=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_user,
        password=settings.smtp_password,
        starttls=settings.smtp_starttls,
    )
    return (lambda message: send(message, smtp)), settings.mail_from


def _digest_key(as_of: date, address: str) -> str:
    return f"digest:{as_of.isoformat()}:{address.casefold()}"


def _queued(session: Session, key: str) -> bool:
    return session.scalars(select(Email.id).where(Email.dedupe_key == key)).first() is not None


def _unannounced(session: Session, where: Any) -> list[_Row]:
    query = (
        select(Finding, Contract, Document, Establishment, Host.name)
        .join(Contract, Finding.contract_id == Contract.id)
        .join(Document, Finding.document_id == Document.id)
        .join(Establishment, Contract.establishment_id == Establishment.id)
        .outerjoin(Host, Contract.host_id == Host.id)
        .where(Finding.state != "resolved", Finding.announced_revision < Finding.revision)
        .order_by(Finding.id)
    )
    if where is not None:
        query = query.where(where)
    return [_Row(*row) for row in session.execute(query)]


def _urgency(row: _Row) -> tuple[int, date, str, str]:
    finding = row.finding
    return (
        _RANK.get(finding.severity, len(_RANK)),
        finding.due_date or date.max,
        row.contract.reference,
        finding.code,
    )


def _item(row: _Row) -> Any:
    from expectations.catalogue import load_catalogue
    from hdswatch.mail import MailItem, describe

    finding, contract, document = row.finding, row.contract, row.document
    title_fr, title_en = describe(finding.code, "fr"), describe(finding.code, "en")
    legal_ref = finding.legal_ref
    if finding.clause_id:
        try:
            rule = load_catalogue().get(finding.clause_id)
        except KeyError:
            pass
        else:
            title_fr, title_en = rule.title_fr, rule.title_en
            legal_ref = legal_ref or rule.legal_ref
    # The page and quote are in one file: a contract of several files names it.
    name = (
        f"{contract.reference} — {document.file_name}" if contract.grouped else contract.reference
    )
    return MailItem(
        contract=name,
        establishment=row.establishment.label,
        host=row.host,
        code=finding.code,
        clause_id=finding.clause_id,
        title_fr=title_fr,
        title_en=title_en,
        severity=finding.severity,
        legal_ref=legal_ref,
        page=finding.page,
        quote=finding.quote,
        due_date=finding.due_date.isoformat() if finding.due_date else None,
        review_url=f"findings/{finding.id}",
        why=finding.why,
    )


def _by_language(recipients: Iterable[Recipient]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for person in recipients:
        groups.setdefault(person.lang, []).append(person.email)
    return groups


def _signature(findings: Iterable[Finding]) -> str:
    text = ",".join(sorted(f"{f.id}.{f.revision}" for f in findings))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _announce(session: Session, email: Email | None, findings: Sequence[Finding]) -> None:
    """Link the findings to the e-mail just queued and mark them announced. A message queued
    before under the same key (a task run again) announces nothing more."""
    if email is None:
        return
    at = now()
    if findings:
        session.execute(
            insert(EmailFinding),
            [{"email_id": email.id, "finding_id": f.id, "revision": f.revision} for f in findings],
        )
    for finding in findings:
        finding.announced_revision, finding.alerted_at = finding.revision, at
    session.flush()
