"""PDF access: the one module that touches pypdfium2, pdfplumber and pikepdf.

In: a path. Out: a :class:`~extractors.types.Document`: every page with its lines in reading order
(words, boxes in points from the top left), its ruled tables, and whether OCR gave its text.
``read_pdf`` never raises on a bad document: ``kind`` and ``errors`` say what is wrong.

Each reader does what it does best:

- PDFium (pypdfium2) reads the text layer, character by character with boxes (≈ 50 times faster
  than pdfminer), renders scanned pages for OCR, and spots pages drawn with ruling lines;
- pdfplumber finds the cells of ruled tables, on those pages only (:mod:`extractors.layout` reads
  them as rows);
- pikepdf (qpdf) rebuilds a broken cross-reference table by scanning the objects; PDFium then
  reads the repaired bytes, and pages whose content was lost are named in ``errors``;
- pages without a usable text layer (a scan) go to :mod:`extractors.ocr` (Tesseract), at 300 dpi.

Kinds: ``empty`` (0 byte, or no text and nothing to recognise), ``unreadable`` (not a PDF, nothing
recovered, or only scanned pages and no OCR), ``encrypted`` (password needed to open),
``damaged`` (repaired: what was recovered is read), else ``contract`` (decided later from the text).

>>> doc = read_pdf(Path("contract.pdf"))          # doctest: +SKIP
>>> doc.kind, len(doc.pages), doc.pages[0].lines[0].text   # doctest: +SKIP
('contract', 12, 'CONTRAT D’HÉBERGEMENT DE DONNÉES DE SANTÉ')
"""

from __future__ import annotations

import ctypes
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors import layout, ocr
from extractors.types import BBox, Document, Issue, Kind, Page, Table, Word

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_MAX_PAGES", "read_pdf", "render_page"]

DEFAULT_MAX_PAGES = 2000
_HEAD = 1024
_TAIL = 2048
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF", re.S)
_MIN_TEXT_CHARS = 20  # fewer printable characters than this: the page has no usable text layer
_MIN_IMAGE_SHARE = 0.25  # ... and an image this large (share of the page) is worth recognising


def read_pdf(
    path: Path, max_pages: int = DEFAULT_MAX_PAGES, ocr_jobs: int | None = None
) -> Document:
    """Read every page of ``path`` (up to ``max_pages``) into lines with page, line number and box.

    ``ocr_jobs``: pages recognised at once when some need OCR (default :func:`ocr.default_jobs`).
    """
    data = path.read_bytes()
    if not data.strip():
        return Document([], "empty", [Issue("empty_file", "Le fichier est vide (0 octet).")])
    if b"%PDF-" not in data[:_HEAD]:
        return Document([], "unreadable", [Issue("not_pdf", "Le fichier n'est pas un PDF.")])
    try:
        source = _open(data)
    except _Encrypted:
        return Document(
            [], "encrypted", [Issue("encrypted", "Le PDF est protégé par un mot de passe.")]
        )
    try:
        if source.pdf is None:
            pages = _read_with_pdfplumber(source.data, max_pages)
        else:
            try:
                pages = _read_with_pdfium(source, max_pages, ocr_jobs)
            finally:
                source.pdf.close()
    except _Unopenable as exc:
        failure = Issue("unreadable", f"Le PDF n'a pu être ni lu ni réparé ({exc}).")
        return Document([], "unreadable", [failure])
    return _finish(pages, source, max_pages)


@dataclass
class _Source:
    """An opened PDF: PDFium's handle (None when only pdfplumber could open it), the bytes read,
    the repair made and the pages whose content was lost."""

    pdf: Any
    data: bytes
    repair: str | None = None
    lost: list[int] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


class _Encrypted(Exception):
    pass


class _Unopenable(Exception):
    pass


def _open(data: bytes) -> _Source:
    """Open with PDFium; when the structure is broken, repair with qpdf first; pdfplumber last."""
    problem = _structure_problem(data)
    if problem is None:
        try:
            return _Source(_pdfium(data), data)
        except _Unopenable as exc:
            problem = f"PDFium ne l'ouvre pas ({exc})"
    repaired = _repair(data)
    if repaired is not None:
        fixed, lost = repaired
        try:
            return _Source(_pdfium(fixed), fixed, problem, lost)
        except _Unopenable:
            log.info("PDFium could not open the repaired file either")
    try:
        return _Source(_pdfium(data), data, problem)
    except _Unopenable as exc:
        log.info("PDFium could not open the file (%s); trying pdfplumber", exc)
    return _Source(
        None, data, problem or "le fichier n'a pu être ouvert que par le lecteur de secours"
    )


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
    near = data[max(0, offset - 8) : offset + 40]  # a few bytes off is common and harmless
    if b"xref" not in near and not re.search(rb"\d+\s+\d+\s+obj", near):
        return "table des références croisées introuvable à l'adresse indiquée"
    return None


