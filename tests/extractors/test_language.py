"""French, English and mixed documents."""

from __future__ import annotations

import pytest

from extractors.language import by_page, detect, shares
from extractors.types import Document, Line, Page

FR = (
    "L'Hébergeur restitue au Client l'ensemble des données de santé hébergées dans un format "
    "standard, puis procède à leur destruction et en remet un procès-verbal au Client."
)
EN = (
    "The Provider shall return all health data to the Customer in a standard format and then "
    "delete every copy, and shall confirm the deletion to the Customer in writing."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (FR, "fr"),
        (EN, "en"),
        ("Durée du contrat : trois ans", "fr"),
        ("Term of the agreement: three years", "en"),
        ("Le présent contrat est conclu entre les parties pour une durée de trois ans.", "fr"),
        ("Article 12", None),
        ("12/03/2025 – 99,9 %", None),
        ("", None),
    ],
)
def test_detect(text: str, expected: str | None) -> None:
    assert detect(text) == expected


def _page(number: int, text: str) -> Page:
    return Page(number, [Line(number, 1, text, (72.0, 72.0, 500.0, 84.0))])


def test_mixed_document_by_page_and_dominant_language() -> None:
    document = Document([_page(1, FR), _page(2, FR), _page(3, EN), _page(4, "Page 4")])
    assert by_page(document) == {1: "fr", 2: "fr", 3: "en", 4: None}
    assert detect(document.text) == "fr"
    found = shares(document.text)  # by words: the French pages are a little longer
    assert sorted(found) == ["en", "fr"] and 0.6 < found["fr"] < 0.8
    assert found["en"] == pytest.approx(1 - found["fr"])


def test_mostly_english_document() -> None:
    assert detect("\n".join([EN] * 3 + [FR])) == "en"
