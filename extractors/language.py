"""Language of a text, a page or a document: French (``"fr"``), English (``"en"``) or None.

In: text (or a :class:`~extractors.types.Document`). Out: a language code, per page with
:func:`by_page`, as shares of the words with :func:`shares`.

Lingua (``lingua-language-detector``), restricted to French and English, judges each piece: its
letter n-gram models tell the two apart on a dozen words (99.8 % right on 12-word extracts of the
corpus, where counting function words was right 43 % of the time; ``docs/benchmarks.md``). A long
text is judged on at most 40 extracts of 60 words spread over it, and the language of most extracts
wins: a mixed document gets its dominant language, and its pages or sections can be asked one by
one. The models (≈ 100 MB) are loaded once per process, on first use.

>>> detect("Le présent contrat est conclu entre les parties pour une durée de trois ans.")
'fr'
>>> detect("This agreement is made between the parties for a term of three years.")
'en'
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

from extractors.types import Document

__all__ = ["by_page", "detect", "shares", "warm_up"]

_MIN_WORDS = 3  # fewer words than this (« Article 5 ») say nothing about the language
_CHUNK = 60
_MAX_CHUNKS = 40
_WORD = re.compile(r"[^\W\d_]{2,}")


@functools.cache
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.FRENCH, Language.ENGLISH).build()


def warm_up() -> None:
    """Load the language models now (a worker process does it once, before its first file)."""
    detect("Le présent contrat est conclu pour trois ans. This agreement is made for three years.")


def shares(text: str) -> dict[str, float]:
    """Share of the text's extracts in each language, e.g. ``{"fr": 0.75, "en": 0.25}``; empty
    when the text has fewer than three words."""
    from lingua import Language

    words = _WORD.findall(text)
    if len(words) < _MIN_WORDS:
        return {}
    chunks = [words[i : i + _CHUNK] for i in range(0, len(words), _CHUNK)]
    if len(chunks) > 1 and len(chunks[-1]) < _CHUNK // 3:
        last = chunks.pop()
        chunks[-1] += last
    if len(chunks) > _MAX_CHUNKS:
        step = len(chunks) / _MAX_CHUNKS
        chunks = [chunks[int(i * step)] for i in range(_MAX_CHUNKS)]
    codes = {Language.FRENCH: "fr", Language.ENGLISH: "en"}
    votes: Counter[str] = Counter()
    detector = _detector()
    for chunk in chunks:
        found = detector.detect_language_of(" ".join(chunk))
        if found is not None:
            votes[codes[found]] += len(chunk)
    total = sum(votes.values())
    return {lang: n / total for lang, n in votes.most_common()} if total else {}


def detect(text: str) -> str | None:
    """``"fr"`` or ``"en"``: the language of most of ``text``; None when it is too short to tell."""
    found = shares(text)
    return max(found, key=lambda lang: found[lang]) if found else None


def by_page(document: Document) -> dict[int, str | None]:
    """The language of each page, by page number (None for a page with too little text)."""
    return {page.number: detect(page.text) for page in document.pages}
