"""The workers' Celery settings: Airflow's own, a warm-up on the worker's start signal only."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

_PROBE = """
import json, sys
import hdswatch.celery_config
from celery.signals import worker_init
from expectations import runner
before = {"gx": "great_expectations" in sys.modules, "runner": runner._RUNNER is not None}
worker_init.send(sender=None)
after = {"gx": "great_expectations" in sys.modules, "runner": runner._RUNNER is not None}
print(json.dumps([before, after]))
"""


def test_the_configuration_is_airflows() -> None:
    from airflow.providers.celery.executors.default_celery import DEFAULT_CELERY_CONFIG

    from hdswatch.celery_config import CELERY_CONFIG

    assert CELERY_CONFIG == DEFAULT_CELERY_CONFIG
    assert CELERY_CONFIG is not DEFAULT_CELERY_CONFIG


def test_the_rules_engine_loads_on_the_worker_start_signal_not_on_import() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "plugins")])}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr[-2000:]
    before, after = json.loads(done.stdout.strip().splitlines()[-1])
    assert before == {"gx": False, "runner": False}  # the scheduler imports the module too
    assert after == {"gx": True, "runner": True}


def test_a_failed_warm_up_is_logged_and_the_worker_starts(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from celery.signals import worker_init

    from expectations import catalogue
    from hdswatch import celery_config

    def broken() -> None:
        raise KeyError("unknown catalogue version 'hds-2099'")

    monkeypatch.setattr(catalogue, "load_catalogue", broken)
    with caplog.at_level(logging.ERROR):
        answers = worker_init.send(sender=None)
    mine = [error for receiver, error in answers if receiver is celery_config.warm_up_worker]
    assert [repr(error) for error in mine] == [
        repr(KeyError("unknown catalogue version 'hds-2099'"))
    ]
    assert any(
        "Signal handler" in r.getMessage() and "hds-2099" in r.getMessage() for r in caplog.records
    )
