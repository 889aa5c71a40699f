""" "Nothing lost": compare what went into the inbox with what the registry and the mailbox hold.

In: the settings, the input files (their sha256 read before the run), the mailbox folder. Out: a
:class:`Ledger` of counts, recorded on the test (``record_property``) for docs/reliability.md:
inputs, registry documents, analyses, findings, alerts sent, and what went wrong (documents
lost, analysed twice, findings alerted twice, originals changed).

>>> ledger = take(settings, inputs, mailbox)       # doctest: +SKIP
>>> ledger.lost, ledger.analysed_twice             # doctest: +SKIP
([], [])
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from hdswatch import pipeline
from hdswatch.registry.db import session_scope
from hdswatch.registry.models import Analysis, Document, Email, EmailFinding, Finding
from hdswatch.settings import Settings


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprints(paths: Iterable[Path]) -> dict[str, Path]:
    """sha256 → path of each input (a duplicate counts once)."""
    return {sha256(p): p for p in paths}


@dataclass
class Ledger:
    inputs: int
    registry_documents: int
    analyses: int
    findings: int
    alerts_sent: int
    lost: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    analysed_twice: list[str] = field(default_factory=list)
    alerted_twice: list[int] = field(default_factory=list)
    originals_changed: list[str] = field(default_factory=list)

    @property
    def nothing_lost(self) -> bool:
        return not (
            self.lost
            or self.unexpected
            or self.analysed_twice
            or self.alerted_twice
            or self.originals_changed
        )

    def record(self, record_property: Callable[[str, Any], None]) -> None:
        for name, value in asdict(self).items():
            record_property(name, value if isinstance(value, int) else len(value))
        record_property("nothing_lost", self.nothing_lost)


def take(settings: Settings, inputs: dict[str, Path], mailbox: Path | None = None) -> Ledger:
    """The ledger of a registry against ``inputs`` (sha256 → path)."""
    with session_scope(settings.db_url) as session:
        documents = {d.sha256: d.id for d in session.scalars(select(Document))}
        analyses: Counter[tuple[str, date]] = Counter()  # per document and reference date
        for sha, day, count in session.execute(
            select(Document.sha256, Analysis.as_of, func.count(Analysis.id))
            .join(Analysis, Analysis.document_id == Document.id)
            .group_by(Document.sha256, Analysis.as_of)
        ):
            analyses[(sha, day)] = count
        findings = session.scalar(select(func.count(Finding.id))) or 0
        announced = Counter(
            (finding, revision)
            for finding, revision in session.execute(
                select(EmailFinding.finding_id, EmailFinding.revision)
                .join(Email, Email.id == EmailFinding.email_id)
                .where(Email.status == "sent")
            )
        )
        sent = session.scalar(select(func.count(Email.id)).where(Email.status == "sent")) or 0
    if mailbox is not None and mailbox.is_dir():
        sent = len(list(mailbox.glob("*.eml")))
    return Ledger(
        inputs=len(inputs),
        registry_documents=len(documents),
        analyses=sum(analyses.values()),
        findings=findings,
        alerts_sent=sent,
        lost=sorted(str(inputs[s].name) for s in inputs if s not in documents),
        unexpected=sorted(s for s in documents if s not in inputs),
        analysed_twice=sorted(f"{s[:12]}@{day}" for (s, day), n in analyses.items() if n > 1),
        alerted_twice=sorted(f for (f, _), n in announced.items() if n > 1),
        originals_changed=sorted(
            str(p.name) for s, p in inputs.items() if p.exists() and sha256(p) != s
        ),
    )


@dataclass
class Outcome:
    """What one ingest run did: document ids stored, failures (path → error), e-mails sent."""

    stored: list[int] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    sent: int = 0


def ingest(settings: Settings, as_of: date) -> Outcome:
    """The ingest DAG's steps without Airflow, each document on its own as a mapped task is:
    one that fails does not stop the others; the alert step runs on what was stored."""
    outcome = Outcome()
    for path in pipeline.pending_documents(settings):
        try:
            staged = pipeline.validate(pipeline.analyse(path, settings), as_of, settings)
            outcome.stored.append(pipeline.store(staged, as_of, settings))
        except Exception as exc:
            outcome.failed[path] = f"{type(exc).__name__}: {exc}"
    outcome.sent = pipeline.alert_new(outcome.stored, settings)
    return outcome
