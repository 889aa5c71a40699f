"""Dates and durations in French and English contract wording.

Regular expressions find the spans (month names come from CLDR through babel); dateparser turns
a date span into a date, text2num turns number words into numbers.

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

__all__ = ["find_dates", "find_duration_spans", "find_durations", "parse_date", "parse_number"]


@cache
def _month_names() -> str:
    from babel.dates import get_month_names

    names: set[str] = set()
    for locale in ("fr", "en"):
        for width in ("wide", "abbreviated"):
            names.update(
                str(n).lower().rstrip(".") for n in get_month_names(width, locale=locale).values()
            )
    names.discard("mai")  # kept below, but "mai" must not be optional-dotted away
    names.update({"mai", "sept", "févr", "fevrier", "aout", "decembre"})
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


@cache
def _date_regex() -> re.Pattern[str]:
    months = _month_names()
    day = r"(?:1er|1st|2nd|3rd|\d{1,2}(?:st|nd|rd|th)?)"
    return re.compile(
        rf"\b(?:{day}\s+(?:of\s+)?(?:{months})\.?,?\s+\d{{4}}"  # 1er janvier 2025, 1 January 2025
        rf"|(?:{months})\.?\s+{day},?\s+\d{{4}}"  # January 1, 2025
        r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"  # 01/01/2025
        r"|\d{4}-\d{2}-\d{2})\b",  # 2025-01-01
        re.I,
    )


def parse_date(text: str) -> date | None:
    """One date written in French or English, day before month for numeric forms."""
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    import dateparser

    cleaned = re.sub(r"\b1er\b", "1", text, flags=re.I)
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned)
    parsed = dateparser.parse(
        cleaned,
        languages=["fr", "en"],
        settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True},
    )
    return parsed.date() if parsed else None


def find_dates(text: str) -> list[tuple[date, tuple[int, int]]]:
    """Every date in ``text`` with its character span, in order."""
    found = []
    for match in _date_regex().finditer(text):
        parsed = parse_date(match.group(0))
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
