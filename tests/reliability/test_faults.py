"""Faults injected while documents go through the ingest steps: the mail server down, the
registry locked or stopped, the worker killed, the disk full. Each time the step fails cleanly
(or waits), the next run completes, and the registry ends consistent with the inputs: every
document analysed once, every finding alerted once, nothing lost."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from hdswatch import pipeline
from hdswatch.errors import DeliveryError, RegistryError
from hdswatch.mail import MailCatcher, read_mailbox
from hdswatch.mail.catcher import free_port
from hdswatch.notify import deliver, send_immediate_alerts
from hdswatch.registry.db import session_scope
from hdswatch.registry.models import Analysis, Email
from hdswatch.registry.store import now
from hdswatch.samples import demo_specs, write_contract_pdf
from hdswatch.settings import Settings
from tests.reliability.conftest import make_settings
from tests.reliability.ledger import fingerprints, take

pytestmark = pytest.mark.reliability

TODAY = date(2026, 11, 29)
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def contracts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three demo contracts (CHB's has critical findings: it is alerted at once)."""
    folder = tmp_path_factory.mktemp("contracts")
    return {
        spec.establishment: write_contract_pdf(spec, folder / f"{spec.name}.pdf")
        for spec in demo_specs(TODAY)
    }


def fill_inbox(settings: Settings, contracts: dict[str, Path]) -> dict[str, Path]:
    for code, path in contracts.items():
        (settings.inbox / code).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, settings.inbox / code / path.name)
    return fingerprints(settings.inbox.rglob("*.pdf"))


def staged(settings: Settings) -> list[str]:
    """Every pending document analysed and validated (what the store step receives)."""
    return [
        pipeline.validate(pipeline.analyse(path, settings), TODAY, settings)
        for path in pipeline.pending_documents(settings)
    ]


def analyses(settings: Settings) -> int:
    with session_scope(settings.db_url) as session:
        return len(list(session.scalars(select(Analysis.id))))


# --- the mail server ----------------------------------------------------------------------------


def test_smtp_down_keeps_the_alert_and_sends_it_once_on_the_next_run(
    tmp_path: Path, contracts: dict[str, Path], record_property
) -> None:  # type: ignore[no-untyped-def]
    """SMTP server down during the alert step → step fails, the mail stays in the outbox; next
    run (server back) → sent once."""
    port = free_port("127.0.0.1")
    settings = make_settings(tmp_path / "home", port)
    pipeline.prepare(settings)
    inputs = fill_inbox(settings, contracts)
    ids = [pipeline.store(s, TODAY, settings) for s in staged(settings)]

    with pytest.raises(DeliveryError):
        send_immediate_alerts(ids, settings, patience=timedelta(0))
    with session_scope(settings.db_url) as session:
        waiting = [(e.status, e.attempts) for e in session.scalars(select(Email))]
    assert waiting == [("pending", 1)]

    with MailCatcher(tmp_path / "mailbox", port=port) as catcher:
        later = now() + timedelta(minutes=2)  # the task's retry, after the backoff
        assert deliver(settings, clock=lambda: later) == 1
        assert pipeline.alert_new(ids, settings) == 0  # a second retry sends nothing more
        assert len(read_mailbox(catcher.directory)) == 1
        ledger = take(settings, inputs, catcher.directory)
    ledger.record(record_property)
    assert ledger.nothing_lost, ledger
    assert (ledger.inputs, ledger.registry_documents, ledger.alerts_sent) == (3, 3, 1)


# --- the registry database ----------------------------------------------------------------------


def test_sqlite_locked_by_another_writer_waits_and_completes(
    settings: Settings, mailbox: MailCatcher, contracts: dict[str, Path], record_property
) -> None:  # type: ignore[no-untyped-def]
    """SQLite registry locked by another writer for 3 s → store waits for it, then completes."""
    inputs = fill_inbox(settings, contracts)
    ready = staged(settings)
    path = settings.db_url.removeprefix("sqlite:///")
    locked, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        connection = sqlite3.connect(path, timeout=30)
        connection.execute("BEGIN EXCLUSIVE")
        locked.set()
        release.wait(10)
        connection.rollback()
        connection.close()

    thread = threading.Thread(target=other_writer)
    thread.start()
    locked.wait(10)
    threading.Timer(3.0, release.set).start()
    started = time.monotonic()
    ids = [pipeline.store(s, TODAY, settings) for s in ready]
    waited = time.monotonic() - started
    thread.join()
    assert waited >= 2.5
    sent = pipeline.alert_new(ids, settings)
    ledger = take(settings, inputs, mailbox.directory)
    ledger.record(record_property)
    assert ledger.nothing_lost, ledger
    assert (ledger.registry_documents, ledger.analyses, sent, ledger.alerts_sent) == (3, 3, 1, 1)


