"""The labelled development set: 44 generated contracts that vary the way real ones do.

In: nothing but the explicit cases below (one seed each) and a reference date. Out:
:func:`devset_specs`, the :class:`ContractSpec` of every contract (``split`` ``dev`` for 33 of
them, ``holdout`` for 11, drawn once with ``HOLDOUT_SEED``), and :func:`write_devset`, which writes
their PDFs and ``labels.jsonl``: one JSON object per contract in the analysis report's format
(``expected_labels``) plus ``split``, ``as_of`` (the reference date of the alerts), ``kind``,
``pages``, ``ocr_pages`` (the pages printed as images) and ``clause_pages`` (the pages on which
each clause present in the contract is printed).

Each case fixes what the labels depend on (language, wording pool, kind of term and notice,
clauses left out, written against the rule, split into an annex or "referred to" in an annex that
is not attached, scanned pages, amendment, places, breach delay, dates that fall in an alert
window); its seed draws the rest (parties, dates, certificate, numbering, fonts, date and number
styles). DEVSET.md beside this module describes the set.

>>> specs = devset_specs()
>>> len(specs), sum(spec.split == "holdout" for spec in specs)
(44, 11)
"""

from __future__ import annotations

import json
import random
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from hdswatch.samples.spec import (
    CLAUSE_IDS,
    EEA,
    Amendment,
    ContractSpec,
    Layout,
    add_months,
    expected_labels,
)

__all__ = ["DEVSET_AS_OF", "HOLDOUT_SEED", "Case", "devset_labels", "devset_specs",
           "write_devset"]  # fmt: skip

#: Reference date of the labels' alerts unless another is given.
DEVSET_AS_OF = date(2026, 11, 29)
#: Seed of the draw that puts a quarter of the contracts in the holdout split.
HOLDOUT_SEED = 2026
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Case:
    """What one contract of the set must contain; everything else is drawn from ``seed``.

    ``term`` is ``tacit``, ``tacit_same`` (renewed for the same duration), ``fixed``, ``express``
    or ``indefinite``; ``deadline_in`` puts the tacit contract's notice deadline that many days
    after the reference date, ``end_in`` the fixed term's end, ``cert_in`` the certificate's
    expiry; ``amendment`` is ``end``, ``notice`` or ``both``; ``outline`` and ``font``, when not
    given, are drawn."""

    seed: int
    language: Literal["fr", "en"]
    pool: Literal["base", "alt", "mixed"] = "alt"
    term: str = "tacit"
    notice: tuple[int, str] | None = (3, "months")
    omit: tuple[str, ...] = ()
    non_compliant: tuple[str, ...] = ()
    annex_split: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    scanned: tuple[int, ...] = ()
    amendment: str | None = None
    uncertified: bool = False
    storage: tuple[str, ...] = ("FR",)
    access: bool = False
    breach: int = 48
    on_signature: bool = False
    deadline_in: int | None = None
    end_in: int | None = None
    cert_in: int | None = None
    outline: Literal["standard", "flat", "dpa_annex"] | None = None
    columns: Literal[1, 2] = 1
    toc: bool = False
    pages_hint: int | None = None
    party_terms: int = 0
    font: Literal["Helvetica", "Times-Roman", "Courier"] | None = None


# Short names of the clause ids, for the table of cases.
CERT = "hds_certificate_scope"
SERV = "service_description"
LOC = "hosting_locations"
RIGHTS = "data_subject_rights"
BREACH = "breach_notification_to_controller"
DPO = "dpo_audit"
CONTACT = "contractual_contact"
SLA = "quality_performance_indicators"
SUBPROC = "subcontracting_external_providers"
ACCESS = "access_control"
CHANGES = "technical_changes_obligations"
DEFAULT = "default_guarantees"
PURPOSE = "purpose_limitation"
REVERS = "reversibility"
ABROAD = "non_eea_access_safeguards"
FOREIGN = "extraterritorial_law_exposure"
MAPPING = "transfer_mapping_public_url"
DETAILS = "gdpr_processing_details"
ORDERS = "gdpr_documented_instructions"
STAFF = "gdpr_personnel_confidentiality"
SECURITY = "gdpr_security_measures"
ASSIST = "gdpr_assist_art32_36"
PATIENTS = "patient_information"
US, LATE = ("FR", "US"), 360  # storage outside the EEA; a breach notified in fifteen days

