"""Optical character recognition of scanned pages with Tesseract, French and English.

In: page images (Pillow, rendered by :mod:`extractors.pdf`) with their page number and resolution.
Out: :class:`~extractors.types.Line` objects with their words, boxes converted back to PDF points
(origin at the page's top left), in reading order: Tesseract's, except on a page printed in
columns, whose words are read again column by column by :mod:`extractors.layout`.

Tesseract runs as a program (Debian ``tesseract-ocr`` and ``tesseract-ocr-fra``), one process per
page: ``tesseract - - -l fra+eng --dpi 300 tsv``, the image piped in as PNM, words and boxes read
from the TSV it prints. Calling the program directly, rather than through pytesseract (itself a
wrapper that shells out and goes through temporary files), spares a dependency and gives a
timeout per page and a plain error when the program or its French data is missing. Each process
is held to one thread (``OMP_THREAD_LIMIT=1``) so that pages read in parallel use one core each;
:func:`recognise_pages` keeps ``jobs`` pages in flight.

>>> missing() is None    # doctest: +SKIP
True
>>> lines = recognise(image, page=3, dpi=300)    # doctest: +SKIP
>>> lines[0].page, lines[0].text    # doctest: +SKIP
(3, "CONTRAT D'HÉBERGEMENT DE DONNÉES DE SANTÉ")
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from extractors import layout
from extractors.types import Line, Word

__all__ = [
    "DPI",
    "LANGUAGES",
    "OcrError",
    "configure",
    "default_jobs",
    "in_reading_order",
    "missing",
    "recognise",
    "recognise_pages",
]

LANGUAGES = ("fra", "eng")
DPI = 300
PAGE_TIMEOUT = 300  # seconds for one page
_MIN_CONFIDENCE = 20.0  # below this, a "word" is usually a speck of dust or a stamp's edge
_jobs: int | None = None


class OcrError(Exception):
    """Tesseract failed on one page (crash, timeout, unreadable output)."""


def configure(jobs: int | None) -> None:
    """Set how many pages this process recognises at once (None: one per core). A batch running
    several files in parallel gives each worker its share of the cores."""
    global _jobs
    _jobs = jobs


def default_jobs() -> int:
    return _jobs or os.cpu_count() or 1


@functools.cache
def missing() -> str | None:
    """Why OCR cannot run here (program or language data absent), or None when it can."""
    program = shutil.which("tesseract")
    if program is None:
        return "le programme tesseract est absent (paquets tesseract-ocr et tesseract-ocr-fra)"
    try:
        listing = subprocess.run(  # noqa: S603 (fixed arguments, program found on PATH)
            [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=True
        ).stdout.split()
    except (OSError, subprocess.SubprocessError) as exc:
        return f"tesseract ne répond pas ({exc})"
    absent = [lang for lang in LANGUAGES if lang not in listing]
    if absent:
        return "données de langue absentes pour tesseract : " + ", ".join(
            f"{lang} (paquet tesseract-ocr-{lang})" for lang in absent
        )
    return None


def recognise(image: Any, page: int, dpi: float = DPI) -> list[Line]:
    """The lines of a page image (a Pillow image rendered at ``dpi``). Raises :class:`OcrError`."""
    buffer = io.BytesIO()
    image.save(buffer, "PPM")  # PGM for a grey image: no compression to pay for
    program = shutil.which("tesseract") or "tesseract"
    command = [program, "-", "-", "-l", "+".join(LANGUAGES), "--dpi", str(int(dpi)), "tsv"]
    try:
        done = subprocess.run(  # noqa: S603 (fixed arguments)
            command,
            input=buffer.getvalue(),
            capture_output=True,
            timeout=PAGE_TIMEOUT,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise OcrError(f"page {page} : délai de {PAGE_TIMEOUT} s dépassé") from exc
    except OSError as exc:
        raise OcrError(f"page {page} : {exc}") from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
        raise OcrError(f"page {page} : tesseract a échoué ({detail[0]})")
    scale = 72.0 / dpi
    lines = parse_tsv(done.stdout.decode("utf-8", "replace"), page, scale)
    return in_reading_order(lines, page, image.width * scale, image.height * scale)


def in_reading_order(lines: list[Line], page: int, width: float, height: float) -> list[Line]:
    """Tesseract's lines, or, on a page printed in columns, the same words read again column by
    column by :func:`extractors.layout.page_lines` (Tesseract can join two lines side by side
    across a narrow gutter into one)."""
    words = [word for line in lines for word in line.words]
    if not layout.in_columns(words, width):
        return lines
    return layout.page_lines(words, page, width, height)


def parse_tsv(tsv: str, page: int, scale: float) -> list[Line]:
    """Lines from Tesseract's TSV output; pixel boxes multiplied by ``scale`` (points per pixel)."""
    rows: dict[tuple[str, str, str], list[Word]] = {}
    for record in tsv.splitlines()[1:]:
        cells = record.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        if float(cells[10]) < _MIN_CONFIDENCE:
            continue
        left, top, width, height = (float(v) * scale for v in cells[6:10])
        word = Word(cells[11].strip(), (left, top, left + width, top + height))
        rows.setdefault((cells[2], cells[3], cells[4]), []).append(word)
    lines = []
    for number, words in enumerate(rows.values(), start=1):
        box = (
            min(w.bbox[0] for w in words),
            min(w.bbox[1] for w in words),
            max(w.bbox[2] for w in words),
            max(w.bbox[3] for w in words),
        )
        lines.append(Line(page, number, " ".join(w.text for w in words), box, 0, tuple(words)))
    return lines


def recognise_pages(
    pages: Iterable[tuple[int, Callable[[], Any]]], jobs: int | None = None, dpi: float = DPI
) -> Iterator[tuple[int, list[Line] | OcrError]]:
    """Recognise pages given as ``(page number, render)`` pairs, ``jobs`` at a time, in order.

    ``render()`` is called in the calling thread (PDFium is not thread-safe) just before its page
    is queued, so that at most ``jobs + 1`` page images are held in memory.
    """
    workers = max(1, jobs or default_jobs())
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr") as pool:
        queue: list[tuple[int, Future[list[Line]]]] = []
        for number, render in pages:
            queue.append((number, pool.submit(recognise, render(), number, dpi)))
            while len(queue) > workers:
                yield _result(*queue.pop(0))
        while queue:
            yield _result(*queue.pop(0))


def _result(number: int, future: Future[list[Line]]) -> tuple[int, list[Line] | OcrError]:
    try:
        return number, future.result()
    except OcrError as exc:
        return number, exc
