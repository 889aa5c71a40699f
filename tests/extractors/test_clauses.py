"""Clause finding on hand-written contracts: the hard cases of the issue, each checked by hand."""

from __future__ import annotations

from extractors.clauses import find_clauses, load_patterns
from tests.extractors.textlines import parts

IDS = ["reversibility", "dpo_audit", "purpose_limitation", "quality_performance_indicators"]


def test_both_pattern_versions_cover_the_23_clauses() -> None:
    assert len(load_patterns("clauses.v1")) == len(load_patterns("clauses.v2")) == 23


def test_the_same_clause_under_other_words() -> None:
    found = find_clauses(
        parts(
            [
                "Article 18 – Plan de sortie",
                "À l'échéance du contrat, le Prestataire remet au Client l'intégralité des fichiers",
                "dans un format ouvert et détruit toutes les copies dans un délai de trente jours.",
            ]
        ),
        IDS,
    )
    finding = found["reversibility"]
    assert finding.status == "present"
    assert [(e.page, e.line) for e in finding.evidence][:1] == [(1, 1)]


def test_reference_to_an_annex_that_is_not_attached_is_missing() -> None:
    found = find_clauses(
        parts(
            [
                "Article 14 – Réversibilité",
                "La réversibilité est traitée à l'annexe 5.",
                "Article 15 – Résiliation",
                "Chaque Partie peut résilier le contrat en cas de manquement grave de l'autre Partie.",
            ]
        ),
        IDS,
    )
    finding = found["reversibility"]
    assert (finding.status, finding.why) == (
        "missing",
        "la clause renvoie à l'annexe 5, absente du document",
    )


def test_a_clause_split_between_an_article_and_its_annex() -> None:
    found = find_clauses(
        parts(
            [
                "Article 14 – Réversibilité",
                "La réversibilité est traitée à l'annexe 5.",
            ],
            [
                "ANNEXE 5 – PLAN DE RÉVERSIBILITÉ",
                "L'Hébergeur restitue la totalité des données de santé au Client dans un format",
                "standard, puis procède à la destruction de toutes les copies.",
            ],
        ),
        IDS,
    )
    finding = found["reversibility"]
    assert finding.status == "present"
    assert finding.pages == [1, 2]


def test_a_negated_clause_is_missing() -> None:
    found = find_clauses(
        parts(
            [
                "Article 14 – Réversibilité",
                "Le présent contrat ne prévoit pas de réversibilité ; aucune restitution des données",
                "n'est prévue à son terme.",
            ]
        ),
        IDS,
    )
    finding = found["reversibility"]
    assert (finding.status, finding.why) == (
        "missing",
        "le contrat indique que cette clause n'est pas prévue",
    )


def test_an_audit_of_the_accounts_is_not_a_dpo_audit() -> None:
    found = find_clauses(
        parts(
            [
                "Article 21 – Audit",
                "Les comptes annuels de l'Hébergeur font l'objet d'un audit des comptes par un",
                "commissaire aux comptes, dont le rapport est tenu à la disposition du Client.",
            ]
        ),
        IDS,
    )
    assert found["dpo_audit"].status == "missing"


def test_a_dpo_audit_is_present() -> None:
    found = find_clauses(
        parts(
            [
                "Article 10 – Audits",
                "Le Client, ou son délégué à la protection des données, peut faire réaliser un audit",
                "des installations de l'Hébergeur, moyennant un préavis de trente (30) jours.",
            ]
        ),
        IDS,
    )
    assert found["dpo_audit"].status == "present"


def test_secondary_use_allowed_is_non_compliant() -> None:
    found = find_clauses(
        parts(
            [
                "Article 9 – Propriété des données",
                "Les données restent la propriété du Client. L'Hébergeur pourra toutefois utiliser",
                "les données hébergées, après pseudonymisation, à des fins statistiques.",
            ]
        ),
        IDS,
    )
    finding = found["purpose_limitation"]
    assert finding.status == "non_compliant"
    assert finding.why is not None and "EXI 26" in finding.why
    assert (finding.evidence[0].page, finding.evidence[0].line) == (1, 2)


def test_a_prohibition_of_secondary_use_is_compliant() -> None:
    found = find_clauses(
        parts(
            [
                "Article 9 – Interdiction d'utilisation à d'autres fins",
                "L'Hébergeur s'interdit d'utiliser les données de santé hébergées à des fins",
                "statistiques ou commerciales, ou à d'autres fins que l'exécution du contrat.",
            ]
        ),
        IDS,
    )
    assert found["purpose_limitation"].status == "present"


def test_return_left_to_the_host_is_non_compliant() -> None:
    found = find_clauses(
        parts(
            [
                "15. Reversibility",
                "At the end of this Agreement, the Host may offer the Client a data return service.",
                "The formats, timelines and cost of such service shall be determined at the",
                "Host's discretion.",
            ]
        ),
        IDS,
    )
    finding = found["reversibility"]
    assert finding.status == "non_compliant"
    assert finding.why is not None and "EXI 27" in finding.why


def test_a_data_exporter_at_its_election_is_not_a_return_of_data() -> None:
    found = find_clauses(
        parts(
            [
                "12. Return and deletion of data",
                "At the end of the Agreement, the Provider shall return all personal data to the",
                "Client in a standard, structured and machine-readable format within thirty (30)",
                "days, at no extra cost, and shall then delete the existing copies.",
                "During the term, the Provider will, at its election, either provide data exporter",
                "with the ability to correct, delete or block personal data, or make such changes.",
            ]
        ),
        IDS,
    )
    assert found["reversibility"].status == "present"  # "exporter" is a party, not an export


def test_a_title_in_the_contents_is_not_the_clause() -> None:
    found = find_clauses(
        parts(
            [
                "SOMMAIRE",
                "Article 1 – Objet 2",
                "Article 7 – Niveaux de service 4",
                "Article 14 – Réversibilité 6",
            ],
            [
                "Article 1 – Objet",
                "Le contrat a pour objet l'hébergement des données de santé du Client.",
                "Article 7 – Niveaux de service",
                "Le taux de disponibilité garanti est de 99,9 %, mesuré mensuellement ; des pénalités",
                "s'appliquent en cas de manquement.",
            ],
        ),
        IDS,
    )
    assert found["reversibility"].status == "missing"
    assert found["quality_performance_indicators"].pages == [2]
