"""Tesseract on page images drawn on the spot, and the parsing of its TSV output."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from extractors import ocr
from extractors.types import Line, Word

TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n"
    "4\t1\t1\t1\t1\t0\t300\t600\t900\t50\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t300\t600\t300\t50\t96.5\tArticle\n"
    "5\t1\t1\t1\t1\t2\t650\t600\t50\t50\t95.1\t12\n"
    "5\t1\t1\t1\t1\t3\t750\t610\t20\t20\t3.2\t~\n"
    "5\t1\t1\t1\t2\t1\t300\t700\t600\t50\t91.0\tRéversibilité\n"
    "5\t1\t2\t1\t1\t1\t1500\t600\t100\t50\t90.0\t \n"
)


def test_tsv_becomes_lines_in_points() -> None:
    lines = ocr.parse_tsv(TSV, page=4, scale=72 / 300)
    assert lines == [
        Line(4, 1, "Article 12", (72.0, 144.0, 168.0, 156.0)),
        Line(4, 2, "Réversibilité", (72.0, 168.0, 216.0, 180.0)),
    ]
    assert lines[0].words == (
        Word("Article", (72.0, 144.0, 144.0, 156.0)),
        Word("12", (156.0, 144.0, 168.0, 156.0)),
    )


def _page_image(lines: list[str]) -> Any:
    """A white A4 page at 300 dpi with ``lines`` in 36-pixel type, 80 pixels apart."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab import __file__ as reportlab_init

    image = Image.new("L", (2480, 3508), color=255)
    font = ImageFont.truetype(str(Path(reportlab_init).parent / "fonts" / "Vera.ttf"), 36)
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(lines):
        draw.text((300, 400 + 80 * row), text, fill=0, font=font)
    return image


def test_recognise_french_text() -> None:
    image = _page_image(["Article 9 - Réversibilité", "Les données sont restituées au Client."])
    lines = ocr.recognise(image, page=2, dpi=300)
    assert [(line.page, line.number, line.text) for line in lines] == [
        (2, 1, "Article 9 - Réversibilité"),
        (2, 2, "Les données sont restituées au Client."),
    ]
    x0, top, _x1, _bottom = lines[0].bbox
    assert abs(x0 - 300 * 72 / 300) < 2 and abs(top - 400 * 72 / 300) < 4


def test_pages_are_rendered_in_the_caller_thread_and_returned_in_order() -> None:
    rendered_in: list[str] = []
    texts = {1: "Premier", 2: "Deuxième", 3: "Troisième"}

    def render(number: int) -> Callable[[], Any]:
        def draw() -> Any:
            rendered_in.append(threading.current_thread().name)
            return _page_image([f"Page {texts[number]} du contrat"])

        return draw

    results = list(ocr.recognise_pages(((n, render(n)) for n in texts), jobs=2))
    assert [(n, [line.text for line in lines]) for n, lines in results] == [  # type: ignore[union-attr]
        (1, ["Page Premier du contrat"]),
        (2, ["Page Deuxième du contrat"]),
        (3, ["Page Troisième du contrat"]),
    ]
    assert set(rendered_in) == {threading.current_thread().name}


def test_missing_program_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    ocr.missing.cache_clear()
    try:
        assert ocr.missing() == (
            "le programme tesseract est absent (paquets tesseract-ocr et tesseract-ocr-fra)"
        )
    finally:
        monkeypatch.undo()
        ocr.missing.cache_clear()
    assert ocr.missing() is None


def test_failure_of_tesseract_is_an_ocr_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "tesseract"
    broken.write_text("#!/bin/sh\necho 'Error opening data file fra.traineddata' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(
        ocr.OcrError,
        match=r"^page 5 : tesseract a échoué \(Error opening data file fra.traineddata\)$",
    ):
        ocr.recognise(_page_image(["Texte"]), page=5)


def _row(y: float, x: float, text: str) -> list[Word]:
    words, left = [], x
    for token in text.split():
        words.append(Word(token, (left, y, left + 6 * len(token), y + 10)))
        left += 6 * len(token) + 4
    return words


def test_lines_joined_across_the_gutter_are_read_column_by_column() -> None:
    left = ["alpha bravo charlie delta", "echo foxtrot golf hotel", "india juliet kilo lima",
            "mike november oscar papa", "quebec romeo sierra tango"]  # fmt: skip
    right = ["uniform victor whiskey xray", "yankee zulu amber beryl", "coral dune ember frost",
             "grove heath islet jade", "kelp loam marsh nettle"]  # fmt: skip
    merged = [  # what Tesseract gives when it sees one line across both columns
        Line(3, n, f"{a} {b}", (72.0, y, 523.0, y + 10), 0, (*_row(y, 72, a), *_row(y, 310, b)))
        for n, (a, b, y) in enumerate(
            zip(left, right, [100.0 + 14 * i for i in range(5)], strict=True), start=1
        )
    ]
    lines = ocr.in_reading_order(merged, 3, 595.0, 842.0)
    assert [line.text for line in lines] == left + right
    assert [line.column for line in lines] == [1] * 5 + [2] * 5
    assert [line.number for line in lines] == list(range(1, 11))
    single = merged[:2]  # too little to be columns: Tesseract's lines stay as they are
    assert ocr.in_reading_order(single, 3, 595.0, 842.0) == single
