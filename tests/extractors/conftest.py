"""Tiny PDFs made on the spot with reportlab: one paragraph per string, headings marked '#'."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


def write_pdf(path: Path, paragraphs: list[str], page_break_every: int = 0) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    story: list[object] = []
    for index, text in enumerate(paragraphs, start=1):
        style = styles["Heading2"] if text.startswith("#") else styles["Normal"]
        story += [Paragraph(text.lstrip("# "), style), Spacer(1, 6)]
        if page_break_every and index % page_break_every == 0:
            story.append(PageBreak())
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)
    return path


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., Path]:
    def make(paragraphs: list[str], name: str = "doc.pdf", page_break_every: int = 0) -> Path:
        return write_pdf(tmp_path / name, paragraphs, page_break_every)

    return make
