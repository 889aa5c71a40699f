"""Log-in through OpenID Connect against a real provider on 127.0.0.1: a role from the token's
claims, or the local account named by the e-mail; refused for an unknown person or a forged
state; off by default; and in Chromium across two sites, where the SameSite=Strict session
cookie must survive the way back from the provider."""

from __future__ import annotations

import doctest
import html
import re
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from hdswatch.registry.accounts import AccessLog, User
from hdswatch.registry.db import session_scope
from hdswatch.settings import Settings
from hdswatch.web import oidc as oidc_module
from hdswatch.web.app import create_app
from hdswatch.web.oidc import NO_PASSWORD
from hdswatch.web.users import add_user

from .conftest import PASSWORD, SECRET, TODAY, World, copy_of
from .oidc_provider import OidcProvider
from .test_app import contract_of

CLIENT_ID, CLIENT_SECRET = "hdswatch-review", "client-secret-for-tests"


@pytest.fixture(scope="module")
def provider() -> Iterator[OidcProvider]:
    with OidcProvider(CLIENT_ID, CLIENT_SECRET) as running:
        yield running


def with_oidc(settings: Settings, provider: OidcProvider, **claims: str) -> Settings:
    return replace(
        settings,
        oidc_issuer=provider.issuer,
        oidc_client_id=CLIENT_ID,
        oidc_client_secret=CLIENT_SECRET,
        **claims,
    )


def client(settings: Settings) -> TestClient:
    app = create_app(settings, SECRET, today=TODAY)
    return TestClient(app, base_url="https://testserver", follow_redirects=False)


def sign_in(c: TestClient) -> Any:
    """The whole round trip: to the provider (real HTTP), back, the bounce, the finish."""
    assert 'id="sign-in-oidc"' in c.get("/login").text
    to_provider = c.get("/login/oidc")
    assert to_provider.status_code == 302
    page = httpx.get(to_provider.headers["location"])
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page.text))
    consent = httpx.URL(to_provider.headers["location"]).join("/consent")
    back = httpx.post(
        consent, data={k: html.unescape(v) for k, v in fields.items()}, follow_redirects=False
    )
    assert back.status_code == 303
    callback = httpx.URL(back.headers["location"])
    assert (callback.host, callback.path) == ("testserver", "/login/oidc/callback")
    bounce = c.get(f"{callback.path}?{callback.query.decode()}")
    assert bounce.status_code == 200 and 'http-equiv="refresh"' in bounce.text
    assert "set-cookie" not in bounce.headers  # the session holding the state is left alone
    found = re.search(r'<a href="([^"]+)" id="oidc-continue"', bounce.text)
    assert found, bounce.text
    return c.get(html.unescape(found[1]))


def log_of(settings: Settings, action: str) -> list[tuple[str, str | None]]:
    with session_scope(settings.db_url) as s:
        rows = s.execute(
            select(AccessLog.login, AccessLog.detail)
            .where(AccessLog.action == action)
            .order_by(AccessLog.id)
        )
        return [(login, detail) for login, detail in rows]


def test_a_dpo_from_the_role_claim_sees_their_establishment(
    world: World, provider: OidcProvider, tmp_path: Path
) -> None:
    settings = with_oidc(
        copy_of(world, tmp_path),
        provider,
        oidc_role_claim="hdswatch_role",
        oidc_establishments_claim="hdswatch_establishments",
    )
    provider.identity = {
        "sub": "u-1",
        "email": "claire.martin@chb.example",
        "email_verified": True,
        "name": "Claire Martin",
        "hdswatch_role": "dpo",
        "hdswatch_establishments": ["CHB"],
    }
    c = client(settings)
    finished = sign_in(c)
    assert (finished.status_code, finished.headers["location"]) == (303, "/")
    queue = c.get("/")
    assert 'id="current-user">Claire Martin · DPO' in queue.text
    rows = c.get("/api/contracts").json()["contracts"]
    assert [r["id"] for r in rows] == [contract_of(world, "CHB")]
    with session_scope(settings.db_url) as s:
        user = s.scalars(select(User).where(User.login == "claire.martin@chb.example")).one()
        assert (user.role, [e.code for e in user.establishments], user.password_hash) == (
            "dpo",
            ["CHB"],
            NO_PASSWORD,
        )
    assert log_of(settings, "login_oidc") == [("claire.martin@chb.example", None)]
    # no password opens that account
    token = c.get("/login").text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    refused = c.post(
        "/login", data={"login": "claire.martin@chb.example", "password": "!oidc", "csrf": token}
    )
    assert refused.status_code == 401


