"""Text normalisation and document structure: folding, headings, the table of contents,
articles, numbered clauses, annexes and amendments.

In: the lines of a :class:`~extractors.types.Document`. Out: :class:`Section` objects (a heading
line and the body lines under it) that know what they are: the preamble, an article, a numbered
clause inside an article, an annex, or the title of an amendment (« Avenant n°2 »), and to which
annex and which amendment they belong. Table-of-contents entries are recognised and left out, so
that a title listed in the contents is never taken for the clause itself.

>>> fold("Réversibilité – Article 12")
'reversibilite - article 12'
>>> heading_kind("ANNEXE V – PLAN DE RÉVERSIBILITÉ")
('annex', '5')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from extractors.types import Document, Line

__all__ = [
    "Section",
    "annex_numbers",
    "body_lines",
    "fold",
    "heading_kind",
    "is_heading",
    "is_toc_line",
    "normalise_number",
    "sections",
    "toc_lines",
]

_DASHES = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "‐": "-",
        "’": "'",
        "‘": "'",
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "\u00a0": " ",
        "\u202f": " ",
    }
)
_NUMBER = r"(?:n[°o]\.?\s*|no\.?\s*|number\s+)?([0-9]+(?:\.[0-9]+)*|[ivxlc]+|[a-z])"
_ORDINAL_AMENDMENT = re.compile(
    r"^((premier|deuxieme|second|troisieme|first|second|third|fourth)\s+(avenant|amendment|addendum)|"
    r"(avenant|amendment|addendum)\s+(unique|no\.?\s*\d+|n.\s*\d+))\b",
    re.I,
)
_NUMBERED = re.compile(
    r"^(article|art\.|section|chapitre|chapter|titre|title|partie|part|annexe|annex|appendix|"
    r"appendice|schedule|exhibit|clause|avenant|amendment|addendum)\s+" + _NUMBER + r"\b\.?(.*)$",
    re.I,
)
_AFTER_NUMBER = re.compile(r"^\s*$|^\s*[-–—:.)]|^\s*[A-ZÀ-Ý«\"“(]")
_AFTER_AMENDMENT = re.compile(r"^\s+(au|a|to|of|du|de)\s", re.I)
_DECIMAL = re.compile(r"^([0-9]{1,2}(?:\.[0-9]{1,2}){0,3})\.?\s+([A-ZÀ-Ý«\"“(].*)$")
_LETTER = re.compile(r"^\(([a-z])\)\s+([A-ZÀ-Ý«\"“].*)$")
_ROMAN = re.compile(r"^([IVXLC]+)\s*[.\-–—)]\s+\S")
_TOC = re.compile(r"(\.{4,}|…{2,}|(\s\.){3,}|_{4,})\s*\d+\s*$|\s{2,}\d{1,3}\s*$")
_TRAILING_PAGE = re.compile(r"\s+\d{1,3}\s*$")
_CONTENTS_TITLE = re.compile(
    r"^(sommaire|table des matieres|contents|table of contents|index des articles)\s*:?$"
)
_PAGE_NO = re.compile(r"^(page\s+)?\d+(\s*(/|sur|of)\s*\d+)?$", re.I)
_KINDS = {
    "annexe": "annex",
    "annex": "annex",
    "appendix": "annex",
    "appendice": "annex",
    "schedule": "annex",
    "exhibit": "annex",
    "avenant": "amendment",
    "amendment": "amendment",
    "addendum": "amendment",
}
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ENDS = (".", ";", ":", "!", "?")
_FULL_WIDTH = 0.93  # a line reaching this share of the page's text width is wrapped prose


class _Marks(dict[int, int | None]):
    """``str.translate`` table that drops combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_NO_MARKS = _Marks()


