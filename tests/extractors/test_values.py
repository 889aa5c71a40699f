"""Values read from hand-written contracts: parties, dates, term, renewal, notice, amendments,
countries, breach delay, sub-processors."""

from __future__ import annotations

from extractors.values import extract_values
from tests.extractors.textlines import parts

FRENCH = [
    "CONTRAT D'HÉBERGEMENT DE DONNÉES DE SANTÉ",
    "ENTRE LES SOUSSIGNÉS :",
    "Nuagesanté SAS, société par actions simplifiée au capital de 150 000 euros,",
    "ci-après dénommée « l'Hébergeur »,",
    "ET",
    "Le Centre hospitalier de Bellecombe, établissement public de santé,",
    "ci-après dénommé « le Client ».",
    "Article 3 – Durée",
    "Le présent contrat entre en vigueur à compter de sa signature pour une durée initiale de",
    "trois (3) ans. Il est reconduit tacitement par périodes successives de douze (12) mois, sauf",
    "dénonciation par lettre recommandée trois mois avant l'échéance.",
    "Article 4 – Certification HDS",
    "L'Hébergeur est titulaire du certificat n° HDS-2024-0457 délivré le 20 décembre 2024 par",
    "AFNOR Certification, valable jusqu'au 19 décembre 2027.",
    "Article 6 – Localisation des données",
    "Les données sont hébergées exclusivement en France et en Allemagne. Le support de niveau 2,",
    "situé au Maroc, peut accéder à distance aux systèmes depuis Rabat (Maroc).",
    "Article 10 – Violations de données",
    "L'Hébergeur notifie au Client toute violation de données dans un délai de quinze (15) jours.",
    "Article 12 – Droit applicable",
    "Le contrat est soumis au droit français ; la loi des États-Unis ne s'applique pas.",
    "Fait à Paris, le 12/03/2024, en deux exemplaires.",
]


def test_french_contract_values() -> None:
    v = extract_values(parts(FRENCH))
    assert (v.host, v.client) == ("Nuagesanté SAS", "Centre hospitalier de Bellecombe")
    assert (v.signature_date, v.effective_date, v.end_date) == (
        "2024-03-12",
        "2024-03-12",
        "2027-03-11",
    )
    assert (v.initial_term and v.initial_term.months, v.tacit_renewal) == (36, True)
    assert v.renewal_term is not None and v.renewal_term.months == 12
    assert v.notice_period is not None
    assert (v.notice_period.amount, v.notice_period.unit, v.notice_period.text) == (
        3,
        "months",
        "trois mois",
    )
    assert (v.hds_certificate_number, v.hds_certifier, v.hds_certificate_expiry) == (
        "HDS-2024-0457",
        "AFNOR Certification",
        "2027-12-19",
    )
    assert v.storage_countries == ["FR", "DE"]
    assert v.non_eea_access is True
    assert v.breach_notification_hours == 360


ENGLISH = [
    "HOSTING AGREEMENT",
    "BETWEEN: Cirrus Medica Hosting B.V., a private limited company (the “Host”),",
    "AND: Polyclinique des Tilleuls, a private health establishment (the “Client”).",
    "3. Term",
    "This Agreement shall enter into force on 1st January 2025 for an initial term of thirty-six",
    "(36) months. It shall not be renewed automatically.",
    "6. Data Location",
    "The Health Data shall be stored solely within the European Economic Area, in Ireland.",
    "No access to the health data, including remote access for support, takes place from a",
    "country outside the European Economic Area.",
    "7. Breach Notification",
    "The Host shall notify the Client of any personal data breach within 48 hours.",
    "SCHEDULE 2 – SUB-PROCESSORS",
    "Sub-processor | Service | Location | HDS certification",
    "Liffey Colo Ltd | Physical hosting | Dublin (Ireland) | Yes",
    "Quick Backup Inc. | Backup | Dublin (Ireland) | No",
    "Signed in Paris, on 10 December 2024, in two original copies.",
]