#: The contracts of the set, in order (file names ``ds01_…`` to ``ds44_…``).
CASES: tuple[Case, ...] = (
    Case(101, "fr", "base", toc=True),
    Case(102, "fr", "base", "fixed", None, omit=(REVERS, DPO), non_compliant=(LOC,), storage=US,
         access=True),
    Case(103, "en", "base", notice=(90, "days"), omit=(DPO, PATIENTS), non_compliant=(BREACH,),
         breach=LATE),
    Case(104, "fr", "alt", omit=(MAPPING, FOREIGN, BREACH), scanned=(2,), party_terms=1),
    Case(105, "en", "alt", "fixed", None, omit=(ASSIST,), non_compliant=(PURPOSE,), columns=2),
    Case(106, "fr", "mixed", "indefinite", (6, "months"), omit=(CONTACT, SLA), absent=(SLA,)),
    Case(107, "en", "alt", "tacit_same", omit=(CERT,), annex_split=(REVERS,), party_terms=3),
    Case(108, "fr", "alt", "express", None, omit=(REVERS, DEFAULT), absent=(REVERS,),
         on_signature=True, outline="flat"),
    Case(109, "fr", "mixed", notice=(2, "months"), omit=(ACCESS,), amendment="end"),
    Case(110, "en", "mixed", notice=(60, "days"), non_compliant=(REVERS,), uncertified=True,
         amendment="notice"),
    Case(111, "fr", "alt", omit=(PATIENTS, RIGHTS, STAFF), non_compliant=(BREACH, PURPOSE),
         breach=LATE, scanned=(-1,), outline="dpa_annex"),
    Case(112, "fr", "alt", "fixed", None, omit=(CHANGES,), annex_split=(CERT,), cert_in=100,
         party_terms=2),
    Case(113, "en", "alt", notice=(6, "months"), deadline_in=5, toc=True),
    Case(114, "fr", "base", omit=(ORDERS,), deadline_in=25),
    Case(115, "fr", "alt", notice=(90, "days"), omit=(LOC, ABROAD), storage=("FR", "DE"),
         deadline_in=70, columns=2),
    Case(116, "en", "base", omit=(SECURITY, DETAILS), deadline_in=-20),
    Case(117, "fr", "alt", "fixed", None, omit=(SERV, ASSIST, PURPOSE), end_in=20),
    Case(118, "en", "alt", "fixed", None, omit=(BREACH, CONTACT), end_in=-60, scanned=(1,)),
    Case(119, "fr", "mixed", "tacit_same", (1, "months"), omit=(FOREIGN,), non_compliant=(REVERS,),
         access=True, on_signature=True),
    Case(120, "en", "alt", "indefinite", (3, "months"), omit=(SUBPROC, MAPPING, CERT),
         absent=(CERT,), on_signature=True, outline="flat"),
    Case(121, "fr", "alt", omit=(DPO, PATIENTS), annex_split=(SECURITY, DETAILS), amendment="both",
         toc=True),
    Case(122, "en", "alt", notice=(90, "days"), omit=(RIGHTS,), non_compliant=(LOC,),
         annex_split=(DEFAULT,), storage=("NL", "US"), access=True),
    Case(123, "fr", "base", notice=(6, "months"), omit=(STAFF,), pages_hint=12),
    Case(124, "en", "mixed", "fixed", None, omit=(ACCESS, CHANGES, ORDERS), uncertified=True,
         columns=2),
    Case(125, "fr", "alt", "express", None, omit=(SECURITY, DEFAULT, MAPPING), absent=(SECURITY,),
         outline="dpa_annex"),
    Case(126, "en", "alt", notice=(2, "months"), omit=(SERV, PATIENTS, ASSIST),
         non_compliant=(PURPOSE,), amendment="end"),
    Case(127, "fr", "alt", omit=(SLA, RIGHTS), cert_in=5),
    Case(128, "en", "base", "fixed", None, omit=(REVERS,), non_compliant=(LOC,), storage=US,
         access=True),
    Case(129, "fr", "alt", notice=(60, "days"), omit=(DETAILS,), absent=(DETAILS,),
         uncertified=True, scanned=(3,)),
    Case(130, "en", "alt", "tacit_same", (6, "months"), omit=(STAFF, CHANGES),
         non_compliant=(BREACH,), breach=LATE, party_terms=1, toc=True),
    Case(131, "fr", "alt", "fixed", None, on_signature=True, outline="flat", columns=2,
         font="Courier"),
    Case(132, "en", "alt", omit=(ABROAD, ACCESS), cert_in=60, storage=("IE", "DE")),
    Case(133, "fr", "base", non_compliant=(REVERS, PURPOSE), amendment="notice"),
    Case(134, "en", "alt", notice=(90, "days"), omit=(LOC, SLA), absent=(SLA,), cert_in=-30,
         storage=("NL",), scanned=(2,)),
    Case(135, "fr", "alt", outline="dpa_annex", toc=True, party_terms=3),
    Case(136, "en", "alt", "express", None, omit=(DEFAULT, SECURITY), annex_split=(REVERS,)),
    Case(137, "fr", "mixed", omit=(ORDERS, CONTACT), non_compliant=(LOC,), storage=US, access=True,
         scanned=(-1,)),
    Case(138, "en", "alt", "fixed", None, omit=(SUBPROC, RIGHTS, PATIENTS, SERV), amendment="end",
         outline="flat"),
    Case(139, "fr", "alt", "indefinite", (3, "months"), omit=(BREACH, ASSIST),
         annex_split=(ACCESS,), amendment="notice"),
    Case(140, "en", "base", toc=True, pages_hint=10),
    Case(141, "fr", "alt", omit=(CHANGES, FOREIGN, MAPPING, STAFF, ABROAD, PATIENTS),
         deadline_in=150),
    Case(142, "en", "alt", notice=(60, "days"), omit=(ORDERS,), non_compliant=(REVERS, BREACH),
         breach=LATE, outline="dpa_annex"),
    Case(143, "fr", "alt", notice=(1, "months"), columns=2, scanned=(1, 2)),
    Case(144, "en", "mixed", omit=(CERT, DETAILS, PURPOSE), amendment="both"),
)  # fmt: skip

