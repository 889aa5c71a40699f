"""Reviewers' decisions turned into labelled data for ``hdswatch eval``.

In: the registry (the review decisions on clause findings, scoped by the user's
establishments). Out: one label per reviewed document, in the labels format of
:mod:`hdswatch.evaluation.labels` (JSON Lines), holding only the clauses a person looked at:

- a finding marked wrong with a correct status gives that status (and the page given);
- a confirmed ``missing:X`` / ``non_compliant:X`` finding gives ``missing`` / ``non_compliant``;
- "resolved" and "accepted risk" say nothing about the reading: no label.

The latest decision on a clause of a document wins. ``file`` is ``<CODE>/<sha256[:12]>-<name>``,
the layout :func:`write_label_folder` gives the PDFs, so that ``hdswatch eval labels.jsonl DIR``
scores the analysis against the reviewers.

>>> label_file("CHB", "ab" * 32, "Contrat HDS.pdf")
'CHB/abababababab-Contrat HDS.pdf'
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hdswatch.registry.accounts import User
from hdswatch.registry.models import Analysis, Contract, Document, Finding, ReviewDecision
from hdswatch.web.queries import scoped

__all__ = [
    "EXPORTERS",
    "SPLIT",
    "Correction",
    "corrections",
    "label_file",
    "labels",
    "to_jsonl",
    "write_label_folder",
]

EXPORTERS = ("admin", "rssi")
"""Roles that may download the corrections."""
SPLIT = "review"
"""The ``split`` of every exported label: scores are reported for it apart."""


@dataclass(frozen=True)
class Correction:
    document: Document
    establishment: str
    clause_id: str
    status: str
    page: int | None
    decided_by: str
    decided_at: str  # ISO date and time


def label_file(establishment: str, sha256: str, file_name: str) -> str:
    return f"{establishment}/{sha256[:12]}-{Path(file_name).name}"


def corrections(session: Session, user: User | None) -> Iterator[Correction]:
    """Every reviewer's decision that says what a clause is, oldest first (``user``: only the
    contracts that user may see; ``None``: all, for the command line)."""
    query = (
        select(ReviewDecision, Finding, Document, Contract)
        .join(Finding, Finding.id == ReviewDecision.finding_id)
        .join(Document, Document.id == Finding.document_id)
        .join(Contract, Contract.id == ReviewDecision.contract_id)
    )
    rows = session.execute(
        (scoped(query, user) if user is not None else query)
        .where(Finding.clause_id.is_not(None))
        .order_by(ReviewDecision.decided_at, ReviewDecision.id)
    )
    for decision, finding, document, contract in rows:
        family = finding.code.partition(":")[0]
        if decision.decision == "false_positive" and decision.correct_status:
            status, page = decision.correct_status, decision.page
        elif decision.decision == "confirmed" and family in ("missing", "non_compliant"):
            status, page = family, finding.page if family != "missing" else None
        else:
            continue
        yield Correction(
            document=document,
            establishment=contract.establishment.code,
            clause_id=finding.clause_id or "",
            status=status,
            page=page,
            decided_by=decision.decided_by,
            decided_at=decision.decided_at.isoformat(timespec="seconds"),
        )


def labels(session: Session, user: User | None) -> list[dict[str, Any]]:
    """One label per reviewed document, in the order documents were first reviewed."""
    by_document: dict[int, dict[str, Any]] = {}
    for c in corrections(session, user):
        label = by_document.get(c.document.id)
        if label is None:
            analysis = session.scalar(
                select(Analysis)
                .where(Analysis.document_id == c.document.id)
                .order_by(Analysis.id.desc())
                .limit(1)
            )
            label = by_document[c.document.id] = {
                "file": label_file(c.establishment, c.document.sha256, c.document.file_name),
                "split": SPLIT,
                "as_of": analysis.as_of.isoformat() if analysis else None,
                "kind": "contract",
                "sha256": c.document.sha256,
                "establishment": c.establishment,
                "clauses": {},
                "reviewed_by": [],
            }
        clause: dict[str, Any] = {"status": c.status}
        if c.page is not None and c.status != "missing":
            clause["pages"] = [c.page]
        label["clauses"][c.clause_id] = clause
        if c.decided_by not in label["reviewed_by"]:
            label["reviewed_by"].append(c.decided_by)
    return list(by_document.values())


def to_jsonl(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows)


def write_label_folder(session: Session, user: User | None, folder: Path) -> tuple[Path, int]:
    """``folder/labels.jsonl`` and a copy of each reviewed PDF at its label's ``file``: a folder
    ``hdswatch eval`` reads as it is. Returns the labels file and the number of labels."""
    rows = labels(session, user)
    folder.mkdir(parents=True, exist_ok=True)
    for row in rows:
        document = session.scalars(select(Document).where(Document.sha256 == row["sha256"])).one()
        target = folder / row["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(document.stored_path, target)
    out = folder / "labels.jsonl"
    out.write_text(to_jsonl(rows), "utf-8")
    return out, len(rows)
