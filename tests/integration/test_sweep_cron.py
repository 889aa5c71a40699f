"""``HDSWATCH_SWEEP_CRON`` sets the ingest DAG's safety-net sweep (read when the DAG file is
parsed; the benchmark of the native stack sweeps every minute), and every 15 minutes is the
default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PROBE = (
    "from airflow.dag_processing.dagbag import DagBag\n"
    "bag = DagBag(dag_folder='dags/contract_ingest.py')\n"
    "assert not bag.import_errors, bag.import_errors\n"
    "print(bag.dags['contract_ingest'].timetable.timetable.expression)\n"
)


@pytest.mark.parametrize(("value", "summary"), [(None, "*/15 * * * *"), ("* * * * *", "* * * * *")])
def test_the_sweep_follows_the_variable(value: str | None, summary: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "HDSWATCH_SWEEP_CRON"}
    env.update(AIRFLOW_HOME=str(tmp_path), AIRFLOW__CORE__LOAD_EXAMPLES="False")
    if value is not None:
        env["HDSWATCH_SWEEP_CRON"] = value
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert summary in result.stdout.strip().splitlines()[-1]
