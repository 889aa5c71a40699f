"""The S3 inbox: objects under ``HDSWATCH_S3_PREFIX`` in ``HDSWATCH_S3_BUCKET``, laid out like the
local inbox folder (``<prefix><CODE>/[<contract folder>/]file.pdf``).

In: the object references carried by bucket notifications (``refs_from_events``) and/or a sweep
of the prefix. Out: local paths of new objects, downloaded (checksum checked) into
``$HDSWATCH_HOME/objects/<sha256>/<file name>`` with a ``.placement.json`` beside them that keeps
the establishment and contract folder of the key. What was seen is kept in the registry
(``s3_objects``: seen, duplicate, processed, quarantined, gone), so an object notified twice, or
notified and swept, is downloaded and analysed once. The customer's objects are only read.

>>> placement_of_key("inbox/CSR/2024-hds/annexe.pdf", "inbox/")
('CSR', '2024-hds')
>>> pending(get_settings(), [ObjectRef("contrats", "inbox/CSR/c.pdf")], sweep=False)  # doctest: +SKIP
[PosixPath('/srv/hds/objects/9f86d0…/c.pdf')]
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote_plus

from sqlalchemy import select
from sqlalchemy.orm import Session

from hdswatch.errors import ObjectGone, StorageError
from hdswatch.inbox import DEFAULT_ESTABLISHMENT
from hdswatch.registry.db import session_scope
from hdswatch.registry.models import Document, S3Object
from hdswatch.settings import Settings

__all__ = [
    "PLACEMENT_FILE",
    "REOFFER_AFTER",
    "ObjectRef",
    "Source",
    "acknowledge",
    "downloaded_placement",
    "objects_folder",
    "pending",
    "placement_of_key",
    "refs_from_events",
    "settle",
    "source_of",
    "sources",
]

log = logging.getLogger(__name__)

PLACEMENT_FILE = ".placement.json"
REOFFER_AFTER = timedelta(hours=1)
"""A downloaded object still without a document after this long is handed out again."""
_SUFFIXES = (".pdf",)


@dataclass(frozen=True)
class ObjectRef:
    """An object named by a notification (or by hand); ``etag`` when the event carried it."""

    bucket: str
    key: str
    etag: str | None = None


def refs_from_events(extras: Iterable[Mapping[str, Any]]) -> list[ObjectRef]:
    """The objects named by asset events raised by the queue's trigger: each event's ``extra``
    is ``{"payload": {"message_batch": [{"Body": "<S3 notification JSON>"}, …]}}``. Keys are
    URL-decoded; test events, other event types and unreadable bodies are skipped (logged)."""
    refs: list[ObjectRef] = []
    for extra in extras:
        payload = extra.get("payload") or {}
        for message in payload.get("message_batch") or []:
            refs.extend(_refs_in_body(str(message.get("Body", ""))))
    return list(dict.fromkeys(refs))


def acknowledge(settings: Settings, extras: Iterable[Mapping[str, Any]]) -> int:
    """Delete from the queue the messages these events carried, once their objects are recorded
    (the trigger leaves them in the queue: a message whose event was lost, in a triggerer
    restart, comes back after the queue's visibility timeout). A message already deleted or
    whose receipt expired is only logged: it comes back as a duplicate event, which finds its
    object known. Returns how many were deleted."""
    from hdswatch import s3

    messages = [
        message
        for extra in extras
        for message in (extra.get("payload") or {}).get("message_batch") or []
        if message.get("ReceiptHandle")
    ]
    if not messages or not settings.sqs_queue_url:
        return 0
    try:
        s3.delete_messages(s3.client("sqs"), settings.sqs_queue_url, messages)
    except StorageError as exc:  # the objects are recorded: a message back is a harmless repeat
        log.warning("queue messages not deleted (they will come back once): %s", exc)
        return 0
    return len(messages)


def placement_of_key(key: str, prefix: str) -> tuple[str, str | None]:
    """The establishment code and contract folder of a key, as ``inbox.placement`` does for
    folders: ``inbox/CSR/2024-hds/annexe.pdf`` → ``("CSR", "2024-hds")``; a key at the prefix's
    root belongs to ``DEFAULT``."""
    parts = key.removeprefix(prefix).split("/")
    if len(parts) < 2:
        return DEFAULT_ESTABLISHMENT, None
    return parts[0], "/".join(parts[1:-1]) or None


def downloaded_placement(path: Path) -> tuple[str, str | None] | None:
    """Where a file downloaded from the S3 inbox was in the bucket (its ``.placement.json``),
    or ``None`` for any other file."""
    sidecar = path.parent / PLACEMENT_FILE
    if not sidecar.is_file():
        return None
    data = json.loads(sidecar.read_text("utf-8"))
    return str(data["establishment"]), data.get("folder")


def objects_folder(settings: Settings) -> Path:
    return settings.home / "objects"


def settle(session: Session, sha256: str | None = None) -> int:
    """Mark ``processed`` (or ``quarantined``, as its document is), with the document id, every
    seen or duplicate object whose content the registry now holds (only those of ``sha256``
    when given: the document just stored). Returns how many."""
    query = (
        select(S3Object, Document)
        .join(Document, Document.sha256 == S3Object.sha256)
        .where(S3Object.state.in_(("seen", "duplicate")))
    )
    if sha256 is not None:
        query = query.where(S3Object.sha256 == sha256)
    rows = session.execute(query).all()
    now = datetime.now(UTC)
    for row, document in rows:
        quarantined = document.quarantined_at is not None
        row.state = "quarantined" if quarantined else "processed"
        row.document_id, row.updated_at = document.id, now
    return len(rows)


@dataclass(frozen=True)
class Source:
    """Where contracts are dropped: a bucket and a key prefix. ``establishment`` is the code
    of an establishment with its own S3 inbox, or ``None`` when the key's first folder names
    the establishment (``HDSWATCH_S3_BUCKET``/``HDSWATCH_S3_PREFIX``)."""

    bucket: str
    prefix: str
    establishment: str | None = None

    def placement(self, key: str) -> tuple[str, str | None]:
        if self.establishment is None:
            return placement_of_key(key, self.prefix)
        return self.establishment, "/".join(key.removeprefix(self.prefix).split("/")[:-1]) or None


def sources(settings: Settings) -> list[Source]:
    """The S3 inboxes: ``HDSWATCH_S3_BUCKET`` under ``HDSWATCH_S3_PREFIX``, and each
    establishment's own (``s3:`` in the establishments file)."""
    found = [Source(settings.s3_bucket, settings.s3_prefix)] if settings.s3_bucket else []
    if settings.establishments_file is not None:
        from hdswatch.establishments import load

        for spec in load(settings.establishments_file):
            bucket = spec.s3_bucket or settings.s3_bucket
            if spec.s3_prefix is not None and bucket:
                found.append(Source(bucket, spec.s3_prefix, spec.code))
    return found


def source_of(found: Sequence[Source], bucket: str, key: str) -> Source | None:
    """The inbox a key belongs to: the one with the longest matching prefix."""
    matching = [s for s in found if s.bucket == bucket and key.startswith(s.prefix)]
    return max(matching, key=lambda s: len(s.prefix), default=None)


def pending(
    settings: Settings,
    refs: Sequence[ObjectRef] = (),
    *,
    sweep: bool = False,
    now: datetime | None = None,
) -> list[Path]:
    """Download the new objects among ``refs`` (and, with ``sweep``, every object under each
    inbox's prefix) and return their local paths, once per content. Objects handed out before
    and not yet recorded as documents are handed out again after ``REOFFER_AFTER``.

    A storage error (denied, throttled after every retry, unreachable) propagates: what was
    downloaded so far stays ``seen`` and is handed out by the next run; nothing is lost."""
    from hdswatch import s3

    inboxes = sources(settings)
    if not inboxes:
        return []
    now = now or datetime.now(UTC)
    buckets = sorted({source.bucket for source in inboxes})
    client = s3.client("s3")
    with session_scope(settings.db_url) as session:
        settle(session)
        known = {
            (r.bucket, r.key, r.etag)
            for r in session.scalars(select(S3Object).where(S3Object.bucket.in_(buckets)))
        }
    candidates: dict[tuple[str, str, str], tuple[Source, s3.ObjectInfo]] = {}
    for ref in refs:
        source = source_of(inboxes, ref.bucket, ref.key)
        if source is None or not _wanted(ref.key, source.prefix):
            continue
        if ref.etag is not None and (ref.bucket, ref.key, ref.etag) in known:
            continue
        try:
            info = s3.head(client, ref.bucket, ref.key)
        except ObjectGone as exc:
            _record_gone(settings, ref, source, str(exc), now)
            continue
        candidates.setdefault((info.bucket, info.key, info.etag), (source, info))
    for listed in inboxes if sweep else ():
        for info in s3.list_objects(client, listed.bucket, listed.prefix):
            source = source_of(inboxes, info.bucket, info.key)
            if source is not None and _wanted(info.key, source.prefix):
                candidates.setdefault((info.bucket, info.key, info.etag), (source, info))
    for identity, (source, info) in candidates.items():
        if identity not in known:
            _fetch(settings, client, source, info, now)
    return _hand_out(settings, buckets, now)


def _fetch(settings: Settings, client: Any, source: Source, info: Any, now: datetime) -> None:
    """Download one object and record it (``seen``, ``duplicate``, ``processed`` or ``gone``)."""
    from hdswatch import s3

    establishment, folder = source.placement(info.key)
    row = S3Object(
        bucket=info.bucket,
        key=info.key,
        etag=info.etag,
        version_id=info.version_id,
        size_bytes=info.size,
        establishment_code=establishment,
        folder=folder,
        first_seen=now,
        updated_at=now,
    )
    incoming = objects_folder(settings) / ".incoming" / uuid.uuid4().hex
    try:
        got = s3.download(client, info, incoming / _file_name(info.key))
    except ObjectGone as exc:
        row.state, row.message = "gone", _gone_message(str(exc))
        _save(settings, row)
        return
    target = objects_folder(settings) / got.sha256 / got.path.name
    if target.exists():
        got.path.unlink()
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        got.path.replace(target)
        (target.parent / PLACEMENT_FILE).write_text(
            json.dumps({"establishment": establishment, "folder": folder, "key": info.key}),
            "utf-8",
        )
    incoming.rmdir()
    row.sha256, row.verified_by, row.local_path = got.sha256, got.verified_by, str(target)
    with session_scope(settings.db_url) as session:
        document = session.scalar(select(Document).where(Document.sha256 == got.sha256))
        twin = session.scalar(
            select(S3Object.id).where(S3Object.sha256 == got.sha256, S3Object.state == "seen")
        )
        if document is not None:
            row.state, row.document_id = "processed", document.id
            row.message = "contenu déjà enregistré / content already recorded"
        elif twin is not None:
            row.state, row.message = "duplicate", f"mêmes octets que / same bytes as #{twin}"
        else:
            row.state = "seen"
        session.add(row)


def _hand_out(settings: Settings, buckets: Sequence[str], now: datetime) -> list[Path]:
    """Paths of the seen objects not handed out yet (or long ago), marked handed out now."""
    paths: list[Path] = []
    with session_scope(settings.db_url) as session:
        rows = session.scalars(
            select(S3Object)
            .where(S3Object.bucket.in_(buckets), S3Object.state == "seen")
            .order_by(S3Object.id)
        )
        for row in rows:
            offered = row.offered_at
            if offered is not None and offered.replace(tzinfo=UTC) > now - REOFFER_AFTER:
                continue
            if row.local_path is None or not Path(row.local_path).is_file():
                log.warning("s3://%s/%s: local copy missing, read again", row.bucket, row.key)
                session.delete(row)  # forgotten: the next event or sweep downloads it again
                continue
            row.offered_at, row.updated_at = now, now
            paths.append(Path(row.local_path))
    log.info("%d new object(s) in the S3 inbox (%s)", len(paths), ", ".join(buckets))
    return paths


def _record_gone(
    settings: Settings, ref: ObjectRef, source: Source, message: str, now: datetime
) -> None:
    establishment, folder = source.placement(ref.key)
    row = S3Object(
        bucket=ref.bucket,
        key=ref.key,
        etag=ref.etag or "",
        state="gone",
        establishment_code=establishment,
        folder=folder,
        message=_gone_message(message),
        first_seen=now,
        updated_at=now,
    )
    _save(settings, row)


def _save(settings: Settings, row: S3Object) -> None:
    with session_scope(settings.db_url) as session:
        exists = session.scalar(
            select(S3Object.id).where(
                S3Object.bucket == row.bucket, S3Object.key == row.key, S3Object.etag == row.etag
            )
        )
        if exists is None:
            session.add(row)
    log.warning("s3://%s/%s: %s", row.bucket, row.key, row.message)


def _gone_message(detail: str) -> str:
    return (
        "objet supprimé (ou remplacé) avant d'avoir pu être lu : rien n'a été analysé / "
        f"object deleted (or replaced) before it could be read: nothing analysed ({detail})"
    )


def _wanted(key: str, prefix: str) -> bool:
    if not key.startswith(prefix) or key.endswith("/"):
        return False
    parts = key.removeprefix(prefix).split("/")
    if any(part.startswith(".") or part == "" for part in parts):
        return False
    return key.lower().endswith(_SUFFIXES)


def _file_name(key: str) -> str:
    name = PurePosixPath(key).name.replace("\\", "_").lstrip(".")
    return name or "document.pdf"


def _refs_in_body(body: str) -> list[ObjectRef]:
    try:
        data = json.loads(body)
        if isinstance(data, dict) and data.get("Type") == "Notification":  # through SNS
            data = json.loads(data["Message"])
    except (ValueError, KeyError, TypeError):
        log.warning("notification illisible ignorée / unreadable notification skipped")
        return []
    if not isinstance(data, dict):
        return []
    refs = []
    for record in data.get("Records") or []:
        if not str(record.get("eventName", "")).startswith("ObjectCreated"):
            continue
        s3 = record.get("s3") or {}
        name = (s3.get("bucket") or {}).get("name")
        obj = s3.get("object") or {}
        if name and obj.get("key"):
            etag = obj.get("eTag") or None
            refs.append(ObjectRef(str(name), unquote_plus(str(obj["key"])), etag))
    return refs