_HOSTS = {
    ("fr", "base"): ("Nuagesanté SAS", "DataSoin Hébergement SA", "Hexamed Cloud SAS",
                     "Armor Santé Données SARL", "Médiane Datacenter SA", "Santalis Hébergement SARL",
                     "Alpidata Santé SAS", "Océane Cloud Santé SA"),
    ("fr", "alt"): ("Numeria Health SAS", "Kelvin Datacenter SE", "Rheinland Health Cloud GmbH",
                    "Infogérance Santé Rhône SAS", "Cloudéa Médical SA", "Ibérica Salud Cloud S.L."),
    ("en", "base"): ("Cirrus Medica Hosting B.V.", "Helix Health Cloud Ltd", "Medistore Europe B.V.",
                     "Carebyte Hosting Ltd", "Sanacloud SAS"),
    ("en", "alt"): ("Northwind Health Data GmbH", "Eurocare Hosting SE", "Iberia Clinical Cloud S.L.",
                    "Lakeside Medical Cloud Ltd", "Polder Health Platform B.V."),
}  # fmt: skip
_PRIVATE = ("Clinique Saint-Roch", "Polyclinique des Tilleuls", "Clinique du Parc",
            "Centre de radiologie des Lices", "Institut de cancérologie Atlantique",
            "Clinique mutualiste de la Sarthe", "Centre de dialyse Arc-en-Ciel",
            "EHPAD Les Glycines", "Laboratoire de biologie médicale Biolys",
            "Centre de santé Pasteur", "Clinique des Ormes", "Maison de santé du Vieux-Port",
            "Polyclinique de l’Estuaire", "Clinique ophtalmologique Iris",
            "Centre d’imagerie médicale Vauban", "Clinique Sainte-Anne de Valrose",
            "Centre de rééducation Les Pins", "Résidence médicalisée Les Hortensias",
            "Institut médical de la Loire", "Clinique psychiatrique du Val Fleuri",
            "Centre de santé dentaire Molière", "Polyclinique du Golfe",
            "Clinique de la Fontaine", "Centre médical Beauregard", "Clinique Jeanne-d’Arc",
            "Hospitalisation à domicile Côte d’Opale", "Centre de soins de suite Les Embruns")  # fmt: skip
