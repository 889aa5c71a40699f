"""The evaluation as text: one block per group of documents (all, then each split), with the
product and the keyword baseline side by side. French labels, English in brackets.

In: a :class:`~hdswatch.evaluation.runner.Comparison`. Out: lines of text.

>>> from hdswatch.evaluation.metrics import Scores
>>> format_comparison(Comparison({"all": Scores()}, {"all": Scores()}))[0]
'== all : 0 document(s) =='
"""

from __future__ import annotations

from hdswatch.evaluation.metrics import FINDINGS, Counts, Ratio, Scores
from hdswatch.evaluation.runner import Comparison

__all__ = ["format_comparison"]


def _pct(value: float | None) -> str:
    return "   —  " if value is None else f"{value * 100:5.1f}%"


def _prf(c: Counts) -> str:
    return f"P {_pct(c.precision)}  R {_pct(c.recall)}  F1 {_pct(c.f1)}  (tp {c.tp}, fp {c.fp}, fn {c.fn})"


def _ratio(r: Ratio) -> str:
    return f"{_pct(r.value)} ({r.right}/{r.total})"


def _block(name: str, product: Scores, baseline: Scores, details: bool) -> list[str]:
    out = [f"== {name} : {product.documents} document(s) =="]
    out.append("Constats missing + non_compliant (findings), toutes clauses :")
    out.append(f"  hdswatch         {_prf(product.overall)}")
    out.append(f"  mots-clés (kw)   {_prf(baseline.overall)}")
    for status in FINDINGS:
        out.append(f"  {status:<16} hdswatch {_prf(product.statuses[status])}")
        out.append(f"  {'':<16} mots-clés {_prf(baseline.statuses[status])}")
    out.append(
        f"Page de la preuve juste (evidence page) : hdswatch {_ratio(product.pages)}"
        f" | mots-clés {_ratio(baseline.pages)}"
    )
    out.append(
        f"Champs de dates exacts (date fields) : hdswatch {_ratio(product.dates_overall)}"
        " | mots-clés — (ne lit aucune date)"
    )
    for key, ratio in sorted(product.dates.items()):
        out.append(f"  {key:<24} {_ratio(ratio)}")
    if details:
        out.append("Par clause (per clause) : hdswatch F1 | mots-clés F1")
        for clause_id in sorted(product.clauses):
            mine, theirs = product.clauses[clause_id], baseline.clauses[clause_id]
            out.append(
                f"  {clause_id:<34} P {_pct(mine.precision)} R {_pct(mine.recall)} "
                f"F1 {_pct(mine.f1)} | F1 {_pct(theirs.f1)}  (tp {mine.tp}, fp {mine.fp}, fn {mine.fn})"
            )
    return out


def format_comparison(
    comparison: Comparison, details: bool = True, errors: bool = False
) -> list[str]:
    out: list[str] = []
    for name, product in comparison.product.items():
        out += _block(name, product, comparison.baseline[name], details and name == "all")
        out.append("")
    if errors and "all" in comparison.product:
        out.append("Écarts (mismatches) : fichier, clause, attendu, obtenu")
        out += [f"  {f} {c} {gold} → {got}" for f, c, gold, got in comparison.product["all"].errors]
    if comparison.absent:
        out.append(
            "Fichiers étiquetés absents du dossier (labelled files not found) : "
            + ", ".join(comparison.absent)
        )
    return out[:-1] if out and out[-1] == "" else out
