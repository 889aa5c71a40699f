"""S3 and SQS through boto3 (the only module that imports boto3 or botocore).

In: a bucket, a key prefix, a queue URL. Out: object descriptions (``ObjectInfo``), local files
whose bytes were checked against the checksum the store returned, event-notification set-up.
Credentials, region and endpoint come from the standard ``AWS_*`` environment
(``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_DEFAULT_REGION``, ``AWS_ENDPOINT_URL``),
never from here, and are never logged. Every botocore failure becomes a
:class:`hdswatch.errors.StorageError` (``ObjectGone``, ``StorageDenied``, ``StorageThrottled``,
``ChecksumMismatch``).

>>> s3 = client("s3")                                              # doctest: +SKIP
>>> [o.key for o in list_objects(s3, "contrats", "inbox/")]         # doctest: +SKIP
['inbox/CSR/contrat.pdf']
>>> download(s3, head(s3, "contrats", "inbox/CSR/contrat.pdf"), Path("/tmp/c.pdf")).sha256
'9f86d08…'
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    FlexibleChecksumError,
    NoCredentialsError,
)

from hdswatch.errors import (
    ChecksumMismatch,
    ObjectGone,
    StorageDenied,
    StorageError,
    StorageThrottled,
)

__all__ = [
    "MAX_ATTEMPTS",
    "NOTIFICATION_ID",
    "Downloaded",
    "ObjectInfo",
    "client",
    "connect_notifications",
    "delete_messages",
    "download",
    "head",
    "list_objects",
    "object_tags",
    "receive_messages",
]

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
"""Attempts per request (adaptive retry mode: back-off, and a client-side rate limit on throttling)."""
NOTIFICATION_ID = "hdswatch-inbox"
"""Id of the bucket notification hdswatch configures (other notifications are left alone)."""
_CHUNK = 1 << 20
_GONE = {"NoSuchKey", "NoSuchVersion", "404", "NotFound", "PreconditionFailed", "412"}
_DENIED = {
    "AccessDenied",
    "403",
    "Forbidden",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "ExpiredToken",
    "InvalidToken",
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "AccessDeniedException",
}
_THROTTLED = {
    "SlowDown",
    "503",
    "Throttling",
    "ThrottlingException",
    "RequestLimitExceeded",
    "ServiceUnavailable",
    "RequestThrottled",
}


@dataclass(frozen=True)
class ObjectInfo:
    """One object of the bucket. ``checksum`` is ``(algorithm, base64 value)`` as the store
    returned it (``("SHA256", "8xze…=")``), or ``None``."""

    bucket: str
    key: str
    size: int
    etag: str
    version_id: str | None = None
    checksum: tuple[str, str] | None = None

    @property
    def version(self) -> str:
        """What tells two uploads under one key apart: the version id, else the ETag."""
        return self.version_id or self.etag


@dataclass(frozen=True)
class Downloaded:
    path: Path
    sha256: str
    verified_by: str  # "SHA256", "SHA1", "CRC32", "ETag-MD5" or "none"


def client(service: str, *, max_attempts: int | None = None) -> Any:
    """A boto3 client for ``"s3"`` or ``"sqs"``: adaptive retries (``MAX_ATTEMPTS``, or the
    standard ``AWS_MAX_ATTEMPTS``), bounded timeouts; endpoint, region and credentials from the
    ``AWS_*`` environment."""
    attempts = max_attempts or int(os.environ.get("AWS_MAX_ATTEMPTS") or MAX_ATTEMPTS)
    config = Config(
        retries={"mode": "adaptive", "max_attempts": attempts},
        connect_timeout=5,
        read_timeout=30,
        response_checksum_validation="when_supported",
    )
    with _mapped(f"{service} client"):
        return boto3.session.Session().client(service, config=config)


def list_objects(
    s3: Any, bucket: str, prefix: str, *, page_size: int = 1000
) -> Iterator[ObjectInfo]:
    """Every object under ``prefix``, page by page (``page_size`` keys a page), in key order."""
    pages = s3.get_paginator("list_objects_v2").paginate(
        Bucket=bucket, Prefix=prefix, PaginationConfig={"PageSize": page_size}
    )
    with _mapped(f"s3://{bucket}/{prefix}"):
        for page in pages:
            for item in page.get("Contents", []):
                yield ObjectInfo(bucket, item["Key"], int(item["Size"]), _etag(item["ETag"]))


def head(s3: Any, bucket: str, key: str, version_id: str | None = None) -> ObjectInfo:
    """The object's size, ETag, version and server-side checksum (``ChecksumMode=ENABLED``)."""
    extra = {"VersionId": version_id} if version_id else {}
    with _mapped(f"s3://{bucket}/{key}"):
        answer = s3.head_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED", **extra)
    return _info(bucket, key, answer)


