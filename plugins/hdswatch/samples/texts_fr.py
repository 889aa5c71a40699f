"""French wording of the synthetic HDS hosting contracts.

In: a :class:`~hdswatch.samples.spec.ContractSpec`. Out: the values written in French
(:func:`context`: dates « 1er janvier 2025 » or « 01/01/2025 », durations « trois (3) ans »,
countries, parties) and the text data that ``render`` assembles: 2–3 wordings per clause id
(``CLAUSES``), the wordings that break the rule (``NON_COMPLIANT``), neutral articles (``FILLERS``),
preamble, term article, signatures, annex tables and amendment. Bodies are ``str.format`` templates
over the context; one line per paragraph, lines starting with « – » are list items.

>>> quantity(90, "days"), quantity(3, "months"), long_date(date(2025, 1, 1))
('quatre-vingt-dix (90) jours', 'trois (3) mois', '1er janvier 2025')
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hdswatch.samples.spec import ContractSpec

Variant = tuple[str, str]

_UNITS = (
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
)
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}
_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_UNIT_WORDS = {
    "days": ("jour", "jours"),
    "months": ("mois", "mois"),
    "years": ("an", "ans"),
    "hours": ("heure", "heures"),
}


def number_words(n: int) -> str:
    """0–999 in French words, traditional spelling: 90 → « quatre-vingt-dix »."""
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        head = "cent" if hundreds == 1 else f"{_UNITS[hundreds]} cent" + ("" if rest else "s")
        return head if not rest else f"{head} {number_words(rest)}"
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):
        base = "soixante" if tens == 7 else "quatre-vingt"
        return "soixante et onze" if n == 71 else f"{base}-{_UNITS[10 + unit]}"
    if tens == 8:
        return "quatre-vingts" if unit == 0 else f"quatre-vingt-{_UNITS[unit]}"
    if unit == 0:
        return _TENS[tens]
    return f"{_TENS[tens]} et un" if unit == 1 else f"{_TENS[tens]}-{_UNITS[unit]}"


def quantity(n: int, unit: str) -> str:
    """« trois (3) mois »; ``unit`` is days, months, years or hours."""
    one, many = _UNIT_WORDS[unit]
    return f"{number_words(n)} ({n}) {one if n == 1 else many}"


def long_date(d: date) -> str:
    return f"{'1er' if d.day == 1 else d.day} {_MONTHS[d.month - 1]} {d.year}"


def numeric_date(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def polish(text: str) -> str:
    """French typography: « de un » → « d’un », no-break space before ; : % » and after «."""
    text = text.replace(" de un (", " d’un (").replace(" de une (", " d’une (")
    for plain, fixed in (
        (" ;", "\xa0;"),
        (" :", "\xa0:"),
        (" %", "\xa0%"),
        (" »", "\xa0»"),
        ("« ", "«\xa0"),
    ):
        text = text.replace(plain, fixed)
    return text


def join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


COUNTRY_NAMES = {
    "FR": "France",
    "DE": "Allemagne",
    "NL": "Pays-Bas",
    "BE": "Belgique",
    "IE": "Irlande",
    "ES": "Espagne",
    "IT": "Italie",
    "LU": "Luxembourg",
    "AT": "Autriche",
    "PL": "Pologne",
    "SE": "Suède",
    "FI": "Finlande",
    "US": "États-Unis",
    "GB": "Royaume-Uni",
    "CH": "Suisse",
    "MA": "Maroc",
    "IN": "Inde",
    "CA": "Canada",
}
CITIES = {
    "FR": "Saint-Denis",
    "DE": "Francfort-sur-le-Main",
    "NL": "Amsterdam",
    "BE": "Bruxelles",
    "IE": "Dublin",
    "ES": "Madrid",
    "IT": "Milan",
    "LU": "Bettembourg",
    "AT": "Vienne",
    "PL": "Varsovie",
    "SE": "Stockholm",
    "FI": "Helsinki",
    "US": "Ashburn",
    "GB": "Slough",
    "CH": "Zurich",
    "MA": "Rabat",
    "IN": "Pune",
    "CA": "Montréal",
}
OPERATORS = {
    "FR": "Hexadata Infrastructures SAS",
    "DE": "Mainhafen Rechenzentrum GmbH",
    "NL": "Polder Colocation B.V.",
    "BE": "Brabant Datacenter SRL",
    "IE": "Liffey Colo Ltd",
    "ES": "Meseta Datacentro S.L.",
    "IT": "Navigli Data S.r.l.",
    "LU": "Minett Hosting S.A.",
    "US": "Blue Ridge Colocation Inc.",
    "GB": "Thames Colo Ltd",
}

HEADER = "Confidentiel — {host}"
TITLE = "CONTRAT D’HÉBERGEMENT DE DONNÉES DE SANTÉ À CARACTÈRE PERSONNEL"
CONTENTS = "SOMMAIRE"
ARTICLE = "Article"
ANNEX = "Annexe"

_HOST_PEOPLE = (
    ("Mme Claire Vasseur", "Présidente"),
    ("M. Olivier Ferrand", "Directeur général"),
    ("Mme Sophie Kermarrec", "Directrice générale déléguée"),
)
_CLIENT_PEOPLE = (
    ("M. Laurent Dufresne", "Directeur"),
    ("Mme Hélène Roussel", "Directrice générale"),
    ("M. Patrick Lemoine", "Directeur d’établissement"),
)
_CONTACTS = (
    ("M. Julien Marchand", "responsable de la sécurité des systèmes d’information (RSSI)"),
    ("Mme Nadia Benali", "directrice des systèmes d’information"),
    ("M. Thomas Girard", "responsable des infrastructures informatiques"),
)
_ADDRESSES = (
    "14 rue de la Roquette, 75011 Paris",
    "27 quai Perrache, 69002 Lyon",
    "5 allée de Brienne, 31000 Toulouse",
)
_CLIENT_ADDRESSES = (
    "12 avenue du Général Leclerc, 37000 Tours",
    "3 rue des Tanneurs, 61000 Alençon",
    "40 boulevard Carnot, 21000 Dijon",
)
_FORMS = {
    "SAS": "société par actions simplifiée",
    "SA": "société anonyme",
    "SARL": "société à responsabilité limitée",
}


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.split()[0].lower() if ch.isalnum())


def _duration(months: int, style: str) -> str:
    if style == "digits":
        return f"{months} mois"
    years = months % 12 == 0 and months >= 24
    return quantity(months // 12, "years") if years else quantity(months, "months")


def context(spec: ContractSpec) -> dict[str, str]:
    """Every value a template may use, written in French."""
    from hdswatch.samples.spec import EEA, add_months

    turn = iter(range(100))
    style = spec.layout.date_style

    def day(d: date) -> str:
        numeric = style == "numeric" or (style == "mixed" and next(turn) % 2 == 1)
        return numeric_date(d) if numeric else long_date(d)

    seed = spec.style_seed
    host_person, client_person = _HOST_PEOPLE[seed % 3], _CLIENT_PEOPLE[(seed + 1) % 3]
    contact = _CONTACTS[seed % 3]
    public = spec.client.lower().startswith(("centre hospitalier", "chu", "groupement"))
    hours = spec.breach_hours
    outside = [c for c in spec.storage_countries if c not in EEA]
    domain = f"{_slug(spec.client)}-{spec.establishment.lower()}.example"
    initial_end = add_months(spec.effective_date, spec.term_months).toordinal() - 1
    notice = (spec.notice_amount, spec.notice_unit)
    qpi = "quality_performance_indicators" not in spec.omit
    return {
        "host": spec.host,
        "client": spec.client,
        "est": spec.establishment,
        "ref": f"{spec.establishment}-HDS-{spec.signature_date.year}-{17 + seed * 7:03d}",
        "signature_date": day(spec.signature_date),
        "effective_date": day(spec.effective_date),
        "initial_end": day(date.fromordinal(initial_end)),
        "term": _duration(spec.term_months, spec.layout.duration_style),
        "renewal": _duration(spec.renewal_term_months or 12, spec.layout.duration_style),
        "notice": quantity(notice[0], notice[1]) if notice[0] and notice[1] else "",
        "cert_number": spec.certificate_number,
        "certifier": spec.certifier,
        "cert_issue": day(spec.certificate_issue),
        "cert_expiry": day(spec.certificate_expiry),
        "referential": "référentiel HDS v2.0 publié le 16 mai 2024"
        if spec.referential == "v2"
        else "référentiel de certification HDS v1.1 de mai 2018",
        "countries": join([COUNTRY_NAMES[c] for c in spec.storage_countries]),
        "datacentres": join([f"{CITIES[c]} ({COUNTRY_NAMES[c]})" for c in spec.storage_countries]),
        "breach": quantity(hours // 24, "days") if hours > 72 else quantity(hours, "hours"),
        "access_country": "Maroc",
        "non_eea_countries": join([COUNTRY_NAMES[c] for c in outside] or ["—"]),
        "contact_name": contact[0],
        "contact_role": contact[1],
        "contact_email": f"referent.hds@{domain}",
        "contact_phone": f"02 47 {seed % 90 + 10:02d} 31 {spec.term_months % 90 + 10:02d}",
        "dpo_email": f"dpo@{domain}",
        "url": f"https://www.{_slug(spec.host)}.example/hds/garanties",
        "fee": f"{4 + seed % 5} {250 + seed * 35 % 700:03d}",
        "sla_annex": "l’Annexe 1",
        "subproc_annex": "l’Annexe 2" if qpi else "l’Annexe 1",
        "host_form": _FORMS.get(spec.host.split()[-1], "société"),
        "capital": f"{150 + seed * 50 % 400} 000",
        "rcs": f"{812 + seed % 100} {345 + seed % 600:03d} {678 - seed % 500:03d}",
        "host_address": _ADDRESSES[seed % 3],
        "host_signatory": host_person[0],
        "host_role": host_person[1],
        "client_desc": "établissement public de santé"
        if public
        else "établissement de santé privé",
        "client_address": _CLIENT_ADDRESSES[seed % 3],
        "finess": f"{37 + seed % 60:02d}0{780 + seed % 200:03d}{seed % 900 + 100:03d}",
        "client_signatory": client_person[0],
        "client_role": client_person[1],
        "city": "Paris",
    }


PREAMBLE: tuple[tuple[str, str], ...] = (
    ("center", "Référence du contrat : {ref}"),
    ("caps", "ENTRE LES SOUSSIGNÉS :"),
    (
        "para",
        "{host}, {host_form} au capital de {capital} euros, immatriculée au registre du "
        "commerce "
        "et des sociétés de Paris sous le numéro {rcs}, dont le siège social est situé "
        "{host_address}, représentée par {host_signatory}, en sa qualité de {host_role}, "
        "dûment habilité(e) aux fins des présentes,",
    ),
    ("para", "ci-après dénommée « l’Hébergeur »,"),
    ("right", "D’UNE PART,"),
    ("caps", "ET"),
    (
        "para",
        "{client}, {client_desc} (FINESS n° {finess}), dont le siège est situé "
        "{client_address}, représenté(e) par {client_signatory}, en sa qualité de "
        "{client_role},",
    ),
    ("para", "ci-après dénommé(e) « le Client »,"),
    ("right", "D’AUTRE PART,"),
    ("para", "ci-après désignés ensemble les « Parties » et individuellement une « Partie »."),
    ("caps", "PRÉAMBULE"),
    (
        "para",
        "Le Client exerce une activité de prévention, de diagnostic et de soins au cours de "
        "laquelle il recueille et produit des données de santé à caractère personnel. Il "
        "souhaite confier l’hébergement de ces données à un prestataire disposant de la "
        "certification prévue à l’article L. 1111-8 du code de la santé publique.",
    ),
    (
        "para",
        "L’Hébergeur est un prestataire spécialisé dans l’hébergement et l’infogérance de "
        "systèmes d’information de santé. Après une phase de consultation, le Client a retenu "
        "l’offre de l’Hébergeur.",
    ),
    ("caps", "IL A ÉTÉ CONVENU CE QUI SUIT :"),
)

TERM_TACIT: tuple[Variant, ...] = (
    (
        "Durée",
        "Le présent contrat entre en vigueur le {effective_date} pour une durée initiale de "
        "{term}. À l’issue de cette période initiale, il est reconduit tacitement par périodes "
        "successives de {renewal}, sauf dénonciation par l’une ou l’autre des Parties par lettre "
        "recommandée avec accusé de réception adressée au moins {notice} avant l’échéance de la "
        "période en cours.",
    ),
    (
        "Durée du contrat – Reconduction",
        "Le Contrat prend effet à compter du {effective_date}. Il "
        "est "
        "conclu pour une période ferme de {term}, soit jusqu’au {initial_end} inclus.\n"
        "Il se renouvelle ensuite par tacite reconduction pour des périodes de {renewal} chacune. "
        "Chaque Partie peut s’opposer à sa reconduction en notifiant sa décision à l’autre Partie, "
        "par "
        "lettre recommandée avec demande d’avis de réception, en respectant un préavis de {notice} "
        "avant la date d’échéance.",
    ),
)

TERM_FIXED: tuple[Variant, ...] = (
    (
        "Durée",
        "Le présent contrat prend effet le {effective_date} et est conclu pour une durée "
        "déterminée de {term}. Il prend fin de plein droit à son échéance, sans reconduction tacite. "
        "Son renouvellement éventuel fera l’objet d’un nouvel accord écrit entre les Parties.",
    ),
    (
        "Durée et entrée en vigueur",
        "Le Contrat entre en vigueur le {effective_date} pour une durée "
        "ferme de {term}, soit jusqu’au {initial_end}. Il ne fera l’objet d’aucune reconduction "
        "tacite. Les Parties se rencontreront au plus tard six (6) mois avant son terme pour examiner "
        "les conditions d’une éventuelle nouvelle contractualisation.",
    ),
)

GROUPS: dict[str, tuple[str, ...]] = {
    "security": ("Sécurité et gestion des accès", "Sécurité des données hébergées"),
    "data_protection": (
        "Protection des données à caractère personnel",
        "Obligations au titre du RGPD",
    ),
    "transfers": ("Transferts hors de l’Union européenne", "Transferts internationaux"),
}

CLAUSES: dict[str, tuple[Variant, ...]] = {
    "hds_certificate_scope": (
        (
            "Certification HDS",
            "L’Hébergeur est titulaire du certificat de conformité n° "
            "{cert_number} "
            "délivré le {cert_issue} par {certifier}, organisme certificateur accrédité par le "
            "COFRAC, "
            "au titre du {referential}. Ce certificat est valable jusqu’au {cert_expiry}.\n"
            "Le périmètre du certificat couvre les activités 1 à 6 de l’article R. 1111-9 du code de "
            "la "
            "santé publique : mise à disposition et maintien en condition opérationnelle des sites "
            "physiques, de l’infrastructure matérielle, de l’infrastructure virtuelle et de la "
            "plateforme d’hébergement d’applications, administration et exploitation du système "
            "d’information, et sauvegarde externalisée des données de santé.\n"
            "L’Hébergeur s’engage à maintenir sa certification pendant toute la durée du Contrat et à "
            "informer sans délai le Client de toute suspension ou de tout retrait de celle-ci.",
        ),
        (
            "Certificat de conformité – Périmètre",
            "L’Hébergeur déclare être certifié hébergeur de "
            "données de santé. Les caractéristiques de son certificat sont les suivantes :\n"
            "– numéro du certificat : {cert_number} ;\n– organisme certificateur : {certifier} ;\n"
            "– date de délivrance : {cert_issue} ;\n– date de renouvellement (fin de validité) : "
            "{cert_expiry} ;\n– référentiel : {referential} ;\n– activités certifiées : activités 1 à "
            "6 "
            "de l’article R. 1111-9 du code de la santé publique.\n"
            "L’Hébergeur communique au Client le certificat renouvelé dès sa délivrance ainsi que les "
            "conclusions de chaque audit de surveillance annuel.",
        ),
        (
            "Hébergeur de données de santé certifié",
            "L’Hébergeur certifie être titulaire, à la date "
            "de "
            "signature, d’un certificat de conformité « hébergeur de données de santé » portant le "
            "numéro "
            "{cert_number}, délivré le {cert_issue} par {certifier} selon le {referential}. Ce "
            "certificat, dont la date de renouvellement est fixée au {cert_expiry}, couvre l’ensemble "
            "des activités d’hébergement mentionnées à l’article R. 1111-9 du code de la santé "
            "publique. "
            "L’Hébergeur en demande le renouvellement avant son échéance et transmet au Client le "
            "nouveau certificat.",
        ),
    ),
    "service_description": (
        (
            "Description des prestations",
            "L’Hébergeur fournit au Client une prestation "
            "d’hébergement "
            "d’infrastructure et d’infogérance de l’application de dossier patient informatisé du "
            "Client, comprenant la mise à disposition de serveurs virtuels dédiés, le stockage des "
            "Données de santé, leur sauvegarde quotidienne et l’exploitation de la plateforme.\n"
            "Les prestations sont réalisées de manière à garantir la disponibilité, l’intégrité, la "
            "confidentialité et l’auditabilité des Données de santé hébergées. Le détail des services "
            "et des résultats attendus figure dans la convention de services remise au Client.",
        ),
        (
            "Périmètre des services",
            "Les services objet du Contrat comprennent :\n"
            "– l’hébergement physique des serveurs du Client dans des salles sécurisées ;\n"
            "– la mise à disposition d’une infrastructure virtuelle dédiée et son maintien en "
            "condition "
            "opérationnelle ;\n– la sauvegarde externalisée des Données de santé, avec une rétention "
            "de "
            "trente (30) jours ;\n– la supervision des services vingt-quatre heures sur "
            "vingt-quatre.\n"
            "Ces services visent à assurer la disponibilité, l’intégrité, la confidentialité et "
            "l’auditabilité des données hébergées, selon les résultats attendus définis au Contrat.",
        ),
    ),
    "hosting_locations": (
        (
            "Lieux d’hébergement",
            "Les Données de santé sont hébergées exclusivement dans les "
            "centres de "
            "données suivants : {datacentres}. Ces sites sont situés sur le territoire d’États "
            "membres "
            "de l’Union européenne ou parties à l’accord sur l’Espace économique européen (EEE).\n"
            "Aucune donnée de santé n’est stockée en dehors de l’EEE, y compris au titre des "
            "sauvegardes. Tout changement de lieu d’hébergement est notifié préalablement et par "
            "écrit "
            "au Client.",
        ),
        (
            "Localisation des données",
            "L’Hébergeur s’engage à stocker les Données de santé, ainsi "
            "que "
            "leurs sauvegardes, uniquement au sein de l’Espace économique européen. À la date de "
            "signature, les données sont localisées dans les centres de données de {datacentres}. "
            "L’Hébergeur tient à jour la liste des lieux d’hébergement et la communique au Client à "
            "première demande.",
        ),
        (
            "Souveraineté et localisation des centres de données",
            "Pays de stockage des Données de "
            "santé : {countries}. Les centres de données utilisés sont situés à {datacentres}. "
            "L’Hébergeur garantit que le stockage des données de santé, production et sauvegardes "
            "comprises, demeure exclusivement au sein de l’Espace économique européen pendant toute "
            "la "
            "durée du Contrat.",
        ),
    ),
    "data_subject_rights": (
        (
            "Droits des personnes concernées",
            "L’Hébergeur assiste le Client, par des mesures "
            "techniques "
            "et organisationnelles appropriées, pour lui permettre de répondre aux demandes "
            "d’exercice "
            "des droits des personnes concernées : droit d’accès, de rectification, d’effacement, de "
            "limitation, d’opposition et de portabilité.\n"
            "Lorsqu’une personne concernée adresse directement une demande à l’Hébergeur, celui-ci la "
            "transmet au Client dans un délai de cinq (5) jours ouvrés. Pour l’exercice du droit à la "
            "portabilité, l’Hébergeur fournit au Client, sous dix (10) jours ouvrés, une extraction "
            "des "
            "données concernées dans un format structuré et lisible par machine.",
        ),
        (
            "Exercice des droits et portabilité",
            "Le Client demeure l’interlocuteur des patients "
            "pour "
            "l’exercice de leurs droits. L’Hébergeur met à sa disposition les fonctions permettant "
            "l’accès, la rectification, l’effacement et la limitation du traitement des données "
            "hébergées. Les modalités d’exercice du droit à la portabilité sont les suivantes : sur "
            "demande écrite du Client, l’Hébergeur produit un export des données de la personne "
            "concernée aux formats CSV ou JSON dans un délai de quinze (15) jours ouvrés.",
        ),
    ),
    "breach_notification_to_controller": (
        (
            "Notification des violations de données",
            "L’Hébergeur notifie au Client toute violation "
            "de "
            "données à caractère personnel dans les meilleurs délais et au plus tard dans un délai de "
            "{breach} après en avoir pris connaissance. La notification est adressée par courriel et "
            "par "
            "téléphone aux interlocuteurs désignés par le Client.\n"
            "Elle précise la nature de la violation, les catégories et le nombre approximatif de "
            "personnes et d’enregistrements concernés, les conséquences probables et les mesures "
            "prises "
            "ou envisagées. Il appartient au Client, en sa qualité de responsable de traitement, de "
            "notifier la violation à la CNIL le cas échéant.",
        ),
        (
            "Signalement des incidents de sécurité et des violations de données",
            "Tout incident de "
            "sécurité susceptible de constituer une violation de données à caractère personnel est "
            "signalé au Client sans délai injustifié et en tout état de cause dans un délai maximal "
            "de "
            "{breach} à compter de sa détection. L’Hébergeur fournit ensuite, au fur et à mesure, "
            "toute "
            "information utile à la notification de la violation à l’autorité de contrôle et, le cas "
            "échéant, à la communication aux personnes concernées.",
        ),
    ),
    "dpo_audit": (
        (
            "Audit",
            "Le Client, son délégué à la protection des données (DPO) ou un auditeur "
            "indépendant mandaté par lui peut conduire, une fois par an et après tout incident de "
            "sécurité significatif, un audit du respect par l’Hébergeur de ses obligations au titre "
            "du "
            "Contrat. L’audit est notifié à l’Hébergeur avec un préavis de trente (30) jours ; il se "
            "déroule pendant les heures ouvrées et dans le respect des règles de sécurité des sites.\n"
            "L’Hébergeur met à disposition du Client la synthèse de son dernier rapport d’audit "
            "technique, datant de moins de trois (3) ans.",
        ),
        (
            "Audits du délégué à la protection des données",
            "Les modalités de conduite des audits "
            "par "
            "le délégué à la protection des données du Client sont les suivantes : demande écrite "
            "adressée à l’Hébergeur au moins quinze (15) jours ouvrés à l’avance, précisant le "
            "périmètre de l’audit ; accès aux documents, aux sites et aux personnels concernés ; "
            "remise d’un rapport d’audit contradictoire. Les frais de l’audit sont à la charge du "
            "Client, sauf si l’audit révèle un manquement de l’Hébergeur.",
        ),
        (
            "Droit d’audit et de contrôle",
            "L’Hébergeur met à la disposition du Client toutes les "
            "informations nécessaires pour démontrer le respect de ses obligations et permet la "
            "réalisation d’audits, y compris des inspections sur site, par le Client, son délégué à "
            "la "
            "protection des données ou un auditeur tiers soumis à une obligation de confidentialité. "
            "Le nombre d’audits sur site est limité à un par année civile, sauf incident.",
        ),
    ),
    "contractual_contact": (
        (
            "Référent contractuel",
            "Le Client désigne comme référent contractuel pour le traitement "
            "des "
            "incidents ayant un impact sur les Données de santé hébergées : {contact_name}, "
            "{contact_role}, joignable à l’adresse {contact_email} et au {contact_phone}.\n"
            "Le Client informe l’Hébergeur sans délai de tout changement de référent. L’Hébergeur "
            "désigne de son côté un responsable de compte, interlocuteur unique du Client.",
        ),
        (
            "Interlocuteurs et gestion des incidents",
            "Pour le traitement des incidents ayant un "
            "impact "
            "sur les données de santé hébergées, le point de contact du Client est {contact_name}, "
            "{contact_role} ({contact_email}, {contact_phone}). Le Client désigne un suppléant et "
            "tient "
            "à jour ces coordonnées. Les incidents sont déclarés par l’Hébergeur à ce référent selon "
            "la "
            "procédure de gestion des incidents décrite dans la convention de services.",
        ),
    ),
    "quality_performance_indicators": (
        (
            "Niveaux de service",
            "Les indicateurs de qualité et de performance, le niveau de service "
            "annoncé, le niveau garanti et la périodicité de leur mesure figurent à {sla_annex} "
            "« Niveaux de service ». Les indicateurs sont mesurés mensuellement et communiqués au "
            "Client "
            "dans un rapport de service au plus tard le dixième jour ouvré du mois suivant.\n"
            "Le non-respect d’un niveau garanti donne lieu à l’application des pénalités prévues à "
            "{sla_annex}, dans la limite de quinze pour cent (15 %) de la redevance mensuelle.",
        ),
        (
            "Engagements de niveau de service (SLA)",
            "L’Hébergeur s’engage sur un taux de "
            "disponibilité "
            "garanti de 99,9 % de la plateforme, mesuré mensuellement hors maintenances programmées, "
            "ainsi que sur une garantie de temps d’intervention (GTI) et une garantie de temps de "
            "rétablissement (GTR). Le tableau des indicateurs, de leurs niveaux annoncés et garantis "
            "et "
            "de la périodicité de leur mesure figure à {sla_annex}. Tout manquement ouvre droit à des "
            "pénalités sous forme de crédits de service imputés sur la facture suivante.",
        ),
    ),
    "subcontracting_external_providers": (
        (
            "Sous-traitance ultérieure",
            "L’Hébergeur peut faire appel à des prestataires techniques "
            "externes (sous-traitants ultérieurs) pour l’exécution de certaines prestations, sous "
            "réserve "
            "d’en informer préalablement et par écrit le Client, qui dispose d’un délai de trente "
            "(30) "
            "jours pour formuler des objections motivées. La liste des sous-traitants ultérieurs "
            "autorisés à la date de signature figure à {subproc_annex}.\n"
            "L’Hébergeur impose à chacun d’eux, par contrat, les mêmes obligations en matière de "
            "protection des données que celles prévues au Contrat, conformément à l’article 28.4 du "
            "RGPD, afin d’assurer un niveau de protection équivalent. Les sous-traitants ultérieurs "
            "qui "
            "hébergent des données de santé sont eux-mêmes certifiés HDS.",
        ),
        (
            "Recours à des prestataires techniques externes",
            "Le recours par l’Hébergeur à un "
            "prestataire technique externe est soumis à l’autorisation écrite préalable du Client. "
            "L’Hébergeur reste pleinement responsable envers le Client de l’exécution des obligations "
            "de ses sous-traitants et s’engage à ce que ce recours assure un niveau de protection "
            "équivalent de garantie au regard des obligations pesant sur lui. Les prestataires "
            "autorisés sont listés à {subproc_annex} ; tous sont certifiés HDS pour les activités "
            "qu’ils réalisent.",
        ),
    ),
    "access_control": (
        (
            "Habilitations et traçabilité",
            "L’accès aux Données de santé hébergées est strictement "
            "limité aux personnels de l’Hébergeur habilités et nommément désignés, selon le principe "
            "du "
            "moindre privilège. Les habilitations sont revues au moins tous les six (6) mois.\n"
            "Les accès distants d’administration s’effectuent au travers d’un bastion avec "
            "authentification forte. Tous les accès sont journalisés ; les traces sont conservées "
            "pendant un (1) an et mises à la disposition du Client sur demande.",
        ),
        (
            "Gestion des accès",
            "L’Hébergeur met en œuvre une politique de contrôle d’accès "
            "comprenant "
            "la gestion des habilitations, l’authentification à deux facteurs des administrateurs et "
            "la traçabilité de toutes les opérations réalisées sur les données hébergées. Le Client "
            "reste seul maître des habilitations de ses propres utilisateurs. Les journaux d’accès "
            "sont "
            "horodatés, protégés en intégrité et consultables par le Client.",
        ),
    ),
    "technical_changes_obligations": (
        (
            "Évolutions du service",
            "L’Hébergeur informe le Client par écrit, au moins trente (30) "
            "jours "
            "à l’avance, de toute modification ou évolution technique introduite par lui ou imposée "
            "par "
            "le cadre légal applicable. Lorsqu’une évolution est susceptible de dégrader les niveaux "
            "de "
            "service ou les garanties prévus au Contrat, elle ne peut être mise en œuvre qu’avec "
            "l’accord préalable et écrit du Client. À défaut d’accord, le Client peut résilier le "
            "Contrat sans pénalité.",
        ),
        (
            "Modifications techniques et gestion des changements",
            "Toute évolution technique des "
            "services fait l’objet d’une information préalable du Client dans le cadre du comité de "
            "suivi. L’Hébergeur recueille l’accord préalable du Client avant toute modification qui "
            "ne respecterait pas les engagements de service ou les garanties de sécurité du Contrat. "
            "Les évolutions imposées par la réglementation sont mises en œuvre dans les délais "
            "légaux.",
        ),
    ),
    "default_guarantees": (
        (
            "Continuité d’activité et défaillance de l’Hébergeur",
            "L’Hébergeur maintient un plan de "
            "continuité et un plan de reprise d’activité (PCA/PRA) testés au moins une fois par an, "
            "garantissant une durée maximale d’interruption admissible de quatre (4) heures et une "
            "perte de données maximale admissible d’une (1) heure.\n"
            "En cas de défaillance de l’Hébergeur, notamment en cas d’ouverture d’une procédure "
            "collective, une copie chiffrée des sauvegardes du Client est conservée auprès d’un tiers "
            "séquestre, qui la remet au Client sur simple demande.",
        ),
        (
            "Garanties en cas de défaillance",
            "Afin de couvrir une défaillance éventuelle de sa "
            "part, "
            "l’Hébergeur met en place : un site de secours distinct du site principal, la réplication "
            "quotidienne des données, un plan de reprise d’activité testé annuellement et une "
            "procédure "
            "de transfert de l’exploitation vers un prestataire désigné par le Client en cas de "
            "cessation d’activité.",
        ),
    ),
    "purpose_limitation": (
        (
            "Interdiction d’utilisation à d’autres fins",
            "L’Hébergeur s’interdit d’utiliser les "
            "Données "
            "de santé hébergées à d’autres fins que l’exécution de la prestation d’hébergement objet "
            "du "
            "Contrat. Il s’interdit en particulier de les exploiter à des fins commerciales, "
            "statistiques ou de recherche, de les céder ou de les mettre à disposition de tiers, y "
            "compris sous une forme agrégée ou pseudonymisée.",
        ),
        (
            "Propriété et finalité des données",
            "Les Données de santé demeurent la propriété "
            "exclusive "
            "du Client. L’Hébergeur ne les traite que pour les seuls besoins de l’activité "
            "d’hébergement de données de santé définie au Contrat et s’interdit de les exploiter à "
            "toute autre fin, pour son compte ou pour celui d’un tiers.",
        ),
    ),
    "reversibility": (
        (
            "Réversibilité",
            "À l’expiration du Contrat ou en cas de résiliation anticipée, quel "
            "qu’en "
            "soit le motif, l’Hébergeur restitue au Client la totalité des Données de santé hébergées "
            "dans un délai de trente (30) jours à compter de la demande du Client. La restitution "
            "s’effectue dans des formats standards, lisibles et exploitables (export SQL, CSV, images "
            "de machines virtuelles au format OVF).\n"
            "Les coûts de restitution sont calculés sur la base du bordereau de prix unitaires annexé "
            "à l’offre. À l’issue de la restitution et après validation par le Client, l’Hébergeur "
            "détruit toutes les copies des données, y compris les sauvegardes, et remet au Client un "
            "certificat de destruction.",
        ),
        (
            "Plan de sortie et restitution des données",
            "Un plan de réversibilité est établi "
            "conjointement dans les six (6) mois suivant l’entrée en vigueur du Contrat. En fin de "
            "Contrat, pour quelque cause que ce soit, l’Hébergeur s’engage à restituer l’intégralité "
            "des informations confiées, dans des formats ouverts permettant leur portabilité, et à "
            "assister le Client ou le nouveau prestataire. Les délais et coûts de restitution sont "
            "calculés selon le nombre de jours-homme nécessaires au tarif en vigueur. L’Hébergeur "
            "procède ensuite à l’effacement sécurisé de toute copie et en délivre un certificat "
            "d’effacement.",
        ),
        (
            "Restitution des données – Réversibilité",
            "La réversibilité couvre la fin normale du "
            "Contrat comme son arrêt anticipé. Elle comprend la restitution de la totalité des "
            "données "
            "et des journaux, y compris le déplacement des machines virtuelles, dans des formats "
            "lisibles et exploitables, dans un délai maximal de quarante-cinq (45) jours, puis la "
            "destruction de toutes les copies, attestée par un procès-verbal. Les frais de "
            "réversibilité sont forfaitisés dans la proposition financière.",
        ),
    ),
    "non_eea_access_safeguards": (
        (
            "Accès depuis un pays tiers",
            "Aucun accès aux Données de santé, y compris à distance à "
            "des "
            "fins de support ou de maintenance, n’est réalisé depuis un pays situé hors de l’Espace "
            "économique européen. Tout projet de transfert ou d’accès depuis un pays tiers est soumis "
            "à l’accord écrit préalable du Client et ne peut intervenir que sur le fondement d’une "
            "décision d’adéquation ou, à défaut, de garanties appropriées au sens de l’article 46 du "
            "RGPD.",
        ),
        (
            "Absence d’accès hors EEE",
            "L’Hébergeur garantit que ni lui ni ses sous-traitants "
            "n’accèdent aux données de santé hébergées depuis un pays tiers à l’Union européenne ou à "
            "l’Espace économique européen. Les équipes de support et d’administration sont "
            "exclusivement situées dans l’Union européenne.",
        ),
    ),
    "non_eea_access_safeguards+access": (
        (
            "Accès à distance depuis un pays tiers",
            "Le support de niveau 2 de l’Hébergeur, situé à "
            "Rabat ({access_country}), peut accéder à distance aux systèmes hébergeant les Données de "
            "santé, à des fins exclusives de maintenance. Ce pays ne bénéficiant pas d’une décision "
            "d’adéquation, cet accès est encadré par les clauses contractuelles types adoptées par la "
            "Commission européenne, complétées de mesures supplémentaires : chiffrement, bastion "
            "d’administration situé en France et journalisation de chaque session. Aucune donnée "
            "n’est "
            "stockée dans ce pays.",
        ),
        (
            "Transferts et accès hors EEE",
            "Le Client est informé que des opérations de supervision "
            "sont réalisées à distance depuis le {access_country}, pays tiers ne faisant pas l’objet "
            "d’une décision d’adéquation. Ces accès reposent sur des garanties appropriées au sens de "
            "l’article 46 du RGPD (clauses contractuelles types) et sont limités aux métadonnées "
            "techniques, sans stockage hors de l’Espace économique européen.",
        ),
    ),
    "non_eea_access_safeguards+stored": (
        (
            "Transferts hors de l’Espace économique européen",
            "Les Données de santé stockées hors de "
            "l’Espace économique européen ({non_eea_countries}) et les accès qui s’y rapportent "
            "reposent "
            "sur une décision d’adéquation de la Commission européenne ; le sous-traitant concerné "
            "déclare y être inscrit. À défaut, les clauses contractuelles types de la Commission "
            "européenne s’appliquent à titre de garanties appropriées au sens de l’article 46 du "
            "RGPD.",
        ),
        (
            "Accès et transferts vers un pays tiers",
            "Les opérations réalisées depuis un pays tiers "
            "({non_eea_countries}) sont encadrées par une décision d’adéquation ou, à défaut, par des "
            "garanties appropriées (clauses contractuelles types). L’Hébergeur tient à la disposition "
            "du "
            "Client la liste des accès réalisés depuis ce pays.",
        ),
    ),
    "extraterritorial_law_exposure": (
        (
            "Protection vis-à-vis du droit extra-européen",
            "L’Hébergeur déclare que ni lui ni ses "
            "sous-traitants ultérieurs ne sont soumis à une législation d’un État tiers à l’Union "
            "européenne permettant à une autorité étrangère d’accéder aux Données de santé en dehors "
            "des voies de coopération internationale. Il n’existe donc aucun risque résiduel "
            "identifié à ce titre. L’Hébergeur informe le Client dans un délai d’un (1) mois de toute "
            "évolution de son actionnariat susceptible de modifier cette situation.",
        ),
        (
            "Législations extra-européennes",
            "Liste des législations extra-européennes applicables à "
            "l’Hébergeur et à ses sous-traitants : néant. L’Hébergeur, dont le capital est détenu "
            "majoritairement par des actionnaires établis dans l’Union européenne, n’est exposé à "
            "aucun "
            "droit extra-européen permettant un accès non autorisé aux données hébergées.",
        ),
    ),
    "extraterritorial_law_exposure+exposed": (
        (
            "Protection vis-à-vis du droit extra-européen",
            "L’Hébergeur et l’un de ses "
            "sous-traitants "
            "ultérieurs relèvent du droit des États-Unis et sont susceptibles d’être soumis au CLOUD "
            "Act "
            "et à la section 702 du FISA. Mesures d’atténuation : chiffrement des données avec des "
            "clés "
            "détenues par le Client, contestation systématique des demandes d’accès et information du "
            "Client lorsque la loi le permet. Risques résiduels : un accès non autorisé par une "
            "autorité étrangère ne peut être totalement exclu.",
        ),
        (
            "Législations extra-européennes",
            "Législations extra-européennes applicables : CLOUD Act "
            "(États-Unis). Mesures mises en œuvre : chiffrement de bout en bout, gestion des clés par "
            "le Client, revue juridique de toute demande d’une autorité étrangère. Risque résiduel : "
            "possibilité d’une demande d’accès aux données stockées hors de l’EEE ({non_eea_countries}).",
        ),
    ),
    "transfer_mapping_public_url": (
        (
            "Présentation des garanties HDS",
            "Conformément aux exigences n°29 à 31 du référentiel "
            "HDS, "
            "l’Hébergeur publie le tableau de présentation des garanties, comprenant la cartographie "
            "des "
            "transferts et des accès hors EEE, à l’adresse suivante : {url}. Ce tableau est mis à "
            "jour "
            "à chaque évolution et au moins une fois par an.",
        ),
        (
            "Cartographie des transferts",
            "La cartographie des transferts de données et le tableau "
            "de "
            "présentation des garanties exigé par le référentiel HDS sont publiés et tenus à jour par "
            "l’Hébergeur sur son site internet ({url}). L’Hébergeur informe le Client de toute "
            "modification substantielle de ce tableau.",
        ),
    ),
    "gdpr_processing_details": (
        (
            "Description du traitement",
            "Les caractéristiques du traitement confié à l’Hébergeur "
            "sont "
            "les suivantes :\n– objet du traitement : hébergement des données du dossier patient "
            "informatisé du Client ;\n– durée du traitement : la durée du Contrat ;\n– nature des "
            "opérations : stockage, sauvegarde, restauration, administration technique ;\n– finalité "
            ": "
            "conservation sécurisée des données nécessaires à la prise en charge des patients ;\n"
            "– catégories de données : données d’identification, données de santé, numéro de sécurité "
            "sociale ;\n– catégories de personnes concernées : patients et professionnels de santé du "
            "Client.",
        ),
        (
            "Objet et caractéristiques du traitement",
            "L’Hébergeur traite, pour le compte du Client "
            "et "
            "pendant toute la durée du Contrat, des données d’identification et des données de santé "
            "des patients et des personnels du Client. Le traitement a pour objet et pour finalité "
            "l’hébergement sécurisé de ces données ; sa nature recouvre le stockage, la sauvegarde et "
            "l’exploitation technique des systèmes. Le Client, responsable de traitement, définit les "
            "finalités et les moyens essentiels du traitement.",
        ),
    ),
    "gdpr_documented_instructions": (
        (
            "Instructions documentées",
            "L’Hébergeur ne traite les données à caractère personnel que "
            "sur "
            "instruction documentée du Client, y compris en ce qui concerne les transferts de données "
            "vers un pays tiers. Si l’Hébergeur considère qu’une instruction constitue une violation "
            "du "
            "RGPD ou d’autres dispositions relatives à la protection des données, il en informe "
            "immédiatement le Client.",
        ),
        (
            "Traitement sur instruction du Client",
            "Les instructions du Client sont consignées dans "
            "le "
            "Contrat et dans les demandes écrites adressées par son référent. L’Hébergeur informe "
            "immédiatement le Client lorsqu’une instruction lui paraît contraire à la réglementation "
            "applicable et peut en suspendre l’exécution jusqu’à sa confirmation ou sa modification.",
        ),
    ),
    "gdpr_personnel_confidentiality": (
        (
            "Confidentialité du personnel",
            "L’Hébergeur veille à ce que les personnes autorisées à "
            "traiter les Données de santé s’engagent à respecter la confidentialité ou soient "
            "soumises à "
            "une obligation légale appropriée de confidentialité, et reçoivent la formation "
            "nécessaire "
            "en matière de protection des données. Ces personnes sont tenues au secret professionnel "
            "dans les conditions de l’article L. 1110-4 du code de la santé publique.",
        ),
        (
            "Engagement de confidentialité",
            "Chaque membre du personnel de l’Hébergeur ayant accès "
            "aux "
            "données hébergées signe un engagement individuel de confidentialité, qui perdure après "
            "la "
            "fin de ses fonctions. Seules les personnes autorisées, dont la liste est tenue à jour, "
            "peuvent intervenir sur les systèmes du Client.",
        ),
    ),
    "gdpr_security_measures": (
        (
            "Mesures de sécurité",
            "L’Hébergeur met en œuvre les mesures techniques et "
            "organisationnelles appropriées prévues à l’article 32 du RGPD, décrites dans son plan "
            "d’assurance sécurité (PAS) : chiffrement des données au repos (AES-256) et en transit "
            "(TLS 1.2 ou supérieur), cloisonnement des environnements, sauvegardes chiffrées, tests "
            "de "
            "restauration trimestriels et tests d’intrusion annuels.",
        ),
        (
            "Sécurité du traitement",
            "Conformément à l’article 32 du RGPD, l’Hébergeur assure un "
            "niveau "
            "de sécurité adapté au risque, notamment par le chiffrement, des moyens garantissant la "
            "confidentialité, l’intégrité, la disponibilité et la résilience constantes des systèmes, "
            "ainsi qu’une procédure de test régulier de l’efficacité des mesures.",
        ),
    ),
    "gdpr_assist_art32_36": (
        (
            "Assistance au responsable de traitement",
            "L’Hébergeur aide le Client à garantir le "
            "respect "
            "des obligations prévues aux articles 32 à 36 du RGPD, compte tenu de la nature du "
            "traitement et des informations à sa disposition, notamment pour la réalisation "
            "d’analyses "
            "d’impact relatives à la protection des données (AIPD) et, le cas échéant, pour la "
            "consultation préalable de la CNIL.",
        ),
        (
            "Coopération et analyse d’impact",
            "À la demande du Client, l’Hébergeur fournit la "
            "documentation nécessaire à la réalisation de l’analyse d’impact relative à la protection "
            "des données et apporte son assistance en cas de consultation préalable de l’autorité de "
            "contrôle, conformément aux articles 32 à 36 du RGPD.",
        ),
    ),
    "patient_information": (
        (
            "Information des patients",
            "Conformément à l’article L. 1111-8 du code de la santé "
            "publique, "
            "il appartient au Client d’informer préalablement les patients de l’hébergement de leurs "
            "données de santé auprès d’un hébergeur certifié et de leur droit de s’opposer, pour un "
            "motif légitime, à cet hébergement. L’Hébergeur met à la disposition du Client un modèle "
            "de "
            "mention d’information.",
        ),
        (
            "Information préalable des personnes concernées",
            "Le Client délivre aux patients, lors "
            "de "
            "leur admission, l’information préalable relative à l’hébergement de leurs données par "
            "l’Hébergeur et recueille, le cas échéant, leur opposition pour motif légitime. "
            "L’Hébergeur fournit au Client les éléments nécessaires à cette information.",
        ),
    ),
}

NON_COMPLIANT: dict[str, tuple[Variant, ...]] = {
    "hosting_locations": (
        (
            "Lieux d’hébergement",
            "Les Données de santé sont hébergées dans les centres de données "
            "de "
            "l’Hébergeur et de ses partenaires situés à {datacentres}. Afin d’optimiser la "
            "disponibilité "
            "du service, l’Hébergeur peut répartir le stockage des données et de leurs sauvegardes "
            "entre ces différents sites. La liste des sites est communiquée au Client sur demande.",
        ),
        (
            "Localisation des données",
            "Pays de stockage des Données de santé : {countries}. Les "
            "données de production et leurs sauvegardes sont réparties entre les centres de données "
            "de "
            "{datacentres}. L’Hébergeur se réserve le droit de déplacer le stockage vers tout autre "
            "centre de données de son groupe.",
        ),
    ),
    "breach_notification_to_controller": (
        (
            "Notification des violations de données",
            "L’Hébergeur informe le Client des violations "
            "de "
            "données à caractère personnel dont il a connaissance dans un délai de {breach} à compter "
            "de "
            "la clôture de son analyse interne. Cette information est adressée par courriel et "
            "précise "
            "la nature de la violation ainsi que les mesures prises.",
        ),
        (
            "Signalement des incidents de sécurité",
            "Les incidents de sécurité affectant les données "
            "du "
            "Client font l’objet d’un rapport adressé au Client dans un délai de {breach} suivant "
            "leur "
            "résolution. Le rapport décrit l’incident, ses causes et les actions correctives.",
        ),
    ),
    "purpose_limitation": (
        (
            "Utilisation des données",
            "Les Données de santé demeurent la propriété du Client. Le "
            "Client "
            "autorise l’Hébergeur à exploiter les données hébergées, après pseudonymisation, à des "
            "fins "
            "statistiques et d’amélioration de ses produits et services. L’Hébergeur s’interdit de "
            "céder "
            "les données à des tiers.",
        ),
        (
            "Propriété et exploitation des données",
            "Le Client reste propriétaire des données. "
            "L’Hébergeur pourra toutefois réutiliser les données hébergées sous une forme agrégée "
            "pour "
            "établir des statistiques d’usage, entraîner ses outils d’analyse et améliorer ses "
            "offres.",
        ),
    ),
    "reversibility": (
        (
            "Réversibilité",
            "En fin de Contrat, l’Hébergeur peut proposer au Client une prestation "
            "de "
            "restitution des Données de santé. Les formats, les délais et le coût de cette prestation "
            "sont fixés à la discrétion de l’Hébergeur. Les copies des données sont conservées par "
            "l’Hébergeur selon sa politique d’archivage.",
        ),
        (
            "Fin de contrat et restitution des données",
            "À l’expiration du Contrat, la restitution "
            "des "
            "données est réalisée à la discrétion de l’Hébergeur, selon les modalités techniques "
            "qu’il "
            "détermine. L’Hébergeur n’est tenu à aucune obligation de destruction des copies de "
            "sauvegarde existantes.",
        ),
    ),
}

FILLERS: dict[str, tuple[Variant, ...]] = {
    "definitions": (
        (
            "Définitions",
            "Pour l’exécution du Contrat, les termes ci-après ont la signification "
            "suivante :\n– « Contrat » : le présent contrat, son préambule et ses annexes ;\n"
            "– « Données de santé » : les données à caractère personnel concernant la santé au sens "
            "de "
            "l’article 4.15 du RGPD, confiées par le Client ;\n– « Incident » : tout événement qui "
            "provoque ou peut provoquer une interruption ou une dégradation des services ;\n"
            "– « Jour ouvré » : du lundi au vendredi, hors jours fériés en France ;\n– « RGPD » : le "
            "règlement (UE) 2016/679 du 27 avril 2016.",
        ),
    ),
    "purpose": (
        (
            "Objet",
            "Le Contrat a pour objet de définir les conditions dans lesquelles l’Hébergeur "
            "héberge, pour le compte du Client, les Données de santé produites ou recueillies à "
            "l’occasion des activités de prévention, de diagnostic, de soins ou de suivi "
            "médico-social "
            "du Client, conformément à l’article L. 1111-8 du code de la santé publique.",
        ),
    ),
    "price": (
        (
            "Prix et conditions de paiement",
            "En contrepartie des prestations, le Client verse à "
            "l’Hébergeur une redevance mensuelle de {fee} euros hors taxes, facturée mensuellement à "
            "terme à échoir. Les factures sont payables à trente (30) jours date de facture, par "
            "virement. La redevance est révisée chaque année au 1er janvier selon l’indice Syntec.\n"
            "Les comptes annuels de l’Hébergeur font l’objet d’un audit des comptes par son "
            "commissaire "
            "aux comptes ; le Contrat ne confère au Client aucun droit d’audit sur la comptabilité de "
            "l’Hébergeur.",
        ),
    ),
    "liability": (
        (
            "Responsabilité",
            "Chaque Partie est responsable des dommages directs causés à l’autre "
            "Partie "
            "du fait de l’inexécution de ses obligations. La responsabilité totale de l’Hébergeur est "
            "plafonnée, toutes causes confondues, au montant des sommes versées par le Client au "
            "titre "
            "des douze (12) derniers mois, sauf faute lourde ou dolosive et sauf manquement à ses "
            "obligations en matière de protection des données.",
        ),
    ),
    "insurance": (
        (
            "Assurances",
            "L’Hébergeur déclare être titulaire d’une police d’assurance responsabilité "
            "civile professionnelle souscrite auprès d’une compagnie notoirement solvable, couvrant "
            "les "
            "conséquences pécuniaires de sa responsabilité pour un montant minimal de cinq millions "
            "d’euros par sinistre. Il en justifie sur simple demande du Client.",
        ),
    ),
    "termination": (
        (
            "Résiliation",
            "En cas de manquement grave de l’une des Parties à ses obligations, non "
            "réparé "
            "dans un délai de trente (30) jours à compter de la réception d’une mise en demeure "
            "adressée "
            "par lettre recommandée avec accusé de réception, l’autre Partie pourra résilier de plein "
            "droit le Contrat, sans préjudice de tous dommages et intérêts. Le Client peut en outre "
            "résilier le Contrat sans indemnité en cas de retrait de la certification de "
            "l’Hébergeur.",
        ),
    ),
    "law": (
        (
            "Droit applicable et attribution de juridiction",
            "Le Contrat est régi par le droit "
            "français. Les Parties s’efforcent de régler à l’amiable tout différend relatif à son "
            "interprétation ou à son exécution. À défaut d’accord dans un délai de soixante (60) "
            "jours, le litige est porté devant les juridictions compétentes de Paris.",
        ),
    ),
}

#: Neutral articles added one by one when ``pages_hint`` asks for a longer document.
BOILERPLATE: tuple[Variant, ...] = (
    (
        "Force majeure",
        "Aucune Partie ne peut être tenue responsable de l’inexécution de ses "
        "obligations résultant d’un cas de force majeure au sens de l’article 1218 du code civil. La "
        "Partie empêchée en informe l’autre sans délai. Si l’empêchement dure plus de deux mois, "
        "chaque Partie peut mettre fin au Contrat par lettre recommandée.",
    ),
    (
        "Cession du contrat",
        "Le Contrat est conclu en considération de la personne de l’Hébergeur. "
        "Il ne peut être cédé, en tout ou partie, sans l’accord écrit préalable du Client. Toute "
        "opération de fusion ou de changement de contrôle de l’Hébergeur est notifiée au Client.",
    ),
    (
        "Notifications",
        "Toute notification au titre du Contrat est faite par écrit et adressée aux "
        "sièges respectifs des Parties, par lettre recommandée avec accusé de réception ou par "
        "courrier électronique avec accusé de lecture, sauf stipulation contraire.",
    ),
    (
        "Intégralité",
        "Le Contrat et ses annexes expriment l’intégralité de l’accord des Parties et "
        "remplacent tout accord, proposition ou engagement antérieur portant sur le même objet. En "
        "cas de contradiction, le corps du Contrat prévaut sur ses annexes.",
    ),
    (
        "Non-renonciation",
        "Le fait pour une Partie de ne pas se prévaloir d’un manquement de "
        "l’autre "
        "Partie à l’une de ses obligations ne saurait être interprété comme une renonciation à "
        "l’obligation en cause ni à s’en prévaloir ultérieurement.",
    ),
    (
        "Indépendance des Parties",
        "Les Parties agissent en toute indépendance. Aucune stipulation "
        "du "
        "Contrat ne peut être interprétée comme créant entre elles un mandat, une filiale, une "
        "relation d’agent ou d’employé à employeur, ni une société de fait.",
    ),
    (
        "Nullité partielle",
        "Si l’une des stipulations du Contrat était déclarée nulle ou "
        "inapplicable, "
        "les autres stipulations conserveraient leur force et leur portée. Les Parties négocieraient "
        "de bonne foi une stipulation de remplacement d’effet équivalent.",
    ),
    (
        "Comité de suivi",
        "Un comité de suivi réunissant les représentants des Parties se tient une "
        "fois par trimestre. Il examine les rapports de service, les incidents survenus, les "
        "évolutions envisagées et le plan d’amélioration continue. Un compte rendu est diffusé "
        "sous huit jours ouvrés.",
    ),
)

SIGNATURE_LINE = "Fait à {city}, le {signature_date}, en deux (2) exemplaires originaux."
SIGNATURE_BLOCKS = (
    ("Pour l’Hébergeur", "{host}", "{host_signatory}", "{host_role}", "Signature :"),
    ("Pour le Client", "{client}", "{client_signatory}", "{client_role}", "Signature :"),
)

SLA_ANNEX_TITLE = "Niveaux de service"
SLA_INTRO = (
    "Le tableau ci-dessous présente, pour chaque indicateur, le niveau annoncé, le niveau "
    "garanti, la périodicité de mesure et la pénalité applicable en cas de non-respect du "
    "niveau garanti."
)
SLA_TABLE: tuple[tuple[str, ...], ...] = (
    ("Indicateur", "Niveau annoncé", "Niveau garanti", "Périodicité de mesure", "Pénalité"),
    (
        "Disponibilité de la plateforme",
        "99,95 %",
        "99,9 %",
        "Mensuelle",
        "5 % de la redevance par tranche de 0,1 % sous le niveau garanti",
    ),
    (
        "Délai de prise en charge d’un incident majeur (GTI)",
        "15 minutes",
        "30 minutes",
        "Mensuelle",
        "2 % de la redevance par heure de retard",
    ),
    (
        "Délai de rétablissement d’un incident majeur (GTR)",
        "2 heures",
        "4 heures",
        "Mensuelle",
        "3 % de la redevance par heure de retard",
    ),
    ("Réussite des sauvegardes quotidiennes", "100 %", "99 %", "Mensuelle", "Aucune"),
    ("Test de restauration des sauvegardes", "Trimestriel", "Semestriel", "Semestrielle", "Aucune"),
)

SUBPROC_ANNEX_TITLE = "Liste des sous-traitants ultérieurs"
SUBPROC_HEADER = ("Sous-traitant", "Prestation", "Localisation", "Certification HDS")


def subprocessor_rows(spec: ContractSpec) -> list[tuple[str, ...]]:
    """One row per storage country (its data-centre operator), plus remote support if any."""
    from hdswatch.samples.spec import EEA

    rows: list[tuple[str, ...]] = [
        (
            OPERATORS.get(code, f"Opérateur {CITIES[code]}"),
            "Hébergement physique des infrastructures (activité 1)",
            f"{CITIES[code]} ({COUNTRY_NAMES[code]})",
            "Oui",
        )
        for code in spec.storage_countries
    ]
    if spec.non_eea_access and all(code in EEA for code in spec.storage_countries):
        rows.append(
            (
                "Atlas Support Services SARL",
                "Support technique de niveau 2 (activité 5)",
                "Rabat (Maroc)",
                "Oui (activité 5)",
            )
        )
    return rows


AMENDMENT_BODY: tuple[tuple[str, str], ...] = (
    ("center", "au contrat d’hébergement de données de santé n° {ref} signé le {signature_date}"),
    ("para", "Entre {host}, ci-après « l’Hébergeur », et {client}, ci-après « le Client »."),
    ("heading", "Article 1 – Objet"),
    ("para", "Le présent avenant modifie l’article {term_article} « {term_heading} » du Contrat."),
)
AMENDMENT_END = (
    "Par dérogation à l’article {term_article}, la période en cours prend fin le {new_end}."
)
AMENDMENT_NOTICE = "Le délai de préavis prévu à l’article {term_article} est porté à {new_notice}."
AMENDMENT_CLOSE: tuple[tuple[str, str], ...] = (
    ("heading", "Article 2 – Autres stipulations"),
    (
        "para",
        "Toutes les autres stipulations du Contrat demeurent inchangées et continuent de "
        "produire leurs effets.",
    ),
    ("para", "Fait à {city}, le {amendment_date}, en deux (2) exemplaires originaux."),
)
