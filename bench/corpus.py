"""The benchmark's PDFs, generated once into a cache folder (never committed).

In: ``../shared/corpus/cuad_train/cuad_train.jsonl`` (real English contracts, text only) and the
sample generator. Out: in ``$HDSWATCH_BENCH_CACHE`` (default ``~/.cache/hdswatch-bench``):

- ``text/``: 16 CUAD contracts rendered with reportlab (A4, Helvetica 10, a running header and a
  page footer) and the three French demo contracts;
- ``long_300.pdf`` and ``long_40.pdf``: CUAD contracts one after the other, cut to exactly 300 and
  40 pages;
- ``scanned_4.pdf``: four pages of a CUAD contract as 200 dpi images only, no text layer.

The files are rebuilt only when missing. Run ``python -m bench.corpus`` to (re)build them alone.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

CUAD = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "corpus"
    / "cuad_train"
    / "cuad_train.jsonl"
)
TEXT_CONTRACTS = 16
SCANNED_PAGES = 4
SCAN_DPI = 200


def cache_folder() -> Path:
    default = Path.home() / ".cache" / "hdswatch-bench"
    folder = Path(os.environ.get("HDSWATCH_BENCH_CACHE", default))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def cuad_texts(path: Path = CUAD) -> Iterator[tuple[str, str]]:
    """``(id, text)`` of the CUAD training contracts of 15,000 to 60,000 characters, in file order."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if 15_000 <= record["text_length"] <= 60_000:
                yield record["id"], record["text"]


def render_text(text: str, title: str) -> bytes:
    """A contract's plain text as an A4 PDF: one paragraph per block of lines, short capitalised
    lines as headings, « Confidential — title » on top and « Page n » at the bottom of each page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    body, heading = styles["BodyText"], styles["Heading3"]
    story: list[object] = []
    for block in text.split("\n"):
        block = " ".join(block.split())
        if not block:
            continue
        short_title = len(block) < 80 and block.upper() == block
        story += [Paragraph(escape(block), heading if short_title else body), Spacer(1, 4)]

    def decorate(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont("Helvetica-Oblique", 8)  # type: ignore[attr-defined]
        canvas.drawString(60, A4[1] - 40, f"Confidential — {title[:80]}")  # type: ignore[attr-defined]
        canvas.drawRightString(A4[0] - 60, 30, f"Page {doc.page}")  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1, title=title).build(
        story, onFirstPage=decorate, onLaterPages=decorate
    )
    return buffer.getvalue()


def first_pages(data: bytes, count: int) -> bytes:
    """The first ``count`` pages of a PDF."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(data)
    if len(source) < count:
        raise ValueError(f"only {len(source)} pages, {count} wanted")
    target = pdfium.PdfDocument.new()
    target.import_pages(source, list(range(count)))
    buffer = io.BytesIO()
    target.save(buffer)
    return buffer.getvalue()


def scanned(data: bytes, count: int, dpi: int = SCAN_DPI) -> bytes:
    """The first ``count`` pages of a PDF as images only (what a scanner produces)."""
    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    source = pdfium.PdfDocument(data)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for index in range(count):
        image = source[index].render(scale=dpi / 72, grayscale=True).to_pil()
        canvas.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _long(texts: Iterator[tuple[str, str]], pages: int) -> bytes:
    joined, chars = [], 0
    for _id, text in texts:
        joined.append(text)
        chars += len(text)
        if chars > pages * 5_000:  # ≈ 4,000 characters a page in this layout, with a margin
            break
    return first_pages(render_text("\n\n".join(joined), "Master Services Agreement"), pages)


def build(folder: Path | None = None) -> dict[str, list[Path]]:
    """Write the missing benchmark PDFs; returns ``{"text": [...], "long_300": [...], ...}``."""
    from hdswatch.samples import demo_specs, write_contract_pdf

    folder = folder or cache_folder()
    text_folder = folder / "text"
    text_folder.mkdir(exist_ok=True)
    texts = cuad_texts()
    text_paths = []
    for index, (cuad_id, text) in zip(range(TEXT_CONTRACTS), texts, strict=False):
        path = text_folder / f"{index:02d}_{cuad_id}.pdf"
        if not path.exists():
            path.write_bytes(render_text(text, cuad_id))
        text_paths.append(path)
    for spec in demo_specs(date(2026, 11, 29)):
        path = text_folder / f"{spec.name}.pdf"
        if not path.exists():
            write_contract_pdf(spec, path)
        text_paths.append(path)
    found = {"text": text_paths}
    for pages in (300, 40):
        path = folder / f"long_{pages}.pdf"
        if not path.exists():
            path.write_bytes(_long(cuad_texts(), pages))
        found[f"long_{pages}"] = [path]
    path = folder / f"scanned_{SCANNED_PAGES}.pdf"
    if not path.exists():
        path.write_bytes(scanned(text_paths[0].read_bytes(), SCANNED_PAGES))
    found["scanned"] = [path]
    return found


if __name__ == "__main__":
    for name, paths in build().items():
        for path in paths:
            print(f"{name:9s} {path}")
