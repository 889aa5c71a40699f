"""The nightly audit of a registry of 10,000 contracts, end to end, on SQLite and on PostgreSQL:
rules on every stored extraction, findings, digests rendered, queued and delivered to a real SMTP
server on loopback; time and peak memory of each night.

In: the three demo contracts of the sample generator, read once for real, then copied into
``--contracts`` registered contracts with their dates moved (−900 to +900 days, seeded), spread
over 25 establishments (each with its DPO) and 40 hosts. Out: a Markdown table on stdout (paste it
into ``docs/benchmarks.md``).

Each step runs in a fresh interpreter, so that its peak resident memory (``ru_maxrss``) is its
own: *build* (insert the registry, not part of the night), *night 1* (the first audit: every
finding is new, the digests are as long as they get, and the ones past the digest limit are
counted), *night 2* (the next night: the usual case, a few escalations).

    python -m bench.bench_nightly                      # 10,000 contracts, SQLite and PostgreSQL
    python -m bench.bench_nightly --contracts 1000 --backends sqlite
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.bench_rules import shift_dates, sources

ROOT = Path(__file__).resolve().parents[1]
NIGHT_1 = date(2026, 11, 29)
ESTABLISHMENTS = 25
HOSTS = 40
BATCH = 500


def build(db_url: str, count: int, folder: Path) -> dict[str, Any]:
    """Fill an empty registry with ``count`` contracts judged on the eve of night 1."""
    from hdswatch.establishments import EstablishmentSpec, apply
    from hdswatch.pipeline import judge_contracts, reevaluate_stored
    from hdswatch.registry.db import session_scope, upgrade
    from hdswatch.registry.store import attach_document, record_analysis, record_document

    started = time.perf_counter()
    upgrade(db_url)
    codes = [f"E{n:02d}" for n in range(1, ESTABLISHMENTS + 1)]
    with session_scope(db_url) as session:
        apply(
            session,
            [
                EstablishmentSpec(
                    code, f"Établissement {code}", dpo_email=f"dpo@{code.lower()}.example"
                )
                for code in codes
            ],
        )
    bases = sources(folder)
    rng = random.Random(20261129)  # noqa: S311 (dates to spread, not secrets)
    eve = NIGHT_1 - timedelta(days=1)
    for start in range(0, count, BATCH):
        batch = []
        for number in range(start, min(start + BATCH, count)):
            extraction = copy.deepcopy(bases[number % len(bases)])
            extraction["values"] = shift_dates(extraction["values"], rng.randint(-900, 900))
            extraction["values"]["host"] = f"Hébergeur {number % HOSTS:02d}"
            extraction["sha256"] = hashlib.sha256(f"contract-{number}".encode()).hexdigest()
            extraction["file"] = f"contrat-{number:05d}.pdf"
            batch.append((extraction, codes[number % len(codes)], None))
        reports = reevaluate_stored(batch, eve)
        with session_scope(db_url) as session:
            ids, fresh = [], {}
            for (extraction, code, _), report in zip(batch, reports, strict=True):
                document, _ = record_document(
                    session,
                    sha256=extraction["sha256"],
                    file_name=extraction["file"],
                    stored_path=f"/srv/hds/inbox/{code}/{extraction['file']}",
                    establishment=code,
                    size_bytes=100_000,
                )
                record_analysis(session, document, as_of=eve, extraction=extraction, report=report)
                ids.append(attach_document(session, document, None).id)
                fresh[document.id] = report
            judge_contracts(session, ids, eve, fresh=fresh)
    return {"seconds": time.perf_counter() - started}


def night(db_url: str, home: Path, as_of: date, smtp_port: int) -> dict[str, Any]:
    """One night as the DAG runs it: audit, then digests (rendered, queued, delivered)."""
    from sqlalchemy import func, select

    from hdswatch import pipeline
    from hdswatch.registry.db import session_scope
    from hdswatch.registry.models import Email, EmailFinding, Finding
    from hdswatch.settings import Settings

    settings = Settings.from_env(
        {
            "HDSWATCH_HOME": str(home),
            "HDSWATCH_DB_URL": db_url,
            "HDSWATCH_SMTP_PORT": str(smtp_port),
            "HDSWATCH_RSSI_EMAIL": "rssi@ght.example",
            "HDSWATCH_BASE_URL": "https://hdswatch.ght.example/",
        }
    )
    started = time.perf_counter()
    audit = pipeline.audit(as_of, settings)
    audited = time.perf_counter()
    sent = pipeline.digest(as_of, settings)
    finished = time.perf_counter()
    with session_scope(db_url) as session:
        open_findings = session.scalar(
            select(func.count()).select_from(Finding).where(Finding.state != "resolved")
        )
        tonight = select(Email.id).where(Email.dedupe_key.like(f"digest:{as_of.isoformat()}:%"))
        items = session.scalar(
            select(func.count()).select_from(EmailFinding).where(EmailFinding.email_id.in_(tonight))
        )
        largest = session.scalar(
            select(func.max(func.length(Email.body_html))).where(Email.id.in_(tonight))
        )
    return {
        "audit_s": audited - started,
        "digest_s": finished - audited,
        "total_s": finished - started,
        "audit": audit,
        "emails": sent,
        "items": items,
        "open_findings": open_findings,
        "largest_html_kb": (largest or 0) / 1024,
    }


def _child(step: str, *args: str) -> dict[str, Any]:
    """Run ``step`` of this module in a fresh interpreter; its result and its peak memory."""
    done = subprocess.run(  # noqa: S603 (this interpreter, this module)
        [sys.executable, "-m", "bench.bench_nightly", "--step", step, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "plugins")])},
    )
    if done.returncode != 0:
        raise RuntimeError(f"{step}: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _step(args: argparse.Namespace) -> None:
    import resource

    if args.step == "build":
        result = build(args.db_url, args.contracts, Path(args.home))
    else:
        result = night(args.db_url, Path(args.home), date.fromisoformat(args.as_of), args.smtp_port)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def run(backend: str, count: int, workdir: Path) -> list[tuple[str, dict[str, Any]]]:
    from hdswatch.mail import MailCatcher

    server = None
    if backend == "sqlite":
        db_url = f"sqlite:///{workdir / 'registry.db'}"
    else:
        sys.path.insert(0, str(ROOT))
        from tests.postgres import PostgresServer

        server = PostgresServer().start()
        db_url = server.create_database("registry")
    try:
        with MailCatcher(workdir / "mailbox") as catcher:
            common = ["--db-url", db_url, "--home", str(workdir), "--smtp-port", str(catcher.port)]
            built = _child("build", *common, "--contracts", str(count))
            first = _child("night", *common, "--as-of", NIGHT_1.isoformat())
            second = _child("night", *common, "--as-of", (NIGHT_1 + timedelta(days=1)).isoformat())
        return [("build", built), ("night 1", first), ("night 2", second)]
    finally:
        if server is not None:
            server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_nightly")
    parser.add_argument("--contracts", type=int, default=10_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--step", choices=["build", "night"], help=argparse.SUPPRESS)
    parser.add_argument("--db-url", help=argparse.SUPPRESS)
    parser.add_argument("--home", help=argparse.SUPPRESS)
    parser.add_argument("--as-of", help=argparse.SUPPRESS)
    parser.add_argument("--smtp-port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        _step(args)
        return 0
    print(f"# Nightly audit of {args.contracts:,} contracts, {time.strftime('%Y-%m-%d %H:%M')}\n")
    print(
        "| backend | step | wall time | of which audit | of which digests | peak memory |"
        " findings opened / escalated | open findings | e-mails (items) | largest digest |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for backend in args.backends.split(","):
        with tempfile.TemporaryDirectory(prefix=f"hdswatch-bench-{backend}-") as folder:
            for step, result in run(backend, args.contracts, Path(folder)):
                if step == "build":
                    print(
                        f"| {backend} | build (not part of the night) | {result['seconds']:.1f} s"
                        f" | | | {result['peak_mb']:.0f} MB | | | | |"
                    )
                    continue
                audit = result["audit"]
                print(
                    f"| {backend} | {step} | **{result['total_s']:.1f} s** | {result['audit_s']:.1f} s"
                    f" | {result['digest_s']:.1f} s | **{result['peak_mb']:.0f} MB**"
                    f" | {audit['opened']:,} / {audit['escalated']:,} | {result['open_findings']:,}"
                    f" | {result['emails']} ({result['items']:,}) | {result['largest_html_kb']:.0f} KB |"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
