"""The production stack run natively with the S3 inbox and its event path: contracts uploaded to a
bucket (a real moto server on loopback) raise notifications in an SQS queue, the triggerer's
queue watcher turns them into asset events, the DAG runs those events start read the objects,
and each contract is analysed once, its object recorded ``processed`` and its alert mailed.

The safety-net sweep is set to a date the test never reaches, so every run comes from an event.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from hdswatch.registry.db import connect, session_scope
from hdswatch.registry.models import Document, S3Object
from hdswatch.s3commands import object_states
from tests.integration.batch import (
    wait_mails,
    wait_registered,
    wait_running,
    write_batch,
)
from tests.integration.s3stack import S3Stack, s3_native_stack

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500), pytest.mark.xdist_group("native_s3")]

DAG = "contract_ingest"
ESTABLISHMENT = "CSR"
BUCKET = "contrats-ght"
PREFIX = "inbox/"
NEVER = "0 3 1 1 *"  # the sweep: 1 January, 03:00 — not during the test


@pytest.fixture(scope="module")
def s3_stack() -> Iterator[S3Stack]:
    if shutil.which("redis-server") is None:
        reason = "redis-server absent (paquet Debian « redis-server », make system-deps)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    # not under pytest's basetemp: another pytest session on the machine may prune it
    home = Path(tempfile.mkdtemp(prefix="hdswatch-s3-stack-"))
    try:
        with s3_native_stack(home, BUCKET, PREFIX, sweep_cron=NEVER) as running:
            yield running
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _objects(registry_url: str) -> list[tuple[str, str, str | None]]:
    """``(key, state, file name of its document)`` of every S3 object the registry knows."""
    try:
        with session_scope(registry_url) as session:
            rows = session.execute(
                select(S3Object.key, S3Object.state, Document.file_name)
                .outerjoin(Document, Document.id == S3Object.document_id)
                .order_by(S3Object.key)
            ).all()
    finally:
        connect(registry_url).dispose()
    return [(str(key), str(state), name) for key, state, name in rows]


def test_uploads_are_analysed_once_through_the_bucket_events(
    s3_stack: S3Stack, tmp_path: Path
) -> None:
    stack = s3_stack.stack
    paths = write_batch(tmp_path, 3, first=400)
    names = [p.name for p in paths]
    keys = {p.name: f"{PREFIX}{ESTABLISHMENT}/{p.name}" for p in paths}
    for path in paths:
        s3_stack.upload(path, keys[path.name])

    analyses = wait_registered(stack, names, timeout=600)

    assert analyses == dict.fromkeys(names, 1)
    runs = stack.airflow_sql(
        "SELECT run_type, triggered_by, state FROM dag_run WHERE dag_id = %s ORDER BY id", (DAG,)
    )
    assert runs, "no run of the DAG"
    assert {(str(kind), str(by), str(state)) for kind, by, state in runs} == {
        ("asset_triggered", "ASSET", "success")  # triggered_by holds the enum's name
    }, runs
    events = stack.airflow_sql(
        "SELECT count(*) FROM asset_event e JOIN asset a ON a.id = e.asset_id "
        "WHERE a.name = 'hdswatch_inbox'"
    )
    assert events[0][0] >= 1
    assert sum(stack.task_hosts(DAG, "analyse").values()) == 3
    states, gone = object_states(stack.registry_url)  # settles, as `hdswatch s3 status` does
    assert {state: count for state, count in states.items() if count} == {"processed": 3}
    assert gone == []
    assert _objects(stack.registry_url) == sorted((keys[name], "processed", name) for name in names)
    assert wait_mails(stack, names, timeout=60) == dict.fromkeys(names, 1)
    assert s3_stack.messages_waiting() == 0  # every event consumed


def _upload(s3_stack: S3Stack, paths: list[Path]) -> None:
    for path in paths:
        s3_stack.upload(path, f"{PREFIX}{ESTABLISHMENT}/{path.name}")


@pytest.mark.reliability
def test_the_event_path_survives_a_triggerer_restart_and_a_worker_killed_mid_batch(
    s3_stack: S3Stack, tmp_path: Path
) -> None:
    """Uploads keep arriving while the triggerer is restarted and while a Celery worker is
    killed (SIGKILL) in the middle of an analysis: with the sweep off, every object still
    reaches the registry through its bucket event, once."""
    stack = s3_stack.stack
    before = {run_id for run_id, _ in stack.runs(DAG)}
    first = write_batch(tmp_path, 3, first=500)
    _upload(s3_stack, first)
    wait_running(stack, "analyse", timeout=300)
    stack.restart("triggerer")
    stack.wait_ready(DAG, timeout=120)
    second = write_batch(tmp_path, 4, first=600)
    _upload(s3_stack, second)
    victim = wait_running(stack, "analyse", timeout=300)
    stack.restart(victim, kill=True)
    third = write_batch(tmp_path, 2, first=700)
    _upload(s3_stack, third)
    names = [p.name for p in first + second + third]

    analyses = wait_registered(stack, names, timeout=900)

    assert {name: analyses[name] for name in names} == dict.fromkeys(names, 1)
    assert set(analyses.values()) == {1}
    new_runs = [
        (str(kind), str(state))
        for run_id, kind, state in stack.airflow_sql(
            "SELECT run_id, run_type, state FROM dag_run WHERE dag_id = %s ORDER BY id", (DAG,)
        )
        if run_id not in before
    ]
    assert new_runs and {kind for kind, _ in new_runs} == {"asset_triggered"}, new_runs
    assert {state for _, state in new_runs} == {"success"}, new_runs
    retried = stack.airflow_sql(
        "SELECT count(*) FROM task_instance WHERE dag_id = %s AND try_number > 1 "
        "AND task_id IN ('analyse', 'validate', 'store')",
        (DAG,),
    )
    assert retried[0][0] >= 1  # the task the killed worker held ran again
    keys = {f"{PREFIX}{ESTABLISHMENT}/{name}" for name in names}
    assert {(key, state) for key, state, _ in _objects(stack.registry_url) if key in keys} == {
        (key, "processed") for key in keys
    }
    assert wait_mails(stack, names, timeout=60) == dict.fromkeys(names, 1)
    assert s3_stack.messages_waiting() == 0
