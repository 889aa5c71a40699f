"""PDF access: the one module that touches pypdfium2 and pdfplumber.

``read_pdf(path)`` never raises on a bad document: it returns a :class:`Document` whose ``kind``
and ``errors`` say what is wrong (``unreadable``, ``encrypted``, ``empty``, ``damaged``).
Text comes from PDFium (fast, repairs broken cross-reference tables); pdfplumber is the fallback
reader when PDFium cannot open a file.

>>> doc = read_pdf(Path("contract.pdf"))          # doctest: +SKIP
>>> doc.kind, len(doc.pages), doc.pages[0].lines[0].text   # doctest: +SKIP
('contract', 12, 'CONTRAT D’HÉBERGEMENT DE DONNÉES DE SANTÉ')
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from extractors.types import Document, Issue, Line, Page

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_MAX_PAGES", "read_pdf"]

DEFAULT_MAX_PAGES = 2000
_HEAD = 1024
_TAIL = 2048
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF", re.S)


def read_pdf(path: Path, max_pages: int = DEFAULT_MAX_PAGES) -> Document:
    """Read every page of ``path`` into lines with page, line number and box."""
    data = path.read_bytes()
    if not data.strip():
        return Document([], "empty", [Issue("empty_file", "Le fichier est vide (0 octet).")])
    if b"%PDF-" not in data[:_HEAD]:
        return Document([], "unreadable", [Issue("not_pdf", "Le fichier n'est pas un PDF.")])
    structure = _structure_problem(data)
    try:
        pages = _read_with_pdfium(data, max_pages)
    except _Encrypted:
        return Document(
            [], "encrypted", [Issue("encrypted", "Le PDF est protégé par un mot de passe.")]
        )
    except _Unopenable as exc:
        log.info("PDFium could not open the file (%s); trying pdfplumber", exc)
        try:
            pages = _read_with_pdfplumber(path, max_pages)
        except Exception as exc2:  # pdfminer raises many unrelated types on broken input
            return Document(
                [], "unreadable", [Issue("unreadable", f"Le PDF n'a pas pu être lu : {exc2}")]
            )
        structure = structure or "le fichier n'a pu être ouvert que par le lecteur de secours"
    errors: list[Issue] = []
    kind = "contract"
    if structure:
        kind = "damaged"
        errors.append(Issue("repaired", f"PDF endommagé, reconstruit à la lecture : {structure}."))
    truncated = [p for p in pages if p is None]
    if truncated:
        errors.append(Issue("page_limit", f"Seules les {max_pages} premières pages ont été lues."))
    read_pages = [p for p in pages if p is not None]
    if not any(p.lines for p in read_pages) and kind == "contract":
        kind = "empty"
        errors.append(Issue("no_text", "Aucun texte lisible dans le document."))
    return Document(read_pages, kind, errors)  # type: ignore[arg-type]


class _Encrypted(Exception):
    pass


class _Unopenable(Exception):
    pass


def _structure_problem(data: bytes) -> str | None:
    """Describe a broken trailer (what PDF readers must rebuild), or None when it looks sound."""
    tail = data[-_TAIL:]
    if b"%%EOF" not in tail:
        return "fin de fichier (%%EOF) absente, fichier probablement tronqué"
    matches = list(_STARTXREF.finditer(tail))
    if not matches:
        return "pointeur startxref absent"
    offset = int(matches[-1].group(1))
    if offset >= len(data):
        return "table des références croisées hors du fichier"
    target = data[offset : offset + 32].lstrip()
    if not (target.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj", target)):
        return "table des références croisées introuvable à l'adresse indiquée"
    return None


def _read_with_pdfium(data: bytes, max_pages: int) -> list[Page | None]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise _Encrypted from exc
        raise _Unopenable(str(exc)) from exc
    try:
        pages: list[Page | None] = []
        for index in range(len(pdf)):
            if index >= max_pages:
                pages.append(None)
                break
            page = pdf[index]
            try:
                pages.append(_pdfium_page(page, index + 1))
            finally:
                page.close()
        return pages
    finally:
        pdf.close()


def _pdfium_page(page: object, number: int) -> Page:
    height = page.get_height()  # type: ignore[attr-defined]
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        segments = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top)
            text = " ".join(text.split())
            if text:
                segments.append((height - top, height - bottom, left, right, text))
    finally:
        textpage.close()
    return Page(number, _group_lines(segments, number))


def _group_lines(segments: list[tuple[float, float, float, float, str]], page: int) -> list[Line]:
    """Merge text segments that share a baseline into lines, top to bottom, left to right."""
    segments.sort(key=lambda s: (round(s[0] + s[1]), s[2]))
    rows: list[list[tuple[float, float, float, float, str]]] = []
    for seg in segments:
        middle = (seg[0] + seg[1]) / 2
        if rows:
            last = rows[-1]
            top = min(s[0] for s in last)
            bottom = max(s[1] for s in last)
            if top - 1 <= middle <= bottom + 1:
                last.append(seg)
                continue
        rows.append([seg])
    lines = []
    for n, row in enumerate(rows, start=1):
        row.sort(key=lambda s: s[2])
        text = " ".join(s[4] for s in row)
        bbox = (
            min(s[2] for s in row),
            min(s[0] for s in row),
            max(s[3] for s in row),
            max(s[1] for s in row),
        )
        lines.append(Line(page, n, text, bbox))
    return lines


def _read_with_pdfplumber(path: Path, max_pages: int) -> list[Page | None]:
    import pdfplumber

    pages: list[Page | None] = []
    with pdfplumber.open(path) as pdf:
        for index, plumber_page in enumerate(pdf.pages):
            if index >= max_pages:
                pages.append(None)
                break
            lines = []
            for n, row in enumerate(plumber_page.extract_text_lines(), start=1):
                text = " ".join(row["text"].split())
                if text:
                    lines.append(
                        Line(index + 1, n, text, (row["x0"], row["top"], row["x1"], row["bottom"]))
                    )
            pages.append(Page(index + 1, lines))
    return pages
