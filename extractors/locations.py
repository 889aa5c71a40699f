"""Where the data is stored and from where it may be reached, read from the contract's sentences.

A country counts as a storage country when the cue nearest before it in its sentence speaks of
storing or hosting (« stockées », « hébergées », "data centre", "backups"), not of access,
support or law (« depuis », "support", « Cloud Act »), and is not negated (« aucune donnée n'est
stockée aux États-Unis »). Access from outside the EEA is allowed when a country outside the EEA
follows an access cue, denied when the text says no access takes place from a third country.

In: sentences. Out: ISO 3166-1 alpha-2 codes of the storage countries, and ``True`` / ``False`` /
``None`` for access from outside the EEA.

>>> storage_and_access(["Les données sont hébergées en France ; le support, situé au Maroc, "
...     "intervient à distance depuis Rabat (Maroc)."])
(['FR'], True)
"""

from __future__ import annotations

import re

from extractors.countries import find_country_spans, is_eea
from extractors.text import fold

__all__ = ["storage_and_access"]

_STORAGE = re.compile(
    r"stock\w*|heberg(e|es|ee|ees|ement|ements|ent|eant|er|era)\b|hosted|hosts?\b|hosting|stor(e|ed|es|age)\b|data\s*cent\w*|centres? de donnees|"
    r"datacenters?|sauvegard\w*|backups?|conserv\w*|replica\w*|site (principal|de secours)|"
    r"(primary|secondary|backup) site"
)
_ACCESS = re.compile(
    r"acce(s|de\w*)|access\w*|support|maintenance|administr\w*|equipes|teams|assistance|helpdesk|"
    r"infogerance|telemaintenance"
)
_LAW = re.compile(
    r"\bloi|\blaw|droit|legislation|cloud act|autorit|authorit|juridiction|jurisdiction|soumis|"
    r"subject to|siege|incorporated|registered|immatricul|nationalit|adequa"
)
_NEGATION = re.compile(r"\b(ne|n'|aucun\w*|jamais|never|not|no|none|ni|nor)\b")
_NON_EEA_NO = re.compile(
    r"aucun acces.{0,160}(pays tiers|hors)|no (remote )?access.{0,160}(third countr|outside)|"
    r"(ni|neither) .{0,80}(n.accede|access).{0,80}(pays tiers|hors|outside|third)|"
    r"(n.accede|n.accedent|does not access|do not access)\w*.{0,80}(pays tiers|hors|outside|third)|"
    r"exclusivement situees? dans l.union|located exclusively in the european"
)


def storage_and_access(sentences: list[str]) -> tuple[list[str], bool | None]:
    """Storage countries (ISO codes, in order of mention) and whether access from outside the
    EEA is allowed (``None`` when the text does not say)."""
    countries: list[str] = []
    access: bool | None = None
    for sent in sentences:
        folded = fold(sent)
        if access is None and _NON_EEA_NO.search(folded):
            access = False
        spans = find_country_spans(sent) if _COUNTRY_HINT.search(folded) else []
        for code, start in spans:
            window = folded[max(0, start - 160) : start]
            kind = "access" if _FROM.search(window[-40:]) else _nearest_cue(window)
            if kind == "storage" and code not in countries:
                countries.append(code)
            elif kind == "access" and not is_eea(code) and not _NON_EEA_NO.search(folded):
                access = True
    if any(not is_eea(c) for c in countries):
        access = True
    return countries, access


_FROM = re.compile(r"\b(depuis|from)\b[^.;]*$")
_COUNTRY_HINT = re.compile(r"[a-z]{4}")


def _nearest_cue(window: str) -> str | None:
    """``storage``, ``access``, ``law`` or None: the cue closest to the end of ``window``."""
    best: tuple[int, str] | None = None
    for kind, pattern in (("storage", _STORAGE), ("access", _ACCESS), ("law", _LAW)):
        for match in pattern.finditer(window):
            if best is None or match.start() >= best[0]:
                best = (match.start(), kind)
    if best is None:
        return None
    start, kind = best
    if kind == "storage" and _NEGATION.search(window[max(0, start - 25) : start]):
        return "negated"
    return kind
