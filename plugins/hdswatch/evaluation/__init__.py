"""How well hdswatch reads contracts, measured against labels, next to a plain keyword baseline.

``compare(labels, folder)`` runs the analysis and the baseline on every labelled PDF and scores
the findings (``missing`` / ``non_compliant``) per clause, the date fields and the evidence pages;
``format_comparison`` prints it (``hdswatch eval LABELS DIR``). ``text_document`` turns plain text
into pseudo-pages for corpora that have no PDF (``python -m hdswatch.evaluation.cuad`` and
``python -m hdswatch.evaluation.public_terms``).

>>> from hdswatch.evaluation import Counts
>>> Counts(tp=1, fp=1, fn=0).precision
0.5
"""

from __future__ import annotations

from hdswatch.evaluation.baseline import keyword_prediction
from hdswatch.evaluation.labels import Label, parse_label, read_labels
from hdswatch.evaluation.metrics import Counts, Prediction, Scores, score
from hdswatch.evaluation.printing import format_comparison
from hdswatch.evaluation.runner import Comparison, compare, predict
from hdswatch.evaluation.textdoc import text_document

__all__ = [
    "Comparison",
    "Counts",
    "Label",
    "Prediction",
    "Scores",
    "compare",
    "format_comparison",
    "keyword_prediction",
    "parse_label",
    "predict",
    "read_labels",
    "score",
    "text_document",
]
