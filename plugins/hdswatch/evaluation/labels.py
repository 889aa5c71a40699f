"""Labelled documents for the evaluation: JSON Lines in the report's format.

In: a JSONL file, one object per document with at least ``file`` and ``clauses`` (``{id: status}``
or ``{id: {"status": …, "pages": […]}}`` as in the report), and where known ``dates`` (the
report's ``dates`` fields), the pages of each clause (``clause_pages`` or ``evidence_pages``:
``{id: [page, …]}``), ``as_of`` and ``split``. Out:
:class:`Label` objects.

>>> label = parse_label({"file": "c01.pdf", "clauses": {"reversibility": {"status": "missing"}}})
>>> label.statuses, label.pages
({'reversibility': 'missing'}, {})
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from hdswatch.errors import LabelsInvalid

__all__ = ["STATUSES", "Label", "parse_label", "read_labels"]

STATUSES = ("present", "missing", "non_compliant")


@dataclass
class Label:
    file: str
    statuses: dict[str, str]
    pages: dict[str, list[int]] = field(default_factory=dict)
    dates: dict[str, Any] = field(default_factory=dict)
    as_of: date | None = None
    split: str | None = None


def parse_label(data: dict[str, Any]) -> Label:
    """One label from its JSON object (raises ``LabelsInvalid`` on a wrong shape)."""
    if not isinstance(data.get("file"), str) or not isinstance(data.get("clauses"), dict):
        raise LabelsInvalid("each line needs « file » and « clauses » / needs file and clauses")
    statuses: dict[str, str] = {}
    pages: dict[str, list[int]] = {}
    for clause_id, value in data["clauses"].items():
        status = value.get("status") if isinstance(value, dict) else value
        if status not in STATUSES:
            raise LabelsInvalid(f"{data['file']}: {clause_id}: statut inconnu {status!r}")
        statuses[clause_id] = status
        if isinstance(value, dict) and value.get("pages"):
            pages[clause_id] = [int(p) for p in value["pages"]]
    pages_by_clause = {**(data.get("clause_pages") or {}), **(data.get("evidence_pages") or {})}
    for clause_id, listed in pages_by_clause.items():
        if listed:
            pages[clause_id] = [int(p) for p in listed]
    as_of = data.get("as_of")
    return Label(
        file=data["file"],
        statuses=statuses,
        pages=pages,
        dates=dict(data.get("dates") or {}),
        as_of=date.fromisoformat(as_of) if as_of else None,
        split=data.get("split"),
    )


def read_labels(path: Path) -> list[Label]:
    """Every label of a JSONL file (blank lines skipped)."""
    labels = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            labels.append(parse_label(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise LabelsInvalid(f"{path.name}:{number}: JSON invalide ({exc.msg})") from exc
    return labels
