"""Run hdswatch and the keyword baseline on labelled documents, and score both.

In: a labels file (:mod:`hdswatch.evaluation.labels`), the folder holding the labelled PDFs, an
optional reference date (else each label's ``as_of``, else today in Europe/Paris) and a number of
worker processes. Out: a :class:`Comparison` of the product's and the baseline's scores, for all
documents and for each ``split`` named in the labels (e.g. ``dev`` and ``heldout``).

>>> comparison = compare(Path("labels.jsonl"), Path("devset/"))   # doctest: +SKIP
>>> round(comparison.product["all"].overall.recall, 2)            # doctest: +SKIP
0.97
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hdswatch.evaluation.baseline import keyword_prediction
from hdswatch.evaluation.labels import Label, read_labels
from hdswatch.evaluation.metrics import Prediction, Scores, score

__all__ = ["Comparison", "compare", "predict"]


@dataclass
class Comparison:
    product: dict[str, Scores] = field(default_factory=dict)
    baseline: dict[str, Scores] = field(default_factory=dict)
    absent: list[str] = field(default_factory=list)  # labelled files not found in the folder


def predict(path: Path, as_of: date) -> tuple[Prediction, Prediction]:
    """hdswatch's report and the keyword baseline on one PDF, as predictions."""
    from expectations.catalogue import load_catalogue
    from extractors.pdf import read_pdf
    from hdswatch.report import analyse_file

    report = analyse_file(path, as_of)
    clauses = report["clauses"]
    product = Prediction(
        path.name,
        {k: v["status"] for k, v in clauses.items()},
        {k: list(v["pages"]) for k, v in clauses.items()},
        dict(report["dates"]),
    )
    pages = [page.text for page in read_pdf(path).pages]
    baseline = keyword_prediction(path.name, pages, load_catalogue().ids)
    return product, baseline


def _predict_one(job: tuple[Path, date]) -> tuple[Prediction, Prediction]:
    return predict(*job)


def compare(
    labels_path: Path, folder: Path, as_of: date | None = None, jobs: int = 1
) -> Comparison:
    from hdswatch.clock import today_in_paris

    labels = read_labels(labels_path)
    result = Comparison()
    todo: list[tuple[Label, Path, date]] = []
    for label in labels:
        path = folder / label.file
        if not path.is_file():
            result.absent.append(label.file)
            continue
        todo.append((label, path, as_of or label.as_of or today_in_paris()))
    jobs_list = [(path, day) for _label, path, day in todo]
    if jobs > 1 and len(jobs_list) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            outputs = list(pool.map(_predict_one, jobs_list))
    else:
        outputs = [_predict_one(job) for job in jobs_list]
    groups: dict[str, list[int]] = {"all": list(range(len(todo)))}
    for index, (label, _path, _day) in enumerate(todo):
        if label.split:
            groups.setdefault(label.split, []).append(index)
    for name, indexes in groups.items():
        result.product[name] = score([(todo[i][0], outputs[i][0]) for i in indexes])
        result.baseline[name] = score([(todo[i][0], outputs[i][1]) for i in indexes])
    return result
