"""The outbox against a real SMTP server on loopback (aiosmtpd), on SQLite and on PostgreSQL:
refusals, a server down for an hour, two senders at once, and a sender killed mid-send."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from hdswatch.errors import ConfigError, DeliveryError
from hdswatch.mail import Message, SmtpSettings, send
from hdswatch.mail.catcher import free_port
from hdswatch.registry import outbox as outbox_module
from hdswatch.registry.db import session_scope, upgrade
from hdswatch.registry.models import Email
from hdswatch.registry.outbox import LEASE, deliver_pending, enqueue

SENDER = "hdswatch@ght.example"
START = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


class Server:
    """Keeps what it accepts; may refuse the first ``refusals`` messages (451) and may hold its
    reply to DATA (after keeping the message) or to RCPT until ``release`` is set."""

    def __init__(self, refusals: int = 0, hold: str | None = None) -> None:
        self.refusals = refusals
        self.hold = hold
        self.kept: list[Any] = []
        self.tries = 0
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if self.hold == "rcpt":
            await self._wait()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.tries += 1
        if self.tries <= self.refusals:
            return "451 4.3.0 Try again later"
        self.kept.append(message_from_bytes(envelope.content))
        if self.hold == "data":
            await self._wait()
        return "250 OK"

    async def _wait(self) -> None:
        self.holding.set()
        for _ in range(600):
            if self.release.is_set():
                return
            await asyncio.sleep(0.05)

    def message_ids(self) -> list[str]:
        return [str(m["Message-ID"]) for m in self.kept]


@contextmanager
def serving(handler: Server, port: int | None = None) -> Iterator[int]:
    port = port or free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, server_hostname="test-smtp")
    controller.start()
    try:
        yield port
    finally:
        handler.release.set()
        controller.stop()


class Clock:
    """Time that passes only when the code under test sleeps."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start
        self.naps: list[float] = []
        self.on_sleep: Any = None

    def __call__(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.naps.append(seconds)
        self.now += timedelta(seconds=seconds)
        if self.on_sleep:
            self.on_sleep(self.now)


@pytest.fixture
def db_url(registry_url: str) -> str:
    upgrade(registry_url)
    return registry_url


def queue(db_url: str, key: str = "digest:2026-11-30:rssi@ght.example") -> int:
    message = Message(
        subject="[hdswatch] Synthèse du 30 novembre 2026 — 1 alerte",
        text="Bonjour,\n",
        html="<p>Bonjour,</p>",
        recipients=("rssi@ght.example",),
        sender=SENDER,
        headers={"Message-ID": f"<hdswatch.{key.replace(':', '.').replace('@', '.')}@ght.example>"},
    )
    with session_scope(db_url) as session:
        email = enqueue(session, key=key, kind="digest", message=message)
        assert email is not None
        assert enqueue(session, key=key, kind="digest", message=message) is None
        return email.id


def row(db_url: str, email_id: int) -> tuple[str, int, bool]:
    with session_scope(db_url) as session:
        email = session.get(Email, email_id)
        assert email is not None
        return email.status, email.attempts, email.sent_at is not None


def sender_to(port: int) -> Any:
    settings = SmtpSettings("127.0.0.1", port, timeout=10)
    return lambda message: send(message, settings)


def test_refused_three_times_then_accepted_is_delivered_once(db_url: str) -> None:
    email_id = queue(db_url)
    handler = Server(refusals=3)
    clock = Clock()
    with serving(handler) as port:
        delivered = deliver_pending(
            db_url,
            sender_to(port),
            SENDER,
            patience=timedelta(hours=1),
            clock=clock,
            sleep=clock.sleep,
        )
    assert delivered == 1
    assert (handler.tries, len(handler.kept)) == (4, 1)
    assert handler.message_ids() == ["<hdswatch.digest.2026-11-30.rssi.ght.example@ght.example>"]
    assert row(db_url, email_id) == ("sent", 4, True)
    assert clock.naps == [60.0, 120.0, 240.0]  # 1, 2 then 4 minutes between tries


def test_a_server_down_for_an_hour_delays_the_digest_and_loses_nothing(db_url: str) -> None:
    email_id = queue(db_url)
    port = free_port()  # nobody listens there for the first hour
    handler = Server()
    clock = Clock()
    started: list[Any] = []

    def back_after_an_hour(now: datetime) -> None:
        if now - START >= timedelta(hours=1) and not started:
            controller = Controller(handler, hostname="127.0.0.1", port=port)
            controller.start()
            started.append(controller)

    clock.on_sleep = back_after_an_hour
    try:
        delivered = deliver_pending(
            db_url,
            sender_to(port),
            SENDER,
            patience=timedelta(hours=2),
            clock=clock,
            sleep=clock.sleep,
        )
    finally:
        for controller in started:
            controller.stop()
    assert delivered == 1
    assert len(handler.kept) == 1
    assert row(db_url, email_id) == ("sent", 7, True)
    # tries at 0, 1, 3, 7, 15, 31 minutes failed; the one at 63 minutes got through
    assert clock.now - START == timedelta(minutes=63)


def test_without_patience_a_refusal_raises_and_the_message_waits(db_url: str) -> None:
    email_id = queue(db_url)
    port = free_port()
    clock = Clock()
    with pytest.raises(
        DeliveryError, match="1 e-mail\\(s\\) still queued, next try 2026-11-30 01:01"
    ):
        deliver_pending(db_url, sender_to(port), SENDER, clock=clock, sleep=clock.sleep)
    assert row(db_url, email_id) == ("pending", 1, False)
    with session_scope(db_url) as session:
        email = session.get(Email, email_id)
        assert email is not None
        assert "SMTP server unreachable" in (email.last_error or "")
    # before the next try is due, nothing is tried
    clock.now += timedelta(seconds=30)
    with pytest.raises(DeliveryError):
        deliver_pending(db_url, sender_to(port), SENDER, clock=clock, sleep=clock.sleep)
    assert row(db_url, email_id) == ("pending", 1, False)
    clock.now += timedelta(seconds=30)
    handler = Server()
    with serving(handler, port):
        assert deliver_pending(db_url, sender_to(port), SENDER, clock=clock) == 1
    assert row(db_url, email_id) == ("sent", 2, True)
    assert len(handler.kept) == 1


def test_two_senders_at_once_send_each_message_once(db_url: str) -> None:
    first, second = queue(db_url, "alert:1:a:fr"), queue(db_url, "alert:2:b:fr")
    handler = Server(hold="data")
    results: list[int] = []
    with serving(handler) as port:
        worker = threading.Thread(
            target=lambda: results.append(deliver_pending(db_url, sender_to(port), SENDER))
        )
        worker.start()
        assert handler.holding.wait(10)  # the first sender holds message 1 in flight
        handler.hold = None
        results.append(deliver_pending(db_url, sender_to(port), SENDER))  # takes message 2 only
        handler.release.set()
        worker.join(20)
    assert sorted(results) == [1, 1]
    assert sorted(handler.message_ids()) == [
        "<hdswatch.alert.1.a.fr@ght.example>",
        "<hdswatch.alert.2.b.fr@ght.example>",
    ]
    assert [row(db_url, i) for i in (first, second)] == [("sent", 1, True)] * 2


SEND_IN_CHILD = """
import sys
from hdswatch.mail import SmtpSettings, send
from hdswatch.registry.outbox import deliver_pending
settings = SmtpSettings("127.0.0.1", int(sys.argv[2]), timeout=60)
deliver_pending(sys.argv[1], lambda m: send(m, settings), "hdswatch@ght.example")
"""


def kill_mid_send(db_url: str, hold: str) -> tuple[Server, int]:
    """A child process sends; the server holds its reply; the child is killed meanwhile."""
    email_id = queue(db_url)
    handler = Server(hold=hold)
    with serving(handler) as port:
        child = subprocess.Popen(
            [sys.executable, "-c", SEND_IN_CHILD, db_url, str(port)],
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
        try:
            assert handler.holding.wait(60), "the child never reached the server"
            child.send_signal(signal.SIGKILL)
            child.wait(10)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(10)
        time.sleep(0.2)
    return handler, email_id


def test_killed_after_the_server_took_the_message_gives_one_duplicate_never_a_loss(
    db_url: str,
) -> None:
    handler, email_id = kill_mid_send(db_url, hold="data")
    assert len(handler.kept) == 1  # the server has it; the outbox cannot know
    assert row(db_url, email_id) == ("sending", 1, False)  # claimed, not marked: consistent
    again = Server()
    with serving(again) as port:
        # within the lease, the message is left to the sender that claimed it
        assert deliver_pending(db_url, sender_to(port), SENDER) == 0
        later = datetime.now(UTC) + LEASE + timedelta(seconds=1)
        assert deliver_pending(db_url, sender_to(port), SENDER, clock=lambda: later) == 1
    assert row(db_url, email_id) == ("sent", 2, True)
    # one duplicate at most, with the same Message-ID so that mail readers fold it
    assert handler.message_ids() == again.message_ids()
    assert len(handler.kept) + len(again.kept) == 2


def test_killed_before_the_server_took_the_message_sends_it_once(db_url: str) -> None:
    handler, email_id = kill_mid_send(db_url, hold="rcpt")
    assert handler.kept == []
    assert row(db_url, email_id) == ("sending", 1, False)
    again = Server()
    later = datetime.now(UTC) + LEASE + timedelta(seconds=1)
    with serving(again) as port:
        assert deliver_pending(db_url, sender_to(port), SENDER, clock=lambda: later) == 1
    assert len(again.kept) == 1
    assert row(db_url, email_id) == ("sent", 2, True)


def test_a_fault_before_the_server_puts_the_message_back_at_once(db_url: str) -> None:
    email_id = queue(db_url)

    def misconfigured(message: Message) -> str:
        raise ConfigError("connexion Airflow 'smtp' introuvable")

    with pytest.raises(ConfigError):
        deliver_pending(db_url, misconfigured, SENDER)
    assert row(db_url, email_id) == ("pending", 1, False)
    with session_scope(db_url) as session:
        email = session.get(Email, email_id)
        assert email is not None
        assert "introuvable" in (email.last_error or "")


def test_backoff_doubles_up_to_an_hour() -> None:
    backoff = outbox_module.Backoff()
    assert [backoff.delay(n).total_seconds() for n in range(1, 9)] == [
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
        3600,
    ]
