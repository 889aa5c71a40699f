"""The rules of the expectation suites, as typed data: what each expectation checks (a
:class:`Check` named after its ``gxe.Expect…`` class), on which column and rows, the alert code a
failure gives, its severity, its legal reference and a short French and English explanation for
a non-lawyer.

Two suites per catalogue version. ``<catalogue>.clauses`` validates one row per clause of a
contract with one expectation: a required clause is present and compliant.
``<catalogue>.contract`` validates one row per contract with the rules the catalogue's ``rules``
section names, with its parameters (``max_hours: 72`` …). ``runner`` builds the GX suites from
these; ``findings`` turns their failures into the report's findings.

>>> [r.id for r in contract_rules(load_catalogue("hds_contract.r1111-11_2018.v1"))][:3]
['certificate_expiry_known', 'certificate_not_expired', 'subprocessors_certified']
>>> clause_rule(load_catalogue()).code
'{status}:{clause_id}'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from expectations.catalogue import Catalogue, Severity, load_catalogue

__all__ = [
    "BREACH_MAX_HOURS",
    "CLAUSE_RULE",
    "CONTRACT_RULE_IDS",
    "Check",
    "Param",
    "Rule",
    "ValuesBetween",
    "ValuesInSet",
    "ValuesNotInSet",
    "ValuesNotNull",
    "ValuesNull",
    "When",
    "clause_rule",
    "clause_rules",
    "contract_rules",
    "expectation_type",
]

BREACH_MAX_HOURS = 72


@dataclass(frozen=True)
class Param:
    """A bound given at validation time: ``{"$PARAMETER": "as_of"}`` in the suite."""

    name: str


@dataclass(frozen=True)
class When:
    """A row condition: every ``equals`` pair holds and every ``not_null`` column has a value."""

    equals: tuple[tuple[str, str | bool], ...] = ()
    not_null: tuple[str, ...] = ()


@dataclass(frozen=True)
class ValuesInSet:
    column: str
    value_set: tuple[str | bool, ...]
    when: When | None = None


@dataclass(frozen=True)
class ValuesNotInSet:
    column: str
    value_set: tuple[str | bool, ...]
    when: When | None = None


@dataclass(frozen=True)
class ValuesBetween:
    column: str
    min_value: float | Param | None = None
    max_value: float | Param | None = None
    when: When | None = None


@dataclass(frozen=True)
class ValuesNull:
    column: str
    when: When | None = None


@dataclass(frozen=True)
class ValuesNotNull:
    column: str
    when: When | None = None


Check = ValuesInSet | ValuesNotInSet | ValuesBetween | ValuesNull | ValuesNotNull

_TYPES: dict[type, str] = {
    ValuesInSet: "expect_column_values_to_be_in_set",
    ValuesNotInSet: "expect_column_values_to_not_be_in_set",
    ValuesBetween: "expect_column_values_to_be_between",
    ValuesNull: "expect_column_values_to_be_null",
    ValuesNotNull: "expect_column_values_to_not_be_null",
}


def expectation_type(check: Check) -> str:
    """The GX expectation type a check becomes: ``expect_column_values_to_be_in_set`` …"""
    return _TYPES[type(check)]


@dataclass(frozen=True)
class Rule:
    """One expectation and what its failure means. ``code`` may hold ``{status}`` (clause rules);
    the explanations are ``str.format`` templates over the finding's facts (``{value}``,
    ``{date}``, ``{max_hours}`` …)."""

    id: str
    code: str
    check: Check
    severity: Severity
    legal_ref: str
    title_fr: str
    title_en: str
    explain_fr: str
    explain_en: str
    clause_id: str | None = None  # a failure makes this clause non-compliant
    evidence_from: str | None = None  # the clause whose evidence backs a finding

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_fr


AS_OF = Param("as_of")


CLAUSE_RULE = "clause_present"


def clause_rule(catalogue: Catalogue) -> Rule:
    """The clause table's rule: every required clause is present and compliant. One expectation
    for all clauses; a failing row names its clause, whose catalogue entry gives the finding's
    legal basis, severity and wording."""
    return Rule(
        id=CLAUSE_RULE,
        code="{status}:{clause_id}",
        check=ValuesInSet("status", ("present",), When((("required", True),))),
        severity="critical",
        legal_ref=" ; ".join(catalogue.texts),
        title_fr="Clause obligatoire présente et conforme",
        title_en="Required clause present and compliant",
        explain_fr="",
        explain_en="",
    )


def clause_rules(catalogue: Catalogue) -> list[Rule]:
    return [clause_rule(catalogue)]


def _certificate_expiry_known(p: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "code": "unknown:hds_certificate_expiry",
        "check": ValuesNotNull("hds_certificate_expiry"),
        "evidence_from": "hds_certificate_scope",
        "severity": "medium",
        "title_fr": "Date d'expiration du certificat HDS connue",
        "title_en": "HDS certificate expiry date known",
        "explain_fr": (
            "La date de fin de validité du certificat HDS de l'hébergeur n'a pas été trouvée dans "
            "le document : impossible de vérifier qu'il est encore valable."
        ),
        "explain_en": (
            "The expiry date of the host's HDS certificate was not found in the document: there is "
            "no way to check that it is still valid."
        ),
    }


def _certificate_not_expired(p: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "code": "expired:hds_certificate",
        "check": ValuesBetween("hds_certificate_expiry", min_value=AS_OF),
        "evidence_from": "hds_certificate_scope",
        "severity": "critical",
        "title_fr": "Certificat HDS de l'hébergeur en cours de validité",
        "title_en": "Host's HDS certificate still valid",
        "explain_fr": (
            "Le certificat HDS de l'hébergeur a expiré le {date} : sans certificat valide, il n'a "
            "plus le droit d'héberger des données de santé. Demandez le certificat renouvelé."
        ),
        "explain_en": (
            "The host's HDS certificate expired on {date}: without a valid certificate it may no "
            "longer host health data. Ask for the renewed certificate."
        ),
    }


def _certificate_referential_current(p: Mapping[str, Any]) -> dict[str, Any]:
    outdated = tuple(str(v) for v in p.get("outdated", ("v1", "v1.0", "v1.1")))
    return {
        "code": "outdated_referential:hds_certificate",
        "check": ValuesNotInSet(
            "hds_referential", outdated, When(equals=(("v2_certificate_required", True),))
        ),
        "evidence_from": "hds_certificate_scope",
        "severity": "critical",
        "title_fr": "Certificat HDS délivré selon le référentiel v2",
        "title_en": "HDS certificate issued under the v2 referential",
        "explain_fr": (
            "Le certificat cité relève du référentiel HDS {value}, qui n'est plus accepté depuis "
            "le {required_from} : l'hébergeur doit être certifié selon le référentiel v2."
        ),
        "explain_en": (
            "The certificate cited is under HDS referential {value}, no longer accepted since "
            "{required_from}: the host must be certified under the v2 referential."
        ),
    }


def _subprocessors_certified(p: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "code": "subprocessor_not_hds_certified",
        "check": ValuesNull("subprocessors_not_certified"),
        "evidence_from": "subcontracting_external_providers",
        "severity": "high",
        "title_fr": "Sous-traitants hébergeant les données certifiés HDS",
        "title_en": "Sub-processors hosting the data are HDS-certified",
        "explain_fr": (
            "Un sous-traitant qui héberge les données de santé ou y accède n'est pas indiqué comme "
            "certifié HDS : {value}."
        ),
        "explain_en": (
            "A sub-processor that hosts or accesses the health data is not stated to be "
            "HDS-certified: {value}."
        ),
    }


def _storage_in_eea(p: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "code": "non_compliant:hosting_locations",
        "check": ValuesNull(
            "storage_outside_eea", When(equals=(("hosting_locations_stated", True),))
        ),
        "evidence_from": "hosting_locations",
        "severity": "critical",
        "clause_id": "hosting_locations",
        "title_fr": "Stockage des données exclusivement dans l'Espace économique européen",
        "title_en": "Data stored only inside the European Economic Area",
        "explain_fr": (
            "Les données sont stockées hors de l'Espace économique européen ({value}), ce que le "
            "référentiel HDS v2 interdit."
        ),
        "explain_en": (
            "The data is stored outside the European Economic Area ({value}), which the HDS v2 "
            "referential forbids."
        ),
    }


def _breach_notification_delay(p: Mapping[str, Any]) -> dict[str, Any]:
    hours = float(p.get("max_hours", BREACH_MAX_HOURS))
    return {
        "code": "non_compliant:breach_notification_to_controller",
        "check": ValuesBetween(
            "breach_notification_hours",
            max_value=hours,
            when=When(equals=(("breach_notification_stated", True),)),
        ),
        "evidence_from": "breach_notification_to_controller",
        "severity": "critical",
        "clause_id": "breach_notification_to_controller",
        "title_fr": "Délai de signalement des violations de données au plus {max_hours} heures",
        "title_en": "Breach notification delay of at most {max_hours} hours",
        "explain_fr": (
            "Le contrat laisse {value} heures à l'hébergeur pour vous signaler une violation de "
            "données : plus que les {max_hours} heures dont vous disposez pour la déclarer à la CNIL."
        ),
        "explain_en": (
            "The contract gives the host {value} hours to tell you about a data breach: more than "
            "the {max_hours} hours you have to report it to the CNIL."
        ),
    }


def _end_date_known(p: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "code": "unknown:end_date",
        "check": ValuesNotNull("end_date"),
        "severity": "medium",
        "title_fr": "Date de fin du contrat connue",
        "title_en": "Contract end date known",
        "explain_fr": (
            "La date de fin du contrat n'a pas été trouvée : impossible de calculer son échéance "
            "ni la date limite pour le dénoncer."
        ),
        "explain_en": (
            "The contract's end date was not found: its term and the last day to give notice "
            "cannot be computed."
        ),
    }


def _contract_not_expired(p: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "code": "expired:contract",
        "check": ValuesBetween(
            "term_end", min_value=AS_OF, when=When((("renews_tacitly", False),))
        ),
        "severity": "critical",
        "title_fr": "Contrat en cours (sans reconduction tacite)",
        "title_en": "Contract still running (no tacit renewal)",
        "explain_fr": (
            "Le contrat a pris fin le {date} et ne se renouvelle pas tacitement : les données sont "
            "peut-être hébergées sans contrat."
        ),
        "explain_en": (
            "The contract ended on {date} and does not renew tacitly: the data may be hosted "
            "without a contract."
        ),
    }


def _notice_period_known(p: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "code": "unknown:notice_period_days",
        "check": ValuesNotNull(
            "notice_period_days", When((("renews_tacitly", True),), not_null=("end_date",))
        ),
        "severity": "medium",
        "title_fr": "Délai de préavis connu pour un contrat à reconduction tacite",
        "title_en": "Notice period known for a tacitly renewed contract",
        "explain_fr": (
            "Le contrat se renouvelle tacitement mais son délai de préavis n'a pas été trouvé. "
            "{assumption}"
        ),
        "explain_en": (
            "The contract renews tacitly but its notice period was not found. {assumption}"
        ),
    }


def _renewal_term_known(p: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "code": "unknown:renewal_term_months",
        "check": ValuesNotNull(
            "renewal_term_months",
            When((("renews_tacitly", True), ("term_running", False)), not_null=("end_date",)),
        ),
        "severity": "medium",
        "title_fr": "Durée de reconduction connue une fois le terme passé",
        "title_en": "Renewal term known once the term has passed",
        "explain_fr": (
            "Le contrat a été reconduit tacitement après le {date}, mais la durée de reconduction "
            "n'a pas été trouvée : impossible de savoir jusqu'à quand il court."
        ),
        "explain_en": (
            "The contract renewed tacitly after {date}, but its renewal term was not found: "
            "there is no way to know until when it runs."
        ),
    }


def _notice_deadline_not_passed(p: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "code": "notice_deadline_passed",
        "check": ValuesBetween(
            "notice_deadline",
            min_value=AS_OF,
            when=When((("renews_tacitly", True), ("term_running", True))),
        ),
        "severity": "high",
        "title_fr": "Date limite de préavis non dépassée",
        "title_en": "Notice deadline not passed",
        "explain_fr": (
            "La date limite pour dénoncer le contrat ({date}) est passée : il sera reconduit "
            "jusqu'au {end} au moins."
        ),
        "explain_en": (
            "The last day to give notice ({date}) has passed: the contract will run until {end} "
            "at least."
        ),
    }


def _host_listed(p: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "code": "not_listed:hds_host",
        "check": ValuesInSet("host_in_ans_list", (True,)),
        "evidence_from": "hds_certificate_scope",
        "severity": "high",
        "title_fr": "Hébergeur présent dans la liste des hébergeurs certifiés de l'ANS",
        "title_en": "Host found in the ANS list of certified hosts",
        "explain_fr": (
            "L'hébergeur « {host} » ne figure pas dans la liste des hébergeurs certifiés HDS "
            "publiée par l'ANS (liste importée : {list_source}). Vérifiez son nom et son certificat."
        ),
        "explain_en": (
            "The host \u201c{host}\u201d is not in the ANS list of HDS-certified hosts (list "
            "imported: {list_source}). Check its name and its certificate."
        ),
    }


def _certificate_dates_match_list(p: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "code": "dates_differ:hds_certificate",
        "check": ValuesBetween("certificate_dates_gap_days", max_value=0.0),
        "evidence_from": "hds_certificate_scope",
        "severity": "medium",
        "title_fr": "Dates du certificat identiques dans le contrat et dans la liste de l'ANS",
        "title_en": "Certificate dates equal in the contract and in the ANS list",
        "explain_fr": (
            "Le contrat donne au certificat HDS une fin de validité au {date}, la liste de l'ANS "
            "au {list_expiry} : le certificat annexé n'est peut-être plus le bon."
        ),
        "explain_en": (
            "The contract gives the HDS certificate an expiry of {date}, the ANS list {list_expiry}: "
            "the certificate attached may be out of date."
        ),
    }


def _activities_covered_by_list(p: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "code": "activities_narrower:hds_certificate",
        "check": ValuesNull("activities_not_in_ans_list"),
        "evidence_from": "hds_certificate_scope",
        "severity": "high",
        "title_fr": "Activités du contrat couvertes par le certificat de l'hébergeur",
        "title_en": "Contract activities covered by the host's certificate",
        "explain_fr": (
            "Le contrat porte sur des activités d'hébergement ({value}) que le certificat de "
            "l'hébergeur ne couvre pas d'après la liste de l'ANS."
        ),
        "explain_en": (
            "The contract covers hosting activities ({value}) that the host's certificate does not "
            "cover according to the ANS list."
        ),
    }


_BUILDERS = {
    "certificate_expiry_known": _certificate_expiry_known,
    "certificate_not_expired": _certificate_not_expired,
    "certificate_referential_current": _certificate_referential_current,
    "subprocessors_certified": _subprocessors_certified,
    "host_listed": _host_listed,
    "certificate_dates_match_list": _certificate_dates_match_list,
    "activities_covered_by_list": _activities_covered_by_list,
    "storage_in_eea": _storage_in_eea,
    "breach_notification_delay": _breach_notification_delay,
    "end_date_known": _end_date_known,
    "contract_not_expired": _contract_not_expired,
    "notice_period_known": _notice_period_known,
    "renewal_term_known": _renewal_term_known,
    "notice_deadline_not_passed": _notice_deadline_not_passed,
}
#: Every contract-level rule a catalogue may name, in suite (and alert) order.
CONTRACT_RULE_IDS: tuple[str, ...] = tuple(_BUILDERS)


def _params_text(params: Mapping[str, Any]) -> dict[str, str]:
    out = {}
    for key, value in params.items():
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, date):
            value = value.isoformat()
        out[key] = str(value)
    return out


def contract_rules(catalogue: Catalogue) -> list[Rule]:
    """The contract-level rules of a catalogue version, in :data:`CONTRACT_RULE_IDS` order.
    Raises KeyError for a rule id the code does not know."""
    return list(_contract_rules(catalogue.name))


@cache
def _contract_rules(name: str) -> tuple[Rule, ...]:
    catalogue = load_catalogue(name)
    unknown = sorted(set(catalogue.rules) - set(_BUILDERS))
    if unknown:
        raise KeyError(f"{catalogue.name}: unknown rule {unknown[0]!r}")
    rules = []
    for rule_id in CONTRACT_RULE_IDS:
        if rule_id not in catalogue.rules:
            continue
        params = catalogue.rules[rule_id]
        spec = _BUILDERS[rule_id](params)
        fields = _params_text(params)
        for key in ("title_fr", "title_en"):
            spec[key] = spec[key].format_map(_Keep(fields))
        rules.append(Rule(id=rule_id, legal_ref=str(params.get("legal_ref", "")), **spec))
    return tuple(rules)


class _Keep(dict[str, str]):
    """``format_map`` helper: a field not given stays as it is (``{value}``)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
