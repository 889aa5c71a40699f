"""Secrets never reach a log (hdswatch.redact): which values are secret, how a record is cleaned
(message, arguments, traceback), the filter installed by the command line, and real runs of
``hdswatch`` with secrets in the environment whose whole output is searched for them."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from hdswatch.cli import cli
from hdswatch.redact import SecretFilter, install, mask_url, redact, secrets_of
from hdswatch.settings import Settings
from tests.hdswatch.ingested import TODAY, environment

DB_PASSWORD = "Db-p@ss/w0rd-7731"
SMTP_PASSWORD = "smtp-Secret-4412"
WEB_SECRET = "w" * 20 + "-web-secret-9090"


@pytest.fixture
def root_stream() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        for h in [*root.handlers, logging.lastResort]:
            if h is not None:
                for f in [f for f in h.filters if isinstance(f, SecretFilter)]:
                    h.removeFilter(f)


def test_the_secret_values_of_an_environment() -> None:
    env = {
        "HDSWATCH_DB_URL": "postgresql+psycopg2://hds:Db-p%40ss%2Fw0rd@db:5432/registry",
        "HDSWATCH_SMTP_PASSWORD": SMTP_PASSWORD,
        "HDSWATCH_WEB_SECRET": WEB_SECRET,
        "AWS_SECRET_ACCESS_KEY": "aws-secret-key-1",
        "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
        "HDSWATCH_SMTP_USER": "rssi",
        "HDSWATCH_API_TOKEN": "abc",  # too short to be masked safely
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": "postgresql://airflow:af-pass-55@pg/airflow",
    }
    assert secrets_of(env) == {
        "Db-p%40ss%2Fw0rd",
        "Db-p@ss/w0rd",
        SMTP_PASSWORD,
        WEB_SECRET,
        "aws-secret-key-1",
        "af-pass-55",
    }
    assert secrets_of({"HDSWATCH_DB_URL": "sqlite:////srv/hds/registry.db"}) == set()


def test_urls_and_texts_are_masked() -> None:
    assert (
        mask_url("postgresql+psycopg2://hds:pw@db:5432/r")
        == "postgresql+psycopg2://hds:***@db:5432/r"
    )
    assert mask_url("postgresql://hds@db/r") == "postgresql://hds@db/r"
    assert mask_url("sqlite:////srv/registry.db") == "sqlite:////srv/registry.db"
    assert redact("a secret-long and secret", ["secret", "secret-long"]) == "a *** and ***"


def test_settings_never_show_the_passwords() -> None:
    settings = Settings.from_env(
        {
            "HDSWATCH_DB_URL": f"postgresql+psycopg2://hds:{DB_PASSWORD}@db/registry",
            "HDSWATCH_SMTP_PASSWORD": SMTP_PASSWORD,
        }
    )
    for shown in (repr(settings), str(settings), f"{settings}"):
        assert DB_PASSWORD not in shown and SMTP_PASSWORD not in shown


def test_a_record_is_cleaned_everywhere(root_stream: io.StringIO) -> None:
    install({"HDSWATCH_SMTP_PASSWORD": SMTP_PASSWORD})
    log = logging.getLogger("hdswatch.some.module")
    log.warning("login with %s failed", SMTP_PASSWORD)
    log.warning("dict %(p)s", {"p": SMTP_PASSWORD})
    try:
        raise RuntimeError(f"server said: bad password {SMTP_PASSWORD}")
    except RuntimeError:
        log.exception("sending failed")
    log.warning("nothing secret here")
    text = root_stream.getvalue()
    assert SMTP_PASSWORD not in text
    assert text.count("***") == 3
    assert "login with *** failed" in text and "RuntimeError: server said: bad password ***" in text
    assert "nothing secret here" in text


def test_install_twice_adds_one_filter(root_stream: io.StringIO) -> None:
    install({"HDSWATCH_SMTP_PASSWORD": SMTP_PASSWORD})
    install({"HDSWATCH_WEB_SECRET": WEB_SECRET})
    handler = logging.getLogger().handlers[-1]
    filters = [f for f in handler.filters if isinstance(f, SecretFilter)]
    assert len(filters) == 1 and filters[0].secrets == {SMTP_PASSWORD, WEB_SECRET}


def test_the_command_line_installs_the_filter(tmp_path: Path, root_stream: io.StringIO) -> None:
    env = {
        "HDSWATCH_HOME": str(tmp_path),
        "HDSWATCH_SMTP_PASSWORD": SMTP_PASSWORD,
        "HDSWATCH_WEB_SECRET": WEB_SECRET,
    }
    with environment(env):
        result = CliRunner().invoke(cli, ["-v", "db", "upgrade"])
    assert result.exit_code == 0, result.output
    logging.getLogger("hdswatch.test").error("leaked %s and %s", SMTP_PASSWORD, WEB_SECRET)
    assert root_stream.getvalue().splitlines()[-1] == "leaked *** and ***"


def _hdswatch(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("HDSWATCH_")}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "hdswatch.cli", "-v", *args],
        env=full,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_real_runs_with_secrets_never_print_them(tmp_path: Path, postgres_server) -> None:  # type: ignore[no-untyped-def]
    from hdswatch.inbox import drop
    from hdswatch.mail import MailCatcher
    from hdswatch.samples import demo_specs, write_contract_pdf

    base = postgres_server.create_database("registry_secrets")  # trust auth: any password works
    url = base.replace(
        "postgres@", f"postgres:{DB_PASSWORD.replace('@', '%40').replace('/', '%2F')}@"
    )
    spec = demo_specs(TODAY)[1]
    drop(
        write_contract_pdf(spec, tmp_path / "b.pdf"),
        tmp_path / "home" / "inbox",
        spec.establishment,
    )
    with MailCatcher(tmp_path / "mailbox") as catcher:
        env = {
            "HDSWATCH_HOME": str(tmp_path / "home"),
            "HDSWATCH_DB_URL": url,
            "HDSWATCH_SMTP_PORT": str(catcher.port),
            "HDSWATCH_SMTP_PASSWORD": SMTP_PASSWORD,  # set, unused: the catcher offers no AUTH
            "HDSWATCH_WEB_SECRET": WEB_SECRET,
            "PYTHONPATH": os.pathsep.join(sys.path),
        }
        runs = [
            _hdswatch(["ingest", "--as-of", TODAY.isoformat()], env, tmp_path),
            _hdswatch(["audit", "--as-of", TODAY.isoformat()], env, tmp_path),
        ]
        wrong_port = {**env, "HDSWATCH_DB_URL": url.replace(f":{postgres_server.port}/", ":1/")}
        runs.append(_hdswatch(["ingest"], wrong_port, tmp_path))
    assert runs[0].returncode == 0, runs[0].stderr[-3000:]
    assert runs[0].stdout == "1 document(s) analysé(s), 1 e-mail(s) envoyé(s)\n"
    assert runs[-1].returncode == 2  # the database cannot be reached: one error line, …
    assert "[registry_error] registre inaccessible" in runs[-1].stderr
    assert "Connection refused" in runs[-1].stderr
    assert "Traceback" not in runs[-1].stderr
    for run in runs:
        output = run.stdout + run.stderr
        for secret in (DB_PASSWORD, "Db-p%40ss%2Fw0rd-7731", SMTP_PASSWORD, WEB_SECRET):
            assert secret not in output, (run.args, secret, output[-3000:])  # … without it
    assert "INFO" in runs[0].stderr  # the log was really written


def test_the_module_examples_hold() -> None:
    import doctest

    import hdswatch.redact as module

    failures, tried = doctest.testmod(module)
    assert (failures, tried > 0) == (0, True)
