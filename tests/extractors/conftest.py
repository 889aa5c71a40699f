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


def write_columns(path: Path, title: str, left: list[str], right: list[str]) -> Path:
    """One A4 page: ``title`` across the page, then ``left`` paragraphs in the left column and
    ``right`` in the right one (reportlab frames, gutter of 1 cm)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph

    styles = getSampleStyleSheet()
    width, height = A4
    column = (width - 4 * cm - 1 * cm) / 2
    frames = [
        Frame(2 * cm, height - 4 * cm, width - 4 * cm, 2 * cm, id="title"),
        Frame(2 * cm, 2 * cm, column, height - 6 * cm, id="left"),
        Frame(2 * cm + column + 1 * cm, 2 * cm, column, height - 6 * cm, id="right"),
    ]
    doc = BaseDocTemplate(str(path), pagesize=A4, invariant=1)
    doc.addPageTemplates([PageTemplate("columns", frames)])
    story: list[object] = [Paragraph(title, styles["Heading1"]), FrameBreak()]
    story += [Paragraph(text, styles["BodyText"]) for text in left]
    story.append(FrameBreak())
    story += [Paragraph(text, styles["BodyText"]) for text in right]
    doc.build(story)
    return path


def write_lines(path: Path, pages: list[list[str]], header: str = "", footer: str = "") -> Path:
    """Pages of plain lines drawn one under the other (Helvetica 10, 14 pt apart), exactly as given
    (no re-wrapping: a line may end with a hyphen); ``header``/``footer`` on every page, where
    ``{n}`` and ``{total}`` become the page number and count."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    for number, lines in enumerate(pages, start=1):
        canvas.setFont("Helvetica", 8)
        if header:
            canvas.drawString(60, height - 40, header.format(n=number, total=len(pages)))
        if footer:
            canvas.drawRightString(width - 60, 30, footer.format(n=number, total=len(pages)))
        canvas.setFont("Helvetica", 10)
        for row, text in enumerate(lines):
            canvas.drawString(72, height - 90 - 14 * row, text)
        canvas.showPage()
    canvas.save()
    return path


@pytest.fixture
def make_columns(tmp_path: Path) -> Callable[..., Path]:
    def make(title: str, left: list[str], right: list[str], name: str = "columns.pdf") -> Path:
        return write_columns(tmp_path / name, title, left, right)

    return make


@pytest.fixture
def make_lines(tmp_path: Path) -> Callable[..., Path]:
    def make(
        pages: list[list[str]], header: str = "", footer: str = "", name: str = "lines.pdf"
    ) -> Path:
        return write_lines(tmp_path / name, pages, header, footer)

    return make
