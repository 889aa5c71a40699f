"""Values that matter for alerts: parties, dates, term, renewal, notice, certificate, locations,
breach delay, sub-processors. French and English wording.

In: the document's sections. Out: a :class:`~extractors.types.Values`. A value the text does not
give stays ``None``: nothing is guessed, except the end date, computed from the effective date and
the initial term when the contract states no end date. The contract's own sections give the
values; each amendment then overrides what it changes (:mod:`extractors.amendments`).

>>> v = extract_values([Section(None, [Line(1, 1, "Le contrat est conclu pour une durée de "
...     "trois (3) ans à compter du 1er avril 2024.", (0, 0, 1, 1))])])
>>> v.initial_term.months, v.effective_date, v.end_date
(36, '2024-04-01', '2027-03-31')
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from extractors.amendments import apply_amendments
from extractors.dates import (
    find_dates,
    find_duration_spans,
    find_durations,
    numeric_order,
    parse_number,
)
from extractors.locations import storage_and_access
from extractors.parties import parties
from extractors.text import Section, fold
from extractors.types import Duration, Line, Values

__all__ = ["extract_values", "lines_of", "sentences"]

_SPLIT = re.compile(r"(?<=[.;])\s+(?=[A-ZÀ-Ý(«\"“0-9–-])|(?<=:)\s+(?=[–-]\s)|\s+(?=[–•]\s)")


def sentences(sections: list[Section]) -> list[str]:
    """The document's sentences, each within one section (headings stand alone)."""
    out: list[str] = []
    for section in sections:
        if section.heading is not None:
            out.append(section.heading.text)
        body = " ".join(line.text + ("\n" if " | " in line.text else "") for line in section.lines)
        body = re.sub(r"(\w)- (\w)", r"\1\2", body)  # words hyphenated across lines
        for chunk in body.split("\n"):  # a table row stands alone
            out.extend(s.strip() for s in _SPLIT.split(chunk) if s.strip())
    return out


class _Sents:
    """Sentences with their folded form, computed once."""

    def __init__(self, sents: list[str]) -> None:
        self.raw = sents
        self.folded = [fold(s) for s in sents]

    def pairs(self) -> list[tuple[str, str]]:
        return list(zip(self.raw, self.folded, strict=True))


