"""The JSON answers of the review application's API (``/api/…``), as pydantic models: they
make the OpenAPI schema (``/api/openapi.json``) exact.

>>> ContractSummary(id=1, reference="c.pdf", establishment="CHB", worst_severity="high",
...                 open_findings=2, earliest_deadline=None).open_findings
2
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

__all__ = ["ClauseOut", "ContractDetail", "ContractList", "ContractSummary", "FindingOut"]


class ContractSummary(BaseModel):
    id: int
    reference: str
    establishment: str
    worst_severity: str
    open_findings: int
    earliest_deadline: date | None


class ContractList(BaseModel):
    contracts: list[ContractSummary]


class ClauseOut(BaseModel):
    clause_id: str
    title: str
    status: str | None
    confidence: float | None
    legal_ref: str | None
    pages: list[int]
    document_id: int


class FindingOut(BaseModel):
    id: int
    code: str
    severity: str
    state: str
    clause_id: str | None
    page: int | None
    due_date: date | None


class ContractDetail(BaseModel):
    id: int
    reference: str
    establishment: str
    clauses: list[ClauseOut]
    findings: list[FindingOut]
