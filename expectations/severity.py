"""Severity of a finding: critical, high, medium or info.

Critical: an expired certificate or contract, storage outside the EEA, an outdated certificate
referential, a missing mandatory clause on a new contract, and the catalogue's critical clauses.
Missing and non-compliant clauses otherwise take the catalogue's severity; dated alerts grow more
severe as the date comes closer (7 days critical, 30 high, 90 medium, 180 info).

:func:`severity_of` judges an alert code alone (what the registry stores); a report's findings
carry their own severity, which also knows whether the contract is new.

>>> severity_of("expired:hds_certificate"), severity_of("expiring_90d:contract")
('critical', 'medium')
"""

from __future__ import annotations

from expectations.catalogue import Severity, load_catalogue

__all__ = ["SEVERITIES", "severity_of", "window_severity"]

SEVERITIES: tuple[Severity, ...] = ("critical", "high", "medium", "info")
_WINDOW: dict[int, Severity] = {7: "critical", 30: "high", 90: "medium", 180: "info"}
_FAMILY: dict[str, Severity] = {
    "expired": "critical",
    "outdated_referential": "critical",
    "notice_deadline_passed": "high",
    "subprocessor_not_hds_certified": "high",
    "not_listed": "high",
    "activities_narrower": "high",
    "dates_differ": "medium",
    "unknown": "medium",
}


def window_severity(days: int) -> Severity:
    """The severity of a dated alert in the ``days`` window (the nearest larger window's)."""
    for size in sorted(_WINDOW):
        if days <= size:
            return _WINDOW[size]
    return "info"


def severity_of(code: str) -> Severity:
    """The severity of an alert code of the report spec."""
    family, _, subject = code.partition(":")
    if family in ("missing", "non_compliant"):
        try:
            return load_catalogue().get(subject).severity
        except KeyError:
            return "high"
    if family in _FAMILY:
        return _FAMILY[family]
    suffix = family.rsplit("_", 1)[-1]
    if suffix.endswith("d") and suffix[:-1].isdigit():
        return window_severity(int(suffix[:-1]))
    return "medium"
