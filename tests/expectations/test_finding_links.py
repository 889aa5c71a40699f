"""Findings: each one linked to its expectation, legal basis and evidence, with a severity and a
French and English explanation; the report's clause entries; the judgements at signature and today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from expectations import Evaluation, Policies, Policy, evaluate_many
from expectations.catalogue import load_catalogue
from expectations.findings import _ORDER
from expectations.rules import contract_rules
from tests.expectations.builders import EVIDENCE, NEAR_MISS, extraction

AS_OF = date(2026, 11, 29)
TODAY = "hds_contract.decret_2026-209.v1"
V2 = "hds_contract.hds_v2_2024.v1"  # the version of a contract signed in 2025


@pytest.fixture(scope="module")
def results() -> list[Evaluation]:
    documents = [
        # 0: a new contract (signed 20 days ago) missing a medium clause, storing in the US
        extraction(
            "new.pdf",
            signature_date="2026-11-09",
            effective_date="2026-11-09",
            missing=("contractual_contact",),
            storage_countries=["FR", "US"],
        ),
        # 1: the same, signed two years ago
        extraction("old.pdf", missing=("contractual_contact",), storage_countries=["FR", "US"]),
        # 2: a 2020 contract lacking what the HDS v2 referential added
        extraction(
            "2020.pdf",
            signature_date="2020-01-10",
            effective_date="2020-02-01",
            missing=("non_eea_access_safeguards", "reversibility"),
            non_compliant={"purpose_limitation": "réutilisation statistique"},
            hds_certificate_expiry="2026-12-19",
        ),
    ]
    return evaluate_many(documents, AS_OF, policies=Policies(Policy(default_notice_days=None)))


def test_a_clause_finding_links_expectation_basis_and_evidence(results: list[Evaluation]) -> None:
    finding = results[1].findings[0]
    clause = load_catalogue().get("hosting_locations")
    assert finding.to_dict() == {
        "code": "non_compliant:hosting_locations",
        "severity": "critical",
        "rule": "storage_in_eea",
        "suite": f"{V2}.contract",
        "expectation": "expect_column_values_to_be_null",
        "catalogue": V2,
        "clause_id": "hosting_locations",
        "legal_ref": "HDS v2 EXI 28 ; CSP L.1111-8 IV (loi SREN art. 32)",
        "title": {
            "fr": "Stockage des données exclusivement dans l\u2019Espace économique européen",
            "en": "Data stored only inside the European Economic Area",
        },
        "explanation": {
            "fr": "Les données sont stockées hors de l\u2019Espace économique européen (US), ce "
            "que le référentiel HDS v2 interdit.",
            "en": "The data is stored outside the European Economic Area (US), which the HDS v2 "
            "referential forbids.",
        },
        "evidence": [EVIDENCE.to_dict()],
        "due": None,
        "assumed": False,
        "value": "US",
    }
    assert clause.severity == "critical"
    today = next(f for f in results[0].findings if f.rule == "storage_in_eea")
    assert (today.catalogue, today.legal_ref) == (
        TODAY,
        "HDS v2 EXI 28 ; CSP L.1111-8 IV (loi SREN art. 32) ; décret n° 2026-209",
    )


def test_a_missing_clause_points_at_the_near_misses(results: list[Evaluation]) -> None:
    missing = results[1].findings[1]
    assert (missing.code, missing.rule, missing.suite, missing.expectation) == (
        "missing:contractual_contact",
        "clause_present",
        f"{V2}.clauses",
        "expect_column_values_to_be_in_set",
    )
    assert missing.evidence == (NEAR_MISS.to_dict(),)
    assert missing.legal_ref == "CSP R.1111-11 I 5° ; HDS v2 EXI 20, EXI 11"
    assert missing.explanation_fr.startswith("Le document ne contient pas cette clause. Le contrat")
    assert missing.explanation_en.startswith("The document lacks this clause. The contract")


@pytest.mark.parametrize(("index", "severity"), [(0, "critical"), (1, "medium")])
def test_a_missing_clause_is_critical_on_a_new_contract(
    results: list[Evaluation], index: int, severity: str
) -> None:
    finding = next(f for f in results[index].findings if f.code == "missing:contractual_contact")
    assert finding.severity == severity


def test_french_typography(results: list[Evaluation]) -> None:
    for finding in results[2].findings:
        assert "'" not in finding.explanation_fr and " :" not in finding.explanation_fr
        assert finding.explanation_fr and finding.explanation_en and finding.legal_ref


def test_judged_at_signature_and_today(results: list[Evaluation]) -> None:
    old = results[2]
    assert old.catalogue == {
        "applied": V2,
        "at_signature": "hds_contract.r1111-11_2018.v1",
        "today": TODAY,
        "signature_basis": "signature_date",
        "contract_type": "hds_hosting",
        "contract_type_assumed": True,
    }
    assert old.judgements == {
        "at_signature": {
            "catalogue": "hds_contract.r1111-11_2018.v1",
            "missing": ["reversibility"],
            "non_compliant": ["purpose_limitation"],
        },
        "today": {
            "catalogue": TODAY,
            "missing": ["reversibility", "non_eea_access_safeguards"],
            "non_compliant": ["purpose_limitation"],
        },
    }
    assert old.renewal_must_add == [
        "purpose_limitation",
        "reversibility",
        "non_eea_access_safeguards",
    ]
    assert old.alerts == [
        "non_compliant:purpose_limitation",
        "missing:reversibility",
        "missing:non_eea_access_safeguards",
        "expiring_30d:hds_certificate",
    ]


def test_the_report_clause_entries(results: list[Evaluation]) -> None:
    entries = results[1].clauses
    assert list(entries) == load_catalogue().ids
    assert entries["reversibility"] == {
        "status": "present",
        "confidence": 0.9,
        "pages": [2],
        "evidence": [EVIDENCE.to_dict()],
        "why": None,
        "legal_ref": load_catalogue().get("reversibility").legal_ref,
        "required": True,
    }
    assert entries["hosting_locations"]["status"] == "non_compliant"
    assert entries["hosting_locations"]["why"] == results[1].findings[0].explanation_fr
    assert entries["contractual_contact"]["status"] == "missing"
    purpose = results[2].clauses["purpose_limitation"]
    assert (purpose["status"], purpose["why"]) == ("non_compliant", "réutilisation statistique")


def test_a_deadline_finding(results: list[Evaluation]) -> None:
    finding = results[2].findings[-1].to_dict()
    assert {k: finding[k] for k in ("code", "severity", "rule", "suite", "due", "legal_ref")} == {
        "code": "expiring_30d:hds_certificate",
        "severity": "high",
        "rule": "deadline.hds_certificate",
        "suite": None,
        "due": "2026-12-19",
        "legal_ref": "CSP L.1111-8 II ; CSP L.1115-1",
    }
    assert "2026-12-19 (dans 20\u00a0jours)" not in finding["explanation"]["fr"]
    assert "le 2026-12-19 (dans 20 jours)" in finding["explanation"]["fr"]
    assert results[2].deadlines == [
        {
            "code": "expiring_30d:hds_certificate",
            "subject": "hds_certificate",
            "due": "2026-12-19",
            "days": 20,
            "window": 30,
            "assumed": False,
        }
    ]


def test_every_contract_rule_has_its_place_in_the_alert_order() -> None:
    for rule in contract_rules(load_catalogue()):
        assert rule.clause_id is not None or rule.id in _ORDER, rule.id


def test_a_new_contract_is_one_signed_within_new_contract_days() -> None:
    signed = {ago: (AS_OF - timedelta(days=ago)).isoformat() for ago in (89, 90, 91)}
    documents = [
        extraction(f"signed_{ago}.pdf", signature_date=day, missing=("contractual_contact",))
        for ago, day in signed.items()
    ]
    results = evaluate_many(documents, AS_OF, policies=Policies(Policy(new_contract_days=90)))
    assert [r.findings[0].severity for r in results] == ["critical", "critical", "medium"]
