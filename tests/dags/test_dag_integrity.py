"""Every DAG file imports cleanly, quickly, without touching a database, a connection or a heavy
library, and carries the settings the project relies on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DAG_FILES = sorted((REPO / "dags").glob("*.py"))
HEAVY = (
    "spacy",
    "pdfplumber",
    "pypdfium2",
    "great_expectations",
    "pandas",
    "reportlab",
    "dateparser",
    "hdswatch.pipeline",
    "extractors.extract",
    "boto3",
)


def test_there_are_exactly_the_two_dags() -> None:
    assert [p.name for p in DAG_FILES] == ["contract_ingest.py", "nightly_audit.py"]


@pytest.fixture(scope="module")
def dagbag():  # type: ignore[no-untyped-def]
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(REPO / "dags"))


def test_no_import_errors(dagbag) -> None:  # type: ignore[no-untyped-def]
    assert dagbag.import_errors == {}
    assert sorted(dagbag.dags) == ["contract_ingest", "nightly_audit"]


def test_dag_settings(dagbag) -> None:  # type: ignore[no-untyped-def]
    ingest = dagbag.dags["contract_ingest"]
    nightly = dagbag.dags["nightly_audit"]
    assert set(ingest.tags) == {"hdswatch", "ingest"}
    assert set(nightly.tags) == {"hdswatch", "audit"}
    for dag in (ingest, nightly):
        assert dag.catchup is False
        assert dag.doc_md and dag.doc_md.strip().startswith("###")
        for task in dag.tasks:
            assert task.retries >= 2, task.task_id
    assert [t.task_id for t in ingest.topological_sort()] == [
        "find_new",
        "analyse",
        "validate",
        "store",
        "alert",
    ]
    assert [t.task_id for t in nightly.topological_sort()] == ["audit", "digest", "purge"]


def test_a_burst_finishes_runs_before_reading_more(dagbag) -> None:  # type: ignore[no-untyped-def]
    """With more ready tasks than worker slots, the scheduler starts the heaviest first:
    claiming new objects, then the last steps of runs under way, reading new files last."""
    tasks = dagbag.dags["contract_ingest"].tasks
    assert {t.weight_rule for t in tasks} == {"absolute"}  # each task's own weight, as written
    weights = {t.task_id: t.priority_weight for t in tasks}
    assert weights == {"find_new": 5, "alert": 4, "store": 3, "validate": 2, "analyse": 1}


def test_nightly_runs_at_two_in_paris(dagbag) -> None:  # type: ignore[no-untyped-def]
    timetable = dagbag.dags["nightly_audit"].timetable
    assert timetable.expression == "0 2 * * *"
    assert str(timetable.timezone) == "Europe/Paris"


def test_ingest_is_driven_by_an_asset_watcher_and_a_sweep(dagbag) -> None:  # type: ignore[no-untyped-def]
    from airflow.providers.standard.triggers.file import DirectoryFileDeleteTrigger

    timetable = dagbag.dags["contract_ingest"].timetable
    asset = timetable.asset_condition
    assert asset.name == "hdswatch_inbox"
    watcher = asset.watchers[0]
    assert isinstance(watcher.trigger, DirectoryFileDeleteTrigger)
    assert watcher.trigger.filename == "new"
    assert watcher.trigger.directory.endswith("/inbox/.signals")
    assert timetable.timetable.expression == "*/15 * * * *"


@pytest.mark.parametrize("dag_file", DAG_FILES, ids=lambda p: p.name)
def test_parsing_stays_light(dag_file: Path) -> None:
    """Importing a DAG file loads none of the heavy libraries and opens no registry."""
    code = (
        "import importlib.util, json, sys\n"
        f"spec = importlib.util.spec_from_file_location('d', {str(dag_file)!r})\n"
        "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


@pytest.mark.parametrize("dag_file", DAG_FILES, ids=lambda p: p.name)
def test_no_database_or_connection_at_parse(dag_file: Path) -> None:
    """Parsing with an unreachable Airflow database and no connections still works."""
    code = (
        "import importlib.util\n"
        f"spec = importlib.util.spec_from_file_location('d', {str(dag_file)!r})\n"
        "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)\n"
        "print('parsed')\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "AIRFLOW_HOME": "/nonexistent/airflow",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": "sqlite:////nonexistent/dir/airflow.db",
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "HDSWATCH_DB_URL": "sqlite:////nonexistent/dir/registry.db",
    }
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "parsed"
