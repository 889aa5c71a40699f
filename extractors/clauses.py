"""Clause finding: for each catalogue clause id, is it in the document, and where.

In: document sections (:func:`extractors.text.sections`) and the pattern file
``patterns/clauses.v1.yaml``. Out: one :class:`~extractors.types.ClauseFinding` per clause id,
``present`` with evidence lines, or ``missing`` with the weak candidates that were seen.

A section scores 3 when its heading names the clause and 1 for each distinct body phrase of the
clause found in it (lines matching an ``exclude`` phrase never count). The clause is present when
its best section scores 3 or more.

>>> patterns = load_patterns()
>>> sorted(patterns)[:2]
['access_control', 'breach_notification_to_controller']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from extractors.text import Section, fold
from extractors.types import ClauseFinding, Evidence, Line

__all__ = ["ClausePatterns", "find_clauses", "load_patterns"]

HEADING_WEIGHT = 3
PRESENT_AT = 3
MAX_EVIDENCE = 3


@dataclass(frozen=True)
class ClausePatterns:
    clause_id: str
    heading: tuple[re.Pattern[str], ...]
    body: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...]


@cache
def load_patterns(version: str = "clauses.v1") -> dict[str, ClausePatterns]:
    """Compile the pattern file ``extractors/patterns/<version>.yaml``."""
    raw = resources.files("extractors").joinpath("patterns", f"{version}.yaml").read_text("utf-8")
    data = yaml.safe_load(raw)
    return {
        clause_id: ClausePatterns(
            clause_id,
            tuple(re.compile(p) for p in spec.get("heading", [])),
            tuple(re.compile(p) for p in spec.get("body", [])),
            tuple(re.compile(p) for p in spec.get("exclude", [])),
        )
        for clause_id, spec in data["clauses"].items()
    }


@dataclass
class _Score:
    section: Section
    score: int
    heading: Line | None
    hits: list[Line]


def _score(section: Section, folded: dict[int, str], patterns: ClausePatterns) -> _Score:
    score, heading_line, hits = 0, None, []
    seen: set[int] = set()
    if section.heading is not None:
        text = folded[id(section.heading)]
        excluded = any(p.search(text) for p in patterns.exclude)
        if not excluded and any(p.search(text) for p in patterns.heading):
            score += HEADING_WEIGHT
            heading_line = section.heading
    for line in section.all_lines:
        text = folded[id(line)]
        if any(p.search(text) for p in patterns.exclude):
            continue
        matched = [i for i, p in enumerate(patterns.body) if p.search(text)]
        new = [i for i in matched if i not in seen]
        if new:
            seen.update(new)
            hits.append(line)
    score += min(len(seen), 4)
    return _Score(section, score, heading_line, hits)


def find_clauses(sections: list[Section], clause_ids: list[str]) -> dict[str, ClauseFinding]:
    """One finding per id in ``clause_ids`` (ids without patterns are reported missing)."""
    patterns = load_patterns()
    folded = {id(line): fold(line.text) for s in sections for line in s.all_lines}
    findings: dict[str, ClauseFinding] = {}
    for clause_id in clause_ids:
        spec = patterns.get(clause_id)
        scores = [_score(s, folded, spec) for s in sections] if spec else []
        scores.sort(key=lambda s: s.score, reverse=True)
        best = scores[0] if scores else None
        if best is not None and best.score >= PRESENT_AT:
            lines = ([best.heading] if best.heading else []) + best.hits
            evidence = [_evidence(line) for line in _unique(lines)[:MAX_EVIDENCE]]
            confidence = round(min(0.99, 0.5 + 0.1 * best.score), 2)
            findings[clause_id] = ClauseFinding(clause_id, "present", confidence, evidence)
        else:
            candidates = [line for s in scores[:2] if s.score > 0 for line in s.hits][:2]
            weak = best.score if best else 0
            findings[clause_id] = ClauseFinding(
                clause_id,
                "missing",
                round(0.9 - 0.15 * weak, 2),
                [],
                candidates=[_evidence(line) for line in candidates],
                why="aucune clause correspondante trouvée"
                if not candidates
                else "seules des mentions isolées ont été trouvées, sans clause dédiée",
            )
    return findings


def _unique(lines: list[Line]) -> list[Line]:
    seen: set[tuple[int, int]] = set()
    out = []
    for line in lines:
        if (line.page, line.number) not in seen:
            seen.add((line.page, line.number))
            out.append(line)
    return out


def _evidence(line: Line) -> Evidence:
    return Evidence(line.page, line.number, line.bbox, line.text)
