"""The analysis report on top of the new evaluation: every field of the report spec kept, the
added fields, and the settings that feed the rules (policy file, default notice, host list)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from expectations.deadlines import DATE_FIELDS
from expectations.hostlist import HostList, HostRecord
from hdswatch.errors import ConfigError
from hdswatch.report import REPORT_FIELDS, build_report, build_reports, reevaluate
from tests.expectations.builders import extraction, months

AS_OF = date(2026, 11, 29)
ADDED = {"as_of", "findings", "catalogue", "judgements", "renewal_must_add", "deadlines"}


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HDSWATCH_HOME", str(tmp_path))
    for name in ("HDSWATCH_POLICY", "HDSWATCH_DEFAULT_NOTICE_DAYS", "HDSWATCH_HOSTS_LIST"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_every_spec_field_and_the_added_ones() -> None:
    report = build_report(extraction("c.pdf", missing=("reversibility",)), AS_OF)
    assert list(report)[: len(REPORT_FIELDS)] == list(REPORT_FIELDS)
    assert set(report) == set(REPORT_FIELDS) | ADDED
    assert tuple(report["dates"]) == DATE_FIELDS
    assert report["alerts"] == ["missing:reversibility"]
    assert [f["code"] for f in report["findings"]] == ["missing:reversibility"]
    assert report["hds_certificate"] == {
        "number": None,
        "certifier": None,
        "scope": [],
        "referential": "v2",
    }
    assert len(report["clauses"]) == 23 and report["as_of"] == "2026-11-29"


def test_a_document_not_analysed() -> None:
    report = build_report(extraction("x.pdf", kind="encrypted"), AS_OF)
    assert (report["clauses"], report["alerts"], report["findings"]) == ({}, [], [])
    assert set(report["dates"].values()) == {None}


def test_stored_extractions_judged_again_alone_or_together() -> None:
    documents = [
        extraction("a.pdf"),
        extraction("b.pdf", hds_certificate_expiry="2026-12-01"),
        extraction("c.pdf", storage_countries=["US"]),
    ]
    alone = [reevaluate(d.to_dict(), AS_OF) for d in documents]
    together = build_reports([(d, None, None) for d in documents], AS_OF)
    assert alone == together
    assert [r["alerts"] for r in together] == [
        [],
        ["expiring_7d:hds_certificate"],
        ["non_compliant:hosting_locations"],
    ]


def test_the_document_role_sets_the_contract_type() -> None:
    amendment = extraction("avenant.pdf", missing=("reversibility", "dpo_audit"))
    report = reevaluate(amendment.to_dict(), AS_OF, contract_type="amendment")
    assert report["alerts"] == []
    assert report["catalogue"]["contract_type"] == "amendment"
    assert report["clauses"]["reversibility"] | {"evidence": []} == {
        "status": "missing",
        "confidence": 0.5,
        "pages": [],
        "evidence": [],
        "why": None,
        "legal_ref": report["clauses"]["reversibility"]["legal_ref"],
        "required": False,
    }


def test_policy_file_and_default_notice_from_the_settings(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    silent = extraction(
        "silent.pdf", tacit_renewal=True, renewal_term=months(12), end_date="2027-03-19"
    )
    assert build_report(silent, AS_OF)["alerts"] == [
        "unknown:notice_period_days",
        "notice_deadline_within_30d",
    ]
    monkeypatch.setenv("HDSWATCH_DEFAULT_NOTICE_DAYS", "none")
    assert build_report(silent, AS_OF)["alerts"] == ["unknown:notice_period_days"]
    policy = home / "policy.yaml"
    policy.write_text("establishments:\n  CHB:\n    default_notice_days: 180\n", "utf-8")
    monkeypatch.setenv("HDSWATCH_POLICY", str(policy))
    report = build_report(silent, AS_OF, establishment="CHB")
    assert report["alerts"] == ["unknown:notice_period_days", "notice_deadline_passed"]
    assert report["establishment"] == "CHB"
    policy.write_text("establishments:\n  CHB:\n    notice: 3\n", "utf-8")
    with pytest.raises(ConfigError, match="HDSWATCH_POLICY"):
        build_report(silent, AS_OF)


def test_the_imported_host_list_is_used(home: Path) -> None:
    listed = HostList(
        (HostRecord("Nuagesanté", ("1",), expires="2028-01-01"),), "l.csv", "2026-11-01"
    )
    listed.save(home / "ans_hosts.json")
    reports = build_reports(
        [
            (extraction("a.pdf", host="Nuagesanté SAS"), None, None),
            (extraction("b.pdf", host="Cumulus"), None, None),
        ],
        AS_OF,
    )
    assert [r["alerts"] for r in reports] == [[], ["not_listed:hds_host"]]
    explanation = reports[1]["findings"][0]["explanation"]["fr"]
    assert "«\u00a0Cumulus\u00a0»" in explanation
