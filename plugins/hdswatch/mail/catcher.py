"""A local mail catcher for demonstrations and tests: an SMTP server on loopback that keeps every
message it receives as an ``.eml`` file, and delivers nothing.

In: SMTP on ``127.0.0.1:PORT``. Out: one file per message in a folder, named
``<UTC timestamp>-<sequence>.eml`` so that name order is arrival order, lines ending with LF;
two headers are put on top, ``X-Envelope-From`` and ``X-Envelope-To``, the SMTP envelope (Bcc
included).

>>> with MailCatcher("/tmp/mailbox") as catcher:          # doctest: +SKIP
...     send(message, SmtpSettings("127.0.0.1", catcher.port))
>>> [m["Subject"] for m in read_mailbox("/tmp/mailbox")]   # doctest: +SKIP
['[hdswatch] Clause manquante ou non conforme — c02.pdf (CSR)']

From a shell, in the foreground until SIGTERM or Ctrl-C::

    python -m hdswatch.mail.catcher --dir var/mailbox --port 2525 --pidfile var/catcher.pid
"""

from __future__ import annotations

import argparse
import itertools
import os
import signal
import socket
import sys
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, cast

from hdswatch.errors import DocumentNotFound

__all__ = ["MailCatcher", "free_port", "main", "read_mailbox"]


class MailCatcher:
    """An aiosmtpd server on ``host:port`` writing each message into ``directory``.

    ``port=0`` picks a free port at ``start()``; ``port`` then holds the one in use.
    """

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        ready_timeout: float = 10.0,
    ) -> None:
        self.directory = Path(directory)
        self.host = host
        self.port = port
        self.ready_timeout = ready_timeout
        self._controller: Any = None

    def start(self) -> MailCatcher:
        from aiosmtpd.controller import Controller

        if self._controller is not None:
            raise RuntimeError("le collecteur tourne déjà / the catcher is already running")
        self.directory.mkdir(parents=True, exist_ok=True)
        port = self.port or free_port(self.host)
        _probe(self.host, port)  # fail at once: aiosmtpd would wait out its ready_timeout
        controller = Controller(
            _EmlWriter(self.directory),
            hostname=self.host,
            port=port,
            ready_timeout=self.ready_timeout,
            server_hostname="hdswatch-catcher",  # no DNS look-up of the machine's own name
        )
        try:
            controller.start()
        except BaseException:
            controller.stop(no_assert=True)
            if not controller.loop.is_closed():
                controller.loop.close()
            raise
        self._controller, self.port = controller, port
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> MailCatcher:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def messages(self) -> list[EmailMessage]:
        """Every message received so far, oldest first."""
        return read_mailbox(self.directory)


class _EmlWriter:
    """aiosmtpd handler: write the envelope and the raw message, atomically, then say 250."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._sequence = itertools.count(1)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        name = f"{stamp}-{next(self._sequence):06d}.eml"
        top = (
            f"X-Envelope-From: {envelope.mail_from}\n"
            f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\n"
        ).encode()
        # Lines end with LF on disk, as in a local mailbox; SMTP sent them with CRLF.
        content = top + envelope.original_content.replace(b"\r\n", b"\n")
        partial = self.directory / f".{name}.part"
        partial.write_bytes(content)
        partial.replace(self.directory / name)  # a reader never sees half a message
        return f"250 OK {name}"


def read_mailbox(directory: str | os.PathLike[str]) -> list[EmailMessage]:
    """The ``.eml`` files of ``directory`` parsed, sorted by file name (arrival order)."""
    folder = Path(directory)
    if not folder.is_dir():
        raise DocumentNotFound(str(folder))
    parser = BytesParser(policy=policy.default)
    # The default policy makes the parser build EmailMessage objects.
    return [
        cast(EmailMessage, parser.parsebytes(path.read_bytes()))
        for path in sorted(folder.glob("*.eml"))
    ]


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now, chosen by the system."""
    return _probe(host, 0)


def _probe(host: str, port: int) -> int:
    """Bind ``host:port`` as the server will (address reuse on), release it, return the port.
    Raises ``OSError`` when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
        return int(probe.getsockname()[1])


def main(argv: Sequence[str] | None = None) -> int:
    """Run a catcher in the foreground until SIGTERM or SIGINT; 0 on a clean stop."""
    parser = argparse.ArgumentParser(
        prog="python -m hdswatch.mail.catcher",
        description="Collecteur de courriels local / local mail catcher (.eml files)",
    )
    parser.add_argument("--dir", required=True, type=Path, help="dossier des .eml / .eml folder")
    parser.add_argument("--host", default="127.0.0.1", help="adresse d'écoute / listen address")
    parser.add_argument("--port", type=int, default=2525, help="0 : port libre / free port")
    parser.add_argument("--pidfile", type=Path, help="fichier du pid / pid file")
    args = parser.parse_args(argv)

    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    catcher = MailCatcher(args.dir, host=args.host, port=args.port)
    wrote_pid = False
    try:
        try:
            catcher.start()
        except OSError as error:
            print(
                f"hdswatch catcher: {args.host}:{args.port} indisponible / unavailable: {error}",
                file=sys.stderr,
            )
            return 1
        if args.pidfile:
            args.pidfile.write_text(f"{os.getpid()}\n")
            wrote_pid = True
        print(
            f"hdswatch catcher: écoute sur / listening on {catcher.host}:{catcher.port}, "
            f"messages → {args.dir}",
            flush=True,
        )
        stop.wait()
    finally:
        catcher.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if wrote_pid:
            args.pidfile.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
