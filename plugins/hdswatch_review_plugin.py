"""The review page of hdswatch served by Airflow's API server, as an Airflow 3 plugin.

Airflow's plugin manager imports this module in every Airflow process: it stays light (the
plugin class and a small ASGI wrapper). The application itself (:mod:`hdswatch.web.app`, the
same one ``hdswatch serve`` runs) is built on the first request, from the ``HDSWATCH_*``
settings and the session secret ``HDSWATCH_WEB_SECRET``. No Airflow menu entry: Airflow shows
plugin views in a frame, which the review page's security headers forbid; it is its own page.

    AIRFLOW__CORE__PLUGINS_FOLDER=<repo>/plugins   →   https://airflow.example/hdswatch/
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from airflow.plugins_manager import AirflowPlugin

__all__ = ["URL_PREFIX", "HdswatchReviewPlugin", "LazyReviewApp"]

URL_PREFIX = "/hdswatch"

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class LazyReviewApp:
    """An ASGI application that builds the review application when first called."""

    def __init__(self) -> None:
        self._app: Callable[[Scope, Receive, Send], Awaitable[None]] | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return "hdswatch.web.app:app_from_env"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._app is None:
            with self._lock:
                if self._app is None:
                    from hdswatch.web.app import app_from_env

                    self._app = app_from_env()
        await self._app(scope, receive, send)


class HdswatchReviewPlugin(AirflowPlugin):
    name = "hdswatch_review"
    fastapi_apps = [  # noqa: RUF012 (the plugin interface is a class attribute)
        {"app": LazyReviewApp(), "url_prefix": URL_PREFIX, "name": "hdswatch — revue des contrats"}
    ]
