"""
### nightly_audit — veille de nuit : échéances et récapitulatif au RSSI

Every night at 02:00 Europe/Paris: every registered contract is judged again against that
night's date from its stored extraction (no PDF is read again), findings are updated, one
digest goes to the RSSI's mailbox, then what is past its retention period is purged (old
reports, staging files, bodies of sent e-mails: `HDSWATCH_RETENTION_*`).
"""

from __future__ import annotations

from airflow.sdk import CronTriggerTimetable, dag, get_current_context, task


def _night():  # type: ignore[no-untyped-def]
    from hdswatch.clock import paris_date

    context = get_current_context()
    return paris_date(context.get("logical_date") or context["dag_run"].run_after)


@dag(
    dag_id="nightly_audit",
    schedule=CronTriggerTimetable("0 2 * * *", timezone="Europe/Paris"),
    catchup=False,
    max_active_runs=1,
    tags=["hdswatch", "audit"],
    default_args={"retries": 3, "retry_delay": 300},
    doc_md=__doc__,
)
def nightly_audit() -> None:
    @task
    def audit() -> str:
        from hdswatch.pipeline import audit as run
        from hdswatch.settings import get_settings

        as_of = _night()
        run(as_of, get_settings())
        return as_of.isoformat()

    @task
    def digest(as_of: str) -> int:
        from datetime import date

        from hdswatch.pipeline import digest as run
        from hdswatch.settings import get_settings

        return run(date.fromisoformat(as_of), get_settings())

    @task
    def purge(as_of: str) -> dict[str, int]:
        from datetime import date

        from hdswatch.retention import purge as run
        from hdswatch.settings import get_settings

        return run(date.fromisoformat(as_of), get_settings()).as_dict()

    night = audit()
    digest(night) >> purge(night)


nightly_audit()
