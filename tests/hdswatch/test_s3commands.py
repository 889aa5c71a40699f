"""``hdswatch s3 connect`` and ``hdswatch s3 status`` in a real process, against a real moto
server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import boto3

from hdswatch import pipeline
from hdswatch.s3 import NOTIFICATION_ID
from tests.hdswatch.s3fixtures import Store, moto_url, small_pdf, store

__all__ = ["moto_url", "store"]  # fixtures

CLI = [sys.executable, "-m", "hdswatch.cli", "s3"]


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **env},
    )


def test_connect_sends_the_bucket_events_to_the_queue(store: Store, tmp_path: Path) -> None:
    s3, sqs = boto3.client("s3"), boto3.client("sqs")
    s3.create_bucket(
        Bucket="depot-neuf", CreateBucketConfiguration={"LocationConstraint": "eu-west-3"}
    )
    queue_url = sqs.create_queue(QueueName="depot-neuf")["QueueUrl"]
    env = {
        "HDSWATCH_HOME": str(tmp_path),
        "HDSWATCH_S3_BUCKET": "depot-neuf",
        "HDSWATCH_S3_PREFIX": "contrats",
        "HDSWATCH_SQS_QUEUE_URL": queue_url,
    }
    done = run(["connect"], env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "notifications s3:ObjectCreated:* de s3://depot-neuf/contrats/ → "
        "arn:aws:sqs:eu-west-3:123456789012:depot-neuf\n"
    )
    config = s3.get_bucket_notification_configuration(Bucket="depot-neuf")
    rule = config["QueueConfigurations"][0]
    assert (rule["Id"], rule["Events"]) == (NOTIFICATION_ID, ["s3:ObjectCreated:*"])
    assert rule["Filter"]["Key"]["FilterRules"] == [{"Name": "prefix", "Value": "contrats/"}]


def test_connect_without_settings_says_what_is_missing(tmp_path: Path) -> None:
    done = run(["connect"], {"HDSWATCH_HOME": str(tmp_path), "HDSWATCH_S3_BUCKET": ""})
    assert done.returncode == 2
    assert done.stderr.startswith("hdswatch: [config_error] HDSWATCH_S3_BUCKET et")


def test_status_counts_the_objects_by_state(store: Store, tmp_path: Path) -> None:
    store.put("inbox/CSR/a.pdf", small_pdf("a"))
    store.put("inbox/CSR/b.pdf", small_pdf("a"))
    store.put("inbox/CSR/retire.pdf", small_pdf("retiré"))
    event = {"payload": {"message_batch": store.messages()}}
    store.s3.delete_object(Bucket=store.bucket, Key="inbox/CSR/retire.pdf")
    settings = store.settings(tmp_path)
    assert len(pipeline.pending_documents(settings, [event], sweep=False)) == 1
    done = run(["status", "--json"], {"HDSWATCH_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["states"] == {
        "seen": 1,
        "duplicate": 1,
        "processed": 0,
        "quarantined": 0,
        "gone": 1,
    }
    assert [key for key, _ in result["gone"]] == ["inbox/CSR/retire.pdf"]


def test_status_lists_every_state(tmp_path: Path) -> None:
    done = run(["status"], {"HDSWATCH_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "seen             0",
        "duplicate        0",
        "processed        0",
        "quarantined      0",
        "gone             0",
    ]
