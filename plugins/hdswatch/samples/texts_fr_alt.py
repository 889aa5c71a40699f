"""Alternative French wordings of the synthetic HDS hosting contracts (the development set).

In: a :class:`~hdswatch.samples.spec.ContractSpec`. Out: text data drafted differently from
``texts_fr``: three more wordings per clause id (``CLAUSES``, some avoiding the usual keywords:
« plan de sortie » for reversibility, « contrôle par le DPD » for the DPO audit, « engagements de
qualité de service » for the SLA), rule-breaking wordings (``NON_COMPLIANT``), term articles by kind
(``TERMS``: tacit, same-duration, fixed, express, indefinite), parties named « le Prestataire »,
« le Titulaire »… (``ROLES``), annex referrals, neutral articles with unrelated mentions (« audit des
comptes », « restitution des badges »), tables and amendments, and :func:`context`, the values these
templates add to ``texts_fr.context``. Templates use ``{H}``/``{H_}``/``{du_H}``/``{au_H}`` for
the host (« le Prestataire », « Le Prestataire », « du Prestataire », « au Prestataire ») and the
same with ``C`` for the client.

>>> styled_quantity(3, "months", "words"), styled_quantity(90, "days", "digits")
('trois mois', '90 jours')
>>> format_date(date(2025, 4, 1), "padded")
'01 avril 2025'
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from hdswatch.samples.texts_fr import long_date, number_words, quantity

if TYPE_CHECKING:
    from hdswatch.samples.spec import ContractSpec

Variant = tuple[str, str]

_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre")  # fmt: skip
_UNIT_WORDS = {"days": ("jour", "jours"), "months": ("mois", "mois"), "years": ("an", "ans"),
               "hours": ("heure", "heures")}  # fmt: skip


def styled_quantity(n: int, unit: str, style: str) -> str:
    """« trois (3) mois » (``both``), « trois mois » (``words``) or « 3 mois » (``digits``)."""
    if style == "both":
        return quantity(n, unit)
    one, many = _UNIT_WORDS[unit]
    return f"{number_words(n) if style == 'words' else n} {one if n == 1 else many}"


def format_date(d: date, style: str) -> str:
    """A date in one of the layout's styles (``mixed`` and the English-only styles give the long
    form)."""
    if style == "numeric":
        return d.strftime("%d/%m/%Y")
    if style == "long_plain":
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    if style == "padded":
        return f"{d.day:02d} {_MONTHS[d.month - 1]} {d.year}"
    if style == "dotted":
        return d.strftime("%d.%m.%Y")
    if style == "iso":
        return d.isoformat()
    return long_date(d)


def _duration(months: int, layout_style: str, number_style: str) -> str:
    if layout_style == "digits":
        return f"{months} mois"
    if layout_style == "words" and months % 12 == 0 and months >= 24:
        return styled_quantity(months // 12, "years", number_style)
    return styled_quantity(months, "months", number_style)


#: How the alternative wordings name the parties (``ContractSpec.party_terms``).
ROLES: tuple[dict[str, str], ...] = (
    {"H": "l’Hébergeur", "H_": "L’Hébergeur", "du_H": "de l’Hébergeur", "au_H": "à l’Hébergeur",
     "C": "le Client", "C_": "Le Client", "du_C": "du Client", "au_C": "au Client"},
    {"H": "le Prestataire", "H_": "Le Prestataire", "du_H": "du Prestataire",
     "au_H": "au Prestataire", "C": "l’Établissement", "C_": "L’Établissement",
     "du_C": "de l’Établissement", "au_C": "à l’Établissement"},
    {"H": "le Titulaire", "H_": "Le Titulaire", "du_H": "du Titulaire", "au_H": "au Titulaire",
     "C": "le Pouvoir adjudicateur", "C_": "Le Pouvoir adjudicateur",
     "du_C": "du Pouvoir adjudicateur", "au_C": "au Pouvoir adjudicateur"},
    {"H": "le Sous-traitant", "H_": "Le Sous-traitant", "du_H": "du Sous-traitant",
     "au_H": "au Sous-traitant", "C": "le Responsable de traitement",
     "C_": "Le Responsable de traitement", "du_C": "du Responsable de traitement",
     "au_C": "au Responsable de traitement"},
)  # fmt: skip

_FORMS = {
    "SAS": "société par actions simplifiée",
    "SA": "société anonyme",
    "SARL": "société à responsabilité limitée",
    "SE": "société européenne",
    "GmbH": "société de droit allemand",
    "B.V.": "société de droit néerlandais",
    "S.L.": "société de droit espagnol",
}
_CITIES = ("Lyon", "Nantes", "Bordeaux", "Rennes", "Lille", "Strasbourg", "Tours", "Marseille")
SECOND_CITIES = {"FR": "Lille", "DE": "Berlin", "NL": "Rotterdam", "BE": "Liège", "IE": "Cork",
                 "ES": "Barcelone", "IT": "Rome", "LU": "Esch-sur-Alzette", "AT": "Graz",
                 "PL": "Cracovie", "SE": "Göteborg", "FI": "Espoo", "US": "Dallas"}  # fmt: skip
_COUNTRIES = {"FR": "France", "DE": "Allemagne", "NL": "Pays-Bas", "BE": "Belgique",
              "IE": "Irlande", "ES": "Espagne", "IT": "Italie", "LU": "Luxembourg",
              "AT": "Autriche", "PL": "Pologne", "SE": "Suède", "FI": "Finlande",
              "US": "États-Unis"}  # fmt: skip


def context(spec: ContractSpec) -> dict[str, str]:
    """Values the alternative templates add to ``texts_fr.context(spec)``, and the ones a later
    layout style changes (dates, quantities); default styles change nothing."""
    from hdswatch.samples.spec import add_months

    layout, out = spec.layout, dict(ROLES[spec.party_terms % len(ROLES)])
    if layout.date_style not in ("long", "numeric", "mixed"):
        end = add_months(spec.effective_date, spec.term_months).toordinal() - 1
        for key, day in (("signature_date", spec.signature_date),
                         ("effective_date", spec.effective_date),
                         ("initial_end", date.fromordinal(end)),
                         ("cert_issue", spec.certificate_issue),
                         ("cert_expiry", spec.certificate_expiry)):  # fmt: skip
            out[key] = format_date(day, layout.date_style)
    if layout.number_style != "both" or layout.duration_style == "months":
        number, hours = layout.number_style, spec.breach_hours
        out["term"] = _duration(spec.term_months, layout.duration_style, number)
        out["renewal"] = _duration(spec.renewal_term_months or 12, layout.duration_style, number)
        if spec.notice_amount and spec.notice_unit:
            out["notice"] = styled_quantity(spec.notice_amount, spec.notice_unit, number)
        out["breach"] = (
            styled_quantity(hours // 24, "days", number)
            if hours > 72
            else styled_quantity(hours, "hours", number)
        )
    first = spec.storage_countries[0]
    out["second_city"] = f"{SECOND_CITIES.get(first, 'Lille')} ({_COUNTRIES.get(first, 'France')})"
    if spec.wording_pool == "alt":
        suffix = spec.host.split()[-1]
        out["host_form"] = _FORMS.get(suffix, "société")
        out["city"] = _CITIES[spec.style_seed % len(_CITIES)]
        lowered = spec.client.lower()
        if lowered.startswith("ehpad"):
            out["client_desc"] = "établissement d’hébergement pour personnes âgées dépendantes"
        elif lowered.startswith(("centre hospitalier", "chu", "groupement", "hôpital local")):
            out["client_desc"] = "établissement public de santé"
        else:
            out["client_desc"] = "établissement de santé privé"
    return out


def entry(spec: ContractSpec, effective: str) -> dict[str, str]:
    """How the term article says when the contract starts: « le 1er avril 2025 » or « à compter
    de sa signature »."""
    if spec.effective_on_signature:
        return {"entry": "à la date de sa signature", "entry_from": "à compter de sa signature"}
    return {"entry": f"le {effective}", "entry_from": f"à compter du {effective}"}


def annex_ref(number: int) -> str:
    return f"l’annexe {number}"


TITLES = (
    "CONTRAT D’HÉBERGEMENT ET D’INFOGÉRANCE DE DONNÉES DE SANTÉ",
    "CONVENTION DE SERVICES – HÉBERGEMENT DE DONNÉES DE SANTÉ À CARACTÈRE PERSONNEL",
    "CONDITIONS PARTICULIÈRES D’HÉBERGEMENT DE DONNÉES DE SANTÉ",
    "MARCHÉ DE SERVICES – CAHIER DES CLAUSES PARTICULIÈRES – HÉBERGEMENT DE DONNÉES DE SANTÉ",
)
HEADERS = (
    "{host} – Contrat d’hébergement HDS – Réf. {ref}",
    "CONFIDENTIEL",
    "Diffusion restreinte – {client}",
    "",
)
FOOTERS = ("{n}/{total}", "– {n} –", "Paraphes : ______ / ______          Page {n} sur {total}",
           "Page {n} / {total}")  # fmt: skip
CONTENTS = ("TABLE DES MATIÈRES", "SOMMAIRE")
ARTICLE = "Article"
ANNEX = "Annexe"

PREAMBLES: tuple[tuple[tuple[str, str], ...], ...] = (
    (
        ("center", "Contrat n° {ref}"),
        ("caps", "ENTRE"),
        ("para", "{host}, {host_form} dont le siège social est situé {host_address}, "
                 "immatriculée au RCS sous le numéro {rcs}, représentée par {host_signatory}, "
                 "{host_role},"),
        ("para", "ci-après « {H} »,"),
        ("caps", "ET"),
        ("para", "{client}, {client_desc}, dont le siège est situé {client_address}, "
                 "représenté(e) par {client_signatory}, {client_role},"),
        ("para", "ci-après « {C} »."),
        ("caps", "IL A ÉTÉ PRÉALABLEMENT EXPOSÉ CE QUI SUIT"),
        ("para", "{C_} souhaite confier à un prestataire extérieur l’hébergement et "
                 "l’exploitation de son système d’information de santé. À l’issue d’une "
                 "procédure de sélection, il a retenu la proposition {du_H}."),
        ("caps", "EN CONSÉQUENCE, IL EST CONVENU CE QUI SUIT"),
    ),
    (
        ("center", "Référence : {ref}"),
        ("para", "Le présent document est conclu entre :"),
        ("item", "– {client}, {client_desc} (FINESS {finess}), {client_address}, représenté(e) "
                 "par {client_signatory}, {client_role}, ci-après « {C} » ;"),
        ("item", "– {host}, {host_form}, {host_address}, représentée par {host_signatory}, "
                 "{host_role}, ci-après « {H} »."),
        ("para", "{C_} et {H} sont ci-après désignés ensemble « les Parties »."),
    ),
    (
        ("para", "Le présent contrat est conclu entre {client} (« {C} »), dont le siège est "
                 "situé {client_address}, et {host} (« {H} »), {host_form} au capital de "
                 "{capital} euros, dont le siège est situé {host_address}."),
        ("caps", "PRÉAMBULE"),
        ("para", "{H_} exerce une activité d’hébergement de données de santé à caractère "
                 "personnel au sens de l’article L. 1111-8 du code de la santé publique. "
                 "{C_} souhaite lui confier l’hébergement des données produites dans le cadre "
                 "de son activité de soins."),
    ),
)  # fmt: skip

TERMS: dict[str, tuple[Variant, ...]] = {
    "tacit": (
        ("Durée", "Le Contrat entre en vigueur {entry} pour une durée de {term}. Il est ensuite "
                  "reconduit tacitement par périodes de {renewal}, sauf si l’une des Parties le "
                  "dénonce par lettre recommandée {notice} avant l’échéance."),
        ("Entrée en vigueur – Durée – Renouvellement",
         "Le présent contrat prend effet {entry_from}. Sa durée initiale est fixée à {term}.\n"
         "À l’arrivée de son terme, il se renouvelle par tacite reconduction pour une période de "
         "{renewal}, et ainsi de suite. La Partie qui ne souhaite pas le renouveler en informe "
         "l’autre au moins {notice} avant l’échéance de la période en cours."),
        ("Période contractuelle",
         "La période initiale court {entry_from} et s’achève le {initial_end}. Le Contrat est "
         "ensuite renouvelé automatiquement par périodes successives de {renewal}, à défaut de "
         "dénonciation notifiée par l’une ou l’autre des Parties en respectant un préavis de "
         "{notice}."),
    ),
    "tacit_same": (
        ("Durée", "Le Contrat est conclu pour {term} {entry_from}. Il se renouvelle ensuite par "
                  "tacite reconduction pour des périodes successives d’une durée identique, "
                  "sauf dénonciation adressée par lettre recommandée au moins {notice} avant "
                  "son terme."),
        ("Durée et renouvellement",
         "Le présent contrat prend effet {entry} et produit ses effets pendant {term}. Il est "
         "reconduit tacitement, pour la même durée, à chaque échéance, sauf refus notifié par "
         "l’une des Parties au moins {notice} avant cette échéance."),
    ),
    "fixed": (
        ("Durée", "Le Contrat prend effet {entry} et s’achève à l’expiration d’une durée de "
                  "{term}, soit le {initial_end}. Il n’est pas reconductible tacitement."),
        ("Durée du marché", "Le marché est conclu pour une durée ferme de {term} {entry_from}. "
                            "Il ne fait l’objet d’aucune reconduction."),
    ),
    "express": (
        ("Durée et renouvellement",
         "Le Contrat entre en vigueur {entry} pour une durée de {term}. Il pourra être renouvelé "
         "par voie d’avenant exprès signé par les deux Parties ; à défaut, il prend fin à son "
         "terme sans autre formalité. Aucune reconduction tacite ne pourra être invoquée."),
        ("Durée", "Conclu pour {term} {entry_from}, le Contrat ne se renouvelle pas "
                  "automatiquement. Sa prolongation suppose un accord écrit et exprès des "
                  "Parties, formalisé avant l’échéance."),
    ),
    "indefinite": (
        ("Durée", "Le Contrat est conclu pour une durée indéterminée {entry_from}. Chacune des "
                  "Parties peut y mettre fin à tout moment par lettre recommandée avec avis de "
                  "réception, moyennant un préavis de {notice}."),
        ("Durée – Résiliation", "Le présent contrat prend effet {entry} et se poursuit sans "
                                "limitation de durée. Il peut être résilié par l’une ou l’autre "
                                "des Parties en respectant un préavis de {notice}, notifié par "
                                "écrit."),
    ),
}  # fmt: skip

GROUPS: dict[str, tuple[str, ...]] = {
    "security": ("Sécurité", "Mesures de protection des données"),
    "data_protection": ("Données à caractère personnel", "Clauses relatives au RGPD",
                        "Sous-traitance de données personnelles (article 28 du RGPD)"),
    "transfers": ("Accès internationaux", "Droits étrangers et transferts"),
}  # fmt: skip

CLAUSES: dict[str, tuple[Variant, ...]] = {
    "hds_certificate_scope": (
        ("Qualification de l’hébergeur",
         "{H_} atteste détenir le certificat « hébergeur de données de santé » n° {cert_number}, "
         "émis par {certifier} le {cert_issue} et valable jusqu’au {cert_expiry}, établi selon "
         "le {referential}.\nCe certificat porte sur les six activités énumérées à l’article "
         "R. 1111-9 du code de la santé publique, de la mise à disposition des locaux jusqu’à la "
         "sauvegarde externalisée. {H_} transmet {au_C} toute décision de l’organisme "
         "relative au maintien, à la suspension ou au retrait du certificat."),
        ("Agrément et certification",
         "Référence du certificat HDS : {cert_number}.\nOrganisme ayant délivré le certificat : "
         "{certifier}.\nDate d’émission : {cert_issue} ; échéance : {cert_expiry}.\nActivités "
         "couvertes : hébergement physique et mise à disposition des infrastructures (activités "
         "1 à 4), administration et exploitation du système d’information (activité 5), "
         "sauvegarde externalisée (activité 6).\n{H_} s’oblige à engager le renouvellement de ce "
         "certificat au moins six (6) mois avant son échéance."),
        ("Conformité au référentiel HDS",
         "À la date des présentes, {H} est certifié pour l’hébergement de données de santé à "
         "caractère personnel au titre du {referential}. Le certificat, enregistré sous le "
         "numéro {cert_number}, a été délivré par {certifier} le {cert_issue} ; il arrive à "
         "échéance le {cert_expiry}. Il couvre l’ensemble des prestations rendues au titre du "
         "Contrat. Toute réduction du champ de la certification est signalée {au_C} dans un "
         "délai de huit (8) jours."),
    ),
    "service_description": (
        ("Nature des prestations",
         "{H_} met à la disposition {du_C} une plateforme d’hébergement infogérée destinée à son "
         "logiciel de dossier patient et à ses applications d’imagerie. La prestation comprend "
         "la fourniture des capacités de calcul et de stockage, la supervision, la gestion des "
         "sauvegardes et le maintien en condition opérationnelle de l’ensemble.\nLes résultats "
         "attendus sont la disponibilité du service et la préservation de l’intégrité, de la "
         "confidentialité et de l’auditabilité des données hébergées."),
        ("Périmètre de la prestation",
         "Relèvent du périmètre du Contrat :\n– l’hébergement des environnements de production, "
         "de pré-production et de formation du logiciel métier {du_C} ;\n– l’exploitation "
         "courante des systèmes (mises à jour, supervision, gestion des capacités) ;\n– la "
         "conservation de copies de sauvegarde.\nLes objectifs poursuivis sont la disponibilité "
         "du service, l’intégrité et la confidentialité des informations ainsi que leur "
         "auditabilité."),
        ("Contenu du service",
         "Le service consiste à héberger et à exploiter, pour le compte {du_C}, les serveurs "
         "applicatifs et les bases de données de son système d’information de santé. Il inclut "
         "l’assistance technique aux équipes informatiques {du_C} du lundi au vendredi de 8 h à "
         "19 h. Chaque composante du service concourt à ce que les informations restent "
         "accessibles, exactes, secrètes et vérifiables à tout moment."),
    ),
    "hosting_locations": (
        ("Implantation des infrastructures",
         "Les serveurs et les baies de stockage affectés au Contrat sont installés dans les "
         "centres de données de {datacentres}. Les copies de sauvegarde sont conservées sur ces "
         "mêmes sites. {H_} s’interdit d’installer ces équipements, ou de conserver des copies "
         "des données, hors du territoire des États membres de l’Union européenne et des autres "
         "États parties à l’accord sur l’Espace économique européen."),
        ("Où sont conservées les données",
         "Pays d’hébergement : {countries}.\nSites : {datacentres}.\nTout déménagement de "
         "l’hébergement vers un autre site est soumis à l’accord écrit préalable {du_C} et ne "
         "peut viser qu’un site situé dans un État de l’Espace économique européen."),
        ("Territorialité de l’hébergement",
         "{H_} garantit que les données confiées, y compris leurs répliques et leurs "
         "sauvegardes, sont stockées exclusivement dans les pays suivants : {countries}, dans "
         "ses salles de {datacentres}, soit au sein de l’EEE."),
    ),
    "data_subject_rights": (
        ("Demandes des patients",
         "Lorsqu’un patient exerce directement auprès {du_H} l’un des droits que lui reconnaît "
         "le RGPD (accès, rectification, effacement, limitation, opposition, portabilité), "
         "{H} transmet la demande {au_C} sous trois (3) jours ouvrés et n’y répond pas lui-même. "
         "Il fournit {au_C} les extractions nécessaires, notamment une copie des données dans "
         "un format structuré et couramment utilisé."),
        ("Exercice des droits",
         "{H_} aide {C}, par des moyens techniques et organisationnels appropriés, à donner "
         "suite aux demandes d’exercice des droits des personnes concernées, y compris le droit "
         "à la portabilité de leurs données, dans les délais prévus par la réglementation."),
        ("Droits des personnes",
         "Les fonctions d’export, de rectification et de suppression unitaire des dossiers sont "
         "mises à la disposition {du_C} afin qu’il puisse satisfaire aux demandes des personnes "
         "concernées. Pour une demande de portabilité, {H} produit sous dix (10) jours un "
         "fichier au format JSON ou CSV."),
    ),
    "breach_notification_to_controller": (
        ("Incidents affectant des données personnelles",
         "Dès qu’il a connaissance d’une atteinte à la sécurité entraînant, de manière "
         "accidentelle ou illicite, la destruction, la perte, l’altération, la divulgation ou "
         "l’accès non autorisé à des données personnelles, {H} en avertit {C} sans tarder et "
         "au plus tard {breach} après cette prise de connaissance.\nL’avertissement est "
         "accompagné des éléments permettant {au_C} de satisfaire à ses propres obligations "
         "déclaratives : nature de l’atteinte, données et personnes touchées, conséquences "
         "probables, mesures prises."),
        ("Violation de données à caractère personnel",
         "{H_} notifie {au_C} toute violation de données à caractère personnel dans un délai "
         "maximal de {breach} suivant sa découverte, par écrit et par téléphone. La notification "
         "est complétée au fur et à mesure des informations disponibles."),
        ("Alerte de sécurité",
         "Toute compromission, même suspectée, de données personnelles traitées pour le compte "
         "{du_C} est portée à sa connaissance dans les {breach} qui suivent sa détection. "
         "{H_} documente chaque compromission (faits, effets, mesures correctives) et tient "
         "cette documentation à la disposition {du_C}."),
    ),
    "dpo_audit": (
        ("Contrôle par le DPD",
         "Le délégué à la protection des données (DPD) {du_C}, ou tout tiers indépendant qu’il "
         "désigne, peut vérifier sur pièces et sur place le respect par {H} de ses engagements "
         "en matière de données personnelles. Le contrôle est annoncé quinze (15) jours ouvrés "
         "à l’avance ; il peut être mené une fois par an et, en outre, après tout incident grave. "
         "{H_} remet au DPD, à sa demande, la synthèse de son dernier rapport d’évaluation "
         "technique, datant de moins de trois (3) ans."),
        ("Vérifications de conformité",
         "{C_} peut faire procéder, à ses frais, à des vérifications de conformité des "
         "traitements réalisés pour son compte. Ces vérifications sont conduites par son délégué "
         "à la protection des données ou par un cabinet mandaté tenu au secret, après un "
         "préavis écrit d’un (1) mois. {H_} donne accès aux locaux, aux documents et aux "
         "personnes utiles et collabore de bonne foi aux opérations."),
        ("Audits",
         "{H_} se soumet aux audits diligentés par {C} afin de contrôler le respect du présent "
         "Contrat et de l’article 28 du RGPD. Les modalités de conduite de ces audits par le "
         "délégué à la protection des données {du_C} sont les suivantes : demande motivée, "
         "préavis de vingt (20) jours, durée limitée à trois (3) jours sur site, rapport "
         "transmis aux deux Parties."),
    ),
    "contractual_contact": (
        ("Correspondant incidents",
         "Pour toute question relative à un incident touchant les données hébergées, {H} "
         "s’adresse au correspondant désigné par {C} : {contact_name}, {contact_role} – "
         "courriel : {contact_email} – téléphone : {contact_phone}. Toute modification de ces "
         "coordonnées est notifiée par écrit."),
        ("Interlocuteurs",
         "{C_} désigne {contact_name}, {contact_role}, comme référent pour le traitement des "
         "incidents ({contact_email} ; {contact_phone}). En cas d’absence, les alertes sont "
         "transmises à son suppléant, dont l’identité est communiquée lors de la réunion de "
         "lancement."),
        ("Organisation de la relation",
         "Chaque Partie désigne un représentant chargé du suivi du Contrat. Du côté {du_C}, la "
         "personne à prévenir en cas d’incident affectant les données de santé est "
         "{contact_name}, {contact_role}, joignable au {contact_phone} et à l’adresse "
         "{contact_email}."),
    ),
    "quality_performance_indicators": (
        ("Engagements de qualité de service",
         "{H_} s’engage sur les niveaux de qualité décrits à {sla_annex}, qui précise pour "
         "chaque indicateur la valeur visée, la valeur garantie et la fréquence de mesure. Un "
         "tableau de bord est adressé chaque mois {au_C}.\nLorsque la valeur garantie n’est pas "
         "atteinte sur la période de mesure, {H} verse des pénalités calculées selon le barème "
         "de {sla_annex}, plafonnées à dix pour cent (10 %) de la redevance annuelle."),
        ("Mesure de la performance",
         "Les indicateurs ci-dessous sont mesurés chaque mois, hors fenêtres de maintenance "
         "planifiée annoncées au moins cinq (5) jours ouvrés à l’avance :\n[SLA_TABLE]\nLe "
         "dépassement d’un seuil garanti donne lieu à un avoir égal au pourcentage indiqué de la "
         "redevance du mois concerné."),
        ("Niveaux d’engagement",
         "Le taux de disponibilité de la plateforme est garanti à 99,8 % par mois calendaire. "
         "Les délais d’intervention et de rétablissement, les valeurs cibles et garanties ainsi "
         "que la périodicité de mesure de chaque indicateur figurent à {sla_annex}. Chaque "
         "manquement constaté ouvre droit au profit {du_C} aux pénalités prévues par cette "
         "annexe."),
    ),
    "subcontracting_external_providers": (
        ("Recours à des tiers",
         "{H_} ne peut confier tout ou partie de l’exécution des prestations à un tiers qu’après "
         "en avoir informé {C} par écrit au moins un (1) mois à l’avance ; {C} peut s’y opposer "
         "pour un motif légitime pendant ce délai. Les tiers retenus à la date de signature sont "
         "énumérés à {subproc_annex}.\nChaque tiers est lié {au_H} par un contrat lui imposant "
         "des obligations de protection des données au moins équivalentes à celles du présent "
         "Contrat ; ceux qui hébergent ou exploitent des données de santé sont titulaires d’un "
         "certificat HDS couvrant les activités qui leur sont confiées."),
        ("Sous-traitants ultérieurs",
         "{C_} donne une autorisation générale au recours à des sous-traitants ultérieurs, sous "
         "réserve d’une information préalable de toute adjonction ou de tout remplacement et de "
         "son droit d’objection. La liste figure à {subproc_annex}. {H_} demeure pleinement "
         "responsable de leurs manquements et s’assure que chacun d’eux est certifié HDS pour "
         "les activités qu’il exerce."),
        ("Intervenants techniques",
         "Les prestataires techniques auxquels {H} fait appel (exploitant de centre de données, "
         "support) sont identifiés à {subproc_annex}, qui précise leur rôle, leur implantation "
         "et leur certification HDS, dont chacun est titulaire. Aucun nouvel intervenant ne peut "
         "accéder aux données sans l’accord écrit préalable {du_C}. {H_} répercute sur chacun "
         "les engagements souscrits au titre du Contrat."),
    ),
    "subcontracting_external_providers+uncertified": (
        ("Recours à des tiers",
         "{H_} peut faire intervenir des prestataires techniques, après information écrite "
         "préalable {du_C}, qui dispose de quinze (15) jours pour s’y opposer. La liste des "
         "prestataires, leurs missions et leur situation au regard de la certification HDS "
         "figurent à {subproc_annex}. {H_} impose à chacun, par contrat, des garanties de "
         "protection des données équivalentes à celles du Contrat."),
        ("Sous-traitants ultérieurs",
         "Les sous-traitants ultérieurs autorisés à la date de signature, leur rôle et leur "
         "statut de certification sont indiqués à {subproc_annex}. Tout changement fait l’objet "
         "d’une information préalable {du_C}, qui peut formuler des objections motivées. {H_} "
         "reste responsable envers {C} de l’exécution de leurs obligations."),
        ("Intervenants techniques",
         "{H_} s’appuie sur les intervenants énumérés à {subproc_annex}. Il leur transmet par "
         "contrat les obligations du présent Contrat relatives à la protection des données et "
         "informe {C} de tout ajout ou remplacement, {C} pouvant s’y opposer dans un délai d’un "
         "(1) mois."),
    ),
    "access_control": (
        ("Droits d’accès aux données hébergées",
         "Seuls les collaborateurs {du_H} dont les fonctions le justifient disposent d’un droit "
         "d’accès aux données hébergées, attribué nominativement et retiré dès leur changement "
         "de poste. Les interventions à distance passent par une passerelle d’administration "
         "exigeant une authentification à deux facteurs. Chaque connexion est enregistrée ; {C} "
         "peut obtenir l’extraction des enregistrements le concernant pour les douze (12) "
         "derniers mois."),
        ("Politique d’habilitation",
         "{H_} tient à jour la liste des personnes habilitées à intervenir sur les systèmes "
         "{du_C} et la lui communique chaque trimestre. Les comptes à privilèges font l’objet "
         "d’une revue semestrielle. Les actions réalisées sur les données sont tracées de "
         "manière horodatée et imputable, et les traces sont conservées six (6) mois au moins."),
        ("Qui peut accéder aux données",
         "L’accès aux données est réservé aux administrateurs {du_H} figurant sur une liste "
         "validée par {C}, selon le principe du besoin d’en connaître. Toute consultation des "
         "contenus applicatifs par un administrateur nécessite l’accord préalable {du_C}, sauf "
         "urgence justifiée a posteriori. Les journaux de connexion sont consultables par {C} "
         "sur simple demande."),
    ),
    "technical_changes_obligations": (
        ("Évolution de l’infrastructure",
         "{H_} peut faire évoluer les composants techniques de la plateforme pour tenir compte "
         "de l’état de l’art ou d’une obligation légale. Il en avertit {C} par écrit au moins un "
         "(1) mois à l’avance. Une évolution qui réduirait les niveaux de service ou les "
         "garanties de sécurité prévus au Contrat ne peut être déployée sans l’accord préalable "
         "et exprès {du_C}."),
        ("Modifications du service",
         "Toute modification substantielle des moyens techniques affectés au service est "
         "présentée {au_C} avec son calendrier et son impact. Si elle est de nature à amoindrir "
         "les engagements souscrits, elle est subordonnée à l’accord écrit {du_C}, qui peut à "
         "défaut mettre fin au Contrat sans frais."),
        ("Changements techniques",
         "Les changements techniques planifiés sont annoncés {au_C} quinze (15) jours à "
         "l’avance, avec une description de leurs effets. Aucun changement entraînant une baisse "
         "des niveaux de performance ou des garanties contractuelles n’est mis en œuvre sans que "
         "{C} y ait préalablement consenti par écrit."),
    ),
    "default_guarantees": (
        ("Défaillance du prestataire",
         "Si {H} se trouve dans l’incapacité durable d’exécuter le Contrat, notamment en cas de "
         "redressement ou de liquidation judiciaire, {C} obtient sans délai la remise des "
         "dernières sauvegardes complètes, déposées chaque semaine auprès d’un tiers de "
         "confiance. {H_} justifie chaque année d’une assurance couvrant les conséquences d’une "
         "interruption prolongée du service."),
        ("Continuité de service",
         "{H_} maintient un plan de reprise d’activité fondé sur une infrastructure de secours "
         "distincte de l’infrastructure principale, sur laquelle les données sont répliquées en "
         "continu. Le basculement est testé deux fois par an. Les objectifs de reprise sont de "
         "quatre (4) heures pour le service et d’une (1) heure pour les données, y compris en "
         "cas de sinistre majeur affectant {H}."),
        ("Garanties financières et techniques",
         "Pour couvrir une éventuelle défaillance de sa part, {H} a souscrit une garantie à "
         "première demande de cent mille (100 000) euros au profit {du_C} et s’engage à "
         "faciliter la reprise de l’exploitation par un tiers désigné par {C}, auquel il "
         "communique sans délai la documentation d’exploitation à jour."),
    ),
    "purpose_limitation": (
        ("Usage des données",
         "{H_} ne traite les données confiées que pour les besoins de l’hébergement décrit au "
         "Contrat. Toute autre utilisation, pour son propre compte ou celui d’un tiers, à "
         "quelque fin que ce soit, y compris sous forme anonymisée, agrégée ou pseudonymisée, "
         "lui est interdite."),
        ("Finalité exclusive",
         "Les données restent la propriété {du_C}. Il est interdit {au_H} de les exploiter, de "
         "les analyser, de les croiser avec d’autres données ou de les communiquer à des tiers "
         "pour une autre fin que l’hébergement."),
        ("Absence de réutilisation",
         "{H_} s’interdit toute réutilisation des informations hébergées, notamment à des fins "
         "commerciales, publicitaires, statistiques ou d’entraînement d’algorithmes."),
    ),
    "reversibility": (
        ("Plan de sortie",
         "À la fin du Contrat, quelle qu’en soit la cause, y compris une résiliation anticipée, "
         "{H} remet {au_C} ou au prestataire qu’il désigne l’intégralité des données hébergées, "
         "dans un format ouvert et documenté (SQL, CSV, XML) et, pour les serveurs virtuels, au "
         "format OVA. La remise intervient dans les vingt (20) jours ouvrés suivant la demande ; "
         "elle est facturée selon le bordereau de prix annexé à l’offre.\nUne fois la remise "
         "validée par {C}, {H} efface toutes les copies, sauvegardes comprises, et adresse "
         "{au_C} un procès-verbal d’effacement."),
        ("Transition en fin de contrat",
         "Trois (3) mois avant le terme du Contrat, ou dès la notification d’une résiliation, les "
         "Parties arrêtent un plan de transition. {H_} s’engage à transférer la totalité des "
         "données et des journaux vers l’environnement choisi par {C}, dans des formats "
         "standards permettant leur réutilisation immédiate, pour un prix forfaitaire de {fee} "
         "euros hors taxes et dans un délai de trente (30) jours. Il détruit ensuite l’ensemble "
         "des copies restantes et en apporte la preuve par une attestation."),
        ("Réversibilité des données",
         "La réversibilité est due en fin de Contrat comme en cas de rupture anticipée. Elle "
         "comprend la restitution complète des données dans des formats lisibles et "
         "exploitables, la migration des machines virtuelles si {C} le demande et la destruction "
         "des copies après restitution, attestée par un certificat. Les délais (quarante-cinq "
         "(45) jours au plus) et les coûts (au tarif horaire en vigueur) sont précisés au plan "
         "de réversibilité établi conjointement."),
    ),
    "non_eea_access_safeguards": (
        ("Interventions depuis l’étranger",
         "Aucune opération sur les données hébergées, y compris une simple consultation à des "
         "fins de maintenance, n’est effectuée depuis un pays extérieur à l’Espace économique "
         "européen. Si {H} envisageait de telles opérations, il devrait obtenir au préalable "
         "l’accord écrit {du_C} et les fonder sur une décision d’adéquation ou sur des garanties "
         "appropriées au sens du RGPD."),
        ("Accès hors Union",
         "{H_} certifie que ses équipes et celles de ses sous-traitants n’interviennent sur les "
         "données que depuis l’Union européenne. Aucun accès distant depuis un pays tiers n’est "
         "autorisé."),
        ("Transferts de données",
         "Les données ne font l’objet d’aucun transfert ni d’aucun accès depuis un pays tiers à "
         "l’EEE. Toute dérogation future requerra l’autorisation préalable {du_C} et la mise en "
         "place de clauses contractuelles types."),
    ),
    "non_eea_access_safeguards+access": (
        ("Interventions depuis l’étranger",
         "Le centre de support de deuxième niveau {du_H}, implanté à Rabat ({access_country}), "
         "peut intervenir à distance sur les serveurs hébergeant les données, sans les copier ni "
         "les stocker localement. Ce pays n’ayant pas fait l’objet d’une décision d’adéquation "
         "de la Commission européenne, ces interventions sont encadrées par les clauses "
         "contractuelles types et des mesures complémentaires : chiffrement, passerelle "
         "d’administration située dans l’EEE, enregistrement des sessions."),
        ("Accès distant hors EEE",
         "{C_} est informé que des opérations de maintenance sont réalisées à distance depuis "
         "Rabat ({access_country}), pays tiers dépourvu de décision d’adéquation. Ces accès "
         "reposent sur des garanties appropriées au sens de l’article 46 du RGPD (clauses "
         "contractuelles types) et n’emportent aucun stockage de données hors de l’Espace "
         "économique européen."),
        ("Transferts de données",
         "Seule l’équipe de support située à Rabat ({access_country}) peut accéder aux systèmes, "
         "exclusivement à distance et pour les besoins de la maintenance. Cet accès est couvert "
         "par les clauses contractuelles types de la Commission européenne, complétées d’une "
         "analyse d’impact des transferts tenue à la disposition {du_C}."),
    ),
    "non_eea_access_safeguards+stored": (
        ("Transferts hors EEE",
         "Les données conservées dans des pays situés hors de l’Espace économique européen "
         "({non_eea_countries}), ainsi que les accès qui s’y rapportent, sont encadrés par une "
         "décision d’adéquation lorsqu’elle existe et, à défaut, par les clauses contractuelles "
         "types de la Commission européenne."),
        ("Pays tiers",
         "{C_} est informé que des données sont transférées vers un pays tiers "
         "({non_eea_countries}) et y sont accessibles. Le transfert est fondé sur une décision "
         "d’adéquation de la Commission européenne ou, à défaut, sur des clauses contractuelles "
         "types."),
        ("Accès et transferts internationaux",
         "Les opérations réalisées sur les données stockées hors de l’EEE ({non_eea_countries}) "
         "reposent sur des garanties appropriées au sens de l’article 46 du RGPD. {H_} tient à "
         "la disposition {du_C} l’évaluation des risques liés à ces transferts."),
    ),
    "extraterritorial_law_exposure": (
        ("Lois étrangères",
         "{H_} déclare que ni lui ni ses sous-traitants ne relèvent d’une loi d’un État non "
         "membre de l’Union européenne permettant à une autorité étrangère d’exiger la "
         "communication des données hébergées : son capital et ses organes de direction sont "
         "européens. Il s’engage à informer {C} dans le mois de tout événement susceptible de "
         "modifier cette situation."),
        ("Immunité aux réglementations extra-européennes",
         "Liste des législations non européennes auxquelles {H} ou ses sous-traitants sont "
         "soumis : aucune. Risque résiduel d’accès par une autorité étrangère : néant au regard "
         "de la structure actionnariale actuelle."),
        ("Exposition à des droits étrangers",
         "Ni {H} ni aucun de ses sous-traitants n’est soumis à une réglementation "
         "extra-européenne à portée extraterritoriale telle que le CLOUD Act ; aucune mesure "
         "d’atténuation n’est donc requise. {H_} s’oblige à notifier {au_C} tout changement de "
         "contrôle."),
    ),
    "extraterritorial_law_exposure+exposed": (
        ("Lois étrangères",
         "{H_} appartient à un groupe dont la société mère relève du droit des États-Unis ; il "
         "peut de ce fait être destinataire de demandes fondées sur le CLOUD Act ou sur la "
         "section 702 du FISA. Pour en réduire la portée, les données sont chiffrées avec des "
         "clés détenues par {C} et toute demande est contestée. Un risque résiduel de "
         "communication des données à une autorité étrangère subsiste."),
        ("Exposition à des droits étrangers",
         "Législations extra-européennes applicables : CLOUD Act (États-Unis), FISA section 702. "
         "Mesures d’atténuation : chiffrement de bout en bout, gestion des clés par {C}, revue "
         "juridique de chaque demande. Risques résiduels : accès possible aux données stockées "
         "hors de l’EEE ({non_eea_countries})."),
        ("Droit extra-européen",
         "L’un des sous-traitants ultérieurs {du_H} est la filiale d’une société américaine et "
         "peut être soumis au CLOUD Act. Les mesures d’atténuation retenues (chiffrement, "
         "cloisonnement, information {du_C}) ne suppriment pas totalement le risque résiduel "
         "d’un accès non autorisé."),
    ),
    "transfer_mapping_public_url": (
        ("Transparence sur les garanties",
         "{H_} publie à l’adresse {url} le tableau de présentation de ses garanties prévu par "
         "le référentiel HDS, qui recense les acteurs intervenant dans la prestation, leurs "
         "certifications et les éventuels accès depuis des pays tiers. Ce tableau est mis à jour "
         "à chaque changement et au minimum une fois par an."),
        ("Informations publiques",
         "La page {url} présente, pour chaque intervenant, son rôle, ses certifications (HDS, "
         "SecNumCloud), les activités exercées et sa situation au regard des exigences 29 et 30 "
         "du référentiel HDS. {C_} est averti par courriel de toute mise à jour de cette page."),
        ("Cartographie",
         "Une cartographie des flux et des accès aux données, conforme au chapitre 8 du "
         "référentiel HDS, est accessible en permanence à l’adresse {url}."),
    ),
    "gdpr_processing_details": (
        ("Caractéristiques du traitement",
         "Objet : hébergement et exploitation du système d’information de santé {du_C}.\n"
         "Durée : celle du Contrat.\nNature : stockage, sauvegarde, restauration, supervision.\n"
         "Finalité : assurer la conservation sécurisée et la disponibilité des dossiers des "
         "patients.\nDonnées : identité, coordonnées, numéro d’inscription au répertoire (NIR), "
         "données de santé.\nPersonnes concernées : patients, résidents, professionnels de "
         "santé."),
        ("Description du traitement confié",
         "Le traitement confié porte sur les données d’identification et de santé des patients "
         "{du_C} et sur les données professionnelles de ses personnels. Il consiste à stocker, "
         "sauvegarder et maintenir accessibles ces données pendant la durée du Contrat, afin de "
         "permettre {au_C} d’assurer la prise en charge des patients. {C_} en détermine seul "
         "les finalités et les moyens essentiels."),
        ("Fiche descriptive du traitement",
         "Activité de traitement : hébergement de données de santé.\nCatégories de personnes : "
         "patients et usagers, professionnels de santé.\nCatégories de données : état civil, "
         "coordonnées, NIR, données médicales, données de facturation.\nOpérations : "
         "enregistrement, conservation, sauvegarde, restauration.\nDurée : toute la durée du "
         "Contrat.\nFinalité : mettre à la disposition {du_C} ses applications de soins."),
    ),
    "gdpr_documented_instructions": (
        ("Instructions du responsable de traitement",
         "{H_} agit uniquement sur instruction écrite {du_C}, y compris pour tout transfert de "
         "données hors de l’Union européenne, sauf obligation légale dont il informe {C} avant "
         "le traitement. Il alerte immédiatement {C} si une instruction lui semble contraire au "
         "RGPD ou au droit national."),
        ("Cadre des instructions",
         "Le Contrat et ses annexes constituent les instructions documentées {du_C}. Toute "
         "instruction complémentaire est adressée par écrit. {H_} signale sans délai toute "
         "instruction qu’il estime illicite au regard de la réglementation sur la protection des "
         "données."),
        ("Traitement sur ordre",
         "Les opérations réalisées par {H} sur les données le sont exclusivement sur ordre "
         "documenté {du_C}. Lorsqu’il considère qu’un ordre méconnaît la réglementation "
         "applicable, {H} en avertit immédiatement {C} et peut en suspendre l’exécution."),
    ),
    "gdpr_personnel_confidentiality": (
        ("Obligations du personnel",
         "Les salariés {du_H} appelés à traiter les données sont soumis à une clause de "
         "confidentialité figurant dans leur contrat de travail ou dans un engagement "
         "spécifique, qui survit à la fin de leurs fonctions. Ils sont sensibilisés chaque année "
         "à la protection des données de santé."),
        ("Secret professionnel",
         "Toute personne agissant sous l’autorité {du_H} et ayant accès aux données est tenue au "
         "secret professionnel prévu à l’article L. 1110-4 du code de la santé publique et s’y "
         "engage par écrit."),
        ("Discrétion des intervenants",
         "{H_} veille à ce que les personnes autorisées à intervenir sur les données aient "
         "souscrit un engagement de discrétion ou soient tenues à une obligation légale "
         "équivalente, et en justifie à première demande {du_C}."),
    ),
    "gdpr_security_measures": (
        ("Sécurité des traitements",
         "Conformément à l’article 32 du RGPD, {H} applique les mesures décrites dans son plan "
         "d’assurance sécurité : chiffrement des données au repos et en transit, cloisonnement "
         "des environnements, durcissement des systèmes, détection des intrusions, sauvegardes "
         "chiffrées et tests réguliers de restauration. Ces mesures sont réexaminées au moins "
         "une fois par an."),
        ("Protection des informations",
         "{H_} met en œuvre des moyens techniques et organisationnels proportionnés aux risques : "
         "chiffrement AES-256, protocoles TLS 1.2 et supérieurs, correctifs de sécurité "
         "appliqués sous trente (30) jours, tests d’intrusion annuels par un prestataire "
         "qualifié et procédure d’évaluation régulière de l’efficacité de ces moyens."),
        ("Mesures techniques et organisationnelles",
         "Les mesures garantissant la confidentialité, l’intégrité, la disponibilité et la "
         "résilience des systèmes sont les suivantes : pseudonymisation et chiffrement, capacité "
         "de rétablir l’accès aux données en cas d’incident physique ou technique, procédure de "
         "test et d’évaluation régulière de leur efficacité."),
    ),
    "gdpr_assist_art32_36": (
        ("Coopération avec le responsable de traitement",
         "{H_} apporte {au_C} l’aide nécessaire à la réalisation de ses analyses d’impact "
         "relatives à la protection des données et, si la CNIL doit être consultée "
         "préalablement, lui fournit les informations techniques utiles. Il l’assiste également "
         "dans le respect de ses obligations au titre des articles 32 à 36 du RGPD."),
        ("Aide à la conformité",
         "Sur demande, {H} communique {au_C} la documentation permettant de mener une AIPD et "
         "participe aux ateliers d’analyse des risques. Cette assistance couvre les obligations "
         "des articles 32 à 36 du RGPD."),
        ("Assistance",
         "Compte tenu de la nature du traitement, {H} aide {C} à garantir le respect des "
         "obligations relatives à la sécurité du traitement, aux analyses d’impact et à la "
         "consultation préalable de l’autorité de contrôle."),
    ),
    "patient_information": (
        ("Information des personnes prises en charge",
         "Il incombe {au_C} d’informer les patients, avant tout hébergement, que leurs données "
         "sont confiées à un hébergeur certifié et qu’ils peuvent s’y opposer pour un motif "
         "légitime. {H_} lui remet à cet effet un modèle de notice."),
        ("Information préalable",
         "{C_} porte à la connaissance des patients, notamment par voie d’affichage et dans le "
         "livret d’accueil, l’hébergement externalisé de leurs données de santé et recueille "
         "leurs éventuelles oppositions pour motif légitime."),
        ("Transparence envers les patients",
         "Conformément à l’article L. 1111-8 du code de la santé publique, les personnes "
         "concernées sont informées par {C} du recours {au_H} et de leur droit d’opposition "
         "pour motif légitime."),
    ),
}  # fmt: skip

NON_COMPLIANT: dict[str, tuple[Variant, ...]] = {
    "hosting_locations": (
        ("Implantation des infrastructures",
         "Les serveurs affectés au Contrat sont répartis entre les centres de données de "
         "{datacentres}. Afin d’optimiser ses coûts, {H} peut répliquer les données et leurs "
         "sauvegardes d’un site à l’autre, quel que soit le pays où il se situe."),
        ("Pays d’hébergement",
         "Les données sont conservées dans les pays suivants : {countries}. Les sites utilisés "
         "sont ceux de {datacentres}. {C_} reconnaît que certains de ces sites sont situés hors "
         "de l’Union européenne."),
    ),
    "breach_notification_to_controller": (
        ("Incidents affectant des données personnelles",
         "Lorsque {H} constate une atteinte à la sécurité des données personnelles, il en "
         "informe {C} dans un délai de {breach} à compter de la fin de ses investigations, par "
         "tout moyen écrit."),
        ("Violation de données",
         "{H_} communique {au_C} un rapport sur chaque violation de données à caractère "
         "personnel dans un délai de {breach} après sa clôture."),
    ),
    "purpose_limitation": (
        ("Usage des données",
         "{C_} concède {au_H} le droit d’utiliser les données hébergées, une fois "
         "pseudonymisées, pour produire des études statistiques et améliorer ses services. Les "
         "résultats de ces travaux appartiennent {au_H}."),
        ("Valorisation des données",
         "{H_} est autorisé à exploiter les données hébergées, sous forme agrégée, pour "
         "développer de nouveaux produits et entraîner ses modèles d’analyse."),
    ),
    "reversibility": (
        ("Plan de sortie",
         "À la fin du Contrat, {H} peut accompagner {C} dans la récupération de ses données. Le "
         "format, le calendrier et le prix de cet accompagnement sont arrêtés par {H} à sa seule "
         "discrétion. Les copies de sauvegarde sont conservées selon la politique interne "
         "{du_H}."),
        ("Fin des relations",
         "À l’expiration du Contrat, la remise des données est effectuée selon les modalités "
         "techniques, les délais et les conditions financières fixés discrétionnairement par "
         "{H}, sans engagement de destruction des copies."),
    ),
}  # fmt: skip

#: Sentences of an article whose substance is in an annex (``{annex}``: « l’annexe 3 »).
REFERRALS: dict[str, str] = {
    "hds_certificate_scope": "Les caractéristiques du certificat HDS détenu par {H} (numéro, "
    "organisme, dates de délivrance et d’échéance, activités couvertes) figurent à {annex}.",
    "access_control": "Les règles d’attribution des habilitations et de traçabilité des accès "
    "aux données hébergées sont définies à {annex}.",
    "default_guarantees": "Les garanties couvrant une éventuelle défaillance {du_H} sont "
    "décrites à {annex}.",
    "reversibility": "La réversibilité est traitée à {annex}.",
    "gdpr_processing_details": "Les caractéristiques du traitement (objet, durée, nature, "
    "finalité, catégories de données et de personnes) sont décrites à {annex}.",
    "gdpr_security_measures": "Les mesures techniques et organisationnelles de sécurité "
    "figurent à {annex}.",
    "quality_performance_indicators": "Les niveaux de service et les pénalités associées sont "
    "définis à {annex}.",
}
ANNEX_TITLES: dict[str, str] = {
    "hds_certificate_scope": "Certificat HDS de l’hébergeur",
    "access_control": "Politique d’habilitation et de traçabilité",
    "default_guarantees": "Continuité et garanties",
    "reversibility": "Plan de réversibilité",
    "gdpr_processing_details": "Description du traitement",
    "gdpr_security_measures": "Plan d’assurance sécurité",
    "quality_performance_indicators": "Niveaux de service",
}

DOCUMENTS: Variant = (
    "Documents contractuels",
    "Le Contrat est constitué, par ordre de priorité décroissant, du présent document et des "
    "annexes suivantes :",
)
DPA_ANNEX: Variant = (
    "Accord de traitement des données à caractère personnel",
    "La présente annexe précise les obligations des Parties au titre de l’article 28 du RGPD. "
    "Elle fait partie intégrante du Contrat.",
)

FILLERS: dict[str, tuple[Variant, ...]] = {
    "definitions": (
        ("Définitions",
         "Les termes suivants ont, dans le Contrat, le sens qui leur est donné ci-après :\n"
         "– « Données » : les données de santé à caractère personnel hébergées pour le compte "
         "{du_C} ;\n– « Incident » : tout événement interrompant ou dégradant le service ;\n"
         "– « RGPD » : le règlement (UE) 2016/679 du 27 avril 2016."),
        ("Terminologie",
         "Sauf indication contraire, les mots commençant par une majuscule ont le sens défini "
         "au présent article. « Service » désigne l’ensemble des prestations décrites au "
         "Contrat ; « Jour ouvré » désigne un jour du lundi au vendredi, hors jours fériés."),
    ),
    "purpose": (
        ("Objet",
         "Le Contrat définit les conditions techniques, juridiques et financières dans "
         "lesquelles {H} héberge, pour le compte {du_C}, des données de santé à caractère "
         "personnel, en application de l’article L. 1111-8 du code de la santé publique."),
        ("Objet du contrat",
         "Le présent contrat a pour objet de confier {au_H} l’hébergement des données de santé "
         "produites par {C} dans le cadre de ses activités de soins et de suivi des patients."),
    ),
    "price": (
        ("Conditions financières",
         "La redevance mensuelle s’élève à {fee} euros hors taxes. Elle est payable à quarante-"
         "cinq (45) jours fin de mois. Les comptes annuels {du_H} sont certifiés par son "
         "commissaire aux comptes ; {C} ne dispose d’aucun droit d’audit des comptes ni de "
         "contrôle de la comptabilité {du_H}."),
        ("Prix",
         "Le prix des prestations figure au bordereau de prix unitaires. Il est ferme la "
         "première année puis révisé annuellement selon l’indice Syntec. {H_} communique chaque "
         "année {au_C} ses indicateurs financiers (chiffre d’affaires, effectif) pour "
         "information."),
    ),
    "liability": (
        ("Responsabilité",
         "La responsabilité de chaque Partie est limitée aux dommages directs. Le plafond de "
         "responsabilité {du_H} est fixé au montant des redevances versées au cours des vingt-"
         "quatre (24) derniers mois, sauf faute lourde ou manquement aux obligations relatives "
         "aux données personnelles."),
    ),
    "insurance": (
        ("Assurance",
         "{H_} est titulaire d’une assurance responsabilité civile professionnelle couvrant les "
         "dommages causés aux tiers dans l’exercice de son activité, à hauteur de trois millions "
         "d’euros par année d’assurance."),
    ),
    "termination": (
        ("Résiliation pour manquement",
         "En cas de manquement grave d’une Partie non corrigé trente (30) jours après une mise "
         "en demeure, l’autre Partie peut résilier le Contrat de plein droit. À la fin du "
         "Contrat, {C} restitue {au_H} les badges d’accès et les matériels de connexion qui lui "
         "ont été prêtés."),
        ("Fin anticipée",
         "Le Contrat peut être résilié par anticipation en cas de manquement grave, après mise "
         "en demeure restée sans effet pendant un (1) mois, ou en cas de perte de la "
         "certification {du_H}."),
    ),
    "law": (
        ("Litiges",
         "Le Contrat est soumis au droit français. Tout différend qui n’aurait pu être réglé "
         "amiablement relève de la compétence du tribunal administratif ou judiciaire "
         "compétent."),
        ("Droit applicable",
         "Le présent contrat est régi par le droit français. Les Parties rechercheront une "
         "solution amiable avant toute action contentieuse."),
    ),
    "onsite": (
        ("Interventions dans les locaux",
         "Le personnel {du_H} appelé à intervenir dans les locaux {du_C} respecte le règlement "
         "intérieur et les consignes de sécurité de l’établissement. L’accès aux locaux est "
         "subordonné à la présentation d’un badge nominatif délivré par {C}."),
    ),
    "confidentiality": (
        ("Confidentialité des informations échangées",
         "Les Parties s’engagent à ne pas divulguer les conditions financières du Contrat, les "
         "offres et la documentation commerciale qu’elles se sont communiquées, pendant toute la "
         "durée du Contrat et deux (2) ans après son terme."),
    ),
    "references": (
        ("Références commerciales",
         "{H_} peut mentionner le nom {du_C} dans ses listes de références, sans autre détail, "
         "sauf opposition écrite {du_C}."),
    ),
}  # fmt: skip

BOILERPLATE: tuple[Variant, ...] = (
    ("Force majeure", "Aucune Partie n’est responsable d’un manquement causé par un événement de "
                      "force majeure au sens de l’article 1218 du code civil."),
    ("Cession", "Le Contrat ne peut être cédé sans l’accord écrit préalable de l’autre Partie."),
    ("Notifications", "Les notifications prévues au Contrat sont faites par lettre recommandée "
                      "avec avis de réception aux adresses indiquées en tête des présentes."),
    ("Intégralité", "Le Contrat exprime l’intégralité de l’accord des Parties sur son objet."),
    ("Tolérance", "Le fait pour une Partie de tolérer un manquement de l’autre ne vaut pas "
                  "renonciation à s’en prévaloir."),
    ("Comité de pilotage", "Un comité de pilotage se réunit deux fois par an pour examiner "
                           "l’exécution du Contrat et le plan de progrès."),
    ("Élection de domicile", "Les Parties élisent domicile en leur siège respectif."),
    ("Langue", "Le Contrat est rédigé en langue française, qui seule fait foi."),
)  # fmt: skip

SIGNATURE_LINES = (
    "Fait en deux exemplaires à {city}, le {signature_date}.",
    "Fait à {city}, le {signature_date}, en deux (2) exemplaires originaux.",
    "Signé électroniquement par les Parties le {signature_date}.",
)
SIGNATURE_BLOCKS = (
    ("Pour {H}", "{host}", "{host_signatory}, {host_role}"),
    ("Pour {C}", "{client}", "{client_signatory}, {client_role}"),
)

SLA_TABLES: tuple[tuple[str, str, tuple[tuple[str, ...], ...]], ...] = (
    ("Engagements de qualité de service",
     "Valeurs mesurées sur le mois calendaire, hors maintenance planifiée.",
     (("Indicateur", "Valeur cible", "Valeur garantie", "Fréquence de mesure", "Pénalité"),
      ("Disponibilité de l’infrastructure", "99,9 %", "99,7 %", "Mensuelle",
       "3 % de la redevance mensuelle par tranche de 0,1 % manquante"),
      ("Prise en compte d’un incident bloquant", "30 min", "1 h", "Mensuelle",
       "1 % par heure de dépassement"),
      ("Rétablissement d’un incident bloquant", "4 h", "8 h", "Mensuelle",
       "2 % par heure de dépassement"),
      ("Restauration d’une sauvegarde à la demande", "4 h", "24 h", "Trimestrielle", "Aucune"))),
    ("Indicateurs de performance",
     "Chaque indicateur est calculé par {H} et présenté au comité de suivi.",
     (("Engagement", "Seuil garanti", "Période de mesure", "Crédit de service"),
      ("Taux de disponibilité du service", "99,8 %", "Mois", "5 % de la redevance"),
      ("Délai de rétablissement (priorité 1)", "6 heures ouvrées", "Mois", "2 % par heure"),
      ("Délai de traitement d’une demande", "2 jours ouvrés", "Trimestre", "Sans objet"))),
)  # fmt: skip

SUBPROC_TITLES = ("Prestataires techniques", "Sous-traitants ultérieurs autorisés")
SUBPROC_HEADERS = (
    ("Prestataire", "Rôle", "Implantation", "Certifié HDS"),
    ("Sous-traitant ultérieur", "Activité confiée", "Pays / site", "Certificat HDS"),
)
OPERATORS = {
    "FR": "Datacentres de l’Ouest SAS", "DE": "Rheinhafen Colocation GmbH",
    "NL": "Zuidas Datacenters B.V.", "BE": "Ardenne Hosting SA", "IE": "Shannon Colo Ltd",
    "ES": "Tajo Centro de Datos S.L.", "IT": "Po Valley Data S.p.A.",
    "LU": "Moselle Datacenter S.A.", "US": "Potomac Data Centers LLC",
}  # fmt: skip


def subprocessor_rows(spec: ContractSpec) -> list[tuple[str, ...]]:
    """One row per storage country, the remote support if any, and the sub-processor without
    HDS certificate when the spec has one."""
    from hdswatch.samples.spec import EEA
    from hdswatch.samples.texts_fr import CITIES, COUNTRY_NAMES

    rows: list[tuple[str, ...]] = [
        (OPERATORS.get(code, f"Opérateur {CITIES[code]}"),
         "Hébergement physique (activité 1)",
         f"{CITIES[code]} ({COUNTRY_NAMES[code]})", "Oui")
        for code in spec.storage_countries
    ]  # fmt: skip
    if spec.non_eea_access and all(code in EEA for code in spec.storage_countries):
        rows.append(("Atlas Support Services SARL", "Support à distance (activité 5)",
                     "Rabat (Maroc)", "Oui"))  # fmt: skip
    if spec.uncertified_subprocessor:
        first = spec.storage_countries[0]
        city = f"{SECOND_CITIES.get(first, 'Lille')} ({_COUNTRIES.get(first, 'France')})"
        rows.append(("Opsium Infogérance SAS",
                     "Exploitation des bases de données hébergées (activité 5)", city,
                     ("Non", "En cours d’obtention")[spec.style_seed % 2]))  # fmt: skip
    return rows


AMENDMENTS: tuple[dict[str, tuple[tuple[str, str], ...]], ...] = (
    {
        "body": (("center", "au contrat n° {ref} conclu le {signature_date} entre {host} et "
                            "{client}"),
                 ("heading", "Article 1 – Modification de la durée")),
        "end": (("para", "L’article {term_article} du Contrat est complété comme suit : « Par "
                         "exception, la période contractuelle en cours s’achèvera le "
                         "{new_end}. »"),),
        "notice": (("para", "Le préavis mentionné à l’article {term_article} est désormais de "
                            "{new_notice}."),),
        "close": (("heading", "Article 2 – Entrée en vigueur"),
                  ("para", "Le présent avenant entre en vigueur à la date de sa signature. Les "
                           "autres stipulations du Contrat demeurent inchangées."),
                  ("para", "Fait à {city}, le {amendment_date}.")),
    },
    {
        "body": (("para", "Entre {host} et {client}, il est convenu de modifier comme suit "
                          "l’article {term_article} (« {term_heading} ») du contrat signé le "
                          "{signature_date}."),),
        "end": (("item", "– Le terme de la période en cours est fixé au {new_end}."),),
        "notice": (("item", "– Le délai de préavis est porté à {new_notice}."),),
        "close": (("para", "Les autres clauses demeurent applicables. Fait à {city}, le "
                           "{amendment_date}, en deux exemplaires."),),
    },
)  # fmt: skip