def _pdfium(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise _Encrypted from exc
        raise _Unopenable(str(exc)) from exc


def _repair(data: bytes) -> tuple[bytes, list[int]] | None:
    """qpdf's reconstruction (objects found by scanning the file), saved as a sound PDF; with the
    1-based numbers of pages left without content. None when nothing could be rebuilt."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            lost = [n for n, page in enumerate(pdf.pages, start=1) if not _has_content(page)]
            if len(lost) == len(pdf.pages):
                return None
            out = io.BytesIO()
            pdf.save(out)
            return out.getvalue(), lost
    except pikepdf.PasswordError as exc:
        raise _Encrypted from exc
    except Exception as exc:  # qpdf raises on anything it cannot rebuild
        log.info("qpdf could not repair the file: %s", exc)
        return None


def _has_content(page: Any) -> bool:
    import pikepdf

    try:
        contents = page.obj.get("/Contents")
        if contents is None:
            return False
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        return any(len(s.read_bytes()) for s in streams)
    except Exception:  # a stream cut in the middle
        return False


# --- reading with PDFium ------------------------------------------------------------------------


def _read_with_pdfium(source: _Source, max_pages: int, ocr_jobs: int | None) -> list[Page | None]:
    """Pages in order, a final None when the page limit cut the document; scanned pages OCRed."""
    import pypdfium2 as pdfium

    pdf = source.pdf
    count = len(pdf)
    words: dict[int, list[Word]] = {}
    sizes: dict[int, tuple[float, float]] = {}
    ruled: list[int] = []
    scanned: list[int] = []
    for index in range(min(count, max_pages)):
        number = index + 1
        words[number], sizes[number] = [], (0.0, 0.0)
        try:
            page = pdf[index]
        except pdfium.PdfiumError as exc:
            source.issues.append(Issue("page_unreadable", f"Page {number} illisible : {exc}."))
            continue
        try:
            sizes[number] = page.get_size()
            words[number], printable = _page_words(page)
            if _unusable(words[number], printable) and _has_large_image(page):
                scanned.append(number)
            elif _looks_ruled(page):
                ruled.append(number)
        finally:
            page.close()
    tables = _find_tables(source.data, ruled, words) if ruled else {}
    pages: list[Page | None] = []
    for number in sorted(words):
        width, height = sizes[number]
        found = tables.get(number, [])
        lines = (
            []
            if number in scanned
            else layout.page_lines(words[number], number, width, height, found)
        )
        pages.append(Page(number, lines, False, width, height, found))
    if count > max_pages:
        pages.append(None)
    if scanned and ocr.missing() is None:
        for number, result in ocr.recognise_pages(_renders(pdf, scanned), ocr_jobs):
            page_read = pages[number - 1]
            assert page_read is not None
            if isinstance(result, ocr.OcrError):
                source.issues.append(
                    Issue("ocr_failed", f"Échec de la reconnaissance de texte : {result}")
                )
            else:
                page_read.lines, page_read.ocr = result, True
    elif scanned:
        pages_list = ", ".join(str(n) for n in scanned)
        source.issues.append(
            Issue(
                "ocr_unavailable",
                f"Page(s) {pages_list} sans texte (numérisées) : reconnaissance de texte "
                f"impossible, {ocr.missing()}.",
            )
        )
    return pages


def _renders(pdf: Any, numbers: list[int]) -> Iterator[tuple[int, Any]]:
    for number in numbers:

        def render(index: int = number - 1) -> Any:
            page = pdf[index]
            try:
                return page.render(scale=ocr.DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()

        yield number, render


def _page_words(page: Any) -> tuple[list[Word], int]:
    """Words of the text layer (box origin at the page's top left), and the count of printable
    characters (a text layer of unmapped glyphs has words but nothing printable).

    PDFium's text marks word gaps and line ends with (generated) spaces and line breaks; a word's
    box joins the loose boxes of its first and last characters (two calls per word, not per
    character). A run that changes line without a break is split character by character."""
    import pypdfium2.raw as raw

    left, _bottom, _right, top = page.get_bbox()
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        text = _clean(_page_text(handle, count))  # same length: indices still match
        rect = raw.FS_RECTF()

        def box(i: int) -> tuple[float, float, float, float]:
            raw.FPDFText_GetLooseCharBox(handle, i, ctypes.byref(rect))
            return rect.left, rect.top, rect.right, rect.bottom

        words: list[Word] = []
        for run in _RUN.finditer(text):
            first, last = box(run.start()), box(run.end() - 1)
            height = first[1] - first[3]
            if height <= 0 or abs(last[3] - first[3]) > 0.5 * height or last[2] < first[0]:
                spans = _split_run(run.start(), run.end(), box)
            else:
                spans = [(run.start(), run.end(), first, last)]
            for i, j, a, b in spans:
                x0, x1 = min(a[0], b[0]), max(a[2], b[2])
                y_top, y_bottom = max(a[1], b[1]), min(a[3], b[3])
                if x1 > x0 and y_top > y_bottom:
                    words.append(
                        Word(text[i:j], (x0 - left, top - y_top, x1 - left, top - y_bottom))
                    )
        printable = sum(len(w.text) for w in words) - sum(w.text.count("\ufffd") for w in words)
        return words, printable
    finally:
        textpage.close()


_RUN = re.compile(r"[^\s\x00\x01\x03-\x1f]+")
_UNMAPPED = re.compile("[\ue000-\uf8ff\ufffd]")


def _page_text(handle: Any, count: int) -> str:
    """The page's text, one character per PDFium character index."""
    import pypdfium2.raw as raw

    buffer = ctypes.create_string_buffer((count + 1) * 2)
    raw.FPDFText_GetText(handle, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
    if len(text) != count:  # characters outside the BMP: ask one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(handle, i) or 0xFFFD) for i in range(count))
    return text


def _clean(text: str) -> str:
    """PDFium marks a hyphen at a line end U+0002 (per character) or U+FFFE (in the page text):
    it becomes "-" (a soft hyphen U+00AD stays, for :func:`layout.rejoin_hyphens` to drop);
    unmapped glyphs become U+FFFD."""
    text = text.replace("\x02", "-").replace("\ufffe", "-")
    return _UNMAPPED.sub("\ufffd", text)


def _split_run(
    start: int, end: int, box: Any
) -> list[tuple[int, int, tuple[float, ...], tuple[float, ...]]]:
    """Split characters ``start:end`` where the baseline jumps or the text moves back left."""
    spans: list[tuple[int, int, tuple[float, ...], tuple[float, ...]]] = []
    first = previous = box(start)
    begin = start
    for i in range(start + 1, end):
        current = box(i)
        height = max(previous[1] - previous[3], 1.0)
        if abs(current[3] - previous[3]) > 0.5 * height or current[0] < previous[0] - 1:
            spans.append((begin, i, first, previous))
            begin, first = i, current
        previous = current
    spans.append((begin, end, first, previous))
    return spans


def _unusable(words: list[Word], printable: int) -> bool:
    total = sum(len(w.text) for w in words)
    return printable < _MIN_TEXT_CHARS or printable < 0.7 * total


def _has_large_image(page: Any) -> bool:
    import pypdfium2.raw as raw

    width, height = page.get_size()
    for image in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        x0, y0, x1, y1 = image.get_bounds()
        if (x1 - x0) * (y1 - y0) >= _MIN_IMAGE_SHARE * width * height:
            return True
    return False


def _looks_ruled(page: Any) -> bool:
    """Drawn with horizontal and vertical rules or boxes, as a ruled table is (a lone line under
    a header is not)."""
    import pypdfium2.raw as raw

    across = down = 0
    for path in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=3):
        x0, y0, x1, y1 = path.get_bounds()
        width, height = x1 - x0, y1 - y0
        if height < 3 and width > 20:
            across += 1
        elif width < 3 and height > 8:
            down += 1
        elif width > 20 and height > 8:
            grid = raw.FPDFPath_CountSegments(path.raw) >= 10
            across, down = across + (3 if grid else 2), down + 2
        if across >= 3 and down >= 2:
            return True
    return False


# --- tables with pdfplumber ---------------------------------------------------------------------


def _find_tables(
    data: bytes, numbers: list[int], words: dict[int, list[Word]]
) -> dict[int, list[Table]]:
    """Ruled tables of the given pages (cells found by pdfplumber, text from PDFium's words)."""
    import pdfplumber

    found: dict[int, list[Table]] = {}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number in numbers:
                page = pdf.pages[number - 1]
                x_shift, y_shift = page.bbox[0], page.bbox[1]
                for candidate in page.find_tables():
                    grid = [
                        [_shift(cell, x_shift, y_shift) if cell else None for cell in row.cells]
                        for row in candidate.rows
                    ]
                    table = layout.fill_table(number, grid, words[number])
                    if table is not None:
                        found.setdefault(number, []).append(table)
                page.close()
    except Exception as exc:  # pdfminer raises many unrelated types on odd input
        log.info("pdfplumber could not find tables: %s", exc)
    return found


def _shift(box: tuple[float, float, float, float], dx: float, dy: float) -> BBox:
    return (box[0] - dx, box[1] - dy, box[2] - dx, box[3] - dy)


# --- pdfplumber alone, when PDFium cannot open the file -----------------------------------------


def _read_with_pdfplumber(data: bytes, max_pages: int) -> list[Page | None]:
    import pdfplumber

    pages: list[Page | None] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for index, plumber_page in enumerate(pdf.pages):
                if index >= max_pages:
                    pages.append(None)
                    break
                words = [
                    Word(w["text"], (w["x0"], w["top"], w["x1"], w["bottom"]))
                    for w in plumber_page.extract_words()
                ]
                width, height = float(plumber_page.width), float(plumber_page.height)
                lines = layout.page_lines(words, index + 1, width, height)
                pages.append(Page(index + 1, lines, False, width, height))
    except Exception as exc:  # pdfminer raises many unrelated types on broken input
        raise _Unopenable(str(exc)) from exc
    return pages


# --- the verdict --------------------------------------------------------------------------------


def _finish(pages: list[Page | None], source: _Source, max_pages: int) -> Document:
    errors: list[Issue] = []
    kind: Kind = "contract"
    if source.repair:
        kind = "damaged"
        errors.append(
            Issue("repaired", f"PDF endommagé, reconstruit à la lecture : {source.repair}.")
        )
    if source.lost:
        errors.append(
            Issue(
                "pages_lost",
                f"Contenu perdu (non analysé) : page(s) {_ranges(source.lost)} sur {len(pages)}.",
            )
        )
    errors += source.issues
    if pages and pages[-1] is None:
        errors.append(Issue("page_limit", f"Seules les {max_pages} premières pages ont été lues."))
    read = [p for p in pages if p is not None]
    if not any(p.lines for p in read):
        if any(e.code == "ocr_unavailable" for e in errors):
            kind = "unreadable"
        elif source.repair:
            kind = "unreadable"
            errors.append(Issue("nothing_recovered", "Aucun texte n'a pu être récupéré du PDF."))
        else:
            kind = "empty"
            errors.append(Issue("no_text", "Aucun texte lisible dans le document."))
    return Document(read, kind, errors)


def _ranges(numbers: list[int]) -> str:
    """``[6, 7, 8, 10]`` → ``"6 à 8, 10"``."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][-1] + 1:
            spans[-1].append(n)
        else:
            spans.append([n])
    return ", ".join(f"{s[0]} à {s[-1]}" if len(s) > 2 else ", ".join(map(str, s)) for s in spans)


def render_page(path: Path, page: int, scale: float = 1.5) -> bytes:
    """The 1-based ``page`` of ``path`` as PNG bytes, ``scale`` pixels per PDF point.

    Boxes in points from the top left (as in :class:`~extractors.types.Line`) map to pixels by
    multiplying by ``scale``. Raises ``ValueError`` for a page the document does not have."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        if not 1 <= page <= len(pdf):
            raise ValueError(f"page {page} not in 1..{len(pdf)}")
        handle = pdf[page - 1]
        try:
            image = handle.render(scale=scale).to_pil()
        finally:
            handle.close()
    finally:
        pdf.close()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def page_count(path: Path) -> int | None:
    """Pages of a PDF that PDFium opens, read from its page tree without reading any page;
    None when it does not open (not a PDF, encrypted, broken: :func:`read_pdf` says why)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()


def copy_first_pages(source: Path, target: Path, count: int) -> None:
    """Write the first ``count`` pages of ``source`` as a new PDF ``target`` (source untouched)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(source)
    head = pdfium.PdfDocument.new()
    try:
        head.import_pages(pdf, list(range(min(count, len(pdf)))))
        head.save(target)
    finally:
        head.close()
        pdf.close()
