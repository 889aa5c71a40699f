"""The words of the e-mails, French first and English available: alert codes, severities, labels.

In: an alert code of the analysis report (see the report's "Alert codes" table) and a language,
``"fr"`` or ``"en"``. Out: a sentence a reader understands without knowing the code.

>>> describe("expiring_30d:hds_certificate", "fr")
'Le certificat HDS de l’hébergeur expire dans les 30 jours'
>>> describe("missing:reversibility", "en", title="Reversibility")
'Missing clause: Reversibility'
>>> describe("unknown:hds_certificate_expiry", "fr")
'Information introuvable dans le document\\xa0: date d’expiration du certificat HDS'

French labels follow French typography: a no-break space (U+00A0) before ``:`` and inside
« guillemets ». A code this module does not know is returned as it is, never dropped.
"""

from __future__ import annotations

import re
from typing import Final, Literal

__all__ = ["LANGS", "SEVERITIES", "count", "count_alerts", "describe", "labels", "severity_label"]

Lang = Literal["fr", "en"]
LANGS: Final = ("fr", "en")
SEVERITIES: Final = ("critical", "high", "medium", "info")
"""Most urgent first: the order of every list in the e-mails."""

_SEVERITY: Final[dict[str, dict[str, str]]] = {
    "fr": {"critical": "Critique", "high": "Élevée", "medium": "Moyenne", "info": "Information"},
    "en": {"critical": "Critical", "high": "High", "medium": "Medium", "info": "Information"},
}

# The things an alert code may name after its colon, other than a clause id.
_SUBJECT: Final[dict[str, dict[str, str]]] = {
    "fr": {
        "hds_certificate": "certificat HDS de l’hébergeur",
        "contract": "contrat",
        "signature_date": "date de signature",
        "effective_date": "date d’entrée en vigueur",
        "end_date": "date de fin du contrat",
        "initial_term_months": "durée initiale du contrat",
        "tacit_renewal": "reconduction tacite",
        "renewal_term_months": "durée de reconduction",
        "notice_period_days": "délai de préavis",
        "notice_deadline": "date limite de préavis",
        "hds_certificate_expiry": "date d’expiration du certificat HDS",
        "breach_notification_hours": "délai de notification des violations de données",
        "storage_countries": "pays de stockage des données",
    },
    "en": {
        "hds_certificate": "host’s HDS certificate",
        "contract": "contract",
        "signature_date": "signature date",
        "effective_date": "effective date",
        "end_date": "contract end date",
        "initial_term_months": "initial term of the contract",
        "tacit_renewal": "tacit renewal",
        "renewal_term_months": "renewal term",
        "notice_period_days": "notice period",
        "notice_deadline": "notice deadline",
        "hds_certificate_expiry": "HDS certificate expiry date",
        "breach_notification_hours": "breach notification delay",
        "storage_countries": "data storage countries",
    },
}

