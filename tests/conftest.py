"""Test-wide settings: Airflow and hdswatch work in throw-away folders, never in the user's."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_ROOT = Path(tempfile.mkdtemp(prefix="hdswatch-tests-"))
os.environ.setdefault("AIRFLOW_HOME", str(_ROOT / "airflow"))
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(Path(__file__).resolve().parents[1] / "dags")
os.environ.setdefault("HDSWATCH_HOME", str(_ROOT / "hdswatch"))

REPO = Path(__file__).resolve().parents[1]
