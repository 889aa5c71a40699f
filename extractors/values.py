"""Values that matter for alerts: parties, dates, term, renewal, notice, certificate, locations,
breach delay. French and English wording.

In: the document's sections. Out: a :class:`~extractors.types.Values`. A value the text does not
give stays ``None``: nothing is guessed, except the end date, computed from the effective date and
the initial term when the contract states no end date.

>>> v = extract_values([Section(None, [Line(1, 1, "Le contrat est conclu pour une durée de "
...     "trois (3) ans à compter du 1er avril 2024.", (0, 0, 1, 1))])])
>>> v.initial_term.months, v.effective_date, v.end_date
(36, '2024-04-01', '2027-03-31')
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from extractors.countries import find_countries, is_eea
from extractors.dates import find_dates, find_duration_spans, find_durations
from extractors.text import Section, fold
from extractors.types import Duration, Line, Values

__all__ = ["extract_values", "sentences"]


def sentences(sections: list[Section]) -> list[str]:
    """The document's sentences, each within one section (headings stand alone)."""
    out: list[str] = []
    for section in sections:
        if section.heading is not None:
            out.append(section.heading.text)
        body = " ".join(line.text for line in section.lines)
        body = re.sub(r"(\w)- (\w)", r"\1\2", body)  # words hyphenated across lines
        out.extend(
            s.strip() for s in re.split(r"(?<=[.;])\s+(?=[A-ZÀ-Ý(«\"0-9–-])", body) if s.strip()
        )
    return out


def _first_date(sents: list[str], cue: str) -> date | None:
    pattern = re.compile(cue)
    for sent in sents:
        folded = fold(sent)
        match = pattern.search(folded)
        if match:
            dates = find_dates(sent)
            after = [d for d, span in dates if span[0] >= match.start()]
            if after:
                return after[0]
            if dates:
                return dates[0][0]
    return None


_SIGNATURE = r"fait a .{0,40}le\b|signe le|date de signature|signed\b|dated|entered into (as of|on)|in witness whereof|signature date"
_EFFECTIVE = r"prend(ra)? effet|entre(ra)? en vigueur|a compter du|effective (as of|on|from)|date d.effet|commenc\w+ (le|on)|effective date|enter(s|ed)? into force|come(s)? into force|shall commence"
_END = r"(expire(ra)?|prend(ra)? fin|se termine(ra)?|jusqu.au|until|expires? on|terminates? on|date d.echeance|end date)"
_TERM = r"(duree|term|period|periode)\b"
_TACIT_YES = r"tacite(ment)? reconduction|reconduit\w* tacitement|reconduction tacite|renouvel\w* (tacitement|automatiquement)|automatically renew|renew\w* automatically|auto.renew|tacitly renew|renewed tacitly|tacit renewal"
_TACIT_NO = r"(ne (sera|pourra) pas|n.est pas|aucune|sans) (\w+ ){0,2}(tacite|reconduit|renouvel)|no (automatic|tacit) renewal|(shall|will) not (be )?(automatically )?renew|not renew automatically|expressly renewed|reconduction expresse"
_NOTICE = r"preavis|avant (l.echeance|le terme|la date|son terme|l.expiration)|notice|prior to (the )?(end|expiration|expiry)|before (the )?(end|expiration|expiry)"
_CERT = r"certifica"
_CERT_END = r"(expir\w*|valable jusqu|valid until|echeance|fin de validite|end of validity|renouvel\w*|renewal date)"


def extract_values(sections: list[Section]) -> Values:
    sents = sentences(sections)
    values = Values()
    values.host, values.client = _parties(sents)
    sig = _first_date(sents, _SIGNATURE)
    values.signature_date = sig.isoformat() if sig else None
    eff = _first_date(sents, _EFFECTIVE)
    if eff is None and any(
        re.search(r"a compter de (sa|la) signature|upon signature|date of signature", fold(s))
        for s in sents
    ):
        eff = sig
    values.effective_date = eff.isoformat() if eff else None
    _term_and_renewal(sents, values, eff)
    _certificate(sections, values)
    _locations_and_breach(sections, sents, values)
    return values


def _term_and_renewal(sents: list[str], values: Values, eff: date | None) -> None:
    for sent in sents:
        folded = fold(sent)
        if values.tacit_renewal is None:
            if re.search(_TACIT_NO, folded):
                values.tacit_renewal = False
            elif re.search(_TACIT_YES, folded):
                values.tacit_renewal = True
                periods = re.search(r"(periodes?|periods?|terms?)\b", folded)
                durations = [d for d in find_durations(sent) if d.unit != "days"]
                if periods and durations:
                    values.renewal_term = durations[0]
        if (
            values.initial_term is None
            and re.search(_TERM, folded)
            and not re.search(_NOTICE, folded)
        ):
            durations = [d for d in find_durations(sent) if d.unit in ("months", "years")]
            if durations and re.search(r"conclu|initial|duree de|term of|period of|for a", folded):
                values.initial_term = durations[0]
        cue = re.search(_NOTICE, folded)
        if (
            values.notice_period is None
            and cue
            and re.search(
                r"preavis|denonc|resili|notice|non.renouvellement|non.renewal|terminat|lettre recommandee|"
                r"registered letter|s.opposer",
                folded,
            )
        ):
            values.notice_period = _notice(sent, cue.span())
    end = _first_date([s for s in sents if not re.search(_CERT, fold(s))], _END)
    if end is None and eff is not None and values.initial_term is not None:
        end = _add(eff, values.initial_term) - timedelta(days=1)
    values.end_date = end.isoformat() if end else None


