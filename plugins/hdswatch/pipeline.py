"""The steps of the two DAGs, as plain functions (no Airflow import): each takes and returns
small values (paths, ids, counts) so that XCom never carries contract text.

contract_ingest:  pending_documents → task_groups → analyse_group → validate_group →
                  store_group → alert_new (one mapped task per group of documents)
nightly_audit:    audit (re-judge every contract from its stored extractions) → digest

A document dropped in ``inbox/<CODE>/`` is a contract of its own; documents dropped together in
``inbox/<CODE>/<FOLDER>/`` are one contract (its main document, annexes and amendments, told
apart by their file names). A contract is judged as a whole (see
:mod:`hdswatch.registry.judgment`), at ingest and again every night.

>>> audit(date(2026, 11, 29), get_settings())   # doctest: +SKIP
{'contracts': 3, 'new_findings': 6, 'escalated': 0, 'reopened': 0, 'resolved': 0}
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hdswatch.errors import DocumentNotFound, InputError
from hdswatch.inbox import placement, scan
from hdswatch.registry.db import session_scope, upgrade
from hdswatch.registry.findings import SyncResult, sync_contract
from hdswatch.registry.models import AnalysisRun, Contract, Finding, Host
from hdswatch.registry.store import (
    attach_document,
    document_by_sha,
    finish_run,
    fold,
    host_named,
    latest_extractions,
    lock_establishment,
    record_analysis,
    record_document,
    start_run,
    update_register,
)
from hdswatch.s3inbox import settle
from hdswatch.settings import Settings

log = logging.getLogger(__name__)

__all__ = [
    "AUDIT_BATCH",
    "QUARANTINED",
    "SPREAD",
    "alert_new",
    "analyse",
    "analyse_group",
    "audit",
    "digest",
    "group_label",
    "judge_contracts",
    "pending_documents",
    "prepare",
    "reevaluate_stored",
    "report_name",
    "store",
    "store_group",
    "task_groups",
    "validate",
    "validate_group",
]

AUDIT_BATCH = 500
"""Contracts judged per transaction by the nightly audit."""
READABLE = ("contract", "damaged")
SPREAD = 8
"""Tasks a batch is spread over before one task takes more than one document."""


def prepare(settings: Settings) -> None:
    """Create the working folders, bring the registry schema up to date and load the
    establishments file when ``HDSWATCH_ESTABLISHMENTS`` names one."""
    for folder in (settings.inbox, settings.reports, _staging(settings)):
        folder.mkdir(parents=True, exist_ok=True)
    upgrade(settings.db_url)
    if settings.establishments_file is not None:
        from hdswatch.establishments import apply, load

        specs = load(settings.establishments_file)
        with session_scope(settings.db_url) as session:
            apply(session, specs)


def _staging(settings: Settings) -> Path:
    return settings.home / "staging"


def pending_documents(
    settings: Settings,
    events: Sequence[dict[str, Any]] = (),
    *,
    sweep: bool = True,
) -> list[str]:
    """Inbox files whose content (sha256) the registry does not know yet; duplicates once.

    With ``HDSWATCH_S3_BUCKET`` set, the new objects of the S3 inbox come first: those named by
    ``events`` (the ``extra`` of the asset events raised by the queue's trigger), and with
    ``sweep`` every object under the prefix; they are downloaded and their local paths returned
    (see :mod:`hdswatch.s3inbox`). The local inbox folder is scanned in every case."""
    from extractors.extract import sha256_of

    prepare(settings)
    pending, seen = _pending_objects(settings, events, sweep), set()
    with session_scope(settings.db_url) as session:
        for item in scan(settings.inbox, settings.inbox_settle_s):
            digest = sha256_of(item.path)
            if digest in seen or document_by_sha(session, digest) is not None:
                continue
            seen.add(digest)
            pending.append(str(item.path))
    log.info("%d new document(s) in %s", len(pending), settings.inbox)
    return pending


def _pending_objects(
    settings: Settings, events: Sequence[dict[str, Any]], sweep: bool
) -> list[str]:
    from hdswatch.s3inbox import acknowledge, pending, refs_from_events, sources

    if not sources(settings):
        return []
    paths = [str(path) for path in pending(settings, refs_from_events(events), sweep=sweep)]
    acknowledge(settings, events)  # recorded: the queue may forget the events now
    return paths


def _placement(source: Path, settings: Settings) -> tuple[str, str | None]:
    """Where a document was dropped: its S3 key for a downloaded object, else its inbox folder."""
    from hdswatch.s3inbox import downloaded_placement

    return downloaded_placement(source) or placement(source, settings.inbox)


def analyse(path: str, settings: Settings) -> str:
    """Extract one file in a separate process under the parsing limits (see
    :mod:`hdswatch.sandbox`: a file that exhausts them is an ``unreadable`` report, never a
    crashed task); the extraction is written to the staging folder, its path returned.

    A file whose bytes change while it is read (still being written) raises ``InputError``: the
    task fails and its retry, or the next sweep, reads the finished file."""
    from extractors.extract import sha256_of
    from hdswatch.sandbox import extract_limited, limits_from

    source = Path(path)
    extraction = extract_limited(source, limits_from(settings))
    if sha256_of(source) != extraction.sha256:
        raise InputError(
            f"{source.name!r} a changé pendant sa lecture (encore en cours d'écriture ?) / "
            "changed while being read (still being written?)"
        )
    staged = _staging(settings) / f"{extraction.sha256}.extraction.json"
    staged.parent.mkdir(parents=True, exist_ok=True)
    establishment, folder = _placement(source, settings)
    payload = {
        "path": str(source),
        "establishment": establishment,
        "folder": folder,
        "size_bytes": source.stat().st_size,
        "extraction": extraction.to_dict(),
    }
    _write_json(staged, payload)
    log.info("analysed %r: kind=%s, %d page(s)", source.name, extraction.kind, extraction.pages)
    return str(staged)


def task_groups(paths: Sequence[str], per_task: int, spread: int = SPREAD) -> list[list[str]]:
    """``paths`` cut, in order, into the groups one mapped task each takes: up to ``spread``
    groups of one document, then groups grow up to ``per_task`` documents. Starting a task (a
    process, the DAG file, the reading models, the expectation suites) costs seconds, so a large
    batch pays it once per group; a small one still spreads over every worker.

    >>> task_groups(["a.pdf", "b.pdf", "c.pdf"], 20)
    [['a.pdf'], ['b.pdf'], ['c.pdf']]
    >>> [len(group) for group in task_groups([f"{n}.pdf" for n in range(20)], 20)]
    [3, 3, 3, 3, 3, 3, 2]
    >>> len(task_groups([f"{n}.pdf" for n in range(500)], 20))
    25
    """
    size = max(1, min(per_task, math.ceil(len(paths) / max(1, spread))))
    return [list(paths[start : start + size]) for start in range(0, len(paths), size)]


def group_label(paths: Sequence[str]) -> str:
    """How a group shows in Airflow's task list: its first file, and how many more.

    >>> group_label(["/inbox/CSR/a.pdf"]), group_label(["/i/a.pdf", "/i/b.pdf", "/i/c.pdf"])
    ('a.pdf', 'a.pdf +2')
    """
    first = Path(paths[0]).name if paths else "-"
    return first if len(paths) <= 1 else f"{first} +{len(paths) - 1}"


def analyse_group(paths: Sequence[str], settings: Settings) -> list[str]:
    """:func:`analyse` each file of a group; the staged paths, in order. A file gone before it
    is read, or changed while it was read, is left out with a warning (not in the registry, the
    next run's sweep takes it), so the rest of the group goes on."""
    staged = []
    for path in paths:
        try:
            staged.append(analyse(path, settings))
        except DocumentNotFound:
            log.warning("%r is gone from the inbox before it was read: skipped", Path(path).name)
        except InputError as exc:
            log.warning("%s: left for the next run", exc)
    return staged


def validate(staged_path: str, as_of: date, settings: Settings) -> str:
    """Judge a staged extraction at ``as_of``; the report is written next to it."""
    return validate_group([staged_path], as_of, settings)[0]


def validate_group(staged_paths: Sequence[str], as_of: date, settings: Settings) -> list[str]:
    """:func:`validate` for a group of staged extractions, judged in one validation."""
    payloads = [json.loads(Path(staged).read_text("utf-8")) for staged in staged_paths]
    subjects = [(p["extraction"], p.get("establishment"), None) for p in payloads]
    out = []
    for staged, payload, report in zip(
        staged_paths, payloads, reevaluate_stored(subjects, as_of), strict=True
    ):
        payload["report"] = report
        path = Path(staged).with_name(payload["extraction"]["sha256"] + ".staged.json")
        _write_json(path, payload)
        log.info("validated %s: %d alert(s)", report["file"], len(report["alerts"]))
        out.append(str(path))
    return out


def store(staged_path: str, as_of: date, settings: Settings) -> int:
    """Record the document, its analysis, its contract and the contract's findings; write the
    report JSON. Returns the document's id.

    Idempotent: run again on the same staged file (a retried task, a worker killed after the
    commit), it records no second analysis. The report is written before the commit, so a
    report that cannot be written (disk full) rolls the transaction back: the retry starts over.
    A document that cannot be processed is put in quarantine (see :data:`QUARANTINED`)."""
    payload = json.loads(Path(staged_path).read_text("utf-8"))
    report = payload["report"]
    with session_scope(settings.db_url) as session:
        lock_establishment(session, payload["establishment"])  # its contracts, one at a time
        document, created = record_document(
            session,
            sha256=report["sha256"],
            file_name=report["file"],
            stored_path=payload["path"],
            establishment=payload["establishment"],
            size_bytes=payload["size_bytes"],
        )
        if created or not _stored_before(document, as_of, payload["extraction"]):
            run = start_run(session, "ingest", as_of)
            record_analysis(
                session,
                document,
                as_of=as_of,
                extraction=payload["extraction"],
                report=report,
                run=run,
            )
            _quarantine(document, report)
            result = SyncResult()
            if report["kind"] in READABLE:
                contract = attach_document(session, document, payload.get("folder"))
                # an annex or amendment is judged again as such; a main document as validated
                fresh = {document.id: report} if document.role == "main" else {}
                result = judge_contracts(session, [contract.id], as_of, fresh=fresh)
            finish_run(run, contracts=1 if report["kind"] in READABLE else 0, **_counts(result))
        session.flush()
        settle(session, sha256=document.sha256)  # its S3 objects, if it came from the bucket
        document_id = document.id
        _write_json(settings.reports / report_name(report), report)
    return document_id


def store_group(staged_paths: Sequence[str], as_of: date, settings: Settings) -> list[int]:
    """:func:`store` each staged report of a group, one transaction each; the document ids."""
    return [store(staged, as_of, settings) for staged in staged_paths]


def _stored_before(document: Any, as_of: date, extraction: dict[str, Any]) -> bool:
    """Whether the document's latest analysis is this very extraction at this date."""
    latest = document.analyses[-1] if document.analyses else None
    return latest is not None and latest.as_of == as_of and latest.extraction == extraction


QUARANTINED = ("encrypted", "empty", "unreadable")
"""Kinds of document that cannot be processed: kept in quarantine (``hdswatch quarantine``)."""


def _quarantine(document: Any, report: dict[str, Any]) -> None:
    """Quarantine a document that cannot be processed; release one that now could be."""
    from hdswatch.registry.store import now

    if report["kind"] in QUARANTINED:
        codes = [e.get("code") for e in report.get("errors", []) if e.get("code")]
        document.quarantine_reason = str(codes[0] if codes else report["kind"])[:64]
        document.quarantined_at = document.quarantined_at or now()
    else:
        document.quarantine_reason, document.quarantined_at = None, None


def report_name(report: dict[str, Any]) -> str:
    """The JSON report's file name: ``<sha256 prefix>_<file stem>.json``, the stem made safe for
    any file system (no control character or path separator, at most 120 bytes)."""
    stem = Path(str(report["file"]).replace("\\", "/")).stem
    safe = "".join("_" if ch in "/\\:" or not ch.isprintable() else ch for ch in stem).strip(". ")
    safe = safe.encode("utf-8")[:120].decode("utf-8", "ignore") or "document"
    return f"{report['sha256'][:16]}_{safe}.json"


def alert_new(document_ids: list[int], settings: Settings) -> int:
    """Send the immediate alert for the critical findings of the contracts these documents
    created or changed. Returns the e-mails sent."""
    from hdswatch.notify import send_immediate_alerts

    return send_immediate_alerts(document_ids, settings)


def audit(as_of: date, settings: Settings) -> dict[str, int]:
    """Judge every registered contract again at ``as_of`` from its stored extractions (no PDF
    is read); update the register and the findings, ``AUDIT_BATCH`` contracts per transaction."""
    prepare(settings)
    with session_scope(settings.db_url) as session:
        run_id = start_run(session, "audit", as_of).id
        contract_ids = list(session.scalars(select(Contract.id).order_by(Contract.id)))
    counts = dict.fromkeys(("opened", "escalated", "reopened", "resolved"), 0)
    for start in range(0, len(contract_ids), AUDIT_BATCH):
        with session_scope(settings.db_url) as session:
            result = judge_contracts(session, contract_ids[start : start + AUDIT_BATCH], as_of)
            for name, value in _counts(result).items():
                counts[name] += value
    with session_scope(settings.db_url) as session:
        run = session.get(AnalysisRun, run_id)
        assert run is not None
        finish_run(run, contracts=len(contract_ids), **counts)
    log.info("nightly audit %s: %d contract(s), %s", as_of, len(contract_ids), counts)
    return {"contracts": len(contract_ids), "new_findings": counts["opened"], **counts}


def judge_contracts(
    session: Session,
    contract_ids: Sequence[int],
    as_of: date,
    *,
    fresh: dict[int, dict[str, Any]] | None = None,
) -> SyncResult:
    """Judge these contracts at ``as_of`` and bring their register dates and findings up to
    date. ``fresh`` holds reports just computed, by document id (not judged again)."""
    from hdswatch.registry.judgment import judge

    fresh = fresh or {}
    contracts = {
        c.id: c for c in session.scalars(select(Contract).where(Contract.id.in_(contract_ids)))
    }
    findings: dict[int, list[Finding]] = {cid: [] for cid in contract_ids}
    for finding in session.scalars(select(Finding).where(Finding.contract_id.in_(contract_ids))):
        findings[finding.contract_id or 0].append(finding)
    stored = latest_extractions(session, contract_ids)
    stale = [(d, x) for d, x in stored if d.id not in fresh]
    # an annex or an amendment requires no clause on its own: judged as an amendment
    subjects = [
        (x, d.establishment_code, None if d.role == "main" else "amendment") for d, x in stale
    ]
    judged = dict(zip((d.id for d, _ in stale), reevaluate_stored(subjects, as_of), strict=True))
    reports: dict[int, list[tuple[int, str, dict[str, Any]]]] = {cid: [] for cid in contract_ids}
    for document, _ in stored:
        report = fresh.get(document.id) or judged[document.id]
        reports[document.contract_id or 0].append((document.id, document.role, report))
    hosts: dict[str, Host | None] = {}
    result = SyncResult()
    for contract_id in contract_ids:
        judgment = judge(reports[contract_id])
        host = _host(session, hosts, judgment.host)
        update_register(contracts[contract_id], judgment.dates, host, judgment.certificate, as_of)
        result.add(
            sync_contract(
                session, contract_id, judgment.alerts, as_of, existing=findings[contract_id]
            )
        )
    session.flush()
    return result


def reevaluate_stored(
    stored: Sequence[tuple[dict[str, Any], str | None, str | None]], as_of: date
) -> list[dict[str, Any]]:
    """Reports of ``(extraction, establishment, contract_type)`` at ``as_of``, judged together
    (one validation for the whole batch)."""
    from hdswatch.report import reevaluate_many

    return reevaluate_many(stored, as_of)


def digest(as_of: date, settings: Settings) -> int:
    """Send the night's digests (RSSI, and each DPO with something new). Returns e-mails sent."""
    from hdswatch.notify import send_digest

    return send_digest(as_of, settings)


def _host(session: Session, cache: dict[str, Host | None], name: str | None) -> Host | None:
    if not name:
        return None
    key = fold(name)
    if key not in cache:
        cache[key] = host_named(session, name)
    return cache[key]


def _counts(result: SyncResult) -> dict[str, int]:
    return {
        "opened": len(result.opened),
        "escalated": len(result.escalated),
        "reopened": len(result.reopened),
        "resolved": len(result.resolved),
    }


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        tmp.replace(path)  # a good file is only ever replaced by a complete one
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
