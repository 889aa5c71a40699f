"""Severity of every alert code of the report spec, and of the host-list codes."""

from __future__ import annotations

import pytest

from expectations.severity import severity_of, window_severity
from hdswatch.severity import severity_of as application_severity_of


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        ("missing:reversibility", "critical"),
        ("missing:contractual_contact", "medium"),
        ("missing:access_control", "high"),
        ("non_compliant:hosting_locations", "critical"),
        ("missing:a_clause_of_a_later_catalogue", "high"),
        ("expired:hds_certificate", "critical"),
        ("expired:contract", "critical"),
        ("outdated_referential:hds_certificate", "critical"),
        ("expiring_7d:hds_certificate", "critical"),
        ("expiring_30d:contract", "high"),
        ("expiring_90d:contract", "medium"),
        ("expiring_180d:hds_certificate", "info"),
        ("notice_deadline_within_7d", "critical"),
        ("notice_deadline_within_30d", "high"),
        ("notice_deadline_within_90d", "medium"),
        ("notice_deadline_within_180d", "info"),
        ("notice_deadline_passed", "high"),
        ("subprocessor_not_hds_certified", "high"),
        ("unknown:hds_certificate_expiry", "medium"),
        ("not_listed:hds_host", "high"),
        ("dates_differ:hds_certificate", "medium"),
        ("activities_narrower:hds_certificate", "high"),
        ("something_new", "medium"),
    ],
)
def test_severity_of(code: str, severity: str) -> None:
    assert severity_of(code) == severity
    assert application_severity_of(code) == severity


@pytest.mark.parametrize(
    ("days", "severity"), [(0, "critical"), (7, "critical"), (8, "high"), (181, "info")]
)
def test_window_severity(days: int, severity: str) -> None:
    assert window_severity(days) == severity
