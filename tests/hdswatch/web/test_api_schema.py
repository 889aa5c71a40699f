"""The review application's HTTP API checked against its own OpenAPI schema by schemathesis
(in-process, ASGI), logged in as a real user (the RSSI, who sees every establishment).

Every operation of ``/api/openapi.json`` is exercised with generated requests: no server error,
and every answer conforms to the schema (status code, content type, headers, body). The HTML
pages and forms are exercised too, for server errors only (their answers are HTML pages and
redirects, not documented bodies). Nothing is excluded otherwise; see docs/security.md.
"""

from __future__ import annotations

import re

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from hdswatch.web.app import create_app

from .conftest import PASSWORD, SECRET, TODAY, World


@pytest.fixture(scope="module")
def app(world: World):  # type: ignore[no-untyped-def]
    return create_app(world.settings, SECRET, today=TODAY)


@pytest.fixture(scope="module")
def schema(app):  # type: ignore[no-untyped-def]
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


@pytest.fixture(scope="module")
def session_cookie(app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    c = TestClient(app, base_url="https://testserver", follow_redirects=False)
    token = re.search(r'name="csrf" value="([^"]+)"', c.get("/login").text)
    assert token
    answer = c.post("/login", data={"login": "rssi", "password": PASSWORD, "csrf": token[1]})
    assert answer.status_code == 303
    return {"hdswatch_session": c.cookies["hdswatch_session"]}


def test_the_schema_is_valid_and_names_the_api(app) -> None:  # type: ignore[no-untyped-def]
    document = TestClient(app, base_url="https://testserver").get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert {"/api/contracts", "/api/contracts/{contract_id}"} <= set(document["paths"])


def exercise(schema, cookies: dict[str, str], examples: int, checks=None) -> list[str]:  # type: ignore[no-untyped-def]
    """Generated requests against every operation of ``schema``: the failures, one line each.

    (schemathesis's own pytest plugin does not run under pytest 9: the operations are driven
    here with Hypothesis directly.)"""
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        strategy = operation.as_strategy()

        @given(case=strategy)
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(cookies=cookies, checks=checks)

        try:
            run()
        except Exception as exc:  # every failure is reported, not the first only
            failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:1500]}")
    return failures


def test_the_json_api_conforms_to_its_schema(schema, session_cookie) -> None:  # type: ignore[no-untyped-def]
    failures = exercise(schema.include(path_regex="^/api/"), session_cookie, 25)
    assert failures == []


def test_the_pages_never_fail_on_the_server(schema, session_cookie) -> None:  # type: ignore[no-untyped-def]
    pages = schema.exclude(path_regex="^/api/")
    failures = exercise(pages, session_cookie, 10, [not_a_server_error])
    assert failures == []
