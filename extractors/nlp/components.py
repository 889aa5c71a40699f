"""The two spaCy components of the clause pipeline, registered under their factory names.

``hdswatch_cue_ruler`` marks cue phrases (negation, deferral, references to an annex, permission,
secondary use, the host's discretion …) as spans of ``doc.spans["cues"]``; its patterns are
regular expressions over folded text, loaded at ``initialize`` from a JSONL file
(``extractors/patterns/cues.v1.jsonl``: ``{"label": "XREF", "pattern": "…"}``).

``hdswatch_cue_scope`` reads those cues sentence by sentence and writes what they mean to
``doc.spans["scopes"]``: ``NEGATED`` (the sentence says a clause is not provided), ``DEFERRED``
(left for later), ``REFERS`` (sends the reader to an annex; the annex number in ``kb_id_``),
``SECONDARY_USE`` (the host may use the data for other purposes), ``HOST_DISCRETION`` and
``NO_OBLIGATION`` (a duty left to the host's goodwill).

>>> nlp = load_pipeline()                                        # doctest: +SKIP
>>> [s.label_ for s in nlp("la reversibilite est traitee a l'annexe 5.").spans["scopes"]]  # doctest: +SKIP
['REFERS']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Any

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span

__all__ = ["CueRuler", "CueScope", "TokenOffsets", "make_cue_ruler", "make_cue_scope"]


@Language.factory("hdswatch_cue_ruler", default_config={"spans_key": "cues"})
def make_cue_ruler(nlp: Language, name: str, spans_key: str) -> CueRuler:
    return CueRuler(name, spans_key)


class CueRuler:
    """Regular-expression cues over the doc's text, as labelled spans (group 1, when the pattern
    has one, goes to ``kb_id_``: the number of a referenced annex)."""

    def __init__(self, name: str, spans_key: str) -> None:
        self.name = name
        self.spans_key = spans_key
        self.patterns: list[tuple[str, re.Pattern[str]]] = []

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        patterns: Iterable[dict[str, str]] = (),
    ) -> None:
        self.patterns = [(p["label"], re.compile(p["pattern"])) for p in patterns]

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        text = doc.text  # built from the tokens on each access: once per doc
        tokens = TokenOffsets(doc)
        for label, pattern in self.patterns:
            for match in pattern.finditer(text):
                bounds = tokens.expand(match.start(), match.end())
                if bounds is None:
                    continue
                span = Span(doc, bounds[0], bounds[1], label=label)
                if match.groups() and match.group(1) and label == "XREF":
                    span.kb_id_ = match.group(1)
                spans.append(span)
        doc.spans[self.spans_key] = sorted(spans, key=lambda s: (s.start, s.end))
        return doc


class TokenOffsets:
    """Character offsets to token indices in O(log n), read once per doc: what
    ``doc.char_span(start, end, alignment_mode="expand")`` gives, without walking the doc's
    tokens on every call (that walk made the ruler quadratic on long contracts).

    >>> TokenOffsets(nlp.make_doc("la reversibilite est")).expand(4, 9)  # doctest: +SKIP
    (1, 2)
    """

    def __init__(self, doc: Doc) -> None:
        offsets = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        self.starts = [start for start, _length in offsets]
        self.ends = [start + length for start, length in offsets]

    def expand(self, start: int, end: int) -> tuple[int, int] | None:
        """The tokens the characters ``[start, end)`` touch, as ``(first, last + 1)``, or None
        when they touch none (whitespace only, or an empty range)."""
        if end <= start:
            return None
        first = bisect_right(self.starts, start) - 1
        if first < 0 or start >= self.ends[first]:  # before the first token or in a gap
            first += 1
        last = bisect_left(self.starts, end)  # tokens starting before ``end``
        if first >= last:
            return None
        return first, last


@Language.factory("hdswatch_cue_scope", default_config={"cues_key": "cues", "spans_key": "scopes"})
def make_cue_scope(nlp: Language, name: str, cues_key: str, spans_key: str) -> CueScope:
    return CueScope(name, cues_key, spans_key)


class CueScope:
    """What the cues of each sentence mean together (see the module docstring)."""

    def __init__(self, name: str, cues_key: str, spans_key: str) -> None:
        self.name = name
        self.cues_key = cues_key
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        cues = list(doc.spans[self.cues_key]) if self.cues_key in doc.spans else []
        cues.sort(key=lambda c: (c.start, c.end))
        starts = [c.start for c in cues]
        found: list[Span] = []
        for sent in doc.sents:  # the cues starting in the sentence, found by bisection
            first, last = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
            inside = [c for c in cues[first:last] if c.end <= sent.end]
            if inside:
                found.extend(self._judge(doc, sent, inside))
        doc.spans[self.spans_key] = found
        return doc

    def _judge(self, doc: Doc, sent: Span, cues: list[Span]) -> list[Span]:
        labels = {c.label_ for c in cues}
        out = []

        def add(label: str, kb_id: str = "") -> None:
            span = Span(doc, sent.start, sent.end, label=label)
            span.kb_id_ = kb_id
            out.append(span)

        if "NEG_EXIST" in labels:
            add("NEGATED")
        if "DEFER" in labels:
            add("DEFERRED")
        if "XREF_VERB" in labels:
            for cue in cues:
                if cue.label_ == "XREF":
                    add("REFERS", cue.kb_id_)
        if self._secondary_use(cues):
            add("SECONDARY_USE")
        if self._host_discretion(cues):
            add("HOST_DISCRETION")
        if "NO_OBLIGATION" in labels and self._host_is_subject(cues, _first(cues, "NO_OBLIGATION")):
            add("NO_OBLIGATION")
        return out

    @staticmethod
    def _secondary_use(cues: list[Span]) -> bool:
        """The host may use the data for another purpose: a permission and a use, a secondary
        purpose, the data, no negation or restriction before the purpose, the host as actor."""
        purpose = _first(cues, "SECONDARY_USE")
        permit = _first(cues, "PERMIT")
        if purpose is None or permit is None or _first(cues, "DATA") is None:
            return False
        if _first(cues, "USE") is None:
            return False
        if any(c.label_ in ("PROHIBIT", "RESTRICT") and c.start < purpose.start for c in cues):
            return False
        return CueScope._host_is_subject(cues, permit)

    @staticmethod
    def _host_discretion(cues: list[Span]) -> bool:
        cue = _first(cues, "DISCRETION")
        if cue is None:
            return False
        text = cue.text
        if re.search(r"client|customer|controller|etablissement", text):
            return False
        if re.search(r"hebergeur|prestataire|host|provider|supplier", text):
            return True
        return CueScope._host_is_subject(cues, cue)

    @staticmethod
    def _host_is_subject(cues: list[Span], cue: Span | None) -> bool:
        """The nearest party named before ``cue`` is the host (or no party is named)."""
        if cue is None:
            return False
        if re.search(
            r"hebergeur|prestataire|fournisseur|host|provider|supplier|processor", cue.text
        ):
            return True
        before = [c for c in cues if c.label_ in ("HOST", "CLIENT") and c.start <= cue.start]
        return not before or before[-1].label_ == "HOST"


def _first(cues: list[Span], label: str) -> Span | None:
    return next((c for c in cues if c.label_ == label), None)