_SIGNATURE_STRONG = re.compile(
    r"\bfait\b.{0,80}?\ble\b|signe\w* (electroniquement )?(par les parties )?(a .{0,40})?\ble\b|"
    r"signed (electronically )?(by the parties )?((in|at) .{0,60}?)?\bon\b|in witness whereof|"
    r"date de signature|signature date|executed (in .{0,60}?)?(on|as of)\b"
)
_SIGNATURE_WEAK = re.compile(
    r"signe le|signed on|dated|entered into (as of|on)|made (and entered into )?(as of|on)|"
    r"conclu le|etabli le|this agreement is made"
)
_EFFECTIVE = re.compile(
    r"prend(ra)? effet|entre(ra)? en vigueur|a compter du|a partir du|date d.effet|avec effet (au|a)|"
    r"commence(ra)? (a courir )?le|debute(ra)? le|court (a compter )?du|effective (as of|on|from|date)|"
    r"with effect from|enter\w* into (force|effect)|come\w* into (force|effect)|take\w* effect|"
    r"commenc\w+ (on|as of)|start\w* (on|from)|runs? from|(years?|months?|ans|mois)\)? from"
)
_ON_SIGNATURE = re.compile(
    r"a compter de (sa|la) (date de )?signature|des (sa|la) signature|a la date de (sa|la|leur) "
    r"signature|upon (its )?(signature|execution)|on the date of (its |last )?(signature|execution)|"
    r"as of the date (of|hereof)|from the date of (its )?signature|effective on signature"
)
_END = re.compile(
    r"expire(ra)?|prend(ra)? fin|se termine(ra)?|jusqu.au|until|expires? on|terminates? on|"
    r"date d.echeance|end date|expiration date|shall end on|ends on"
)
_TERM = re.compile(r"\b(duree|term|period|periode|pour une|for a|pendant|conclu\w* (pour|for))\b")
_TERM_CONTEXT = re.compile(
    r"conclu|initial|duree|term of|period of|for a|ferme|determinee|shall|pendant|effets|concluded"
)
_INDEFINITE = re.compile(
    r"duree indeterminee|sans limitation de duree|indefinite (period|term|duration)|for an unlimited|"
    r"without (a )?fixed term|no fixed term"
)
_RUNS = re.compile(
    r"(court|runs?|s.etend|extends?|from|du|a compter du|prend effet)\b.{0,60}?(jusqu.au|until|to|au|"
    r"s.acheve|prend fin|se termine|expire|ends?)\b"
)
_SAME_TERM = re.compile(
    r"(meme duree|meme periode|same (duration|period|term)|identical (term|period))"
)
_TACIT_YES = re.compile(
    r"tacite(ment)? reconduction|reconduit\w* tacitement|reconduction tacite|renouvel\w* "
    r"(tacitement|automatiquement|de plein droit)|se renouvelle\w*|automatically renew|"
    r"renew\w* (automatically|tacitly)|auto.?renew|tacitly renew|tacit renewal|automatically (be )?"
    r"extended|(renew|extend)\w* for (successive|additional|further|consecutive)"
)
_TACIT_NO = re.compile(
    r"(ne (sera|pourra|fera|se) (\w+ )?pas|n.est pas|aucune?|sans|hors) (\w+ ){0,2}(tacite|reconduit|"
    r"reconduc|renouvel|prolong)|no (automatic|tacit) renewal|(shall|will) not (be )?(automatically |"
    r"tacitly )?(extended or |renewed or )?(renew|extend)|not renew automatically|expressly renewed|"
    r"reconduction expresse|without (tacit|automatic) renewal|not (be )?(tacitly|automatically) "
    r"renewed|prend(ra)? fin de plein droit|non reconductible|not renewable|ne se (renouvelle|"
    r"reconduit|prolonge) pas|n.est pas (renouvelable|reconductible)"
)
_NOTICE = re.compile(
    r"preavis|avant (la date d.|la date de |le |la |l.|son )?(echeance|terme|expiration|fin|"
    r"renouvellement|reconduction|anniversaire)|notice|notif\w*|prior to (the )?(end|expiration|"
    r"expiry|renewal)|before (the )?(end|expiration|expiry|renewal|anniversary)"
)
_NOTICE_PURPOSE = re.compile(
    r"reconduction|renouvellement|echeance|terme|expiration|non.renouvellement|s.opposer|denonc|"
    r"renewal|non.renewal|expir|end of the|then.current|refus"
)
_CERT = re.compile(r"certifica")
_CERT_END = re.compile(
    r"expir\w*|valable jusqu|valid (until|through)|echeance|fin de validite|end of validity|"
    r"renouvel\w*|renewal date|jusqu.au"
)
_BREACH = re.compile(r"violation|breach|incident|faille|compromis|atteinte a la securite")
_BREACH_HEADING = re.compile(
    r"violation|breach|incident|faille|notification|signalement|alerte?s?\b|compromis"
)
_TERMINATION = re.compile(r"resiliation|terminat|manquement|inexecution")
_HOURS = re.compile(r"(\d{1,3})\s*\)?\s*(heures|hours|h)\b", re.I)
_HOUR_WORDS = re.compile(r"([A-Za-zÀ-ÿ-]+(?:[- ][A-Za-zÀ-ÿ-]+){0,3})\s+(heures|hours)\b", re.I)


def _hours(sent: str) -> int | None:
    """A delay in hours, in digits (« 48 heures », "72h") or words ("forty-eight hours")."""
    digits = _HOURS.search(sent)
    if digits:
        return int(digits.group(1))
    words = _HOUR_WORDS.search(sent)
    if words:
        parts = words.group(1).split()
        for start in range(len(parts)):
            number = parse_number(" ".join(parts[start:]))
            if number:
                return number
    return None


def _first_date(sents: _Sents, cue: re.Pattern[str], order: str) -> date | None:
    for sent, folded in sents.pairs():
        match = cue.search(folded)
        if match:
            dates = find_dates(sent, order)
            after = [d for d, span in dates if span[0] >= match.start()]
            if after:
                return after[0]
            if dates:
                return dates[0][0]
    return None