class _StoppablePostgres:
    """A PostgreSQL server of tests/postgres.py that can be stopped and started again."""

    def __init__(self) -> None:
        from tests.postgres import PostgresServer

        self.server = PostgresServer().start()

    def pg_ctl(self, *args: str) -> None:
        server = self.server
        options = f"-c listen_addresses=127.0.0.1 -p {server.port} -k {server.folder} -c fsync=off"
        server._run([str(server.binaries / "pg_ctl"), "-D", str(server.data), "-o", options, *args])

    def halt(self) -> None:
        self.pg_ctl("-m", "fast", "stop")  # the test cluster runs synchronous_commit=off

    def resume(self) -> None:
        assert self.server.folder is not None
        self.pg_ctl("-l", str(self.server.folder / "pg-again.log"), "-w", "-t", "60", "start")

    def close(self) -> None:
        self.server.stop()


@pytest.fixture
def stoppable_postgres() -> object:
    from tests.postgres import find_binaries

    if find_binaries() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL absent (Debian package postgresql)")
        pytest.skip("PostgreSQL absent (Debian package postgresql)")
    server = _StoppablePostgres()
    yield server
    server.close()


def test_postgresql_stopped_mid_run_fails_the_step_and_the_retry_completes(
    tmp_path: Path,
    mailbox: MailCatcher,
    contracts: dict[str, Path],
    stoppable_postgres: _StoppablePostgres,
    record_property,
) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL registry stopped after the first document was stored → the next store fails
    with RegistryError, nothing half-written; server back, the retry completes."""
    from hdswatch.registry.db import connect

    url = stoppable_postgres.server.create_database("registry_faults")
    settings = make_settings(tmp_path / "home", mailbox.port, HDSWATCH_DB_URL=url)
    pipeline.prepare(settings)
    inputs = fill_inbox(settings, contracts)
    ready = staged(settings)
    ids = [pipeline.store(ready[0], TODAY, settings)]

    stoppable_postgres.halt()
    with pytest.raises(RegistryError):
        pipeline.store(ready[1], TODAY, settings)
    stoppable_postgres.resume()

    ids += [pipeline.store(s, TODAY, settings) for s in ready[1:]]  # the retries
    sent = pipeline.alert_new(ids, settings)
    ledger = take(settings, inputs, mailbox.directory)
    connect(url).dispose()
    ledger.record(record_property)
    assert ledger.nothing_lost, ledger
    assert (ledger.registry_documents, ledger.analyses, sent, ledger.alerts_sent) == (3, 3, 1, 1)


# --- the worker killed --------------------------------------------------------------------------

_KILL_AFTER = """
import os, signal, sys, json
from datetime import date
import {module} as target
real = target.{name}
def killed(*args, **kwargs):
    real(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
target.{name} = killed
from hdswatch import pipeline
from hdswatch.settings import get_settings
settings = get_settings()
day = date.fromisoformat(sys.argv[2])
step = sys.argv[1]
if step == "store":
    pipeline.store(sys.argv[3], day, settings)
elif step == "analyse":
    pipeline.analyse(sys.argv[3], settings)
else:
    pipeline.alert_new(json.loads(sys.argv[3]), settings)
"""


def run_killed(settings: Settings, module: str, name: str, step: str, arg: str) -> int:
    """Run one step in a worker process that SIGKILLs itself right after ``module.name`` ran;
    returns its exit code."""
    code = _KILL_AFTER.format(module=module, name=name)
    env = {
        **os.environ,
        "HDSWATCH_HOME": str(settings.home),
        "HDSWATCH_DB_URL": settings.db_url,
        "HDSWATCH_SMTP_PORT": str(settings.smtp_port),
        "HDSWATCH_RSSI_EMAIL": settings.rssi_email,
        "HDSWATCH_MAIL_FROM": settings.mail_from,
        "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "plugins")]),
    }
    done = subprocess.run(
        [sys.executable, "-c", code, step, TODAY.isoformat(), arg],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return done.returncode


def test_worker_killed_during_and_after_store_then_rerun(
    settings: Settings, mailbox: MailCatcher, contracts: dict[str, Path], record_property
) -> None:  # type: ignore[no-untyped-def]
    """worker SIGKILLed inside store before its commit, and after its commit before it could
    report → rerun of store: each document analysed once, alerted once."""
    inputs = fill_inbox(settings, contracts)
    ready = staged(settings)
    # killed inside the transaction: findings synced, nothing committed
    assert run_killed(settings, "hdswatch.pipeline", "judge_contracts", "store", ready[0]) == -9
    assert analyses(settings) == 0
    # killed once the step had committed, before the task could say so
    assert run_killed(settings, "hdswatch.pipeline", "store", "store", ready[1]) == -9
    assert analyses(settings) == 1
    ids = [pipeline.store(s, TODAY, settings) for s in ready]  # the task retries
    assert pipeline.alert_new(ids, settings) == 1
    ledger = take(settings, inputs, mailbox.directory)
    ledger.record(record_property)
    assert ledger.nothing_lost, ledger
    assert (ledger.registry_documents, ledger.analyses, ledger.alerts_sent) == (3, 3, 1)


def test_worker_killed_during_analyse_and_alert_then_rerun(
    settings: Settings, mailbox: MailCatcher, contracts: dict[str, Path], record_property
) -> None:  # type: ignore[no-untyped-def]
    """worker SIGKILLed right after reading a file, and after queueing the alert before sending
    it → reruns: analysed once, the queued alert sent once."""
    inputs = fill_inbox(settings, contracts)
    pending = pipeline.pending_documents(settings)
    module, name = "hdswatch.sandbox", "extract_limited"
    assert run_killed(settings, module, name, "analyse", pending[0]) == -9
    ready = [pipeline.validate(pipeline.analyse(p, settings), TODAY, settings) for p in pending]
    ids = [pipeline.store(s, TODAY, settings) for s in ready]
    assert run_killed(settings, "hdswatch.notify", "_announce", "alert", json.dumps(ids)) == -9
    assert mailbox.directory.is_dir() is False or read_mailbox(mailbox.directory) == []
    sent = pipeline.alert_new(ids, settings)  # the retry
    ledger = take(settings, inputs, mailbox.directory)
    ledger.record(record_property)
    assert ledger.nothing_lost, ledger
    assert (ledger.registry_documents, ledger.analyses, sent, ledger.alerts_sent) == (3, 3, 1, 1)


# --- the disk ---------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> object:
    """A 256 KB tmpfs mounted for the test (needs root); the test is skipped elsewhere."""
    point = tmp_path / "small"
    point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace')}")
    yield point
    subprocess.run(["umount", "-l", str(point)], check=False)


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:  # no space left on device
            pass
    return filler


def test_disk_full_while_writing_a_report_keeps_the_good_one_and_the_next_run_completes(
    tmp_path: Path,
    mailbox: MailCatcher,
    contracts: dict[str, Path],
    small_disk: Path,
    record_property,
) -> None:  # type: ignore[no-untyped-def]
    """reports disk full during store → store fails, the earlier report is unchanged, no
    partial file, nothing committed; space back, the retry completes."""
    settings = make_settings(
        tmp_path / "home", mailbox.port, HDSWATCH_REPORTS=str(small_disk / "reports")
    )
    pipeline.prepare(settings)
    inputs = fill_inbox(settings, contracts)
    ready = staged(settings)
    first = pipeline.store(ready[0], TODAY, settings)
    good = {p.name: p.read_bytes() for p in settings.reports.iterdir()}
    assert len(good) == 1

    again = json.loads(Path(ready[0]).read_text("utf-8"))
    again["report"]["as_of"] = "2026-11-30"  # the same report, judged the next day
    newer = Path(ready[0]).with_name("next-day.staged.json")
    newer.write_text(json.dumps(again), "utf-8")
    filler = fill(small_disk)
    with pytest.raises(OSError):
        pipeline.store(str(newer), TODAY + timedelta(days=1), settings)
    with pytest.raises(OSError):
        pipeline.store(ready[1], TODAY, settings)
    assert {p.name: p.read_bytes() for p in settings.reports.iterdir()} == good
    assert analyses(settings) == 1

    filler.unlink()
    ids = [first] + [pipeline.store(s, TODAY, settings) for s in ready[1:]]
    pipeline.store(str(newer), TODAY + timedelta(days=1), settings)
    assert len(list(settings.reports.iterdir())) == 3
    assert not [p for p in settings.reports.iterdir() if p.suffix == ".tmp"]
    assert pipeline.alert_new(ids, settings) == 1
    ledger = take(settings, inputs, mailbox.directory)
    ledger.record(record_property)
    assert ledger.nothing_lost, ledger
    assert (ledger.registry_documents, ledger.analyses, ledger.alerts_sent) == (3, 4, 1)
