"""contract_ingest with an S3 inbox: parsing stays light with the queue watcher declared, the
watcher is common-messaging's MessageQueueTrigger on the queue, and one full run of the real
DAG (``dag.test()``, temporary AIRFLOW_HOME) reads the bucket, stores the reports and sends the
alert to a real SMTP server, against a real moto server on loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import boto3
import pytest
from sqlalchemy import select

from hdswatch.mail import MailCatcher, read_mailbox
from hdswatch.registry.db import session_scope
from hdswatch.registry.models import Document, S3Object
from hdswatch.samples import contract_pdf_bytes, demo_specs
from tests.s3server import REGION, aws_environment, moto_server

REPO = Path(__file__).resolve().parents[2]
DAG_FILE = REPO / "dags" / "contract_ingest.py"
QUEUE = "https://sqs.eu-west-3.amazonaws.com/123456789012/hdswatch-inbox"
TODAY = date(2026, 11, 29)
HEAVY = ("boto3", "botocore", "aiobotocore", "hdswatch.pipeline", "hdswatch.s3", "spacy")


def _parse(env: dict[str, str]) -> dict[str, Any]:
    code = (
        "import importlib.util, json, sys\n"
        f"spec = importlib.util.spec_from_file_location('d', {str(DAG_FILE)!r})\n"
        "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)\n"
        "watcher = module.new_document.watchers[0]\n"
        "classpath, kwargs = watcher.trigger.serialize()\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "dag = module.contract_ingest()\n"
        "find_new = dag.get_task('find_new')\n"
        "print(json.dumps({'name': watcher.name, 'classpath': classpath, 'kwargs': kwargs,"
        " 'heavy': heavy, 'max_active_runs': dag.max_active_runs,"
        " 'find_new_at_once': find_new.max_active_tis_per_dag}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def test_the_queue_watcher_is_declared_without_loading_boto3() -> None:
    parsed = _parse({"HDSWATCH_SQS_QUEUE_URL": QUEUE, "HDSWATCH_AWS_CONN_ID": "aws_hds"})
    assert parsed["heavy"] == []
    assert parsed["name"] == "hdswatch_inbox_queue"
    # events name their objects: runs overlap, their claims (find_new) one at a time
    assert (parsed["max_active_runs"], parsed["find_new_at_once"]) == (16, 1)
    assert parsed["classpath"] == (
        "airflow.providers.common.messaging.triggers.msg_queue.MessageQueueTrigger"
    )
    assert parsed["kwargs"] == {
        "scheme": "sqs",
        "sqs_queue": QUEUE,
        "aws_conn_id": "aws_hds",
        "max_messages": 10,
        "num_batches": 5,
        "wait_time_seconds": 1,
        "waiter_delay": 1,
        "delete_message_on_reception": False,
    }


def test_without_a_queue_the_sentinel_file_watcher_stays() -> None:
    parsed = _parse({"HDSWATCH_SQS_QUEUE_URL": ""})
    assert parsed["name"] == "hdswatch_inbox_signal"
    assert (parsed["max_active_runs"], parsed["find_new_at_once"]) == (1, 1)
    assert parsed["classpath"] == (
        "airflow.providers.standard.triggers.file.DirectoryFileDeleteTrigger"
    )


def test_the_triggerer_builds_the_message_queue_trigger_on_sqs() -> None:
    from airflow._shared.module_loading import import_string
    from airflow.providers.amazon.aws.triggers.sqs import SqsSensorTrigger

    parsed = _parse({"HDSWATCH_SQS_QUEUE_URL": QUEUE})
    kwargs = dict(parsed["kwargs"])
    trigger = import_string(str(parsed["classpath"]))(**kwargs)
    assert isinstance(trigger.trigger, SqsSensorTrigger)
    assert trigger.trigger.sqs_queue == QUEUE
    assert trigger.trigger.aws_conn_id == "aws_default"
    assert trigger.trigger.delete_message_on_reception is False  # find_new deletes them
    assert (trigger.trigger.num_batches, trigger.trigger.wait_time_seconds) == (5, 1)


@pytest.fixture(scope="module")
def s3_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    home = tmp_path_factory.mktemp("e2e-s3")
    specs = demo_specs(TODAY)
    with moto_server() as url, MailCatcher(home / "mailbox") as catcher:
        aws = aws_environment(url)
        s3 = boto3.client(
            "s3",
            endpoint_url=url,
            region_name=REGION,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        s3.create_bucket(
            Bucket="contrats", CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        for spec in specs:
            key = f"depot/{spec.establishment}/{spec.name}.pdf"
            s3.put_object(Bucket="contrats", Key=key, Body=contract_pdf_bytes(spec))
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "HDSWATCH"))}
        env.update(aws)
        env.update(
            {
                "AIRFLOW_HOME": str(home / "airflow"),
                "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
                "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
                "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
                "HDSWATCH_HOME": str(home),
                "HDSWATCH_S3_BUCKET": "contrats",
                "HDSWATCH_S3_PREFIX": "depot",
                "HDSWATCH_SQS_QUEUE_URL": f"{url}/123456789012/hdswatch-inbox",
                "HDSWATCH_SMTP_HOST": "127.0.0.1",
                "HDSWATCH_SMTP_PORT": str(catcher.port),
                "HDSWATCH_RSSI_EMAIL": "rssi@ght.example",
            }
        )
        bindir = str(Path(sys.executable).parent)
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
        for args in (
            [str(Path(bindir) / "airflow"), "db", "migrate"],
            [sys.executable, str(REPO / "tests/dags/run_dag.py"), "contract_ingest", str(TODAY)],
        ):
            done = subprocess.run(
                args, env=env, cwd=home, capture_output=True, text=True, timeout=600, check=False
            )
            assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket="contrats")["Contents"]]
    yield {
        "home": home,
        "specs": specs,
        "out": done.stdout,
        "mail": read_mailbox(home / "mailbox"),
        "keys": keys,
    }


@pytest.mark.airflow
def test_a_dag_run_reads_the_bucket_and_alerts(s3_run: dict[str, Any]) -> None:
    home, specs = Path(s3_run["home"]), s3_run["specs"]
    assert "RESULT contract_ingest success" in s3_run["out"]
    reports = [json.loads(p.read_text()) for p in sorted((home / "reports").glob("*.json"))]
    assert sorted(r["file"] for r in reports) == sorted(f"{s.name}.pdf" for s in specs)
    alerts = [m for m in s3_run["mail"] if f"{specs[1].name}.pdf" in str(m["Subject"])]
    assert len(alerts) == 1
    assert str(alerts[0]["Subject"]).startswith("[hdswatch] Clause manquante ou non conforme")
    assert str(alerts[0]["To"]) == "rssi@ght.example"
    with session_scope(f"sqlite:///{home / 'registry.db'}") as session:
        documents = {d.file_name: d for d in session.scalars(select(Document))}
        objects = session.scalars(select(S3Object).order_by(S3Object.key)).all()
        assert [(o.key, o.state, o.document_id) for o in objects] == sorted(
            (
                f"depot/{s.establishment}/{s.name}.pdf",
                "processed",
                documents[f"{s.name}.pdf"].id,
            )
            for s in specs
        )
        for spec in specs:
            document = documents[f"{spec.name}.pdf"]
            assert document.establishment_code == spec.establishment
            assert Path(document.stored_path).parent.parent == home / "objects"
    # the customer's objects are where they were
    assert sorted(s3_run["keys"]) == sorted(f"depot/{s.establishment}/{s.name}.pdf" for s in specs)


def test_find_new_reads_the_extra_of_the_triggering_events() -> None:
    from airflow.sdk import Asset
    from airflow.sdk.execution_time.comms import AssetEventDagRunReferenceResult
    from airflow.sdk.execution_time.context import TriggeringAssetEventsAccessor

    from hdswatch.queue_trigger import event_extras

    inbox = Asset(name="hdswatch_inbox", uri="file:///srv/hds/inbox")
    other = Asset(name="other", uri="file:///srv/other")
    payload = {"status": "success", "message_batch": [{"Body": "{}"}]}

    def reference(asset: Asset, extra: dict[str, Any]) -> AssetEventDagRunReferenceResult:
        return AssetEventDagRunReferenceResult.model_validate(
            {
                "asset": {"name": asset.name, "uri": asset.uri, "extra": {}},
                "extra": extra,
                "source_task_id": None,
                "source_dag_id": None,
                "source_run_id": None,
                "source_map_index": -1,
                "source_aliases": [],
                "timestamp": "2026-11-29T10:00:00Z",
            }
        )

    events = TriggeringAssetEventsAccessor.build(
        [
            reference(inbox, {"from_trigger": True, "payload": payload}),
            reference(other, {"x": 1}),
            reference(inbox, {"from_trigger": True, "payload": payload}),
        ]
    )
    assert event_extras(events, inbox) == [{"from_trigger": True, "payload": payload}] * 2
    assert event_extras(TriggeringAssetEventsAccessor.build([]), inbox) == []
    assert event_extras(None, inbox) == []
