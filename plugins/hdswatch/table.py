"""A report as a short human-readable table, for ``hdswatch analyze --format table``."""

from __future__ import annotations

from typing import Any

__all__ = ["format_table"]

_MARK = {"present": "ok", "missing": "MANQUANTE", "non_compliant": "NON CONFORME"}


def format_table(report: dict[str, Any]) -> str:
    lines = [
        f"{report['file']}  ({report['kind']}, {report['pages']} p., langue {report['language'] or '?'})"
    ]
    for error in report["errors"]:
        lines.append(f"  ! {error['code']}: {error['message']}")
    width = max((len(k) for k in report["clauses"]), default=10)
    for clause_id, clause in report["clauses"].items():
        pages = ",".join(str(p) for p in clause["pages"]) or "-"
        lines.append(f"  {clause_id:<{width}}  {_MARK[clause['status']]:<12}  p. {pages}")
    dates = {k: v for k, v in report.get("dates", {}).items() if v is not None}
    for key, value in dates.items():
        lines.append(f"  {key}: {value}")
    lines.append("  alertes : " + (", ".join(report["alerts"]) or "aucune"))
    return "\n".join(lines)
