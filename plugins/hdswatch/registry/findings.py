"""The life of a finding: opened, seen again, escalated, resolved, reopened, acknowledged; each
step recorded with who and when.

A finding is one concern about one contract, named by its ``key``: the alert code, except that
the windows of one deadline are one key (``expiring_90d:contract`` and ``expiring_30d:contract``
are both ``due:contract``). Seeing the same code again changes nothing worth telling; a code
that gets more urgent (180 → 90 → 30 → 7 days → expired) is an *escalation* and a finding that
comes back after being resolved is *reopened*: both raise ``revision``, which is what the e-mails
announce (``announced_revision`` keeps up with it).

A person's decision holds against the nightly audit and re-ingests: a finding a reviewer
resolved (marked wrong, fixed, accepted) stays resolved while the contract's documents and the
finding's evidence stay the same. It reopens when a document of the contract arrives after the
decision (new bytes: a new sha256, an amendment), when its evidence (document, page, quote)
changes, or when it gets more urgent.

>>> key_of("expiring_30d:hds_certificate"), rank_of("expiring_30d:hds_certificate")
('due:hds_certificate', -30)
>>> rank_of("expired:hds_certificate") > rank_of("expiring_7d:hds_certificate")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hdswatch.errors import InputError
from hdswatch.registry.models import DECISIONS, Document, Finding, FindingEvent, ReviewDecision
from hdswatch.registry.store import now

if TYPE_CHECKING:
    from hdswatch.registry.judgment import AlertFact

__all__ = [
    "CLAUSE_STATUSES",
    "SYSTEM",
    "SyncResult",
    "acknowledge",
    "decide",
    "key_of",
    "rank_of",
    "reopen",
    "resolve",
    "sync_contract",
]

SYSTEM = "hdswatch"
"""Who changes a finding when the audit does it."""
CLAUSE_STATUSES = ("present", "missing", "non_compliant")
"""What a reviewer may say a clause is, when a finding is wrong."""

_WINDOWED = re.compile(r"^(expiring|notice_deadline_within)_(\d+)d$")
_PAST = 1  # expired / notice deadline passed: more urgent than any window


def key_of(code: str) -> str:
    """What an alert code is about, whatever its window."""
    family, _, subject = code.partition(":")
    match = _WINDOWED.match(family)
    if match:
        return "due:notice_deadline" if match[1] == "notice_deadline_within" else f"due:{subject}"
    if family == "expired":
        return f"due:{subject}"
    if family == "notice_deadline_passed":
        return "due:notice_deadline"
    return code


def rank_of(code: str) -> int:
    """Urgency within a key: minus the window in days, ``1`` once the date is past, else 0."""
    family = code.partition(":")[0]
    match = _WINDOWED.match(family)
    if match:
        return -int(match[2])
    if family in ("expired", "notice_deadline_passed"):
        return _PAST
    return 0


@dataclass
class SyncResult:
    opened: list[Finding] = field(default_factory=list)
    escalated: list[Finding] = field(default_factory=list)
    reopened: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)

    def add(self, other: SyncResult) -> None:
        for name in ("opened", "escalated", "reopened", "resolved"):
            getattr(self, name).extend(getattr(other, name))


def sync_contract(
    session: Session,
    contract_id: int,
    facts: Sequence[AlertFact],
    as_of: date,
    *,
    existing: Iterable[Finding] | None = None,
    at: datetime | None = None,
) -> SyncResult:
    """Make the contract's open findings match ``facts`` (its alerts as judged at ``as_of``).

    ``existing`` are the contract's findings when the caller loaded them in bulk."""
    at = at or now()
    if existing is None:
        existing = session.scalars(select(Finding).where(Finding.contract_id == contract_id))
    by_key = {finding.key: finding for finding in existing}
    result = SyncResult()
    seen = set()
    for fact in facts:
        seen.add(fact.key)
        finding = by_key.get(fact.key)
        if finding is None:
            finding = Finding(
                contract_id=contract_id,
                key=fact.key,
                code=fact.code,
                severity=fact.severity,
                state="new",
                state_changed_at=at,
                state_changed_by=SYSTEM,
                revision=1,
                announced_revision=0,
                first_seen_on=as_of,
                last_seen_on=as_of,
                document_id=fact.document_id,
            )
            _describe(finding, fact)
            session.add(finding)
            _event(session, finding, "opened", SYSTEM, at)
            result.opened.append(finding)
            continue
        urgent = rank_of(fact.code) > rank_of(finding.code)
        changed = fact.code != finding.code or fact.severity != finding.severity
        why_again = None
        if finding.state == "resolved" and finding.state_changed_by != SYSTEM:
            why_again = _changed_since_decision(session, finding, fact)
        finding.last_seen_on = as_of
        _describe(finding, fact)
        finding.code, finding.severity = fact.code, fact.severity
        if finding.state == "resolved":
            if finding.state_changed_by == SYSTEM or urgent or why_again:
                _set_state(finding, "reopened", SYSTEM, at)
                finding.revision += 1
                _event(session, finding, "reopened", SYSTEM, at, note=why_again)
                result.reopened.append(finding)
            elif changed:
                _event(session, finding, "changed", SYSTEM, at)
        elif urgent:
            finding.revision += 1
            _event(session, finding, "escalated", SYSTEM, at)
            result.escalated.append(finding)
        elif changed:
            _event(session, finding, "changed", SYSTEM, at)
    for key, finding in by_key.items():
        if key not in seen and finding.state != "resolved":
            _set_state(finding, "resolved", SYSTEM, at)
            _event(
                session, finding, "resolved", SYSTEM, at, note="n’apparaît plus / no longer found"
            )
            result.resolved.append(finding)
    return result


