"""The production stack of ``docker-compose.yml``, run natively on loopback: one PostgreSQL
cluster (a database for Airflow, another for the registry), redis-server as the Celery broker,
an SMTP catcher, then Airflow's api-server, scheduler, dag-processor, triggerer and N Celery
workers as processes sharing one environment (CeleryExecutor, the repository's ``dags/`` and
``plugins/``, ``HDSWATCH_*`` in a temporary folder).

The commands come from the compose file (:func:`compose_commands`), the environment has the
same variables as the compose file's Airflow services (:func:`stack_environment`), so the two
cannot drift apart unnoticed (``tests/test_docker_compose.py``).

In: a working folder and the number of workers. Out: a running stack; ``restart(name)`` stops
one process (``kill=True``: SIGKILL, as a crash) and starts it again; everything is stopped on
exit, process groups included, even when start-up fails.

>>> with NativeStack(tmp, workers=2) as stack:        # doctest: +SKIP
...     stack.wait_ready("contract_ingest")
...     drop(pdf, stack.inbox, "CSR")
...     stack.wait_for_runs("contract_ingest", 1)
...     stack.task_hosts("contract_ingest", "analyse")
{'worker-1': 3, 'worker-2': 2}
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import yaml

from tests.integration.node import NODE_VARIABLE
from tests.postgres import PostgresServer

__all__ = [
    "AIRFLOW_SERVICES",
    "COMPOSE_FILE",
    "NATIVE_ONLY",
    "NativeStack",
    "StackError",
    "compose_commands",
    "compose_environment",
    "stack_environment",
]

REPO = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO / "docker-compose.yml"
AIRFLOW_SERVICES = ("api-server", "scheduler", "dag-processor", "triggerer")
"""Long-running Airflow components other than the workers, in start order."""
_JOB_TYPES = {
    "scheduler": "SchedulerJob",
    "dag-processor": "DagProcessorJob",
    "triggerer": "TriggererJob",
}
NATIVE_ONLY = {
    "AIRFLOW_HOME": "each native stack has its own folder (the image sets it)",
    "AIRFLOW__CORE__DAGS_FOLDER": "set by the Dockerfile",
    "AIRFLOW__CORE__PLUGINS_FOLDER": "set by the Dockerfile",
    "AIRFLOW__CORE__HOSTNAME_CALLABLE": "tells workers apart on one machine",
    "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": "one port per worker on one machine",
    "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": "a free port instead of 8794",
    "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": "a killed worker is noticed in seconds",
    "AIRFLOW__SCHEDULER__TASK_QUEUED_TIMEOUT": "a lost Celery message is retried in seconds",
    "AIRFLOW__API__WORKERS": "one uvicorn worker: two cores shared",
    "HDSWATCH_STACK_NODE": "the node name recorded by the hostname callable",
    "PYTHONPATH": "the hostname callable lives under tests/",
    "PATH": "the virtual environment's bin first",
}
"""Variables the native stack sets that the compose file does not, and why."""
_NO_DISK = ["--save", "", "--appendonly", "no"]


class StackError(RuntimeError):
    """A process of the native stack did not start or stopped; the message ends with its log."""


def compose_file() -> dict[str, Any]:
    return dict(yaml.safe_load(COMPOSE_FILE.read_text("utf-8")))


def compose_commands() -> dict[str, list[str]]:
    """Every service's command, by service name, as written in ``docker-compose.yml``."""
    services = compose_file()["services"]
    return {name: list(spec["command"]) for name, spec in services.items() if "command" in spec}


def compose_environment() -> dict[str, str]:
    """The environment of the compose file's Airflow services (``x-airflow``)."""
    return {str(k): str(v) for k, v in compose_file()["x-airflow"]["environment"].items()}