def test_english_contract_values() -> None:
    v = extract_values(parts(ENGLISH))
    assert (v.host, v.client) == ("Cirrus Medica Hosting B.V.", "Polyclinique des Tilleuls")
    assert (v.signature_date, v.effective_date, v.end_date) == (
        "2024-12-10",
        "2025-01-01",
        "2027-12-31",
    )
    assert (v.tacit_renewal, v.renewal_term, v.notice_period) == (False, None, None)
    assert v.storage_countries == ["IE"]
    assert v.non_eea_access is False
    assert v.breach_notification_hours == 48
    assert v.subprocessors_not_certified == ["Quick Backup Inc."]


def test_notice_worded_in_days_before_the_end() -> None:
    v = extract_values(
        parts(
            [
                "Article 2 – Durée et reconduction",
                "Le contrat prend effet le 1er avril 2024 pour une durée de 36 mois. Il se renouvelle par",
                "tacite reconduction pour des périodes d'un an, sauf préavis notifié au moins",
                "quatre-vingt-dix jours avant l'échéance.",
            ]
        )
    )
    assert v.notice_period is not None
    assert (v.notice_period.days, v.notice_period.text) == (90, "quatre-vingt-dix jours")
    assert v.renewal_term is not None and v.renewal_term.months == 12
    assert v.end_date == "2027-03-31"


def test_notice_after_the_renewal_term_in_the_same_sentence() -> None:
    v = extract_values(
        parts(
            [
                "4. Période contractuelle",
                "La période initiale court à compter du 1er avril 2023 et s’achève le 31 mars 2025.",
                "Le Contrat est ensuite renouvelé automatiquement par périodes successives de douze",
                "(12) mois, à défaut de dénonciation notifiée par l’une ou l’autre des Parties en",
                "respectant un préavis d’un (1) mois.",
            ]
        )
    )
    assert v.notice_period is not None
    assert (v.notice_period.days, v.notice_period.text) == (30, "un (1) mois")
    assert v.renewal_term is not None and v.renewal_term.months == 12


def test_an_amendment_overrides_the_end_date_and_the_notice() -> None:
    v = extract_values(
        parts(
            [
                "Article 3 – Durée",
                "Le contrat prend effet le 1er janvier 2024 pour une durée de deux (2) ans. Il est",
                "reconduit tacitement par périodes d'un (1) an, sauf préavis de trois (3) mois avant",
                "l'échéance.",
                "Fait à Lyon, le 15 décembre 2023.",
            ],
            [
                "AVENANT N°2 AU CONTRAT D'HÉBERGEMENT",
                "au contrat signé le 15 décembre 2023.",
                "Article 1 – Objet",
                "Le présent avenant modifie l'article 3 du Contrat. La période en cours prend fin le",
                "30 juin 2026. Le délai de préavis est porté à six (6) mois.",
                "Fait à Lyon, le 2 mars 2025.",
            ],
        )
    )
    assert v.signature_date == "2023-12-15"
    assert v.end_date == "2026-06-30"
    assert v.notice_period is not None and v.notice_period.months == 6
    assert [(a.title, a.date, a.changes) for a in v.amendments] == [
        ("Avenant n°2", "2025-03-02", ["end_date", "notice_period_days"])
    ]


def test_nothing_is_guessed() -> None:
    v = extract_values(parts(["Article 1 – Objet", "Le contrat porte sur l'hébergement."]))
    assert (v.signature_date, v.end_date, v.notice_period, v.tacit_renewal) == (
        None,
        None,
        None,
        None,
    )
    assert v.storage_countries == []


def test_storage_countries_leave_out_negations_access_and_law() -> None:
    from extractors.locations import storage_and_access

    assert storage_and_access(
        [
            "Les données sont stockées en France et sauvegardées en Belgique.",
            "Aucune donnée n'est stockée aux États-Unis.",
            "L'Hébergeur n'est soumis à aucune loi des États-Unis (Cloud Act).",
            "Le support intervient depuis Rabat (Maroc).",
        ]
    ) == (["FR", "BE"], True)
    assert storage_and_access(["No access to the data takes place from a third country."]) == (
        [],
        False,
    )
