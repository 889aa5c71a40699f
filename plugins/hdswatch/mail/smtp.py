"""Hand a rendered ``Message`` to an SMTP relay with the standard library's ``smtplib``.

In: a ``Message`` and ``SmtpSettings`` (host, port, optional login, plain / STARTTLS / SSL).
Out: the Message-ID sent. Any refusal or connection failure raises ``DeliveryError`` carrying
the server's reply, so that the caller keeps the message and tries again later: ``smtp_code``
is the reply code (4xx: try again later, 5xx: fix first; ``None`` when no server answered) and
``refused`` lists the recipients the server refused. The password is never logged nor shown.

>>> settings = SmtpSettings("127.0.0.1", 2525, username="rssi", password="secret")
>>> "secret" in repr(settings)
False
>>> send(message, settings)  # doctest: +SKIP
'<hdswatch.alert.3ce322c0a3723e1eadf9555859a2a7f1@ght.example>'
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parseaddr

from hdswatch.errors import ConfigError, DeliveryError
from hdswatch.mail.items import Message

__all__ = ["SmtpSettings", "send"]

log = logging.getLogger(__name__)


@dataclass
class SmtpSettings:
    """Where and how to hand messages over. ``ssl`` is SMTPS (port 465), ``starttls`` upgrades a
    plain connection (port 587); at most one of them. ``timeout`` is in seconds."""

    host: str
    port: int
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = False
    ssl: bool = False
    timeout: float = 30.0

    def __post_init__(self) -> None:
        if self.starttls and self.ssl:
            raise ConfigError(
                "SMTP : choisir ssl ou starttls, pas les deux / choose ssl or starttls, not both"
            )


def send(message: Message, settings: SmtpSettings) -> str:
    """Send ``message`` to every recipient; return its Message-ID. Raise ``DeliveryError``."""
    email = message.to_email()
    message_id = str(email["Message-ID"])
    where = f"{settings.host}:{settings.port}"
    try:
        refused = _hand_over(email, message, settings)
    except smtplib.SMTPRecipientsRefused as error:
        raise _refused(where, error.recipients, len(message.recipients)) from None
    except smtplib.SMTPAuthenticationError as error:
        raise _error(where, _AUTH, _reply(error), error.smtp_code) from None
    except smtplib.SMTPConnectError as error:
        raise _error(where, _UNREACHABLE, _reply(error), error.smtp_code) from None
    except smtplib.SMTPResponseException as error:
        raise _error(where, _REFUSED, _reply(error), error.smtp_code) from None
    except smtplib.SMTPException as error:
        raise _error(where, _FAILED, str(error), None) from None
    except OSError as error:  # refused connection, time-out, name not found, TLS failure
        raise _error(where, _UNREACHABLE, str(error) or type(error).__name__, None) from None
    if refused:
        raise _refused(where, refused, len(message.recipients))
    log.info("sent %s to %d recipient(s) via %s", message_id, len(message.recipients), where)
    return message_id


# What went wrong, then what to do: French first, English after the slash.
_AUTH = (
    "identifiants SMTP refusés / SMTP credentials refused",
    "vérifiez l'utilisateur et le mot de passe / check the user name and password",
)
_UNREACHABLE = (
    "serveur SMTP injoignable / SMTP server unreachable",
    "vérifiez l'hôte, le port et le chiffrement / check host, port and encryption",
)
_REFUSED = (
    "message refusé par le serveur SMTP / message refused by the SMTP server",
    "le message reste à envoyer / the message is still to be sent",
)
_FAILED = (
    "échec de l'envoi SMTP / SMTP delivery failed",
    "le message reste à envoyer / the message is still to be sent",
)


def _hand_over(
    email: EmailMessage, message: Message, settings: SmtpSettings
) -> dict[str, tuple[int, bytes]]:
    """Connect, authenticate if asked, send; return the recipients refused (some, not all)."""
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if settings.ssl:
        client = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    with client:
        if settings.starttls:
            client.starttls(context=context)
        if settings.username:
            client.login(settings.username, settings.password or "")
        return client.send_message(
            email, from_addr=parseaddr(message.sender)[1], to_addrs=list(message.recipients)
        )


def _refused(where: str, refused: dict[str, tuple[int, bytes]], total: int) -> DeliveryError:
    """Name each refused recipient with the server's reply."""
    replies = "; ".join(
        f"{address} ({code} {_text(reply)})" for address, (code, reply) in refused.items()
    )
    what = "destinataire refusé / recipient refused"
    todo = "vérifiez l'adresse / check the address"
    if len(refused) < total:
        todo += " ; les autres destinataires l'ont reçu / the other recipients got it"
    codes = {code for code, _ in refused.values()}
    error = _error(where, (what, todo), replies, codes.pop() if len(codes) == 1 else None)
    error.refused = sorted(refused)  # type: ignore[attr-defined]
    return error


def _error(where: str, words: tuple[str, str], detail: str, code: int | None) -> DeliveryError:
    what, todo = words
    error = DeliveryError(f"{where}: {what}: {detail}. {todo}")
    error.smtp_code = code  # type: ignore[attr-defined]
    error.refused = []  # type: ignore[attr-defined]
    return error


def _reply(error: smtplib.SMTPResponseException) -> str:
    return f"{error.smtp_code} {_text(error.smtp_error)}"


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
