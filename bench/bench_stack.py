"""``make bench-stack``: the production stack's speed, measured on the native stack of
``tests/integration/stack.py`` (PostgreSQL, Redis, api-server, scheduler, dag-processor,
triggerer, Celery workers with one task at a time each, all on this machine).

In: generated contracts (:func:`tests.integration.batch.write_batch`: French, ≈ 19 KB, 7 pages,
each raising an immediate alert). Out: a Markdown report on stdout, in one run:

1. upload-to-report latency, median and p95: each upload dropped in the inbox alone, the clock
   stopped when its analysis is in the registry; with the event path (the inbox's signal,
   consumed by the asset watcher; the sweep every 15 minutes as in production) and with the
   sweep alone (no signal; the DAG's sweep set to every minute for the bench through
   ``HDSWATCH_SWEEP_CRON``, the dag-processor restarted to read it);
2. throughput of one batch dropped at once, with 1 and 2 Celery workers, and their ratio.

    python -m bench.bench_stack                          # 50 uploads, batches of 500 (long)
    python -m bench.bench_stack --uploads 10 --batch 40  # a shorter run
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for entry in (str(ROOT), str(ROOT / "plugins")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from hdswatch.inbox import drop  # noqa: E402
from tests.integration.batch import analyses_per_document, write_batch  # noqa: E402
from tests.integration.stack import NativeStack  # noqa: E402

DAG = "contract_ingest"
SWEEP_CRON = "* * * * *"
ESTABLISHMENT = "CSR"


def _place(source: Path, inbox: Path) -> None:
    """Put a file in the inbox without raising the signal: only the sweep can find it."""
    folder = inbox / ESTABLISHMENT
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{source.name}.part"
    shutil.copyfile(source, partial)
    partial.replace(folder / source.name)


def _wait_registered(stack: NativeStack, names: set[str], timeout: float) -> float:
    """Seconds until every name is in the registry (polled every 0.2 s)."""
    start = time.perf_counter()
    while not names <= set(analyses_per_document(stack.registry_url)):
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"not registered after {timeout:.0f} s: {sorted(names)[:5]}")
        time.sleep(0.2)
    return time.perf_counter() - start


def latencies(stack: NativeStack, files: list[Path], *, signal: bool) -> list[float]:
    """Upload-to-report seconds of each file, uploaded one at a time."""
    out = []
    for path in files:
        stack.wait_idle(DAG, 600, at_least=0)
        start = time.perf_counter()
        if signal:
            drop(path, stack.inbox, ESTABLISHMENT)
        else:
            _place(path, stack.inbox)
        _wait_registered(stack, {path.name}, timeout=900)
        out.append(time.perf_counter() - start)
        print(f"  {'event' if signal else 'sweep'} {path.name}: {out[-1]:.1f} s", file=sys.stderr)
    return out


def batch_seconds(stack: NativeStack, files: list[Path]) -> float:
    """Seconds from dropping ``files`` at once to the last one in the registry."""
    stack.wait_idle(DAG, 600, at_least=0)
    start = time.perf_counter()
    for path in files:
        _place(path, stack.inbox)
    drop(files[0], stack.inbox, ESTABLISHMENT)  # one signal for the whole batch
    _wait_registered(stack, {p.name for p in files}, timeout=6 * 3600)
    return time.perf_counter() - start


def _sweep_every_minute(stack: NativeStack) -> None:
    stack.restart("dag-processor", env={"HDSWATCH_SWEEP_CRON": SWEEP_CRON})
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        rows = stack.airflow_sql("SELECT timetable_summary FROM dag WHERE dag_id = %s", (DAG,))
        if rows and SWEEP_CRON in str(rows[0][0]):
            return
        time.sleep(1.0)
    raise TimeoutError("the DAG's sweep was not changed to every minute")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=50, help="uploads per latency measure")
    parser.add_argument("--batch", type=int, default=500, help="documents per throughput batch")
    args = parser.parse_args(argv)

    home = Path(tempfile.mkdtemp(prefix="hdswatch-bench-stack-"))
    files = home / "files"
    event_files = write_batch(files / "event", args.uploads, first=0)
    sweep_files = write_batch(files / "sweep", args.uploads, first=10_000)
    one = write_batch(files / "one", args.batch, first=20_000)
    two = write_batch(files / "two", args.batch, first=40_000)
    size_kb = statistics.mean(p.stat().st_size for p in one) / 1024
    started = time.perf_counter()
    try:
        with NativeStack(home / "stack", workers=2) as stack:
            stack.wait_ready(DAG)
            event = latencies(stack, event_files, signal=True)
            _sweep_every_minute(stack)
            sweep = latencies(stack, sweep_files, signal=False)
            stack.stop_process("worker-2")
            single = batch_seconds(stack, one)
            stack.start_process("worker-2")
            double = batch_seconds(stack, two)
            hosts = stack.task_hosts(DAG, "analyse")
            counts = analyses_per_document(stack.registry_url)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    total = 2 * args.uploads + 2 * args.batch
    print(
        f"### Production stack — {datetime.now():%Y-%m-%d}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}\n"
    )
    print(
        f"`python -m bench.bench_stack --uploads {args.uploads} --batch {args.batch}` "
        f"({time.perf_counter() - started:.0f} s in all). Generated French contracts, "
        f"{size_kb:.0f} KB each; Celery workers with one task at a time each.\n"
    )
    print("| measure | value |")
    print("|---|---|")
    print(
        f"| upload → report, event path (inbox signal + asset watcher), median / p95 over "
        f"{len(event)} | {statistics.median(event):.1f} s / {_p95(event):.1f} s |"
    )
    print(
        f"| upload → report, sweep alone (sweep every minute, `{SWEEP_CRON}`), median / p95 "
        f"over {len(sweep)} | {statistics.median(sweep):.1f} s / {_p95(sweep):.1f} s |"
    )
    print(
        f"| batch of {args.batch}, 1 worker | {single:.0f} s = "
        f"{args.batch / single * 3600:.0f} contracts/h |"
    )
    print(
        f"| batch of {args.batch}, 2 workers | {double:.0f} s = "
        f"{args.batch / double * 3600:.0f} contracts/h |"
    )
    print(f"| ratio 2 workers / 1 worker | {single / double:.2f} |")
    print(f"| analyses per document (all {total}) | {sorted(set(counts.values()))} |")
    print(f"| analyse tasks per worker | {dict(sorted(hosts.items()))} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
