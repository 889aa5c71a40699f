"""Shared pieces of the S3 tests: a moto server per test module, a fresh bucket and queue wired
together per test, small distinct PDFs, and the settings pointing hdswatch at them."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest

from hdswatch.s3 import connect_notifications
from hdswatch.settings import Settings
from tests.s3server import REGION, aws_environment, moto_server

_NAMES = itertools.count(1)


def small_pdf(text: str) -> bytes:
    """A one-page PDF saying ``text`` (distinct texts give distinct bytes)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.drawString(72, 760, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@dataclass
class Store:
    """A bucket with its notifications going to a queue, on the module's moto server."""

    url: str
    bucket: str
    queue_url: str
    s3: Any
    sqs: Any

    def put(self, key: str, body: bytes, **extra: Any) -> dict[str, Any]:
        return dict(self.s3.put_object(Bucket=self.bucket, Key=key, Body=body, **extra))

    def messages(self) -> list[dict[str, Any]]:
        """Drain the queue (without the s3:TestEvent message moto sends at set-up)."""
        found: list[dict[str, Any]] = []
        while True:
            batch = self.sqs.receive_message(
                QueueUrl=self.queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0
            ).get("Messages", [])
            if not batch:
                return [m for m in found if "s3:TestEvent" not in m["Body"]]
            found.extend(batch)
            for m in batch:
                self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=m["ReceiptHandle"])

    def settings(self, home: Path, **extra: str) -> Settings:
        env = {
            "HDSWATCH_HOME": str(home),
            "HDSWATCH_S3_BUCKET": self.bucket,
            "HDSWATCH_S3_PREFIX": "inbox/",
            "HDSWATCH_SQS_QUEUE_URL": self.queue_url,
            **extra,
        }
        return Settings.from_env(env)


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    with moto_server() as url:
        yield url


@pytest.fixture
def store(moto_url: str, monkeypatch: pytest.MonkeyPatch) -> Store:
    for name, value in aws_environment(moto_url).items():
        monkeypatch.setenv(name, value)
    n = next(_NAMES)
    s3, sqs = boto3.client("s3"), boto3.client("sqs")
    bucket = f"contrats-{n}"
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    queue_url = sqs.create_queue(QueueName=f"hdswatch-{n}")["QueueUrl"]
    connect_notifications(bucket, "inbox/", queue_url)
    result = Store(moto_url, bucket, queue_url, s3, sqs)
    result.messages()
    return result
