"""From findings to e-mails: the immediate alert for a new contract and the nightly digest.

Findings become :class:`hdswatch.mail.MailItem` (with the page and quote of the evidence from the
latest report), messages are queued in the outbox, then delivered; a finding is marked alerted in
the same transaction that queues its e-mail, so it is announced once.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sqlalchemy import select

from hdswatch.registry.db import session_scope
from hdswatch.registry.models import Analysis, Document, Establishment, Finding
from hdswatch.registry.outbox import deliver_pending, enqueue
from hdswatch.registry.store import now, unalerted_findings
from hdswatch.settings import Settings

__all__ = ["IMMEDIATE_FAMILIES", "send_digest", "send_immediate_alerts"]

IMMEDIATE_FAMILIES = ("missing", "non_compliant", "expired", "outdated_referential")
_DUE = {"hds_certificate": "hds_certificate_expiry", "contract": "end_date"}


def _item(
    finding: Finding, document: Document, report: dict[str, Any], base_url: str | None
) -> Any:
    from expectations.catalogue import load_catalogue
    from hdswatch.mail import MailItem, describe

    family, _, subject = finding.code.partition(":")
    page = quote = due = None
    if finding.clause_id:
        rule = load_catalogue().get(finding.clause_id)
        title_fr, title_en, legal_ref = rule.title_fr, rule.title_en, rule.legal_ref
        clause = report.get("clauses", {}).get(finding.clause_id, {})
        if clause.get("evidence"):
            page, quote = clause["evidence"][0]["page"], clause["evidence"][0]["text"]
    else:
        title_fr, title_en, legal_ref = (
            describe(finding.code, "fr"),
            describe(finding.code, "en"),
            None,
        )
        dates = report.get("dates", {})
        due = (
            dates.get("notice_deadline")
            if family.startswith("notice_deadline")
            else dates.get(_DUE.get(subject, ""))
        )
    return MailItem(
        contract=document.file_name,
        establishment=document.establishment_code,
        host=report.get("host"),
        code=finding.code,
        clause_id=finding.clause_id,
        title_fr=title_fr,
        title_en=title_en,
        severity=finding.severity,
        legal_ref=legal_ref,
        page=page,
        quote=quote,
        due_date=due,
        review_url=f"{base_url.rstrip('/')}/contracts/{document.id}" if base_url else None,
    )


def _latest_report(session: Any, document_id: int) -> dict[str, Any]:
    analysis = session.scalars(
        select(Analysis).where(Analysis.document_id == document_id).order_by(Analysis.id.desc())
    ).first()
    return analysis.report if analysis else {}


def _recipients(session: Any, settings: Settings, establishment: str | None) -> list[str]:
    out = [settings.rssi_email]
    if establishment:
        est = session.scalars(
            select(Establishment).where(Establishment.code == establishment)
        ).first()
        if est is not None and est.dpo_email and est.dpo_email not in out:
            out.append(est.dpo_email)
    return out


def _sender(settings: Settings) -> Any:
    from hdswatch.mail import SmtpSettings, send

    smtp = SmtpSettings(
        host=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_user,
        password=settings.smtp_password,
        starttls=settings.smtp_starttls,
    )
    return lambda message: send(message, smtp)


def send_immediate_alerts(document_ids: list[int], settings: Settings) -> int:
    """Queue and send one alert per document having new missing/non-compliant/expired findings."""
    from hdswatch.mail import render_alert

    with session_scope(settings.db_url) as session:
        for document_id in document_ids:
            document = session.get(Document, document_id)
            if document is None:
                continue
            findings = [
                f
                for f in session.scalars(
                    select(Finding).where(
                        Finding.document_id == document_id, Finding.state == "new"
                    )
                )
                if f.code.split(":")[0] in IMMEDIATE_FAMILIES
            ]
            if not findings:
                continue
            report = _latest_report(session, document_id)
            items = [_item(f, document, report, settings.base_url) for f in findings]
            message = render_alert(
                items,
                establishment=document.establishment_code,
                contract=document.file_name,
                lang=settings.lang,
                sender=settings.mail_from,
                recipients=_recipients(session, settings, document.establishment_code),
                base_url=settings.base_url,
            )
            codes = ",".join(sorted(f.code for f in findings))
            digest = hashlib.sha256(codes.encode()).hexdigest()[:12]
            enqueue(
                session, key=f"alert:{document.sha256[:16]}:{digest}", kind="alert", message=message
            )
            for finding in findings:
                finding.state, finding.alerted_at = "alerted", now()
    return deliver_pending(settings.db_url, _sender(settings), settings.mail_from)


def send_digest(as_of: date, settings: Settings) -> int:
    """Queue and send the RSSI's digest of every finding not announced yet (one per night)."""
    from hdswatch.mail import render_digest

    with session_scope(settings.db_url) as session:
        findings = unalerted_findings(session)
        items = []
        for finding in findings:
            document = finding.document
            items.append(
                _item(finding, document, _latest_report(session, document.id), settings.base_url)
            )
        message = render_digest(
            items,
            as_of=as_of,
            lang=settings.lang,
            sender=settings.mail_from,
            recipients=_recipients(session, settings, None),
            base_url=settings.base_url,
        )
        if enqueue(session, key=f"digest:{as_of.isoformat()}:rssi", kind="digest", message=message):
            for finding in findings:
                finding.state, finding.alerted_at = "alerted", now()
    return deliver_pending(settings.db_url, _sender(settings), settings.mail_from)