def _signature_date(sents: _Sents, order: str) -> date | None:
    """The date of the signature line (« Fait à Paris, le … »; the last one when there are
    several), else a weaker cue (« signé le », "dated")."""
    strong = [
        d
        for sent, folded in sents.pairs()
        if (m := _SIGNATURE_STRONG.search(folded))
        for d in [next((d for d, span in find_dates(sent, order) if span[0] >= m.start()), None)]
        if d is not None
    ]
    return strong[-1] if strong else _first_date(sents, _SIGNATURE_WEAK, order)


def extract_values(sections: list[Section]) -> Values:
    own = [s for s in sections if s.part is None]
    sents = _Sents(sentences(own))
    order = numeric_order(" ".join(sents.raw))
    values = Values()
    values.host, values.client = parties(own)
    sig = _signature_date(sents, order)
    values.signature_date = sig.isoformat() if sig else None
    eff = _first_date(
        _Sents([s for s in sents.raw if not _CERT.search(fold(s))]), _EFFECTIVE, order
    )
    if eff is None and any(_ON_SIGNATURE.search(f) for f in sents.folded):
        eff = sig
    values.effective_date = eff.isoformat() if eff else None
    _term_and_renewal(own, sents, values, eff, order)
    _certificate(own, values, order)
    values.storage_countries, values.non_eea_access = storage_and_access(sents.raw)
    _breach(own, values)
    _subprocessors(own, values)
    return apply_amendments(sections, values, order)


def _term_sentences(sections: list[Section], sents: _Sents) -> _Sents:
    """Sentences of the sections titled as the term (« Durée », "Term"), else all of them."""
    titled = [
        s
        for s in sections
        if s.heading is not None
        and re.search(
            r"\b(duree|term|duration|entree en vigueur|reconduction|renewal|periode contractuelle|"
            r"validite|prise d.effet)\b",
            fold(s.heading.text),
        )
    ]
    return _Sents(sentences(titled)) if titled else _Sents([])


def _span_term(sent: str, folded: str, order: str) -> Duration | None:
    """« court du 1er avril 2024 au 31 mars 2027 », "runs from … until …": the months between."""
    if not _RUNS.search(folded):
        return None
    dates = [d for d, _span in find_dates(sent, order)]
    if len(dates) < 2 or dates[1] <= dates[0]:
        return None
    after = dates[1] + timedelta(days=1)
    months = (after.year - dates[0].year) * 12 + after.month - dates[0].month
    if months <= 0 or _add(dates[0], Duration(months, "months", "")) != after:
        return None
    return Duration(months, "months", sent[:0] or f"{months} mois")


def _term_and_renewal(
    sections: list[Section], all_sents: _Sents, values: Values, eff: date | None, order: str
) -> None:
    titled = _term_sentences(sections, all_sents)
    ordered = titled.pairs() + all_sents.pairs()
    indefinite = any(_INDEFINITE.search(f) for _s, f in titled.pairs())
    for sent, folded in ordered:
        if values.tacit_renewal is None and not indefinite:
            if _TACIT_NO.search(folded):
                values.tacit_renewal = False
            elif cue := _TACIT_YES.search(folded):
                values.tacit_renewal = True
                values.renewal_term = _renewal_term(sent, folded, cue.start())
                if values.renewal_term is None and _SAME_TERM.search(folded):
                    values.renewal_term = values.initial_term
        if values.initial_term is None and not indefinite:
            values.initial_term = _span_term(sent, folded, order) or _stated_term(sent, folded)
    if (
        values.tacit_renewal
        and values.renewal_term is None
        and any(_SAME_TERM.search(f) and _TACIT_YES.search(f) for _s, f in ordered)
    ):
        values.renewal_term = values.initial_term
    in_term = set(titled.raw)
    for sent, folded in ordered:
        cue = _NOTICE.search(folded)
        if cue is None or values.notice_period is not None or _CERT.search(folded):
            continue
        if not (
            _NOTICE_PURPOSE.search(folded)
            or (sent in in_term and re.search(r"resili|terminat|mettre fin|put an end", folded))
        ):
            continue
        if values.tacit_renewal is False and not re.search(
            r"renouvel|renewal|reconduction", folded
        ):
            continue
        values.notice_period = _notice(sent, cue.span())
    source = titled if titled.raw else all_sents
    end = _first_date(_Sents([s for s in source.raw if not _CERT.search(fold(s))]), _END, order)
    if end is None and eff is not None and values.initial_term is not None:
        end = _add(eff, values.initial_term) - timedelta(days=1)
    values.end_date = end.isoformat() if end else None


