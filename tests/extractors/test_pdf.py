from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from extractors.pdf import read_pdf


def test_lines_with_page_line_and_box(make_pdf: Callable[..., Path]) -> None:
    path = make_pdf(
        [
            "# Article 1 – Objet",
            "Le présent contrat a pour objet l'hébergement.",
            "# Article 2 – Durée",
            "Trois ans.",
        ],
        page_break_every=2,
    )
    doc = read_pdf(path)
    assert doc.kind == "contract"
    assert [p.number for p in doc.pages] == [1, 2]
    first = doc.pages[0].lines[0]
    assert (first.page, first.number, first.text) == (1, 1, "Article 1 – Objet")
    x0, top, x1, bottom = first.bbox
    assert 0 < x0 < x1 < 600 and 0 < top < bottom < 200
    assert doc.pages[1].lines[0].text == "Article 2 – Durée"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    doc = read_pdf(path)
    assert (doc.kind, [e.code for e in doc.errors]) == ("empty", ["empty_file"])


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_text("<html>bonjour</html>")
    doc = read_pdf(path)
    assert (doc.kind, [e.code for e in doc.errors]) == ("unreadable", ["not_pdf"])


def test_encrypted(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "secret.pdf"
    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("motdepasse", canPrint=0))
    pdf.drawString(72, 720, "Contrat confidentiel")
    pdf.save()
    doc = read_pdf(path)
    assert (doc.kind, [e.code for e in doc.errors]) == ("encrypted", ["encrypted"])


def test_truncated_file_is_repaired(make_pdf: Callable[..., Path]) -> None:
    path = make_pdf(["# Article 1 – Objet", "Hébergement de données de santé."] * 3)
    data = path.read_bytes()
    cut = data.rindex(b"xref")
    path.write_bytes(data[:cut])  # cross-reference table and trailer lost
    doc = read_pdf(path)
    assert doc.kind == "damaged"
    assert [e.code for e in doc.errors] == ["repaired"]
    assert doc.pages[0].lines[0].text == "Article 1 – Objet"