def fold(text: str) -> str:
    """Lower case, accents removed, typographic dashes and quotes made plain."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.translate(_DASHES))
    return text.translate(_NO_MARKS).lower()


def normalise_number(token: str) -> str:
    """``"V"`` → ``"5"``, ``"12"`` → ``"12"``, ``"A"`` → ``"a"`` (annex and article numbers)."""
    word = token.lower().rstrip(".")
    if word and all(c in _ROMAN_VALUES for c in word) and (len(word) > 1 or word in "ivx"):
        total, previous = 0, 0
        for char in reversed(word):
            value = _ROMAN_VALUES[char]
            total += -value if value < previous else value
            previous = max(previous, value)
        return str(total)
    return word


def is_toc_line(text: str) -> bool:
    """A table-of-contents entry: a title followed by dot leaders and a page number."""
    return bool(_TOC.search(text))


def heading_kind(text: str) -> tuple[str, str | None]:
    """What a heading opens and its number: ``("article", "14")``, ``("clause", "14.2")``,
    ``("annex", "5")``, ``("amendment", "2")`` or ``("heading", None)`` for a plain title."""
    text = text.strip()
    match = _NUMBERED.match(text)
    if match:
        word, number = match.group(1).lower(), normalise_number(match.group(2))
        kind = _KINDS.get(word, "article")
        return (kind if "." not in number or kind != "article" else "clause"), number
    roman = _ROMAN.match(text)
    if roman:
        return "article", normalise_number(roman.group(1))
    decimal = _DECIMAL.match(text)
    if decimal:
        number = decimal.group(1)
        return ("clause" if "." in number else "article"), number
    letter = _LETTER.match(text)
    if letter:
        return "clause", letter.group(1)
    if _ORDINAL_AMENDMENT.match(fold(text)):
        return "amendment", None
    return "heading", None


def _numbered_title(text: str) -> bool:
    """« Article 9 – Réversibilité » is a title, « Article 9 du contrat est modifié » is not."""
    match = _NUMBERED.match(text)
    if not match:
        return False
    rest = match.group(3)
    return bool(_AFTER_NUMBER.match(rest)) or (
        _KINDS.get(match.group(1).lower()) == "amendment" and bool(_AFTER_AMENDMENT.match(rest))
    )


def is_heading(line: Line, full_width: float | None = None) -> bool:
    """A line that opens a section: numbered article or annex, decimal number, or a short title in
    capitals. ``full_width``: the right edge of wrapped prose on the page, when known (a numbered
    line that reaches it is the start of a numbered paragraph, not a title)."""
    text = line.text.strip()
    if not text or len(text) > 120 or is_toc_line(text):
        return False
    if _numbered_title(text) and not text.endswith((",", ";")):
        return True
    wrapped = full_width is not None and line.bbox[2] >= full_width
    if wrapped or (text.endswith((".", ";", ",", ":")) and not _ROMAN.match(text)):
        return False
    if _ROMAN.match(text):
        return len(text) < 90
    decimal = _DECIMAL.match(text) or _LETTER.match(text)
    if decimal and len(text) < 90:
        title = decimal.group(2)
        return len(title.split()) <= 12 and (title[0].isupper() or title[0] in '«"“')
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and len(text) < 80 and all(c.isupper() for c in letters)


def body_lines(document: Document) -> list[Line]:
    """Every line except running headers/footers and page numbers, hyphenated line ends rejoined
    (the work of :func:`extractors.layout.body_lines`)."""
    from extractors import layout

    return layout.body_lines(document)


def _toc_key(text: str) -> str:
    """A contents entry and the heading it lists compare equal: no leaders, page number, case."""
    text = re.sub(r"(\.{2,}|…+|(\s\.){2,}|_{2,})", " ", fold(text))
    return re.sub(r"\s+", " ", _TRAILING_PAGE.sub("", text)).strip(" .-")


def toc_lines(lines: list[Line]) -> set[tuple[int, int]]:
    """``(page, line)`` of every table-of-contents line: dot-leader entries, and the block under a
    « Sommaire » / « Table des matières » / « Contents » title, which ends where its first entry
    appears again as a real heading, or at the first line of prose."""
    found: set[tuple[int, int]] = set()
    index = 0
    while index < len(lines):
        line = lines[index]
        if is_toc_line(line.text):
            found.add((line.page, line.number))
        if not _CONTENTS_TITLE.match(fold(line.text).strip()):
            index += 1
            continue
        found.add((line.page, line.number))
        first: str | None = None
        paged = False
        index += 1
        while index < len(lines):
            entry = lines[index]
            text = entry.text.strip()
            key = _toc_key(text)
            bare = _TRAILING_PAGE.sub("", text)
            listed = is_toc_line(text) or (_TRAILING_PAGE.search(text) and len(text) < 110)
            heading_like = is_heading(Line(entry.page, entry.number, bare, entry.bbox))
            if first is not None and key == first and not is_toc_line(text):
                break
            if not (listed or (heading_like and not paged) or _PAGE_NO.match(text)):
                break
            paged = paged or (first is None and bool(listed))
            first = first or key
            found.add((entry.page, entry.number))
            index += 1
    return found


@dataclass
class Section:
    """A heading and the lines under it. ``kind``: preamble, article, clause (a numbered
    sub-clause), annex, amendment (its title), heading (an unnumbered title) or body.
    ``annex``: the annex number the section belongs to; ``part``: the amendment's title for the
    sections of an amendment (``None`` in the contract itself); ``parent``: index of the enclosing
    article in the list, for a numbered clause."""

    heading: Line | None
    lines: list[Line] = field(default_factory=list)
    kind: str = "body"
    number: str | None = None
    annex: str | None = None
    part: str | None = None
    parent: int | None = None

    @property
    def all_lines(self) -> list[Line]:
        return ([self.heading] if self.heading else []) + self.lines


def _full_widths(lines: list[Line]) -> dict[int, float]:
    """Per page, the right edge beyond which a line counts as wrapped prose."""
    edges: dict[int, list[float]] = {}
    for line in lines:
        edges.setdefault(line.page, []).append(line.bbox[2])
    out = {}
    for page, values in edges.items():
        left = min(line.bbox[0] for line in lines if line.page == page)
        right = sorted(values)[int(len(values) * 0.9)] if len(values) >= 5 else max(values)
        out[page] = left + (right - left) * _FULL_WIDTH if right > left else right
    return out


_DANGLING = re.compile(
    r"\b(au|aux|a|à|de|des|du|d'|d’|la|le|les|l'|l’|en|et|sur|pour|par|avec|of|the|and|to|for|on|"
    r"in|with|by|from)$|[-–—,]$",
    re.I,
)


def _continues(heading: Line, line: Line) -> bool:
    """A title cut by a narrow column goes on in the next line: « ARTICLE VIII – Territorialité
    de » / « l'hébergement »."""
    text = line.text.strip()
    if line.page != heading.page or not text or len(text) > 60 or text.endswith(_ENDS):
        return False
    if _NUMBERED.match(text) or _DECIMAL.match(text):
        return False
    return bool(_DANGLING.search(heading.text.strip())) or (
        text[0].islower() and len(text.split()) <= 4
    )


