"""``make bench-stack``: the production stack's speed, measured on the native stack of
``tests/integration/stack.py`` (PostgreSQL, Redis, api-server, scheduler, dag-processor,
triggerer, Celery workers with one task at a time each, all on this machine) reading its inbox
from an S3 bucket (a moto server on loopback) whose notifications go to an SQS queue.

In: generated contracts (:func:`tests.integration.batch.write_batch`: French, ≈ 19 KB, 7 pages,
each raising an immediate alert). Out: a Markdown report on stdout, in one run:

1. upload-to-report latency, median and p95: contracts uploaded one every ``--interval``
   seconds, each clock stopped when its analysis is in the registry; with the event path
   (notifications on: the triggerer's queue watcher raises the asset event; the sweep off) and
   with the sweep alone (the bucket's notifications off, the DAG's sweep set to every minute
   through ``HDSWATCH_SWEEP_CRON``);
2. throughput of one batch uploaded at once, with 1 and 2 Celery workers, and their ratio: the
   event path with the one-minute sweep as safety net (Airflow 3.3 leaves an event that
   arrives while its run is being created to the next event, apache/airflow#56050: the last
   events of a burst wait for the sweep).

Progress goes to stderr. Run it on an otherwise idle machine: every process shares its cores.

    python -m bench.bench_stack                          # 50 uploads, batches of 500 (long)
    python -m bench.bench_stack --uploads 10 --batch 40  # a shorter run
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
for entry in (str(ROOT), str(ROOT / "plugins")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from tests.integration.batch import analyses_per_document, write_batch  # noqa: E402
from tests.integration.s3stack import S3Stack, s3_native_stack  # noqa: E402
from tests.integration.stack import NativeStack  # noqa: E402

DAG = "contract_ingest"
EVERY_MINUTE = "* * * * *"
NEVER = "0 3 1 1 *"  # 1 January, 03:00: the sweep off for the run's length
ESTABLISHMENT = "CSR"
BUCKET = "contrats-bench"
PREFIX = "inbox/"


def _log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def _key(path: Path) -> str:
    return f"{PREFIX}{ESTABLISHMENT}/{path.name}"


def _registered(stack: NativeStack) -> set[str]:
    return set(analyses_per_document(stack.registry_url))


def latencies(
    stack: NativeStack, bucket: S3Stack, files: list[Path], interval: float, label: str
) -> list[float]:
    """Upload-to-report seconds of each file, uploaded one every ``interval`` seconds (an
    upload does not wait for the previous report)."""
    stack.wait_idle(DAG, 900, at_least=0)
    uploaded: dict[str, float] = {}
    done: dict[str, float] = {}
    start = time.perf_counter()
    deadline = start + len(files) * interval + 1800
    while len(done) < len(files):
        now = time.perf_counter()
        if now > deadline:
            missing = sorted(set(p.name for p in files) - set(done))
            raise TimeoutError(f"{label}: not registered: {missing[:5]}")
        due = files[len(uploaded)] if len(uploaded) < len(files) else None
        if due is not None and now >= start + len(uploaded) * interval:
            bucket.upload(due, _key(due))
            uploaded[due.name] = time.perf_counter()
        for name in (_registered(stack) & set(uploaded)) - set(done):
            done[name] = time.perf_counter()
            _log(f"{label} {len(done)}/{len(files)} {name}: {done[name] - uploaded[name]:.1f} s")
        time.sleep(0.25)
    return [done[p.name] - uploaded[p.name] for p in files]


def batch_seconds(stack: NativeStack, bucket: S3Stack, files: list[Path], label: str) -> float:
    """Seconds from the first upload of ``files`` (all at once) to the last one in the
    registry."""
    stack.wait_idle(DAG, 900, at_least=0)
    names = {p.name for p in files}
    start = time.perf_counter()
    for path in files:
        bucket.upload(path, _key(path))
    _log(f"{label}: {len(files)} uploaded in {time.perf_counter() - start:.0f} s")
    shown = time.perf_counter()
    while not names <= (seen := _registered(stack)):
        if time.perf_counter() - start > 6 * 3600:
            raise TimeoutError(f"{label}: {len(names - seen)} not registered after 6 h")
        if time.perf_counter() - shown > 30:
            shown = time.perf_counter()
            _log(f"{label}: {len(names & seen)}/{len(names)}, {shown - start:.0f} s")
        time.sleep(0.5)
    return time.perf_counter() - start


def _set_sweep(stack: NativeStack, cron: str) -> None:
    """Restart the dag-processor with the DAG's sweep set to ``cron``; wait until it is read."""
    stack.restart("dag-processor", env={"HDSWATCH_SWEEP_CRON": cron})
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        rows = stack.airflow_sql("SELECT timetable_summary FROM dag WHERE dag_id = %s", (DAG,))
        if rows and cron in str(rows[0][0]):
            return
        time.sleep(1.0)
    raise TimeoutError(f"the DAG's sweep was not changed to {cron!r}")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def _stop_on_term(number: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # the stack's processes are stopped on the way out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=50, help="uploads per latency measure")
    parser.add_argument("--interval", type=float, default=15.0, help="seconds between uploads")
    parser.add_argument("--batch", type=int, default=500, help="documents per throughput batch")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_term)

    home = Path(tempfile.mkdtemp(prefix="hdswatch-bench-stack-"))
    files = home / "files"
    sweep_files = write_batch(files / "sweep", args.uploads, first=0)
    event_files = write_batch(files / "event", args.uploads, first=10_000)
    one = write_batch(files / "one", args.batch, first=20_000)
    two = write_batch(files / "two", args.batch, first=40_000)
    size_kb = statistics.mean(p.stat().st_size for p in one) / 1024
    started = time.perf_counter()
    try:
        with s3_native_stack(
            home / "stack", BUCKET, PREFIX, sweep_cron=NEVER, notifications=False
        ) as bucket:
            stack = bucket.stack
            _log("stack ready; event path: notifications on, sweep off")
            bucket.notifications(True)
            event = latencies(stack, bucket, event_files, args.interval, "event")
            bucket.notifications(False)
            _set_sweep(stack, EVERY_MINUTE)
            _log("sweep alone (every minute), notifications off")
            sweep = latencies(stack, bucket, sweep_files, args.interval, "sweep")
            bucket.notifications(True)
            _log("batches: notifications on, sweep every minute")
            stack.stop_process("worker-2")
            single = batch_seconds(stack, bucket, one, "1 worker")
            stack.start_process("worker-2")
            double = batch_seconds(stack, bucket, two, "2 workers")
            stack.wait_idle(DAG, 900, at_least=0)
            hosts = stack.task_hosts(DAG, "analyse")
            counts = analyses_per_document(stack.registry_url)
            runs = stack.airflow_sql(
                "SELECT run_type, count(*) FROM dag_run WHERE dag_id = %s GROUP BY run_type",
                (DAG,),
            )
            durations = stack.airflow_sql(
                "SELECT task_id, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY duration)"
                " FROM task_instance WHERE dag_id = %s AND state = 'success' GROUP BY task_id"
                " ORDER BY task_id",
                (DAG,),
            )
    finally:
        shutil.rmtree(home, ignore_errors=True)

    total = 2 * args.uploads + 2 * args.batch
    print(
        f"### Production stack — {datetime.now():%Y-%m-%d}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}\n"
    )
    print(
        f"`python -m bench.bench_stack --uploads {args.uploads} --interval {args.interval:g} "
        f"--batch {args.batch}` ({time.perf_counter() - started:.0f} s in all). Generated "
        f"French contracts, {size_kb:.0f} KB each, uploaded to an S3 bucket (moto server); "
        "Celery workers with one task at a time each.\n"
    )
    print("| measure | value |")
    print("|---|---|")
    print(
        f"| upload → report, event path (bucket notification → SQS → asset watcher), "
        f"median / p95 over {len(event)} | {statistics.median(event):.1f} s / "
        f"{_p95(event):.1f} s |"
    )
    print(
        f"| upload → report, sweep alone (every minute, `{EVERY_MINUTE}`), median / p95 "
        f"over {len(sweep)} | {statistics.median(sweep):.1f} s / {_p95(sweep):.1f} s |"
    )
    for label, seconds in (("1 worker", single), ("2 workers", double)):
        print(
            f"| batch of {args.batch} (event path + one-minute sweep), {label} | {seconds:.0f} s = "
            f"{args.batch / seconds * 3600:.0f} contracts/h |"
        )
    print(f"| ratio 2 workers / 1 worker | {single / double:.2f} |")
    print(f"| analyses per document (all {total}) | {sorted(set(counts.values()))} |")
    print(f"| documents in the registry | {len(counts)} of {total} |")
    print(f"| analyse tasks per worker | {dict(sorted(hosts.items()))} |")
    print(f"| DAG runs by type | {dict(sorted((str(k), int(n)) for k, n in runs))} |")
    median_task = ", ".join(f"{task} {float(m):.1f} s ({int(n)})" for task, n, m in durations)
    print(f"| task duration, median (instances) | {median_task} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
