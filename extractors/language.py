"""Language of a document: French, English or None (too little text to tell).

Counts very common function words of each language; enough to tell French from English in a
contract, where both are the only expected languages.

>>> detect("Le présent contrat est conclu entre les parties pour une durée de trois ans.")
'fr'
>>> detect("This agreement is made between the parties for a term of three years.")
'en'
"""

from __future__ import annotations

import re

__all__ = ["detect"]

_WORDS = {
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "des",
            "du",
            "de",
            "et",
            "est",
            "une",
            "un",
            "pour",
            "par",
            "dans",
            "sur",
            "au",
            "aux",
            "qui",
            "que",
            "ne",
            "pas",
            "sont",
            "être",
            "présent",
            "présente",
            "ou",
            "avec",
            "son",
            "sa",
            "ses",
            "ces",
            "cette",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "is",
            "for",
            "by",
            "on",
            "with",
            "shall",
            "be",
            "this",
            "that",
            "or",
            "any",
            "such",
            "are",
            "as",
            "will",
            "which",
            "its",
            "from",
            "at",
            "an",
        ]
    ),
}
_MIN_HITS = 5


def detect(text: str) -> str | None:
    """``"fr"`` or ``"en"``, whichever has the most function words; None below 5 hits."""
    tokens = re.findall(r"[a-zà-ÿ]+", text[:200_000].lower())
    scores = {lang: sum(1 for t in tokens if t in words) for lang, words in _WORDS.items()}
    lang = max(scores, key=lambda k: scores[k])
    return lang if scores[lang] >= _MIN_HITS else None
