"""hdswatch.s3inbox against a real moto server: notifications read, objects downloaded once
with their establishment and contract folder, duplicates, deleted-before-read objects, refused
credentials, a burst of 200 uploads."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from hdswatch import pipeline
from hdswatch.errors import StorageDenied
from hdswatch.registry.db import session_scope
from hdswatch.registry.models import S3Object
from hdswatch.s3inbox import (
    REOFFER_AFTER,
    ObjectRef,
    downloaded_placement,
    pending,
    placement_of_key,
    refs_from_events,
)
from hdswatch.settings import Settings
from tests.hdswatch.s3fixtures import Store, moto_url, small_pdf, store
from tests.s3server import REGION, aws_environment, enforce_auth, moto_server

__all__ = ["moto_url", "store"]  # fixtures


def as_event(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """The asset event's ``extra`` for a batch of queue messages, as Airflow stores it."""
    return {"from_trigger": True, "payload": {"status": "success", "message_batch": messages}}


def states(settings: Settings) -> list[tuple[str, str]]:
    with session_scope(settings.db_url) as session:
        rows = session.scalars(select(S3Object).order_by(S3Object.key)).all()
        return [(r.key, r.state) for r in rows]


def record(bucket: str, key: str, event: str = "ObjectCreated:Put") -> dict[str, Any]:
    return {
        "eventName": event,
        "s3": {"bucket": {"name": bucket}, "object": {"key": key, "eTag": "abc"}},
    }


def test_events_name_url_decoded_keys_and_skip_the_rest() -> None:
    bodies = [
        json.dumps({"Records": [record("contrats", "inbox%2FCSR%2F%C3%A9t%C3%A9+2026.pdf")]}),
        json.dumps({"Service": "Amazon S3", "Event": "s3:TestEvent", "Bucket": "contrats"}),
        json.dumps({"Records": [record("contrats", "inbox/CSR/x.pdf", "ObjectRemoved:Delete")]}),
        json.dumps(
            {
                "Type": "Notification",
                "Message": json.dumps({"Records": [record("contrats", "inbox/HPV/a.pdf")]}),
            }
        ),
        "not json",
        json.dumps({"Records": [record("contrats", "inbox%2FCSR%2F%C3%A9t%C3%A9+2026.pdf")]}),
    ]
    refs = refs_from_events([as_event([{"Body": b} for b in bodies]), {"payload": None}])
    assert refs == [
        ObjectRef("contrats", "inbox/CSR/été 2026.pdf", "abc"),
        ObjectRef("contrats", "inbox/HPV/a.pdf", "abc"),
    ]


def test_a_key_is_placed_like_a_folder_of_the_inbox() -> None:
    assert placement_of_key("inbox/CSR/2024-hds/annexe.pdf", "inbox/") == ("CSR", "2024-hds")
    assert placement_of_key("inbox/CSR/a/b/c.pdf", "inbox/") == ("CSR", "a/b")
    assert placement_of_key("inbox/CSR/c.pdf", "inbox/") == ("CSR", None)
    assert placement_of_key("inbox/c.pdf", "inbox/") == ("DEFAULT", None)
    assert placement_of_key("CSR/c.pdf", "") == ("CSR", None)


def test_a_notified_object_is_downloaded_once_with_its_placement(
    store: Store, tmp_path: Path
) -> None:
    body = small_pdf("contrat CSR")
    store.put("inbox/CSR/2024-hds/contrat.pdf", body)
    store.put("inbox/CSR/notes.txt", b"pas un PDF")
    store.put("inbox/CSR/.cache/x.pdf", b"%PDF hidden")
    event = as_event(store.messages())
    settings = store.settings(tmp_path)
    paths = pipeline.pending_documents(settings, [event], sweep=False)
    assert len(paths) == 1
    path = Path(paths[0])
    assert path.read_bytes() == body
    assert path.name == "contrat.pdf"
    assert path.parent.parent == tmp_path / "objects"
    assert downloaded_placement(path) == ("CSR", "2024-hds")
    assert downloaded_placement(tmp_path / "elsewhere.pdf") is None
    # the same event again (a duplicate delivery) and the sweep: one analysis only
    assert pipeline.pending_documents(settings, [event], sweep=False) == []
    assert pipeline.pending_documents(settings, [], sweep=True) == []
    assert states(settings) == [("inbox/CSR/2024-hds/contrat.pdf", "seen")]
    # the customer's objects are untouched
    keys = [o["Key"] for o in store.s3.list_objects_v2(Bucket=store.bucket)["Contents"]]
    assert keys == [
        "inbox/CSR/.cache/x.pdf",
        "inbox/CSR/2024-hds/contrat.pdf",
        "inbox/CSR/notes.txt",
    ]