def _stated_term(sent: str, folded: str) -> Duration | None:
    """« conclu pour une durée de trois (3) ans », "for an initial term of 36 months"."""
    if not _TERM.search(folded) or _NOTICE.search(folded):
        return None
    if not _TERM_CONTEXT.search(folded) or re.search(r"reconduction|renouvel|renew", folded[:40]):
        return None
    durations = [d for d in find_durations(sent) if d.unit in ("months", "years")]
    return durations[0] if durations else None


def _renewal_term(sent: str, folded: str, cue: int) -> Duration | None:
    """The length of each renewal: the first duration after the renewal cue and before any
    notice cue (« reconduit tacitement par périodes de douze (12) mois, sauf préavis de trois
    mois »), else the last one before the cue (« for successive one-year terms, renewed … »)."""
    notice = _NOTICE.search(folded, cue)
    limit = notice.start() if notice else len(folded)
    spans = [(d, span) for d, span in find_duration_spans(sent) if d.unit != "days"]
    after = [d for d, (start, _end) in spans if cue <= start < limit]
    if after:
        return after[0]
    before = [
        d for d, (start, _e) in spans if start < cue and not _NOTICE.search(folded[start:cue])
    ]
    if before and re.search(r"successive|periodes?|periods?|terms?", folded):
        return before[-1]
    return None


_BEFORE_CUE = re.compile(
    r"^\s*(au moins |at least |minimum )?(avant|before|prior|de preavis|d.avance|in advance|'?s? "
    r"(prior )?(written )?notice)"
)
_AFTER_CUE = re.compile(
    r"(preavis (de|d.|d.au moins|minimum de|d.une duree de)|notice (period )?of|at least|au moins|"
    r"moins de|no less than|not less than|minimum of|minimum de)\s*$"
)


def _notice(sent: str, cue: tuple[int, int]) -> Duration | None:
    """The notice period in a sentence: the duration worded as one ("trois mois avant",
    "préavis de 90 jours", "at least ninety (90) days before"), else the one nearest the cue."""
    folded = fold(sent)
    spans = [(d, span) for d, span in find_duration_spans(sent) if d.unit in ("days", "months")]
    for duration, (start, end) in spans:
        if _BEFORE_CUE.match(folded[end : end + 30]) or _AFTER_CUE.search(
            folded[max(0, start - 30) : start]
        ):
            return duration
    if spans:
        return min(spans, key=lambda ds: _distance(ds[1], cue))[0]
    return None


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, b[0] - a[1], a[0] - b[1])


def _add(start: date, duration: Duration) -> date:
    if duration.unit == "days":
        return start + timedelta(days=duration.amount)
    months = duration.months or 0
    result: date = start + relativedelta(months=months)
    return result


def _certificate_sentences(sections: list[Section]) -> list[str]:
    """Sentences about the HDS certificate: those naming it, and every sentence of a section
    whose title or opening names it (lists of "number: …; expiry: …" items)."""
    out: list[str] = []
    for section in sections:
        opening = fold(" ".join(line.text for line in section.all_lines[:2]))
        whole = bool(_CERT.search(opening))
        out.extend(s for s in sentences([section]) if whole or _CERT.search(fold(s)))
    return out


