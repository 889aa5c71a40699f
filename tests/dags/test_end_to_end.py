"""Both DAGs for real with ``dag.test()`` on a temporary AIRFLOW_HOME (SQLite), three generated
contracts in the inbox, and a real SMTP server on loopback that must receive the e-mails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest

from hdswatch.inbox import drop
from hdswatch.mail import MailCatcher, read_mailbox
from hdswatch.samples import demo_specs, write_contract_pdf

pytestmark = pytest.mark.airflow

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 29)


def _run(args: list[str], env: dict[str, str], cwd: Path) -> str:
    result = subprocess.run(
        args, env=env, cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return result.stdout


def _plain(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


@pytest.fixture(scope="module")
def pipeline_run(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    home = tmp_path_factory.mktemp("e2e")
    mailbox = home / "mailbox"
    specs = demo_specs(TODAY)
    for spec in specs:
        drop(
            write_contract_pdf(spec, home / "samples" / f"{spec.name}.pdf"),
            home / "inbox",
            spec.establishment,
        )
    with MailCatcher(mailbox) as catcher:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "HDSWATCH"))}
        env.update(
            {
                "AIRFLOW_HOME": str(home / "airflow"),
                "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
                "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
                "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
                "HDSWATCH_HOME": str(home),
                "HDSWATCH_SMTP_HOST": "127.0.0.1",
                "HDSWATCH_SMTP_PORT": str(catcher.port),
                "HDSWATCH_RSSI_EMAIL": "rssi@ght.example",
                "HDSWATCH_MAIL_FROM": "hdswatch@ght.example",
            }
        )
        bindir = str(Path(sys.executable).parent)
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
        _run([str(Path(bindir) / "airflow"), "db", "migrate"], env, home)
        ingest = _run(
            [
                sys.executable,
                str(REPO / "tests" / "dags" / "run_dag.py"),
                "contract_ingest",
                TODAY.isoformat(),
            ],
            env,
            home,
        )
        after_ingest = len(read_mailbox(mailbox))
        nightly = _run(
            [
                sys.executable,
                str(REPO / "tests" / "dags" / "run_dag.py"),
                "nightly_audit",
                TODAY.isoformat(),
            ],
            env,
            home,
        )
    return {
        "home": home,
        "specs": specs,
        "mail": read_mailbox(mailbox),
        "after_ingest": after_ingest,
        "ingest": ingest,
        "nightly": nightly,
    }


def test_both_dags_succeed(pipeline_run) -> None:  # type: ignore[no-untyped-def]
    assert "RESULT contract_ingest success" in pipeline_run["ingest"]
    assert "RESULT nightly_audit success" in pipeline_run["nightly"]


def test_one_report_per_contract(pipeline_run) -> None:  # type: ignore[no-untyped-def]
    reports = sorted((pipeline_run["home"] / "reports").glob("*.json"))
    files = sorted(json.loads(p.read_text())["file"] for p in reports)
    assert files == sorted(f"{s.name}.pdf" for s in pipeline_run["specs"])


def test_immediate_alert_names_the_missing_clause(pipeline_run) -> None:  # type: ignore[no-untyped-def]
    spec = pipeline_run["specs"][1]  # the contract without a reversibility clause
    alerts = [
        m
        for m in pipeline_run["mail"][: pipeline_run["after_ingest"]]
        if f"{spec.name}.pdf" in str(m["Subject"])
    ]
    assert len(alerts) == 1
    message = alerts[0]
    assert str(message["Subject"]).startswith("[hdswatch] Clause manquante ou non conforme")
    assert str(message["To"]) == "rssi@ght.example"
    assert str(message["From"]) == "hdswatch@ght.example"
    text = _plain(message)
    assert "Réversibilité" in text
    assert f"l’établissement {spec.establishment}" in text


def test_nightly_digest_lists_what_is_expiring(pipeline_run) -> None:  # type: ignore[no-untyped-def]
    digest = pipeline_run["mail"][-1]
    assert str(digest["Subject"]).startswith("[hdswatch] Synthèse du 29 novembre 2026")
    text = _plain(digest)
    assert "Le certificat HDS de l’hébergeur expire dans les 30 jours" in text
    assert pipeline_run["specs"][1].name + ".pdf" in text
    assert pipeline_run["specs"][2].name + ".pdf" in text  # the notice deadline within 30 days
