"""Uploading a new amendment on the contract page: only a real PDF, within the size limit, by a
role that may write for the contract's establishment, with the CSRF token; written into the
contract's inbox sub-folder with the signal raised, logged, and picked up by the ingest steps."""

from __future__ import annotations

import doctest
from dataclasses import replace
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from hdswatch import pipeline
from hdswatch.registry.accounts import AccessLog
from hdswatch.registry.db import session_scope
from hdswatch.registry.models import Document
from hdswatch.samples import demo_specs, write_contract_pdf
from hdswatch.settings import Settings
from hdswatch.web import uploads as uploads_module
from hdswatch.web.app import create_app

from .conftest import SECRET, TODAY, World, copy_of
from .test_app import contract_of, csrf_of, log_in


def own_inbox(world: World, tmp_path: Path, **changes: float) -> Settings:
    return replace(world.settings, inbox=tmp_path / "inbox", **changes)  # type: ignore[arg-type]


def client(settings: Settings) -> TestClient:
    return TestClient(
        create_app(settings, SECRET, today=TODAY),
        base_url="https://testserver",
        follow_redirects=False,
    )


def upload(c: TestClient, contract: int, name: str, data: bytes, token: str | None) -> int:
    form = {"csrf": token} if token is not None else {}
    files = {"document": (name, data, "application/pdf")}
    return c.post(f"/contracts/{contract}/documents", data=form, files=files).status_code


def actions(world: World, login: str) -> list[tuple[str, str | None]]:
    with session_scope(world.settings.db_url) as s:
        rows = s.execute(
            select(AccessLog.action, AccessLog.detail)
            .where(AccessLog.login == login, AccessLog.action.like("upload%"))
            .order_by(AccessLog.id)
        )
        return [(a, d) for a, d in rows]


def test_a_dpo_uploads_an_amendment_into_the_contract_folder(world: World, tmp_path: Path) -> None:
    settings = own_inbox(world, tmp_path)
    c = client(settings)
    log_in(c, "dpo.chb")
    chb = contract_of(world, "CHB")
    token = csrf_of(c.get(f"/contracts/{chb}").text)
    pdf = world.pdfs["PDT"].read_bytes()
    response = c.post(
        f"/contracts/{chb}/documents",
        data={"csrf": token},
        files={"document": ("Prolongation 2027.pdf", pdf, "application/pdf")},
    )
    assert response.status_code == 303
    assert response.headers["location"] == (
        f"/contracts/{chb}?uploaded=avenant-Prolongation%202027.pdf"
    )
    folder = settings.inbox / "CHB" / "c02_centre_hospitalier_bellecombe"
    assert sorted(p.name for p in folder.iterdir()) == ["avenant-Prolongation 2027.pdf"]
    assert (folder / "avenant-Prolongation 2027.pdf").read_bytes() == pdf
    assert (settings.inbox / ".signals" / "new").is_file()
    assert actions(world, "dpo.chb")[-1] == ("upload_document", "avenant-Prolongation 2027.pdf")
    page = c.get(response.headers["location"]).text
    assert 'id="uploaded"' in page and "avenant-Prolongation 2027.pdf" in page
    # the same name again does not overwrite the first file
    assert upload(c, chb, "Prolongation 2027.pdf", pdf + b"\n", token) == 303
    assert sorted(p.name for p in folder.iterdir()) == [
        "avenant-Prolongation 2027-2.pdf",
        "avenant-Prolongation 2027.pdf",
    ]


def test_what_is_not_a_pdf_or_too_large_is_refused(world: World, tmp_path: Path) -> None:
    settings = own_inbox(world, tmp_path, upload_max_mb=0.01)  # 10 KiB
    c = client(settings)
    log_in(c, "legal.chb")
    chb = contract_of(world, "CHB")
    token = csrf_of(c.get(f"/contracts/{chb}").text)
    assert upload(c, chb, "avenant.pdf", b"MZ\x90\x00 not a pdf at all", token) == 400
    assert upload(c, chb, "avenant.pdf", b"", token) == 400
    assert upload(c, chb, "avenant.pdf", b"%PDF-1.7\n" + b"0" * 11_000, token) == 413
    assert upload(c, chb, "avenant.pdf", b"%PDF-1.7\n", None) == 403  # no CSRF token
    assert not (settings.inbox / "CHB").exists()
    assert [a for a, _ in actions(world, "legal.chb")[-3:]] == ["upload_refused"] * 3


def test_only_writers_of_the_establishment_may_upload(world: World, tmp_path: Path) -> None:
    settings = own_inbox(world, tmp_path)
    chb = contract_of(world, "CHB")
    pdf = b"%PDF-1.7\n%%EOF\n"
    auditor = client(settings)
    log_in(auditor, "auditor")
    html = auditor.get(f"/contracts/{chb}").text
    assert 'id="upload-form"' not in html
    assert upload(auditor, chb, "avenant.pdf", pdf, csrf_of(html)) == 403
    outsider = client(settings)
    log_in(outsider, "dpo.pdt")
    token = csrf_of(outsider.get("/").text)
    assert upload(outsider, chb, "avenant.pdf", pdf, token) == 404
    with session_scope(world.settings.db_url) as s:
        denied = s.scalars(
            select(AccessLog.detail).where(
                AccessLog.login == "dpo.pdt", AccessLog.action == "denied"
            )
        ).all()
    assert denied[-1] == "upload"
    assert not (settings.inbox / "CHB").exists()


def test_the_ingest_steps_attach_the_upload_to_the_contract(world: World, tmp_path: Path) -> None:
    """On a copy of the registry: the upload is found by the ingest's first step and filed as
    an amendment of the contract it was uploaded for."""
    settings = copy_of(world, tmp_path)
    c = client(settings)
    assert log_in(c, "rssi") == 303
    chb = contract_of(world, "CHB")
    page = c.get(f"/contracts/{chb}")
    assert page.status_code == 200, page.text
    token = csrf_of(page.text)
    spec = next(s for s in demo_specs(TODAY) if s.establishment == "CHB")
    amendment = write_contract_pdf(replace(spec, style_seed=9), tmp_path / "a.pdf").read_bytes()
    assert upload(c, chb, "avenant-1.pdf", amendment, token) == 303
    pending = pipeline.pending_documents(settings)
    assert [Path(p).relative_to(settings.inbox).as_posix() for p in pending] == [
        "CHB/c02_centre_hospitalier_bellecombe/avenant-1.pdf"
    ]
    staged = pipeline.validate(pipeline.analyse(pending[0], settings), TODAY, settings)
    document_id = pipeline.store(staged, TODAY, settings)
    with session_scope(settings.db_url) as s:
        document = s.get(Document, document_id)
        assert document is not None
        assert (document.contract_id, document.role) == (chb, "amendment")


def test_docstring_examples_hold() -> None:
    failures, tried = doctest.testmod(uploads_module)
    assert (tried > 0, failures) == (True, 0)
