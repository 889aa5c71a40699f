"""The review page as an Airflow 3 plugin: Airflow's plugin manager finds it in the plugins
folder without importing the application, and Airflow's own API server serves the same
application under ``/hdswatch`` (log-in, queue, assets); ``hdswatch serve`` serves it alone."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from hdswatch.registry.db import session_scope, upgrade
from hdswatch.web.users import add_user

from .conftest import PASSWORD

REPO = Path(__file__).resolve().parents[3]
SECRET = "p" * 48

SCRIPT = r"""
import json, re, sys
from airflow import plugins_manager

plugins, errors = plugins_manager._get_plugins()
apps, _ = plugins_manager.get_fastapi_plugins()
views, _ = plugins_manager._get_ui_plugins()
loaded = sorted(m for m in sys.modules if m.startswith("hdswatch"))

from fastapi.testclient import TestClient
from airflow.api_fastapi.app import create_app

client = TestClient(create_app(), base_url="https://testserver", follow_redirects=False)
first = client.get("/hdswatch/")
login = client.get("/hdswatch/login")
token = re.search(r'name="csrf" value="([^"]+)"', login.text)[1]
signed = client.post(
    "/hdswatch/login", data={"login": "rssi", "password": sys.argv[1], "csrf": token}
)
queue = client.get("/hdswatch/")
css = client.get("/hdswatch/static/app.css")
print("RESULT " + json.dumps({
    "plugins": [p.name for p in plugins],
    "errors": errors,
    "apps": [(a["name"], a["url_prefix"]) for a in apps],
    "views": views,
    "loaded_at_plugin_load": loaded,
    "first": [first.status_code, first.headers.get("location")],
    "login": [login.status_code, "Connexion" in login.text, "/hdswatch/static/app.css" in login.text],
    "signed": [signed.status_code, signed.headers.get("location")],
    "queue": [queue.status_code, "File de revue" in queue.text, 'href="/hdswatch/dashboard"' in queue.text],
    "css": [css.status_code, css.headers.get("content-type")],
}))
"""


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "HDSWATCH"))}
    (tmp_path / "airflow").mkdir()
    env.update(
        AIRFLOW_HOME=str(tmp_path / "airflow"),
        AIRFLOW__CORE__PLUGINS_FOLDER=str(REPO / "plugins"),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        HDSWATCH_HOME=str(tmp_path / "hds"),
        HDSWATCH_DB_URL=f"sqlite:///{tmp_path / 'hds' / 'registry.db'}",
        HDSWATCH_WEB_SECRET=SECRET,
    )
    upgrade(env["HDSWATCH_DB_URL"])
    with session_scope(env["HDSWATCH_DB_URL"]) as session:
        add_user(session, "rssi", PASSWORD, role="rssi")
    return env


@pytest.mark.airflow
def test_airflow_loads_the_plugin_and_serves_the_review_page(tmp_path: Path) -> None:
    env = environment(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, PASSWORD],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    result = json.loads(lines[-1].removeprefix("RESULT "))
    assert result == {
        "plugins": ["hdswatch_review"],
        "errors": {},
        "apps": [["hdswatch — revue des contrats", "/hdswatch"]],
        "views": [],
        "loaded_at_plugin_load": ["hdswatch_review_plugin"],
        "first": [303, "/hdswatch/login"],
        "login": [200, True, True],
        "signed": [303, "/hdswatch/"],
        "queue": [200, True, True],
        "css": [200, "text/css; charset=utf-8"],
    }


def test_hdswatch_serve_serves_the_same_application(tmp_path: Path) -> None:
    env = environment(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("hdswatch")), "serve", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5) as page:
                    html = page.read().decode()
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        assert 'action="/login"' in html and 'href="/static/app.css"' in html
    finally:
        server.terminate()
        server.wait(10)
        assert server.stderr is not None
        server.stderr.close()