def test_the_sweep_catches_a_lost_event_and_same_bytes_are_one_analysis(
    store: Store, tmp_path: Path
) -> None:
    body = small_pdf("contrat en double")
    store.put("inbox/CSR/a.pdf", body)
    store.put("inbox/HPV/copie.pdf", body)
    store.messages()  # the events are lost
    settings = store.settings(tmp_path)
    assert pipeline.pending_documents(settings, [], sweep=False) == []
    paths = pipeline.pending_documents(settings, [], sweep=True)
    assert [Path(p).name for p in paths] == ["a.pdf"]
    assert states(settings) == [("inbox/CSR/a.pdf", "seen"), ("inbox/HPV/copie.pdf", "duplicate")]


def test_an_object_deleted_before_it_is_read_is_recorded_as_gone(
    store: Store, tmp_path: Path
) -> None:
    store.put("inbox/CSR/retire.pdf", small_pdf("retiré"))
    event = as_event(store.messages())
    store.s3.delete_object(Bucket=store.bucket, Key="inbox/CSR/retire.pdf")
    settings = store.settings(tmp_path)
    assert pipeline.pending_documents(settings, [event], sweep=False) == []
    with session_scope(settings.db_url) as session:
        row = session.scalars(select(S3Object)).one()
        assert (row.key, row.state, row.local_path) == ("inbox/CSR/retire.pdf", "gone", None)
        assert row.message is not None
        assert row.message.startswith("objet supprimé (ou remplacé) avant d'avoir pu être lu")
    assert pipeline.pending_documents(settings, [event], sweep=True) == []


def test_an_object_not_recorded_in_time_is_handed_out_again(store: Store, tmp_path: Path) -> None:
    store.put("inbox/CSR/lent.pdf", small_pdf("lent"))
    settings = store.settings(tmp_path)
    pipeline.prepare(settings)
    now = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
    first = pending(settings, sweep=True, now=now)
    assert pending(settings, sweep=True, now=now + REOFFER_AFTER - timedelta(seconds=1)) == []
    assert pending(settings, sweep=True, now=now + REOFFER_AFTER + timedelta(seconds=1)) == first
    first[0].unlink()  # the local copy is lost: read again from the bucket
    later = now + 3 * REOFFER_AFTER
    assert pending(settings, sweep=True, now=later) == []
    assert pending(settings, sweep=True, now=later) == first
    assert first[0].is_file()


