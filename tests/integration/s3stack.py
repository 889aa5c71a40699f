"""The native production stack reading its inbox from an S3 bucket, for the S3 integration tests
and ``bench/bench_stack.py``: a moto server on loopback, a bucket whose object notifications go
to an SQS queue, and :class:`~tests.integration.stack.NativeStack` started with that bucket and
queue in its environment (boto3 in this process talks to the same server for as long as the
stack runs).

>>> with s3_native_stack(home, "contrats", "inbox/", sweep_cron="0 3 1 1 *") as s3:  # doctest: +SKIP
...     s3.upload(path, "inbox/CSR/contrat.pdf")
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

from tests.integration.stack import NativeStack
from tests.s3server import REGION, aws_environment, moto_server

DAG = "contract_ingest"


@dataclass
class S3Stack:
    """The running stack with the bucket and queue it watches."""

    stack: NativeStack
    s3: Any
    sqs: Any
    bucket: str
    prefix: str
    queue_url: str

    def upload(self, path: Path, key: str) -> None:
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=path.read_bytes())

    def notifications(self, on: bool) -> None:
        """Switch the bucket's notifications to the queue on (the queue emptied of the
        server's ``s3:TestEvent``) or off."""
        if on:
            _connect(self.sqs, self.bucket, self.prefix, self.queue_url)
        else:
            self.s3.put_bucket_notification_configuration(
                Bucket=self.bucket, NotificationConfiguration={}
            )

    def messages_waiting(self) -> int:
        answer = self.sqs.get_queue_attributes(
            QueueUrl=self.queue_url, AttributeNames=["ApproximateNumberOfMessages"]
        )
        return int(answer["Attributes"]["ApproximateNumberOfMessages"])


def _connect(sqs: Any, bucket: str, prefix: str, queue_url: str) -> None:
    from hdswatch.s3 import connect_notifications

    connect_notifications(bucket, prefix, queue_url)
    sqs.purge_queue(QueueUrl=queue_url)  # the server's s3:TestEvent at set-up


@contextmanager
def s3_native_stack(
    home: Path,
    bucket: str,
    prefix: str,
    *,
    sweep_cron: str,
    notifications: bool = True,
    workers: int = 2,
) -> Iterator[S3Stack]:
    """The stack (``workers`` Celery workers, the DAG's sweep at ``sweep_cron``) watching a
    fresh bucket's queue, ready to run ``contract_ingest``; its notifications on or off."""
    import boto3

    with moto_server() as url:
        aws = aws_environment(url)
        with mock.patch.dict(os.environ, aws):
            s3, sqs = boto3.client("s3"), boto3.client("sqs")
            s3.create_bucket(
                Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
            )
            queue_url = str(sqs.create_queue(QueueName="hdswatch-inbox")["QueueUrl"])
            extra = {
                **aws,
                "HDSWATCH_S3_BUCKET": bucket,
                "HDSWATCH_S3_PREFIX": prefix,
                "HDSWATCH_SQS_QUEUE_URL": queue_url,
                "HDSWATCH_SWEEP_CRON": sweep_cron,
            }
            if notifications:
                _connect(sqs, bucket, prefix, queue_url)
            with NativeStack(home, workers=workers, extra_env=extra) as running:
                running.wait_ready(DAG)
                yield S3Stack(running, s3, sqs, bucket, prefix, queue_url)
