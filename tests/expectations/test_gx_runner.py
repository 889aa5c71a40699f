"""The GX side: suites built in code from the typed rules, their JSON snapshots kept in sync, the
ephemeral context's settings, and a package that stays light to import."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from datetime import date
from pathlib import Path

import pytest

from expectations.catalogue import chronology, load_catalogue
from expectations.records import CLAUSE_COLUMNS, CONTRACT_COLUMNS
from expectations.rules import clause_rules, contract_rules, expectation_type
from expectations.runner import _runner, suite_dict, validate
from expectations.snapshot import SUITES_DIR, snapshot_texts, stale_snapshots

VERSIONS = [c.name for c in chronology()]


@pytest.mark.parametrize("version", VERSIONS)
def test_suites_are_built_from_the_typed_rules(version: str) -> None:
    catalogue = load_catalogue(version)
    for part, rules in (
        ("clauses", clause_rules(catalogue)),
        ("contract", contract_rules(catalogue)),
    ):
        suite = suite_dict(catalogue, part)
        assert suite["name"] == f"{version}.{part}"
        assert [e["meta"]["rule"] for e in suite["expectations"]] == [r.id for r in rules]
        assert [e["type"] for e in suite["expectations"]] == [
            expectation_type(r.check) for r in rules
        ]
        columns = CLAUSE_COLUMNS if part == "clauses" else CONTRACT_COLUMNS
        assert {e["kwargs"]["column"] for e in suite["expectations"]} <= set(columns)
    (clause,) = suite_dict(catalogue, "clauses")["expectations"]
    assert clause["kwargs"] == {
        "column": "status",
        "value_set": ["present"],
        "row_condition": {
            "type": "comparison",
            "column": {"name": "required"},
            "operator": "==",
            "parameter": True,
        },
    }
    assert clause["meta"]["code"] == "{status}:{clause_id}"
    assert clause["description"].startswith(
        "Clause obligatoire présente et conforme (CSP R.1111-11"
    )
    assert clause["severity"] == "critical"


def test_dates_are_parameters_not_strings() -> None:
    rules = suite_dict(load_catalogue(), "contract")["expectations"]
    bounds = [e["kwargs"]["min_value"] for e in rules if "min_value" in e["kwargs"]]
    assert bounds and all(b == {"$PARAMETER": "as_of"} for b in bounds)


def test_the_json_snapshots_are_in_sync_with_the_code() -> None:
    assert stale_snapshots() == [], "run: python -m expectations.snapshot"
    assert sorted(p.name for p in SUITES_DIR.glob("*.json")) == sorted(snapshot_texts())


@pytest.mark.parametrize("path", sorted(SUITES_DIR.glob("*.json")), ids=lambda p: p.name)
def test_a_snapshot_loads_back_without_losing_an_expectation(path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import great_expectations as gx

    data = json.loads(path.read_text("utf-8"))
    suite = gx.ExpectationSuite(**data)
    assert len(suite.expectations) == len(data["expectations"]) > 0
    assert [e.expectation_type for e in suite.expectations] == [
        e["type"] for e in data["expectations"]
    ]


def test_the_context_is_ephemeral_quiet_and_offline() -> None:
    context = _runner().context
    assert type(context).__name__ == "EphemeralDataContext"
    assert context.config.analytics_enabled is False
    assert context.variables.progress_bars.globally is False
    assert not context.config.data_docs_sites  # no temporary site written behind our back


def test_empty_tables_give_no_failure() -> None:
    empty_clauses = {name: [] for name in CLAUSE_COLUMNS}
    empty_contracts = {name: [] for name in CONTRACT_COLUMNS}
    assert validate(load_catalogue(), empty_clauses, empty_contracts, date(2026, 11, 29)) == []


def test_importing_the_package_stays_light() -> None:
    code = (
        "import json, sys, expectations, expectations.evaluation, expectations.records, "
        "expectations.hostlist, expectations.datadocs, expectations.snapshot, hdswatch.report, "
        "hdswatch.severity\n"
        "print(json.dumps(sorted(m for m in ('great_expectations', 'pandas', 'openpyxl', "
        "'sqlalchemy') if m in sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(out.stdout) == []


def test_memos_change_no_result(monkeypatch: pytest.MonkeyPatch) -> None:
    from contextlib import nullcontext

    from expectations.policy import load_policies
    from expectations.records import Subject, columns, make_record
    from tests.expectations.builders import extraction

    as_of = date(2026, 11, 29)
    policy = load_policies(None, 90).for_establishment(None)
    cases = [
        extraction("a.pdf"),
        extraction("b.pdf", missing=("reversibility", "dpo_audit")),
        extraction("c.pdf", hds_certificate_expiry="2026-01-01", breach_notification_hours=96),
        extraction("d.pdf", storage_countries=["FR", "US"], tacit_renewal=True),
        extraction(
            "e.pdf", non_compliant={"data_location": "hors EEE"}, hds_certificate_expiry=None
        ),
    ]
    records = [make_record(Subject(x, None), as_of, policy, None) for x in cases]
    clause_columns, contract_columns = columns(records)
    catalogue = load_catalogue()

    def failures() -> list[tuple[str, str, str | None, object]]:
        found = validate(catalogue, clause_columns, contract_columns, as_of)
        return sorted((f.key, f.rule, f.clause_id, repr(f.value)) for f in found)

    with_memos = failures()
    runner = _runner()
    assert not runner.memos.configurations and not runner.memos.filtered  # emptied after use
    monkeypatch.setattr(runner, "memos", nullcontext())
    assert failures() == with_memos
    assert [(key[:5], rule, clause) for key, rule, clause, _ in with_memos] == [
        ("b.pdf", "clause_present", "dpo_audit"),
        ("b.pdf", "clause_present", "reversibility"),
        ("c.pdf", "breach_notification_delay", None),
        ("c.pdf", "certificate_not_expired", None),
        ("d.pdf", "notice_period_known", None),
        ("d.pdf", "storage_in_eea", None),
        ("e.pdf", "certificate_expiry_known", None),
    ]
