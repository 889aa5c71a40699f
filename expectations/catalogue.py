"""The clause catalogue: which clauses an HDS hosting contract must contain, under which legal text.

One data file per version in ``expectations/catalogue/`` (``hds_contract.<text>.v1.yaml``), listed
oldest first in ``index.yaml``; a published version is never edited, a new one is added. Each
clause has its legal bases (CSP R.1111-11 item, GDPR art. 28(3) letter, HDS v2 requirement), French
and English titles and plain-words explanations, a severity, and the contract types that require
it (``hds_hosting``, ``dpa``, ``amendment``); each version also names the contract-level rules that
apply under it, with their parameters (``max_hours: 72`` …).

A contract is judged against the version in force at its signature date, moved up to a later
version once that one applies to running contracts (:func:`applicable`); :func:`in_force_on` gives
today's version, for what a renewal must add.

>>> catalogue = load_catalogue()          # today's law: the last version of the chronology
>>> catalogue.name, len(catalogue.clauses), catalogue.clauses[0].id
('hds_contract.decret_2026-209.v1', 23, 'hds_certificate_scope')
>>> applicable(date(2020, 3, 1), as_of=date(2026, 11, 29)).name
'hds_contract.hds_v2_2024.v1'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from importlib import resources
from typing import Any, Literal

import yaml

__all__ = [
    "CONTRACT_TYPES",
    "DEFAULT_CONTRACT_TYPE",
    "Catalogue",
    "ClauseRule",
    "ContractType",
    "LegalBasis",
    "Severity",
    "applicable",
    "chronology",
    "in_force_on",
    "load_catalogue",
]

Severity = Literal["critical", "high", "medium", "info"]
ContractType = Literal["hds_hosting", "dpa", "amendment"]
CONTRACT_TYPES: tuple[ContractType, ...] = ("hds_hosting", "dpa", "amendment")
DEFAULT_CONTRACT_TYPE: ContractType = "hds_hosting"


@dataclass(frozen=True)
class LegalBasis:
    """One legal basis of a clause: ``LegalBasis("CSP", "R.1111-11 I 1°")``."""

    source: str
    ref: str

    def __str__(self) -> str:
        return f"{self.source} {self.ref}"


@dataclass(frozen=True)
class ClauseRule:
    """One clause of a catalogue version."""

    id: str
    legal_ref: str
    title_fr: str
    title_en: str
    severity: Severity
    required_for: tuple[str, ...]
    expiry_relevant: bool
    legal_bases: tuple[LegalBasis, ...] = ()
    explain_fr: str = ""
    explain_en: str = ""
    applies_from: date | None = None  # required of every contract only from this date (GDPR)
    verification: str = "verified"

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_fr

    def explain(self, lang: str) -> str:
        return self.explain_en if lang == "en" else self.explain_fr

    def required(self, contract_type: str, as_of: date) -> bool:
        """Whether a contract of this type must contain the clause at ``as_of``."""
        if contract_type not in self.required_for:
            return False
        return self.applies_from is None or as_of >= self.applies_from


@dataclass(frozen=True)
class Catalogue:
    """One version: ``name`` is the persisted name (``hds_contract.hds_v2_2024.v1``), also the
    prefix of its GX suites."""

    name: str
    version: str
    in_force_from: str
    clauses: tuple[ClauseRule, ...]
    applies_to_existing_from: date | None = None
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    contract_types: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    family: str = "hds_contract"
    texts: tuple[str, ...] = ()  # the legal texts it follows: ("CSP R.1111-11", "RGPD", …)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.clauses]

    @property
    def start(self) -> date:
        return date.fromisoformat(self.in_force_from)

    @cached_property
    def _by_id(self) -> dict[str, ClauseRule]:
        return {c.id: c for c in self.clauses}

    def get(self, clause_id: str) -> ClauseRule:
        """The clause with this id; KeyError when the version has none."""
        return self._by_id[clause_id]

    def has(self, clause_id: str) -> bool:
        return clause_id in self._by_id


def _date(value: Any) -> date | None:
    if value is None:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _read(name: str) -> dict[str, Any]:
    raw = resources.files("expectations").joinpath("catalogue", f"{name}.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(raw)
    return data


def _clause(c: Mapping[str, Any]) -> ClauseRule:
    bases = tuple(LegalBasis(str(b["source"]), str(b["ref"])) for b in c.get("legal_bases", ()))
    legal_ref = c.get("legal_ref") or " ; ".join(str(b) for b in bases)
    return ClauseRule(
        id=c["id"],
        legal_ref=legal_ref,
        title_fr=c["title_fr"],
        title_en=c["title_en"],
        severity=c["severity"],
        required_for=tuple(c["required_for"]),
        expiry_relevant=bool(c["expiry_relevant"]),
        legal_bases=bases,
        explain_fr=" ".join(str(c.get("explain_fr", "")).split()),
        explain_en=" ".join(str(c.get("explain_en", "")).split()),
        applies_from=_date(c.get("applies_from")),
        verification=str(c.get("verification", "verified")),
    )


@cache
def load_catalogue(version: str | None = None) -> Catalogue:
    """Load ``expectations/catalogue/<version>.yaml``; without a version, today's (the last of the
    chronology). Raises KeyError for an unknown version."""
    name = version or _index()["chronology"][-1]
    try:
        data = _read(name)
    except FileNotFoundError as exc:
        raise KeyError(f"unknown catalogue version {name!r}") from exc
    return Catalogue(
        name=name,
        version=str(data["version"]),
        in_force_from=str(data["in_force_from"]),
        clauses=tuple(_clause(c) for c in data["clauses"]),
        applies_to_existing_from=_date(data.get("applies_to_existing_from")),
        rules={k: dict(v or {}) for k, v in (data.get("rules") or {}).items()},
        contract_types=dict(data.get("contract_types") or {}),
        family=str(data["catalogue"]),
        texts=tuple(str(t["ref"]) for t in data.get("texts") or ()),
    )


@cache
def _index() -> dict[str, list[str]]:
    data: dict[str, list[str]] = yaml.safe_load(
        resources.files("expectations").joinpath("catalogue", "index.yaml").read_text("utf-8")
    )
    return data


def chronology() -> tuple[Catalogue, ...]:
    """Every version that follows the law, oldest first."""
    return tuple(load_catalogue(name) for name in _index()["chronology"])


def in_force_on(day: date) -> Catalogue:
    """The version in force on ``day`` (the oldest one for a day before every version)."""
    versions = chronology()
    current = versions[0]
    for version in versions:
        if version.start <= day:
            current = version
    return current


def applicable(signed: date | None, as_of: date) -> Catalogue:
    """The version a contract signed on ``signed`` is judged against at ``as_of``: the one in force
    at signature, moved up to each later version whose ``applies_to_existing_from`` has come.
    An unknown signature date gives today's version."""
    if signed is None:
        return in_force_on(as_of)
    current = in_force_on(signed)
    for version in chronology():
        later = version.start > current.start
        reaches = version.applies_to_existing_from is not None and (
            version.applies_to_existing_from <= as_of and version.start <= as_of
        )
        if later and reaches:
            current = version
    return current