# Sentences by code family; {x} is the subject or clause, {n} the window in days.
_FAMILY: Final[dict[str, dict[str, str]]] = {
    "fr": {
        "missing": "Clause manquante\u00a0: {x}",
        "non_compliant": "Clause non conforme\u00a0: {x}",
        "expired:hds_certificate": "Le certificat HDS de l’hébergeur a expiré",
        "expired:contract": "Le contrat est arrivé à son terme (pas de reconduction tacite)",
        "expired": "Date dépassée\u00a0: {x}",
        "expiring:hds_certificate": "Le certificat HDS de l’hébergeur expire dans les {n} jours",
        "expiring:contract": (
            "Le contrat arrive à son terme dans les {n} jours (pas de reconduction tacite)"
        ),
        "expiring": "Échéance dans les {n} jours\u00a0: {x}",
        "notice_deadline_within": (
            "Date limite de préavis dans les {n} jours\u00a0: sans dénonciation, "
            "le contrat sera reconduit tacitement"
        ),
        "notice_deadline_passed": (
            "Date limite de préavis dépassée\u00a0: le contrat sera reconduit tacitement "
            "pour une nouvelle période"
        ),
        "outdated_referential:hds_certificate": (
            "Le certificat HDS cité relève d’un référentiel qui n’est plus accepté "
            "(v1.x après le 16 mai 2026)"
        ),
        "outdated_referential": "Référentiel qui n’est plus accepté\u00a0: {x}",
        "subprocessor_not_hds_certified": (
            "Un sous-traitant qui héberge les données de santé ou y accède "
            "n’est pas déclaré certifié HDS"
        ),
        "not_listed:hds_host": (
            "L’hébergeur ne figure pas dans la liste des hébergeurs certifiés HDS publiée par l’ANS"
        ),
        "dates_differ:hds_certificate": (
            "Les dates du certificat HDS diffèrent entre le contrat et la liste de l’ANS"
        ),
        "activities_narrower:hds_certificate": (
            "Le certificat HDS de l’hébergeur ne couvre pas toutes les activités du contrat "
            "(liste de l’ANS)"
        ),
        "unknown": "Information introuvable dans le document\u00a0: {x}",
    },
    "en": {
        "missing": "Missing clause: {x}",
        "non_compliant": "Non-compliant clause: {x}",
        "expired:hds_certificate": "The host’s HDS certificate has expired",
        "expired:contract": "The contract term has ended (no tacit renewal)",
        "expired": "Date passed: {x}",
        "expiring:hds_certificate": "The host’s HDS certificate expires within {n} days",
        "expiring:contract": "The contract term ends within {n} days (no tacit renewal)",
        "expiring": "Due within {n} days: {x}",
        "notice_deadline_within": (
            "Notice deadline within {n} days: without notice, the contract renews tacitly"
        ),
        "notice_deadline_passed": (
            "Notice deadline passed: the contract will renew tacitly for a new term"
        ),
        "outdated_referential:hds_certificate": (
            "The HDS certificate cited is under a referential no longer accepted "
            "(v1.x after 16 May 2026)"
        ),
        "outdated_referential": "Referential no longer accepted: {x}",
        "subprocessor_not_hds_certified": (
            "A sub-processor that hosts or accesses health data is not stated to be HDS-certified"
        ),
        "not_listed:hds_host": "The host is not in the ANS list of HDS-certified hosts",
        "dates_differ:hds_certificate": (
            "The HDS certificate dates differ between the contract and the ANS list"
        ),
        "activities_narrower:hds_certificate": (
            "The host’s HDS certificate does not cover every activity of the contract (ANS list)"
        ),
        "unknown": "Information not found in the document: {x}",
    },
}

_WINDOWED: Final = re.compile(r"^(?P<family>expiring|notice_deadline_within)_(?P<n>\d+)d$")

