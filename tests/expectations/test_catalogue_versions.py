"""The catalogue versions: their content, the version chosen by date, which contract types require
each clause, and that a published version never changes."""

from __future__ import annotations

import hashlib
import itertools
from datetime import date
from pathlib import Path

import pytest

from expectations.catalogue import (
    CONTRACT_TYPES,
    applicable,
    chronology,
    in_force_on,
    load_catalogue,
)
from expectations.rules import CONTRACT_RULE_IDS, contract_rules

FOLDER = Path(__file__).resolve().parents[2] / "expectations" / "catalogue"
R2018, V2, D2026 = (
    "hds_contract.r1111-11_2018.v1",
    "hds_contract.hds_v2_2024.v1",
    "hds_contract.decret_2026-209.v1",
)
#: sha256 of every published file: a change means a new version file is needed instead.
PUBLISHED = {
    "hds_contract.v1.yaml": "a5ee615ec69b36f6c3f7d5cb83edea4aa85331fb3ba7e65e29ab00f0da996f8f",
    "hds_contract.r1111-11_2018.v1.yaml": (
        "3be01e3cabc604cfd7da26fa10e0ae5c88acd150887a0b9e60bba7b7969eb46b"
    ),
    "hds_contract.hds_v2_2024.v1.yaml": (
        "a63f4e11b4f6c57c4fdd96986ebce46987be5eace10523dadd0a9ff912211488"
    ),
    "hds_contract.decret_2026-209.v1.yaml": (
        "f398d035b5df982dba4bbbec27506567e7d2790c166cafad043ba926ed659525"
    ),
}


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_a_published_version_is_never_edited(name: str) -> None:
    digest = hashlib.sha256((FOLDER / name).read_bytes()).hexdigest()
    assert digest == PUBLISHED[name], f"{name} changed: add a new version file instead"


def test_the_chronology_follows_the_law() -> None:
    assert [(c.name, c.in_force_from) for c in chronology()] == [
        (R2018, "2018-04-01"),
        (V2, "2024-05-16"),
        (D2026, "2026-03-27"),
    ]
    assert load_catalogue().name == D2026
    assert len(load_catalogue("hds_contract.v1").clauses) == 23  # legacy, still loadable


def test_versions_only_add_clauses_and_rules() -> None:
    versions = chronology()
    for older, newer in itertools.pairwise(versions):
        assert set(older.ids) <= set(newer.ids), newer.name
        assert set(older.rules) <= set(newer.rules), newer.name
    assert [len(c.ids) for c in versions] == [20, 23, 23]
    today = load_catalogue().rules
    assert set(today) == set(CONTRACT_RULE_IDS)
    assert "storage_in_eea" not in load_catalogue(R2018).rules
    assert today["breach_notification_delay"]["max_hours"] == 72


@pytest.mark.parametrize("version", [R2018, V2, D2026])
def test_every_clause_is_complete(version: str) -> None:
    catalogue = load_catalogue(version)
    assert len(set(catalogue.ids)) == len(catalogue.ids)
    for clause in catalogue.clauses:
        assert clause.severity in ("critical", "high", "medium", "info")
        assert set(clause.required_for) <= set(CONTRACT_TYPES), clause.id
        assert "amendment" not in clause.required_for
        assert clause.legal_bases and clause.legal_ref == " ; ".join(map(str, clause.legal_bases))
        assert clause.title_fr and clause.title_en, clause.id
        assert len(clause.explain_fr) > 60 and len(clause.explain_en) > 50, clause.id
    assert set(catalogue.contract_types) == set(CONTRACT_TYPES)
    assert all(r.legal_ref for r in contract_rules(catalogue))


def test_legal_bases_follow_the_text_in_force() -> None:
    old, new = (
        load_catalogue(R2018).get("hosting_locations"),
        load_catalogue(D2026).get("hosting_locations"),
    )
    assert (old.legal_ref, old.severity) == ("CSP R.1111-11 I 3°", "high")
    assert [str(b) for b in new.legal_bases] == [
        "CSP R.1111-11 I 3°",
        "HDS v2 EXI 28",
        "CSP L.1111-8 IV (loi SREN art. 32)",
        "Décret n° 2026-209 du 24 mars 2026 (stockage dans l'UE ou l'EEE)",
    ]
    assert new.severity == "critical"
    assert all("HDS v2" not in c.legal_ref for c in load_catalogue(R2018).clauses)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2015, 6, 1), R2018),  # before every version: the oldest
        (date(2018, 3, 31), R2018),
        (date(2018, 4, 1), R2018),
        (date(2024, 5, 15), R2018),
        (date(2024, 5, 16), V2),
        (date(2026, 3, 26), V2),
        (date(2026, 3, 27), D2026),
        (date(2030, 1, 1), D2026),
    ],
)
def test_version_in_force_on_a_day(day: date, expected: str) -> None:
    assert in_force_on(day).name == expected


@pytest.mark.parametrize(
    ("signed", "as_of", "expected"),
    [
        (date(2020, 3, 1), date(2026, 5, 15), R2018),  # v2 not yet binding on running contracts
        (date(2020, 3, 1), date(2026, 5, 16), V2),  # binding from 16 May 2026
        (date(2020, 3, 1), date(2026, 11, 29), V2),  # the decree names no transition
        (date(2024, 5, 16), date(2024, 6, 1), V2),
        (date(2026, 4, 1), date(2026, 11, 29), D2026),
        (None, date(2026, 11, 29), D2026),
        (None, date(2025, 1, 1), V2),
    ],
)
def test_applicable_version(signed: date | None, as_of: date, expected: str) -> None:
    assert applicable(signed, as_of).name == expected


@pytest.mark.parametrize(
    ("clause_id", "contract_type", "as_of", "required"),
    [
        ("reversibility", "hds_hosting", date(2026, 11, 29), True),
        ("reversibility", "dpa", date(2026, 11, 29), True),  # GDPR art. 28(3)(g)
        ("reversibility", "amendment", date(2026, 11, 29), False),
        ("contractual_contact", "hds_hosting", date(2026, 11, 29), True),
        ("contractual_contact", "dpa", date(2026, 11, 29), False),
        ("gdpr_security_measures", "dpa", date(2026, 11, 29), True),
        ("hds_certificate_scope", "dpa", date(2026, 11, 29), False),
    ],
)
def test_which_contract_types_require_a_clause(
    clause_id: str, contract_type: str, as_of: date, required: bool
) -> None:
    assert load_catalogue().get(clause_id).required(contract_type, as_of) is required


@pytest.mark.parametrize(
    ("as_of", "required"), [(date(2018, 5, 24), False), (date(2018, 5, 25), True)]
)
def test_gdpr_clauses_apply_from_25_may_2018(as_of: date, required: bool) -> None:
    clause = load_catalogue(R2018).get("gdpr_documented_instructions")
    assert clause.required("hds_hosting", as_of) is required
    assert load_catalogue(R2018).get("reversibility").required("hds_hosting", date(2018, 4, 1))


def test_unknown_version() -> None:
    with pytest.raises(KeyError, match=r"hds_contract\.v9"):
        load_catalogue("hds_contract.v9")
