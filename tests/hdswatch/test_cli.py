"""``hdswatch analyze``: the report of the spec, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from expectations.deadlines import DATE_FIELDS
from hdswatch.report import REPORT_FIELDS
from hdswatch.samples import demo_specs, expected_labels, write_bad_files, write_contract_pdf

AS_OF = date(2026, 11, 29)
CLI = [sys.executable, "-m", "hdswatch.cli"]


def analyze(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "analyze", *args], capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture(scope="module")
def demo_reports(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, dict]]:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("demo")
    specs = demo_specs(AS_OF)
    paths = [str(write_contract_pdf(s, folder / f"{s.name}.pdf")) for s in specs]
    result = analyze(*paths, "--as-of", AS_OF.isoformat(), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    return list(zip(reports, [expected_labels(s, as_of=AS_OF) for s in specs], strict=True))


def test_report_has_every_spec_field(demo_reports) -> None:  # type: ignore[no-untyped-def]
    for report, _labels in demo_reports:
        assert set(REPORT_FIELDS) <= set(report)
        assert set(report["dates"]) == set(DATE_FIELDS)
        assert len(report["clauses"]) == 23
        for clause in report["clauses"].values():
            assert {"status", "confidence", "pages", "evidence", "why", "legal_ref"} <= set(clause)
            for evidence in clause["evidence"]:
                assert set(evidence) == {"page", "line", "bbox", "text"}
                assert len(evidence["bbox"]) == 4


def test_reports_in_the_order_of_the_files(demo_reports) -> None:  # type: ignore[no-untyped-def]
    assert [r["file"] for r, _ in demo_reports] == [labels["file"] for _, labels in demo_reports]


def test_demo_contracts_give_the_expected_alerts_and_dates(demo_reports) -> None:  # type: ignore[no-untyped-def]
    for report, labels in demo_reports:
        assert sorted(report["alerts"]) == sorted(labels["alerts"]), report["file"]
        assert {k: s["status"] for k, s in report["clauses"].items()} == labels["clauses"]
        for key in ("end_date", "notice_deadline", "hds_certificate_expiry", "effective_date"):
            assert report["dates"][key] == labels["dates"][key], (report["file"], key)


def test_evidence_of_a_present_clause_points_at_its_page(demo_reports) -> None:  # type: ignore[no-untyped-def]
    report, _ = demo_reports[0]
    clause = report["clauses"]["reversibility"]
    assert clause["status"] == "present"
    assert clause["pages"] == sorted({e["page"] for e in clause["evidence"]})
    assert any("versibilit" in e["text"] for e in clause["evidence"])


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    result = analyze(str(tmp_path / "absent.pdf"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"hdswatch: {tmp_path / 'absent.pdf'}: fichier introuvable / file not found"
    ]


def test_bad_files_get_a_report_line_and_a_failing_exit(tmp_path: Path) -> None:
    bad = write_bad_files(tmp_path)
    names = ["empty", "not_a_pdf", "encrypted", "invoice"]
    result = analyze(*(str(bad[n]) for n in names), "--as-of", AS_OF.isoformat())
    assert result.returncode == 1
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["kind"], [e["code"] for e in r["errors"]]) for r in reports] == [
        ("empty", ["empty_file"]),
        ("unreadable", ["not_pdf"]),
        ("encrypted", ["encrypted"]),
        ("not_contract", ["not_contract"]),
    ]
    for report in reports:
        assert (report["clauses"], report["alerts"]) == ({}, [])


def test_bad_date_is_a_usage_error(tmp_path: Path) -> None:
    result = analyze(str(tmp_path), "--as-of", "29/11/2026")
    assert result.returncode == 2
    assert "AAAA-MM-JJ" in result.stderr
