"""``hdswatch demo``: the whole product on embedded defaults, through real Airflow.

1. a working folder (``.demo/`` by default): Airflow home on SQLite, the registry (SQLite, apart
   from Airflow's), the inbox, the reports and a mailbox folder;
2. ``airflow db migrate``; the registry schema;
3. a local SMTP catcher on 127.0.0.1 that writes every e-mail it receives as an ``.eml`` file;
4. three generated sample contracts dropped in the inbox (one per establishment);
5. ``airflow dags test contract_ingest`` then ``airflow dags test nightly_audit``;
6. a summary: where the e-mails and the reports are, and what they say.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from datetime import date
from email import policy
from email.parser import BytesParser
from pathlib import Path

import click

__all__ = ["airflow_env", "run_demo"]

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def airflow_env(home: Path, smtp_port: int) -> dict[str, str]:
    """Environment for Airflow commands and tasks: everything under ``home``, nothing shared."""
    env = dict(os.environ)
    env.update(
        {
            "AIRFLOW_HOME": str(home / "airflow"),
            "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow' / 'airflow.db'}",
            "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(home / "airflow" / "logs"),
            "AIRFLOW__API__HOST": "127.0.0.1",
            "HDSWATCH_HOME": str(home),
            "HDSWATCH_SMTP_HOST": "127.0.0.1",
            "HDSWATCH_SMTP_PORT": str(smtp_port),
            "HDSWATCH_RSSI_EMAIL": env.get("HDSWATCH_RSSI_EMAIL", "rssi@ght-demo.fr"),
            "HDSWATCH_MAIL_FROM": env.get("HDSWATCH_MAIL_FROM", "hdswatch@ght-demo.fr"),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        }
    )
    return env


def _run(step: str, args: list[str], env: dict[str, str], log: Path) -> None:
    click.echo(f"• {step} …", err=True)
    started = time.monotonic()
    with log.open("a") as out:
        out.write(f"\n$ {' '.join(args)}\n")
        out.flush()
        # args are built here from fixed program paths, never from user input
        result = subprocess.run(args, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)  # noqa: S603
    if result.returncode != 0:
        raise click.ClickException(f"{step} a échoué (code {result.returncode}) : voir {log}")
    click.echo(f"  fait en {time.monotonic() - started:.0f} s", err=True)


def run_demo(home: Path, today: date) -> int:
    from hdswatch.inbox import drop
    from hdswatch.mail import MailCatcher
    from hdswatch.samples import demo_specs, write_contract_pdf

    if home.exists():
        shutil.rmtree(home)
    (home / "airflow").mkdir(parents=True)
    log = home / "demo.log"
    mailbox = home / "mailbox"
    airflow = str(Path(sys.executable).parent / "airflow")
    with MailCatcher(mailbox, port=0) as catcher:
        env = airflow_env(home, catcher.port)
        _run("Initialisation d'Airflow (SQLite)", [airflow, "db", "migrate"], env, log)
        _run(
            "Registre hdswatch (SQLite)",
            [sys.executable, "-m", "hdswatch.cli", "db", "upgrade"],
            env,
            log,
        )
        samples = home / "samples"
        for spec in demo_specs(today):
            pdf = write_contract_pdf(spec, samples / f"{spec.name}.pdf")
            drop(pdf, home / "inbox", spec.establishment)
        click.echo(f"• 3 contrats d'exemple déposés dans {home / 'inbox'}", err=True)
        _run("Sérialisation des DAG", [airflow, "dags", "reserialize"], env, log)
        _run(
            "DAG contract_ingest",
            [airflow, "dags", "test", "contract_ingest", today.isoformat()],
            env,
            log,
        )
        _run(
            "DAG nightly_audit",
            [airflow, "dags", "test", "nightly_audit", today.isoformat()],
            env,
            log,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and len(list(mailbox.glob("*.eml"))) < 2:
            time.sleep(0.2)
    _summary(home, mailbox)
    return 0


def _summary(home: Path, mailbox: Path) -> None:
    click.echo("")
    click.echo("hdswatch — démonstration terminée")
    for path in sorted(mailbox.glob("*.eml")):
        with path.open("rb") as handle:
            message = BytesParser(policy=policy.default).parse(handle)
        click.echo(f"  e-mail : {path}")
        click.echo(f"           À : {message['To']}  —  Objet : {message['Subject']}")
    click.echo(f"  rapports JSON : {home / 'reports'}")
    for path in sorted((home / "reports").glob("*.json")):
        click.echo(f"           {path.name}")
    click.echo(f"  registre : {home / 'registry.db'}   journal : {home / 'demo.log'}")