def _certificate(sections: list[Section], values: Values, order: str) -> None:
    for sent in _certificate_sentences(sections):
        folded = fold(sent)
        number = re.search(r"\b(HDS[-_ ]?[A-Z0-9]*[-/ ]?\d{2,}[-/]?\d*)\b", sent) or re.search(
            r"(?:n[°o]\.?|num[ée]ro|number|no\.)\s*:?\s*([A-Z0-9][A-Z0-9/-]{3,})", sent
        )
        if number and values.hds_certificate_number is None:
            values.hds_certificate_number = number.group(1)
        certifier = re.search(
            r"(?:d[ée]livr[ée]e?s?(?:\s+le\s+[^,;]{4,25}?)?\s+par|issued(?:\s+on\s+[^,;]{4,25}?)?\s+by|par l.organisme( certificateur)?|issued by|certification body|"
            r"organisme certificateur)\s*:?\s+(?:l['’]organisme\s+)?([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})",
            sent,
        )
        if certifier and values.hds_certifier is None:
            values.hds_certifier = certifier.group(2)
        if values.hds_referential is None:
            if re.search(r"(v|version\s*)2(\.0)?\b|16 mai 2024|may 16, 2024|16 may 2024", folded):
                values.hds_referential = "v2"
            elif re.search(r"(v|version\s*)1(\.1)?\b|2018", folded) and re.search(
                r"referenti", folded
            ):
                values.hds_referential = "v1.1"
        if values.hds_certificate_expiry is None:
            match = _CERT_END.search(folded)
            if match:
                after = [d for d, span in find_dates(sent, order) if span[0] >= match.start()]
                if after:
                    values.hds_certificate_expiry = after[0].isoformat()
        activities = re.findall(
            r"activit\w*\s+(?:n[°o]\s*)?([1-6](?:\s*(?:,|et|and|à|a|to|-)\s*[1-6])*)", folded
        )
        for group in activities:
            for n in re.findall(r"[1-6]", group):
                if n not in values.hds_scope:
                    values.hds_scope.append(n)


def _breach(sections: list[Section], values: Values) -> None:
    """The delay for the host to notify a breach: in the breach clause, else in any sentence
    about a breach with a delay."""
    titled = [
        s
        for s in sections
        if s.heading is not None
        and _BREACH_HEADING.search(fold(s.heading.text))
        and not _TERMINATION.search(fold(s.heading.text))
    ]
    candidates = [(s, True) for s in sentences(titled)]
    candidates += [(s, False) for s in sentences(sections)]
    for sent, in_clause in candidates:
        folded = fold(sent)
        if not in_clause and not (
            _BREACH.search(folded)
            and re.search(r"notif|signal|inform|rapport|report|alert|previen", folded)
            and re.search(r"donnees|data", folded)
        ):
            continue
        hours = _hours(sent)
        if hours:
            values.breach_notification_hours = hours
            return
        days = [d for d in find_durations(sent) if d.unit == "days"]
        if days:
            values.breach_notification_hours = days[0].amount * 24
            return


_NO = re.compile(r"^(non|no|none|aucune?|en cours|pending|not certified|non certifi\w*)\b", re.I)


_SUBPROC_HEADER = re.compile(
    r"sous.?traitant|sub.?processor|subcontractor|prestataire|provider|fournisseur"
)
_CERT_HEADER = re.compile(r"hds|certif")


def _subprocessors(sections: list[Section], values: Values) -> None:
    """Sub-processors of a table whose header names them and their HDS certification, on rows
    where that column says they are not certified (rows read as cells joined by " | ")."""
    column: int | None = None
    for section in sections:
        for line in section.lines:
            cells = [c.strip() for c in line.text.split(" | ")]
            if len(cells) < 2:
                column = None
                continue
            folded = [fold(c) for c in cells]
            if _SUBPROC_HEADER.search(folded[0]) and any(
                _CERT_HEADER.search(c) for c in folded[1:]
            ):
                column = max(i for i, c in enumerate(folded) if _CERT_HEADER.search(c))
                continue
            if column is None or column >= len(cells) or not cells[0]:
                continue
            status, name = cells[column], cells[0]
            if _NO.match(status) and name not in values.subprocessors_not_certified:
                values.subprocessors_not_certified.append(name)


def lines_of(sections: list[Section]) -> list[Line]:
    return [line for s in sections for line in s.all_lines]
