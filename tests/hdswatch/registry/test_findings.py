"""The life of a finding, on SQLite and on PostgreSQL: opened once, seen again silently,
escalated, resolved, reopened, acknowledged, decided on; every step with who and when."""

from __future__ import annotations

import doctest
from datetime import date

import pytest
from sqlalchemy.orm import Session

from hdswatch.errors import InputError
from hdswatch.registry import findings as findings_module
from hdswatch.registry.db import session_scope, upgrade
from hdswatch.registry.findings import (
    SYSTEM,
    acknowledge,
    decide,
    key_of,
    rank_of,
    resolve,
    sync_contract,
)
from hdswatch.registry.judgment import AlertFact
from hdswatch.registry.models import Finding, FindingEvent, ReviewDecision
from hdswatch.registry.store import attach_document, record_document
from hdswatch.severity import severity_of

NIGHT = [date(2026, 11, day) for day in range(1, 11)]


@pytest.fixture
def contract(registry_url: str) -> tuple[str, int]:
    upgrade(registry_url)
    with session_scope(registry_url) as session:
        document, _ = record_document(
            session,
            sha256="c" * 64,
            file_name="c.pdf",
            stored_path="/c.pdf",
            establishment="CSR",
            size_bytes=1,
        )
        attach_document(session, document, None)
        return registry_url, document.contract_id or 0


def facts(*codes: str) -> list[AlertFact]:
    return [AlertFact(code=c, key=key_of(c), severity=severity_of(c), document_id=1) for c in codes]


def sync(url: str, contract_id: int, night: date, *codes: str) -> dict[str, list[str]]:
    with session_scope(url) as session:
        result = sync_contract(session, contract_id, facts(*codes), night)
        return {
            name: [f.code for f in getattr(result, name)]
            for name in ("opened", "escalated", "reopened", "resolved")
            if getattr(result, name)
        }


def life(session: Session, key: str) -> list[tuple[str, str, str, str]]:
    finding = session.query(Finding).filter_by(key=key).one()
    return [(e.event, e.state, e.code, e.by) for e in finding.events]


def test_keys_and_ranks() -> None:
    assert [key_of(c) for c in ("expiring_90d:contract", "expired:contract")] == [
        "due:contract"
    ] * 2
    assert key_of("notice_deadline_within_7d") == key_of("notice_deadline_passed")
    assert key_of("missing:reversibility") == "missing:reversibility"
    ladder = [
        "expiring_180d:hds_certificate",
        "expiring_90d:hds_certificate",
        "expiring_30d:hds_certificate",
        "expiring_7d:hds_certificate",
        "expired:hds_certificate",
    ]
    assert [rank_of(c) for c in ladder] == sorted(rank_of(c) for c in ladder)
    assert len({rank_of(c) for c in ladder}) == 5


def test_a_repeat_is_not_news_and_an_escalation_is(contract: tuple[str, int]) -> None:
    url, contract_id = contract
    assert sync(url, contract_id, NIGHT[0], "missing:reversibility", "expiring_90d:contract") == {
        "opened": ["missing:reversibility", "expiring_90d:contract"]
    }
    assert sync(url, contract_id, NIGHT[1], "missing:reversibility", "expiring_90d:contract") == {}
    assert sync(url, contract_id, NIGHT[2], "missing:reversibility", "expiring_30d:contract") == {
        "escalated": ["expiring_30d:contract"]
    }
    assert sync(url, contract_id, NIGHT[3], "missing:reversibility", "expiring_7d:contract") == {
        "escalated": ["expiring_7d:contract"]
    }
    assert sync(url, contract_id, NIGHT[4], "missing:reversibility", "expired:contract") == {
        "escalated": ["expired:contract"]
    }
    with session_scope(url) as session:
        due = session.query(Finding).filter_by(key="due:contract").one()
        assert (due.code, due.severity, due.revision, due.state) == (
            "expired:contract",
            "critical",
            4,
            "new",
        )
        assert (due.first_seen_on, due.last_seen_on) == (NIGHT[0], NIGHT[4])
        assert [(e.event, e.code, e.severity) for e in due.events] == [
            ("opened", "expiring_90d:contract", "medium"),
            ("escalated", "expiring_30d:contract", "high"),
            ("escalated", "expiring_7d:contract", "critical"),
            ("escalated", "expired:contract", "critical"),
        ]
        missing = session.query(Finding).filter_by(key="missing:reversibility").one()
        assert (missing.revision, len(missing.events)) == (1, 1)
        assert session.query(Finding).count() == 2


def test_a_calmer_code_is_recorded_but_not_news(contract: tuple[str, int]) -> None:
    url, contract_id = contract
    sync(url, contract_id, NIGHT[0], "expiring_30d:hds_certificate")
    # an amendment pushed the date back: 30 days → 180 days
    assert sync(url, contract_id, NIGHT[1], "expiring_180d:hds_certificate") == {}
    with session_scope(url) as session:
        assert life(session, "due:hds_certificate") == [
            ("opened", "new", "expiring_30d:hds_certificate", SYSTEM),
            ("changed", "new", "expiring_180d:hds_certificate", SYSTEM),
        ]
        assert session.query(Finding).one().revision == 1