_PUBLIC = ("Centre hospitalier de Bellecombe", "CHU de Rivemont",
           "Groupement hospitalier de territoire Loire-Vallée",
           "Centre hospitalier intercommunal des Deux-Rives", "Hôpital local de Saint-Aubin",
           "Centre hospitalier de Montclar", "CHU de Vallombreuse",
           "Centre hospitalier spécialisé du Ried")  # fmt: skip
_CLIENTS = tuple(
    random.Random(HOLDOUT_SEED).sample(  # noqa: S311 (a fixed draw)
        _PRIVATE + _PUBLIC, len(_PRIVATE + _PUBLIC)
    )
)
_FONTS: tuple[Literal["Helvetica", "Times-Roman", "Courier"], ...] = (
    "Helvetica", "Helvetica", "Times-Roman", "Times-Roman", "Courier",
)  # fmt: skip
_OUTLINES: tuple[Literal["standard", "flat", "dpa_annex"], ...] = (
    "standard", "standard", "flat", "dpa_annex",
)  # fmt: skip
_CERTIFIERS = ("AFNOR Certification", "Bureau Veritas Certification", "LNE", "SGS ICS",
               "BSI Group The Netherlands B.V.", "DEKRA Certification")  # fmt: skip
_AMENDMENT_TITLES = {"fr": ("Avenant n°1", "Avenant n° 2", "Avenant n°3"),
                     "en": ("Amendment No. 1", "Amendment No. 2", "First Amendment")}  # fmt: skip

#: Words that would make an omitted clause arguably present: the contract is redrawn instead.
_AMBIGUOUS: dict[str, tuple[str, ...]] = {
    BREACH: ("Les incidents sont déclarés par l’Hébergeur à ce référent",),
    ASSIST: ("information utile à la notification de la violation", "obligations déclaratives",
             "information needed for the notification", "its own reporting duties"),
    ACCESS: ("gestion des accès", "Access Management",
             "Seules les personnes autorisées, dont la liste", "Only authorised persons, whose list"),
    PURPOSE: ("que sur instruction documentée", "uniquement sur instruction",
              "exclusivement sur ordre", "only on documented instructions", "acts only on",
              "exclusively on"),
}  # fmt: skip


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "_".join("".join(c if c.isalnum() else " " for c in plain).split())[:40]


def _code(client: str) -> str:
    words = [w for w in _slug(client).split("_") if len(w) > 2 and w not in ("des", "les", "the")]
    return "".join(w[0] for w in words).upper()[:4] or "EST"


def _layout(case: Case, rng: random.Random) -> Layout:
    fr = case.language == "fr"
    heading = rng.choice(("article_dash", "numeric", "roman", "article_colon") if fr
                         else ("article_dash", "numeric", "article_dot", "roman"))  # fmt: skip
    dates = rng.choice(("long", "numeric", "mixed", "long_plain", "padded") if fr
                       else ("long", "numeric", "us", "ordinal", "iso", "padded"))  # fmt: skip
    word = None if fr or case.pool != "alt" else rng.choice((None, "Section", "Article"))
    return Layout(
        heading_style=heading,  # type: ignore[arg-type]
        upper_case=rng.random() < 0.25,
        toc=case.toc,
        date_style=dates,  # type: ignore[arg-type]
        duration_style=rng.choice(("words", "words", "digits", "months")),
        number_style=rng.choice(("both", "both", "words", "digits")),
        article_word=word,
        sub_style=rng.choice(("decimal", "decimal_dot", "letter", "article")),
        columns=case.columns,
        font=rng.choice(_FONTS) if case.font is None else case.font,
        outline=rng.choice(_OUTLINES) if case.outline is None else case.outline,
    )


