"""What an e-mail is made of: one ``MailItem`` per alert, and the finished ``Message``.

In: the facts of one alert of the analysis report (contract, establishment, code, clause, page,
quote, due date). Out, once rendered: a ``Message`` whose ``to_email()`` is a standard
``email.message.EmailMessage`` (multipart/alternative, text/plain then text/html, UTF-8).

>>> item = MailItem(contract="c02.pdf", establishment="CSR", code="missing:reversibility",
...                 clause_id="reversibility", title_fr="Réversibilité", title_en="Reversibility",
...                 severity="critical", legal_ref="CSP R.1111-11 I 7°")
>>> msg = Message(subject="[hdswatch] Été", text="texte", html="<p>texte</p>",
...               recipients=("rssi@ght.example",), sender="hdswatch@ght.example",
...               headers={"Message-ID": "<a.1@ght.example>"})
>>> email = msg.to_email()
>>> email["Subject"], email.get_content_type(), email["Message-ID"]
('[hdswatch] Été', 'multipart/alternative', '<a.1@ght.example>')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from hdswatch.mail.wording import SEVERITIES

__all__ = ["MailItem", "Message", "sender_domain"]


@dataclass(frozen=True, kw_only=True)
class MailItem:
    """One alert about one contract, ready to be put into words.

    ``code`` is an alert code of the report (``missing:reversibility``,
    ``expiring_30d:hds_certificate``, ``notice_deadline_within_30d``…); ``title_fr`` and
    ``title_en`` name the clause (or the alert) it is about; ``page`` is 1-based; ``quote`` is
    the evidence text as found in the document; ``due_date`` is ISO ``YYYY-MM-DD``; ``why`` is
    the report's reason for a non-compliant clause, shown as it is.
    """

    contract: str
    establishment: str
    code: str
    title_fr: str
    title_en: str
    severity: str
    host: str | None = None
    clause_id: str | None = None
    legal_ref: str | None = None
    page: int | None = None
    quote: str | None = None
    due_date: str | None = None
    review_url: str | None = None
    why: str | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(
                f"gravité inconnue / unknown severity: {self.severity!r} ({' | '.join(SEVERITIES)})"
            )
        if self.page is not None and self.page < 1:
            raise ValueError(f"page {self.page}: les pages commencent à 1 / pages start at 1")
        if self.due_date is not None:
            try:
                date.fromisoformat(self.due_date)
            except ValueError:
                raise ValueError(
                    f"date invalide / invalid date: {self.due_date!r} (YYYY-MM-DD)"
                ) from None

    @property
    def is_missing(self) -> bool:
        """True for a clause the document does not contain at all."""
        return self.code.startswith("missing:")

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_fr


@dataclass(frozen=True)
class Message:
    """A rendered e-mail: both bodies, who sends it, who receives it, and extra headers.

    ``headers`` may carry ``Message-ID`` (stable, so that a resent message can be recognised),
    ``Date`` and any other header; ``to_email()`` adds ``Date`` and ``Message-ID`` when absent.
    """

    subject: str
    text: str
    html: str
    recipients: tuple[str, ...]
    sender: str
    headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.recipients:
            raise ValueError("aucun destinataire / no recipient")

    def to_email(self) -> EmailMessage:
        """The message as ``multipart/alternative``: text/plain first, text/html second."""
        email = EmailMessage()
        email["Subject"] = self.subject
        email["From"] = self.sender
        email["To"] = ", ".join(self.recipients)
        email["Date"] = self.headers.get("Date") or format_datetime(datetime.now().astimezone())
        email["Message-ID"] = self.headers.get("Message-ID") or make_msgid(
            "hdswatch", domain=sender_domain(self.sender)
        )
        # quoted-printable keeps both parts 7-bit: any relay accepts them, accents intact.
        email.set_content(self.text, subtype="plain", charset="utf-8", cte="quoted-printable")
        email.add_alternative(self.html, subtype="html", charset="utf-8", cte="quoted-printable")
        # After the body: making it multipart moves Content-* headers down into the first part.
        for name, value in self.headers.items():
            if name.lower() not in ("date", "message-id"):
                email[name] = value
        return email


def sender_domain(sender: str) -> str:
    """``"hdswatch <alertes@ght.example>"`` → ``"ght.example"`` (``"hdswatch.invalid"`` if none)."""
    _, address = parseaddr(sender)
    domain = address.rpartition("@")[2]
    return domain or "hdswatch.invalid"
