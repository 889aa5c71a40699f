"""Labels, scores and the keyword baseline of ``hdswatch eval``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from hdswatch.errors import LabelsInvalid
from hdswatch.evaluation import Prediction, keyword_prediction, parse_label, read_labels, score
from hdswatch.evaluation.textdoc import text_document


def test_labels_in_the_report_format(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    rows = [
        {
            "file": "a.pdf",
            "as_of": "2026-11-29",
            "split": "heldout",
            "clauses": {
                "reversibility": {"status": "missing"},
                "dpo_audit": {"status": "present", "pages": [4]},
            },
            "dates": {"end_date": "2027-03-31"},
        },
        {
            "file": "b.pdf",
            "clauses": {"dpo_audit": "present"},
            "evidence_pages": {"dpo_audit": [2, 3]},
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    first, second = read_labels(path)
    assert (first.statuses, first.pages, first.as_of, first.split) == (
        {"reversibility": "missing", "dpo_audit": "present"},
        {"dpo_audit": [4]},
        date(2026, 11, 29),
        "heldout",
    )
    assert (second.pages, second.dates, second.as_of) == ({"dpo_audit": [2, 3]}, {}, None)


@pytest.mark.parametrize(
    "row",
    [{"clauses": {}}, {"file": "a.pdf", "clauses": {"dpo_audit": "absent"}}],
)
def test_wrong_labels_are_refused(row: dict[str, object]) -> None:
    with pytest.raises(LabelsInvalid):
        parse_label(row)


def test_scores_count_findings_dates_and_pages() -> None:
    label = parse_label(
        {
            "file": "a.pdf",
            "clauses": {
                "reversibility": "missing",
                "hosting_locations": "non_compliant",
                "dpo_audit": {"status": "present", "pages": [5]},
                "access_control": {"status": "present", "pages": [3]},
            },
            "dates": {"end_date": "2027-03-31", "notice_period_days": 90},
        }
    )
    prediction = Prediction(
        "a.pdf",
        {
            "reversibility": "missing",
            "hosting_locations": "present",
            "dpo_audit": "present",
            "access_control": "missing",
        },
        {"dpo_audit": [5, 6]},
        {"end_date": "2027-03-31", "notice_period_days": 60},
    )
    result = score([(label, prediction)])
    missing, non_compliant = result.statuses["missing"], result.statuses["non_compliant"]
    assert (missing.tp, missing.fp, missing.fn) == (1, 1, 0)
    assert (non_compliant.tp, non_compliant.fp, non_compliant.fn) == (0, 0, 1)
    assert (result.overall.precision, result.overall.recall) == (0.5, 0.5)
    assert (result.pages.right, result.pages.total) == (1, 1)
    assert {k: (r.right, r.total) for k, r in result.dates.items()} == {
        "end_date": (1, 1),
        "notice_period_days": (0, 1),
    }
    assert sorted(result.errors) == [
        ("a.pdf", "access_control", "present", "missing"),
        ("a.pdf", "hosting_locations", "non_compliant", "present"),
    ]


def test_keyword_baseline() -> None:
    prediction = keyword_prediction(
        "x.pdf",
        [
            "Préambule",
            "Article 9 – Réversibilité : restitution des données",
            "Audit des comptes annuels",
        ],
        ["reversibility", "dpo_audit", "patient_information"],
    )
    assert prediction.statuses == {
        "reversibility": "present",
        "dpo_audit": "present",
        "patient_information": "missing",
    }
    assert prediction.pages == {"reversibility": [2], "dpo_audit": [3]}
    assert prediction.dates is None


def test_text_becomes_pseudo_pages() -> None:
    text = (
        "# Terms\n\nThe <b>Provider</b> shall [notify](https://x.example) the Customer. "
        + "word " * 10
    )
    doc = text_document(text, lines_per_page=2, width=60)
    assert [(line.page, line.number) for line in doc.lines] == [(1, 1), (1, 2), (2, 1)]
    assert doc.lines[0].text == "TERMS"
    assert doc.lines[1].text.startswith("The Provider shall notify the Customer. word")
