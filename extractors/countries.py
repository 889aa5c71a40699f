"""Country names in French and English text → ISO 3166-1 alpha-2 codes (pycountry and its
translations), and whether a country is in the European Economic Area.

>>> find_countries("stockées en France et en Allemagne, sauvegarde aux États-Unis")
['FR', 'DE', 'US']
>>> is_eea("NO"), is_eea("US")
(True, False)
"""

from __future__ import annotations

import gettext
import re
from functools import cache

from extractors.text import fold

__all__ = ["EEA", "find_countries", "find_country_spans", "is_eea"]

# EU 27 + Iceland, Liechtenstein, Norway.
EEA = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
    ]
)

# Usual short forms that the ISO names do not cover.
_ALIASES = {
    "etats-unis": "US",
    "etats unis": "US",
    "usa": "US",
    "united states": "US",
    "royaume-uni": "GB",
    "united kingdom": "GB",
    "uk": "GB",
    "grande-bretagne": "GB",
    "pays-bas": "NL",
    "netherlands": "NL",
    "republique tcheque": "CZ",
    "czech republic": "CZ",
    "coree du sud": "KR",
    "south korea": "KR",
    "russie": "RU",
    "russia": "RU",
    "inde": "IN",
    "irlande": "IE",
    "allemagne": "DE",
}


def is_eea(code: str) -> bool:
    return code.upper() in EEA


@cache
def _names() -> re.Pattern[str]:
    import pycountry

    table: dict[str, str] = dict(_ALIASES)
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            table.setdefault(fold(name), country.alpha_2)
            table.setdefault(fold(french.gettext(name)), country.alpha_2)
    # Names that are also ordinary words in contracts.
    for word in ("chad", "jersey", "guernsey", "man", "france"):
        table.pop(word, None)
    table["france"] = "FR"
    _table.update(table)
    alternatives = sorted(
        (re.escape(n) for n in table if len(n) > 3 or n in ("usa", "uk")), key=len, reverse=True
    )
    return re.compile(r"\b(" + "|".join(alternatives) + r")\b")


_table: dict[str, str] = {}


def find_countries(text: str) -> list[str]:
    """ISO codes of the countries named in ``text``, in order of first mention."""
    codes: list[str] = []
    for code, _start in find_country_spans(text):
        if code not in codes:
            codes.append(code)
    return codes


def find_country_spans(text: str) -> list[tuple[str, int]]:
    """Every country mention: ISO code and where it starts in ``fold(text)``."""
    return [(_table[m.group(1)], m.start()) for m in _names().finditer(fold(text))]