_LABELS: Final[dict[str, dict[str, str]]] = {
    "fr": {
        "greeting": "Bonjour,",
        "contract": "Contrat\u00a0:",
        "establishment": "Établissement\u00a0:",
        "host": "Hébergeur\u00a0:",
        "legal_ref": "Base légale\u00a0:",
        "why": "Motif\u00a0:",
        "due": "Échéance\u00a0:",
        "evidence": "Preuve\u00a0:",
        "page": "page {n}",
        "no_clause": "aucune clause trouvée dans le document",
        "open_quote": "«\u00a0",
        "close_quote": "\u00a0»",
        "review": "Vérifier dans hdswatch",
        "today": "aujourd’hui",
        "tomorrow": "demain",
        "yesterday": "hier",
        "in_days": "dans {n} jours",
        "days_ago": "il y a {n} jours",
        "alert_subject_clause": "Clause manquante ou non conforme",
        "alert_subject_date": "Échéance à traiter",
        "alert_subject_other": "Point à vérifier",
        "alert_intro": (
            "Le contrat {contract} de l’établissement {establishment} vient d’être analysé."
        ),
        "alert_count": "{count} à traiter\u00a0:",
        "digest_title": "Synthèse du {date}",
        "digest_intro": "Au {date}\u00a0: {alerts} sur {contracts}.",
        "digest_empty": "Rien à signaler au {date}.",
        "nothing": "rien à signaler",
        "scope": "Établissements\u00a0: {names}.",
        "more": (
            "Autres alertes, moins urgentes, non détaillées ici\u00a0: {n}. "
            "Toutes sont dans le registre (hdswatch export xlsx)."
        ),
        "register": "Ouvrir le registre",
        "footer": (
            "Message automatique envoyé par hdswatch, qui surveille les contrats "
            "d’hébergement de données de santé. Merci de ne pas y répondre."
        ),
    },
    "en": {
        "greeting": "Hello,",
        "contract": "Contract:",
        "establishment": "Establishment:",
        "host": "Host:",
        "legal_ref": "Legal basis:",
        "why": "Reason:",
        "due": "Due:",
        "evidence": "Evidence:",
        "page": "page {n}",
        "no_clause": "no such clause found in the document",
        "open_quote": "“",
        "close_quote": "”",
        "review": "Review in hdswatch",
        "today": "today",
        "tomorrow": "tomorrow",
        "yesterday": "yesterday",
        "in_days": "in {n} days",
        "days_ago": "{n} days ago",
        "alert_subject_clause": "Missing or non-compliant clause",
        "alert_subject_date": "Deadline to act on",
        "alert_subject_other": "Item to check",
        "alert_intro": (
            "Contract {contract} of establishment {establishment} has just been analysed."
        ),
        "alert_count": "{count} to act on:",
        "digest_title": "Digest for {date}",
        "digest_intro": "As of {date}: {alerts} across {contracts}.",
        "digest_empty": "Nothing to report as of {date}.",
        "nothing": "nothing to report",
        "scope": "Establishments: {names}.",
        "more": (
            "Other alerts, less urgent, not detailed here: {n}. "
            "All of them are in the register (hdswatch export xlsx)."
        ),
        "register": "Open the register",
        "footer": (
            "Automatic message sent by hdswatch, which watches health-data hosting contracts. "
            "Please do not reply."
        ),
    },
}

_NOUNS: Final[dict[str, dict[str, tuple[str, str]]]] = {
    "fr": {
        "alert": ("alerte", "alertes"),
        "contract": ("contrat", "contrats"),
        "critical": ("critique", "critiques"),
    },
    "en": {
        "alert": ("alert", "alerts"),
        "contract": ("contract", "contracts"),
        "critical": ("critical", "critical"),
    },
}


def _check(lang: str) -> Lang:
    if lang not in LANGS:
        raise ValueError(f"langue inconnue / unknown language: {lang!r} (fr | en)")
    return lang  # type: ignore[return-value]


def describe(code: str, lang: str = "fr", *, title: str | None = None) -> str:
    """Say an alert code in words. ``title`` names the clause of a ``missing:`` or
    ``non_compliant:`` code (the clause id is used without it)."""
    words = _FAMILY[_check(lang)]
    family, _, target = code.partition(":")
    n = ""
    if window := _WINDOWED.match(family):
        family, n = window["family"], window["n"]
    if f"{family}:{target}" in words:
        return words[f"{family}:{target}"].format(n=n)
    sentence = words.get(family)
    if sentence is None or bool(target) != ("{x}" in sentence):
        return code
    if family in ("missing", "non_compliant"):
        subject = title or target
    else:
        subject = _SUBJECT[lang].get(target, target.replace("_", " "))
    return sentence.format(x=subject, n=n)


def severity_label(severity: str, lang: str = "fr") -> str:
    """``"critical"`` → ``"Critique"`` / ``"Critical"``."""
    return _SEVERITY[_check(lang)][severity]


def labels(lang: str = "fr") -> dict[str, str]:
    """The fixed words of the templates (a copy: callers may not change the originals)."""
    return dict(_LABELS[_check(lang)])


def count(n: int, noun: str, lang: str = "fr") -> str:
    """``count(3, "alert", "fr")`` → ``"3 alertes"``."""
    one, many = _NOUNS[_check(lang)][noun]
    return f"{n} {one if n == 1 else many}"


def count_alerts(n: int, critical: int, lang: str = "fr") -> str:
    """``count_alerts(3, 1, "fr")`` → ``"3 alertes, dont 1 critique"``;
    in English ``"3 alerts, 1 critical"``."""
    text = count(n, "alert", lang)
    if critical:
        joiner = ", dont " if lang == "fr" else ", "
        text += joiner + count(critical, "critical", lang)
    return text