def test_page_without_text_is_empty(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "blank.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(100, 100, 200, 200)
    pdf.save()
    doc = read_pdf(path)
    assert (doc.kind, [e.code for e in doc.errors]) == ("empty", ["no_text"])


def test_page_limit(make_pdf: Callable[..., Path]) -> None:
    path = make_pdf(["un", "deux", "trois"], page_break_every=1)
    doc = read_pdf(path, max_pages=2)
    assert [p.number for p in doc.pages] == [1, 2]
    assert [e.code for e in doc.errors] == ["page_limit"]


# --- what the reader recovers from the sample generator's files ---------------------------------


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from hdswatch.samples import write_bad_files

    return write_bad_files(tmp_path_factory.mktemp("bad"))


@pytest.fixture(scope="module")
def demo_contract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from hdswatch.samples import demo_specs, write_contract_pdf

    spec = demo_specs(date(2026, 11, 29))[0]
    return write_contract_pdf(spec, tmp_path_factory.mktemp("demo") / "c01.pdf")


def test_truncated_sample_is_damaged_and_its_first_pages_read(bad_files: dict[str, Path]) -> None:
    doc = read_pdf(bad_files["truncated"])
    assert doc.kind == "damaged"
    assert [(e.code, e.message) for e in doc.errors] == [
        (
            "repaired",
            "PDF endommagé, reconstruit à la lecture : fin de fichier (%%EOF) absente, "
            "fichier probablement tronqué.",
        ),
        ("pages_lost", "Contenu perdu (non analysé) : page(s) 6 à 8 sur 8."),
    ]
    assert [(p.number, bool(p.lines)) for p in doc.pages] == [
        (1, True), (2, True), (3, True), (4, True), (5, True), (6, False), (7, False), (8, False)
    ]  # fmt: skip
    assert doc.pages[2].lines[1].text == "Article 3 – Durée"
    assert doc.pages[0].lines[1].text == "CONTRAT D’HÉBERGEMENT DE DONNÉES DE SANTÉ À"


def test_a_file_with_nothing_recoverable_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "stub.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
    doc = read_pdf(path)
    assert doc.kind == "unreadable"
    assert doc.pages == []
    assert [e.code for e in doc.errors] == ["unreadable"]


def test_encrypted_sample(bad_files: dict[str, Path]) -> None:
    doc = read_pdf(bad_files["encrypted"])
    assert (doc.kind, [e.code for e in doc.errors], doc.pages) == ("encrypted", ["encrypted"], [])


def test_scanned_page_is_read_by_ocr(bad_files: dict[str, Path]) -> None:
    doc = read_pdf(bad_files["scanned_like"])
    assert (doc.kind, doc.errors) == ("contract", [])
    assert [p.number for p in doc.pages if p.ocr] == [1]
    texts = [line.text for line in doc.pages[0].lines]
    assert "la Clinique des Ormes, ci-après dénommée « le Client »." in texts
    assert "Hexadata Santé SAS, ci-après dénommée « l'Hébergeur »," in texts
    assert "Article 2 - Durée" in texts
    article = doc.pages[0].lines[texts.index("Article 2 - Durée")]
    assert article.page == 1 and article.number == texts.index("Article 2 - Durée") + 1
    # drawn at 130 px from the left, row 11 at 160 + 11 × 48 px, on a 150 dpi A4 image
    x0, top, _x1, _bottom = article.bbox
    assert abs(x0 - 130 * 72 / 150) < 3 and abs(top - (160 + 11 * 48) * 72 / 150) < 8
    assert [w.text for w in article.words] == ["Article", "2", "-", "Durée"]


def test_scanned_page_without_tesseract(
    bad_files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extractors import ocr

    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH where no tesseract lives
    ocr.missing.cache_clear()
    try:
        doc = read_pdf(bad_files["scanned_like"])
    finally:
        ocr.missing.cache_clear()
    assert doc.kind == "unreadable"
    assert [(e.code, e.message) for e in doc.errors] == [
        (
            "ocr_unavailable",
            "Page(s) 1 sans texte (numérisées) : reconnaissance de texte impossible, le programme "
            "tesseract est absent (paquets tesseract-ocr et tesseract-ocr-fra).",
        )
    ]


def test_sla_and_subprocessor_tables_are_read_as_rows(demo_contract: Path) -> None:
    doc = read_pdf(demo_contract)
    annex = doc.pages[-1]
    sla, subprocessors = annex.tables
    assert sla.rows[0] == [
        "Indicateur", "Niveau annoncé", "Niveau garanti", "Périodicité de mesure", "Pénalité"
    ]  # fmt: skip
    assert sla.rows[1] == [
        "Disponibilité de la plateforme",
        "99,95 %",
        "99,9 %",
        "Mensuelle",
        "5 % de la redevance par tranche de 0,1 % sous le niveau garanti",
    ]
    assert len(sla.rows) == 6 and len(subprocessors.rows) == 3
    texts = [line.text for line in annex.lines]
    row = texts.index(
        "Disponibilité de la plateforme | 99,95 % | 99,9 % | Mensuelle | "
        "5 % de la redevance par tranche de 0,1 % sous le niveau garanti"
    )
    assert texts[row - 1] == (
        "Indicateur | Niveau annoncé | Niveau garanti | Périodicité de mesure | Pénalité"
    )
    assert texts[row + 5 : row + 7] == [
        "ANNEXE 2 – LISTE DES SOUS-TRAITANTS ULTÉRIEURS",
        "Sous-traitant | Prestation | Localisation | Certification HDS",
    ]
    line = annex.lines[row]
    assert line.bbox == sla.row_boxes[1]
    assert all(_inside(word.bbox, line.bbox) for word in line.words)


def test_pages_without_rules_have_no_table(demo_contract: Path) -> None:
    doc = read_pdf(demo_contract)
    assert [len(p.tables) for p in doc.pages] == [0] * (len(doc.pages) - 1) + [2]


def test_words_make_up_their_line(demo_contract: Path) -> None:
    page = read_pdf(demo_contract).pages[1]
    assert (page.width, page.height) == (
        pytest.approx(595.28, abs=0.01),
        pytest.approx(841.89, abs=0.01),
    )
    for line in page.lines:
        assert " ".join(w.text for w in line.words) == line.text
        assert all(_inside(w.bbox, line.bbox) for w in line.words)
        assert line.bbox[2] <= page.width and line.bbox[3] <= page.height


def _inside(box: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    return (
        outer[0] - 0.5 <= box[0] <= box[2] <= outer[2] + 0.5
        and outer[1] - 0.5 <= box[1] <= box[3] <= outer[3] + 0.5
    )


def test_only_the_scanned_page_of_a_mixed_document_is_recognised(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont
    from reportlab import __file__ as reportlab_init
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    image = Image.new("L", (1240, 1754), color=255)  # A4 at 150 dpi
    font = ImageFont.truetype(str(Path(reportlab_init).parent / "fonts" / "Vera.ttf"), 28)
    ImageDraw.Draw(image).text(
        (150, 200), "Avenant n°1 au contrat d'hébergement", fill=0, font=font
    )
    path = tmp_path / "mixed.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.drawString(72, 770, "Contrat d'hébergement de données de santé, signé le 3 mars 2025.")
    canvas.showPage()
    canvas.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    canvas.showPage()
    canvas.showPage()  # a blank page: nothing to recognise
    canvas.save()
    doc = read_pdf(path)
    assert (doc.kind, doc.errors) == ("contract", [])
    assert [(p.number, p.ocr, [line.text for line in p.lines]) for p in doc.pages] == [
        (1, False, ["Contrat d'hébergement de données de santé, signé le 3 mars 2025."]),
        (2, True, ["Avenant n°1 au contrat d'hébergement"]),
        (3, False, []),
    ]


@pytest.mark.parametrize("share", [0.02, 0.1, 0.3, 0.5, 0.9, 0.99])
def test_a_file_cut_anywhere_gives_a_verdict(
    demo_contract: Path, tmp_path: Path, share: float
) -> None:
    data = demo_contract.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * share)])
    doc = read_pdf(path)
    assert doc.kind in ("damaged", "unreadable")
    assert doc.errors, doc.kind
    if doc.kind == "damaged":
        assert doc.errors[0].code == "repaired" and any(p.lines for p in doc.pages)


def test_scrambled_bytes_give_a_verdict(demo_contract: Path, tmp_path: Path) -> None:
    import random

    data = bytearray(demo_contract.read_bytes())
    rng = random.Random(7)
    for _ in range(40):  # 40 runs of 16 random bytes somewhere after the header
        at = rng.randrange(64, len(data) - 16)
        data[at : at + 16] = bytes(rng.randrange(256) for _ in range(16))
    path = tmp_path / "scrambled.pdf"
    path.write_bytes(bytes(data))
    doc = read_pdf(path)
    assert doc.kind in ("contract", "damaged", "unreadable")
    assert doc.kind == "contract" or doc.errors


def test_importing_the_readers_stays_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, extractors.pdf, extractors.layout, extractors.ocr, extractors.language; "
        "print(sorted(m for m in ('pypdfium2', 'pdfplumber', 'pikepdf', 'lingua', 'PIL') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
