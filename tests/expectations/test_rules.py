from __future__ import annotations

from datetime import date

import pytest

from expectations.catalogue import load_catalogue
from expectations.rules import evaluate
from extractors.types import ClauseFinding, Duration, Evidence, Extraction, Values

AS_OF = date(2026, 11, 29)
IDS = load_catalogue().ids


def extraction(
    values: Values | None = None, missing: tuple[str, ...] = (), kind: str = "contract"
) -> Extraction:
    evidence = [Evidence(2, 4, (72.0, 100.0, 300.0, 112.0), "clause text")]
    clauses = {
        i: ClauseFinding(
            i, "missing" if i in missing else "present", 0.9, [] if i in missing else evidence
        )
        for i in IDS
    }
    values = values or Values(
        hds_certificate_expiry="2028-01-01", end_date="2028-03-31", tacit_renewal=False
    )
    return Extraction("c.pdf", "0" * 64, kind, "fr", 3, [], values, clauses, [])  # type: ignore[arg-type]


def test_complete_contract_has_no_alert() -> None:
    result = evaluate(extraction(), AS_OF)
    assert result.alerts == []
    assert set(result.clauses) == set(IDS)
    assert result.clauses["reversibility"] == {
        "status": "present",
        "confidence": 0.9,
        "pages": [2],
        "evidence": [
            {"page": 2, "line": 4, "bbox": [72.0, 100.0, 300.0, 112.0], "text": "clause text"}
        ],
        "why": None,
        "legal_ref": load_catalogue().get("reversibility").legal_ref,
    }


def test_missing_clause() -> None:
    assert evaluate(extraction(missing=("reversibility",)), AS_OF).alerts == [
        "missing:reversibility"
    ]


@pytest.mark.parametrize(
    ("values", "code"),
    [
        (Values(storage_countries=["FR", "US"]), "non_compliant:hosting_locations"),
        (Values(breach_notification_hours=360), "non_compliant:breach_notification_to_controller"),
    ],
)
def test_value_that_breaks_the_rule(values: Values, code: str) -> None:
    values.hds_certificate_expiry, values.end_date, values.tacit_renewal = (
        "2028-01-01",
        "2028-03-31",
        False,
    )
    result = evaluate(extraction(values), AS_OF)
    assert result.alerts == [code]
    assert result.clauses[code.split(":")[1]]["why"]


@pytest.mark.parametrize(
    ("hours", "alerts"), [(72, []), (73, ["non_compliant:breach_notification_to_controller"])]
)
def test_breach_delay_boundary(hours: int, alerts: list[str]) -> None:
    values = Values(
        hds_certificate_expiry="2028-01-01",
        end_date="2028-03-31",
        tacit_renewal=False,
        breach_notification_hours=hours,
    )
    assert evaluate(extraction(values), AS_OF).alerts == alerts


def test_certificate_and_contract_dates() -> None:
    values = Values(hds_certificate_expiry="2026-11-28", end_date="2026-12-19", tacit_renewal=False)
    assert evaluate(extraction(values), AS_OF).alerts == [
        "expired:hds_certificate",
        "expiring_30d:contract",
    ]


def test_tacit_renewal_gives_notice_alert_not_contract_alert() -> None:
    values = Values(
        hds_certificate_expiry="2028-01-01",
        effective_date="2024-04-01",
        end_date="2027-03-31",
        initial_term=Duration(3, "years", "trois (3) ans"),
        tacit_renewal=True,
        renewal_term=Duration(12, "months", "douze (12) mois"),
        notice_period=Duration(3, "months", "trois (3) mois"),
    )
    result = evaluate(extraction(values), AS_OF)
    assert result.alerts == ["notice_deadline_within_90d"]
    assert result.dates == {
        "signature_date": None,
        "effective_date": "2024-04-01",
        "end_date": "2027-03-31",
        "initial_term_months": 36,
        "tacit_renewal": True,
        "renewal_term_months": 12,
        "notice_period_days": 90,
        "notice_period_text": "trois (3) mois",
        "notice_deadline": "2026-12-31",
        "hds_certificate_expiry": "2028-01-01",
    }


def test_notice_deadline_passed_then_rolled() -> None:
    values = Values(
        hds_certificate_expiry="2028-01-01",
        end_date="2026-12-31",
        tacit_renewal=True,
        renewal_term=Duration(12, "months", "12 mois"),
        notice_period=Duration(3, "months", "3 mois"),
    )
    assert evaluate(extraction(values), AS_OF).alerts == ["notice_deadline_passed"]
    rolled = evaluate(extraction(values), date(2027, 1, 1))
    assert rolled.dates["end_date"] == "2027-12-31"
    assert rolled.alerts == []


def test_unknown_dates() -> None:
    result = evaluate(extraction(Values(tacit_renewal=True)), AS_OF)
    assert result.alerts == ["unknown:hds_certificate_expiry", "unknown:end_date"]


def test_outdated_referential_after_16_may_2026() -> None:
    values = Values(
        hds_certificate_expiry="2028-01-01",
        end_date="2028-03-31",
        tacit_renewal=False,
        hds_referential="v1.1",
    )
    assert evaluate(extraction(values), date(2026, 5, 15)).alerts == []
    assert evaluate(extraction(values), date(2026, 5, 16)).alerts == [
        "outdated_referential:hds_certificate"
    ]


@pytest.mark.parametrize("kind", ["encrypted", "empty", "not_contract", "unreadable"])
def test_unanalysed_documents_get_no_clause_and_no_alert(kind: str) -> None:
    result = evaluate(extraction(kind=kind), AS_OF)
    assert (result.clauses, result.alerts) == ({}, [])
