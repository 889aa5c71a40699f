"""Describe a synthetic HDS hosting contract, and the report facts it implies.

In: the values a test or the demo chooses (parties, dates, durations, certificate, places, and
which clauses are left out or written against the rule). Out: a :class:`ContractSpec`, which
``render.write_contract_pdf`` turns into a PDF, and :func:`expected_labels`, the part of the
analysis report (``spec/report.md``) that a correct reader must produce for that PDF.

>>> from datetime import date
>>> spec = ContractSpec(name="c09", language="fr", host="Nuagesanté SAS", client="Clinique du Parc",
...     establishment="CDP", signature_date=date(2024, 3, 12), effective_date=date(2024, 4, 1),
...     term_months=36, tacit_renewal=True, renewal_term_months=12, notice_amount=3,
...     notice_unit="months", certificate_issue=date(2024, 12, 20),
...     certificate_expiry=date(2027, 12, 19), omit=frozenset({"reversibility"}))
>>> labels = expected_labels(spec, as_of=date(2026, 11, 29))
>>> labels["dates"]["end_date"], labels["dates"]["notice_period_days"], labels["alerts"]
('2027-03-31', 90, ['missing:reversibility', 'notice_deadline_within_90d'])
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

__all__ = [
    "ANNEX_REFERABLE",
    "ANNEX_SPLITTABLE",
    "CLAUSE_IDS",
    "EEA",
    "NON_COMPLIANT_SUPPORTED",
    "Amendment",
    "ContractSpec",
    "Layout",
    "add_months",
    "expected_labels",
]

Language = Literal["fr", "en"]
NoticeUnit = Literal["days", "months"]
HeadingStyle = Literal["article_dash", "numeric", "roman", "article_colon", "article_dot"]
DateStyle = Literal[
    "long", "numeric", "mixed", "long_plain", "padded", "dotted", "iso", "us", "ordinal"
]

#: The 23 clause ids of catalogue ``hds_contract`` v1, in catalogue order.
CLAUSE_IDS: tuple[str, ...] = (
    "hds_certificate_scope",
    "service_description",
    "hosting_locations",
    "data_subject_rights",
    "breach_notification_to_controller",
    "dpo_audit",
    "contractual_contact",
    "quality_performance_indicators",
    "subcontracting_external_providers",
    "access_control",
    "technical_changes_obligations",
    "default_guarantees",
    "purpose_limitation",
    "reversibility",
    "non_eea_access_safeguards",
    "extraterritorial_law_exposure",
    "transfer_mapping_public_url",
    "gdpr_processing_details",
    "gdpr_documented_instructions",
    "gdpr_personnel_confidentiality",
    "gdpr_security_measures",
    "gdpr_assist_art32_36",
    "patient_information",
)

#: Clauses the generator knows how to write against the rule, and how it breaks it.
NON_COMPLIANT_SUPPORTED: dict[str, str] = {
    "hosting_locations": "storage in a country outside the EEA",
    "breach_notification_to_controller": "notification delay longer than 72 hours",
    "purpose_limitation": "host may reuse the data for statistics and product improvement",
    "reversibility": "formats, delays and costs of the return left to the host's discretion",
}

#: Clauses whose substance can sit in an annex, the article only pointing to it (``annex_split``).
ANNEX_SPLITTABLE: tuple[str, ...] = (
    "hds_certificate_scope",
    "access_control",
    "default_guarantees",
    "reversibility",
    "gdpr_processing_details",
    "gdpr_security_measures",
)

#: Clauses that an omitted contract can still "refer to" in an annex that is not attached
#: (``absent_annex_reference``: « la réversibilité est traitée à l'annexe 5 », no annex 5).
ANNEX_REFERABLE: tuple[str, ...] = (*ANNEX_SPLITTABLE, "quality_performance_indicators")

#: ISO 3166-1 alpha-2 codes of the European Economic Area (EU 27 + Iceland, Liechtenstein, Norway).
EEA = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO",
})  # fmt: skip

_V1_END = date(2026, 5, 16)  # last day a v1.x HDS certificate is accepted
_WINDOWS = (7, 30, 90, 180)


@dataclass(frozen=True)
class Layout:
    """How the document looks: numbering ``"Article 5 –"`` / ``"5."`` / ``"ARTICLE V –"``,
    headings in upper case, a table of contents on page 1, dates as ``"1er janvier 2025"`` /
    ``"01/01/2025"`` / both in turn, durations as ``"trois (3) ans"`` or ``"36 mois"``.

    The fields after ``duration_style`` vary the drafting further; their defaults give the
    original look: ``number_style`` writes quantities « trois (3) mois » (``both``), « trois
    mois » (``words``) or « 3 mois » (``digits``); ``article_word`` replaces « Article »
    (« Clause », « Section »); ``sub_style`` numbers sub-clauses « 5.1 », « 5.1. », « (a) » or
    « Article 5.1 – »; ``columns`` sets the text in two columns; ``font`` is a standard PDF font;
    ``outline`` orders the articles (``standard``, ``flat``: one article per clause, or
    ``dpa_annex``: the personal-data clauses gathered in an annex)."""

    heading_style: HeadingStyle = "article_dash"
    upper_case: bool = False
    toc: bool = False
    date_style: DateStyle = "long"
    duration_style: Literal["words", "digits", "months"] = "words"
    number_style: Literal["both", "words", "digits"] = "both"
    article_word: str | None = None
    sub_style: Literal["decimal", "decimal_dot", "letter", "article"] = "decimal"
    columns: Literal[1, 2] = 1
    font: Literal["Helvetica", "Times-Roman", "Courier"] = "Helvetica"
    outline: Literal["standard", "flat", "dpa_annex"] = "standard"

    def heading(self, word: str, number: int, title: str) -> str:
        """``heading("Article", 14, "Réversibilité")`` → ``"Article 14 – Réversibilité"``,
        ``"14. Réversibilité"`` or ``"ARTICLE XIV – RÉVERSIBILITÉ"`` (``"Article 14 :
        Réversibilité"``, ``"Article 14. Réversibilité"`` with the later styles)."""
        title = title.upper() if self.upper_case else title
        word = self.article_word or word
        if self.heading_style == "numeric":
            return f"{number}. {title}"
        tens, units = divmod(number, 10)
        roman = "X" * tens + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[units]
        if self.heading_style == "roman":
            return f"{word.upper()} {roman} – {title}"
        word = word.upper() if self.upper_case else word
        if self.heading_style == "article_colon":
            return f"{word} {number} : {title}"
        if self.heading_style == "article_dot":
            return f"{word} {number}. {title}"
        return f"{word} {number} – {title}"

    def sub_heading(self, word: str, number: int, sub: int, title: str) -> str:
        """A sub-clause of article ``number``: ``"5.1 Title"``, ``"5.1. Title"``, ``"(a) Title"``
        or ``"Article 5.1 – Title"``."""
        if self.sub_style == "decimal_dot":
            return f"{number}.{sub}. {title}"
        if self.sub_style == "letter":
            return f"({'abcdefghijklmnopqrstuvwxyz'[sub - 1]}) {title}"
        if self.sub_style == "article":
            return f"{self.article_word or word} {number}.{sub} – {title}"
        return f"{number}.{sub} {title}"


@dataclass(frozen=True)
class Amendment:
    """An amendment (« Avenant n°1 ») appended after the signatures: a new end of the current term,
    a new notice period, or both."""

    title: str
    date: datetime.date
    new_end_date: datetime.date | None = None
    new_notice_amount: int | None = None
    new_notice_unit: NoticeUnit | None = None


@dataclass(frozen=True, kw_only=True)
class ContractSpec:
    """Everything that decides the content of one generated contract. Invalid combinations (a
    non-EEA storage country without ``hosting_locations`` in ``non_compliant``, a breach delay over
    72 hours written as compliant, ...) raise ``ValueError``, so that the labels stay true.

    Drafting variations: ``indefinite`` (durée indéterminée, ``term_months=0``, no renewal),
    ``express_renewal`` (renewal only by a new written agreement), ``effective_on_signature``
    (« à compter de sa signature »), ``renewal_same_as_initial`` (renewed « pour une durée
    identique »), ``uncertified_subprocessor`` (a listed sub-processor without HDS certificate),
    ``annex_split`` (clauses whose substance is in an annex), ``absent_annex_reference``
    (omitted clauses that the contract says are in an annex that is not attached),
    ``scanned_pages`` (1-based page numbers, negative from the end, printed as images without a
    text layer), ``wording_pool`` (``base`` wordings, ``alt`` ones from ``texts_*_alt`` or a
    ``mixed`` draw), ``party_terms`` (how the ``alt`` wordings name the parties) and ``split``
    (``dev`` or ``holdout`` in the development set)."""

    name: str
    language: Language
    host: str
    client: str
    establishment: str
    signature_date: date
    effective_date: date
    term_months: int
    tacit_renewal: bool
    renewal_term_months: int | None = None
    notice_amount: int | None = None
    notice_unit: NoticeUnit | None = None
    certificate_number: str = "HDS-2024-0457"
    certifier: str = "AFNOR Certification"
    certificate_issue: date
    certificate_expiry: date
    referential: Literal["v2", "v1.1"] = "v2"
    storage_countries: list[str] = field(default_factory=lambda: ["FR"])
    non_eea_access: bool = False
    breach_hours: int = 48
    omit: frozenset[str] = frozenset()
    non_compliant: frozenset[str] = frozenset()
    pages_hint: int | None = None
    amendment: Amendment | None = None
    layout: Layout = field(default_factory=Layout)
    style_seed: int = 0
    # Drafting variations used by the development set; the defaults give the original documents.
    indefinite: bool = False
    express_renewal: bool = False
    effective_on_signature: bool = False
    renewal_same_as_initial: bool = False
    uncertified_subprocessor: bool = False
    annex_split: frozenset[str] = frozenset()
    absent_annex_reference: frozenset[str] = frozenset()
    scanned_pages: tuple[int, ...] = ()
    wording_pool: Literal["base", "alt", "mixed"] = "base"
    party_terms: int = 0
    split: Literal["dev", "holdout"] = "dev"

    def __post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise ValueError(f"ContractSpec {self.name!r}: " + "; ".join(problems))

    def status(self, clause_id: str) -> str:
        """``"missing"``, ``"non_compliant"`` or ``"present"``."""
        if clause_id in self.omit:
            return "missing"
        return "non_compliant" if clause_id in self.non_compliant else "present"


def _problems(spec: ContractSpec) -> list[str]:
    out = []
    if spec.language not in ("fr", "en"):
        out.append(f"language {spec.language!r} is not fr or en")
    for label, ids in (("omit", spec.omit), ("non_compliant", spec.non_compliant)):
        out += [f"{label}: unknown clause id {cid!r}" for cid in sorted(ids - set(CLAUSE_IDS))]
    both = spec.omit & spec.non_compliant
    out += [f"{cid!r} is both omitted and non-compliant" for cid in sorted(both)]
    out += [
        f"no non-compliant wording for {cid!r}"
        for cid in sorted(spec.non_compliant - set(NON_COMPLIANT_SUPPORTED))
    ]
    if (spec.notice_amount is None) != (spec.notice_unit is None):
        out.append("notice_amount and notice_unit go together")
    if spec.tacit_renewal and (spec.renewal_term_months is None or spec.notice_amount is None):
        out.append("tacit renewal needs renewal_term_months and a notice period")
    if not spec.tacit_renewal and spec.renewal_term_months is not None:
        out.append("renewal_term_months is only for tacit renewal")
    if not spec.storage_countries:
        out.append("storage_countries is empty")
    outside = any(code not in EEA for code in spec.storage_countries)
    rule = "hosting_locations"
    if outside != (rule in spec.non_compliant) and rule not in spec.omit:
        out.append("a non-EEA storage country and a non-compliant hosting_locations go together")
    if outside and not spec.non_eea_access:
        out.append("a non-EEA storage country means non_eea_access=True")
    late = spec.breach_hours > 72
    rule = "breach_notification_to_controller"
    if late != (rule in spec.non_compliant) and rule not in spec.omit:
        out.append("breach_hours > 72 and a non-compliant breach notification go together")
    if late and spec.breach_hours % 24:
        out.append("a breach delay over 72 hours is written in days: use a multiple of 24")
    return out + _term_problems(spec) + _drafting_problems(spec)


def _term_problems(spec: ContractSpec) -> list[str]:
    out = []
    notice = spec.notice_amount is not None
    if spec.indefinite:
        if spec.tacit_renewal or spec.express_renewal or spec.term_months != 0:
            out.append("an indefinite contract has term_months=0 and no renewal")
        if not notice:
            out.append("an indefinite contract states the notice to end it")
        if spec.amendment and spec.amendment.new_end_date:
            out.append("an indefinite contract has no end date to amend")
    elif spec.term_months <= 0:
        out.append("term_months must be positive (or indefinite=True)")
    elif not spec.tacit_renewal and notice:
        out.append("a fixed term states no notice period: notice goes with tacit renewal")
    if spec.express_renewal and spec.tacit_renewal:
        out.append("express_renewal excludes tacit renewal")
    if spec.effective_on_signature and spec.effective_date != spec.signature_date:
        out.append("effective_on_signature needs effective_date == signature_date")
    if spec.renewal_same_as_initial and (
        not spec.tacit_renewal or spec.renewal_term_months != spec.term_months
    ):
        out.append("renewal_same_as_initial needs tacit renewal for term_months")
    return out


def _drafting_problems(spec: ContractSpec) -> list[str]:
    out = [
        f"annex_split: {cid!r} cannot be split into an annex"
        for cid in sorted(spec.annex_split - set(ANNEX_SPLITTABLE))
    ]
    out += [f"annex_split: {cid!r} is omitted" for cid in sorted(spec.annex_split & spec.omit)]
    out += [
        f"absent_annex_reference: {cid!r} must be omitted and referable"
        for cid in sorted(spec.absent_annex_reference - (spec.omit & set(ANNEX_REFERABLE)))
    ]
    if spec.uncertified_subprocessor and "subcontracting_external_providers" in spec.omit:
        out.append("uncertified_subprocessor needs the sub-processing clause and its list")
    if 0 in spec.scanned_pages:
        out.append("scanned_pages are 1-based (negative counts from the end)")
    if spec.party_terms and spec.wording_pool != "alt":
        out.append("party_terms other than 0 need wording_pool='alt'")
    return out


def add_months(day: date, months: int) -> date:
    """Calendar months, the day clamped to the month's end: 31 Jan + 1 month = 28 or 29 Feb."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _notice(spec: ContractSpec) -> tuple[int | None, str | None]:
    if spec.amendment and spec.amendment.new_notice_amount is not None:
        return spec.amendment.new_notice_amount, spec.amendment.new_notice_unit
    return spec.notice_amount, spec.notice_unit


def _end_and_deadline(spec: ContractSpec, as_of: date) -> tuple[date | None, date | None]:
    if spec.indefinite:
        return None, None
    end = add_months(spec.effective_date, spec.term_months) - timedelta(days=1)
    if spec.amendment and spec.amendment.new_end_date:
        end = spec.amendment.new_end_date
    while spec.tacit_renewal and spec.renewal_term_months and end < as_of:
        end = add_months(end + timedelta(days=1), spec.renewal_term_months) - timedelta(days=1)
    amount, unit = _notice(spec)
    if amount is None:
        return end, None
    deadline = add_months(end, -amount) if unit == "months" else end - timedelta(days=amount)
    return end, deadline


def _window(days: int) -> int | None:
    return next((n for n in _WINDOWS if days <= n), None)


def _alerts(spec: ContractSpec, as_of: date, end: date | None, deadline: date | None) -> list[str]:
    alerts = [f"{spec.status(cid)}:{cid}" for cid in CLAUSE_IDS if spec.status(cid) != "present"]
    if "hds_certificate_scope" in spec.omit:
        alerts.append("unknown:hds_certificate_expiry")
    elif spec.certificate_expiry < as_of:
        alerts.append("expired:hds_certificate")
    elif (n := _window((spec.certificate_expiry - as_of).days)) is not None:
        alerts.append(f"expiring_{n}d:hds_certificate")
    if "hds_certificate_scope" not in spec.omit and spec.referential != "v2" and as_of > _V1_END:
        alerts.append("outdated_referential:hds_certificate")
    if spec.uncertified_subprocessor:
        alerts.append("subprocessor_not_hds_certified")
    if end is None:  # indefinite duration: no term to end, nothing to give notice for
        return alerts
    if not spec.tacit_renewal:
        if end < as_of:
            alerts.append("expired:contract")
        elif (n := _window((end - as_of).days)) is not None:
            alerts.append(f"expiring_{n}d:contract")
    elif deadline is not None and as_of <= deadline:
        if (n := _window((deadline - as_of).days)) is not None:
            alerts.append(f"notice_deadline_within_{n}d")
    elif deadline is not None and as_of <= end:
        alerts.append("notice_deadline_passed")
    return alerts


def expected_labels(spec: ContractSpec, as_of: date | None = None) -> dict[str, Any]:
    """The report fields the spec implies (dates as ISO strings, ``None`` where the document gives
    nothing). With ``as_of``, also ``dates.end_date``, ``dates.notice_deadline`` and ``alerts``
    (clause alerts in catalogue order, then certificate, then contract alerts)."""
    from hdswatch.samples import texts_en, texts_fr

    texts = texts_fr if spec.language == "fr" else texts_en
    amount, unit = _notice(spec)
    cert_known = "hds_certificate_scope" not in spec.omit
    if amount is None:
        notice_text = None
    elif spec.layout.number_style == "both":
        notice_text = texts.quantity(amount, unit or "days")
    else:
        from hdswatch.samples import texts_en_alt, texts_fr_alt

        alt = texts_fr_alt if spec.language == "fr" else texts_en_alt
        notice_text = alt.styled_quantity(amount, unit or "days", spec.layout.number_style)
    dates: dict[str, Any] = {
        "signature_date": spec.signature_date.isoformat(),
        "effective_date": spec.effective_date.isoformat(),
        "initial_term_months": None if spec.indefinite else spec.term_months,
        "tacit_renewal": None if spec.indefinite else spec.tacit_renewal,
        "renewal_term_months": spec.renewal_term_months,
        "notice_period_days": None if amount is None else amount * (30 if unit == "months" else 1),
        "notice_period_text": notice_text,
        "hds_certificate_expiry": spec.certificate_expiry.isoformat() if cert_known else None,
    }
    changes: list[str] = []
    if spec.amendment:
        changes = ["end_date"] if spec.amendment.new_end_date else []
        changes += ["notice_period_days"] if spec.amendment.new_notice_amount is not None else []

    def stated(clause_id: str, value: Any) -> Any:  # what an omitted clause would have said
        return None if clause_id in spec.omit else value

    certificate = {"number": spec.certificate_number, "certifier": spec.certifier}
    labels: dict[str, Any] = {
        "file": f"{spec.name}.pdf",
        "language": spec.language,
        "host": spec.host,
        "client": spec.client,
        "dates": dates,
        "hds_certificate": stated("hds_certificate_scope", certificate),
        "storage_countries": stated("hosting_locations", [*spec.storage_countries]),
        "non_eea_access": stated("non_eea_access_safeguards", spec.non_eea_access),
        "breach_notification_hours": stated("breach_notification_to_controller", spec.breach_hours),
        "amendments": [
            {"title": change.title, "date": change.date.isoformat(), "changes": changes}
            for change in ([spec.amendment] if spec.amendment else [])
        ],
        "clauses": {cid: spec.status(cid) for cid in CLAUSE_IDS},
    }
    if as_of is not None:
        end, deadline = _end_and_deadline(spec, as_of)
        dates["end_date"] = end.isoformat() if end else None
        dates["notice_deadline"] = deadline.isoformat() if deadline else None
        labels["alerts"] = _alerts(spec, as_of, end, deadline)
    return labels
