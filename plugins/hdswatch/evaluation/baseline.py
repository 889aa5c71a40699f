"""The plain keyword baseline: a clause is present when any of its keywords appears.

The keywords are those of the project's clause reference, copied into ``keywords.v1.yaml`` beside
this module. The baseline never says ``non_compliant`` and reads no date; its evidence page is the
first page where a keyword of the clause appears.

In: the pages of a document as texts. Out: a :class:`~hdswatch.evaluation.metrics.Prediction`.

>>> keyword_prediction("x.pdf", ["Plan de réversibilité et restitution des données"],
...     ["reversibility", "dpo_audit"]).statuses
{'reversibility': 'present', 'dpo_audit': 'missing'}
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from extractors.text import fold
from hdswatch.evaluation.metrics import Prediction

__all__ = ["keyword_patterns", "keyword_prediction"]


@cache
def keyword_patterns(version: str = "keywords.v1") -> dict[str, re.Pattern[str]]:
    """One pattern per clause id: any keyword (French or English), as a whole word, folded."""
    raw = resources.files("hdswatch.evaluation").joinpath(f"{version}.yaml").read_text("utf-8")
    data = yaml.safe_load(raw)["clauses"]
    return {
        clause_id: re.compile(
            r"\b(" + "|".join(re.escape(fold(k)) for k in (words["fr"] + words["en"])) + r")\b"
        )
        for clause_id, words in data.items()
    }


def keyword_prediction(file: str, pages: list[str], clause_ids: list[str]) -> Prediction:
    patterns = keyword_patterns()
    folded = [fold(text) for text in pages]
    statuses: dict[str, str] = {}
    places: dict[str, list[int]] = {}
    for clause_id in clause_ids:
        pattern = patterns.get(clause_id)
        page = next(
            (n for n, text in enumerate(folded, start=1) if pattern and pattern.search(text)), None
        )
        statuses[clause_id] = "present" if page else "missing"
        if page:
            places[clause_id] = [page]
    return Prediction(file, statuses, places, None)
