"""Dates and durations in French and English contract wording.

Regular expressions find the spans and read them (month names come from CLDR through babel);
dateparser reads what the expressions do not cover; text2num turns number words into numbers.
Numeric dates are day first unless the document shows month-first dates (:func:`numeric_order`).

>>> [d.isoformat() for d, _ in find_dates("signé le 1er janvier 2025 et le 01/02/2025")]
['2025-01-01', '2025-02-01']
>>> find_durations("pour une durée de trois (3) ans")[0].amount
3
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from extractors.types import Duration

__all__ = [
    "find_dates",
    "find_duration_spans",
    "find_durations",
    "numeric_order",
    "parse_date",
    "parse_number",
]


@cache
def _month_table() -> dict[str, int]:
    """Month names and abbreviations in French and English (CLDR via babel), folded → 1..12."""
    from babel.dates import get_month_names

    table: dict[str, int] = {}
    for locale in ("fr", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                table[_plain(str(name)).rstrip(".")] = int(number)
    table.update({"sept": 9, "fevr": 2, "juil": 7})
    return table


def _plain(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


@cache
def _date_regex() -> re.Pattern[str]:
    names = set(_month_table())
    names |= {n.replace("e", "é", 1) for n in names if "e" in n} | {"février", "août", "décembre"}
    months = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    day = r"(?:1er|ler|1st|2nd|3rd|\d{1,2}(?:st|nd|rd|th)?)"  # « ler »: « 1er » misread by OCR
    return re.compile(
        rf"\b(?:(?P<d1>{day})\s+(?:day\s+of\s+|of\s+)?(?P<m1>{months})\.?,?\s+(?P<y1>\d{{4}})"
        rf"|(?P<m2>{months})\.?\s+(?P<d2>{day}),?\s+(?P<y2>\d{{4}})"
        r"|(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y3>\d{4})"
        r"|(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2}))\b",
        re.I,
    )


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _from_match(match: re.Match[str], order: str) -> date | None:
    if match["y4"]:
        return _safe(int(match["y4"]), int(match["m4"]), int(match["d4"]))
    if match["y3"]:
        a, b = int(match["a"]), int(match["b"])
        day, month = (b, a) if order == "MDY" else (a, b)
        return _safe(int(match["y3"]), month, day)
    day_text, month_text, year = (
        (match["d1"], match["m1"], match["y1"])
        if match["y1"]
        else (match["d2"], match["m2"], match["y2"])
    )
    named = _month_table().get(_plain(month_text).rstrip("."))
    digits = re.match(r"\d+", day_text)
    number = 1 if day_text.lower() in ("1er", "ler") else int(digits.group(0)) if digits else 0
    return _safe(int(year), named, number) if named else None


def numeric_order(text: str) -> str:
    """``"MDY"`` when the text's numeric dates are month first (« 6/21/1999 »), else ``"DMY"``."""
    first = second = 0
    for match in re.finditer(r"\b(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}\b", text):
        first += int(match.group(1)) > 12
        second += int(match.group(2)) > 12
    return "MDY" if second > first else "DMY"


def parse_date(text: str, order: str = "DMY") -> date | None:
    """One date written in French or English; numeric forms day first unless ``order="MDY"``."""
    match = _date_regex().fullmatch(text.strip())
    if match:
        return _from_match(match, order)
    import dateparser

    cleaned = re.sub(r"\b1er\b", "1", text, flags=re.I)
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned)
    parsed = dateparser.parse(
        cleaned,
        languages=["fr", "en"],
        settings={"DATE_ORDER": order, "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True},
    )
    return parsed.date() if parsed else None


def find_dates(text: str, order: str = "DMY") -> list[tuple[date, tuple[int, int]]]:
    """Every date in ``text`` with its character span, in order."""
    found = []
    for match in _date_regex().finditer(text):
        parsed = _from_match(match, order)
        if parsed is not None:
            found.append((parsed, match.span()))
    return found


_UNITS = {
    "jour": "days",
    "jours": "days",
    "day": "days",
    "days": "days",
    "mois": "months",
    "month": "months",
    "months": "months",
    "an": "years",
    "ans": "years",
    "annee": "years",
    "annees": "years",
    "année": "years",
    "années": "years",
    "year": "years",
    "years": "years",
}
_NUMBER_WORD = r"[a-zàâçéèêëîïôûùüÿ]+(?:[- ](?:et[- ])?[a-zàâçéèêëîïôûùüÿ]+){0,3}"
_DURATION = re.compile(
    rf"(?:(?P<words>{_NUMBER_WORD})\s*\(\s*(?P<paren>\d{{1,4}})\s*\)|(?P<digits>\d{{1,4}})"
    rf"|(?P<alone>{_NUMBER_WORD}))\s*(?:\(\d+\)\s*)?(?:calendar\s+|business\s+|ouvr\w+\s+)?"
    r"(?P<unit>jours?|mois|ann[ée]es?|ans?|days?|months?|years?)\b(?:\s+(?:calendaires|ouvrés|ouvrables))?",
    re.I,
)


def parse_number(words: str) -> int | None:
    """``"trois"`` → 3, ``"ninety"`` → 90, ``"12"`` → 12; None when it is not a number."""
    words = words.strip().lower()
    if words.isdigit():
        return int(words)
    from text_to_num import text2num

    for lang in ("fr", "en"):
        try:
            return int(text2num(words, lang))
        except ValueError:
            continue
    return None


def find_durations(text: str) -> list[Duration]:
    """Every duration in ``text``: ``"trois (3) mois"``, ``"36 mois"``, ``"ninety (90) days"``."""
    return [duration for duration, _span in find_duration_spans(text)]


def find_duration_spans(text: str) -> list[tuple[Duration, tuple[int, int]]]:
    """Like :func:`find_durations`, with each duration's character span."""
    found = []
    for match in _DURATION.finditer(text):
        amount: int | None
        start = match.start()
        if match["paren"]:
            amount = int(match["paren"])
            skip = _trailing_number(match["words"])
            start = match.start("words") + (skip[1] if skip else 0)
        elif match["digits"]:
            amount = int(match["digits"])
        else:
            number = _trailing_number(match["alone"])
            amount, start = (number[0], match.start("alone") + number[1]) if number else (None, 0)
        if not amount:
            continue
        unit = _UNITS[match["unit"].lower()]
        duration = Duration(amount, unit, text[start : match.end()].strip())  # type: ignore[arg-type]
        found.append((duration, (start, match.end())))
    return found


def _trailing_number(words: str) -> tuple[int, int] | None:
    """The number ending a run of words and its offset: "durée de trois" → (3, 9)."""
    for part in re.finditer(r"\S+", words):
        value = parse_number(words[part.start() :])
        if value is not None:
            return value, part.start()
    return None
