"""Lay a :class:`~hdswatch.samples.spec.ContractSpec` out as blocks of text, before any PDF.

In: a spec. Out: a :class:`Composition`: the blocks (``("heading", text, level)``, ``("para",
text)``, ``("table", rows)`` …) in reading order, the clause id each block is evidence of (or
``None``), and the values the templates were filled with. The order of the articles is an outline
(``OUTLINES``: ``standard``, the original one, ``flat`` or ``dpa_annex``); the words come from
:class:`Words`, which picks the original wordings (``texts_fr``/``texts_en``), the alternative ones
(``texts_fr_alt``/``texts_en_alt``) or both, as the spec says. A spec that uses none of the later
options gives exactly the blocks of the original generator.

>>> from datetime import date
>>> from hdswatch.samples.render import demo_specs
>>> composition = compose(demo_specs(date(2026, 11, 29))[0])
>>> heading = ("heading", "Article 18 – Plan de sortie et restitution des données", 0)
>>> composition.tags[composition.blocks.index(heading)]
'reversibility'
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from hdswatch.samples import texts_en, texts_en_alt, texts_fr, texts_fr_alt
from hdswatch.samples.spec import CLAUSE_IDS, EEA, ContractSpec

__all__ = ["OUTLINE", "OUTLINES", "Block", "Composition", "Words", "compose"]

Block = tuple[Any, ...]
Entry = tuple[str, str, tuple[str, ...]]
Variant = tuple[str, str]

#: Order of the articles: neutral ones ("filler"), the term, one clause, or a group of sub-clauses.
OUTLINE: tuple[Entry, ...] = (
    ("filler", "definitions", ()), ("filler", "purpose", ()), ("term", "", ()),
    *[("clause", cid, ()) for cid in ("hds_certificate_scope", "service_description",
      "hosting_locations", "quality_performance_indicators", "technical_changes_obligations")],
    ("group", "security", ("access_control", "gdpr_security_measures",
                           "gdpr_personnel_confidentiality")),
    ("group", "data_protection", ("gdpr_processing_details", "gdpr_documented_instructions",
     "purpose_limitation", "data_subject_rights", "patient_information",
     "breach_notification_to_controller", "gdpr_assist_art32_36", "dpo_audit")),
    ("clause", "subcontracting_external_providers", ()),
    ("group", "transfers", ("non_eea_access_safeguards", "extraterritorial_law_exposure",
                            "transfer_mapping_public_url")),
    ("clause", "contractual_contact", ()), ("clause", "default_guarantees", ()),
    ("filler", "price", ()), ("filler", "liability", ()), ("filler", "insurance", ()),
    ("clause", "reversibility", ()), ("filler", "termination", ()), ("boilerplate", "", ()),
    ("filler", "law", ()),
)  # fmt: skip

_FLAT_ORDER = (
    "hds_certificate_scope", "service_description", "quality_performance_indicators",
    "hosting_locations", "non_eea_access_safeguards", "extraterritorial_law_exposure",
    "transfer_mapping_public_url", "gdpr_processing_details", "gdpr_documented_instructions",
    "purpose_limitation", "gdpr_personnel_confidentiality", "access_control",
    "gdpr_security_measures", "subcontracting_external_providers", "data_subject_rights",
    "patient_information", "breach_notification_to_controller", "contractual_contact",
    "gdpr_assist_art32_36", "dpo_audit", "technical_changes_obligations", "default_guarantees",
)  # fmt: skip
_DPA_MEMBERS = (
    "gdpr_processing_details", "gdpr_documented_instructions", "purpose_limitation",
    "gdpr_personnel_confidentiality", "subcontracting_external_providers", "data_subject_rights",
    "patient_information", "breach_notification_to_controller", "gdpr_assist_art32_36",
    "dpo_audit", "non_eea_access_safeguards", "extraterritorial_law_exposure",
    "transfer_mapping_public_url",
)  # fmt: skip

#: The outlines a layout can ask for (``Layout.outline``); ``dpa`` entries become an annex.
OUTLINES: dict[str, tuple[Entry, ...]] = {
    "standard": OUTLINE,
    "flat": (
        ("filler", "definitions", ()), ("filler", "purpose", ()), ("filler", "documents", ()),
        ("term", "", ()), *[("clause", cid, ()) for cid in _FLAT_ORDER],
        ("filler", "onsite", ()), ("filler", "price", ()), ("filler", "confidentiality", ()),
        ("filler", "liability", ()), ("filler", "insurance", ()), ("filler", "termination", ()),
        ("clause", "reversibility", ()), ("filler", "references", ()), ("boilerplate", "", ()),
        ("filler", "law", ()),
    ),
    "dpa_annex": (
        ("filler", "definitions", ()), ("filler", "purpose", ()), ("filler", "documents", ()),
        ("term", "", ()),
        *[("clause", cid, ()) for cid in ("hds_certificate_scope", "service_description",
          "hosting_locations", "quality_performance_indicators",
          "technical_changes_obligations")],
        ("group", "security", ("access_control", "gdpr_security_measures")),
        ("clause", "contractual_contact", ()), ("clause", "default_guarantees", ()),
        ("filler", "price", ()), ("filler", "liability", ()), ("filler", "insurance", ()),
        ("filler", "termination", ()), ("clause", "reversibility", ()),
        ("filler", "onsite", ()), ("boilerplate", "", ()), ("filler", "law", ()),
        ("dpa", "", _DPA_MEMBERS),
    ),
}  # fmt: skip

_TEXTS: dict[str, ModuleType] = {"fr": texts_fr, "en": texts_en}
_ALT: dict[str, ModuleType] = {"fr": texts_fr_alt, "en": texts_en_alt}


def _pick(variants: tuple[Variant, ...], seed: int, key: str) -> Variant:
    """A variant drawn for (seed, clause): independent from one clause to the next."""
    draw = random.Random(f"{seed}/{key}")  # noqa: S311 (reproducible drawing, not security)
    return variants[draw.randrange(len(variants))]


class Words:
    """Where each piece of text of one contract comes from: the original module (``wording_pool``
    ``base``, exactly as the original generator chose), the alternative one (``alt``), or, for the
    clauses, a draw from both (``mixed``; the rest of the document is then the original one)."""

    def __init__(self, spec: ContractSpec) -> None:
        self.spec, self.pool = spec, spec.wording_pool
        self.base, self.alt = _TEXTS[spec.language], _ALT[spec.language]
        self.own = self.alt if self.pool == "alt" else self.base
        self.seed = spec.style_seed

    def clause(self, cid: str) -> Variant:
        """Heading and body of a clause: rule-breaking or not, matching the facts (non-EEA storage,
        remote access from a third country, a sub-processor without certificate)."""
        spec, key = self.spec, cid
        outside = any(code not in EEA for code in spec.storage_countries)
        if cid == "non_eea_access_safeguards" and (outside or spec.non_eea_access):
            key += "+stored" if outside else "+access"
        elif cid == "extraterritorial_law_exposure" and outside:
            key += "+exposed"
        elif cid == "subcontracting_external_providers" and spec.uncertified_subprocessor:
            return _pick(self.alt.CLAUSES[key + "+uncertified"], self.seed, cid)
        table = "NON_COMPLIANT" if cid in spec.non_compliant else "CLAUSES"
        if self.pool == "base":
            variants: tuple[Variant, ...] = getattr(self.base, table)[key]
            return variants[(self.seed + len(cid)) % len(variants)]
        variants = getattr(self.alt, table)[key]
        if self.pool == "mixed":
            variants = getattr(self.base, table)[key] + variants
        return _pick(variants, self.seed, cid)

    def term(self) -> Variant:
        spec = self.spec
        if spec.indefinite:
            kind = "indefinite"
        elif spec.express_renewal:
            kind = "express"
        elif spec.tacit_renewal:
            kind = "tacit_same" if spec.renewal_same_as_initial else "tacit"
        else:
            kind = "fixed"
        plain = kind in ("tacit", "fixed") and not spec.effective_on_signature
        if plain and self.pool != "alt":
            variants: tuple[Variant, ...] = (
                self.base.TERM_TACIT if spec.tacit_renewal else self.base.TERM_FIXED
            )
            if self.pool == "mixed":
                variants = variants + self.alt.TERMS[kind]
            return variants[self.seed % len(variants)]
        alt_variants: tuple[Variant, ...] = self.alt.TERMS[kind]
        return alt_variants[self.seed % len(alt_variants)]

    def filler(self, key: str) -> Variant:
        source = self.alt if self.pool == "alt" or key not in self.base.FILLERS else self.base
        variants: tuple[Variant, ...] = source.FILLERS[key]
        return variants[self.seed % len(variants)]

    def group(self, key: str) -> str:
        titles: tuple[str, ...] = self.own.GROUPS[key]
        return titles[self.seed % (2 if self.own is self.base else len(titles))]

    def title(self) -> str:
        if self.own is self.base:
            return str(self.base.TITLE)
        titles = self.alt.TITLES
        return str(titles[-1] if self.spec.party_terms == 2 else titles[self.seed % 3])

    def preamble(self) -> tuple[tuple[str, str], ...]:
        if self.own is self.base:
            return tuple(self.base.PREAMBLE)
        return tuple(self.alt.PREAMBLES[self.seed % len(self.alt.PREAMBLES)])

    def contents(self) -> str:
        return str(
            self.base.CONTENTS if self.own is self.base else self.alt.CONTENTS[self.seed % 2]
        )

    def header_footer(self) -> tuple[str, str]:
        if self.own is self.base:
            return str(self.base.HEADER), "Page {n} / {total}"
        headers, footers = self.alt.HEADERS, self.alt.FOOTERS
        return headers[self.seed % len(headers)], footers[(self.seed // 2) % len(footers)]

    def article_word(self) -> str:
        return self.spec.layout.article_word or str(self.own.ARTICLE)

    def annex_word(self) -> str:
        if self.own is self.base:
            return str(self.base.ANNEX)
        return str(self.alt.ANNEX if self.spec.language == "fr" else self.alt.annex_word(self.spec))

    def annex_ref(self, number: int) -> str:
        """How an article cites annex ``number``: « l’Annexe 2 », "Schedule 2"."""
        word = self.annex_word()
        if self.spec.language == "fr":
            return f"l’Annexe {number}" if self.own is self.base else f"l’annexe {number}"
        return f"{word} {number}"

    def boilerplate(self) -> tuple[Variant, ...]:
        return tuple(self.own.BOILERPLATE)

    def signature(self) -> tuple[str, tuple[tuple[str, ...], ...]]:
        if self.own is self.base:
            return str(self.base.SIGNATURE_LINE), tuple(self.base.SIGNATURE_BLOCKS)
        lines = self.alt.SIGNATURE_LINES
        return lines[self.seed % len(lines)], tuple(self.alt.SIGNATURE_BLOCKS)

    def sla(self) -> tuple[str, str, list[list[str]]]:
        if self.own is self.base:
            rows = [list(row) for row in self.base.SLA_TABLE]
            return str(self.base.SLA_ANNEX_TITLE), str(self.base.SLA_INTRO), rows
        title, intro, table = self.alt.SLA_TABLES[self.seed % len(self.alt.SLA_TABLES)]
        return title, intro, [list(row) for row in table]

    def subprocessors(self) -> tuple[str, list[list[str]]]:
        """Title and rows (header first) of the sub-processor list; without the location column
        when the contract does not state where the data is hosted."""
        spec = self.spec
        if self.own is self.base:
            title, header = self.base.SUBPROC_ANNEX_TITLE, self.base.SUBPROC_HEADER
        else:
            title = self.alt.SUBPROC_TITLES[self.seed % 2]
            header = self.alt.SUBPROC_HEADERS[self.seed % 2]
        plain = self.pool == "base" and not spec.uncertified_subprocessor
        source = self.base if plain else self.alt
        rows = [list(header)] + [list(row) for row in source.subprocessor_rows(spec)]
        if "hosting_locations" in spec.omit and not plain:
            rows = [row[:2] + row[3:] for row in rows]
        return title, rows

    def amendment(self) -> dict[str, tuple[tuple[str, str], ...]]:
        if self.own is self.base:
            base = self.base
            return {"body": tuple(base.AMENDMENT_BODY), "end": (("para", base.AMENDMENT_END),),
                    "notice": (("para", base.AMENDMENT_NOTICE),),
                    "close": tuple(base.AMENDMENT_CLOSE)}  # fmt: skip
        return dict(self.alt.AMENDMENTS[self.seed % len(self.alt.AMENDMENTS)])

    def long_date(self, day: Any) -> str:
        style = self.spec.layout.date_style
        if self.own is self.base or style in ("numeric", "mixed"):
            return str(self.base.long_date(day))
        return str(self.alt.format_date(day, style))

    def quantity(self, amount: int, unit: str) -> str:
        style = self.spec.layout.number_style
        if style == "both":
            return str(self.base.quantity(amount, unit))
        return str(self.alt.styled_quantity(amount, unit, style))


@dataclass
class Composition:
    """The document as blocks, the clause id each block is evidence of, and the template values."""

    words: Words
    ctx: dict[str, str]
    blocks: list[Block] = field(default_factory=list)
    tags: list[str | None] = field(default_factory=list)

    def add(self, block: Block, tag: str | None = None) -> None:
        self.blocks.append(block)
        self.tags.append(tag)


@dataclass
class _Annex:
    title: str
    tag: str | None
    content: list[Block]
    members: tuple[str, ...] = ()


def _keeps_heading(spec: ContractSpec, cid: str, has_documents: bool) -> bool:
    """Whether an absent-annex clause keeps its own heading (else it is only listed among the
    contract documents)."""
    return not has_documents or (spec.style_seed + len(cid)) % 2 == 0


def compose(spec: ContractSpec, extra_articles: int = 0) -> Composition:
    """The whole document; ``extra_articles`` neutral articles go before the governing-law
    article."""
    words, layout = Words(spec), spec.layout
    base, alt = words.base, words.alt
    outline = OUTLINES[layout.outline]
    chosen = {cid: words.clause(cid) for cid in CLAUSE_IDS}
    inline_sla = "[SLA_TABLE]" in chosen["quality_performance_indicators"][1]

    annexes: list[_Annex] = []
    if "quality_performance_indicators" not in spec.omit and not inline_sla:
        title, intro, rows = words.sla()
        annexes.append(_Annex(title, "quality_performance_indicators",
                              [("para", intro), ("table", rows)]))  # fmt: skip
    if "subcontracting_external_providers" not in spec.omit:
        title, rows = words.subprocessors()
        annexes.append(_Annex(title, "subcontracting_external_providers", [("table", rows)]))
    for cid in CLAUSE_IDS:
        if cid in spec.annex_split:
            annexes.append(_Annex(alt.ANNEX_TITLES[cid], cid, [("body", chosen[cid][1])]))
    dpa = [entry for entry in outline if entry[0] == "dpa"]
    if dpa and any(cid not in spec.omit or cid in spec.absent_annex_reference
                   for cid in dpa[0][2]):  # fmt: skip
        annexes.append(_Annex(alt.DPA_ANNEX[0], None, [("para", alt.DPA_ANNEX[1])], dpa[0][2]))
    number_of = {annex.tag: n for n, annex in enumerate(annexes, start=1) if annex.tag}
    absent = {
        cid: len(annexes) + 2 + i for i, cid in enumerate(sorted(spec.absent_annex_reference))
    }

    ctx: dict[str, str] = dict(base.context(spec))
    ctx.update(alt.context(spec))
    ctx.update(alt.entry(spec, ctx["effective_date"]))
    if "quality_performance_indicators" in number_of:
        ctx["sla_annex"] = words.annex_ref(number_of["quality_performance_indicators"])
    if "subcontracting_external_providers" in number_of:
        ctx["subproc_annex"] = words.annex_ref(number_of["subcontracting_external_providers"])
    ctx["art"] = words.article_word()
    out = Composition(words, ctx)

    def text(template: str, **more: str) -> str:
        return str(base.polish(template.format(**ctx, **more)))

    def body(content: str, tag: str | None) -> None:
        for line in text(content).split("\n") if content else []:
            if line == "[SLA_TABLE]":
                out.add(("table", words.sla()[2]), tag)
            else:
                out.add(("item" if line.startswith("– ") else "para", line), tag)

    def clause_items(cid: str) -> list[tuple[str, str, str | None]]:
        """(title, body template, tag) of what the clause's slot holds, if anything."""
        title, content = chosen[cid]
        if cid in spec.omit:
            if cid in absent and _keeps_heading(spec, cid, has_documents):
                return [(title, alt.REFERRALS[cid].replace("{annex}", words.annex_ref(absent[cid])),
                         None)]  # fmt: skip
            return []
        if cid in spec.annex_split:
            referral = alt.REFERRALS[cid].replace("{annex}", words.annex_ref(number_of[cid]))
            return [(title, referral, cid)]
        return [(title, content, cid)]

    has_documents = any(entry == ("filler", "documents", ()) for entry in outline) and bool(
        annexes or absent
    )
    out.add(("title", words.title()))
    if layout.toc:
        out.add(("toc",))
    for style, template in words.preamble():
        out.add((style, text(template)))
    number, term = 0, ("", "")
    for kind, key, members in outline:
        if kind == "group":
            items = [item for cid in members for item in clause_items(cid)]
            if items:
                number += 1
                out.add(("heading", layout.heading(words.article_word(), number,
                                                   words.group(key)), 0))  # fmt: skip
                for sub, (title, content, tag) in enumerate(items, start=1):
                    heading = layout.sub_heading(words.article_word(), number, sub, title)
                    out.add(("heading", heading, 1), tag)
                    body(content, tag)
            continue
        entries: list[tuple[str, str, str | None]] = []
        if kind == "clause":
            entries = clause_items(key)
        elif kind == "boilerplate":
            entries = [(t, b, None) for t, b in words.boilerplate()[:extra_articles]]
        elif kind == "term":
            entries = [(*words.term(), None)]
        elif kind == "filler" and key == "documents":
            if has_documents:
                listed = [(n, a.title) for n, a in enumerate(annexes, start=1)]
                listed += [(n, alt.ANNEX_TITLES[cid]) for cid, n in absent.items()]
                lines = [f"– {words.annex_word()} {n} : {t}" for n, t in sorted(listed)]
                if spec.language == "en":
                    lines = [line.replace(" : ", ": ") for line in lines]
                entries = [(alt.DOCUMENTS[0], "\n".join([alt.DOCUMENTS[1], *lines]), None)]
        elif kind == "filler":
            skip = key == "insurance" and "default_guarantees" in spec.omit and words.pool != "base"
            entries = [] if skip else [(*words.filler(key), None)]
        for title, content, tag in entries:
            number += 1
            term = (str(number), title) if kind == "term" else term
            out.add(("heading", layout.heading(words.article_word(), number, title), 0), tag)
            body(content, tag)
    line, sides = words.signature()
    out.add(("para", text(line)))
    out.add(("signature", [[text(part) for part in side] for side in sides]))
    for n, annex in enumerate(annexes, start=1):
        if n == 1:
            out.add(("pagebreak",))
        out.add(("heading", f"{words.annex_word()} {n} – {annex.title}".upper(), 0), annex.tag)
        for block in annex.content:
            if block[0] == "body":
                body(block[1], annex.tag)
            elif block[0] == "para":
                out.add(("para", text(block[1])), annex.tag)
            else:
                out.add(block, annex.tag)
        parts = [item for cid in annex.members for item in clause_items(cid)]
        for sub, (title, content, tag) in enumerate(parts, start=1):
            out.add(("heading", f"{sub}. {title}", 1), tag)
            body(content, tag)
    _amendment(spec, words, out, term, text)
    return out


def _amendment(
    spec: ContractSpec, words: Words, out: Composition, term: tuple[str, str], text: Any
) -> None:
    change = spec.amendment
    if not change:
        return
    notice = change.new_notice_amount, change.new_notice_unit
    values = {
        "term_article": term[0],
        "term_heading": term[1],
        "amendment_date": words.long_date(change.date),
        "new_end": words.long_date(change.new_end_date) if change.new_end_date else "",
        "new_notice": words.quantity(notice[0], notice[1])
        if notice[0] is not None and notice[1] is not None
        else "",
    }
    parts = words.amendment()
    lines: list[tuple[str, str]] = [("pagebreak", ""), ("title", change.title.upper())]
    lines += list(parts["body"])
    lines += list(parts["end"]) if change.new_end_date else []
    lines += list(parts["notice"]) if notice[1] is not None else []
    lines += list(parts["close"])
    for kind, line in lines:
        out.add((kind, text(line, **values), 1))


def contract_blocks(spec: ContractSpec, extra_articles: int = 0) -> list[Block]:
    """The document as blocks (``("heading", text, level)``, ``("para", text)``, ``("table", rows)``
    ...); ``extra_articles`` neutral articles go before the governing-law article."""
    return compose(spec, extra_articles).blocks
