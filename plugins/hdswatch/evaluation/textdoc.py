"""Plain or Markdown text as a document of pseudo-pages, for corpora that come without PDFs.

In: a text. Out: a :class:`~extractors.types.Document` whose pages hold ``lines_per_page`` lines
each. Paragraphs are wrapped at ``width`` characters, as a printed page would wrap them; Markdown
marks and HTML tags are removed (``**bold**``, ``[text](link)``, ``<li>``), and a Markdown title (``## Term``), which a
PDF would set in bold, is written in capitals so that it reads as a title. Boxes are zero: there
is no page to draw on.

>>> doc = text_document("## Term\\n\\nThe **Agreement** starts [today](https://x.example).", 1)
>>> [(line.page, line.number, line.text) for line in doc.lines]
[(1, 1, 'TERM'), (2, 1, 'The Agreement starts today.')]
"""

from __future__ import annotations

import re
import textwrap

from extractors.types import Document, Line, Page

__all__ = ["text_document"]

_TITLE = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w))")


def _clean(row: str) -> str:
    return re.sub(r"\s+", " ", _EMPHASIS.sub("", _LINK.sub(r"\1", _TAG.sub(" ", row)))).strip()


def text_document(text: str, lines_per_page: int = 50, width: int = 100) -> Document:
    rows: list[str] = []
    for raw in text.splitlines():
        title = _TITLE.match(raw.strip())
        row = _clean(title.group(1)).upper() if title else _clean(raw)
        if row:
            rows += textwrap.wrap(row, width) if len(row) > width else [row]
    pages = []
    for start in range(0, len(rows), lines_per_page):
        number = start // lines_per_page + 1
        chunk = rows[start : start + lines_per_page]
        lines = [Line(number, i, row, (0.0, 0.0, 0.0, 0.0)) for i, row in enumerate(chunk, start=1)]
        pages.append(Page(number, lines))
    return Document(pages)
