"""The contract type read from the document's title: hosting contract, DPA alone, amendment."""

from __future__ import annotations

import pytest

from extractors.contract_type import contract_type, kind_of_title, title_of
from tests.extractors.textlines import parts


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("CONTRAT D’HÉBERGEMENT DE DONNÉES DE SANTÉ À CARACTÈRE PERSONNEL", "hds_hosting"),
        ("HEALTH DATA HOSTING AND MANAGED SERVICES AGREEMENT", "hds_hosting"),
        ("DATA PROCESSING AND HOSTING AGREEMENT (HDS)", "hds_hosting"),
        ("HDS ADDENDUM – SPECIFIC CONDITIONS FOR THE HOSTING OF HEALTH DATA", "hds_hosting"),
        ("CONVENTION DE SERVICES – INFOGÉRANCE DU SYSTÈME D’INFORMATION", "hds_hosting"),
        ("Data Processing Agreement", "dpa"),
        ("Data Processing Addendum", "dpa"),
        ("GitHub Data Protection Agreement", "dpa"),
        ("Accord de sous-traitance au sens de l'article 28 du RGPD", "dpa"),
        ("CONTRAT DE SOUS-TRAITANCE DES DONNÉES PERSONNELLES", "dpa"),
        ("Avenant n° 2 au contrat d'hébergement de données de santé", "amendment"),
        ("AVENANT N°1", "amendment"),
        ("Amendment No. 3 to the Data Processing Agreement", "amendment"),
        ("Addendum No. 1 to the Master Services Agreement", "amendment"),
        ("CO-BRANDING AND ADVERTISING AGREEMENT", None),
        ("Conditions générales d'utilisation", None),
        ("", None),
    ],
)
def test_kind_of_title(title: str, expected: str | None) -> None:
    assert kind_of_title(title) == expected


def test_the_title_is_the_first_heading_not_an_amendment_further_on() -> None:
    sections = parts(
        [
            "ACCORD DE SOUS-TRAITANCE (ARTICLE 28 DU RGPD)",
            "Entre la Clinique du Parc et Nuagesanté SAS.",
            "Article 1 – Objet",
            "Le présent accord encadre le traitement des données personnelles.",
        ],
        [
            "AVENANT N°1 À L'ACCORD DE SOUS-TRAITANCE",
            "L'article 1 est modifié comme suit.",
        ],
    )
    assert title_of(sections) == "ACCORD DE SOUS-TRAITANCE (ARTICLE 28 DU RGPD)"
    assert contract_type(sections) == "dpa"


def test_an_amendment_alone_and_a_document_without_title() -> None:
    amendment = parts(["AVENANT N°2 AU CONTRAT D'HÉBERGEMENT", "L'article 9 est modifié."])
    assert contract_type(amendment) == "amendment"
    assert contract_type(parts(["Article 1 – Objet", "Le présent contrat a pour objet"])) is None
    assert contract_type([]) is None


def test_a_title_set_over_three_lines() -> None:
    sections = parts(
        [
            "CONDITIONS PARTICULIÈRES",
            "D’HÉBERGEMENT DE DONNÉES",
            "DE SANTÉ",
            "Le présent contrat est conclu entre le Centre hospitalier de Bellecombe",
            "Article 1 – Objet",
        ]
    )
    assert title_of(sections) == "CONDITIONS PARTICULIÈRES D’HÉBERGEMENT DE DONNÉES DE SANTÉ"
    assert contract_type(sections) == "hds_hosting"