_BEFORE_CUE = re.compile(
    r"^\s*(au moins |at least )?(avant|before|prior|de preavis|'?s? (prior )?(written )?notice)"
)
_AFTER_CUE = re.compile(
    r"(preavis (de|d.au moins|minimum de)|notice (period )?of|at least|au moins|moins de)\s*$"
)


def _notice(sent: str, cue: tuple[int, int]) -> Duration | None:
    """The notice period in a sentence: the duration worded as one ("trois mois avant",
    "préavis de 90 jours", "at least ninety (90) days before"), else the one nearest the cue."""
    folded = fold(sent)
    spans = find_duration_spans(sent)
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
        whole = bool(re.search(_CERT, opening))
        out.extend(s for s in sentences([section]) if whole or re.search(_CERT, fold(s)))
    return out


def _certificate(sections: list[Section], values: Values) -> None:
    for sent in _certificate_sentences(sections):
        folded = fold(sent)
        number = re.search(r"\b(HDS[-_ ]?[A-Z0-9]*[-/ ]?\d{2,}[-/]?\d*)\b", sent) or re.search(
            r"(?:n[°o]\.?|num[ée]ro|number|no\.)\s*:?\s*([A-Z0-9][A-Z0-9/-]{3,})", sent
        )
        if number and values.hds_certificate_number is None:
            values.hds_certificate_number = number.group(1)
        certifier = re.search(
            r"(?:d[ée]livr[ée]e? par|par l.organisme( certificateur)?|issued by|certification body)\s+"
            r"(?:l['’]organisme\s+)?([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})",
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
            match = re.search(_CERT_END, folded)
            if match:
                after = [d for d, span in find_dates(sent) if span[0] >= match.start()]
                if after:
                    values.hds_certificate_expiry = after[0].isoformat()
        activities = re.findall(
            r"activit\w*\s+(?:n[°o]\s*)?([1-6](?:\s*(?:,|et|and|à|a|to|-)\s*[1-6])*)", folded
        )
        for group in activities:
            for n in re.findall(r"[1-6]", group):
                if n not in values.hds_scope:
                    values.hds_scope.append(n)


def _locations_and_breach(sections: list[Section], sents: list[str], values: Values) -> None:
    for sent in sents:
        folded = fold(sent)
        if re.search(
            r"stock|heberg|hosted|stored|data\s*cent|centre de donnees|datacenter|region", folded
        ):
            for code in find_countries(sent):
                if code not in values.storage_countries:
                    values.storage_countries.append(code)
        if re.search(r"acces (a distance )?(depuis|from)|remote access from|accessed from", folded):
            outside = [c for c in find_countries(sent) if not is_eea(c)]
            if outside and not re.search(r"aucun|no remote|not be accessed|n.est pas", folded):
                values.non_eea_access = True
        elif values.non_eea_access is None and re.search(
            r"aucun acces.{0,60}(pays tiers|hors)|no access.{0,60}(third countr|outside)", folded
        ):
            values.non_eea_access = False
        if (
            values.breach_notification_hours is None
            and re.search(r"violation|breach|incident", folded)
            and re.search(r"notif|signal|inform", folded)
        ):
            hours = re.search(r"(\d{1,3})\s*\)?\s*(heures|hours|h)\b", sent, re.I)
            if hours:
                values.breach_notification_hours = int(hours.group(1))
            else:
                days = [d for d in find_durations(sent) if d.unit == "days"]
                if days:
                    values.breach_notification_hours = days[0].amount * 24


_PARTY_ROLE_HOST = r"(h[ée]bergeur|prestataire|provider|host|processor|sous-traitant)"
_PARTY_ROLE_CLIENT = r"(client|[ée]tablissement|customer|controller|responsable)"


def _parties(sents: list[str]) -> tuple[str | None, str | None]:
    host = client = None
    for sent in sents[:60]:
        match = re.search(
            r"ci-apr[èe]s\s+(?:d[ée]nomm[ée]e?\s+)?[«\"“(]?\s*(?:l['’]|le |la )?\s*"
            + r"(\w+)|\((?:the\s+|hereinafter\s+)?[\"“']?(\w+)[\"”']?\)",
            sent,
            re.I,
        )
        if not match:
            continue
        role = (match.group(1) or match.group(2) or "").lower()
        name = _leading_name(sent)
        if not name:
            continue
        if host is None and re.fullmatch(_PARTY_ROLE_HOST, role):
            host = name
        elif client is None and re.fullmatch(_PARTY_ROLE_CLIENT, role):
            client = name
    return host, client


def _leading_name(sent: str) -> str | None:
    text = re.sub(
        r"^(ENTRE|ET|BETWEEN|AND|D['’]UNE PART|D['’]AUTRE PART)[\s:,]+",
        "",
        sent.strip(),
        flags=re.I,
    )
    text = re.sub(r"^(LES SOUSSIGN[ÉE]S|THE UNDERSIGNED)[\s:,]*", "", text, flags=re.I)
    match = re.match(
        r"([A-Z0-9ÀÂÉÈÊÎÔÛÇ][\w'’&.\- ]{1,80}?)(?:,|\s+\(|\s+ci-apr|\s+soci[ée]t[ée]|\s+a\s|\s+an\s|\s+dont)",
        text,
    )
    return match.group(1).strip() if match else None


def lines_of(sections: list[Section]) -> list[Line]:
    return [line for s in sections for line in s.all_lines]
