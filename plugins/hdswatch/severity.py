"""Severity of an alert code: critical, high, medium or info. The rules live in
:mod:`expectations.severity`; this keeps the application's name for them.

>>> severity_of("expired:hds_certificate"), severity_of("expiring_90d:contract")
('critical', 'medium')
"""

from __future__ import annotations

from expectations.severity import SEVERITIES, severity_of, window_severity

__all__ = ["SEVERITIES", "severity_of", "window_severity"]
