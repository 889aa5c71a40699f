"""Sending through a real SMTP server on loopback (aiosmtpd), never a mock of smtplib."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from hdswatch.errors import ConfigError, DeliveryError
from hdswatch.mail import MailCatcher, MailItem, Message, SmtpSettings, render_alert, send
from hdswatch.mail.catcher import free_port

SENDER = "hdswatch <hdswatch@ght.example>"
RECIPIENTS = ["rssi@ght.example", "dpo@csr.example"]
PASSWORD = "s3cret-Passw0rd"


def message() -> Message:
    item = MailItem(
        contract="c02.pdf",
        establishment="CSR",
        code="non_compliant:hosting_locations",
        clause_id="hosting_locations",
        title_fr="Lieux d’hébergement",
        title_en="Hosting locations",
        severity="critical",
        legal_ref="CSP R.1111-11 I 3°",
        page=5,
        quote="Les données sont hébergées en France et aux États-Unis.",
    )
    return render_alert(
        [item], establishment="CSR", contract="c02.pdf", sender=SENDER, recipients=RECIPIENTS
    )


@contextmanager
def smtp_server(handler: object, **smtp_options: Any) -> Iterator[int]:
    """A plain aiosmtpd server on 127.0.0.1; yields its port."""
    port = free_port()
    controller = Controller(
        handler, hostname="127.0.0.1", port=port, server_hostname="test-smtp", **smtp_options
    )
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


class RefuseSome:
    """Refuses every recipient whose address starts with ``refuse``, accepts the others."""

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address.startswith("refuse"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        return "250 OK"


def test_a_message_arrives_whole_with_its_french_subject(tmp_path: Path) -> None:
    sent = message()
    with MailCatcher(tmp_path) as catcher:
        message_id = send(sent, SmtpSettings("127.0.0.1", catcher.port, timeout=10))

    [received] = catcher.messages()
    assert received["Subject"] == "[hdswatch] Clause manquante ou non conforme — c02.pdf (CSR)"
    assert received["Subject"] == sent.subject
    assert received["From"] == SENDER
    assert received["To"] == "rssi@ght.example, dpo@csr.example"
    assert received["X-Envelope-To"] == "rssi@ght.example, dpo@csr.example"
    assert received["X-Envelope-From"] == "hdswatch@ght.example"
    assert received["Message-ID"] == message_id == sent.headers["Message-ID"]
    assert received["Content-Language"] == "fr"
    assert received.get_content_type() == "multipart/alternative"
    text, html = received.iter_parts()
    assert (text.get_content_type(), text.get_content_charset()) == ("text/plain", "utf-8")
    assert (html.get_content_type(), html.get_content_charset()) == ("text/html", "utf-8")
    assert text.get_content() == sent.text
    assert html.get_content() == sent.html
    assert "hébergées en France et aux États-Unis" in text.get_content()


def test_a_closed_port_raises_delivery_error() -> None:
    port = free_port()  # nobody listens there

    with pytest.raises(DeliveryError) as caught:
        send(message(), SmtpSettings("127.0.0.1", port, timeout=5))

    assert str(caught.value).startswith(
        f"[delivery_error] 127.0.0.1:{port}: serveur SMTP injoignable / SMTP server unreachable: "
    )
    assert caught.value.smtp_code is None  # type: ignore[attr-defined]


def test_refused_recipients_raise_delivery_error_with_the_550_reply() -> None:
    refused = Message(
        subject="s", text="t", html="<p>h</p>", sender=SENDER, recipients=("refuse@csr.example",)
    )
    with smtp_server(RefuseSome()) as port, pytest.raises(DeliveryError) as caught:
        send(refused, SmtpSettings("127.0.0.1", port, timeout=10))

    assert str(caught.value) == (
        f"[delivery_error] 127.0.0.1:{port}: destinataire refusé / recipient refused: "
        "refuse@csr.example (550 5.1.1 Mailbox unavailable). "
        "vérifiez l'adresse / check the address"
    )
    assert caught.value.smtp_code == 550  # type: ignore[attr-defined]
    assert caught.value.refused == ["refuse@csr.example"]  # type: ignore[attr-defined]


def test_one_refused_recipient_among_several_is_still_an_error() -> None:
    mixed = Message(
        subject="s",
        text="t",
        html="<p>h</p>",
        sender=SENDER,
        recipients=("rssi@ght.example", "refuse@csr.example"),
    )
    with smtp_server(RefuseSome()) as port, pytest.raises(DeliveryError) as caught:
        send(mixed, SmtpSettings("127.0.0.1", port, timeout=10))

    assert "refuse@csr.example (550 5.1.1 Mailbox unavailable)" in str(caught.value)
    assert str(caught.value).endswith("the other recipients got it")
    assert caught.value.refused == ["refuse@csr.example"]  # type: ignore[attr-defined]


def authenticator(
    server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and auth_data == (b"rssi", PASSWORD.encode())
    return AuthResult(success=ok, handled=False)  # not handled: the server says 535 itself


def test_login_works_and_the_password_is_never_shown(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="hdswatch")
    server = {"authenticator": authenticator, "auth_require_tls": False}
    good = SmtpSettings("127.0.0.1", 0, username="rssi", password=PASSWORD, timeout=10)
    bad = SmtpSettings("127.0.0.1", 0, username="rssi", password="wrong-" + PASSWORD, timeout=10)

    with smtp_server(RefuseSome(), **server) as port:
        good.port = bad.port = port
        message_id = send(message(), good)
        with pytest.raises(DeliveryError) as caught:
            send(message(), bad)

    assert message_id.startswith("<hdswatch.alert.")
    assert caught.value.smtp_code == 535  # type: ignore[attr-defined]
    assert "identifiants SMTP refusés / SMTP credentials refused: 535 " in str(caught.value)
    for shown in (str(caught.value), repr(good), repr(bad), caplog.text):
        assert PASSWORD not in shown
    assert f"sent {message_id} to 2 recipient(s) via 127.0.0.1:{port}" in caplog.text


def test_ssl_and_starttls_together_are_refused() -> None:
    with pytest.raises(ConfigError, match="choose ssl or starttls, not both"):
        SmtpSettings("relay.example", 465, ssl=True, starttls=True)
