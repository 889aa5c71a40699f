"""``hdswatch eval LABELS DIR`` on the three demo contracts, next to the keyword baseline."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from hdswatch.samples import demo_specs, expected_labels, write_contract_pdf

AS_OF = date(2026, 11, 29)


def test_eval_prints_scores_for_both_readers(tmp_path: Path) -> None:
    specs = demo_specs(AS_OF)
    rows = []
    for spec in specs:
        write_contract_pdf(spec, tmp_path / f"{spec.name}.pdf")
        rows.append({**expected_labels(spec, as_of=AS_OF), "as_of": AS_OF.isoformat()})
    rows.append({"file": "absent.pdf", "clauses": {"reversibility": "missing"}})
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    result = subprocess.run(
        [sys.executable, "-m", "hdswatch.cli", "eval", str(labels), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == "== all : 3 document(s) =="
    assert out[2] == "  hdswatch         P 100.0%  R 100.0%  F1 100.0%  (tp 3, fp 0, fn 0)"
    assert out[3].startswith("  mots-clés (kw)   P ")
    assert "  end_date                 100.0% (3/3)" in out
    assert (
        out[-1] == "Fichiers étiquetés absents du dossier (labelled files not found) : absent.pdf"
    )


def test_eval_refuses_a_wrong_labels_file(tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text("not json\n")
    result = subprocess.run(
        [sys.executable, "-m", "hdswatch.cli", "eval", str(labels), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("hdswatch: [labels_invalid] labels.jsonl:1: JSON invalide")
