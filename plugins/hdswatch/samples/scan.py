"""Turn pages of a generated PDF into what a scanner would give: grey pictures of the pages.

In: the bytes of a text PDF, the 1-based page numbers to scan and a seed. Out: ``{page: JPEG
bytes}``, each the page rendered at 200 dpi in greyscale, tilted by a few tenths of a degree,
slightly blurred, on greyish paper; ``render`` then prints each picture alone on its page, so that
the page has no text layer and needs OCR. Same input, same bytes.

>>> from datetime import date
>>> from hdswatch.samples.render import contract_pdf_bytes, demo_specs
>>> sorted(page_images(contract_pdf_bytes(demo_specs(date(2026, 11, 29))[0]), [2], seed=0))
[2]
"""

from __future__ import annotations

import io
from collections.abc import Iterable

__all__ = ["DPI", "page_images"]

DPI = 200


def page_images(pdf: bytes, pages: Iterable[int], seed: int) -> dict[int, bytes]:
    """JPEG pictures of ``pages`` of ``pdf`` as if scanned (tilt chosen by ``seed`` and page)."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    document = pdfium.PdfDocument(pdf)
    out: dict[int, bytes] = {}
    try:
        for number in pages:
            page = document[number - 1]
            picture = page.render(scale=DPI / 72, grayscale=True).to_pil()
            page.close()
            tilt = ((seed * 37 + number * 11) % 9 - 4) / 10  # -0.4° … +0.4°
            picture = picture.rotate(tilt, resample=Image.Resampling.BICUBIC, fillcolor=255)
            picture = picture.filter(ImageFilter.GaussianBlur(0.6))
            picture = picture.point(lambda value: 26 + value * 214 // 255)  # grey paper, soft ink
            buffer = io.BytesIO()
            picture.save(buffer, format="JPEG", quality=72)
            out[number] = buffer.getvalue()
    finally:
        document.close()
    return out
