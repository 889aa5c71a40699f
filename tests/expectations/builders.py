"""Extractions made in code for the rule tests: a complete, compliant contract by default, with the
values and clause statuses a case changes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from expectations.catalogue import load_catalogue
from extractors.types import ClauseFinding, Duration, Evidence, Extraction, Values

IDS = load_catalogue().ids
EVIDENCE = Evidence(2, 4, (72.0, 100.0, 300.0, 112.0), "clause text")
NEAR_MISS = Evidence(5, 9, (72.0, 300.0, 400.0, 312.0), "near miss")

#: A complete contract that gives no alert at 2026-11-29.
BASE = Values(
    signature_date="2025-01-15",
    effective_date="2025-02-01",
    hds_certificate_expiry="2028-01-01",
    end_date="2028-03-31",
    tacit_renewal=False,
    hds_referential="v2",
    storage_countries=["FR", "DE"],
    breach_notification_hours=48,
)


def values(**changes: Any) -> Values:
    return replace(BASE, **changes)


def extraction(
    name: str = "c.pdf",
    *,
    missing: tuple[str, ...] = (),
    non_compliant: dict[str, str] | None = None,
    kind: str = "contract",
    **changes: Any,
) -> Extraction:
    """``missing`` clauses are absent (with a near-miss candidate); ``non_compliant`` maps a clause
    to the extractor's reason."""
    non_compliant = non_compliant or {}
    clauses = {}
    for clause_id in IDS:
        if clause_id in missing:
            clauses[clause_id] = ClauseFinding(clause_id, "missing", 0.5, [], None, [NEAR_MISS])
        elif clause_id in non_compliant:
            clauses[clause_id] = ClauseFinding(
                clause_id, "non_compliant", 0.8, [EVIDENCE], non_compliant[clause_id]
            )
        else:
            clauses[clause_id] = ClauseFinding(clause_id, "present", 0.9, [EVIDENCE])
    sha = (name.encode().hex() * 64)[:64]
    return Extraction(name, sha, kind, "fr", 3, [], values(**changes), clauses, [])  # type: ignore[arg-type]


def months(n: int, text: str = "") -> Duration:
    return Duration(n, "months", text or f"{n} mois")


def days(n: int, text: str = "") -> Duration:
    return Duration(n, "days", text or f"{n} jours")
