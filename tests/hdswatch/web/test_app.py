"""The review application through its HTTP interface (Starlette's test client, HTTPS origin so
the ``Secure`` session cookie is sent): log-in, CSRF, scope by establishment, decisions, access log."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from hdswatch.registry.accounts import AccessLog
from hdswatch.registry.db import session_scope
from hdswatch.registry.models import Contract, Establishment, Finding, ReviewDecision
from hdswatch.web.app import create_app
from hdswatch.web.throttle import LoginThrottle

from .conftest import PASSWORD, SECRET, TODAY, World


def client(world: World, throttle: LoginThrottle | None = None) -> TestClient:
    app = create_app(world.settings, SECRET, today=TODAY, throttle=throttle)
    return TestClient(app, base_url="https://testserver", follow_redirects=False)


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, html[:500]
    return match[1]


def log_in(c: TestClient, login: str, password: str = PASSWORD) -> int:
    token = csrf_of(c.get("/login").text)
    return c.post("/login", data={"login": login, "password": password, "csrf": token}).status_code


def contract_of(world: World, code: str) -> int:
    with session_scope(world.settings.db_url) as s:
        return s.scalar(select(Contract.id).join(Establishment).where(Establishment.code == code))


def test_pages_need_a_login(world: World) -> None:
    c = client(world)
    assert c.get("/").headers["location"] == "/login"
    assert c.get(f"/contracts/{contract_of(world, 'CHB')}").status_code == 303
    assert c.get("/api/contracts").status_code == 401


def test_login_sets_a_secure_strict_cookie_and_refuses_bad_passwords(world: World) -> None:
    c = client(world)
    assert log_in(c, "rssi", "wrong password!") == 401
    token = csrf_of(c.get("/login").text)
    response = c.post("/login", data={"login": "rssi", "password": PASSWORD, "csrf": token})
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie and "samesite=strict" in cookie


def test_login_without_csrf_token_is_refused(world: World) -> None:
    c = client(world)
    c.get("/login")
    assert c.post("/login", data={"login": "rssi", "password": PASSWORD}).status_code == 403


def test_login_is_rate_limited(world: World) -> None:
    c = client(world, LoginThrottle(attempts=3, window=300))
    assert [log_in(c, "auditor", "bad password!") for _ in range(3)] == [401, 401, 401]
    assert log_in(c, "auditor") == 429  # even the right password, until the window has passed


def test_queue_is_french_sorted_and_filtered(world: World) -> None:
    c = client(world)
    log_in(c, "rssi")
    page = c.get("/").text
    assert "File de revue" in page and "contrats avec constats ouverts" in page
    # CSR's contract is compliant: no open finding, not in the queue
    chb, pdt = contract_of(world, "CHB"), contract_of(world, "PDT")
    assert re.findall(r'data-contract="(\d+)"', page) == [str(chb), str(pdt)]
    only_pdt = c.get("/", params={"establishment": "PDT"}).text
    assert re.findall(r'data-contract="(\d+)"', only_pdt) == [str(pdt)]
    critical = c.get("/", params={"severity": "critical"}).text
    assert re.findall(r'data-contract="(\d+)"', critical) == [str(chb)]
    rows = c.get("/api/contracts", params={"within": "30"}).json()["contracts"]
    assert [(r["establishment"], r["worst_severity"], r["earliest_deadline"]) for r in rows] == [
        ("CHB", "high", "2026-12-19"),  # only findings with a deadline count
        ("PDT", "high", "2026-12-19"),
    ]


def test_english_on_request(world: World) -> None:
    c = client(world)
    log_in(c, "rssi")
    c.get("/lang/en")
    assert "Review queue" in c.get("/").text


def test_dpo_sees_only_their_establishment(world: World) -> None:
    c = client(world)
    log_in(c, "dpo.chb")
    chb, other = contract_of(world, "CHB"), contract_of(world, "PDT")
    queue = c.get("/").text
    assert f'data-contract="{chb}"' in queue and f'data-contract="{other}"' not in queue
    assert [r["id"] for r in c.get("/api/contracts").json()["contracts"]] == [chb]
    assert c.get(f"/contracts/{chb}").status_code == 200
    assert c.get(f"/contracts/{other}").status_code == 404
    assert c.get(f"/api/contracts/{other}").status_code == 404
    with session_scope(world.settings.db_url) as s:
        document = s.scalar(select(Finding.document_id).where(Finding.contract_id == other))
        finding = s.scalar(select(Finding.id).where(Finding.contract_id == other))
    assert c.get(f"/contracts/{other}/documents/{document}/pages/1.png").status_code == 404
    token = csrf_of(c.get("/").text)
    denied = c.post(f"/findings/{finding}/decision", data={"action": "confirm", "csrf": token})
    assert denied.status_code == 404
    with session_scope(world.settings.db_url) as s:
        attempts = s.scalars(
            select(AccessLog.detail).where(
                AccessLog.login == "dpo.chb", AccessLog.action == "denied"
            )
        ).all()
    assert attempts[-4:] == ["page", "api", f"image {document}/1", f"decision on finding {finding}"]


def test_page_image_is_a_png_and_logged(world: World) -> None:
    c = client(world)
    log_in(c, "legal.chb")
    other = contract_of(world, "CHB")
    with session_scope(world.settings.db_url) as s:
        with_page = s.scalars(
            select(Finding.id).where(Finding.contract_id == other, Finding.page.is_not(None))
        ).first()
    html = c.get(f"/contracts/{other}", params={"finding": with_page}).text
    src = re.search(r'id="page-image" src="([^"]+)"', html)
    assert src, "a finding with a page image is selected"
    image = c.get(src[1])
    assert image.status_code == 200 and image.content[:8] == b"\x89PNG\r\n\x1a\n"
    with session_scope(world.settings.db_url) as s:
        actions = s.scalars(
            select(AccessLog.action).where(AccessLog.login == "legal.chb").order_by(AccessLog.id)
        ).all()
    assert actions[-3:] == ["login", "view_contract", "view_page"]


def test_decisions_go_to_the_registry(world: World) -> None:
    c = client(world)
    log_in(c, "legal.chb")
    other = contract_of(world, "CHB")
    with session_scope(world.settings.db_url) as s:
        # not the finding the browser test marks wrong (the registry is shared by the package)
        first, second = s.scalars(
            select(Finding.id)
            .where(Finding.contract_id == other, Finding.code.like("%hds_certificate"))
            .order_by(Finding.id)
        ).all()
    token = csrf_of(c.get(f"/contracts/{other}").text)
    url = f"/findings/{first}/decision"
    assert c.post(url, data={"action": "confirm"}).status_code == 403  # no CSRF token
    assert (
        c.post(
            url, data={"action": "wrong", "csrf": token, "correct_status": "present"}
        ).status_code
        == 400
    )
    done = c.post(url, data={"action": "confirm", "csrf": token, "comment": "vu"})
    assert (
        done.status_code == 303
        and done.headers["location"] == f"/contracts/{other}?finding={first}&saved=1"
    )
    c.post(
        f"/findings/{second}/decision",
        data={"action": "comment", "csrf": token, "comment": "à revoir"},
    )
    with session_scope(world.settings.db_url) as s:
        assert s.get(Finding, first).state == "acknowledged"  # type: ignore[union-attr]
        decision = s.scalars(select(ReviewDecision).where(ReviewDecision.finding_id == first)).one()
        assert (decision.decision, decision.decided_by, decision.comment) == (
            "confirmed",
            "legal.chb",
            "vu",
        )
        events = s.get(Finding, second).events  # type: ignore[union-attr]
        assert (events[-1].event, events[-1].by, events[-1].note) == (
            "commented",
            "legal.chb",
            "à revoir",
        )


def test_auditor_reads_but_may_not_decide(world: World) -> None:
    c = client(world)
    log_in(c, "auditor")
    pdt = contract_of(world, "PDT")
    html = c.get(f"/contracts/{pdt}").text
    assert "Lecture seule" in html
    with session_scope(world.settings.db_url) as s:
        finding = s.scalar(select(Finding.id).where(Finding.contract_id == pdt))
    token = csrf_of(html)
    assert (
        c.post(
            f"/findings/{finding}/decision", data={"action": "confirm", "csrf": token}
        ).status_code
        == 403
    )
    assert c.get("/access-log").status_code == 403


def test_admin_reads_the_access_log(world: World) -> None:
    c = client(world)
    log_in(c, "admin")
    chb = contract_of(world, "CHB")
    assert c.get(f"/contracts/{chb}").status_code == 200  # its own entry, whatever ran before
    html = c.get("/access-log").text
    assert "Journal des accès" in html
    assert f"<td>view_contract</td><td>{chb}</td>" in html


@pytest.mark.parametrize("secret", ["short"])
def test_a_short_secret_is_refused(world: World, secret: str) -> None:
    from hdswatch.errors import InputError

    with pytest.raises(InputError):
        create_app(world.settings, secret)


def test_a_missing_clause_shows_what_was_searched(world: World) -> None:
    c = client(world)
    log_in(c, "rssi")
    chb = contract_of(world, "CHB")
    with session_scope(world.settings.db_url) as s:
        finding = s.scalars(
            select(Finding).where(
                Finding.contract_id == chb, Finding.code == "missing:reversibility"
            )
        ).one()
        finding_id = finding.id
    html = c.get(f"/contracts/{chb}", params={"finding": finding_id}).text
    assert '<code id="finding-code">missing:reversibility</code>' in html
    assert ("Candidats les plus proches" in html) != ("Pas de preuve localisée" in html)
    assert 'data-clause="reversibility"' in html
