from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