def download(s3: Any, info: ObjectInfo, target: Path) -> Downloaded:
    """Read the object into ``target`` atomically (a hidden partial file renamed at the end)
    and check its bytes against the store's checksum, or the ETag's MD5 for a single-part
    upload without one. Raises ``ChecksumMismatch`` (nothing left behind) when they differ."""
    extra = {"VersionId": info.version_id} if info.version_id else {}
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    sha256, md5 = hashlib.sha256(), hashlib.md5(usedforsecurity=False)
    with _mapped(f"s3://{info.bucket}/{info.key}"):
        answer = s3.get_object(
            Bucket=info.bucket, Key=info.key, ChecksumMode="ENABLED", IfMatch=info.etag, **extra
        )
        stored = _info(info.bucket, info.key, answer)
        checker = _Checker(stored.checksum)
        try:
            with partial.open("wb") as out:
                for chunk in answer["Body"].iter_chunks(_CHUNK):
                    out.write(chunk)
                    sha256.update(chunk)
                    md5.update(chunk)
                    checker.update(chunk)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    verified_by = checker.verify(stored, md5.hexdigest())
    if verified_by is None:
        partial.unlink(missing_ok=True)
        raise ChecksumMismatch(
            f"s3://{info.bucket}/{info.key}: les octets lus ne correspondent pas à la somme de "
            "contrôle du stockage ; relancez / the bytes read do not match the store's checksum; "
            "run again"
        )
    partial.replace(target)
    return Downloaded(target, sha256.hexdigest(), verified_by)


def object_tags(s3: Any, info: ObjectInfo) -> dict[str, str]:
    """The object's tags, as a dictionary."""
    extra = {"VersionId": info.version_id} if info.version_id else {}
    with _mapped(f"s3://{info.bucket}/{info.key}"):
        answer = s3.get_object_tagging(Bucket=info.bucket, Key=info.key, **extra)
    return {tag["Key"]: tag["Value"] for tag in answer.get("TagSet", [])}


def receive_messages(sqs: Any, queue_url: str, *, wait_seconds: int = 1) -> list[dict[str, Any]]:
    """Up to ten messages of the queue (long polling ``wait_seconds``); each has ``Body`` and
    ``ReceiptHandle``."""
    with _mapped(queue_url):
        answer = sqs.receive_message(
            QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=wait_seconds
        )
    return list(answer.get("Messages", []))


def delete_messages(sqs: Any, queue_url: str, messages: list[dict[str, Any]]) -> None:
    """Delete messages already handled (by their ``ReceiptHandle``)."""
    for start in range(0, len(messages), 10):
        entries = [
            {"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]}
            for n, m in enumerate(messages[start : start + 10])
        ]
        with _mapped(queue_url):
            sqs.delete_message_batch(QueueUrl=queue_url, Entries=entries)


VISIBILITY_SECONDS = 600
"""How long a message received by the trigger stays hidden: ``find_new`` deletes it once its
object is recorded; a message whose event was lost (triggerer restarted) comes back then."""


def connect_notifications(bucket: str, prefix: str, queue_url: str) -> str:
    """Send the bucket's ``s3:ObjectCreated:*`` events under ``prefix`` to the queue: allow the
    bucket to write to the queue, then set the bucket notification ``NOTIFICATION_ID`` (other
    notifications of the bucket are kept). Returns the queue's ARN."""
    s3, sqs = client("s3"), client("sqs")
    with _mapped(queue_url):
        attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])
        queue_arn = attributes["Attributes"]["QueueArn"]
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "hdswatch-bucket-events",
                    "Effect": "Allow",
                    "Principal": {"Service": "s3.amazonaws.com"},
                    "Action": "sqs:SendMessage",
                    "Resource": queue_arn,
                    "Condition": {"ArnLike": {"aws:SourceArn": f"arn:aws:s3:::{bucket}"}},
                }
            ],
        }
        sqs.set_queue_attributes(
            QueueUrl=queue_url,
            Attributes={"Policy": json.dumps(policy), "VisibilityTimeout": str(VISIBILITY_SECONDS)},
        )
    with _mapped(f"s3://{bucket}"):
        current = s3.get_bucket_notification_configuration(Bucket=bucket)
        current.pop("ResponseMetadata", None)
        queues = [
            q for q in current.get("QueueConfigurations", []) if q.get("Id") != NOTIFICATION_ID
        ]
        rule: dict[str, Any] = {
            "Id": NOTIFICATION_ID,
            "QueueArn": queue_arn,
            "Events": ["s3:ObjectCreated:*"],
        }
        if prefix:
            rule["Filter"] = {"Key": {"FilterRules": [{"Name": "prefix", "Value": prefix}]}}
        current["QueueConfigurations"] = [*queues, rule]
        s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration=current)
    return str(queue_arn)


