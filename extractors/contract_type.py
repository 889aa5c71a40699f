"""What kind of contract a document is, read from its title: an HDS hosting contract, a data
processing agreement (GDPR art. 28) on its own, or an amendment to another contract. The rules
then require of each type its own clauses (the catalogue's ``required_for``).

In: the document's sections (:func:`extractors.text.sections`). Out: ``"hds_hosting"``,
``"dpa"``, ``"amendment"``, or None when the title says none of these (the rules then assume a
hosting contract and say so).

The title is the first heading of the document (or its first line when it has no heading before
the first article). An amendment's title starts with « Avenant » or « Amendment » (or
« Addendum » followed by its number or the contract it amends); a hosting contract's names the
hosting of (health) data; a DPA's names the processing of personal data and not hosting; a title
naming only managed or cloud services is taken for a hosting contract.

>>> kind_of_title("Avenant n° 2 au contrat d'hébergement de données de santé")
'amendment'
>>> kind_of_title("DATA PROCESSING AGREEMENT")
'dpa'
>>> kind_of_title("DATA PROCESSING AND HOSTING AGREEMENT (HDS)")
'hds_hosting'
"""

from __future__ import annotations

import re

from extractors.text import Section, fold

__all__ = ["contract_type", "kind_of_title", "title_of"]

_AMENDMENT = re.compile(
    r"^(avenant|amendment|amending agreement|addendum\s+(n\s*[o°]?\b|no\b|number|\d|to\b|au\b|"
    r"a\s+la\b|a\s+l'|du\b|aux\b))"
)
_HOSTING = re.compile(r"heberg|hosting|\bhds\b|donnees de sante|health data")
_DPA = re.compile(
    r"data processing (agreement|addendum|terms|exhibit|schedule)|data protection (agreement|"
    r"addendum)|\bdpa\b|(accord|contrat|convention|clauses?|annexe) de (sous-traitance|"
    r"traitement des donnees)|sous-traitance (des donnees|rgpd)|protection des donnees a "
    r"caractere personnel|\brgpd\b|\bgdpr\b|article 28"
)
_TITLED = ("heading", "preamble", "amendment")
_TITLE_LINES = 3
_SERVICES = re.compile(r"infogerance|cloud|infrastructure|managed services")


def kind_of_title(title: str) -> str | None:
    """The contract type a title names, or None."""
    folded = re.sub(r"\s+", " ", fold(title)).strip(" \t-:.")
    if not folded:
        return None
    if _AMENDMENT.search(folded):
        return "amendment"
    if _HOSTING.search(folded):
        return "hds_hosting"
    if _DPA.search(folded):
        return "dpa"
    if _SERVICES.search(folded):
        return "hds_hosting"
    return None


def title_of(sections: list[Section]) -> str:
    """The document's title: the heading of its first section (or its first line), with the
    lines in capitals that continue it (a title set over two or three lines)."""
    title: list[str] = []
    for section in sections[:_TITLE_LINES]:
        if section.heading is None or section.kind not in _TITLED:
            break
        if title and not _capitals(section.heading.text):
            break
        title.append(section.heading.text)
        following = section.lines[: _TITLE_LINES - len(title)]
        for line in following:
            if not _capitals(line.text):
                return " ".join(title)
            title.append(line.text)
        if section.lines:
            break
    if not title and sections and sections[0].all_lines:
        title.append(sections[0].all_lines[0].text)
    return " ".join(title)


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def contract_type(sections: list[Section]) -> str | None:
    """The type of the document whose sections are ``sections`` (see the module docstring)."""
    return kind_of_title(title_of(sections))
