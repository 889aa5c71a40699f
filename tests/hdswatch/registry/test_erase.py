"""Forgetting a contract on request (``hdswatch forget``): after it, neither its sha256 nor a
sentence quoted from it is left in the registry database file or anywhere under HDSWATCH_HOME
(the customer's original in the inbox aside, kept unless asked); the other contracts and the
access log stay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from hdswatch.cli import cli
from hdswatch.registry.accounts import AccessLog
from hdswatch.registry.db import connect, session_scope
from hdswatch.registry.models import Analysis, Contract, Document, Email, Finding
from tests.hdswatch.ingested import Ingested, environment, ingest_demo


@pytest.fixture
def ingested(tmp_path: Path) -> Ingested:
    return ingest_demo(tmp_path)


def db_url(world: Ingested) -> str:
    return f"sqlite:///{world.home / 'registry.db'}"


def target(world: Ingested, code: str) -> tuple[int, str, str, list[str]]:
    """The contract of ``code``: id, sha256 of its document, a quote no other contract has, and
    the other contracts' sha256."""
    with session_scope(db_url(world)) as s:
        rows = s.execute(
            select(
                Document.contract_id, Document.sha256, Document.establishment_code, Analysis.report
            ).join(Analysis, Analysis.document_id == Document.id)
        ).all()
    mine = next(r for r in rows if r[2] == code)
    others = json.dumps([r[3] for r in rows if r[2] != code], ensure_ascii=False)
    quotes = [
        e["text"]
        for clause in mine[3]["clauses"].values()
        for e in clause.get("evidence") or []
        if len(e.get("text") or "") > 40
    ]
    distinctive = next(q for q in quotes if q not in others)
    return int(mine[0]), mine[1], distinctive, [r[1] for r in rows if r[2] != code]


def traces(data: bytes, *marks: str) -> list[str]:
    found = []
    for mark in marks:
        forms = {mark.encode(), json.dumps(mark).strip('"').encode(), mark.encode("utf-16-le")}
        if any(form in data for form in forms):
            found.append(mark)
    return found


def files_under(home: Path) -> list[Path]:
    return sorted(p for p in home.rglob("*") if p.is_file())


def test_forget_needs_a_confirmation_and_a_known_contract(ingested: Ingested) -> None:
    contract_id, sha, _, _ = target(ingested, "CSR")
    with environment(ingested.env):
        result = CliRunner().invoke(cli, ["forget", "--contract", str(contract_id)])
    assert result.exit_code == 1
    assert "--yes" in result.output
    with session_scope(db_url(ingested)) as s:
        assert s.scalar(select(Document.id).where(Document.sha256 == sha)) is not None
    with environment(ingested.env):
        result = CliRunner().invoke(cli, ["forget", "--contract", "999", "--yes"])
    assert result.exit_code != 0
    assert "no such contract" in str(result.exception) + result.output


def test_forget_leaves_no_trace_but_the_original_and_the_access_log(ingested: Ingested) -> None:
    contract_id, sha, quote, others = target(ingested, "CHB")  # the one with an alert e-mail
    original = next((ingested.home / "inbox" / "CHB").glob("*.pdf"))
    original_bytes = original.read_bytes()
    before = files_under(ingested.home)
    assert [p for p in before if traces(p.read_bytes(), sha, quote) and p != original]  # there were
    with session_scope(db_url(ingested)) as s:
        mails_before = len(list(s.scalars(select(Email.id))))
    assert mails_before == 1

    with environment(ingested.env):
        result = CliRunner().invoke(
            cli, ["forget", "--contract", str(contract_id), "--yes", "--by", "dpo.chb"]
        )
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        f"contrat {contract_id} oublié / forgotten : 1 document(s), 1 analyse(s)"
    )

    connect(db_url(ingested)).dispose()
    leftovers = {
        str(p.relative_to(ingested.home)): traces(p.read_bytes(), sha, sha[:16], quote)
        for p in files_under(ingested.home)
        if p != original
    }
    assert {name: marks for name, marks in leftovers.items() if marks} == {}
    assert original.read_bytes() == original_bytes  # the customer's original is not ours to delete
    with session_scope(db_url(ingested)) as s:
        assert s.get(Contract, contract_id) is None
        assert s.scalar(select(Finding.id).where(Finding.contract_id == contract_id)) is None
        assert sorted(s.scalars(select(Document.sha256))) == sorted(others)  # the others stay
        assert len(list(s.scalars(select(Email.id)))) == mails_before - 1  # its alert went
        entry = s.scalars(select(AccessLog).where(AccessLog.action == "forget")).one()
        assert (entry.login, entry.contract_id, entry.detail) == (
            "dpo.chb",
            contract_id,
            "documents 1",
        )


def test_forget_by_sha256_with_the_original(ingested: Ingested) -> None:
    contract_id, sha, quote, _ = target(ingested, "PDT")
    with environment(ingested.env):
        result = CliRunner().invoke(cli, ["forget", "--sha256", sha, "--yes", "--delete-original"])
    assert result.exit_code == 0, result.output
    assert list((ingested.home / "inbox" / "PDT").glob("*.pdf")) == []
    connect(db_url(ingested)).dispose()
    for path in files_under(ingested.home):
        assert traces(path.read_bytes(), sha, quote) == [], path
    with session_scope(db_url(ingested)) as s:
        assert s.get(Contract, contract_id) is None