def _joined(first: Line, second: Line) -> Line:
    box = (
        min(first.bbox[0], second.bbox[0]),
        min(first.bbox[1], second.bbox[1]),
        max(first.bbox[2], second.bbox[2]),
        max(first.bbox[3], second.bbox[3]),
    )
    return replace(first, text=f"{first.text.rstrip()} {second.text.strip()}", bbox=box)


def sections(lines: list[Line]) -> list[Section]:
    """Split lines into sections at each heading; contents entries are dropped."""
    skip = toc_lines(lines)
    widths = _full_widths(lines)
    result = [Section(None, kind="preamble")]
    article: int | None = None
    annex: str | None = None
    part: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if (line.page, line.number) in skip:
            continue
        text = line.text.strip()
        if is_heading(line, widths.get(line.page)):
            while index < len(lines) and _continues(line, lines[index]):
                line = _joined(line, lines[index])
                index += 1
            text = line.text.strip()
            kind, number = heading_kind(text)
            if kind == "amendment":
                part, annex = re.sub(r"\s+", " ", text.split("–")[0].split(" - ")[0]), None
            elif kind == "annex":
                annex = number
            result.append(Section(line, [], kind, number, annex, part))
            if kind == "clause" and article is not None:
                result[-1].parent = article
            elif kind != "clause":
                article = len(result) - 1
            continue
        decimal = _DECIMAL.match(text)
        opens = not result[-1].lines or result[-1].lines[-1].text.rstrip().endswith(_ENDS)
        if decimal and "." in decimal.group(1) and article is not None and opens:
            # a numbered paragraph without a title: « 14.2 Le Prestataire restitue … »
            result.append(Section(None, [line], "clause", decimal.group(1), annex, part, article))
            continue
        result[-1].lines.append(line)
    kept = [i for i, s in enumerate(result) if s.heading or s.lines]
    position = {old: new for new, old in enumerate(kept)}
    for index in kept:
        parent = result[index].parent
        result[index].parent = position.get(parent) if parent is not None else None
    return [result[i] for i in kept]


def annex_numbers(parts: list[Section]) -> set[str]:
    """Numbers of the annexes the document contains (``{"1", "2"}``)."""
    return {s.number for s in parts if s.kind == "annex" and s.number}
