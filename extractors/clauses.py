"""Clause finding: for each catalogue clause id, is it in the document, where, and does its
wording break the rule.

In: document sections (:func:`extractors.text.sections`) and the pattern file
``patterns/clauses.v2.yaml``. Out: one :class:`~extractors.types.ClauseFinding` per clause id:
``present`` with evidence lines, ``missing`` with the reason and the weak candidates that were
seen, or ``non_compliant`` when the text itself contradicts the rule (a secondary use of the data
allowed, the return of the data left to the host's discretion). Rules that need a value
(countries, hours) are applied later, by ``expectations``.

Each clause is scored on every unit of the document: a section, an article with its numbered
clauses, an annex with its parts. A unit scores 3 when its title names the clause and 1 for each
distinct body phrase of the clause in it (at most 4). The sentences that the cue pipeline
(:mod:`extractors.nlp`) marks as negated (« la réversibilité n'est pas prévue »), deferred
(« seront définies ultérieurement ») or as a bare reference to an annex the document lacks never
count, and a title over nothing but such sentences counts for nothing. A reference to an annex
that exists adds that annex's score: a clause split between an article and an annex is one
clause. The clause is present when its best unit scores 3 or more.

>>> patterns = load_patterns()
>>> sorted(patterns)[:2]
['access_control', 'breach_notification_to_controller']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from extractors.nlp import analyse
from extractors.text import Section, annex_numbers, fold, normalise_number
from extractors.types import ClauseFinding, Evidence, Line

__all__ = ["DEFAULT_VERSION", "ClausePatterns", "find_clauses", "load_patterns"]

DEFAULT_VERSION = "clauses.v2"
HEADING_WEIGHT = 3
WEAK_HEADING_WEIGHT = 2
PRESENT_AT = 3
MAX_BODY = 4
MAX_EVIDENCE = 3
_SUBSTANCE_WORDS = 10
_WORD = re.compile(r"[a-z]{2,}")
# What a return of the data is about ("data exporter", a party of the EU standard clauses, is not).
_RETURN_TOPIC = re.compile(
    r"restitu|reversib|retour des donnees|return|export(?!er\b)|exporter (les|des|vos|ses|leurs) |"
    r"migra|format|sortie|exit|transition|"
    r"fin (du|de la) (contrat|prestation)|end of the (contract|agreement|services)|terminat"
)

_WHY_SECONDARY_USE = (
    "Le contrat autorise l'hébergeur à utiliser les données à d'autres fins que l'hébergement "
    "(HDS v2 EXI 26, CSP R.1111-11 11°)."
)
_WHY_DISCRETION = (
    "La restitution des données est laissée à l'appréciation de l'hébergeur au lieu d'être "
    "un engagement avec formats, coûts et délais (HDS v2 EXI 27)."
)


@dataclass(frozen=True)
class ClausePatterns:
    clause_id: str
    heading: tuple[re.Pattern[str], ...]
    body: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...]
    any_body: re.Pattern[str] | None = None
    weak_heading: tuple[re.Pattern[str], ...] = ()


@cache
def load_patterns(version: str = DEFAULT_VERSION) -> dict[str, ClausePatterns]:
    """Compile the pattern file ``extractors/patterns/<version>.yaml``."""
    raw = resources.files("extractors").joinpath("patterns", f"{version}.yaml").read_text("utf-8")
    data = yaml.safe_load(raw)
    out = {}
    for clause_id, spec in data["clauses"].items():
        body = spec.get("body", [])
        out[clause_id] = ClausePatterns(
            clause_id,
            tuple(re.compile(p) for p in spec.get("heading", [])),
            tuple(re.compile(p) for p in body),
            tuple(re.compile(p) for p in spec.get("exclude", [])),
            re.compile("|".join(f"(?:{p})" for p in body)) if body else None,
            tuple(re.compile(p) for p in spec.get("weak_heading", [])),
        )
    return out


@dataclass
class _Text:
    """A section's body, folded, with where each line starts and what the cues say about it."""

    section: Section
    heading: str
    text: str
    starts: list[int]
    sentences: list[tuple[int, int]] = field(default_factory=list)
    void: list[tuple[int, int, str]] = field(default_factory=list)  # spans that never count
    refs: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, annex number)
    contra: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _sentence_starts: list[int] = field(default_factory=list)
    found: dict[tuple[int, int], tuple[frozenset[str], Line | None]] = field(
        default_factory=dict
    )  # (patterns, body pattern index) → what _search found, for every unit holding this text
    mentions: dict[int, bool] = field(default_factory=dict)  # patterns → what _mentions found

    def line_at(self, offset: int) -> Line:
        return self.section.lines[max(0, bisect_right(self.starts, offset) - 1)]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.sentence_starts, offset) - 1
        if index >= 0:
            start, end = self.sentences[index]
            if offset < end:
                return start, end
        return 0, len(self.text)

    @property
    def sentence_starts(self) -> list[int]:
        if len(self._sentence_starts) != len(self.sentences):
            self._sentence_starts = [start for start, _end in self.sentences]
        return self._sentence_starts

    def void_at(self, offset: int) -> str | None:
        return next((why for s, e, why in self.void if s <= offset < e), None)