def test_resolved_when_gone_and_reopened_when_back(contract: tuple[str, int]) -> None:
    url, contract_id = contract
    sync(url, contract_id, NIGHT[0], "missing:reversibility")
    assert sync(url, contract_id, NIGHT[1]) == {"resolved": ["missing:reversibility"]}
    assert sync(url, contract_id, NIGHT[2]) == {}
    assert sync(url, contract_id, NIGHT[3], "missing:reversibility") == {
        "reopened": ["missing:reversibility"]
    }
    with session_scope(url) as session:
        assert life(session, "missing:reversibility") == [
            ("opened", "new", "missing:reversibility", SYSTEM),
            ("resolved", "resolved", "missing:reversibility", SYSTEM),
            ("reopened", "reopened", "missing:reversibility", SYSTEM),
        ]
        assert session.query(Finding).one().revision == 2


def test_acknowledged_stays_quiet_until_it_escalates(contract: tuple[str, int]) -> None:
    url, contract_id = contract
    sync(url, contract_id, NIGHT[0], "notice_deadline_within_90d")
    with session_scope(url) as session:
        finding_id = session.query(Finding).one().id
        acknowledge(session, finding_id, "claire.martin", "vu avec les achats")
    with session_scope(url) as session:
        finding = session.get(Finding, finding_id)
        assert finding is not None
        assert (finding.state, finding.state_changed_by, finding.announced_revision) == (
            "acknowledged",
            "claire.martin",
            1,
        )
    assert sync(url, contract_id, NIGHT[1], "notice_deadline_within_90d") == {}
    assert sync(url, contract_id, NIGHT[2], "notice_deadline_within_30d") == {
        "escalated": ["notice_deadline_within_30d"]
    }
    with session_scope(url) as session:
        finding = session.get(Finding, finding_id)
        assert finding is not None
        assert (finding.state, finding.revision, finding.announced_revision) == (
            "acknowledged",
            2,
            1,
        )
        event = session.query(FindingEvent).filter_by(event="acknowledged").one()
        assert (event.by, event.note, event.at is not None) == (
            "claire.martin",
            "vu avec les achats",
            True,
        )


def test_resolved_by_a_person_reopens_only_when_more_urgent(contract: tuple[str, int]) -> None:
    url, contract_id = contract
    sync(url, contract_id, NIGHT[0], "expiring_90d:hds_certificate", "missing:dpo_audit")
    with session_scope(url) as session:
        for finding in session.query(Finding):
            resolve(session, finding.id, "rssi", "renouvellement en cours")
    assert (
        sync(url, contract_id, NIGHT[1], "expiring_90d:hds_certificate", "missing:dpo_audit") == {}
    )
    assert sync(
        url, contract_id, NIGHT[2], "expiring_30d:hds_certificate", "missing:dpo_audit"
    ) == {"reopened": ["expiring_30d:hds_certificate"]}
    with session_scope(url) as session:
        states = {f.key: (f.state, f.state_changed_by) for f in session.query(Finding)}
        assert states == {
            "due:hds_certificate": ("reopened", SYSTEM),
            "missing:dpo_audit": ("resolved", "rssi"),
        }


def test_review_decisions_are_kept_and_applied(contract: tuple[str, int]) -> None:
    url, contract_id = contract
    sync(url, contract_id, NIGHT[0], "missing:reversibility", "non_compliant:hosting_locations")
    with session_scope(url) as session:
        ids = {f.code: f.id for f in session.query(Finding)}
        decide(session, ids["missing:reversibility"], "false_positive", "dpo", "page 12, art. 9")
        decide(session, ids["non_compliant:hosting_locations"], "confirmed", "rssi")
        with pytest.raises(InputError, match="unknown decision: 'maybe'"):
            decide(session, ids["missing:reversibility"], "maybe", "dpo")
        with pytest.raises(InputError, match="finding 999 not found"):
            acknowledge(session, 999, "dpo")
    with session_scope(url) as session:
        decisions = [
            (d.contract_id, d.clause_id, d.decision, d.decided_by, d.comment)
            for d in session.query(ReviewDecision).order_by(ReviewDecision.id)
        ]
        assert decisions == [
            (contract_id, None, "false_positive", "dpo", "page 12, art. 9"),
            (contract_id, None, "confirmed", "rssi", None),
        ]
        states = {f.code: f.state for f in session.query(Finding)}
        assert states == {
            "missing:reversibility": "resolved",
            "non_compliant:hosting_locations": "acknowledged",
        }
        with pytest.raises(InputError, match="already resolved"):
            acknowledge(session, ids["missing:reversibility"], "dpo")


def test_docstring_examples_hold() -> None:
    failures, tried = doctest.testmod(findings_module)
    assert (tried > 0, failures) == (True, 0)
