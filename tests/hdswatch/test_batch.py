"""Batch analysis: reports in the order of the files, the same with one process or two."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from hdswatch import batch
from hdswatch.batch import analyse_many, jobs_for, plan
from hdswatch.report import analyse_file
from hdswatch.samples import demo_specs, write_bad_files, write_contract_pdf

AS_OF = date(2026, 11, 29)


def test_jobs_for() -> None:
    assert jobs_for(2, 5) == 2
    assert jobs_for(4, 3) == 3
    assert jobs_for(1, 0) == 1
    assert 1 <= jobs_for(0, 100) <= 100


@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_two_processes_give_the_same_reports_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    bad = write_bad_files(tmp_path / "bad")
    spec = demo_specs(AS_OF)[2]
    contract = write_contract_pdf(spec, tmp_path / f"{spec.name}.pdf")
    paths = [bad["truncated"], contract, bad["encrypted"], contract]  # one file twice
    alone = [analyse_file(path, AS_OF) for path in paths]  # one validation per file
    monkeypatch.setattr(batch, "start_method", lambda: method)
    pooled = list(analyse_many(paths, AS_OF, jobs=2))  # one per group of files
    assert [r["file"] for r in pooled] == [p.name for p in paths]
    assert pooled == alone
    assert [r["kind"] for r in pooled] == ["damaged", "contract", "encrypted", "contract"]
    assert list(analyse_many(paths, AS_OF, jobs=1)) == alone


def test_cli_jobs_option_keeps_the_order(tmp_path: Path) -> None:
    bad = write_bad_files(tmp_path)
    names = ["invoice", "empty", "truncated", "scanned_like", "not_a_pdf"]
    result = subprocess.run(
        [sys.executable, "-m", "hdswatch.cli", "analyze", *(str(bad[n]) for n in names),
         "--as-of", AS_OF.isoformat(), "--jobs", "2"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["file"], r["kind"], r["pages"], r["ocr_pages"]) for r in reports] == [
        ("invoice.pdf", "not_contract", 1, []),
        ("empty.pdf", "empty", 0, []),
        ("truncated.pdf", "damaged", 8, []),
        ("scanned_like.pdf", "contract", 1, [1]),
        ("not_a_pdf.pdf", "unreadable", 0, []),
    ]
    truncated, scanned = reports[2], reports[3]
    assert [e["code"] for e in truncated["errors"]] == ["repaired", "pages_lost"]
    assert truncated["clauses"] and truncated["language"] == "fr"
    assert (scanned["language"], scanned["errors"]) == ("fr", [])


def test_plan_shares_the_work_largest_first() -> None:
    assert plan([10, 500, 20, 300], workers=2) == [[1], [3], [2], [0]]
    assert plan(list(range(20)), workers=2) == [
        [19, 18], [17, 16], [15, 14], [13, 12], [11, 10],
        [9, 8], [7, 6], [5, 4], [3, 2], [1, 0],
    ]  # fmt: skip
    assert plan([5] * 9, workers=1) == [[0, 1, 2, 3], [4, 5, 6, 7], [8]]
    assert plan([], workers=2) == []
