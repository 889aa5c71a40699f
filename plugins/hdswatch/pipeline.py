"""The steps of the two DAGs, as plain functions (no Airflow import): each takes and returns
small values (paths, ids, counts) so that XCom never carries contract text.

contract_ingest:  pending_documents → analyse (per file) → validate → store → alert_new
nightly_audit:    audit (re-judge every stored extraction at the night's date) → digest
"""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path
from typing import Any

from hdswatch.inbox import scan
from hdswatch.registry.db import session_scope, upgrade
from hdswatch.registry.store import (
    document_by_sha,
    latest_analyses,
    record_analysis,
    record_document,
    sync_findings,
)
from hdswatch.settings import Settings

log = logging.getLogger(__name__)

__all__ = [
    "alert_new",
    "analyse",
    "audit",
    "digest",
    "pending_documents",
    "prepare",
    "store",
    "validate",
]


def prepare(settings: Settings) -> None:
    """Create the working folders and bring the registry schema up to date."""
    for folder in (settings.inbox, settings.reports, _staging(settings)):
        folder.mkdir(parents=True, exist_ok=True)
    upgrade(settings.db_url)


def _staging(settings: Settings) -> Path:
    return settings.home / "staging"


def pending_documents(settings: Settings) -> list[str]:
    """Inbox files whose content (sha256) the registry does not know yet; duplicates once."""
    from extractors.extract import sha256_of

    prepare(settings)
    pending, seen = [], set()
    with session_scope(settings.db_url) as session:
        for item in scan(settings.inbox):
            digest = sha256_of(item.path)
            if digest in seen or document_by_sha(session, digest) is not None:
                continue
            seen.add(digest)
            pending.append(str(item.path))
    log.info("%d new document(s) in %s", len(pending), settings.inbox)
    return pending


def _establishment(path: Path, settings: Settings) -> str:
    for item in scan(settings.inbox):
        if item.path == path:
            return item.establishment
    return "DEFAULT"


def analyse(path: str, settings: Settings) -> str:
    """Extract one file; the extraction is written to the staging folder, its path returned."""
    from hdswatch.report import extract_file

    source = Path(path)
    extraction = extract_file(source)
    staged = _staging(settings) / f"{extraction.sha256}.extraction.json"
    staged.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "path": str(source),
        "establishment": _establishment(source, settings),
        "size_bytes": source.stat().st_size,
        "extraction": extraction.to_dict(),
    }
    _write_json(staged, payload)
    log.info("analysed %s: kind=%s, %d page(s)", source.name, extraction.kind, extraction.pages)
    return str(staged)


def validate(staged_path: str, as_of: date, settings: Settings) -> str:
    """Judge a staged extraction at ``as_of``; the report is written next to it."""
    from hdswatch.report import reevaluate

    payload = json.loads(Path(staged_path).read_text("utf-8"))
    payload["report"] = reevaluate(payload["extraction"], as_of)
    out = Path(staged_path).with_name(payload["extraction"]["sha256"] + ".staged.json")
    _write_json(out, payload)
    log.info(
        "validated %s: %d alert(s)", payload["report"]["file"], len(payload["report"]["alerts"])
    )
    return str(out)


def store(staged_path: str, as_of: date, settings: Settings) -> int:
    """Record the document, its analysis and findings; write the report JSON. Returns its id."""
    payload = json.loads(Path(staged_path).read_text("utf-8"))
    report = payload["report"]
    with session_scope(settings.db_url) as session:
        document, _created = record_document(
            session,
            sha256=report["sha256"],
            file_name=report["file"],
            stored_path=payload["path"],
            establishment=payload["establishment"],
            size_bytes=payload["size_bytes"],
        )
        record_analysis(
            session, document, as_of=as_of, extraction=payload["extraction"], report=report
        )
        sync_findings(session, document, report["alerts"], as_of)
        document_id = document.id
    _write_json(
        settings.reports / f"{report['sha256'][:16]}_{Path(report['file']).stem}.json", report
    )
    return document_id


def alert_new(document_ids: list[int], settings: Settings) -> int:
    """Send the immediate alert for each new document with open findings. Returns e-mails sent."""
    from hdswatch.notify import send_immediate_alerts

    return send_immediate_alerts(document_ids, settings)


def audit(as_of: date, settings: Settings) -> dict[str, int]:
    """Judge every registered contract again at ``as_of`` (no PDF is read); update findings."""
    from hdswatch.report import reevaluate

    prepare(settings)
    reviewed = opened = 0
    with session_scope(settings.db_url) as session:
        for analysis in latest_analyses(session):
            report = reevaluate(analysis.extraction, as_of)
            if (report["alerts"], report["dates"]) != (
                analysis.report.get("alerts"),
                analysis.report.get("dates"),
            ):
                record_analysis(
                    session,
                    analysis.document,
                    as_of=as_of,
                    extraction=analysis.extraction,
                    report=report,
                )
            opened += len(sync_findings(session, analysis.document, report["alerts"], as_of))
            reviewed += 1
    log.info("nightly audit %s: %d contract(s), %d new finding(s)", as_of, reviewed, opened)
    return {"contracts": reviewed, "new_findings": opened}


def digest(as_of: date, settings: Settings) -> int:
    """Send the night's digest of findings not yet announced. Returns e-mails sent."""
    from hdswatch.notify import send_digest

    return send_digest(as_of, settings)


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    tmp.replace(path)