def test_refused_credentials_record_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with moto_server() as url:
        for name, value in aws_environment(url).items():
            monkeypatch.setenv(name, value)
        import boto3

        s3 = boto3.client("s3")
        s3.create_bucket(
            Bucket="contrats", CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        s3.put_object(Bucket="contrats", Key="inbox/CSR/c.pdf", Body=small_pdf("c"))
        enforce_auth(url)  # from now on, the test key "testing" is refused
        settings = Settings.from_env(
            {"HDSWATCH_HOME": str(tmp_path), "HDSWATCH_S3_BUCKET": "contrats"}
        )
        with pytest.raises(StorageDenied, match="InvalidAccessKeyId"):
            pipeline.pending_documents(settings, [], sweep=True)
        event = as_event(
            [{"Body": json.dumps({"Records": [record("contrats", "inbox/CSR/c.pdf")]})}]
        )
        with pytest.raises(StorageDenied):
            pipeline.pending_documents(settings, [event], sweep=False)
    assert states(settings) == []
    assert not (tmp_path / "objects").exists() or list((tmp_path / "objects").rglob("*.pdf")) == []


def test_a_burst_of_200_uploads_is_pending_exactly_once(store: Store, tmp_path: Path) -> None:
    keys = [f"inbox/E{n % 7}/lot-{n % 3}/contrat-{n:03d}.pdf" for n in range(200)]
    for n, key in enumerate(keys):
        store.put(key, small_pdf(f"contrat numéro {n}"))
    messages = store.messages()
    assert len(messages) == 200
    events = [as_event(messages[i : i + 10]) for i in range(0, 200, 10)]
    settings = store.settings(tmp_path)
    paths = pipeline.pending_documents(settings, events[:15], sweep=False)
    paths += pipeline.pending_documents(settings, events[10:], sweep=True)  # 5 events twice
    assert len(paths) == 200
    assert len(set(paths)) == 200
    placed = sorted(
        (p := downloaded_placement(Path(path))) and f"inbox/{p[0]}/{p[1]}/{Path(path).name}"
        for path in paths
    )
    assert placed == sorted(keys)
    assert pipeline.pending_documents(settings, events, sweep=True) == []
    assert {state for _, state in states(settings)} == {"seen"}


def test_an_establishment_can_have_its_own_bucket_or_prefix(store: Store, tmp_path: Path) -> None:
    store.s3.create_bucket(
        Bucket=f"{store.bucket}-hpv", CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    establishments = tmp_path / "etablissements.yaml"
    establishments.write_text(
        "establishments:\n"
        f"  - {{code: HPV, s3: {{bucket: {store.bucket}-hpv, prefix: depot}}}}\n"
        "  - {code: CSR2, s3: {prefix: inbox/speciale/}}\n"
        "  - {code: CSR}\n",
        "utf-8",
    )
    store.s3.put_object(
        Bucket=f"{store.bucket}-hpv", Key="depot/2025/contrat.pdf", Body=small_pdf("hpv")
    )
    store.s3.put_object(Bucket=f"{store.bucket}-hpv", Key="ailleurs/x.pdf", Body=small_pdf("x"))
    store.put("inbox/speciale/lot/contrat.pdf", small_pdf("csr2"))
    store.put("inbox/CSR/contrat.pdf", small_pdf("csr"))
    settings = store.settings(tmp_path, HDSWATCH_ESTABLISHMENTS=str(establishments))
    paths = pipeline.pending_documents(settings, [], sweep=True)
    placed = sorted(downloaded_placement(Path(p)) for p in paths)  # type: ignore[type-var]
    assert placed == [("CSR", None), ("CSR2", "lot"), ("HPV", "2025")]
    # an event from the establishment's bucket is placed the same way
    store.s3.put_object(
        Bucket=f"{store.bucket}-hpv", Key="depot/2026/avenant.pdf", Body=small_pdf("avenant")
    )
    event = as_event(
        [
            {
                "Body": json.dumps(
                    {"Records": [record(f"{store.bucket}-hpv", "depot/2026/avenant.pdf")]}
                )
            }
        ]
    )
    [path] = pipeline.pending_documents(settings, [event], sweep=False)
    assert downloaded_placement(Path(path)) == ("HPV", "2026")


def test_storing_the_document_settles_its_objects_at_once(store: Store, tmp_path: Path) -> None:
    from hdswatch.registry.models import Document

    body = small_pdf("contrat réglé")
    store.put("inbox/CSR/a.pdf", body)
    store.put("inbox/HPV/copie.pdf", body)
    settings = store.settings(tmp_path)
    [path] = pipeline.pending_documents(settings, [as_event(store.messages())], sweep=False)
    assert states(settings) == [("inbox/CSR/a.pdf", "seen"), ("inbox/HPV/copie.pdf", "duplicate")]

    day = date(2026, 11, 29)
    staged = pipeline.validate(pipeline.analyse(path, settings), day, settings)
    document_id = pipeline.store(staged, day, settings)

    # no later run or `hdswatch s3 status` needed: both objects name the stored document
    with session_scope(settings.db_url) as session:
        rows = session.scalars(select(S3Object).order_by(S3Object.key)).all()
        assert [(r.key, r.state, r.document_id) for r in rows] == [
            ("inbox/CSR/a.pdf", "processed", document_id),
            ("inbox/HPV/copie.pdf", "processed", document_id),
        ]
        assert session.get(Document, document_id) is not None


def test_the_events_messages_leave_the_queue_only_once_their_objects_are_recorded(
    store: Store, tmp_path: Path
) -> None:
    from hdswatch.s3 import VISIBILITY_SECONDS

    store.put("inbox/CSR/recu.pdf", small_pdf("reçu"))
    # what the trigger does: receive, and leave the message in the queue
    received = store.sqs.receive_message(
        QueueUrl=store.queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0
    )["Messages"]
    assert len(received) == 1

    def in_queue() -> int:
        attributes = store.sqs.get_queue_attributes(
            QueueUrl=store.queue_url,
            AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        )["Attributes"]
        return int(attributes["ApproximateNumberOfMessages"]) + int(
            attributes["ApproximateNumberOfMessagesNotVisible"]
        )

    assert in_queue() == 1  # hidden for the visibility timeout, not gone
    timeout = store.sqs.get_queue_attributes(
        QueueUrl=store.queue_url, AttributeNames=["VisibilityTimeout"]
    )["Attributes"]["VisibilityTimeout"]
    assert timeout == str(VISIBILITY_SECONDS)  # set by connect_notifications
    settings = store.settings(tmp_path)
    event = {"payload": {"status": "success", "message_batch": received}}

    paths = pipeline.pending_documents(settings, [event], sweep=False)

    assert [Path(p).name for p in paths] == ["recu.pdf"]
    assert in_queue() == 0
    # the same event again (its message came back before it was deleted): nothing new
    assert pipeline.pending_documents(settings, [event], sweep=False) == []
