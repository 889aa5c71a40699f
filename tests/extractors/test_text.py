"""Document structure: headings, table of contents, articles, numbered clauses, annexes, amendments."""

from __future__ import annotations

import pytest

from extractors.text import annex_numbers, fold, heading_kind, normalise_number, toc_lines
from tests.extractors.textlines import page_lines, parts


def test_fold() -> None:
    assert fold("Réversibilité – l’Hébergeur « HDS »") == 'reversibilite - l\'hebergeur " hds "'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Article 14 – Réversibilité", ("article", "14")),
        ("ARTICLE XIV – RÉVERSIBILITÉ", ("article", "14")),
        ("Article 5.1 – Habilitations", ("clause", "5.1")),
        ("14.2 Restitution des données", ("clause", "14.2")),
        ("3. Term", ("article", "3")),
        ("ANNEXE V – PLAN DE RÉVERSIBILITÉ", ("annex", "5")),
        ("Schedule 2 – List of Sub-processors", ("annex", "2")),
        ("Annexe A : Niveaux de service", ("annex", "a")),
        ("AVENANT N°2 AU CONTRAT D'HÉBERGEMENT", ("amendment", "2")),
        ("Amendment No. 1 to the Hosting Agreement", ("amendment", "1")),
        ("(b) Destruction des copies", ("clause", "b")),
        ("PRÉAMBULE", ("heading", None)),
    ],
)
def test_heading_kind(text: str, expected: tuple[str, str | None]) -> None:
    assert heading_kind(text) == expected


def test_normalise_number() -> None:
    assert [normalise_number(n) for n in ("IV", "xii", "12", "A", "c")] == [
        "4",
        "12",
        "12",
        "a",
        "c",
    ]


def test_a_sentence_citing_an_article_is_not_a_title() -> None:
    found = parts(
        [
            "Article 1 – Objet",
            "Le présent avenant modifie le contrat.",
            "Article 9 du contrat est modifié comme suit :",
            "le préavis est porté à six (6) mois.",
        ]
    )
    assert [(s.kind, s.number) for s in found] == [("article", "1")]
    assert [line.text for line in found[0].lines][
        1
    ] == "Article 9 du contrat est modifié comme suit :"


def test_contents_block_is_left_out_and_its_entries_are_not_clauses() -> None:
    lines = page_lines(
        [
            "CONTRAT D'HÉBERGEMENT",
            "SOMMAIRE",
            "Article 1 – Objet 2",
            "Article 2 – Réversibilité 3",
            "ANNEXE 1 – NIVEAUX DE SERVICE 4",
        ],
        [
            "Article 1 – Objet",
            "Le contrat a pour objet l'hébergement des données de santé du Client.",
            "Article 2 – Réversibilité",
            "À la fin du contrat, l'Hébergeur restitue toutes les données au Client.",
        ],
    )
    assert toc_lines(lines) == {(1, 2), (1, 3), (1, 4), (1, 5)}
    found = parts(*[[line.text for line in lines if line.page == p] for p in (1, 2)])
    headings = [(s.heading.page, s.heading.text) for s in found if s.heading]
    assert headings == [
        (1, "CONTRAT D'HÉBERGEMENT"),
        (2, "Article 1 – Objet"),
        (2, "Article 2 – Réversibilité"),
    ]


def test_dot_leader_entries_are_contents() -> None:
    lines = page_lines(
        ["Article 3 – Durée ........................ 4", "Article 3 – Durée", "Trois ans."]
    )
    assert toc_lines(lines) == {(1, 1)}


def test_numbered_clauses_belong_to_their_article() -> None:
    found = parts(
        [
            "Article 14 – Réversibilité",
            "14.1 Le Prestataire restitue l'ensemble des données dans un format ouvert.",
            "14.2 Il détruit ensuite toutes les copies et en délivre un certificat.",
            "Article 15 – Résiliation",
            "Chaque Partie peut résilier le contrat en cas de manquement.",
        ]
    )
    assert [(s.kind, s.number, s.parent) for s in found] == [
        ("article", "14", None),
        ("clause", "14.1", 0),
        ("clause", "14.2", 0),
        ("article", "15", None),
    ]


def test_annexes_and_amendments_are_marked() -> None:
    found = parts(
        [
            "Article 1 – Objet",
            "Hébergement des données de santé.",
            "ANNEXE 2 – PLAN DE SORTIE",
            "Le plan de sortie prévoit la restitution des données.",
            "AVENANT N°1",
            "Article 1 – Objet",
            "Le présent avenant modifie l'article 3 du contrat.",
        ]
    )
    assert [(s.kind, s.annex, s.part) for s in found] == [
        ("article", None, None),
        ("annex", "2", None),
        ("amendment", None, "AVENANT N°1"),
        ("article", None, "AVENANT N°1"),
    ]
    assert annex_numbers(found) == {"2"}
