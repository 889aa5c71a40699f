"""Files that are not a readable contract, for the reader's error paths.

In: a folder. Out: six files (same bytes on every run), by name:

- ``empty.pdf``: 0 bytes (report kind ``unreadable``);
- ``not_a_pdf.pdf``: an HTML error page saved under a ``.pdf`` name (``unreadable``);
- ``encrypted.pdf``: a one-page contract protected by a user password (``encrypted``);
- ``truncated.pdf``: a generated contract cut to its first 70 % of bytes, cross-reference table and
  ``%%EOF`` lost (``damaged`` when pages can be recovered, else ``unreadable``);
- ``scanned_like.pdf``: one page holding only an image of contract text, no text layer (OCR needed);
- ``invoice.pdf``: a readable one-page invoice from a health-data host (``not_contract``).

Hostile files (:func:`write_hostile_files`), small on disk, costly to read, for the parsing
limits of :mod:`hdswatch.sandbox`:

- ``page_bomb.pdf``: 20,000 blank pages sharing one page object's content (≈ 1.5 MB);
- ``giant_image.pdf``: one page whose only content is a 20,000 × 20,000 grey image (400 MB once
  decoded, ≈ 0.4 MB on disk), drawn over the page, so that OCR would render it;
- ``deep_nesting.pdf``: a page whose resources hold arrays nested 100,000 deep;
- ``stream_bomb.pdf``: a page content stream of 240 MB of ``q Q`` operators once inflated
  (≈ 0.25 MB on disk);
- ``scan_1000.pdf``: a 1,000-page scan: every page the same image of contract text, no text layer.

And :data:`ODD_NAMES`, file names that break naive code (a new line, a leading dash, ``..``,
non-Latin letters, a 240-byte name, shell characters).

>>> sorted(write_bad_files("/tmp/hdswatch-bad"))  # doctest: +SKIP
['empty', 'encrypted', 'invoice', 'not_a_pdf', 'scanned_like', 'truncated']
>>> sorted(write_hostile_files("/tmp/hdswatch-bad"))  # doctest: +SKIP
['deep_nesting', 'giant_image', 'page_bomb', 'scan_1000', 'stream_bomb']
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

__all__ = [
    "ENCRYPTED_PASSWORD",
    "ODD_NAMES",
    "SCANNED_TEXT",
    "raw_pdf",
    "write_bad_files",
    "write_hostile_files",
]

#: File names (without folder) that a careless program mishandles; each ends in ``.pdf``.
ODD_NAMES = (
    "contrat\nligne 2.pdf",
    "-rf contrat.pdf",
    "contrat..final...pdf",
    "Договор хостинга 医療データ.pdf",
    "contrat; rm -rf ~ $(id) `id` 'x'.pdf",
    ("c" * 236) + ".pdf",
    "Contrat d’hébergement – Clinique Saint‑Roch (version définitive).pdf",
)

ENCRYPTED_PASSWORD = "hds-demo-2025"  # noqa: S105 (public on purpose: the file is a test fixture)

#: The lines drawn as an image in ``scanned_like.pdf`` (what OCR should find).
SCANNED_TEXT = (
    "CONTRAT D'HÉBERGEMENT DE DONNÉES DE SANTÉ",
    "",
    "ENTRE LES SOUSSIGNÉS :",
    "Hexadata Santé SAS, ci-après dénommée « l'Hébergeur »,",
    "ET",
    "la Clinique des Ormes, ci-après dénommée « le Client ».",
    "",
    "Article 1 - Objet",
    "Le présent contrat a pour objet l'hébergement des données",
    "de santé à caractère personnel du Client.",
    "",
    "Article 2 - Durée",
    "Le contrat prend effet le 1er mars 2025 pour une durée",
    "de trois (3) ans.",
)

_HTML = b"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Session expir\xc3\xa9e</title></head>
<body><h1>Votre session a expir\xc3\xa9</h1>
<p>Le document demand\xc3\xa9 n'est plus disponible. Veuillez vous reconnecter au portail.</p>
</body></html>
"""