class _Checker:
    """Computes, while reading, the checksum the store gave (when it is one we can compute)."""

    def __init__(self, checksum: tuple[str, str] | None) -> None:
        self.algorithm = checksum[0] if checksum and "-" not in checksum[1] else None
        self._hash = {"SHA256": hashlib.sha256, "SHA1": hashlib.sha1}.get(self.algorithm or "")
        self._state: Any = self._hash() if self._hash else 0

    def update(self, chunk: bytes) -> None:
        if self._hash is not None:
            self._state.update(chunk)
        elif self.algorithm == "CRC32":
            self._state = zlib.crc32(chunk, self._state)

    def verify(self, stored: ObjectInfo, md5_hex: str) -> str | None:
        """The check that passed, ``"none"`` when none applies, ``None`` on a mismatch."""
        if stored.checksum is not None and self.algorithm in ("SHA256", "SHA1", "CRC32"):
            if self._hash is not None:
                digest = self._state.digest()
            else:
                digest = self._state.to_bytes(4, "big")
            ok = base64.b64encode(digest).decode() == stored.checksum[1]
            return self.algorithm if ok else None
        if "-" not in stored.etag and len(stored.etag) == 32:
            return "ETag-MD5" if stored.etag == md5_hex else None
        log.warning("s3://%s/%s: no checksum to verify against", stored.bucket, stored.key)
        return "none"


def _info(bucket: str, key: str, answer: dict[str, Any]) -> ObjectInfo:
    checksum = None
    for algorithm in ("SHA256", "SHA1", "CRC32", "CRC32C", "CRC64NVME"):
        if answer.get(f"Checksum{algorithm}"):
            checksum = (algorithm, str(answer[f"Checksum{algorithm}"]))
            break
    version = answer.get("VersionId")
    return ObjectInfo(
        bucket,
        key,
        int(answer.get("ContentLength", 0)),
        _etag(answer.get("ETag", "")),
        None if version in (None, "null") else str(version),
        checksum,
    )


def _etag(value: str) -> str:
    return value.strip('"')


@contextlib.contextmanager
def _mapped(where: str) -> Iterator[None]:
    """botocore's exceptions → hdswatch's storage errors, with what to do."""
    try:
        yield
    except NoCredentialsError as exc:
        raise StorageDenied(
            f"{where}: aucun identifiant AWS ; définissez AWS_ACCESS_KEY_ID et "
            "AWS_SECRET_ACCESS_KEY / no AWS credentials: set AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY"
        ) from exc
    except ClientError as exc:
        error = exc.response.get("Error", {})
        code = str(error.get("Code", ""))
        status = str(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", ""))
        detail = f"{where}: {code or status} ({exc.operation_name})"
        if code in _GONE or (status in ("404", "412") and code != "NoSuchBucket"):
            raise ObjectGone(
                f"{detail}: objet supprimé ou remplacé / object deleted or replaced"
            ) from exc
        if code in _DENIED or status == "403":
            raise StorageDenied(
                f"{detail}: identifiants refusés ou droit manquant (s3:GetObject, "
                "s3:ListBucket, s3:GetObjectTagging) / credentials refused or permission missing"
            ) from exc
        if code in _THROTTLED or status in ("503", "429"):
            raise StorageThrottled(
                f"{detail}: le stockage ralentit les requêtes, réessais épuisés ; la prochaine "
                "exécution reprendra / the store is throttling, retries exhausted; the next run "
                "resumes"
            ) from exc
        raise StorageError(f"{detail}: {error.get('Message', '')}".rstrip(": ")) from exc
    except FlexibleChecksumError as exc:
        raise ChecksumMismatch(
            f"{where}: les octets lus ne correspondent pas à la somme de contrôle du stockage ; "
            "relancez / the bytes read do not match the store's checksum; run again"
        ) from exc
    except BotoCoreError as exc:
        raise StorageError(
            f"{where}: {exc.__class__.__name__}: stockage injoignable, la prochaine exécution "
            "reprendra / store unreachable, the next run resumes"
        ) from exc
