"""The ingest DAG's watcher on the SQS queue that receives the bucket's notifications, declared
without importing boto3 when Airflow parses the DAG file.

common-messaging's ``MessageQueueTrigger`` loads every message-queue provider (and so boto3,
≈ 3 s) as soon as it is imported. ``inbox_queue_trigger(queue_url, conn_id)`` returns a light
trigger that serializes to exactly ``MessageQueueTrigger(scheme="sqs", sqs_queue=…,
aws_conn_id=…, …)``: the triggerer builds and runs the real ``MessageQueueTrigger`` (which runs
amazon's ``SqsSensorTrigger``: long polling; messages left in the queue, deleted by ``find_new``
once their objects are recorded, see :func:`hdswatch.s3inbox.acknowledge`). Each event's
payload is ``{"status": "success", "message_batch": [message, …]}``, stored by Airflow as the
asset event's ``extra["payload"]``.

>>> inbox_queue_trigger("https://sqs.eu-west-3.amazonaws.com/1/hds", "aws_default").serialize()[0]
'airflow.providers.common.messaging.triggers.msg_queue.MessageQueueTrigger'
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from airflow.triggers.base import BaseEventTrigger, TriggerEvent

__all__ = ["MESSAGE_QUEUE_TRIGGER", "InboxQueueTrigger", "event_extras", "inbox_queue_trigger"]

MESSAGE_QUEUE_TRIGGER = "airflow.providers.common.messaging.triggers.msg_queue.MessageQueueTrigger"
MAX_MESSAGES = 10
"""Messages per receive (SQS gives at most 10)."""
RECEIVES = 5
"""Receives per event: a burst of uploads becomes events of up to 50 objects, so runs of a
useful size, at the price of up to 4 empty receives (≈ 4 s) before a lone upload's event."""
WAIT_SECONDS = 1
"""Long polling: a receive returns as soon as a message arrives, or after this long."""
PAUSE_SECONDS = 1
"""Pause between two empty receives."""


class InboxQueueTrigger(BaseEventTrigger):
    """Stands for ``MessageQueueTrigger(scheme="sqs", **kwargs)`` in a DAG file."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.kwargs = kwargs

    def serialize(self) -> tuple[str, dict[str, Any]]:
        return MESSAGE_QUEUE_TRIGGER, {"scheme": "sqs", **self.kwargs}

    async def run(self) -> AsyncIterator[TriggerEvent]:
        from airflow.providers.common.messaging.triggers.msg_queue import MessageQueueTrigger

        async for event in MessageQueueTrigger(scheme="sqs", **self.kwargs).run():
            yield event


def inbox_queue_trigger(queue_url: str, conn_id: str) -> InboxQueueTrigger:
    """The watcher's trigger on ``queue_url``, through the Airflow connection ``conn_id``."""
    return InboxQueueTrigger(
        sqs_queue=queue_url,
        aws_conn_id=conn_id,
        max_messages=MAX_MESSAGES,
        num_batches=RECEIVES,
        wait_time_seconds=WAIT_SECONDS,
        delete_message_on_reception=False,  # find_new deletes them once their objects are kept
        waiter_delay=PAUSE_SECONDS,
    )


def event_extras(
    triggering: Mapping[Any, Sequence[Any]] | None, asset: Any
) -> list[dict[str, Any]]:
    """The ``extra`` of each event of ``asset`` that triggered the run (the task context's
    ``triggering_asset_events``); ``[]`` for a run raised by the clock or by hand."""
    if not triggering:
        return []
    return [dict(event.extra or {}) for event in triggering.get(asset, ())]
