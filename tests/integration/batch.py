"""Batches of distinct generated contracts for the native stack, and what the registry and the
mailbox say about them afterwards.

In: a folder and a count. Out: small PDFs (French, about 19 KB, 7 pages: the second demo
contract, with reversibility and the DPO's audit left out, so that every one raises an immediate
alert), each with its own certificate number and so its own sha256.

>>> paths = write_batch(tmp, 3, first=10)                  # doctest: +SKIP
>>> [p.name for p in paths]                                # doctest: +SKIP
['lot-0010.pdf', 'lot-0011.pdf', 'lot-0012.pdf']
>>> analyses_per_document(registry_url)                    # doctest: +SKIP
{'lot-0010.pdf': 1, 'lot-0011.pdf': 1, 'lot-0012.pdf': 1}
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from datetime import date
from pathlib import Path

from tests.integration.stack import NativeStack, StackError

__all__ = [
    "AS_OF",
    "alert_subjects",
    "analyses_per_document",
    "wait_mails",
    "wait_registered",
    "wait_running",
    "write_batch",
]

AS_OF = date(2026, 11, 29)


def write_batch(folder: Path, count: int, *, first: int = 0) -> list[Path]:
    """``count`` contracts ``lot-NNNN.pdf`` numbered from ``first``, written into ``folder``."""
    from hdswatch.samples import demo_specs, write_contract_pdf

    base = demo_specs(AS_OF)[1]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(first, first + count):
        spec = dataclasses.replace(
            base, name=f"lot-{number:04d}", certificate_number=f"HDS-2023-{number:05d}"
        )
        paths.append(write_contract_pdf(spec, folder / f"{spec.name}.pdf"))
    return paths


def analyses_per_document(registry_url: str) -> dict[str, int]:
    """How many analyses the registry holds for each document, by file name."""
    from sqlalchemy import func, select

    from hdswatch.registry.db import connect, session_scope
    from hdswatch.registry.models import Analysis, Document

    try:
        with session_scope(registry_url) as session:
            rows = session.execute(
                select(Document.file_name, func.count(Analysis.id))
                .outerjoin(Analysis, Analysis.document_id == Document.id)
                .group_by(Document.file_name)
            ).all()
    finally:
        connect(registry_url).dispose()
    return {str(name): int(count) for name, count in rows}


def alert_subjects(mailbox: Path, names: list[str]) -> Counter[str]:
    """How many e-mails name each of ``names`` in their subject."""
    from hdswatch.mail import read_mailbox

    subjects = [str(message["Subject"]) for message in read_mailbox(mailbox)]
    return Counter({name: sum(name in subject for subject in subjects) for name in names})


def wait_registered(
    stack: NativeStack, names: list[str], timeout: float, dag: str = "contract_ingest"
) -> dict[str, int]:
    """Wait until every name is in the registry and the DAG has nothing running; analyses per
    document. On timeout, the error carries the runs and the triggerer's and scheduler's logs."""
    deadline = time.monotonic() + timeout
    while True:
        counts = analyses_per_document(stack.registry_url)
        if set(names) <= set(counts):
            stack.wait_idle(dag, max(10.0, deadline - time.monotonic()))
            return analyses_per_document(stack.registry_url)
        if time.monotonic() > deadline:
            missing = sorted(set(names) - set(counts))
            raise StackError(
                f"not in the registry after {timeout:.0f} s: {missing}\n"
                f"runs: {stack.runs(dag)}\n--- triggerer\n{stack.log_tail('triggerer')}\n"
                f"--- scheduler\n{stack.log_tail('scheduler')}"
            )
        time.sleep(1.0)


def wait_running(
    stack: NativeStack, task_id: str, timeout: float, dag: str = "contract_ingest"
) -> str:
    """Wait until an instance of ``task_id`` runs on a worker; the worker's node name."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = stack.airflow_sql(
            "SELECT hostname FROM task_instance WHERE dag_id = %s AND task_id = %s "
            "AND state = 'running' AND hostname LIKE 'worker-%%' LIMIT 1",
            (dag, task_id),
        )
        if rows:
            return str(rows[0][0])
        time.sleep(0.2)
    raise StackError(f"no {task_id} running within {timeout:.0f} s")


def wait_mails(stack: NativeStack, names: list[str], timeout: float) -> dict[str, int]:
    """Wait until an e-mail names each of ``names`` (or ``timeout``); e-mails per name."""
    deadline = time.monotonic() + timeout
    while True:
        seen = alert_subjects(stack.mailbox, names)
        if all(seen[name] for name in names) or time.monotonic() > deadline:
            return dict(seen)
        time.sleep(0.5)
