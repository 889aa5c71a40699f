from __future__ import annotations

from datetime import date

import pytest

from extractors.dates import find_dates, find_durations, numeric_order, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1er janvier 2025", date(2025, 1, 1)),
        ("01/02/2025", date(2025, 2, 1)),
        ("12 mars 2024", date(2024, 3, 12)),
        ("January 1, 2025", date(2025, 1, 1)),
        ("1st January 2025", date(2025, 1, 1)),
        ("2024-04-01", date(2024, 4, 1)),
        ("31/02/2025", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_find_dates_in_order_with_spans() -> None:
    text = "signé le 1er janvier 2025, effet au 01/02/2025"
    assert find_dates(text) == [(date(2025, 1, 1), (9, 25)), (date(2025, 2, 1), (36, 46))]


@pytest.mark.parametrize(
    ("text", "amount", "unit", "words"),
    [
        ("pour une durée de trois (3) ans", 3, "years", "trois (3) ans"),
        ("une durée de 36 mois", 36, "months", "36 mois"),
        ("au moins quatre-vingt-dix jours avant l'échéance", 90, "days", "quatre-vingt-dix jours"),
        ("par lettre recommandée trois mois avant", 3, "months", "trois mois"),
        ("ninety (90) days prior written notice", 90, "days", "ninety (90) days"),
        ("for successive periods of twelve (12) months", 12, "months", "twelve (12) months"),
    ],
)
def test_find_durations(text: str, amount: int, unit: str, words: str) -> None:
    duration = find_durations(text)[0]
    assert (duration.amount, duration.unit, duration.text) == (amount, unit, words)


def test_no_duration_in_plain_numbers() -> None:
    assert find_durations("les 2 parties conviennent de l'article 12") == []


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("21st day of June, 1999", "DMY", date(1999, 6, 21)),
        ("June 21st, 1999", "DMY", date(1999, 6, 21)),
        ("6/21/1999", "MDY", date(1999, 6, 21)),
        ("03/04/2025", "MDY", date(2025, 3, 4)),
        ("03/04/2025", "DMY", date(2025, 4, 3)),
        ("1er août 2025", "DMY", date(2025, 8, 1)),
        ("3 févr. 2024", "DMY", date(2024, 2, 3)),
    ],
)
def test_english_and_abbreviated_forms(text: str, order: str, expected: date) -> None:
    assert parse_date(text, order) == expected
    assert find_dates(f"signé le {text}.", order)[0][0] == expected


def test_numeric_order_follows_the_document() -> None:
    assert numeric_order("signed 6/21/1999 and effective 7/1/1999") == "MDY"
    assert numeric_order("signé le 21/06/1999") == "DMY"
    assert numeric_order("le 01/02/2025") == "DMY"
