"""Plain data types shared by the extraction steps.

A PDF becomes a :class:`Document` (pages of :class:`Line`, each line made of :class:`Word`, and the
page's :class:`Table` rows), and the analysis of it an :class:`Extraction` (clause findings with
:class:`Evidence`, and :class:`Values`).

>>> Line(page=1, number=3, text="Article 1", bbox=(72.0, 90.0, 140.0, 102.0)).text
'Article 1'
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["contract", "damaged", "encrypted", "empty", "not_contract", "unreadable"]
Status = Literal["present", "missing", "non_compliant"]
BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Word:
    """One word as printed, box in PDF points (x0, top, x1, bottom), origin at the page's top left."""

    text: str
    bbox: BBox


@dataclass(frozen=True)
class Line:
    """One line of text on a page: 1-based page and line numbers, box in PDF points (x0, top, x1, bottom).

    ``column`` is 0 on a single-column band of the page, 1, 2 … from the left in a multi-column
    band; ``words`` are the words as printed (a table row's line holds the words of its cells).
    Neither takes part in equality.
    """

    page: int
    number: int
    text: str
    bbox: BBox
    column: int = field(default=0, compare=False)
    words: tuple[Word, ...] = field(default=(), compare=False, repr=False)


@dataclass
class Table:
    """A ruled table found on a page: its box, and its rows as cell texts (``""`` for an empty cell).

    Each row is also one :class:`Line` of the page, cells joined by ``" | "``.
    """

    page: int
    bbox: BBox
    rows: list[list[str]] = field(default_factory=list)
    row_boxes: list[BBox] = field(default_factory=list)


@dataclass
class Page:
    """One page: its lines in reading order, size in points, tables, and whether OCR gave the text."""

    number: int
    lines: list[Line] = field(default_factory=list)
    ocr: bool = False
    width: float = 0.0
    height: float = 0.0
    tables: list[Table] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Issue:
    """Something that could not be read, as it appears in the report's ``errors``."""

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass
class Document:
    """What the PDF reader recovered from a file."""

    pages: list[Page]
    kind: Kind = "contract"
    errors: list[Issue] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]

    @property
    def text(self) -> str:
        return "\n".join(page.text for page in self.pages)


@dataclass(frozen=True)
class Evidence:
    page: int
    line: int
    bbox: BBox
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "line": self.line,
            "bbox": [round(v, 1) for v in self.bbox],
            "text": self.text,
        }


@dataclass
class ClauseFinding:
    """The extraction's view of one catalogue clause (before the legal rules are applied)."""

    clause_id: str
    status: Status
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)
    why: str | None = None
    candidates: list[Evidence] = field(default_factory=list)  # near misses, for a missing clause

    @property
    def pages(self) -> list[int]:
        return sorted({e.page for e in self.evidence})


@dataclass
class Duration:
    """A length of time as the contract words it: ``Duration(3, "months", "trois (3) mois")``."""

    amount: int
    unit: Literal["days", "months", "years"]
    text: str

    @property
    def months(self) -> int | None:
        if self.unit == "months":
            return self.amount
        if self.unit == "years":
            return self.amount * 12
        return None

    @property
    def days(self) -> int:
        """Length in days, months counting 30 days each (the report's convention)."""
        return {"days": 1, "months": 30, "years": 365}[self.unit] * self.amount


@dataclass
class Amendment:
    title: str
    date: str | None
    changes: list[str] = field(default_factory=list)


@dataclass
class Values:
    """Dated and counted facts read from the contract. ``None`` when the document does not say."""

    host: str | None = None
    client: str | None = None
    signature_date: str | None = None
    effective_date: str | None = None
    end_date: str | None = None
    initial_term: Duration | None = None
    tacit_renewal: bool | None = None
    renewal_term: Duration | None = None
    notice_period: Duration | None = None
    hds_certificate_expiry: str | None = None
    hds_certificate_number: str | None = None
    hds_certifier: str | None = None
    hds_referential: str | None = None
    hds_scope: list[str] = field(default_factory=list)
    storage_countries: list[str] = field(default_factory=list)
    non_eea_access: bool | None = None
    breach_notification_hours: int | None = None
    subprocessors_not_certified: list[str] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    # hds_hosting (full HDS hosting contract) | dpa (data processing agreement only) | amendment;
    # None when not determined: the rules then judge it as a full HDS hosting contract.
    contract_type: str | None = None


@dataclass
class Extraction:
    """Everything read from one file; the input of the rules in ``expectations``."""

    file: str
    sha256: str
    kind: Kind
    language: str | None
    pages: int
    ocr_pages: list[int]
    values: Values
    clauses: dict[str, ClauseFinding]
    errors: list[Issue]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, stored by the registry so that a contract can be judged again later."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """Inverse of :meth:`to_dict`."""

        def evidence(items: list[dict[str, Any]]) -> list[Evidence]:
            return [Evidence(e["page"], e["line"], tuple(e["bbox"]), e["text"]) for e in items]

        def duration(d: dict[str, Any] | None) -> Duration | None:
            return Duration(d["amount"], d["unit"], d["text"]) if d else None

        v = dict(data["values"])
        for key in ("initial_term", "renewal_term", "notice_period"):
            v[key] = duration(v[key])
        v["amendments"] = [Amendment(**a) for a in v["amendments"]]
        clauses = {
            k: ClauseFinding(
                c["clause_id"],
                c["status"],
                c["confidence"],
                evidence(c["evidence"]),
                c["why"],
                evidence(c.get("candidates", [])),
            )
            for k, c in data["clauses"].items()
        }
        return cls(
            data["file"],
            data["sha256"],
            data["kind"],
            data["language"],
            data["pages"],
            list(data["ocr_pages"]),
            Values(**v),
            clauses,
            [Issue(**e) for e in data["errors"]],
        )