def _start_for_end(end: date, months: int) -> date:
    """The effective date of a term of ``months`` that ends on ``end`` (day kept ≤ 28)."""
    return add_months(end + _DAY, -months)


def _dates(case: Case, rng: random.Random, as_of: date, term: int, renewal: int | None) -> date:
    """The effective date, placing the notice deadline or the end where the case asks."""
    if case.deadline_in is not None and case.notice:
        deadline = as_of + case.deadline_in * _DAY
        while deadline.day > 28:  # calendar months counted back stay exact
            deadline -= _DAY
        amount, unit = case.notice
        end = add_months(deadline, amount) if unit == "months" else deadline + amount * _DAY
        rolls = rng.choice((0, 1)) if renewal else 0
        end = add_months(end + _DAY, -(renewal or 0) * rolls) - _DAY
        return _start_for_end(end, term)
    if case.end_in is not None:
        end = as_of + case.end_in * _DAY
        while end.day > 27:
            end -= _DAY
        return _start_for_end(end, term)
    start = date(2023, 3, 1) + rng.randrange(0, 1280) * _DAY
    return start.replace(day=1) if rng.random() < 0.7 else start


def _build(index: int, case: Case, as_of: date, host: str) -> ContractSpec:
    rng = random.Random(case.seed)  # noqa: S311 (reproducible drawing, not security)
    clients = _PUBLIC if case.party_terms == 2 else _CLIENTS
    client = clients[index % len(clients)]
    term = 0 if case.term == "indefinite" else rng.choice((12, 24, 36, 36, 48, 60))
    tacit = case.term in ("tacit", "tacit_same")
    renewal = (term if case.term == "tacit_same" else rng.choice((12, 12, 24))) if tacit else None
    effective = _dates(case, rng, as_of, term, renewal)
    signature = effective if case.on_signature else effective - rng.randrange(3, 45) * _DAY
    if case.cert_in is not None:
        expiry = as_of + case.cert_in * _DAY
        issue = add_months(expiry + _DAY, -36)
    else:
        issue = signature - rng.randrange(30, 420) * _DAY
        expiry = add_months(issue, 36) - _DAY
    certifier = rng.choice(_CERTIFIERS)
    number = rng.choice((f"HDS-{issue.year}-{rng.randrange(100, 9999):04d}",
                         f"FR-HDS-{issue.year}-{rng.randrange(10, 999):03d}",
                         f"CERT/HDS/{issue.year % 100:02d}/{rng.randrange(1000, 99999)}"))  # fmt: skip
    amendment = None
    if case.amendment:
        first_end = add_months(effective, term) - _DAY
        when = min(as_of - 10 * _DAY, max(signature + 200 * _DAY, first_end - 120 * _DAY))
        new_end = add_months(first_end + _DAY, rng.choice((6, 9, 12))) - _DAY
        notice = rng.choice(((4, "months"), (120, "days"), (6, "months"), (2, "months")))
        amendment = Amendment(
            rng.choice(_AMENDMENT_TITLES[case.language]),
            when,
            new_end_date=new_end if case.amendment in ("end", "both") else None,
            new_notice_amount=notice[0] if case.amendment in ("notice", "both") else None,
            new_notice_unit=notice[1] if case.amendment in ("notice", "both") else None,  # type: ignore[arg-type]
        )
    spec = ContractSpec(
        name=f"ds{index:02d}_{_slug(client)}",
        language=case.language,
        host=host,
        client=client,
        establishment=_code(client),
        signature_date=signature,
        effective_date=effective,
        term_months=term,
        tacit_renewal=tacit,
        renewal_term_months=renewal,
        notice_amount=case.notice[0] if case.notice else None,
        notice_unit=case.notice[1] if case.notice else None,  # type: ignore[arg-type]
        certificate_number=number,
        certifier=certifier,
        certificate_issue=issue,
        certificate_expiry=expiry,
        referential="v2" if issue >= date(2024, 5, 16) else "v1.1",
        storage_countries=list(case.storage),
        non_eea_access=case.access or any(code not in EEA for code in case.storage),
        breach_hours=case.breach,
        omit=frozenset(case.omit),
        non_compliant=frozenset(case.non_compliant),
        pages_hint=case.pages_hint,
        amendment=amendment,
        layout=_layout(case, rng),
        style_seed=case.seed,
        indefinite=case.term == "indefinite",
        express_renewal=case.term == "express",
        effective_on_signature=case.on_signature,
        renewal_same_as_initial=case.term == "tacit_same",
        uncertified_subprocessor=case.uncertified,
        annex_split=frozenset(case.annex_split),
        absent_annex_reference=frozenset(case.absent),
        scanned_pages=case.scanned,
        wording_pool=case.pool,
        party_terms=case.party_terms,
    )
    for _ in range(40):  # another draw of wordings, same facts
        if not _ambiguities(spec):
            return spec
        spec = replace(spec, style_seed=spec.style_seed + 7)
    raise ValueError(f"case {case.seed}: every wording leaves an omitted clause arguably present")


