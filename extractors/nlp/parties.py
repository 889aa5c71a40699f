"""Organisation names found by the packaged French statistical model (``fr_core_news_sm``).

The model costs about 3 s to load and reads some 7,000 words a second, so it is loaded once per
process and run only on the few preamble sentences where the rules could not read a party's name.
When the package is not installed, no name is found (``None``), never a download.

In: a sentence. Out: the organisation names the model sees in it, longest first.

>>> organisations("Entre la société Nuagesanté Hébergement SAS et la Clinique du Parc")  # doctest: +SKIP
['Nuagesanté Hébergement SAS', 'Clinique du Parc']
"""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = ["MODEL", "organisations"]

MODEL = "fr_core_news_sm"
_LABELS = ("ORG", "MISC")


@cache
def _model() -> Any | None:
    import spacy

    try:
        return spacy.load(
            MODEL, exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler"]
        )
    except OSError:
        return None


def organisations(text: str) -> list[str]:
    """Names tagged ORG (or MISC, which the model gives to many foreign company names)."""
    nlp = _model()
    if nlp is None:
        return []
    names = [e.text.strip(" ,.;:") for e in nlp(text).ents if e.label_ in _LABELS]
    return sorted({n for n in names if len(n) > 3}, key=len, reverse=True)
