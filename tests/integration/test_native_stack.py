"""The production stack run natively (PostgreSQL, Redis, api-server, scheduler, dag-processor,
triggerer, two Celery workers, an SMTP catcher on loopback): a batch dropped in the inbox is
analysed once per document, spread over both workers, and each contract's alert arrives; the
batch survives a restart of the triggerer and a worker killed mid-analysis.

One stack serves the whole module (about 40 s to start); the tests run in order and each adds
its own documents to the same registry.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hdswatch.inbox import drop
from hdswatch.settings import Settings
from tests.integration.batch import (
    wait_mails,
    wait_registered,
    wait_running,
    write_batch,
)
from tests.integration.stack import NativeStack
from tests.reliability.ledger import fingerprints, take

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500), pytest.mark.xdist_group("native_stack")]

DAG = "contract_ingest"
ESTABLISHMENT = "CSR"
DROPPED: list[Path] = []
"""Every file dropped into the module's stack, for the ledger of the reliability tests."""


@pytest.fixture(scope="module")
def stack() -> Iterator[NativeStack]:
    if shutil.which("redis-server") is None:
        reason = "redis-server absent (paquet Debian « redis-server », make system-deps)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    # not under pytest's basetemp: another pytest session on the machine may prune it
    home = Path(tempfile.mkdtemp(prefix="hdswatch-stack-"))
    try:
        with NativeStack(home, workers=2) as running:
            running.wait_ready(DAG)
            yield running
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _drop_all(stack: NativeStack, paths: list[Path]) -> None:
    for path in paths:
        drop(path, stack.inbox, ESTABLISHMENT)
        DROPPED.append(path)


def _ledger(stack: NativeStack, record_property: Callable[[str, Any], None]) -> None:
    """Registry and mailbox against every file dropped so far: nothing lost, nothing twice."""
    ledger = take(Settings.from_env(stack.env), fingerprints(DROPPED), stack.mailbox)
    ledger.record(record_property)
    assert ledger.nothing_lost, ledger


def test_a_batch_is_analysed_once_per_document_over_both_workers(
    stack: NativeStack, tmp_path: Path
) -> None:
    paths = write_batch(tmp_path, 6, first=0)
    names = [p.name for p in paths]
    _drop_all(stack, paths)

    analyses = wait_registered(stack, names, timeout=600)

    assert analyses == dict.fromkeys(names, 1)
    hosts = stack.task_hosts(DAG, "analyse")
    assert set(hosts) == {"worker-1", "worker-2"}, hosts
    assert sum(hosts.values()) == 6
    assert wait_mails(stack, names, timeout=60) == dict.fromkeys(names, 1)


@pytest.mark.reliability
def test_triggerer_restart_mid_batch_keeps_the_event_path(
    stack: NativeStack, tmp_path: Path, record_property: Callable[[str, Any], None]
) -> None:
    """Triggerer restarted while a batch is analysed: documents dropped after it are still
    picked up by the inbox watcher, and every document is analysed exactly once."""
    before = {run_id for run_id, _ in stack.runs(DAG)}
    first = write_batch(tmp_path, 3, first=100)
    _drop_all(stack, first)
    wait_running(stack, "analyse", timeout=120)
    stack.restart("triggerer")
    stack.wait_ready(DAG, timeout=120)
    second = write_batch(tmp_path, 3, first=200)
    _drop_all(stack, second)
    names = [p.name for p in first + second]

    analyses = wait_registered(stack, names, timeout=600)

    assert {name: analyses[name] for name in names} == dict.fromkeys(names, 1)
    assert set(analyses.values()) == {1}
    new_runs = [
        r
        for r in stack.airflow_sql(
            "SELECT run_id, run_type FROM dag_run WHERE dag_id = %s ORDER BY id", (DAG,)
        )
        if r[0] not in before
    ]
    assert "asset_triggered" in {str(kind) for _, kind in new_runs}, new_runs
    assert wait_mails(stack, names, timeout=60) == dict.fromkeys(names, 1)
    _ledger(stack, record_property)


@pytest.mark.reliability
def test_worker_killed_mid_analysis_is_retried_and_analysed_once(
    stack: NativeStack, tmp_path: Path, record_property: Callable[[str, Any], None]
) -> None:
    """A Celery worker killed (SIGKILL) while it analyses a document, then started again: the
    lost task is retried and every document of the batch is analysed exactly once."""
    paths = write_batch(tmp_path, 4, first=300)
    names = [p.name for p in paths]
    _drop_all(stack, paths)
    victim = wait_running(stack, "analyse", timeout=120)
    stack.restart(victim, kill=True)

    analyses = wait_registered(stack, names, timeout=900)

    assert {name: analyses[name] for name in names} == dict.fromkeys(names, 1)
    assert set(analyses.values()) == {1}
    assert {state for _, state in stack.runs(DAG)} == {"success"}, stack.runs(DAG)
    retried = stack.airflow_sql(
        "SELECT count(*) FROM task_instance WHERE dag_id = %s AND task_id = 'analyse' "
        "AND try_number > 1",
        (DAG,),
    )
    assert retried[0][0] >= 1  # the killed analysis ran again
    assert wait_mails(stack, names, timeout=60) == dict.fromkeys(names, 1)
    _ledger(stack, record_property)