def _ambiguities(spec: ContractSpec) -> list[str]:
    from hdswatch.samples.compose import compose

    text = " ".join(str(block[1]) for block in compose(spec).blocks if len(block) > 1)
    return [words for cid in spec.omit for words in _AMBIGUOUS.get(cid, ()) if words in text]


def devset_specs() -> list[ContractSpec]:
    """Every contract of the set, with its ``split``. The documents are fixed: the cases place
    their deadlines relative to ``DEVSET_AS_OF``, whatever date the labels are computed for."""
    holdout = set(
        random.Random(HOLDOUT_SEED).sample(  # noqa: S311 (a fixed draw)
            range(len(CASES)), len(CASES) // 4
        )
    )
    turns: dict[tuple[str, str], int] = {}
    specs = []
    for i, case in enumerate(CASES):
        pool = (case.language, "base" if case.pool != "alt" else "alt")
        turns[pool] = turns.get(pool, -1) + 1
        host = _HOSTS[pool][turns[pool] % len(_HOSTS[pool])]
        spec = _build(i + 1, case, DEVSET_AS_OF, host)
        specs.append(replace(spec, split="holdout" if i in holdout else "dev"))
    return specs


def devset_labels(spec: ContractSpec, rendered: Any, as_of: date) -> dict[str, Any]:
    """One line of ``labels.jsonl``: the report fields of ``expected_labels`` in the report's
    order, with ``split``, ``as_of``, ``kind``, ``pages``, ``ocr_pages`` and ``clause_pages``."""
    labels = expected_labels(spec, as_of)
    present = [cid for cid in CLAUSE_IDS if labels["clauses"][cid] != "missing"]
    return {
        "file": labels["file"],
        "split": spec.split,
        "as_of": as_of.isoformat(),
        "kind": "contract",
        "language": labels["language"],
        "pages": rendered.pages,
        "ocr_pages": list(rendered.scanned_pages),
        **{key: labels[key] for key in ("host", "client", "dates", "hds_certificate",
                                        "storage_countries", "non_eea_access",
                                        "breach_notification_hours", "amendments", "clauses")},
        "clause_pages": {cid: rendered.clause_pages.get(cid, []) for cid in present},
        "alerts": labels["alerts"],
    }  # fmt: skip


def write_devset(
    directory: str | Path, as_of: date = DEVSET_AS_OF, split: str = "dev"
) -> list[Path]:
    """Write the PDFs of ``split`` (``dev``, ``holdout`` or ``all``) and their ``labels.jsonl``
    into ``directory``; returns the PDF paths."""
    from hdswatch.samples.render import render_contract

    if split not in ("dev", "holdout", "all"):
        raise ValueError(f"split {split!r} is not dev, holdout or all")
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    paths, lines = [], []
    for spec in devset_specs():
        if split != "all" and spec.split != split:
            continue
        rendered = render_contract(spec)
        path = folder / f"{spec.name}.pdf"
        path.write_bytes(rendered.data)
        paths.append(path)
        lines.append(json.dumps(devset_labels(spec, rendered, as_of), ensure_ascii=False))
    (folder / "labels.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths
