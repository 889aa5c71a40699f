"""A reviewer's decision holds against the real nightly audit and re-ingests, on SQLite and on
PostgreSQL, until the contract's documents change."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from hdswatch import pipeline
from hdswatch.registry.db import session_scope
from hdswatch.registry.findings import SYSTEM, decide, resolve
from hdswatch.registry.models import Finding, ReviewDecision
from hdswatch.samples import demo_specs, write_contract_pdf
from hdswatch.settings import Settings

TODAY = date(2026, 11, 29)
FOLDER = "hebergement-chb"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Bellecombe's contract (reversibility and DPO audit missing) and an amendment to it
    (other bytes, no reversibility clause either), read once."""
    from hdswatch.report import extract_file

    folder = tmp_path_factory.mktemp("inbox") / "CHB" / FOLDER
    spec = next(s for s in demo_specs(TODAY) if s.establishment == "CHB")
    out = {}
    for name, variant in (("contrat", spec), ("avenant-1", replace(spec, style_seed=7))):
        pdf = write_contract_pdf(variant, folder / f"{name}.pdf")
        out[name] = {"path": pdf, "extraction": extract_file(pdf).to_dict()}
    return out


@pytest.fixture
def settings(registry_url: str, tmp_path: Path) -> Settings:
    settings = Settings.from_env({"HDSWATCH_HOME": str(tmp_path), "HDSWATCH_DB_URL": registry_url})
    pipeline.prepare(settings)
    return settings


def ingest(settings: Settings, source: dict[str, Any], day: date) -> None:
    staged = settings.home / "staging" / f"{source['path'].stem}.extraction.json"
    staged.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "path": str(source["path"]),
        "establishment": "CHB",
        "folder": FOLDER,
        "size_bytes": source["path"].stat().st_size,
        "extraction": source["extraction"],
    }
    staged.write_text(json.dumps(payload), "utf-8")
    pipeline.store(pipeline.validate(str(staged), day, settings), day, settings)


def reversibility(settings: Settings) -> tuple[str, str, list[tuple[str, str, str | None]]]:
    with session_scope(settings.db_url) as session:
        finding = session.scalars(
            select(Finding).where(Finding.key == "missing:reversibility")
        ).one()
        events = [(e.event, e.by, e.note) for e in finding.events]
        return finding.state, finding.state_changed_by or "", events


def test_a_clause_marked_present_is_not_flagged_again_until_a_document_arrives(
    settings: Settings, files: dict[str, dict[str, Any]]
) -> None:
    ingest(settings, files["contrat"], TODAY)
    with session_scope(settings.db_url) as session:
        finding = session.scalars(
            select(Finding).where(Finding.key == "missing:reversibility")
        ).one()
        decide(
            session,
            finding.id,
            "false_positive",
            "legal.chb",
            "article 14 « Restitution des données »",
            correct_status="present",
            page=4,
        )
    for night in (1, 2):
        counts = pipeline.audit(TODAY + timedelta(days=night), settings)
        assert counts["reopened"] == 0
    ingest(settings, files["contrat"], TODAY + timedelta(days=2))  # the same bytes again
    assert reversibility(settings) == (
        "resolved",
        "legal.chb",
        [
            ("opened", SYSTEM, None),
            (
                "resolved",
                "legal.chb",
                "décision / decision: false_positive — article 14 « Restitution des données »",
            ),
        ],
    )
    with session_scope(settings.db_url) as session:
        saved = session.scalars(select(ReviewDecision)).one()
        assert (saved.decision, saved.correct_status, saved.page) == (
            "false_positive",
            "present",
            4,
        )

    ingest(settings, files["avenant-1"], TODAY + timedelta(days=3))  # a new document
    state, by, events = reversibility(settings)
    assert (state, by, events[-1]) == (
        "reopened",
        SYSTEM,
        ("reopened", SYSTEM, "nouveau document / new document"),
    )

    with session_scope(settings.db_url) as session:
        finding = session.scalars(
            select(Finding).where(Finding.key == "missing:reversibility")
        ).one()
        resolve(session, finding.id, "legal.chb", "avenant lu : clause à l'article 14")
    assert pipeline.audit(TODAY + timedelta(days=4), settings)["reopened"] == 0
    assert reversibility(settings)[:2] == ("resolved", "legal.chb")


def test_a_finding_resolved_by_a_person_reopens_when_its_evidence_changes(
    registry_url: str,
) -> None:
    from hdswatch.registry.db import upgrade
    from hdswatch.registry.findings import key_of, sync_contract
    from hdswatch.registry.judgment import AlertFact
    from hdswatch.registry.store import attach_document, record_document

    upgrade(registry_url)
    code = "non_compliant:hosting_locations"

    def fact(quote: str) -> AlertFact:
        return AlertFact(code, key_of(code), "critical", document_id, page=3, quote=quote)

    with session_scope(registry_url) as session:
        document, _ = record_document(
            session,
            sha256="d" * 64,
            file_name="d.pdf",
            stored_path="/d.pdf",
            establishment="CSR",
            size_bytes=1,
        )
        contract = attach_document(session, document, None)
        document_id, contract_id = document.id, contract.id
        sync_contract(session, contract_id, [fact("Données stockées aux États-Unis")], TODAY)
        finding = session.scalars(select(Finding)).one()
        resolve(session, finding.id, "dpo.csr", "accepté par la direction")
    with session_scope(registry_url) as session:
        same = sync_contract(session, contract_id, [fact("Données stockées aux États-Unis")], TODAY)
        assert same.reopened == []
    with session_scope(registry_url) as session:
        moved = sync_contract(session, contract_id, [fact("Données stockées au Brésil")], TODAY)
        assert [(f.code, f.state, f.events[-1].note) for f in moved.reopened] == [
            (code, "reopened", "preuve modifiée / evidence changed")
        ]