def raw_pdf(objects: Iterable[bytes], root: int = 1) -> bytes:
    """A PDF from its object bodies (object ``n`` is the n-th, 1-based), with a correct
    cross-reference table: ``raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", …])``."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(offsets) + 1, root)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"", *, compressed: bool = False) -> bytes:
    if compressed:
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _deflated(chunk: bytes, times: int) -> bytes:
    """``chunk * times`` compressed, without ever holding it whole."""
    packer = zlib.compressobj(9)
    return b"".join(packer.compress(chunk) for _ in range(times)) + packer.flush()


_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_A4 = b"/MediaBox [0 0 595 842]"


def _page_bomb(pages: int = 20_000) -> bytes:
    kids = b" ".join(b"3 0 R" for _ in range(pages))
    return raw_pdf(
        [
            _CATALOG,
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
            b"<< /Type /Page /Parent 2 0 R " + _A4 + b" /Contents 4 0 R >>",
            _stream(b"0.9 g 72 72 10 10 re f"),
        ]
    )


def _giant_image(side: int = 20_000) -> bytes:
    image = _stream(
        _deflated(b"\xf0" * side, side),
        b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8" % (side, side),
        compressed=True,
    )
    return raw_pdf(
        [
            _CATALOG,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R " + _A4
            + b" /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
            _stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
            image,
        ]
    )  # fmt: skip


def _deep_nesting(depth: int = 100_000) -> bytes:
    nested = b"[" * depth + b"]" * depth
    return raw_pdf(
        [
            _CATALOG,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R " + _A4
            + b" /Resources << /Deep " + nested + b" >> /Contents 4 0 R >>",
            _stream(b"BT /F1 12 Tf 72 720 Td (Contrat) Tj ET"),
        ]
    )  # fmt: skip


def _stream_bomb(megabytes: int = 240) -> bytes:
    chunk = b"q Q\n" * (1 << 18)  # 1 MB
    return raw_pdf(
        [
            _CATALOG,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R " + _A4 + b" /Contents 4 0 R >>",
            _stream(_deflated(chunk, megabytes), compressed=True),
        ]
    )


def _scan_1000(pages: int = 1000) -> bytes:
    """Every page draws the same JPEG image of ``SCANNED_TEXT``: a scan with no text layer."""
    picture = _text_image()
    jpeg = io.BytesIO()
    picture.save(jpeg, format="JPEG", quality=60)
    page = (
        b"<< /Type /Page /Parent 2 0 R " + _A4
        + b" /Resources << /XObject << /Im1 4 0 R >> >> /Contents 3 0 R >>"
    )  # fmt: skip
    kids = b" ".join(b"%d 0 R" % (5 + n) for n in range(pages))
    return raw_pdf(
        [
            _CATALOG,
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
            _stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
            _stream(
                jpeg.getvalue(),
                b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
                b" /BitsPerComponent 8 /Filter /DCTDecode" % picture.size,
            ),
            *(page for _ in range(pages)),
        ]
    )


def write_hostile_files(directory: str | Path) -> dict[str, Path]:
    """Write the five hostile files into ``directory`` (created if needed); ``{stem: path}``."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    contents = {
        "page_bomb": _page_bomb(),
        "giant_image": _giant_image(),
        "deep_nesting": _deep_nesting(),
        "stream_bomb": _stream_bomb(),
        "scan_1000": _scan_1000(),
    }
    paths = {stem: folder / f"{stem}.pdf" for stem in contents}
    for stem, data in contents.items():
        paths[stem].write_bytes(data)
    return paths


def _encrypted() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    secret = StandardEncryption(
        ENCRYPTED_PASSWORD, ownerPassword=ENCRYPTED_PASSWORD + "-owner", strength=128
    )
    canvas = Canvas(buffer, pagesize=A4, invariant=1, encrypt=secret)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(72, 770, "CONTRAT D’HÉBERGEMENT DE DONNÉES DE SANTÉ")
    canvas.setFont("Helvetica", 10)
    for row, line in enumerate(
        (
            "Entre Nuagesanté SAS (l’Hébergeur) et la Clinique des Ormes (le Client).",
            "Article 1 – Objet : hébergement des données de santé du Client.",
        )
    ):
        canvas.drawString(72, 740 - 15 * row, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _truncated() -> bytes:
    from hdswatch.samples.render import contract_pdf_bytes, demo_specs

    spec = replace(demo_specs(date(2025, 6, 2))[0], name="truncated")
    data = contract_pdf_bytes(spec)
    return data[: int(len(data) * 0.7)]


def _text_image() -> Any:
    """``SCANNED_TEXT`` drawn on an A4 page at 150 dpi (a Pillow image, greyscale)."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab import __file__ as reportlab_init

    image = Image.new("L", (1240, 1754), color=250)  # A4 at 150 dpi, greyish paper
    font = ImageFont.truetype(str(Path(reportlab_init).parent / "fonts" / "Vera.ttf"), 26)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(SCANNED_TEXT):
        draw.text((130, 160 + row * 48), line, fill=20, font=font)
    return image


def _scanned_like() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.drawImage(ImageReader(_text_image()), 0, 0, width=A4[0], height=A4[1])
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _invoice() -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    rows: list[list[Any]] = [
        ["Désignation", "Quantité", "Prix unitaire HT", "Total HT"],
        ["Hébergement HDS – redevance mensuelle (octobre 2025)", "1", "4 250,00 €", "4 250,00 €"],
        ["Stockage supplémentaire (To)", "3", "85,00 €", "255,00 €"],
        ["", "", "Total HT", "4 505,00 €"],
        ["", "", "TVA 20 %", "901,00 €"],
        ["", "", "Total TTC", "5 406,00 €"],
    ]
    grid = Table(rows, colWidths=[230, 60, 100, 80])
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, 2), 0.5, colors.grey),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
            ]
        )
    )
    story = [
        Paragraph("FACTURE N° F-2025-10-0192", styles["Title"]),
        *[
            Paragraph(line, styles["Normal"])
            for line in (
                "Nuagesanté SAS – 14 rue de la Roquette, 75011 Paris – TVA FR12812345678",
                "Client : Clinique des Ormes, service comptabilité fournisseurs",
                "Date de facture : 31/10/2025 – Échéance : 30/11/2025",
            )
        ],
        Spacer(1, 18),
        grid,
        Spacer(1, 18),
        Paragraph(
            "Règlement par virement : IBAN FR76 3000 4000 0500 0012 3456 789. Pénalités de "
            "retard : trois fois le taux d’intérêt légal ; indemnité forfaitaire pour frais "
            "de recouvrement : 40 €.",
            styles["Normal"],
        ),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1, title="Facture F-2025-10-0192").build(story)
    return buffer.getvalue()


def write_bad_files(directory: str | Path) -> dict[str, Path]:
    """Write the six files into ``directory`` (created if needed); returns ``{stem: path}``."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    contents = {
        "empty": b"",
        "not_a_pdf": _HTML,
        "encrypted": _encrypted(),
        "truncated": _truncated(),
        "scanned_like": _scanned_like(),
        "invoice": _invoice(),
    }
    paths = {stem: folder / f"{stem}.pdf" for stem in contents}
    for stem, data in contents.items():
        paths[stem].write_bytes(data)
    return paths
