"""Lines as a PDF reader would give them, written by hand: one list of strings per page; a line's
box is as wide as its text (about 5 points a character), so short titles look short."""

from __future__ import annotations

from extractors.text import Section, sections
from extractors.types import Line


def page_lines(*pages: list[str]) -> list[Line]:
    out = []
    for page, rows in enumerate(pages, start=1):
        for number, text in enumerate(rows, start=1):
            top = 60.0 + 14 * number
            out.append(
                Line(page, number, text, (72.0, top, min(523.0, 72.0 + 5 * len(text)), top + 10))
            )
    return out


def parts(*pages: list[str]) -> list[Section]:
    return sections(page_lines(*pages))
