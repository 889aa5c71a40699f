"""hdswatch.s3 against a real moto server on 127.0.0.1: listing, checksums checked on
download, tags, notifications set-up, and botocore's failures mapped to hdswatch's errors."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

from hdswatch import s3
from hdswatch.errors import ObjectGone, StorageDenied
from tests.hdswatch.s3fixtures import Store, moto_url, small_pdf, store
from tests.s3server import aws_environment, moto_server

__all__ = ["moto_url", "store"]  # fixtures


def test_list_objects_goes_through_every_page_and_stays_under_the_prefix(store: Store) -> None:
    for n in range(5):
        store.put(f"inbox/CSR/c{n}.pdf", b"%PDF-1.4 " + bytes([n]))
    store.put("archive/old.pdf", b"%PDF-1.4 old")
    client = s3.client("s3")
    found = list(s3.list_objects(client, store.bucket, "inbox/", page_size=2))
    assert [o.key for o in found] == [f"inbox/CSR/c{n}.pdf" for n in range(5)]
    assert found[0].etag == hashlib.md5(b"%PDF-1.4 \x00", usedforsecurity=False).hexdigest()
    assert found[0].size == 10


def test_download_checks_the_sha256_the_store_returns(store: Store, tmp_path: Path) -> None:
    body = small_pdf("contrat é")
    store.put("inbox/CSR/é x.pdf", body, ChecksumAlgorithm="SHA256")
    client = s3.client("s3")
    info = s3.head(client, store.bucket, "inbox/CSR/é x.pdf")
    assert info.checksum == ("SHA256", base64.b64encode(hashlib.sha256(body).digest()).decode())
    got = s3.download(client, info, tmp_path / "c.pdf")
    assert got.verified_by == "SHA256"
    assert got.sha256 == hashlib.sha256(body).hexdigest()
    assert (tmp_path / "c.pdf").read_bytes() == body
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.pdf"]


def test_download_checks_the_default_crc32(store: Store, tmp_path: Path) -> None:
    store.put("inbox/CSR/c.pdf", b"%PDF-1.4 crc")
    client = s3.client("s3")
    got = s3.download(client, s3.head(client, store.bucket, "inbox/CSR/c.pdf"), tmp_path / "c")
    assert got.verified_by == "CRC32"


def test_without_a_checksum_the_etag_md5_is_checked(store: Store, tmp_path: Path) -> None:
    bare = boto3.client("s3", config=Config(request_checksum_calculation="when_required"))
    bare.put_object(Bucket=store.bucket, Key="inbox/CSR/bare.pdf", Body=b"%PDF-1.4 bare")
    client = s3.client("s3")
    info = s3.head(client, store.bucket, "inbox/CSR/bare.pdf")
    assert info.checksum is None
    assert s3.download(client, info, tmp_path / "bare.pdf").verified_by == "ETag-MD5"


def test_tags_are_read(store: Store) -> None:
    store.put("inbox/CSR/t.pdf", b"%PDF-1.4 t", Tagging="statut=signe&lot=2026")
    client = s3.client("s3")
    info = s3.head(client, store.bucket, "inbox/CSR/t.pdf")
    assert s3.object_tags(client, info) == {"statut": "signe", "lot": "2026"}


def test_a_deleted_object_is_gone(store: Store, tmp_path: Path) -> None:
    client = s3.client("s3")
    with pytest.raises(ObjectGone, match=r"^\[object_gone\] s3://.*/inbox/CSR/none\.pdf: 404"):
        s3.head(client, store.bucket, "inbox/CSR/none.pdf")
    store.put("inbox/CSR/brief.pdf", b"%PDF-1.4 brief")
    info = s3.head(client, store.bucket, "inbox/CSR/brief.pdf")
    store.s3.delete_object(Bucket=store.bucket, Key="inbox/CSR/brief.pdf")
    with pytest.raises(ObjectGone, match="NoSuchKey"):
        s3.download(client, info, tmp_path / "brief.pdf")
    assert list(tmp_path.iterdir()) == []


def test_an_object_replaced_after_head_is_not_read_as_the_old_one(
    store: Store, tmp_path: Path
) -> None:
    store.put("inbox/CSR/v.pdf", b"%PDF-1.4 v1")
    client = s3.client("s3")
    info = s3.head(client, store.bucket, "inbox/CSR/v.pdf")
    store.put("inbox/CSR/v.pdf", b"%PDF-1.4 v2")
    with pytest.raises(ObjectGone, match="PreconditionFailed"):
        s3.download(client, info, tmp_path / "v.pdf")


def test_notifications_reach_the_queue_and_other_rules_are_kept(store: Store) -> None:
    config = store.s3.get_bucket_notification_configuration(Bucket=store.bucket)
    assert [q["Id"] for q in config["QueueConfigurations"]] == [s3.NOTIFICATION_ID]
    other = {
        "Id": "archive",
        "QueueArn": config["QueueConfigurations"][0]["QueueArn"],
        "Events": ["s3:ObjectRemoved:*"],
    }
    store.s3.put_bucket_notification_configuration(
        Bucket=store.bucket,
        NotificationConfiguration={"QueueConfigurations": [other, *config["QueueConfigurations"]]},
    )
    s3.connect_notifications(store.bucket, "inbox/", store.queue_url)
    config = store.s3.get_bucket_notification_configuration(Bucket=store.bucket)
    assert [q["Id"] for q in config["QueueConfigurations"]] == ["archive", s3.NOTIFICATION_ID]
    store.messages()
    store.put("inbox/CSR/n.pdf", b"%PDF-1.4 n")
    store.put("elsewhere/n.pdf", b"%PDF-1.4 n")
    bodies = [json.loads(m["Body"]) for m in store.messages()]
    assert [b["Records"][0]["s3"]["object"]["key"] for b in bodies] == ["inbox%2FCSR%2Fn.pdf"]


def test_queue_messages_are_received_then_deleted(store: Store) -> None:
    store.put("inbox/CSR/q1.pdf", b"%PDF-1.4 q1")
    store.put("inbox/CSR/q2.pdf", b"%PDF-1.4 q2")
    sqs = s3.client("sqs")
    received: list[dict[str, object]] = []
    while batch := s3.receive_messages(sqs, store.queue_url, wait_seconds=0):
        received.extend(batch)
        s3.delete_messages(sqs, store.queue_url, batch)
    keys = sorted(
        json.loads(str(m["Body"]))["Records"][0]["s3"]["object"]["key"]
        for m in received
        if "s3:TestEvent" not in str(m["Body"])
    )
    assert keys == ["inbox%2FCSR%2Fq1.pdf", "inbox%2FCSR%2Fq2.pdf"]
    attributes = store.sqs.get_queue_attributes(
        QueueUrl=store.queue_url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    assert attributes == {
        "ApproximateNumberOfMessages": "0",
        "ApproximateNumberOfMessagesNotVisible": "0",
    }


def test_refused_credentials_are_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with moto_server(no_auth_actions=0) as url:
        for name, value in aws_environment(url).items():
            monkeypatch.setenv(name, value)
        client = s3.client("s3")
        with pytest.raises(StorageDenied) as refused:
            list(s3.list_objects(client, "contrats", "inbox/"))
    assert refused.value.code == "storage_denied"
    assert "InvalidAccessKeyId" in str(refused.value)
    assert "s3:ListBucket" in str(refused.value)
    assert "testing" not in str(refused.value)


def test_boto3_is_imported_by_this_module_only() -> None:
    repo = Path(__file__).resolve().parents[2]
    importers = sorted(
        str(path.relative_to(repo))
        for folder in ("plugins", "extractors", "expectations", "dags")
        for path in (repo / folder).rglob("*.py")
        if any(
            line.lstrip().startswith(
                ("import boto3", "from boto3", "import botocore", "from botocore")
            )
            for line in path.read_text("utf-8").splitlines()
        )
    )
    assert importers == ["plugins/hdswatch/s3.py"]


def test_the_inbox_modules_load_boto3_only_when_they_reach_the_store() -> None:
    code = (
        "import sys, hdswatch.pipeline, hdswatch.s3inbox, hdswatch.s3commands, hdswatch.cli\n"
        "print('boto3' in sys.modules, 'botocore' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.split() == ["False", "False"]