def acknowledge(session: Session, finding_id: int, by: str, note: str | None = None) -> Finding:
    """Someone has seen the finding: it is not announced again unless it escalates or reopens."""
    finding = _get(session, finding_id)
    if finding.state == "resolved":
        raise InputError(
            f"constat {finding_id} déjà résolu / finding {finding_id} is already resolved"
        )
    at = now()
    _set_state(finding, "acknowledged", by, at)
    finding.announced_revision = finding.revision
    _event(session, finding, "acknowledged", by, at, note=note)
    return finding


def resolve(session: Session, finding_id: int, by: str, note: str | None = None) -> Finding:
    """Someone closes the finding; it reopens only if it gets more urgent."""
    finding = _get(session, finding_id)
    at = now()
    _set_state(finding, "resolved", by, at)
    _event(session, finding, "resolved", by, at, note=note)
    return finding


def reopen(session: Session, finding_id: int, by: str, note: str | None = None) -> Finding:
    finding = _get(session, finding_id)
    at = now()
    _set_state(finding, "reopened", by, at)
    finding.revision += 1
    _event(session, finding, "reopened", by, at, note=note)
    return finding


def decide(
    session: Session,
    finding_id: int,
    decision: str,
    by: str,
    comment: str | None = None,
    *,
    correct_status: str | None = None,
    page: int | None = None,
) -> ReviewDecision:
    """Record a review decision on a finding and apply it: ``confirmed`` acknowledges it;
    ``false_positive``, ``accepted_risk`` and ``fixed`` resolve it. A ``false_positive`` may
    carry the clause's ``correct_status`` (``present``, ``missing``, ``non_compliant``) and
    the ``page`` where the reviewer read it: they become labelled data (see
    :mod:`hdswatch.web.corrections`)."""
    if decision not in DECISIONS:
        raise InputError(
            f"décision inconnue / unknown decision: {decision!r} ({' | '.join(DECISIONS)})"
        )
    if correct_status is not None and correct_status not in CLAUSE_STATUSES:
        raise InputError(
            f"statut inconnu / unknown status: {correct_status!r} ({' | '.join(CLAUSE_STATUSES)})"
        )
    finding = _get(session, finding_id)
    if finding.contract_id is None:
        raise InputError(f"constat {finding_id} sans contrat / finding without a contract")
    record = ReviewDecision(
        contract_id=finding.contract_id,
        finding_id=finding.id,
        clause_id=finding.clause_id,
        decision=decision,
        comment=comment,
        correct_status=correct_status,
        page=page,
        decided_by=by,
        decided_at=now(),
    )
    session.add(record)
    note = f"décision / decision: {decision}" + (f" — {comment}" if comment else "")
    if decision == "confirmed":
        if finding.state != "resolved":
            acknowledge(session, finding_id, by, note)
    else:
        resolve(session, finding_id, by, note)
    session.flush()
    return record


def _changed_since_decision(session: Session, finding: Finding, fact: AlertFact) -> str | None:
    """Why a finding a person resolved must be looked at again, or None: a document of the
    contract arrived after the decision (a new file, so a new sha256: an amendment, a new
    version), or the evidence it rests on is not the one the person saw."""
    decided = _utc(finding.state_changed_at)
    if finding.contract_id is not None and decided is not None:
        latest = session.scalar(
            select(func.max(Document.received_at)).where(
                Document.contract_id == finding.contract_id
            )
        )
        if latest is not None and _utc(latest) > decided:  # type: ignore[operator]
            return "nouveau document / new document"
    seen = (finding.document_id, finding.page, finding.quote)
    if (fact.document_id, fact.page, fact.quote) != seen:
        return "preuve modifiée / evidence changed"
    return None


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes: they are UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _get(session: Session, finding_id: int) -> Finding:
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise InputError(f"constat {finding_id} introuvable / finding {finding_id} not found")
    return finding


def _describe(finding: Finding, fact: AlertFact) -> None:
    finding.document_id = fact.document_id
    finding.clause_id = fact.clause_id
    finding.due_date = fact.due_date
    finding.legal_ref = fact.legal_ref
    finding.page = fact.page
    finding.quote = fact.quote
    finding.why = fact.why


def _set_state(finding: Finding, state: str, by: str, at: datetime) -> None:
    finding.state, finding.state_changed_by, finding.state_changed_at = state, by, at


def _event(
    session: Session,
    finding: Finding,
    event: str,
    by: str,
    at: datetime,
    note: str | None = None,
) -> None:
    # Set from the event's side: the finding's history is not loaded for it.
    session.add(
        FindingEvent(
            finding=finding,
            at=at,
            by=by,
            event=event,
            state=finding.state,
            code=finding.code,
            severity=finding.severity,
            note=note,
        )
    )
