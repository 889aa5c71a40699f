"""Scores of predictions against labels: findings, date fields, evidence pages.

A *finding* is a clause reported ``missing`` or ``non_compliant`` (what raises an alert). For each
clause id and each finding status: a true positive when the prediction and the label agree on it,
a false positive when the prediction reports a finding the label does not have, a false negative
when the label has a finding the prediction lacks. Date fields are right when equal to the label
(``null`` included). The evidence page of a clause the label places is right when one of the
predicted evidence pages is one of the labelled pages.

In: :class:`Prediction` objects paired with :class:`~hdswatch.evaluation.labels.Label`. Out: a
:class:`Scores`.

>>> c = Counts(tp=9, fp=1, fn=0)
>>> (c.precision, c.recall, round(c.f1, 3))
(0.9, 1.0, 0.947)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hdswatch.evaluation.labels import Label

__all__ = ["FINDINGS", "Counts", "Prediction", "Scores", "score"]

FINDINGS = ("missing", "non_compliant")


@dataclass
class Prediction:
    """What a reader said about one file: statuses and evidence pages per clause, dates."""

    file: str
    statuses: dict[str, str]
    pages: dict[str, list[int]] = field(default_factory=dict)
    dates: dict[str, Any] | None = None


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class Scores:
    documents: int = 0
    clauses: dict[str, Counts] = field(default_factory=dict)
    statuses: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in FINDINGS})
    dates: dict[str, Ratio] = field(default_factory=dict)
    pages: Ratio = field(default_factory=Ratio)
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # file, clause, gold, got

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.statuses.values():
            total.add(counts)
        return total

    @property
    def dates_overall(self) -> Ratio:
        return Ratio(
            sum(r.right for r in self.dates.values()), sum(r.total for r in self.dates.values())
        )


def score(pairs: list[tuple[Label, Prediction]]) -> Scores:
    """Scores of every prediction against its label."""
    result = Scores(documents=len(pairs))
    for label, prediction in pairs:
        for clause_id, gold in label.statuses.items():
            got = prediction.statuses.get(clause_id, "missing")
            counts = result.clauses.setdefault(clause_id, Counts())
            for status in FINDINGS:
                one = Counts(
                    tp=int(gold == status and got == status),
                    fp=int(got == status and gold != status),
                    fn=int(gold == status and got != status),
                )
                counts.add(one)
                result.statuses[status].add(one)
            if gold != got:
                result.errors.append((label.file, clause_id, gold, got))
            places = label.pages.get(clause_id)
            if places and gold != "missing" and got != "missing":
                result.pages.total += 1
                result.pages.right += int(
                    bool(set(places) & set(prediction.pages.get(clause_id, [])))
                )
        if prediction.dates is not None:
            for key, gold_value in label.dates.items():
                ratio = result.dates.setdefault(key, Ratio())
                ratio.total += 1
                ratio.right += int(prediction.dates.get(key) == gold_value)
    return result
