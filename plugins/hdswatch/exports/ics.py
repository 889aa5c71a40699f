"""The deadlines of the register as an iCalendar feed (RFC 5545) that a mail client subscribes
to: one all-day event per deadline of each contract (last day to give notice, expiry of the
host's HDS certificate, end of the current term), each with reminders before it.

In: an open registry session. Out: the ``.ics`` text. Each event's UID is stable (contract and
kind of deadline), so a date that moves (a renewal rolled forward) moves the event in the
subscribers' calendars instead of adding one. ``icalendar`` is imported here only.

>>> text = calendar_feed(session, lang="fr", now=datetime(2026, 11, 29, tzinfo=UTC))  # doctest: +SKIP
>>> text.splitlines()[0]                                                        # doctest: +SKIP
'BEGIN:VCALENDAR'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from hdswatch.exports.tables import review_link
from hdswatch.registry.models import Contract

__all__ = ["Deadline", "calendar_feed", "deadlines"]

# kind → (title fr, title en, reminders in days before)
_KINDS = {
    "notice_deadline": ("Date limite de préavis", "Notice deadline", (90, 30, 7)),
    "certificate_expiry": ("Expiration du certificat HDS", "HDS certificate expiry", (90, 30)),
    "end_of_term": ("Fin de la période en cours", "End of the current term", (30,)),
}
_WORDS = {
    "fr": {
        "calendar": "hdswatch — échéances des contrats HDS",
        "establishment": "Établissement",
        "host": "Hébergeur",
        "contract": "Contrat",
        "renewal": "Sans dénonciation avant cette date, le contrat est reconduit tacitement.",
        "review": "Vérifier dans hdswatch",
    },
    "en": {
        "calendar": "hdswatch — HDS contract deadlines",
        "establishment": "Establishment",
        "host": "Host",
        "contract": "Contract",
        "renewal": "Without notice by this date, the contract renews tacitly.",
        "review": "Review in hdswatch",
    },
}


@dataclass(frozen=True)
class Deadline:
    contract_id: int
    kind: str  # notice_deadline | certificate_expiry | end_of_term
    day: date
    contract: str
    establishment: str
    host: str | None


def deadlines(session: Session) -> Iterator[Deadline]:
    """Every dated deadline of the register, by contract. The last day to give notice counts
    only for a contract that renews tacitly."""
    contracts = session.scalars(
        select(Contract)
        .where(
            or_(
                Contract.notice_deadline.is_not(None),
                Contract.hds_certificate_expiry.is_not(None),
                Contract.end_date.is_not(None),
            )
        )
        .options(selectinload(Contract.establishment), selectinload(Contract.host))
        .order_by(Contract.id)
    )
    for contract in contracts:
        host = contract.host.name if contract.host else None
        days = {
            "notice_deadline": contract.notice_deadline if contract.tacit_renewal else None,
            "certificate_expiry": contract.hds_certificate_expiry,
            "end_of_term": contract.end_date,
        }
        for kind, day in days.items():
            if day is not None:
                yield Deadline(
                    contract.id, kind, day, contract.reference, contract.establishment.label, host
                )


def calendar_feed(
    session: Session,
    *,
    lang: str = "fr",
    base_url: str | None = None,
    now: datetime | None = None,
) -> str:
    """The whole feed as text (CRLF line ends, as RFC 5545 wants)."""
    from icalendar import Alarm, Calendar, Event

    words = _WORDS[lang]
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    domain = (urlsplit(base_url).hostname if base_url else None) or "hdswatch.invalid"
    feed = Calendar()
    feed.add("prodid", "-//hdswatch//contract deadlines//FR")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", words["calendar"])
    feed.add("x-wr-timezone", "Europe/Paris")
    for deadline in deadlines(session):
        title_fr, title_en, reminders = _KINDS[deadline.kind]
        title = title_fr if lang == "fr" else title_en
        event = Event()
        event.add("uid", f"hdswatch-{deadline.contract_id}-{deadline.kind}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.day)
        event.add("dtend", deadline.day + timedelta(days=1))
        event.add("summary", f"{title} — {deadline.contract} ({deadline.establishment})")
        lines = [
            _line(words["contract"], deadline.contract, lang),
            _line(words["establishment"], deadline.establishment, lang),
        ]
        if deadline.host:
            lines.append(_line(words["host"], deadline.host, lang))
        if deadline.kind == "notice_deadline":
            lines.append(words["renewal"])
        link = review_link(base_url, f"contracts/{deadline.contract_id}")
        if link:
            lines.append(_line(words["review"], link, lang))
            event.add("url", link)
        event.add("description", "\n".join(lines))
        event.add("categories", ["hdswatch", deadline.kind])
        event.add("transp", "TRANSPARENT")
        for days in reminders:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{title} — {deadline.contract}")
            alarm.add("trigger", timedelta(days=-days))
            event.add_component(alarm)
        feed.add_component(event)
    return feed.to_ical().decode("utf-8")


def _line(label: str, value: str, lang: str) -> str:
    return f"{label}\u00a0: {value}" if lang == "fr" else f"{label}: {value}"
