"""Files that are not a readable contract, for the reader's error paths.

In: a folder. Out: six files (same bytes on every run), by name:

- ``empty.pdf``: 0 bytes (report kind ``unreadable``);
- ``not_a_pdf.pdf``: an HTML error page saved under a ``.pdf`` name (``unreadable``);
- ``encrypted.pdf``: a one-page contract protected by a user password (``encrypted``);
- ``truncated.pdf``: a generated contract cut to its first 70 % of bytes, cross-reference table and
  ``%%EOF`` lost (``damaged`` when pages can be recovered, else ``unreadable``);
- ``scanned_like.pdf``: one page holding only an image of contract text, no text layer (OCR needed);
- ``invoice.pdf``: a readable one-page invoice from a health-data host (``not_contract``).

>>> sorted(write_bad_files("/tmp/hdswatch-bad"))  # doctest: +SKIP
['empty', 'encrypted', 'invoice', 'not_a_pdf', 'scanned_like', 'truncated']
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

__all__ = ["ENCRYPTED_PASSWORD", "SCANNED_TEXT", "write_bad_files"]

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


def _scanned_like() -> bytes:
    from PIL import Image, ImageDraw, ImageFont
    from reportlab import __file__ as reportlab_init
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    image = Image.new("L", (1240, 1754), color=250)  # A4 at 150 dpi, greyish paper
    font = ImageFont.truetype(str(Path(reportlab_init).parent / "fonts" / "Vera.ttf"), 26)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(SCANNED_TEXT):
        draw.text((130, 160 + row * 48), line, fill=20, font=font)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
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
