"""Turn alerts into e-mails: the immediate alert on a new contract, and the nightly digest.

In: ``MailItem`` objects, the language (``"fr"`` by default, or ``"en"``), sender and recipients.
Out: a ``Message`` with a subject, a plain-text body and an HTML body (inline CSS only, nothing
fetched from the web). Items are listed most severe first, then by due date; the digest groups
them under one heading per severity.

>>> item = MailItem(contract="c02.pdf", establishment="CSR", code="missing:reversibility",
...                 clause_id="reversibility", title_fr="Réversibilité", title_en="Reversibility",
...                 severity="critical", legal_ref="CSP R.1111-11 I 7°")
>>> msg = render_alert([item], establishment="CSR", contract="c02.pdf",
...                    sender="hdswatch@ght.example", recipients=["rssi@ght.example"])
>>> msg.subject
'[hdswatch] Clause manquante ou non conforme — c02.pdf (CSR)'
>>> "aucune clause trouvée dans le document" in msg.text
True

Dates are written in full with babel: "29 novembre 2026" (fr_FR), "29 November 2026" (en_GB).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from hdswatch.mail import wording
from hdswatch.mail.items import MailItem, Message, sender_domain

if TYPE_CHECKING:
    import jinja2

__all__ = ["QUOTE_LIMIT", "render_alert", "render_digest", "shorten"]

QUOTE_LIMIT = 200
"""Longest quote shown, in characters, "…" included."""

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
_RANK = {severity: rank for rank, severity in enumerate(wording.SEVERITIES)}
_TEMPLATES = Path(__file__).with_name("templates")


def render_alert(
    items: Iterable[MailItem],
    *,
    establishment: str,
    contract: str,
    lang: str = "fr",
    sender: str,
    recipients: Sequence[str],
    base_url: str | None = None,
) -> Message:
    """The e-mail sent as soon as a new contract has been analysed. Needs at least one item.

    ``base_url`` (the review web app) completes relative ``review_url`` values.
    """
    entries = [_entry(item, lang, base_url, None, digest=False) for item in _ordered(items)]
    if not entries:
        raise ValueError("une alerte sans élément / an alert needs at least one item")
    t = wording.labels(lang)
    codes = [entry["code"] for entry in entries]
    if any(code.startswith(("missing:", "non_compliant:")) for code in codes):
        topic = t["alert_subject_clause"]
    elif any(code.startswith(("expir", "notice_deadline", "outdated")) for code in codes):
        topic = t["alert_subject_date"]
    else:
        topic = t["alert_subject_other"]
    subject = f"[hdswatch] {topic} — {contract} ({establishment})"
    context = {
        "lang": lang,
        "t": t,
        "subject": subject,
        "heading": topic,
        "intro": t["alert_intro"].format(contract=contract, establishment=establishment),
        "count": t["alert_count"].format(count=wording.count(len(entries), "alert", lang)),
        "entries": entries,
    }
    key = {"kind": "alert", "contract": contract, "establishment": establishment}
    return _message("alert", context, key, entries, lang, sender, recipients)


def render_digest(
    items: Iterable[MailItem],
    *,
    as_of: date,
    lang: str = "fr",
    sender: str,
    recipients: Sequence[str],
    base_url: str | None = None,
    scope: Sequence[str] = (),
    more: int = 0,
    more_critical: int = 0,
) -> Message:
    """The nightly digest of every open alert as of ``as_of``; "Rien à signaler" when empty.

    ``scope`` names the establishments of a DPO's digest (none: all of them); ``more`` counts
    the alerts left out of the list (the least urgent), said in one line with a link to the
    register when ``base_url`` is given; ``more_critical`` how many of them are critical (the
    subject counts them)."""
    entries = [_entry(item, lang, base_url, as_of, digest=True) for item in _ordered(items)]
    t = wording.labels(lang)
    day = _long_date(as_of, lang)
    title = t["digest_title"].format(date=day)
    critical = sum(entry["severity"] == "critical" for entry in entries) + more_critical
    if entries:
        summary = wording.count_alerts(len(entries) + more, critical, lang)
        contracts = len({entry["contract"] for entry in entries})
        intro = t["digest_intro"].format(
            date=day,
            alerts=wording.count(len(entries), "alert", lang),
            contracts=wording.count(contracts, "contract", lang),
        )
    else:
        summary = t["nothing"]
        intro = t["digest_empty"].format(date=day)
    groups = [
        {
            "severity": severity,
            "label": wording.severity_label(severity, lang),
            "entries": [entry for entry in entries if entry["severity"] == severity],
        }
        for severity in wording.SEVERITIES
    ]
    subject = f"[hdswatch] {title} — {summary}"
    context = {
        "lang": lang,
        "t": t,
        "subject": subject,
        "heading": title,
        "intro": intro,
        "scope": t["scope"].format(names=", ".join(scope)) if scope else None,
        "groups": [group for group in groups if group["entries"]],
        "more": t["more"].format(n=more) if more else None,
        "register_url": _link(base_url, None) if more else None,
    }
    key = {"kind": "digest", "as_of": as_of.isoformat(), "scope": list(scope), "more": more}
    return _message("digest", context, key, entries, lang, sender, recipients)


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Collapse white space and cut at a word boundary, ending with "…" when cut.

    >>> shorten("Le   prestataire\\nrestitue les données", 25)
    'Le prestataire restitue…'
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def _ordered(items: Iterable[MailItem]) -> list[MailItem]:
    return sorted(
        items,
        key=lambda item: (
            _RANK[item.severity],
            item.due_date or "9999-12-31",
            item.contract,
            item.code,
        ),
    )


def _entry(
    item: MailItem, lang: str, base_url: str | None, as_of: date | None, *, digest: bool
) -> dict[str, Any]:
    """What the templates show of one item, already in words: a headline and labelled facts."""
    t = wording.labels(lang)
    title = item.title(lang)
    headline = wording.describe(item.code, lang, title=title)
    facts: list[tuple[str, str]] = []
    if digest:  # an alert names its one contract once, above the items
        facts += [(t["contract"], item.contract), (t["establishment"], item.establishment)]
    if item.host:
        facts.append((t["host"], item.host))
    if item.legal_ref:
        facts.append((t["legal_ref"], item.legal_ref))
    if item.why:
        facts.append((t["why"], item.why))
    if item.due_date:
        due_day = date.fromisoformat(item.due_date)
        due = _long_date(due_day, lang)
        if as_of is not None:
            due += f" ({_relative(due_day, as_of, t)})"
        facts.append((t["due"], due))
    evidence = _evidence(item, t)
    if evidence:
        facts.append((t["evidence"], evidence))
    return {
        "code": item.code,
        "contract": item.contract,
        "severity": item.severity,
        "severity_label": wording.severity_label(item.severity, lang),
        "headline": headline,
        # A clause code names its title in the headline; other codes show the title below.
        "subtitle": None if title.casefold() in headline.casefold() else title,
        "facts": facts,
        "review_url": _link(item.review_url, base_url),
    }


def _evidence(item: MailItem, t: dict[str, str]) -> str | None:
    """``page 5 — « quote »``, or the words for a clause that is not in the document at all."""
    if item.is_missing:
        return t["no_clause"]
    parts = []
    if item.page is not None:
        parts.append(t["page"].format(n=item.page))
    if item.quote:
        parts.append(t["open_quote"] + shorten(item.quote) + t["close_quote"])
    return " — ".join(parts) or None


def _relative(day: date, as_of: date, t: dict[str, str]) -> str:
    days = (day - as_of).days
    named = {0: "today", 1: "tomorrow", -1: "yesterday"}
    if days in named:
        return t[named[days]]
    return (t["in_days"] if days > 0 else t["days_ago"]).format(n=abs(days))


def _link(url: str | None, base_url: str | None) -> str | None:
    """An absolute http(s) link, or nothing: a mail reader cannot follow anything else."""
    if not url:
        return None
    if base_url:
        url = urljoin(base_url.rstrip("/") + "/", url)
    return url if urlsplit(url).scheme in ("http", "https") else None


def _long_date(day: date, lang: str) -> str:
    from babel.dates import format_date

    return format_date(day, format="long", locale=_LOCALES[lang])


def _message(
    kind: str,
    context: dict[str, Any],
    key: dict[str, Any],
    entries: list[dict[str, Any]],
    lang: str,
    sender: str,
    recipients: Sequence[str],
) -> Message:
    env = _environment()
    text = env.get_template(f"{kind}.txt.j2").render(context)
    html = env.get_template(f"{kind}.html.j2").render(context)
    # The same alerts for the same people give the same Message-ID: a resend is recognisable.
    key = {**key, "lang": lang, "recipients": sorted(recipients), "entries": entries}
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:32]
    headers = {
        "Message-ID": f"<hdswatch.{kind}.{digest}@{sender_domain(sender)}>",
        "Auto-Submitted": "auto-generated",
        "Content-Language": lang,
    }
    return Message(
        subject=context["subject"],
        text=text,
        html=html,
        recipients=tuple(recipients),
        sender=sender,
        headers=headers,
    )


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
