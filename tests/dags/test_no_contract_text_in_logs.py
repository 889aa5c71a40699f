"""Contract text never reaches Airflow: the contract_ingest DAG runs for real (``dag.test()``, a
temporary AIRFLOW_HOME on SQLite) on a generated contract with secrets in the environment; then
the task logs (files and the process output), the XCom values and the whole Airflow database
file are searched for every sentence quoted as evidence from the contract, and for the secrets.
The same sentences are in hdswatch's own registry (the control: they are real quotes)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from hdswatch.inbox import drop
from hdswatch.mail import MailCatcher
from hdswatch.samples import demo_specs, write_contract_pdf

pytestmark = pytest.mark.airflow

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 29)
SMTP_PASSWORD = "smtp-Pass-in-Airflow-5521"
WEB_SECRET = "web-secret-in-airflow-" + "x" * 20


def _forms(text: str) -> list[bytes]:
    return [text.encode(), json.dumps(text).strip('"').encode()]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    home = tmp_path_factory.mktemp("nolog")
    spec = demo_specs(TODAY)[1]  # the contract with missing clauses: alerts, e-mails, findings
    drop(write_contract_pdf(spec, home / "samples" / "b.pdf"), home / "inbox", spec.establishment)
    with MailCatcher(home / "mailbox") as catcher:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "HDSWATCH"))}
        env.update(
            {
                "AIRFLOW_HOME": str(home / "airflow"),
                "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
                "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
                "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
                "HDSWATCH_HOME": str(home),
                "HDSWATCH_SMTP_PORT": str(catcher.port),
                "HDSWATCH_SMTP_PASSWORD": SMTP_PASSWORD,
                "HDSWATCH_WEB_SECRET": WEB_SECRET,
            }
        )
        bindir = str(Path(sys.executable).parent)
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
        outputs = []
        for args in (
            [str(Path(bindir) / "airflow"), "db", "migrate"],
            [
                sys.executable,
                str(REPO / "tests/dags/run_dag.py"),
                "contract_ingest",
                TODAY.isoformat(),
            ],
        ):
            done = subprocess.run(
                args, env=env, cwd=home, capture_output=True, timeout=600, check=False
            )
            assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
            outputs.append(done.stdout + done.stderr)
    with sqlite3.connect(home / "registry.db") as registry:
        reports = [json.loads(r) for (r,) in registry.execute("SELECT report FROM analyses")]
    quotes = sorted(
        {
            e["text"]
            for report in reports
            for clause in report["clauses"].values()
            for e in clause.get("evidence") or []
            if len(e.get("text") or "") >= 30
        }
    )
    with sqlite3.connect(home / "airflow" / "airflow.db") as airflow:
        xcoms = [str(v) for (v,) in airflow.execute("SELECT value FROM xcom")]
    log_files = sorted(p for p in (home / "airflow" / "logs").rglob("*") if p.is_file())
    return {
        "home": home,
        "output": outputs[1],
        "quotes": quotes,
        "xcoms": xcoms,
        "logs": log_files,
    }


def test_the_run_produced_quotes_logs_and_xcoms(run: dict[str, object]) -> None:
    assert b"RESULT contract_ingest success" in run["output"]  # type: ignore[operator]
    assert len(run["quotes"]) >= 5  # type: ignore[arg-type]
    assert run["xcoms"]  # dag.test() writes the task logs to the process output (and files, if any)
    assert b"[hdswatch.mail.smtp]" in run["output"]  # type: ignore[operator]  # hdswatch's task logs
    registry = (run["home"] / "registry.db").read_bytes()  # type: ignore[operator]
    assert all(any(f in registry for f in _forms(q)) for q in run["quotes"])  # type: ignore[attr-defined]


def test_no_quote_and_no_secret_in_task_logs_xcom_or_the_airflow_database(
    run: dict[str, object],
) -> None:
    home: Path = run["home"]  # type: ignore[assignment]
    places = {
        "process output": run["output"],
        "xcom": "\n".join(run["xcoms"]).encode(),  # type: ignore[arg-type]
        "airflow.db": (home / "airflow" / "airflow.db").read_bytes(),
        **{str(p.relative_to(home)): p.read_bytes() for p in run["logs"]},  # type: ignore[attr-defined]
    }
    marks = [*run["quotes"], SMTP_PASSWORD, WEB_SECRET]  # type: ignore[misc]
    leaks = {
        where: [m[:40] for m in marks if any(f in data for f in _forms(m))]  # type: ignore[operator]
        for where, data in places.items()
    }
    assert {where: found for where, found in leaks.items() if found} == {}