def _prepare(parts: list[Section]) -> list[_Text]:
    texts = []
    for section in parts:
        pieces, starts, offset = [], [], 0
        for index, line in enumerate(section.lines):
            piece = fold(line.text).strip()
            following = (
                section.lines[index + 1].text.lstrip()[:1] if index + 1 < len(section.lines) else ""
            )
            starts.append(offset)
            if (
                piece.endswith("-")
                and len(piece) > 1
                and piece[-2].isalpha()
                and following.islower()
            ):
                piece, joiner = piece[:-1], ""
            elif " | " in piece:
                joiner = " ; "  # a table row is a sentence of its own
            else:
                joiner = " "
            pieces.append(piece + joiner)
            offset += len(piece) + len(joiner)
        heading = fold(section.heading.text).strip() if section.heading else ""
        texts.append(_Text(section, heading, "".join(pieces), starts))
    present = annex_numbers(parts)
    for item, doc in zip(texts, analyse(t.text for t in texts), strict=True):
        item.sentences = [(s.start_char, s.end_char) for s in doc.sents]
        for span in doc.spans["scopes"]:
            where = (span.start_char, span.end_char)
            label = span.label_
            if label == "NEGATED":
                item.void.append((*where, "negated"))
            elif label == "DEFERRED":
                item.void.append((*where, "deferred"))
            elif label == "REFERS":
                number = normalise_number(span.kb_id_)
                item.refs.append((*where, number))
                if number not in present:
                    item.void.append((*where, f"dangling:{number}"))
            else:
                item.contra.setdefault(label, []).append(where)
    return texts


@dataclass
class _Unit:
    """Sections scored together: one section, an article with its clauses, or an annex."""

    texts: list[_Text]

    @property
    def heading(self) -> _Text:
        return self.texts[0]


def _units(texts: list[_Text]) -> list[_Unit]:
    units = [_Unit([t]) for t in texts]
    children: dict[int, list[_Text]] = {}
    for t in texts:
        if t.section.parent is not None:
            children.setdefault(t.section.parent, []).append(t)
    for parent, kids in children.items():
        units.append(_Unit([texts[parent], *kids]))
    annexes: dict[tuple[str | None, str], list[_Text]] = {}
    for t in texts:
        if t.section.annex is not None:
            annexes.setdefault((t.section.part, t.section.annex), []).append(t)
    units.extend(_Unit(group) for group in annexes.values() if len(group) > 1)
    return units


def _annex_units(units: list[_Unit]) -> dict[str, _Unit]:
    """The largest unit of each annex of the contract itself, by annex number."""
    out: dict[str, _Unit] = {}
    for unit in units:
        section = unit.heading.section
        if (
            section.kind == "annex"
            and section.number
            and section.part is None
            and len(unit.texts) >= len(out.get(section.number, _Unit([])).texts)
        ):
            out[section.number] = unit
    return out


