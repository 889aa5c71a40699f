"""The Celery settings of hdswatch's Airflow workers: Airflow's own, plus a warm-up when a worker
starts.

Airflow runs each task in a process forked from the Celery worker. Without the warm-up, every
``validate`` task imports Great Expectations and builds its context and suites again (≈ 4.5 s,
more than judging a group of contracts takes); with it, the worker does that once at start and
each forked task finds it done. Nothing heavy happens when this module is imported (the
scheduler imports it too, to send tasks): only the worker's ``worker_init`` signal warms up.

Set ``AIRFLOW__CELERY__CELERY_CONFIG_OPTIONS=hdswatch.celery_config.CELERY_CONFIG`` (the compose
file and the native stack do).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from airflow.providers.celery.executors.default_celery import DEFAULT_CELERY_CONFIG
from celery.signals import worker_init

__all__ = ["CELERY_CONFIG", "warm_up_worker"]

log = logging.getLogger(__name__)

CELERY_CONFIG: dict[str, Any] = dict(DEFAULT_CELERY_CONFIG)
"""Airflow's Celery configuration, unchanged."""


@worker_init.connect
def warm_up_worker(**_: Any) -> None:
    """Import the rules engine and build the suites of the catalogue in force, once per worker.
    Should it fail, Celery logs the error and starts the worker anyway; each task then loads
    the rules by itself and reports the error, as without this warm-up."""
    from expectations import runner
    from expectations.catalogue import load_catalogue

    started = time.perf_counter()
    runner.warm_up(load_catalogue())
    log.info("worker warmed up in %.1f s", time.perf_counter() - started)
