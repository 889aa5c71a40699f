"""The clause catalogue: which clauses an HDS hosting contract must contain, under which law.

Versioned data files in ``expectations/catalogue/`` (``hds_contract.v1.yaml`` …); a published
version is never edited, a new one is added.

>>> catalogue = load_catalogue()
>>> len(catalogue.clauses), catalogue.clauses[0].id
(23, 'hds_certificate_scope')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import yaml

__all__ = ["Catalogue", "ClauseRule", "Severity", "load_catalogue"]

Severity = Literal["critical", "high", "medium", "info"]
DEFAULT_VERSION = "hds_contract.v1"


@dataclass(frozen=True)
class ClauseRule:
    id: str
    legal_ref: str
    title_fr: str
    title_en: str
    severity: Severity
    required_for: tuple[str, ...]
    expiry_relevant: bool

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_fr


@dataclass(frozen=True)
class Catalogue:
    name: str
    version: str
    in_force_from: str
    clauses: tuple[ClauseRule, ...]

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.clauses]

    def get(self, clause_id: str) -> ClauseRule:
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        raise KeyError(clause_id)


@cache
def load_catalogue(version: str = DEFAULT_VERSION) -> Catalogue:
    """Load ``expectations/catalogue/<version>.yaml``."""
    raw = (
        resources.files("expectations").joinpath("catalogue", f"{version}.yaml").read_text("utf-8")
    )
    data = yaml.safe_load(raw)
    clauses = tuple(
        ClauseRule(
            c["id"],
            c["legal_ref"],
            c["title_fr"],
            c["title_en"],
            c["severity"],
            tuple(c["required_for"]),
            bool(c["expiry_relevant"]),
        )
        for c in data["clauses"]
    )
    return Catalogue(data["catalogue"], data["version"], str(data["in_force_from"]), clauses)