@dataclass
class _Score:
    unit: _Unit
    score: int = 0
    heading: Line | None = None
    hits: list[Line] = field(default_factory=list)
    voids: set[str] = field(default_factory=set)
    merged: list[_Score] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.score + sum(m.score for m in self.merged)

    @property
    def lines(self) -> list[Line]:
        out = ([self.heading] if self.heading else []) + self.hits
        for other in self.merged:
            out += ([other.heading] if other.heading else []) + other.hits
        return out


def _excluded(text: _Text, start: int, patterns: ClausePatterns) -> bool:
    if not patterns.exclude:
        return False
    s, e = text.sentence_at(start)
    sentence = text.text[s:e]
    return any(p.search(sentence) for p in patterns.exclude)


def _substantive(text: _Text) -> bool:
    """Whether a section says something beyond negated, deferred or dangling sentences."""
    words = 0
    for start, end in text.sentences or [(0, len(text.text))]:
        if text.void_at(start) is None:
            words += len(_WORD.findall(text.text[start:end]))
    return words >= _SUBSTANCE_WORDS


def _score(unit: _Unit, patterns: ClausePatterns) -> _Score:
    result = _Score(unit)
    _body(unit, patterns, result)
    head = unit.heading
    titled_children = any(t.section.heading for t in unit.texts[1:])
    if (
        head.heading
        and not titled_children
        and not any(p.search(head.heading) for p in patterns.exclude)
    ):
        strong = any(p.search(head.heading) for p in patterns.heading)
        weak = not strong and any(p.search(head.heading) for p in patterns.weak_heading)
        if (strong or weak) and not any(_substantive(t) for t in unit.texts):
            result.voids.update(why for t in unit.texts for _s, _e, why in t.void)
            result.voids.add("empty")
        elif strong or (weak and result.hits):
            result.score += HEADING_WEIGHT if strong else WEAK_HEADING_WEIGHT
            result.heading = head.section.heading
    return result


def _body(unit: _Unit, patterns: ClausePatterns, result: _Score) -> None:
    seen: set[int] = set()
    for text in unit.texts:
        if not _mentions(text, patterns):
            continue
        for index in range(len(patterns.body)):
            if index in seen:
                continue
            voids, line = _search(text, patterns, index)
            result.voids.update(voids)
            if line is not None:
                seen.add(index)
                result.hits.append(line)
    result.score += min(len(seen), MAX_BODY)
    result.hits.sort(key=lambda line: (line.page, line.number))


def _mentions(text: _Text, patterns: ClausePatterns) -> bool:
    """Whether any body pattern of the clause matches ``text`` (asked once per text)."""
    key = id(patterns)
    if key not in text.mentions:
        text.mentions[key] = bool(patterns.any_body and patterns.any_body.search(text.text))
    return text.mentions[key]


def _search(
    text: _Text, patterns: ClausePatterns, index: int
) -> tuple[frozenset[str], Line | None]:
    """The first match of body pattern ``index`` in ``text`` that counts (its line), and why the
    matches before it did not; searched once per text, whatever the units it belongs to."""
    key = (id(patterns), index)
    if key not in text.found:
        voids: set[str] = set()
        line = None
        for match in patterns.body[index].finditer(text.text):
            why = text.void_at(match.start())
            if why is not None:
                voids.add(why)
                continue
            if _excluded(text, match.start(), patterns):
                continue
            line = text.line_at(match.start())
            break
        text.found[key] = (frozenset(voids), line)
    return text.found[key]


def _refers(unit: _Unit) -> set[str]:
    return {number for t in unit.texts for _s, _e, number in t.refs}


def find_clauses(
    sections: list[Section], clause_ids: list[str], version: str = DEFAULT_VERSION
) -> dict[str, ClauseFinding]:
    """One finding per id in ``clause_ids`` (ids without patterns are reported missing)."""
    patterns = load_patterns(version)
    texts = _prepare(sections)
    units = _units(texts)
    annexes = _annex_units(units)
    findings: dict[str, ClauseFinding] = {}
    for clause_id in clause_ids:
        spec = patterns.get(clause_id)
        scores = [_score(u, spec) for u in units] if spec else []
        if spec:
            for score in scores:
                if score.score > 0:
                    for number in sorted(_refers(score.unit)):
                        target = annexes.get(number)
                        if target is not None and target is not score.unit:
                            extra = _score(target, spec)
                            if extra.score > 0:
                                score.merged.append(extra)
        scores.sort(key=lambda s: (s.total, -len(s.unit.texts)), reverse=True)
        findings[clause_id] = _finding(clause_id, scores)
    _contradictions(findings, texts, units, patterns)
    return findings


