"""The host and the client, as the preamble names them.

Each party's paragraph ends with its role (« ci-après dénommée « l'Hébergeur » », "(the “Host”)",
"hereinafter the Customer"); the name is what opens that paragraph (after « ENTRE », "BETWEEN:",
« la société »), up to the first comma or description. Where the wording defeats these rules, the
packaged statistical French model is asked for the organisation it sees in that paragraph alone
(:mod:`extractors.nlp.parties`).

In: the document's sections. Out: ``(host, client)``, ``None`` for a name not found.

>>> from extractors.text import sections
>>> from extractors.types import Line
>>> rows = ["ENTRE Nuagesanté SAS, société par actions simplifiée, ci-après « l'Hébergeur »,",
...         "ET la Clinique du Parc, ci-après « le Client »."]
>>> parties(sections([Line(1, n, t, (0, 0, 1, 1)) for n, t in enumerate(rows, start=1)]))
('Nuagesanté SAS', 'Clinique du Parc')
"""

from __future__ import annotations

import re

from extractors.text import Section

__all__ = ["parties"]


_ROLE_CUE = re.compile(
    r"ci-apr[eè]s\s+(?:d[ée]nomm[ée]e?s?(?:\(e\))?\s+|d[ée]sign[ée]e?s?(?:\(e\))?\s+|appel[ée]e?\s+)?"
    r"(?:«|\"|“)?\s*(?:l['’]\s*|le\s+|la\s+)?(?P<fr>[A-Za-zÀ-ÿ]+)"
    r"|\((?:the\s+|hereinafter\s+(?:referred\s+to\s+as\s+)?(?:the\s+)?|ci-apr[eè]s\s+)?[\"“'«]?\s*"
    r"(?:l['’]|le\s+|la\s+|the\s+)?(?P<en>[A-Za-zÀ-ÿ]+)\s*[\"”'»]?\s*\)"
    r"|hereinafter\s+(?:referred\s+to\s+as\s+)?(?:the\s+)?[\"“']?(?P<en2>[A-Za-z]+)",
    re.I,
)
_HOST_ROLE = re.compile(
    r"h[ée]bergeur|prestataire|fournisseur|titulaire|host|provider|supplier|processor|vendor|"
    r"contractor|sous-traitant",
    re.I,
)
_CLIENT_ROLE = re.compile(
    r"client|[ée]tablissement|customer|controller|responsable|acheteur|pouvoir|buyer", re.I
)
_PARTY_START = re.compile(
    r"(?:^|(?<=\s))(?:ENTRE\s+LES\s+SOUSSIGN[ÉE]S|ENTRE|ET|BETWEEN|AND|D['’]UNE\s+PART|D['’]AUTRE\s+PART|"
    r"PAR\s+ET\s+ENTRE|BY\s+AND\s+BETWEEN)\s*[:,]?\s+",
)


def parties(sections: list[Section]) -> tuple[str | None, str | None]:
    """Host and client as named in the preamble: the name opening each party's paragraph, the
    paragraph being the one that ends in its role (« ci-après « l'Hébergeur » », "(the “Host”)")."""
    preamble: list[str] = []
    for section in sections:
        if section.kind in ("article", "clause", "annex") and preamble:
            break
        preamble += [line.text for line in section.all_lines]
    text = " ".join(preamble)[:6000]
    host = client = None
    previous_end = 0
    for match in _ROLE_CUE.finditer(text):
        role = match.group("fr") or match.group("en") or match.group("en2") or ""
        is_host, is_client = bool(_HOST_ROLE.fullmatch(role)), bool(_CLIENT_ROLE.fullmatch(role))
        if not (is_host or is_client):
            continue
        paragraph = text[previous_end : match.start()]
        previous_end = match.end()
        name = _leading_name(paragraph)
        if is_host and host is None:
            host = name
        elif is_client and client is None:
            client = name
    return host, client


def _leading_name(paragraph: str) -> str | None:
    """The party's name at the start of its paragraph; the statistical model is asked only
    when the wording defeats the rules."""
    starts = list(_PARTY_START.finditer(paragraph))
    text = paragraph[starts[-1].end() :] if starts else paragraph
    text = re.sub(r"^[\s,;:.–-]+", "", text)
    while lead := _PARTY_START.match(" " + text):
        text = (" " + text)[lead.end() :]
    text = re.sub(
        r"^(la\s+soci[ée]t[ée]|the\s+company|soci[ée]t[ée]|le|la|les|the)\s+|^l['’]",
        "",
        text,
        flags=re.I,
    )
    match = re.match(
        r"([A-Z0-9ÀÂÉÈÊÎÔÛÇ«\"“][\w'’&.\- ]{1,80}?)(?:\s*,|\s+\(|\s+ci-apr|\s+soci[ée]t[ée]\s|"
        r"\s+a\s|\s+an\s|\s+dont\s|\s+sis\s|\s+situ|\s+immatricul|\s+repr[ée]sent|\s+incorporated)",
        text,
    )
    if match and _plausible_name(match.group(1)):
        return match.group(1).strip(' «»"“”')
    from extractors.nlp import organisations

    if len(paragraph) > 800:  # not one party's paragraph: nothing worth asking the model
        return None
    found = [n for n in organisations(text[:400]) if n[:1].isupper() and _plausible_name(n)]
    return found[0] if found else None


_NOT_A_NAME = re.compile(
    r"\b(terms|conditions|agreement|contrat|accord|convention|introduction|pr[ée]ambule|article|"
    r"section|parties|the following|ci-dessous|purpose|objet)\b",
    re.I,
)


def _plausible_name(name: str) -> bool:
    """A company or establishment name: a few words, not a sentence or a document title."""
    return len(name.split()) <= 7 and not _NOT_A_NAME.search(name)
