"""See a digest as a reader does: a sample nightly digest rendered by the real templates, and a
picture of it taken by headless Chromium (Debian package ``chromium``).

In: a language and an output path. Out: the digest's HTML file and a PNG of it, cropped to the
message. Chromium runs with no network, no sandbox (as root in containers), and a fresh profile.

    python -m hdswatch.mail.preview docs/digest.fr.png [--lang en] [--width 760]

>>> message = sample_digest("fr")
>>> message.subject
'[hdswatch] Synthèse du 30 novembre 2026 — 6 alertes, dont 2 critiques'
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from hdswatch.errors import ConfigError
from hdswatch.mail.items import MailItem, Message
from hdswatch.mail.render import render_digest
from hdswatch.mail.wording import describe

__all__ = ["CHROMIUM_FLAGS", "sample_digest", "screenshot"]

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)
_BACKGROUND = (0xF3, 0xF4, 0xF6)  # the page colour around the message (see _base.html.j2)
_BASE_URL = "https://hdswatch.ght.example/"


def sample_digest(lang: str = "fr") -> Message:
    """A night's digest for the RSSI of a hospital group: each severity, deadlines, evidence."""
    chb = "Centre hospitalier de Bellecombe (CHB)"
    pdt = "Polyclinique des Tilleuls (PDT)"
    items = [
        MailItem(
            contract="c02_centre_hospitalier_bellecombe.pdf",
            establishment=chb,
            host="Nuage Santé SAS",
            code="expiring_7d:hds_certificate",
            title_fr=describe("expiring_7d:hds_certificate", "fr"),
            title_en=describe("expiring_7d:hds_certificate", "en"),
            severity="critical",
            legal_ref="CSP L.1111-8 II",
            page=2,
            quote="Certificat n° HDS-2023-0112, valable jusqu’au 6 décembre 2026, périmètre : "
            "activités 1 et 6 du référentiel.",
            due_date="2026-12-06",
            review_url="findings/14",
        ),
        MailItem(
            contract="c02_centre_hospitalier_bellecombe.pdf",
            establishment=chb,
            host="Nuage Santé SAS",
            code="non_compliant:hosting_locations",
            clause_id="hosting_locations",
            title_fr="Lieux d’hébergement",
            title_en="Hosting locations",
            severity="critical",
            legal_ref="CSP R.1111-11 I 3° ; HDS v2 EXI 28",
            page=3,
            quote="Les données sont hébergées dans les centres de données de l’Hébergeur situés "
            "en France et aux États-Unis.",
            why="Stockage hors de l’Espace économique européen : US (HDS v2 EXI 28 exige un "
            "stockage exclusivement dans l’EEE).",
            review_url="findings/11",
        ),
        MailItem(
            contract="c03_polyclinique_des_tilleuls.pdf",
            establishment=pdt,
            host="Cirrus Medica Hosting B.V.",
            code="notice_deadline_within_30d",
            title_fr=describe("notice_deadline_within_30d", "fr"),
            title_en=describe("notice_deadline_within_30d", "en"),
            severity="high",
            due_date="2026-12-19",
            review_url="findings/17",
        ),
        MailItem(
            contract="c02_centre_hospitalier_bellecombe.pdf",
            establishment=chb,
            host="Nuage Santé SAS",
            code="missing:dpo_audit",
            clause_id="dpo_audit",
            title_fr="Audits par le délégué à la protection des données",
            title_en="Audits by the data protection officer",
            severity="high",
            legal_ref="CSP R.1111-11 I 4° ; RGPD art. 28(3)(h)",
            review_url="findings/12",
        ),
        MailItem(
            contract="contrat-sauvegarde-2023.pdf",
            establishment=pdt,
            host="Archivia",
            code="expiring_90d:contract",
            title_fr=describe("expiring_90d:contract", "fr"),
            title_en=describe("expiring_90d:contract", "en"),
            severity="medium",
            due_date="2027-02-14",
            review_url="findings/21",
        ),
        MailItem(
            contract="contrat-sauvegarde-2023.pdf",
            establishment=pdt,
            host="Archivia",
            code="expiring_180d:hds_certificate",
            title_fr=describe("expiring_180d:hds_certificate", "fr"),
            title_en=describe("expiring_180d:hds_certificate", "en"),
            severity="info",
            legal_ref="CSP L.1111-8 II",
            due_date="2027-04-30",
            review_url="findings/22",
        ),
    ]
    return render_digest(
        items,
        as_of=date(2026, 11, 30),
        lang=lang,
        sender="hdswatch@ght.example",
        recipients=["rssi@ght.example"],
        base_url=_BASE_URL,
    )


def screenshot(html: str, png: Path, *, width: int = 760, height: int = 4000) -> Path:
    """Render ``html`` in headless Chromium at ``width`` pixels and keep the message only."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise ConfigError(
            "chromium introuvable : installez le paquet Debian « chromium » / chromium not found"
        )
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hdswatch-preview-") as folder:
        page = Path(folder, "digest.html")
        page.write_text(html, "utf-8")
        done = subprocess.run(  # noqa: S603 (the browser found above, fixed flags)
            [
                browser,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={Path(folder, 'profile')}",
                f"--window-size={width},{height}",
                f"--screenshot={png.absolute()}",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    if done.returncode != 0 or not png.is_file():
        raise ConfigError(f"chromium n'a pas produit d'image / no picture: {done.stderr[-1500:]}")
    _crop(png)
    return png


def _crop(png: Path, margin: int = 24) -> None:
    """Cut the empty page below the message."""
    from PIL import Image

    with Image.open(png) as image:
        rgb = image.convert("RGB")
    pixels = rgb.load()
    assert pixels is not None
    bottom = rgb.height - 1
    while bottom > 0 and all(pixels[x, bottom] == _BACKGROUND for x in range(0, rgb.width, 4)):
        bottom -= 1
    rgb.crop((0, 0, rgb.width, min(bottom + margin, rgb.height))).save(png, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hdswatch.mail.preview")
    parser.add_argument("png", type=Path)
    parser.add_argument("--lang", choices=["fr", "en"], default="fr")
    parser.add_argument("--width", type=int, default=760)
    args = parser.parse_args(argv)
    message = sample_digest(args.lang)
    print(screenshot(message.html, args.png, width=args.width))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
