"""Run one DAG of the repository with ``dag.test()`` (used by the end-to-end test in a fresh
process, so that Airflow reads the temporary AIRFLOW_HOME given in the environment).

    python tests/dags/run_dag.py DAG_ID YYYY-MM-DD
"""

from __future__ import annotations

import sys
from datetime import datetime
from zoneinfo import ZoneInfo


def main() -> int:
    from airflow.dag_processing.dagbag import DagBag
    from airflow.utils.state import DagRunState

    dag_id, day = sys.argv[1], sys.argv[2]
    bag = DagBag()
    if bag.import_errors:
        print(bag.import_errors, file=sys.stderr)
        return 3
    dag = bag.dags[dag_id]
    run = dag.test(
        logical_date=datetime.fromisoformat(day).replace(hour=3, tzinfo=ZoneInfo("Europe/Paris"))
    )
    print(f"RESULT {dag_id} {run.state}")
    return 0 if run.state == DagRunState.SUCCESS else 1


if __name__ == "__main__":
    sys.exit(main())
