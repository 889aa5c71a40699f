"""The whole extraction of one file: PDF → document → sections → clauses and values.

In: a path. Out: an :class:`~extractors.types.Extraction` (no legal judgement yet: that is the
job of ``expectations``). Never raises on a bad PDF: the ``kind`` and ``errors`` say what happened.

>>> extraction = extract(Path("c01.pdf"), CLAUSE_IDS)   # doctest: +SKIP
>>> extraction.kind, extraction.clauses["reversibility"].status   # doctest: +SKIP
('contract', 'present')
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from extractors import language
from extractors.clauses import find_clauses
from extractors.contract_type import contract_type
from extractors.pdf import DEFAULT_MAX_PAGES, read_pdf
from extractors.text import body_lines, fold, sections
from extractors.types import Document, Extraction, Issue, Values
from extractors.values import extract_values

__all__ = ["extract", "extract_document", "sha256_of"]

_CONTRACT_WORDS = re.compile(
    r"\b(contrat|convention|avenant|accord|conditions (generales|particulieres)|agreement|contract|"
    r"addendum|amendment|terms of service|data processing)\b"
)
_NOT_CONTRACT = re.compile(r"\b(facture|invoice|bon de commande|purchase order|devis|quotation)\b")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def extract(path: Path, clause_ids: list[str], max_pages: int = DEFAULT_MAX_PAGES) -> Extraction:
    """Read ``path`` and find each of ``clause_ids`` with its evidence, plus the dated values."""
    document = read_pdf(path, max_pages=max_pages)
    return extract_document(document, path.name, sha256_of(path), clause_ids)


def extract_document(
    document: Document, file: str, sha256: str, clause_ids: list[str]
) -> Extraction:
    """The analysis of a document already read (a PDF, or text cut into pseudo-pages)."""
    errors = list(document.errors)
    kind = document.kind
    lines = body_lines(document)
    text = "\n".join(line.text for line in lines)
    lang = language.detect(text) if lines else None
    clauses = {}
    values = Values()
    if kind in ("contract", "damaged"):
        parts = sections(lines)
        clauses = find_clauses(parts, clause_ids)
        present = sum(1 for c in clauses.values() if c.status != "missing")
        head = fold(text[:5000])
        if present < 3 and (_NOT_CONTRACT.search(head) or not _CONTRACT_WORDS.search(head)):
            kind = "not_contract"
            errors.append(
                Issue(
                    "not_contract",
                    "Le document ne ressemble pas à un contrat (aucune clause attendue).",
                )
            )
            clauses = {}
        else:
            values = replace(extract_values(parts), contract_type=contract_type(parts))
    return Extraction(
        file=file,
        sha256=sha256,
        kind=kind,
        language=lang,
        pages=len(document.pages),
        ocr_pages=[p.number for p in document.pages if p.ocr],
        values=values,
        clauses=clauses,
        errors=errors,
    )
