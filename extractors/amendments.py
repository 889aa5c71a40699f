"""Amendments (« Avenant n°2 », "Amendment No. 1"): what each one changes, applied in order.

In: the sections of an amendment (those whose ``part`` is its title) and the values read from
the contract itself. Out: an :class:`~extractors.types.Amendment` (canonical title, date,
changed fields) and the values with the changes applied: a new end of the current term, a new
notice period, a new term, tacit renewal switched on or off.

>>> title_of("AVENANT N°2 AU CONTRAT D'HÉBERGEMENT")
'Avenant n°2'
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from extractors.dates import find_dates, find_durations
from extractors.text import Section, fold
from extractors.types import Amendment, Values

__all__ = ["apply_amendments", "title_of"]

_TITLE = re.compile(
    r"^(avenant|amendment|addendum)\s*(n[°o]\.?\s*|no\.?\s*|number\s*|num[ée]ro\s*)?([0-9]+|[ivx]+)?",
    re.I,
)
_ORDINAL = re.compile(
    r"^((?:premier|deuxi[eè]me|second|troisi[eè]me|first|third|fourth)\s+(?:avenant|amendment|addendum))",
    re.I,
)
_SIGNED = re.compile(r"fait a .{0,60}?le\b|signed (in|at) .{0,60}?on\b|signed on\b|executed on\b")
_END = re.compile(
    r"(prend(ra)? fin|se termine(ra)?|expire(ra)?|prorog\w+|report\w+|jusqu.au|(end|expire|terminate)s?"
    r"( on)?|shall end|extended|postponed|until)\b"
)
_NOTICE = re.compile(r"preavis|notice")
_TERM = re.compile(r"\b(duree|term)\b.{0,60}\b(porte|modifie|fixe|changed|amended|extended|now)\b")
_TACIT_OFF = re.compile(
    r"(ne sera plus|n.est plus|ne fera plus) (\w+ ){0,2}(reconduit|renouvel)|reconduction tacite est "
    r"supprimee|(no longer|not) (be )?(automatically |tacitly )?renew"
)
_TACIT_ON = re.compile(
    r"(reconduit|renouvel)\w* tacitement|tacite reconduction|automatically renew"
)


def title_of(heading: str) -> str:
    """« Avenant n°2 », "Amendment No. 1", "First Amendment", or the heading itself."""
    text = heading.strip()
    ordinal = _ORDINAL.match(text)
    if ordinal:
        return " ".join(word.capitalize() for word in ordinal.group(1).split())
    match = _TITLE.match(text)
    if not match or not match.group(3):
        return text
    word, number = match.group(1).lower(), match.group(3)
    space = " " if (match.group(2) or "").endswith(" ") else ""
    if word == "avenant":
        return f"Avenant n°{space}{number}"
    return f"{word.capitalize()} No. {number}"


def _sentences(sections: list[Section]) -> list[str]:
    text = " ".join(line.text for s in sections for line in s.lines)
    return [s for s in re.split(r"(?<=[.;])\s+", text) if s.strip()]


def _date_after(sentence: str, cue: re.Match[str], order: str) -> date | None:
    dates = find_dates(sentence, order)
    after = [d for d, span in dates if span[0] >= cue.start()]
    return after[0] if after else None


def read_amendment(
    title: str, sections: list[Section], values: Values, order: str = "DMY"
) -> tuple[Amendment, Values]:
    """The amendment and ``values`` with what it changes."""
    changes: list[str] = []
    signed: date | None = None
    for sentence in _sentences(sections):
        folded = fold(sentence)
        cue = _SIGNED.search(folded)
        if cue:
            signed = _date_after(sentence, cue, order) or signed
            continue
        end = _END.search(folded)
        if end and not _NOTICE.search(folded):
            new_end = _date_after(sentence, end, order)
            if new_end is not None:
                values = replace(values, end_date=new_end.isoformat())
                changes.append("end_date")
                continue
        if _NOTICE.search(folded):
            durations = [d for d in find_durations(sentence) if d.unit in ("days", "months")]
            if durations:
                values = replace(values, notice_period=durations[-1])
                changes.append("notice_period_days")
                continue
        if _TERM.search(folded):
            durations = [d for d in find_durations(sentence) if d.unit in ("months", "years")]
            if durations:
                values = replace(values, initial_term=durations[-1])
                changes.append("initial_term_months")
        if _TACIT_OFF.search(folded):
            values = replace(values, tacit_renewal=False)
            changes.append("tacit_renewal")
        elif _TACIT_ON.search(folded) and not values.tacit_renewal:
            values = replace(values, tacit_renewal=True)
            changes.append("tacit_renewal")
    if signed is None:
        in_title = find_dates(title, order)
        signed = in_title[0][0] if in_title else None
    unique = list(dict.fromkeys(changes))
    amendment = Amendment(title_of(title), signed.isoformat() if signed else None, unique)
    return amendment, values


def apply_amendments(sections: list[Section], values: Values, order: str = "DMY") -> Values:
    """``values`` of the contract with every amendment of ``sections`` applied, in document order,
    and the list of amendments filled in."""
    parts: dict[str, list[Section]] = {}
    for section in sections:
        if section.part is not None:
            parts.setdefault(section.part, []).append(section)
    amendments = list(values.amendments)
    for title, group in parts.items():
        amendment, values = read_amendment(title, group, values, order)
        amendments.append(amendment)
    return replace(values, amendments=amendments)
