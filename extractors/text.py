"""Text normalisation and document structure: folding, repeated headers/footers, headings,
table-of-contents lines and sections.

In: the lines of a :class:`~extractors.types.Document`. Out: :class:`Section` objects (a heading
line and the body lines under it), with running headers, footers and contents entries left out.

>>> fold("Réversibilité – Article 12")
'reversibilite - article 12'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from extractors.types import Document, Line

__all__ = ["Section", "body_lines", "fold", "is_heading", "is_toc_line", "sections"]

_DASHES = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "‐": "-",
        "’": "'",
        "‘": "'",
        "«": '"',
        "»": '"',
        "\u00a0": " ",
        "\u202f": " ",
    }
)
_NUMBERED = re.compile(
    r"^(article|art\.|section|chapitre|chapter|titre|annexe|annex|appendix|schedule|clause)"
    r"\s+([0-9]+(\.[0-9]+)*|[ivxlc]+|[a-z])\b",
    re.I,
)
_DECIMAL = re.compile(r"^([0-9]{1,2}(\.[0-9]{1,2}){0,3})\.?\s+\S")
_ROMAN = re.compile(r"^[IVXLC]+\s*[.\-–—)]\s+\S")
_TOC = re.compile(r"(\.{4,}|…{2,}|(\s\.){3,})\s*\d+\s*$|\s{2,}\d{1,3}\s*$")
_PAGE_NO = re.compile(r"^(page\s+)?\d+(\s*(/|sur|of)\s*\d+)?$", re.I)


def fold(text: str) -> str:
    """Lower case, accents removed, typographic dashes and quotes made plain."""
    text = unicodedata.normalize("NFKD", text.translate(_DASHES))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def is_toc_line(text: str) -> bool:
    """A table-of-contents entry: a title followed by dot leaders and a page number."""
    return bool(_TOC.search(text))


def is_heading(line: Line) -> bool:
    """A line that opens a section: numbered article, decimal number, or a short title in capitals."""
    text = line.text.strip()
    if not text or len(text) > 120 or is_toc_line(text):
        return False
    if _NUMBERED.match(text) or _ROMAN.match(text):
        return True
    if _DECIMAL.match(text) and len(text) < 90 and not text.rstrip().endswith((".", ";", ",")):
        return True
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and len(text) < 80 and all(c.isupper() for c in letters)


def _running_lines(document: Document) -> set[str]:
    """Folded texts (digits blanked) repeated at the top or bottom of most pages."""
    if len(document.pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in document.pages:
        edge = page.lines[:2] + page.lines[-2:]
        counts.update({re.sub(r"\d+", "#", fold(line.text)) for line in edge})
    threshold = max(2, int(len(document.pages) * 0.6))
    return {text for text, n in counts.items() if n >= threshold}


def body_lines(document: Document) -> list[Line]:
    """Every line except running headers/footers and bare page numbers."""
    running = _running_lines(document)
    kept = []
    for line in document.lines:
        folded = fold(line.text).strip()
        if _PAGE_NO.match(folded) or re.sub(r"\d+", "#", folded) in running:
            continue
        kept.append(line)
    return kept


@dataclass
class Section:
    heading: Line | None
    lines: list[Line] = field(default_factory=list)

    @property
    def all_lines(self) -> list[Line]:
        return ([self.heading] if self.heading else []) + self.lines


def sections(lines: list[Line]) -> list[Section]:
    """Split lines into sections at each heading; contents entries are dropped."""
    result = [Section(None)]
    for line in lines:
        if is_toc_line(line.text):
            continue
        if is_heading(line):
            result.append(Section(line))
        else:
            result[-1].lines.append(line)
    return [s for s in result if s.heading or s.lines]
