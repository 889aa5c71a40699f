"""The e-mail outbox: a message is written to the registry before it is sent and marked sent only
after the SMTP server accepted it.

    pending ──claim──► sending ──accepted──► sent
       ▲                  │
       └──refused─────────┘  (attempts + 1, next try after a growing delay)

Claiming is one conditional UPDATE, so two senders never send the same message at once. A
sender that dies while ``sending`` leaves the row claimed; once the claim is older than the
lease, the next sender takes it again: a crash between "accepted" and "marked" gives at most one
duplicate (same Message-ID), never a loss. A refused or unreachable server leaves the message
pending, tried again after 1, 2, 4 … minutes (at most an hour apart).

>>> Backoff().delay(1), Backoff().delay(3), Backoff().delay(20)
(datetime.timedelta(seconds=60), datetime.timedelta(seconds=240), datetime.timedelta(seconds=3600))
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from hdswatch.errors import DeliveryError
from hdswatch.registry.db import session_scope
from hdswatch.registry.models import Email
from hdswatch.registry.store import now

log = logging.getLogger(__name__)

__all__ = ["LEASE", "Backoff", "deliver_pending", "enqueue"]

LEASE = timedelta(minutes=10)
"""How long a claimed message is left to its sender before another one may take it."""


@dataclass(frozen=True)
class Backoff:
    """Delay before the next try after ``attempts`` failed ones: first, ×2 each time, capped."""

    first: timedelta = timedelta(minutes=1)
    cap: timedelta = timedelta(hours=1)

    def delay(self, attempts: int) -> timedelta:
        return min(self.first * 2 ** max(attempts - 1, 0), self.cap)


def enqueue(session: Session, *, key: str, kind: str, message: Any) -> Email | None:
    """Queue ``message`` (a :class:`hdswatch.mail.Message`) once per ``key``; None if queued before."""
    if session.scalars(select(Email.id).where(Email.dedupe_key == key)).first() is not None:
        return None
    email = Email(
        dedupe_key=key,
        kind=kind,
        recipients=", ".join(message.recipients),
        subject=message.subject,
        body_text=message.text,
        body_html=message.html,
        headers=dict(message.headers),
        status="pending",
        attempts=0,
        created_at=now(),
        next_attempt_at=None,
    )
    session.add(email)
    session.flush()
    return email


def deliver_pending(
    db_url: str,
    send: Callable[[Any], str],
    sender: str,
    *,
    patience: timedelta = timedelta(0),
    clock: Callable[[], datetime] = now,
    sleep: Callable[[float], None] = time.sleep,
    backoff: Backoff = Backoff(),
    lease: timedelta = LEASE,
) -> int:
    """Send every due message with ``send(message)``; return how many the server accepted.

    Keeps trying, with the backoff, for up to ``patience``; then raises ``DeliveryError`` if
    some are still waiting (they stay in the outbox for the next sender)."""
    deadline = clock() + patience
    delivered = 0
    while True:
        for email_id in _due(db_url, clock(), lease):
            attempt = _claim(db_url, email_id, clock(), lease, sender)
            if attempt is None:
                continue  # another sender took it
            message, attempts = attempt
            try:
                send(message)
            except DeliveryError as exc:
                retry_at = clock() + backoff.delay(attempts)
                _set(
                    db_url,
                    email_id,
                    status="pending",
                    last_error=str(exc)[:2000],
                    next_attempt_at=retry_at,
                    claimed_at=None,
                )
                log.warning(
                    "e-mail %d not delivered (try %d), next at %s", email_id, attempts, retry_at
                )
                continue
            except Exception as exc:  # not the server's answer but a fault: the message waits
                _set(
                    db_url, email_id, status="pending", last_error=repr(exc)[:2000], claimed_at=None
                )
                raise
            _set(db_url, email_id, status="sent", sent_at=clock(), last_error=None)
            delivered += 1
        waiting, first = _waiting(db_url)
        if not waiting:
            return delivered
        if first is None:
            continue  # queued meanwhile by someone else: due now
        next_at = first
        if next_at > deadline:
            raise DeliveryError(
                f"{waiting} e-mail(s) en attente dans la file, prochain essai {next_at:%Y-%m-%d %H:%M} UTC"
                f" / {waiting} e-mail(s) still queued, next try {next_at:%Y-%m-%d %H:%M} UTC"
            )
        sleep(max((next_at - clock()).total_seconds(), 0.0))


def _due(db_url: str, at: datetime, lease: timedelta) -> list[int]:
    with session_scope(db_url) as session:
        return list(
            session.scalars(select(Email.id).where(_claimable(at, lease)).order_by(Email.id))
        )


def _claimable(at: datetime, lease: timedelta) -> Any:
    return or_(
        and_(
            Email.status == "pending",
            or_(Email.next_attempt_at.is_(None), Email.next_attempt_at <= at),
        ),
        and_(Email.status == "sending", Email.claimed_at < at - lease),
    )


def _claim(
    db_url: str, email_id: int, at: datetime, lease: timedelta, sender: str
) -> tuple[Any, int] | None:
    """Take the message for this sender (one conditional UPDATE, committed before sending)."""
    from hdswatch.mail import Message

    with session_scope(db_url) as session:
        taken = session.execute(
            update(Email)
            .where(Email.id == email_id, _claimable(at, lease))
            .values(status="sending", claimed_at=at, attempts=Email.attempts + 1)
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount != 1:  # type: ignore[attr-defined]
            return None
        email = session.get(Email, email_id)
        assert email is not None
        headers = dict(email.headers or {})
        headers.setdefault("Message-ID", f"<{email.dedupe_key.replace(':', '.')}@hdswatch>")
        message = Message(
            subject=email.subject,
            text=email.body_text,
            html=email.body_html,
            recipients=tuple(r.strip() for r in email.recipients.split(",")),
            sender=sender,
            headers=headers,
        )
        return message, email.attempts


def _set(db_url: str, email_id: int, **values: Any) -> None:
    with session_scope(db_url) as session:
        session.execute(
            update(Email)
            .where(Email.id == email_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )


def _waiting(db_url: str) -> tuple[int, datetime | None]:
    """How many messages are still pending, and when the first of them is due."""
    with session_scope(db_url) as session:
        count, first = session.execute(
            select(func.count(Email.id), func.min(Email.next_attempt_at)).where(
                Email.status == "pending"
            )
        ).one()
    if first is not None and first.tzinfo is None:  # SQLite keeps UTC without its zone
        first = first.replace(tzinfo=UTC)
    return int(count), first
