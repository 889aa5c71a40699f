"""The event path against a real moto server and a real SMTP server on loopback: upload →
bucket notification in the queue → the real ``MessageQueueTrigger`` (built from what the DAG
file serializes, as the triggerer builds it) yields an event → ``pending_documents`` with that
event → analyse → validate → store → alert e-mail received."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from hdswatch import pipeline
from hdswatch.mail import MailCatcher, read_mailbox
from hdswatch.queue_trigger import MESSAGE_QUEUE_TRIGGER, inbox_queue_trigger
from hdswatch.registry.db import session_scope
from hdswatch.registry.models import Contract, Document, S3Object
from hdswatch.samples import contract_pdf_bytes, demo_specs
from tests.hdswatch.s3fixtures import Store, moto_url, store

__all__ = ["moto_url", "store"]  # fixtures

TODAY = date(2026, 11, 29)


def triggerer_instance(queue_url: str) -> Any:
    """The trigger the triggerer runs for the DAG's watcher: classpath and kwargs through
    Airflow's own serialization."""
    from airflow._shared.module_loading import import_string
    from airflow.serialization.encoders import encode_trigger
    from airflow.serialization.serialized_objects import BaseSerialization

    encoded = encode_trigger(inbox_queue_trigger(queue_url, "aws_default"))
    assert encoded["classpath"] == MESSAGE_QUEUE_TRIGGER
    kwargs = {k: BaseSerialization.deserialize(v) for k, v in encoded["kwargs"].items()}
    return import_string(encoded["classpath"])(**kwargs)


def first_event(trigger: Any, timeout: float = 60.0) -> dict[str, Any]:
    """The asset event's ``extra`` Airflow stores for the trigger's first event."""

    async def first() -> Any:
        async for event in trigger.run():
            return event
        raise AssertionError("the trigger stopped without an event")

    event = asyncio.run(asyncio.wait_for(first(), timeout))
    return {"from_trigger": True, "payload": event.payload}


def test_an_upload_reaches_the_registry_and_the_rssi(store: Store, tmp_path: Path) -> None:
    spec = demo_specs(TODAY)[1]  # the contract without a reversibility clause
    store.put(f"inbox/{spec.establishment}/2026-hds/{spec.name}.pdf", contract_pdf_bytes(spec))
    trigger = triggerer_instance(store.queue_url)
    assert type(trigger.trigger).__name__ == "SqsSensorTrigger"
    extra = first_event(trigger)
    assert [m["Body"].count("ObjectCreated") for m in extra["payload"]["message_batch"]] == [1]
    assert store.messages() == []  # the trigger consumed the message

    with MailCatcher(tmp_path / "mailbox") as catcher:
        settings = store.settings(
            tmp_path / "home",
            HDSWATCH_SMTP_PORT=str(catcher.port),
            HDSWATCH_RSSI_EMAIL="rssi@ght.example",
        )
        paths = pipeline.pending_documents(settings, [extra], sweep=False)
        assert [Path(p).name for p in paths] == [f"{spec.name}.pdf"]
        staged = pipeline.validate(pipeline.analyse(paths[0], settings), TODAY, settings)
        document_id = pipeline.store(staged, TODAY, settings)
        assert pipeline.alert_new([document_id], settings) == 1
    mail = read_mailbox(tmp_path / "mailbox")
    assert [str(m["To"]) for m in mail] == ["rssi@ght.example"]
    assert str(mail[0]["Subject"]) == (
        f"[hdswatch] Clause manquante ou non conforme — 2026-hds ({spec.establishment})"
    )

    # the same event delivered again, then the sweep: nothing new, the object is processed
    assert pipeline.pending_documents(settings, [extra], sweep=False) == []
    assert pipeline.pending_documents(settings, [], sweep=True) == []
    with session_scope(settings.db_url) as session:
        document = session.get(Document, document_id)
        assert document is not None
        assert document.establishment_code == spec.establishment
        contract = session.get(Contract, document.contract_id)
        assert contract is not None
        rows = session.scalars(select(S3Object)).all()
        assert [(r.key, r.state, r.document_id, r.verified_by) for r in rows] == [
            (
                f"inbox/{spec.establishment}/2026-hds/{spec.name}.pdf",
                "processed",
                document_id,
                "CRC32",
            )
        ]
    assert store.s3.head_object(Bucket=store.bucket, Key=rows[0].key)["ContentLength"] > 0