def test_without_a_role_claim_the_local_account_of_the_email_logs_in(
    world: World, provider: OidcProvider, tmp_path: Path
) -> None:
    settings = with_oidc(copy_of(world, tmp_path), provider)
    with session_scope(settings.db_url) as s:
        add_user(s, "r.dupont@ght.example", PASSWORD, role="auditor", name="R. Dupont")
    provider.identity = {"sub": "u-2", "email": "R.Dupont@GHT.example", "email_verified": True}
    c = client(settings)
    assert sign_in(c).status_code == 303
    assert 'id="current-user">R. Dupont · AUDITOR' in c.get("/").text

    provider.identity = {"sub": "u-3", "email": "stranger@else.example", "email_verified": True}
    stranger = client(settings)
    refused = sign_in(stranger)
    assert refused.status_code == 403 and "Aucun compte hdswatch" in refused.text
    assert stranger.get("/").headers["location"] == "/login"
    assert log_of(settings, "login_oidc_refused") == [
        ("stranger@else.example", "aucun compte pour / no account for stranger@else.example")
    ]

    provider.identity = {"sub": "u-2", "email": "r.dupont@ght.example", "email_verified": False}
    assert sign_in(client(settings)).status_code == 403


def test_a_forged_state_is_refused(world: World, provider: OidcProvider, tmp_path: Path) -> None:
    settings = with_oidc(copy_of(world, tmp_path), provider)
    c = client(settings)
    c.get("/login/oidc")  # a state is in the session, but not this one
    forged = c.get("/login/oidc/finish", params={"code": "made-up", "state": "forged"})
    assert forged.status_code == 401 and "a échoué" in forged.text
    assert c.get("/").headers["location"] == "/login"
    assert [login for login, _ in log_of(settings, "login_oidc_failed")] == ["?"]


def test_off_by_default(world: World) -> None:
    c = client(world.settings)
    assert 'id="sign-in-oidc"' not in c.get("/login").text
    assert c.get("/login/oidc").status_code == 404


CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and shutil.which(CHROMEDRIVER)),
    reason="chromium / chromium-driver absents (make system-deps)",
)
def test_chromium_logs_in_across_sites(
    world: World, provider: OidcProvider, tmp_path: Path
) -> None:
    """The application on http://localhost, the provider on http://127.0.0.1: two sites, so the
    browser withholds the SameSite=Strict cookie on the provider's redirect back."""
    import uvicorn
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from .test_browser import _free_port

    settings = with_oidc(copy_of(world, tmp_path), provider)
    with session_scope(settings.db_url) as s:
        add_user(s, "legal@chb.example", PASSWORD, role="legal", establishments=["CHB"])
    provider.identity = {"sub": "u-4", "email": "legal@chb.example", "email_verified": True}
    port = _free_port()
    app = create_app(settings, SECRET, today=TODAY)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(arg)
    driver = None
    try:
        while not server.started:
            time.sleep(0.05)
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        driver.implicitly_wait(5)
        driver.get(f"http://localhost:{port}/login")
        driver.find_element(By.ID, "sign-in-oidc").click()
        driver.find_element(By.ID, "consent").click()  # on the provider's page
        WebDriverWait(driver, 20).until(
            lambda d: d.current_url.rstrip("/") == f"http://localhost:{port}"
        )
        assert driver.find_element(By.ID, "current-user").text.startswith("legal@chb.example")
        assert driver.find_element(By.TAG_NAME, "h1").text == "File de revue"
    finally:
        if driver is not None:
            driver.quit()
        server.should_exit = True
        thread.join(10)
    assert log_of(settings, "login_oidc") == [("legal@chb.example", None)]


def test_docstring_examples_hold() -> None:
    failures, tried = doctest.testmod(oidc_module)
    assert (tried > 0, failures) == (True, 0)
