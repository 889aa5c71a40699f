from __future__ import annotations

from extractors.countries import find_countries, is_eea


def test_french_and_english_names() -> None:
    text = "stockées en France et en Allemagne, sauvegarde aux États-Unis; backups in Ireland"
    assert find_countries(text) == ["FR", "DE", "US", "IE"]


def test_eea_membership() -> None:
    assert [is_eea(c) for c in ("FR", "NO", "IS", "CH", "GB", "US")] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]


def test_no_country_in_ordinary_words() -> None:
    assert find_countries("a man in a jersey from Chad Smith") == []
