"""English date, renewal and notice extraction measured on CUAD's training contracts.

In: ``cuad_train.jsonl`` (CUAD v1 training split: contract text, lawyers' annotations and their
parsed answers ``gold_values``). Each text becomes pseudo-pages of 50 lines
(:func:`~hdswatch.evaluation.textdoc.text_document`) and goes through the value extractor. Out:
per field, how many answers CUAD resolves, how many hdswatch gives, how many are right, and how
many values hdswatch gives where the lawyers found no such clause.

Fields: Agreement Date → ``signature_date``, Effective Date → ``effective_date``, Expiration Date →
``end_date`` (exact, and within one day: CUAD counts a one-year term from 21 June 1999 to
21 June 2000, hdswatch to 20 June 2000), Renewal Term → ``renewal_term``, Notice Period To
Terminate Renewal → ``notice_period`` (durations in days, CUAD's convention: a year is 365.25
days, a month 30.4375; right within 1 %).

    python -m hdswatch.evaluation.cuad ../shared/corpus/cuad_train/cuad_train.jsonl

>>> _days(Duration(1, "years", "one (1) year"))
365.25
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from extractors.text import sections
from extractors.types import Duration, Values
from extractors.values import extract_values
from hdswatch.evaluation.textdoc import text_document

__all__ = ["FIELDS", "FieldScore", "main", "measure"]

FIELDS = {
    "Agreement Date": "signature_date",
    "Effective Date": "effective_date",
    "Expiration Date": "end_date",
    "Renewal Term": "renewal_term",
    "Notice Period To Terminate Renewal": "notice_period",
}
_UNIT_DAYS = {"days": 1.0, "months": 30.4375, "years": 365.25}


@dataclass
class FieldScore:
    gold: int = 0  # documents where CUAD resolves the answer
    given: int = 0  # ... and hdswatch gives a value
    right: int = 0  # ... and it is right
    near: int = 0  # ... right within one day (dates) or 1 % (durations)
    absent: int = 0  # documents where the lawyers found no such clause
    spurious: int = 0  # ... and hdswatch gives a value all the same

    @property
    def precision(self) -> float | None:
        return self.right / self.given if self.given else None

    @property
    def recall(self) -> float | None:
        return self.right / self.gold if self.gold else None


def _days(duration: Duration) -> float:
    return duration.amount * _UNIT_DAYS[duration.unit]


def _value(values: Values, field: str) -> Any:
    return getattr(values, field)


def _compare(field: str, got: Any, gold: dict[str, Any]) -> tuple[bool, bool]:
    """(exact, near) for one resolved gold answer."""
    if gold["kind"] == "date":
        if not isinstance(got, str):
            return False, False
        gap = abs((date.fromisoformat(got) - date.fromisoformat(gold["value"])).days)
        return gap == 0, gap <= 1
    if gold["kind"] == "duration" and isinstance(got, Duration):
        wanted = float(gold["value"])
        exact = abs(_days(got) - wanted) <= 0.01 * wanted
        return exact, exact
    return False, False


def measure(path: Path, limit: int | None = None) -> dict[str, FieldScore]:
    scores = {name: FieldScore() for name in FIELDS}
    with path.open(encoding="utf-8") as handle:
        for number, row in enumerate(handle):
            if limit is not None and number >= limit:
                break
            item = json.loads(row)
            values = extract_values(sections(text_document(item["text"]).lines))
            for name, field in FIELDS.items():
                score, got = scores[name], _value(values, field)
                gold = (item.get("gold_values") or {}).get(name)
                if not item["labels"].get(name):
                    score.absent += 1
                    score.spurious += got is not None
                    continue
                if not gold or gold["kind"] not in ("date", "duration"):
                    continue
                score.gold += 1
                score.given += got is not None
                exact, near = _compare(field, got, gold)
                score.right += exact
                score.near += near
    return scores


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    path = Path(args[0])
    limit = int(args[1]) if len(args) > 1 else None
    print(
        "champ (field) | résolus CUAD | donnés | justes | précision | rappel | à ±1 j/1 % | "
        "sans clause | valeurs en trop"
    )
    for name, s in measure(path, limit).items():
        print(
            f"{name} | {s.gold} | {s.given} | {s.right} | {_pct(s.precision)} | "
            f"{_pct(s.recall)} | {s.near} | {s.absent} | {s.spurious}"
        )


if __name__ == "__main__":
    main()
