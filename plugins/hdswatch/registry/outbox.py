"""The e-mail outbox: a message is written to the registry before it is sent and marked sent
only after the SMTP server accepted it. A failed send stays pending for the next attempt; a crash
between "accepted" and "marked" can cause one duplicate, never a loss.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hdswatch.errors import DeliveryError
from hdswatch.registry.db import session_scope
from hdswatch.registry.models import Email
from hdswatch.registry.store import now

log = logging.getLogger(__name__)

__all__ = ["deliver_pending", "enqueue"]


def enqueue(session: Session, *, key: str, kind: str, message: Any) -> Email | None:
    """Queue ``message`` (a :class:`hdswatch.mail.Message`) once per ``key``; None if queued before."""
    if session.scalars(select(Email).where(Email.dedupe_key == key)).first() is not None:
        return None
    email = Email(
        dedupe_key=key,
        kind=kind,
        recipients=", ".join(message.recipients),
        subject=message.subject,
        body_text=message.text,
        body_html=message.html,
        status="pending",
        attempts=0,
        created_at=now(),
    )
    session.add(email)
    session.flush()
    return email


def deliver_pending(db_url: str, send: Callable[[Any], str], sender: str) -> int:
    """Send every pending e-mail with ``send(message)``; returns how many were accepted.
    Raises DeliveryError after trying them all if any was refused (they stay pending)."""
    from hdswatch.mail import Message

    with session_scope(db_url) as session:
        pending = [
            (e.id, e.dedupe_key, e.recipients, e.subject, e.body_text, e.body_html)
            for e in session.scalars(
                select(Email).where(Email.status == "pending").order_by(Email.id)
            )
        ]
    sent, failures = 0, []
    for email_id, key, recipients, subject, text, html in pending:
        message = Message(
            subject=subject,
            text=text,
            html=html,
            recipients=tuple(r.strip() for r in recipients.split(",")),
            sender=sender,
            headers={"Message-ID": f"<{key.replace(':', '.')}@hdswatch>"},
        )
        try:
            send(message)
        except DeliveryError as exc:
            failures.append(str(exc))
            with session_scope(db_url) as session:
                email = session.get(Email, email_id)
                if email is not None:
                    email.attempts += 1
                    email.last_error = str(exc)[:2000]
            continue
        with session_scope(db_url) as session:
            email = session.get(Email, email_id)
            if email is not None:
                email.status, email.sent_at = "sent", now()
                email.attempts += 1
        sent += 1
    if failures:
        raise DeliveryError(
            f"{len(failures)} e-mail(s) non remis, gardés dans la file : {failures[0]}"
        )
    return sent
