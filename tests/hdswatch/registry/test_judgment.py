"""A contract judged on all its documents: which alerts stay, and what each one shows."""

from __future__ import annotations

import doctest
from datetime import date
from typing import Any

from hdswatch.registry import judgment as judgment_module
from hdswatch.registry.judgment import judge


def clause(status: str, *lines: tuple[int, str], why: str | None = None) -> dict[str, Any]:
    return {
        "status": status,
        "evidence": [{"page": p, "line": 1, "bbox": [0, 0, 1, 1], "text": t} for p, t in lines],
        "why": why,
        "legal_ref": "CSP R.1111-11 I 3°",
    }


def report(
    alerts: list[str], dates: dict[str, Any] | None = None, **clauses: Any
) -> dict[str, Any]:
    return {"alerts": alerts, "dates": dates or {}, "clauses": clauses, "host": None}


MAIN = report(
    [
        "missing:reversibility",
        "non_compliant:hosting_locations",
        "expiring_30d:hds_certificate",
        "notice_deadline_within_90d",
    ],
    {
        "end_date": "2027-03-31",
        "notice_deadline": "2026-12-31",
        "hds_certificate_expiry": "2026-12-20",
    },
    reversibility=clause("missing"),
    hosting_locations=clause(
        "non_compliant",
        (3, "ARTICLE VI – LIEUX D’HÉBERGEMENT"),
        (3, "Les données sont hébergées en France et aux États-Unis."),
        why="Stockage hors de l'EEE : US",
    ),
    hds_certificate_scope=clause("present", (2, "Certificat n° HDS-1 valable jusqu'au 20/12/2026")),
)


def test_one_document_gives_its_own_alerts_with_their_facts() -> None:
    result = judge([(1, "main", MAIN)])
    assert [(a.code, a.key, a.severity) for a in result.alerts] == [
        ("missing:reversibility", "missing:reversibility", "critical"),
        ("non_compliant:hosting_locations", "non_compliant:hosting_locations", "critical"),
        ("expiring_30d:hds_certificate", "due:hds_certificate", "high"),
        ("notice_deadline_within_90d", "due:notice_deadline", "medium"),
    ]
    missing, locations, certificate, notice = result.alerts
    assert (missing.page, missing.quote, missing.why, missing.clause_id) == (
        None,
        None,
        None,
        "reversibility",
    )
    assert (locations.page, locations.quote, locations.why, locations.legal_ref) == (
        3,
        "ARTICLE VI – LIEUX D’HÉBERGEMENT Les données sont hébergées en France et aux États-Unis.",
        "Stockage hors de l'EEE : US",
        "CSP R.1111-11 I 3°",
    )
    assert (
        certificate.due_date,
        certificate.page,
        certificate.legal_ref,
        certificate.clause_id,
    ) == (
        date(2026, 12, 20),
        2,
        "CSP L.1111-8 II",
        None,
    )
    assert (notice.due_date, notice.page, notice.legal_ref) == (date(2026, 12, 31), None, None)
    assert result.dates["end_date"] == "2027-03-31"


def test_an_annex_supplies_a_missing_clause_but_never_misses_one() -> None:
    annex = report(
        ["missing:hosting_locations", "missing:purpose_limitation"],
        reversibility=clause("present", (1, "Réversibilité : restitution des données")),
    )
    codes = [a.code for a in judge([(1, "main", MAIN), (2, "annex", annex)]).alerts]
    assert codes == [
        "non_compliant:hosting_locations",
        "expiring_30d:hds_certificate",
        "notice_deadline_within_90d",
    ]


def test_the_last_amendment_governs_dates_and_clauses() -> None:
    amendment = report(
        ["expiring_180d:hds_certificate"],
        {"end_date": "2029-03-31", "hds_certificate_expiry": "2027-05-01"},
        hosting_locations=clause("present", (1, "Les données sont hébergées en France.")),
    )
    result = judge([(1, "main", MAIN), (2, "amendment", amendment)])
    assert [(a.code, a.document_id) for a in result.alerts] == [
        ("missing:reversibility", 1),
        ("expiring_180d:hds_certificate", 2),
    ]
    assert result.alerts[1].due_date == date(2027, 5, 1)
    assert result.dates == {"end_date": "2029-03-31", "hds_certificate_expiry": "2027-05-01"}


def test_an_amendment_can_break_a_clause() -> None:
    amendment = report(
        ["non_compliant:reversibility"],
        reversibility=clause("non_compliant", (1, "Restitution payante"), why="coût non défini"),
    )
    result = judge([(1, "main", MAIN), (2, "amendment", amendment)])
    broken = [a for a in result.alerts if a.key == "non_compliant:reversibility"]
    assert [(a.document_id, a.why) for a in broken] == [(2, "coût non défini")]
    assert "missing:reversibility" not in [a.code for a in result.alerts]


def test_no_document_no_alert() -> None:
    assert judge([]).alerts == []


def test_docstring_examples_hold() -> None:
    failures, tried = doctest.testmod(judgment_module)
    assert (tried > 0, failures) == (True, 0)