def _finding(clause_id: str, scores: list[_Score]) -> ClauseFinding:
    best = scores[0] if scores else None
    if best is not None and best.total >= PRESENT_AT:
        evidence = [_evidence(line) for line in _unique(best.lines)[:MAX_EVIDENCE]]
        confidence = round(min(0.99, 0.5 + 0.1 * best.total), 2)
        return ClauseFinding(clause_id, "present", confidence, evidence)
    candidates = [line for s in scores[:2] if s.total > 0 for line in s.lines][:2]
    voids = set().union(*(s.voids for s in scores[:5])) if scores else set()
    weak = best.total if best else 0
    return ClauseFinding(
        clause_id,
        "missing",
        round(max(0.5, 0.9 - 0.15 * weak), 2),
        [],
        candidates=[_evidence(line) for line in _unique(candidates)],
        why=_why_missing(voids, bool(candidates)),
    )


def _why_missing(voids: set[str], candidates: bool) -> str:
    dangling = sorted({v.split(":", 1)[1] for v in voids if v.startswith("dangling:")})
    if dangling:
        annexes = ", ".join(dangling)
        return f"la clause renvoie à l'annexe {annexes}, absente du document"
    if "negated" in voids:
        return "le contrat indique que cette clause n'est pas prévue"
    if "deferred" in voids:
        return "la clause est renvoyée à un accord ultérieur, sans contenu"
    if candidates:
        return "seules des mentions isolées ont été trouvées, sans clause dédiée"
    return "aucune clause correspondante trouvée"


def _contradictions(
    findings: dict[str, ClauseFinding],
    texts: list[_Text],
    units: list[_Unit],
    patterns: dict[str, ClausePatterns],
) -> None:
    """Wording that breaks the rule: a secondary use of the data anywhere in the contract; the
    return of the data left to the host inside the reversibility clause."""
    if "purpose_limitation" in findings:
        quotes = [_contra_lines(t, "SECONDARY_USE") for t in texts]
        lines = [line for group in quotes for line in group]
        if lines:
            _non_compliant(findings, "purpose_limitation", lines, _WHY_SECONDARY_USE)
    reversibility = findings.get("reversibility")
    spec = patterns.get("reversibility")
    if reversibility is not None and reversibility.status == "present" and spec is not None:
        where = {(e.page, e.line) for e in reversibility.evidence}
        lines = []
        for unit in units:
            if not any(
                (ln.page, ln.number) in where for t in unit.texts for ln in t.section.all_lines
            ):
                continue
            for text in unit.texts:
                for label in ("HOST_DISCRETION", "NO_OBLIGATION"):
                    lines += _contra_lines(text, label, _RETURN_TOPIC)
        if lines:
            _non_compliant(findings, "reversibility", lines, _WHY_DISCRETION)


def _contra_lines(text: _Text, label: str, topic: re.Pattern[str] | None = None) -> list[Line]:
    """Lines of the sentences the cue pipeline labelled ``label`` (about ``topic`` when given)."""
    return [
        text.line_at(start)
        for start, end in text.contra.get(label, [])
        if topic is None or topic.search(text.text[start:end])
    ]


def _non_compliant(
    findings: dict[str, ClauseFinding], clause_id: str, lines: list[Line], why: str
) -> None:
    finding = findings[clause_id]
    quoted = _unique(lines)[:MAX_EVIDENCE]
    evidence = [_evidence(line) for line in quoted]
    kept = [
        e for e in finding.evidence if (e.page, e.line) not in {(q.page, q.number) for q in quoted}
    ]
    findings[clause_id] = ClauseFinding(
        clause_id,
        "non_compliant",
        0.85,
        (evidence + kept)[:MAX_EVIDENCE],
        why=why,
        candidates=finding.candidates,
    )


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
