"""Language detection: accuracy and speed of ``extractors.language.detect`` (Lingua, French and
English) next to the function-word count it replaced, on extracts of real contracts.

In: ``../shared/corpus/public_terms/`` (3 French, 10 English texts) and the first 30 CUAD training
contracts (English). Out: a Markdown table on stdout: for extracts of 6 to 3,000 words taken at
random (seeded) places, the share detected right, the share left undecided, and words per second.

    python -m bench.language
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Callable

from bench.corpus import CUAD
from extractors.language import detect, warm_up

PUBLIC_TERMS = CUAD.parents[1] / "public_terms"
_FUNCTION_WORDS = {
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


def function_words(text: str) -> str | None:
    """The former method: the language with the most function words, None below 5 of them."""
    tokens = re.findall(r"[a-zà-ÿ]+", text[:200_000].lower())
    scores = {lang: sum(1 for t in tokens if t in words) for lang, words in _FUNCTION_WORDS.items()}
    lang = max(scores, key=lambda k: scores[k])
    return lang if scores[lang] >= 5 else None


def texts() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"fr": [], "en": []}
    for path in sorted(PUBLIC_TERMS.glob("*.txt")):
        found[path.name[:2]].append(path.read_text(encoding="utf-8"))
    with CUAD.open(encoding="utf-8") as handle:
        for _, line in zip(range(30), handle, strict=False):
            found["en"].append(json.loads(line)["text"])
    return found


def main() -> None:
    corpus = texts()
    rng = random.Random(1)  # noqa: S311 (a repeatable sample, not a secret)
    warm_up()
    methods: list[tuple[str, Callable[[str], str | None]]] = [
        ("function words (before)", function_words),
        ("Lingua FR+EN (now)", detect),
    ]
    print("| words | method | right | undecided | extracts | words/s |")
    print("|---|---|---|---|---|---|")
    for size in (6, 12, 30, 300, 3000):
        extracts = []
        for lang, documents in corpus.items():
            for document in documents:
                words = document.split()
                for _ in range(100 if size < 1000 else 10):
                    if len(words) <= size:
                        break
                    start = rng.randrange(len(words) - size)
                    extracts.append((lang, " ".join(words[start : start + size])))
        for name, method in methods:
            start_time = time.perf_counter()
            answers = [(lang, method(text)) for lang, text in extracts]
            seconds = time.perf_counter() - start_time
            right = sum(lang == found for lang, found in answers) / len(answers)
            undecided = sum(found is None for _, found in answers) / len(answers)
            speed = size * len(extracts) / seconds
            print(
                f"| {size} | {name} | {right:.3f} | {undecided:.3f} | {len(extracts)} | {speed:,.0f} |"
            )


if __name__ == "__main__":
    main()
