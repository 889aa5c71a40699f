"""Severity of an alert code: critical, high, medium or info.

Missing and non-compliant clauses take the catalogue's severity; dated alerts grow more severe as
the date comes closer.

>>> severity_of("expired:hds_certificate"), severity_of("expiring_90d:contract")
('critical', 'medium')
"""

from __future__ import annotations

__all__ = ["SEVERITIES", "severity_of"]

SEVERITIES = ("critical", "high", "medium", "info")
_WINDOW = {"7d": "critical", "30d": "high", "90d": "medium", "180d": "info"}


def severity_of(code: str) -> str:
    family, _, subject = code.partition(":")
    if family in ("missing", "non_compliant"):
        from expectations.catalogue import load_catalogue

        try:
            return load_catalogue().get(subject).severity
        except KeyError:
            return "high"
    if family == "expired" or family == "outdated_referential":
        return "critical"
    if family == "notice_deadline_passed":
        return "high"
    for suffix, severity in _WINDOW.items():
        if family.endswith("_" + suffix):
            return severity
    if family == "subprocessor_not_hds_certified":
        return "high"
    return "medium"