def stack_environment(
    home: Path,
    *,
    airflow_db: str,
    registry_db: str,
    redis_port: int,
    api_port: int,
    smtp_port: int,
    workers: int = 2,
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The environment every native process shares: the compose file's variables with loopback
    addresses and folders under ``home``, plus :data:`NATIVE_ONLY`."""
    from cryptography.fernet import Fernet

    bindir = str(Path(sys.executable).parent)
    own = ("AIRFLOW", "HDSWATCH", "AWS_")
    base = {k: v for k, v in os.environ.items() if not k.startswith(own)}
    backend = airflow_db.replace("postgresql+psycopg2://", "db+postgresql://")
    env = {
        **base,
        "PATH": bindir + os.pathsep + base.get("PATH", ""),
        "PYTHONPATH": str(REPO),
        "AIRFLOW_HOME": str(home / "airflow"),
        "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
        "AIRFLOW__CORE__FERNET_KEY": Fernet.generate_key().decode(),
        "AIRFLOW__CORE__HOSTNAME_CALLABLE": "tests.integration.node.hostname",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": airflow_db,
        "AIRFLOW__CELERY__BROKER_URL": f"redis://127.0.0.1:{redis_port}/0",
        "AIRFLOW__CELERY__RESULT_BACKEND": backend,
        "AIRFLOW__CELERY__WORKER_CONCURRENCY": "1",
        "AIRFLOW__CELERY__POOL": "solo",
        "AIRFLOW__CORE__PARALLELISM": str(2 * workers),
        "AIRFLOW__CELERY__CELERY_CONFIG_OPTIONS": "hdswatch.celery_config.CELERY_CONFIG",
        "AIRFLOW__CELERY_BROKER_TRANSPORT_OPTIONS__VISIBILITY_TIMEOUT": "21600",
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(api_port),
        "AIRFLOW__API__WORKERS": "1",
        "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(32),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
        "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(_free_port()),
        "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(_free_port()),
        "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": "20",
        "AIRFLOW__SCHEDULER__TASK_QUEUED_TIMEOUT": "90",
        "HDSWATCH_HOME": str(home / "hdswatch"),
        "HDSWATCH_INBOX": str(home / "inbox"),
        "HDSWATCH_DB_URL": registry_db,
        "HDSWATCH_SMTP_HOST": "127.0.0.1",
        "HDSWATCH_SMTP_PORT": str(smtp_port),
        "HDSWATCH_RSSI_EMAIL": "rssi@ght.example",
        "HDSWATCH_MAIL_FROM": "hdswatch@ght.example",
        "HDSWATCH_BASE_URL": "http://127.0.0.1:8000",
        "HDSWATCH_S3_BUCKET": "",
        "HDSWATCH_S3_PREFIX": "inbox/",
        "HDSWATCH_SQS_QUEUE_URL": "",
        "HDSWATCH_AWS_CONN_ID": "aws_default",
        "AWS_ENDPOINT_URL": "",
        "AWS_DEFAULT_REGION": "eu-west-3",
        "AWS_ACCESS_KEY_ID": "",
        "AWS_SECRET_ACCESS_KEY": "",
        "HDSWATCH_STACK_NODE": "",
    }
    env.update(extra or {})
    # an empty AWS variable is "unset" for the compose file; boto3 would take it literally
    return {k: v for k, v in env.items() if not (k.startswith("AWS_") and v == "")}


@dataclass
class _Process:
    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    log_offset: int = 0


class NativeStack:
    """Start with ``start()`` (or ``with``); ``workers`` Celery workers named ``worker-1`` …"""

    def __init__(
        self,
        home: Path,
        *,
        workers: int = 2,
        extra_env: Mapping[str, str] | None = None,
        start_timeout: float = 240.0,
    ) -> None:
        self.home = Path(home)
        self.workers = workers
        self.extra_env = dict(extra_env or {})
        self.start_timeout = start_timeout
        self.processes: dict[str, _Process] = {}
        self.env: dict[str, str] = {}
        self.postgres: PostgresServer | None = None
        self.catcher: Any = None
        self.redis: subprocess.Popen[bytes] | None = None
        self.api_port = 0

    # --- where things are ---------------------------------------------------------------------
    @property
    def inbox(self) -> Path:
        return Path(self.env["HDSWATCH_INBOX"])

    @property
    def mailbox(self) -> Path:
        return self.home / "mailbox"

    @property
    def registry_url(self) -> str:
        return self.env["HDSWATCH_DB_URL"]

    @property
    def worker_names(self) -> list[str]:
        return [f"worker-{n}" for n in range(1, self.workers + 1)]

    # --- life -----------------------------------------------------------------------------------
    def start(self) -> NativeStack:
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        from hdswatch.mail import MailCatcher

        (self.home / "logs").mkdir(parents=True, exist_ok=True)
        self.postgres = PostgresServer().start()
        airflow_db = self.postgres.create_database("airflow")
        registry_db = self.postgres.create_database("registry")
        redis_port = self._start_redis()
        self.catcher = MailCatcher(self.mailbox).start()
        self.api_port = _free_port()
        self.env = stack_environment(
            self.home,
            airflow_db=airflow_db,
            registry_db=registry_db,
            redis_port=redis_port,
            api_port=self.api_port,
            smtp_port=self.catcher.port,
            workers=self.workers,
            extra=self.extra_env,
        )
        self.inbox.mkdir(parents=True, exist_ok=True)
        commands = compose_commands()
        init = subprocess.run(
            commands["airflow-init"],
            env=self.env,
            cwd=self.home,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if init.returncode != 0:
            raise StackError(f"airflow-init: {(init.stdout + init.stderr)[-4000:]}")
        for name in AIRFLOW_SERVICES:
            self._add(name, commands[name])
        for node in self.worker_names:
            self._add(
                node,
                [*commands["worker"], "--celery-hostname", f"{node}@%h"],
                {
                    NODE_VARIABLE: node,
                    "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(_free_port()),
                },
            )
        for process in self.processes.values():
            self._launch(process)
        self._wait_healthy(list(self.processes))

    def _start_redis(self) -> int:
        port = _free_port()
        folder = self.home / "redis"
        folder.mkdir(parents=True, exist_ok=True)
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        log = (self.home / "logs" / "redis.log").open("ab")
        self.redis = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(port), "--dir", str(folder), *_NO_DISK],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        _wait_until(lambda: _listening(port), 30, f"redis-server on 127.0.0.1:{port}")
        return port

    def _add(self, name: str, command: list[str], extra: dict[str, str] | None = None) -> None:
        env = {**self.env, **(extra or {})}
        self.processes[name] = _Process(name, command, env, self.home / "logs" / f"{name}.log")

    def _launch(self, process: _Process) -> None:
        process.log_offset = process.log.stat().st_size if process.log.exists() else 0
        with process.log.open("ab") as log:
            process.popen = subprocess.Popen(
                process.command,
                env=process.env,
                cwd=self.home,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        process.started_at = time.time()

    def restart(
        self, name: str, *, kill: bool = False, env: Mapping[str, str] | None = None
    ) -> None:
        """Stop ``name`` (SIGTERM and wait; ``kill``: SIGKILL at once, as a crash), start it
        again (with ``env`` added to its environment) and wait until it is healthy."""
        self.stop_process(name, kill=kill)
        self.processes[name].env.update(env or {})
        self.start_process(name)

    def stop_process(self, name: str, *, kill: bool = False) -> None:
        """Stop one process (a worker, the triggerer …) and leave it stopped."""
        _stop_group(self.processes[name].popen, hard=kill)

    def start_process(self, name: str) -> None:
        """Start one stopped process again and wait until it is healthy."""
        self._launch(self.processes[name])
        self._wait_healthy([name])

    def stop(self) -> None:
        running = [p.popen for p in self.processes.values() if p.popen is not None]
        for popen in running:  # all at once: each may take seconds to shut down
            _signal_group(popen, signal.SIGTERM)
        for popen in running:
            _stop_group(popen, hard=False, grace=20)
        if self.redis is not None:
            _stop_group(self.redis, hard=False)
            self.redis = None
        if self.catcher is not None:
            self.catcher.stop()
            self.catcher = None
        if self.postgres is not None:
            self.postgres.stop()
            self.postgres = None

    def __enter__(self) -> NativeStack:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    # --- health ---------------------------------------------------------------------------------
    def _wait_healthy(self, names: list[str]) -> None:
        deadline = time.monotonic() + self.start_timeout
        waiting = list(names)
        while waiting:
            for name in list(waiting):
                process = self.processes[name]
                if process.popen is None or process.popen.poll() is not None:
                    raise StackError(f"{name} stopped at start-up:\n{self.log_tail(name)}")
                if self._healthy(process):
                    waiting.remove(name)
            if waiting and time.monotonic() > deadline:
                details = "\n".join(f"--- {n}\n{self.log_tail(n)}" for n in waiting)
                raise StackError(
                    f"not healthy after {self.start_timeout:.0f} s: {waiting}\n{details}"
                )
            if waiting:
                time.sleep(1.0)

    def _healthy(self, process: _Process) -> bool:
        if process.name == "api-server":
            return _http_ok(f"http://127.0.0.1:{self.api_port}/api/v2/monitor/health")
        if process.name in _JOB_TYPES:
            rows = self.airflow_sql(
                "SELECT count(*) FROM job WHERE job_type = %s AND state = 'running' "
                "AND latest_heartbeat > to_timestamp(%s)",
                (_JOB_TYPES[process.name], process.started_at - 1),
            )
            return bool(rows and rows[0][0])
        with process.log.open("rb") as log:
            log.seek(process.log_offset)
            text = log.read()
        return f"{process.name}@".encode() in text and b" ready." in text

    def wait_ready(self, dag_id: str, timeout: float = 180.0) -> None:
        """Wait until ``dag_id`` is parsed and unpaused and every asset watcher's trigger runs
        in the triggerer."""

        def ready() -> bool:
            dag = self.airflow_sql(
                "SELECT is_paused FROM dag WHERE dag_id = %s AND NOT is_stale", (dag_id,)
            )
            if not dag or dag[0][0]:
                return False
            triggers = self.airflow_sql(
                "SELECT count(*), count(t.triggerer_id) FROM asset_watcher w "
                "JOIN trigger t ON t.id = w.trigger_id"
            )
            return bool(triggers and triggers[0][0] and triggers[0][0] == triggers[0][1])

        _wait_until(ready, timeout, f"{dag_id} parsed with its watchers running")

    # --- Airflow's database ---------------------------------------------------------------------
    def airflow_sql(self, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        import psycopg2

        assert self.postgres is not None
        connection = psycopg2.connect(
            host="127.0.0.1", port=self.postgres.port, user="postgres", dbname="airflow"
        )
        try:
            with connection, connection.cursor() as cursor:
                cursor.execute(query, params)
                return list(cursor.fetchall()) if cursor.description else []
        except psycopg2.errors.UndefinedTable:
            return []
        finally:
            connection.close()

    def runs(self, dag_id: str) -> list[tuple[str, str]]:
        """``(run_id, state)`` of every run of ``dag_id``, oldest first."""
        rows = self.airflow_sql(
            "SELECT run_id, state FROM dag_run WHERE dag_id = %s ORDER BY id", (dag_id,)
        )
        return [(str(r[0]), str(r[1])) for r in rows]

    def wait_idle(self, dag_id: str, timeout: float, *, at_least: int = 1) -> None:
        """Wait until ``dag_id`` has ``at_least`` runs and none queued or running."""

        def idle() -> bool:
            states = [state for _, state in self.runs(dag_id)]
            return len(states) >= at_least and not {"queued", "running"} & set(states)

        _wait_until(idle, timeout, f"{dag_id}: runs finished")

    def task_hosts(self, dag_id: str, task_id: str) -> Counter[str]:
        """How many successful ``task_id`` instances each node ran (the hostname Airflow kept)."""
        rows = self.airflow_sql(
            "SELECT hostname, count(*) FROM task_instance WHERE dag_id = %s AND task_id = %s "
            "AND state = 'success' GROUP BY hostname",
            (dag_id, task_id),
        )
        return Counter({str(host): int(count) for host, count in rows})

    def log_tail(self, name: str, size: int = 3000) -> str:
        log = self.home / "logs" / f"{name}.log"
        return log.read_bytes()[-size:].decode(errors="replace") if log.exists() else "(no log)"


# --- helpers ------------------------------------------------------------------------------------
def _signal_group(popen: subprocess.Popen[bytes], number: int) -> None:
    if popen.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(popen.pid, number)


def _stop_group(popen: subprocess.Popen[bytes] | None, *, hard: bool, grace: float = 30.0) -> None:
    if popen is None or popen.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(popen.pid, signal.SIGKILL if hard else signal.SIGTERM)
    try:
        popen.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(popen.pid, signal.SIGKILL)
        popen.wait(timeout=30)
    # children that left the group leader behind (task processes) go too
    with contextlib.suppress(ProcessLookupError):
        os.killpg(popen.pid, signal.SIGKILL)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise StackError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.5)
