"""A real S3/SQS-compatible server for the tests and the benchmarks: moto in server mode
(``moto_server``, from ``moto[server]``), on 127.0.0.1 with a free port, working in a temporary
folder, stopped on exit.

``moto_server()`` yields the endpoint URL; give it to boto3 through ``AWS_ENDPOINT_URL`` (see
``aws_environment``). With ``no_auth_actions=N`` the server accepts the first N requests without
checking credentials, then requires valid IAM keys (moto's ``INITIAL_NO_AUTH_ACTION_COUNT``):
set things up first, then any unknown key is refused. ``enforce_auth(url)`` switches checking on
for a server already running.

>>> with moto_server() as url:                        # doctest: +SKIP
...     boto3.client("s3", endpoint_url=url).create_bucket(Bucket="contrats")
>>> url                                               # doctest: +SKIP
'http://127.0.0.1:51234'
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

__all__ = ["REGION", "aws_environment", "enforce_auth", "free_port", "moto_server"]

REGION = "eu-west-3"
"""The region the tests use (Paris)."""

_STARTUP_SECONDS = 30.0


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _binary() -> str:
    beside = Path(sys.executable).with_name("moto_server")
    found = str(beside) if beside.is_file() else shutil.which("moto_server")
    if found is None:
        raise FileNotFoundError(
            "moto_server introuvable (pip install 'moto[server]') / moto_server not found"
        )
    return found


def _wait(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + _STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto_server stopped at start: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/moto-api/data.json", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise TimeoutError(f"moto_server did not answer on {url} within {_STARTUP_SECONDS:.0f} s")


@contextlib.contextmanager
def moto_server(no_auth_actions: int | None = None) -> Iterator[str]:
    """Run ``moto_server`` on 127.0.0.1 and yield its endpoint URL (``http://127.0.0.1:PORT``).

    ``no_auth_actions``: requests accepted before credentials are checked (``None``: never
    checked, moto's default)."""
    folder = Path(tempfile.mkdtemp(prefix="hdswatch-moto-"))
    port = free_port()
    env = {**os.environ, "TMPDIR": str(folder), "HOME": str(folder)}
    env.pop("AWS_ENDPOINT_URL", None)
    if no_auth_actions is not None:
        env["INITIAL_NO_AUTH_ACTION_COUNT"] = str(no_auth_actions)
    log = folder / "moto.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [_binary(), "-H", "127.0.0.1", "-p", str(port)],
            cwd=folder,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def enforce_auth(url: str, after: int = 0) -> None:
    """Make a running server check credentials after ``after`` more requests."""
    request = urllib.request.Request(
        f"{url}/moto-api/reset-auth",
        data=str(after).encode(),
        method="POST",
        headers={"Content-Type": "text/plain"},  # a form body would not reach moto's handler
    )
    with urllib.request.urlopen(request, timeout=5) as answer:
        answer.read()


def aws_environment(url: str) -> dict[str, str]:
    """The standard ``AWS_*`` variables pointing boto3 (and Airflow's ``aws`` connection
    ``aws_default``) at the server, with moto's test credentials."""
    extra = f'{{"endpoint_url": "{url}", "region_name": "{REGION}"}}'
    return {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ENDPOINT_URL": url,
        "AIRFLOW_CONN_AWS_DEFAULT": (
            f'{{"conn_type": "aws", "login": "testing", "password": "testing", "extra": {extra}}}'
        ),
    }
