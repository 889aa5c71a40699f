"""Reviewers' corrections exported as labels: the download (admin and RSSI only, logged), the
command line, and the folder it writes read by the evaluation as it is."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import delete, select

from hdswatch.cli import cli
from hdswatch.evaluation import compare
from hdswatch.registry.accounts import AccessLog
from hdswatch.registry.db import session_scope
from hdswatch.registry.models import Document, Finding, ReviewDecision
from hdswatch.settings import Settings
from hdswatch.web import corrections as corrections_module
from hdswatch.web.app import create_app

from .conftest import SECRET, TODAY, World, copy_of
from .test_app import contract_of, csrf_of, log_in


def client(settings: Settings) -> TestClient:
    app = create_app(settings, SECRET, today=TODAY)
    return TestClient(app, base_url="https://testserver", follow_redirects=False)


def review(settings: Settings, world: World) -> str:
    """legal.chb marks reversibility present (page 4), confirms the missing DPO audit and
    resolves the hosting finding (no label). Returns the CHB main document's label file."""
    c = client(settings)
    log_in(c, "legal.chb")
    chb = contract_of(world, "CHB")
    with session_scope(settings.db_url) as s:
        s.execute(delete(ReviewDecision))  # other tests of the package decide on the shared world
        ids = dict(
            s.execute(select(Finding.code, Finding.id).where(Finding.contract_id == chb)).all()
        )
        document = s.scalars(select(Document).where(Document.contract_id == chb)).one()
        file = f"CHB/{document.sha256[:12]}-{document.file_name}"
    token = csrf_of(c.get(f"/contracts/{chb}").text)
    decisions = [
        (
            "missing:reversibility",
            {"action": "wrong", "correct_status": "present", "page": "4", "reason": "art. 14"},
        ),
        ("missing:dpo_audit", {"action": "confirm"}),
        ("non_compliant:hosting_locations", {"action": "resolved"}),
    ]
    for code, form in decisions:
        response = c.post(f"/findings/{ids[code]}/decision", data={**form, "csrf": token})
        assert response.status_code == 303, (code, response.text)
    return file


def test_the_rssi_downloads_the_corrections_as_labels(world: World, tmp_path: Path) -> None:
    settings = copy_of(world, tmp_path)
    file = review(settings, world)
    rssi = client(settings)
    log_in(rssi, "rssi")
    response = rssi.get("/corrections.jsonl")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-ndjson; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="corrections-2026-11-29.jsonl"'
    )
    rows = [json.loads(line) for line in response.text.splitlines()]
    assert [(r["file"], r["split"], r["as_of"], r["clauses"], r["reviewed_by"]) for r in rows] == [
        (
            file,
            "review",
            "2026-11-29",
            {
                "reversibility": {"status": "present", "pages": [4]},
                "dpo_audit": {"status": "missing"},
            },
            ["legal.chb"],
        )
    ]
    assert 'id="export-labels"' in rssi.get("/dashboard").text
    with session_scope(settings.db_url) as s:
        logged = s.execute(
            select(AccessLog.action, AccessLog.detail)
            .where(AccessLog.login == "rssi")
            .order_by(AccessLog.id)
        ).all()
    assert logged[-1] == ("export_labels", "1 label(s)")
    for login in ("dpo.chb", "legal.chb", "auditor"):
        other = client(settings)
        log_in(other, login)
        assert other.get("/corrections.jsonl").status_code == 403
        assert 'id="export-labels"' not in other.get("/dashboard").text


def test_the_command_writes_a_folder_the_evaluation_reads(
    world: World, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    settings = copy_of(world, tmp_path)
    file = review(settings, world)
    monkeypatch.setenv("HDSWATCH_HOME", str(settings.home))
    monkeypatch.setenv("HDSWATCH_DB_URL", settings.db_url)
    out = tmp_path / "labelled"
    result = CliRunner().invoke(cli, ["review", "export-labels", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"1 document(s) étiqueté(s) / labelled: {out / 'labels.jsonl'}\n"
    assert (out / file).read_bytes() == world.pdfs["CHB"].read_bytes()
    comparison = compare(out / "labels.jsonl", out)
    assert comparison.absent == []
    scores = comparison.product["review"]
    assert scores.documents == 1
    # the analysis says reversibility is missing: the reviewer's label counts it as an error
    assert scores.errors == [(file, "reversibility", "present", "missing")]
    assert (scores.statuses["missing"].tp, scores.statuses["missing"].fp) == (1, 1)


def test_docstring_examples_hold() -> None:
    failures, tried = doctest.testmod(corrections_module)
    assert (tried > 0, failures) == (True, 0)
