"""A real PostgreSQL server for the tests and the benchmarks: Debian's binaries, a cluster in a
temporary folder, listening on 127.0.0.1 only, removed on exit.

Run as root (CI, containers), ``initdb`` and ``pg_ctl`` run as the ``postgres`` user, who owns
the cluster folder; run as anyone else, they run as that user.

>>> with PostgresServer() as server:                  # doctest: +SKIP
...     url = server.create_database("registry")
>>> url                                               # doctest: +SKIP
'postgresql+psycopg2://postgres@127.0.0.1:54321/registry'
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

__all__ = ["PostgresServer", "find_binaries"]


def find_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``: Debian's newest, or the PATH's."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(folder, "initdb").is_file() and Path(folder, "pg_ctl").is_file():
            return Path(folder)
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """Start with ``start()`` (or ``with``); ``create_database(name)`` returns its SQLAlchemy URL."""

    def __init__(self, binaries: Path | None = None) -> None:
        found = binaries or find_binaries()
        if found is None:
            raise FileNotFoundError(
                "PostgreSQL introuvable (paquet Debian « postgresql ») / PostgreSQL not found"
            )
        self.binaries = found
        self.port = 0
        self.folder: Path | None = None

    @property
    def data(self) -> Path:
        assert self.folder is not None
        return self.folder / "data"

    def start(self) -> PostgresServer:
        self.folder = Path(tempfile.mkdtemp(prefix="hdswatch-pg-"))
        self.folder.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        initdb = [str(self.binaries / "initdb"), "-D", str(self.data), "-U", "postgres"]
        self._run([*initdb, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        self.port = _free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        pg_ctl = [str(self.binaries / "pg_ctl"), "-D", str(self.data), "-o", options]
        self._run([*pg_ctl, "-l", str(self.folder / "pg.log"), "-w", "-t", "60", "start"])
        self._wait()
        return self

    def stop(self) -> None:
        if self.folder is None:
            return
        if self.data.exists():
            self._run(
                [str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                check=False,
            )
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str | None = None) -> str:
        """Create database ``name`` (a copy of ``template`` if given); return its URL."""
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres")
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                suffix = f" TEMPLATE {template}" if template else ""
                cursor.execute(f'CREATE DATABASE "{name}"{suffix}')
        finally:
            connection.close()
        return self.url(name)

    def _run(self, args: list[str], check: bool = True) -> None:
        if os.geteuid() == 0:
            args = ["runuser", "-u", "postgres", "--", *args]
        result = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
        if check and result.returncode != 0:
            log = ""
            if self.folder is not None and (self.folder / "pg.log").exists():
                log = (self.folder / "pg.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(args)}: {result.stdout}{result.stderr}{log}")

    def _wait(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"PostgreSQL did not listen on 127.0.0.1:{self.port}")

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
