"""E-mail for hdswatch: alerts and digests put into words (French first, English available),
sent through SMTP, and a local catcher for demonstrations.

In: ``MailItem`` objects built from the analysis report. Out: ``Message`` objects, handed to an
SMTP relay by ``send``. Nothing heavy is imported here: jinja2, babel and aiosmtpd load on first
use.

>>> from hdswatch.mail import MailItem, render_alert, send, SmtpSettings
>>> item = MailItem(contract="c02.pdf", establishment="CSR", code="missing:reversibility",
...                 clause_id="reversibility", title_fr="Réversibilité",
...                 title_en="Reversibility", severity="critical")
>>> message = render_alert([item], establishment="CSR", contract="c02.pdf",
...                        sender="hdswatch@ght.example", recipients=["rssi@ght.example"])
>>> send(message, SmtpSettings("127.0.0.1", 2525))  # doctest: +SKIP
'<hdswatch.alert.…@ght.example>'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hdswatch.mail.items import MailItem, Message
from hdswatch.mail.render import render_alert, render_digest
from hdswatch.mail.smtp import SmtpSettings, send
from hdswatch.mail.wording import describe

if TYPE_CHECKING:
    from hdswatch.mail.catcher import MailCatcher, read_mailbox

__all__ = [
    "MailCatcher",
    "MailItem",
    "Message",
    "SmtpSettings",
    "describe",
    "read_mailbox",
    "render_alert",
    "render_digest",
    "send",
]


def __getattr__(name: str) -> Any:
    # The catcher loads on first use, so that `python -m hdswatch.mail.catcher` does not find
    # its own module already imported by this package.
    if name in ("MailCatcher", "read_mailbox"):
        from hdswatch.mail import catcher

        return getattr(catcher, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
