"""
### contract_ingest — nouveaux contrats : lecture, validation, enregistrement, alerte

Runs when a document arrives in the inbox: `hdswatch drop` (or any writer) raises a sentinel
file that the asset watcher consumes, and a sweep every 15 minutes is the safety net (documents
already known by their sha256 are skipped, so a file seen twice is analysed once).

With an S3 inbox (`HDSWATCH_S3_BUCKET`) and its notification queue (`HDSWATCH_SQS_QUEUE_URL`),
the watcher consumes the queue's messages instead (common-messaging's `MessageQueueTrigger`):
`find_new` downloads the objects the events name; the 15-minute run lists the bucket's prefix.

`find_new` → `analyse` → `validate` → `store` (one mapped task per group of files: one file per
task for a small batch, up to `HDSWATCH_DOCUMENTS_PER_TASK` for a large one) → `alert`.
Only paths and ids travel between tasks; contract text stays in hdswatch's own storage.
"""

from __future__ import annotations

import os
from pathlib import Path

from airflow.providers.standard.triggers.file import DirectoryFileDeleteTrigger
from airflow.sdk import (
    Asset,
    AssetOrTimeSchedule,
    AssetWatcher,
    CronTriggerTimetable,
    dag,
    get_current_context,
    task,
)

INBOX = Path(
    os.environ.get("HDSWATCH_INBOX", Path(os.environ.get("HDSWATCH_HOME", "var")) / "inbox")
)
QUEUE_URL = os.environ.get("HDSWATCH_SQS_QUEUE_URL", "")
SWEEP = os.environ.get("HDSWATCH_SWEEP_CRON") or "*/15 * * * *"  # the safety-net sweep
# A local signal names no file, so a run reads the whole inbox folder: one run at a time.
# Bucket events name their objects: runs overlap, because Airflow gives a run only the events
# up to the first one queued for it and leaves later ones to the next event
# (apache/airflow#56050): waiting behind a running run would strand them; `find_new` steps
# still go one at a time to claim objects.
MAX_RUNS = 16 if QUEUE_URL else 1
# When more tasks are ready than the workers can take (a burst), the scheduler starts the
# heaviest weight first: `find_new` (it claims the objects and lets the queue forget their
# events), then the later steps of runs already under way, so a run's alerts leave before the
# next run's files are read.
PRIORITY = {"find_new": 5, "alert": 4, "store": 3, "validate": 2, "analyse": 1}


def _watcher() -> AssetWatcher:
    if QUEUE_URL:  # the bucket's notifications, through the queue
        from hdswatch.queue_trigger import inbox_queue_trigger

        conn_id = os.environ.get("HDSWATCH_AWS_CONN_ID") or "aws_default"
        return AssetWatcher(
            name="hdswatch_inbox_queue", trigger=inbox_queue_trigger(QUEUE_URL, conn_id)
        )
    return AssetWatcher(
        name="hdswatch_inbox_signal",
        trigger=DirectoryFileDeleteTrigger(
            directory=str(INBOX.absolute() / ".signals"), filename="new", poke_interval=5.0
        ),
    )


new_document = Asset(name="hdswatch_inbox", uri=f"file://{INBOX.absolute()}", watchers=[_watcher()])


def _as_of():  # type: ignore[no-untyped-def]
    from hdswatch.clock import paris_date

    context = get_current_context()
    return paris_date(context.get("logical_date") or context["dag_run"].run_after)


@dag(
    dag_id="contract_ingest",
    schedule=AssetOrTimeSchedule(
        timetable=CronTriggerTimetable(SWEEP, timezone="Europe/Paris"), assets=new_document
    ),
    catchup=False,
    max_active_runs=MAX_RUNS,
    tags=["hdswatch", "ingest"],
    default_args={"retries": 2, "retry_delay": 60, "weight_rule": "absolute"},
    doc_md=__doc__,
)
def contract_ingest() -> None:
    @task(max_active_tis_per_dag=1, priority_weight=PRIORITY["find_new"])
    def find_new() -> list[list[str]]:
        from hdswatch.pipeline import pending_documents, task_groups
        from hdswatch.queue_trigger import event_extras
        from hdswatch.settings import get_settings

        settings = get_settings()
        events = get_current_context().get("triggering_asset_events")
        extras = event_extras(events, new_document)
        # a run raised by events reads what they name; the cron run sweeps the whole inbox
        pending = pending_documents(settings, extras, sweep=not extras)
        return task_groups(pending, settings.documents_per_task)

    @task(map_index_template="{{ documents }}", priority_weight=PRIORITY["analyse"])
    def analyse(paths: list[str]) -> list[str]:
        from hdswatch.pipeline import analyse_group, group_label
        from hdswatch.settings import get_settings

        get_current_context()["documents"] = group_label(paths)  # type: ignore[typeddict-unknown-key]
        return analyse_group(paths, get_settings())

    @task(priority_weight=PRIORITY["validate"])
    def validate(staged: list[str]) -> list[str]:
        from hdswatch.pipeline import validate_group
        from hdswatch.settings import get_settings

        return validate_group(staged, _as_of(), get_settings())

    @task(priority_weight=PRIORITY["store"])
    def store(staged: list[str]) -> list[int]:
        from hdswatch.pipeline import store_group
        from hdswatch.settings import get_settings

        return store_group(staged, _as_of(), get_settings())

    @task(priority_weight=PRIORITY["alert"])
    def alert(document_ids: list[list[int]]) -> int:
        from hdswatch.pipeline import alert_new
        from hdswatch.settings import get_settings

        return alert_new([i for group in document_ids for i in group], get_settings())

    analysed = analyse.expand(paths=find_new())
    stored = store.expand(staged=validate.expand(staged=analysed))
    alert(stored)


contract_ingest()
