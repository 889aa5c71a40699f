"""The security headers of the review application (hdswatch.web.security): on every answer, with
no-store on pages and page images, HSTS only over HTTPS, and a CSP that the real pages obey in
Chromium (no violation reported in the browser's console)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from hdswatch.registry.accounts import AccessLog
from hdswatch.registry.db import session_scope
from hdswatch.registry.models import Contract, Document, Establishment
from hdswatch.web.app import create_app
from hdswatch.web.security import CSP, PERMISSIONS

from .conftest import PASSWORD, SECRET, TODAY, World

EXPECTED = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "permissions-policy": PERMISSIONS,
    "cross-origin-opener-policy": "same-origin",
}


def client(world: World, base_url: str = "https://testserver") -> TestClient:
    app = create_app(world.settings, SECRET, today=TODAY)
    return TestClient(app, base_url=base_url, follow_redirects=False)


def logged_in(world: World, login: str = "rssi") -> TestClient:
    c = client(world)
    token = re.search(r'name="csrf" value="([^"]+)"', c.get("/login").text)
    assert token
    answer = c.post("/login", data={"login": login, "password": PASSWORD, "csrf": token[1]})
    assert answer.status_code == 303
    return c


def chb_document(world: World) -> tuple[int, int]:
    with session_scope(world.settings.db_url) as s:
        row = s.execute(
            select(Contract.id, Document.id)
            .join(Establishment, Contract.establishment_id == Establishment.id)
            .join(Document, Document.contract_id == Contract.id)
            .where(Establishment.code == "CHB")
        ).first()
        assert row is not None
        return int(row[0]), int(row[1])


def test_the_policy_allows_only_the_application_itself() -> None:
    directives = dict(d.split(" ", 1) for d in CSP.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in directives["script-src"] + directives["style-src"]


def test_every_kind_of_answer_carries_the_headers(world: World) -> None:
    c = logged_in(world)
    contract_id, document_id = chb_document(world)
    answers = {
        "login page": client(world).get("/login"),
        "redirect": client(world).get("/"),
        "401 api": client(world).get("/api/contracts"),
        "queue": c.get("/"),
        "contract": c.get(f"/contracts/{contract_id}"),
        "image": c.get(f"/contracts/{contract_id}/documents/{document_id}/pages/1.png"),
        "api": c.get(f"/api/contracts/{contract_id}"),
        "404": c.get("/contracts/999999"),
        "unknown route": c.get("/nowhere"),
        "static": c.get("/static/app.css"),
    }
    for what, answer in answers.items():
        for name, value in EXPECTED.items():
            assert answer.headers.get(name) == value, (what, name)
        assert answer.headers.get_list("content-security-policy") == [CSP], what
    assert answers["image"].status_code == 200
    assert answers["image"].headers["content-type"] == "image/png"


def test_pages_and_images_are_never_stored_but_static_files_may_be(world: World) -> None:
    c = logged_in(world)
    contract_id, document_id = chb_document(world)
    for path in (
        "/",
        f"/contracts/{contract_id}",
        f"/contracts/{contract_id}/documents/{document_id}/pages/1.png",
        f"/api/contracts/{contract_id}",
        "/api/contracts",
        "/login",
    ):
        assert c.get(path).headers.get_list("cache-control") == ["no-store"], path
    assert "no-store" not in c.get("/static/app.css").headers.get("cache-control", "")


def test_hsts_only_over_https(world: World) -> None:
    secure = client(world).get("/login")
    assert secure.headers["strict-transport-security"] == "max-age=63072000; includeSubDomains"
    plain = client(world, "http://testserver").get("/login")
    assert "strict-transport-security" not in plain.headers


CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and shutil.which(CHROMEDRIVER)),
    reason="chromium / chromium-driver absents (make system-deps)",
)
def test_chromium_reports_no_policy_violation_on_the_real_pages(world: World) -> None:
    import threading
    import time

    import uvicorn
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    from .test_browser import _free_port

    port = _free_port()
    app = create_app(world.settings, SECRET, today=TODAY)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1440,1000"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = None
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.05)
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        driver.implicitly_wait(5)
        base = f"http://127.0.0.1:{port}"
        driver.get(f"{base}/login")
        driver.find_element(By.ID, "login").send_keys("rssi")
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.ID, "sign-in").click()
        assert driver.find_element(By.ID, "current-user").text.startswith("rssi")
        contract_id, _ = chb_document(world)
        driver.get(f"{base}/contracts/{contract_id}")
        image = driver.find_element(By.ID, "page-image")
        deadline = time.monotonic() + 20
        while not driver.execute_script("return arguments[0].complete", image):
            assert time.monotonic() < deadline, "page image not loaded"
            time.sleep(0.05)
        assert driver.execute_script("return arguments[0].naturalWidth", image) == 893
        box = driver.find_elements(By.CSS_SELECTOR, "#sheet .highlight")[0].rect
        assert box["width"] > 20 and box["height"] > 8  # the positioned style attribute applied
        driver.get(f"{base}/")
        messages = [entry["message"] for entry in driver.get_log("browser")]
        assert [m for m in messages if "Content Security Policy" in m] == []
    finally:
        if driver is not None:
            driver.quit()
        server.should_exit = True
        thread.join(10)


# --- the access log cannot be edited from the application -----------------------------------


def test_no_route_can_change_the_access_log(world: World) -> None:
    from fastapi.routing import APIRoute

    app = create_app(world.settings, SECRET, today=TODAY)
    routes = [r for r in app.routes if isinstance(r, APIRoute)]
    assert {m for r in routes for m in r.methods} <= {"GET", "POST"}
    assert [(r.path, sorted(r.methods)) for r in routes if "access" in r.path] == [
        ("/access-log", ["GET"])
    ]
    with session_scope(world.settings.db_url) as s:
        before = [
            tuple(r)
            for r in s.execute(
                select(
                    AccessLog.id,
                    AccessLog.at,
                    AccessLog.login,
                    AccessLog.action,
                    AccessLog.contract_id,
                    AccessLog.detail,
                ).order_by(AccessLog.id)
            )
        ]
    c = logged_in(world, "admin")
    for method in ("put", "patch", "delete"):
        assert getattr(c, method)("/access-log").status_code == 405
    assert c.post("/access-log", data={"csrf": "x"}).status_code == 405
    assert c.get("/access-log").status_code == 200
    with session_scope(world.settings.db_url) as s:
        after = [
            tuple(r)
            for r in s.execute(
                select(
                    AccessLog.id,
                    AccessLog.at,
                    AccessLog.login,
                    AccessLog.action,
                    AccessLog.contract_id,
                    AccessLog.detail,
                ).order_by(AccessLog.id)
            )
        ]
    assert after[: len(before)] == before  # past entries untouched; only new ones (the log-in)
    assert [a[3] for a in after[len(before) :]] == ["login"]


# --- uploads: size and type -----------------------------------------------------------------


def test_uploads_too_large_or_not_pdf_are_refused(world: World, tmp_path: Path) -> None:
    from dataclasses import replace

    settings = replace(world.settings, inbox=tmp_path / "inbox", upload_max_mb=0.05)
    c = TestClient(
        create_app(settings, SECRET, today=TODAY),
        base_url="https://testserver",
        follow_redirects=False,
    )
    token = re.search(r'name="csrf" value="([^"]+)"', c.get("/login").text)
    assert token
    c.post("/login", data={"login": "dpo.chb", "password": PASSWORD, "csrf": token[1]})
    contract_id, _ = chb_document(world)
    csrf = re.search(r'name="csrf" value="([^"]+)"', c.get(f"/contracts/{contract_id}").text)
    assert csrf

    def upload(name: str, data: bytes, kind: str = "application/pdf") -> int:
        files = {"document": (name, data, kind)}
        return c.post(
            f"/contracts/{contract_id}/documents", data={"csrf": csrf[1]}, files=files
        ).status_code

    pdf = world.pdfs["CHB"].read_bytes()
    assert len(pdf) < 0.05 * 2**20
    big = pdf + b"%" + b"0" * int(0.05 * 2**20)
    assert upload("avenant.pdf", big) == 413
    assert upload("avenant.pdf", b"MZ\x90\x00 not a pdf at all" * 100) == 400
    assert upload("avenant.pdf", b"<html><script>alert(1)</script></html>", "text/html") == 400
    assert not (tmp_path / "inbox").exists() or not any(
        p.is_file() and p.suffix == ".pdf" for p in (tmp_path / "inbox").rglob("*")
    )
    assert upload("avenant 2.pdf", pdf) == 303  # the control: a real PDF within the limit passes


def test_a_body_over_the_limit_is_refused_before_it_is_read(world: World, tmp_path: Path) -> None:
    from dataclasses import replace

    settings = replace(world.settings, inbox=tmp_path / "inbox", upload_max_mb=0.05)
    c = TestClient(
        create_app(settings, SECRET, today=TODAY),
        base_url="https://testserver",
        follow_redirects=False,
    )
    with session_scope(world.settings.db_url) as s:
        entries = len(list(s.scalars(select(AccessLog.id))))
    answer = c.post(
        "/contracts/1/documents",
        files={"document": ("big.pdf", b"%PDF-" + b"0" * (2 * 2**20), "application/pdf")},
    )
    assert answer.status_code == 413
    assert answer.text == "requête trop volumineuse / request too large"
    assert answer.headers["content-security-policy"] == CSP
    with session_scope(world.settings.db_url) as s:
        assert len(list(s.scalars(select(AccessLog.id)))) == entries  # the route never ran


def test_a_streamed_body_is_cut_at_the_limit() -> None:
    import asyncio

    from hdswatch.web.security import SecurityHeaders

    seen: list[dict[str, object]] = []

    async def app(scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        while True:
            message = await receive()
            seen.append(message)
            if message["type"] == "http.disconnect" or not message.get("more_body"):
                break

    chunks = iter(
        [{"type": "http.request", "body": b"x" * 600, "more_body": True} for _ in range(5)]
    )

    async def receive():  # type: ignore[no-untyped-def]
        return next(chunks)

    async def send(message) -> None:  # type: ignore[no-untyped-def]
        raise AssertionError(message)

    scope = {"type": "http", "path": "/contracts/1/documents", "headers": [], "scheme": "https"}
    asyncio.run(SecurityHeaders(app, max_body_bytes=1000)(scope, receive, send))
    assert [m["type"] for m in seen] == ["http.request", "http.disconnect"]
