"""Reading order, running headers/footers, hyphenation, columns and paragraphs, on generated PDFs."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from extractors.layout import body_lines, is_page_number, page_lines, paragraphs
from extractors.pdf import read_pdf
from extractors.types import Word

BODY = [
    ["Article 1 – Objet", "Le contrat porte sur l'hébergement.", "Il vaut pour trois ans."],
    ["Article 2 – Prix", "Le prix est fixé en annexe.", "Il est révisé chaque année."],
    ["Article 3 – Audit", "Le Client peut auditer l'Hébergeur.", "Le rapport lui est remis."],
    ["Article 4 – Fin", "Les données sont restituées.", "Puis elles sont détruites."],
    ["Article 5 – Litiges", "Le tribunal de Paris est compétent.", "Le droit français s'applique."],
    ["Article 6 – Notifications", "Par lettre recommandée.", "Avec accusé de réception."],
    ["Article 7 – Divers", "Le contrat remplace tout accord antérieur.", "Fait à Paris."],
]


def test_running_header_and_page_numbers_are_left_out(make_lines: Callable[..., Path]) -> None:
    path = make_lines(BODY, header="Confidentiel — Nuagesanté SAS", footer="Page {n} / {total}")
    doc = read_pdf(path)
    assert [line.text for line in doc.pages[1].lines] == [
        "Confidentiel — Nuagesanté SAS", *BODY[1], "Page 2 / 7"
    ]  # fmt: skip
    assert [line.text for line in body_lines(doc)] == [text for page in BODY for text in page]


def test_sample_contract_header_and_footer_never_in_body(tmp_path: Path) -> None:
    from hdswatch.samples import demo_specs, write_contract_pdf

    spec = demo_specs(date(2026, 11, 29))[0]
    doc = read_pdf(write_contract_pdf(spec, tmp_path / "c01.pdf"))
    raw = [line.text for line in doc.lines]
    assert raw.count("Confidentiel — Nuagesanté SAS") == len(doc.pages) == 8
    assert "Page 2 / 8" in raw
    body = [line.text for line in body_lines(doc)]
    assert "Confidentiel — Nuagesanté SAS" not in body
    assert not [text for text in body if re.fullmatch(r"Page \d+ / \d+", text)]
    # page 1 ends with its contents, page 2 starts after its header: footer and header are gone
    before = body[body.index("Référence du contrat : CSR-HDS-2026-017") - 1]
    assert before.startswith("ANNEXE 2 – LISTE DES SOUS-TRAITANTS ULTÉRIEURS . . .")


def test_header_of_a_two_page_document(make_lines: Callable[..., Path]) -> None:
    doc = read_pdf(make_lines(BODY[:2], header="Contrat HDS – version du 3 mars 2025"))
    assert [line.text for line in body_lines(doc)] == BODY[0] + BODY[1]


def test_a_number_inside_the_page_is_kept(make_lines: Callable[..., Path]) -> None:
    doc = read_pdf(
        make_lines([["Durée en années :", "3", "Renouvellement :", "1 an"]], footer="- 1 -")
    )
    assert [line.text for line in body_lines(doc)] == [
        "Durée en années :",
        "3",
        "Renouvellement :",
        "1 an",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", True),
        ("- 3 -", True),
        ("Page 3", True),
        ("page 3 / 7", True),
        ("3 sur 7", True),
        ("Page 12 of 40", True),
        ("3 ans", False),
        ("Article 3", False),
        ("2025", True),
    ],
)
def test_is_page_number(text: str, expected: bool) -> None:
    assert is_page_number(text) is expected


def test_hyphenated_words_are_rejoined(make_lines: Callable[..., Path]) -> None:
    pages = [
        [
            "L'Hébergeur assure l'héber-",
            "gement des données de santé du Client.",
            "Les sous-traitants ultérieurs sont listés ; les sous-",
            "traitants sont certifiés.",
            "Le respect des délais est suivi ; tout non-",
            "respect est pénalisé. Le Client peut sous-",
            "crire une option. Un tiret -",
            "isolé reste. La réversi-",
        ],
        ["bilité est due.", "Fin."],
    ]
    path = make_lines(pages, header="Contrat d'hébergement", footer="Page {n} / {total}")
    assert [line.text for line in body_lines(read_pdf(path))] == [
        "L'Hébergeur assure l'hébergement",
        "des données de santé du Client.",
        "Les sous-traitants ultérieurs sont listés ; les sous-traitants",
        "sont certifiés.",
        "Le respect des délais est suivi ; tout non-respect",
        "est pénalisé. Le Client peut souscrire",
        "une option. Un tiret -",
        "isolé reste. La réversibilité",
        "est due.",
        "Fin.",
    ]


def test_two_columns_are_read_left_column_first(make_columns: Callable[..., Path]) -> None:
    left = [
        "Article 1 – Objet. Le présent contrat a pour objet l'hébergement des données de santé "
        "à caractère personnel du Client, selon le code de la santé publique.",
        "Article 2 – Durée. Le contrat prend effet le 1er janvier 2025 pour trois ans.",
    ]
    right = [
        "Article 3 – Réversibilité. En fin de contrat, l'Hébergeur restitue toutes les données "
        "au Client dans un format standard, puis les détruit.",
        "Article 4 – Audit. Le Client peut faire auditer l'Hébergeur une fois par an.",
    ]
    doc = read_pdf(make_columns("CONTRAT EN DEUX COLONNES", left, right))
    lines = doc.pages[0].lines
    assert [(line.column, line.text) for line in lines] == [
        (0, "CONTRAT EN DEUX COLONNES"),
        (1, "Article 1 – Objet. Le présent contrat a pour objet"),
        (1, "l'hébergement des données de santé à"),
        (1, "caractère personnel du Client, selon le code de"),
        (1, "la santé publique."),
        (1, "Article 2 – Durée. Le contrat prend effet le 1er"),
        (1, "janvier 2025 pour trois ans."),
        (2, "Article 3 – Réversibilité. En fin de contrat,"),
        (2, "l'Hébergeur restitue toutes les données au"),
        (2, "Client dans un format standard, puis les détruit."),
        (2, "Article 4 – Audit. Le Client peut faire auditer"),
        (2, "l'Hébergeur une fois par an."),
    ]
    assert [line.number for line in lines] == list(range(1, 13))


def _text(x: float, top: float, text: str) -> list[Word]:
    """Words of a 10-point text starting at ``x``: 5 points per character, 4 between words."""
    words = []
    for part in text.split():
        words.append(Word(part, (x, top, x + 5 * len(part), top + 10)))
        x += 5 * len(part) + 4
    return words


def test_labels_and_values_are_not_columns() -> None:
    pairs = [
        ("Hébergeur :", "Nuagesanté SAS, 14 rue de la Roquette"),
        ("Client :", "Clinique Saint-Roch, avenue du Général Leclerc"),
        ("Signature :", "le 3 mars 2025 à Paris par les deux parties"),
        ("Effet :", "le 1er avril 2025 pour une durée de trois ans"),
        ("Préavis :", "trois mois avant l'échéance par lettre recommandée"),
    ]
    words = [
        word
        for i, (label, value) in enumerate(pairs)
        for word in _text(72, 100 + 14 * i, label) + _text(200, 100 + 14 * i, value)
    ]
    lines = page_lines(words, page=1, width=595, height=842)
    assert [line.text for line in lines] == [f"{label} {value}" for label, value in pairs]
    assert {line.column for line in lines} == {0}


def test_contents_with_dot_leaders_are_not_columns() -> None:
    words = []
    for i in range(1, 9):
        top = 100 + 14 * i
        words += _text(72, top, f"Article {i} – Titre de l'article {i}")
        words += _text(330, top, " ".join(["."] * 16) + f" {i + 2}")
    lines = page_lines(words, page=1, width=595, height=842)
    assert len(lines) == 8 and {line.column for line in lines} == {0}
    assert lines[0].text == "Article 1 – Titre de l'article 1 " + ". " * 16 + "3"


def test_paragraphs_rejoin_wrapped_lines(make_pdf: Callable[..., Path]) -> None:
    texts = [
        "Article 12 – Réversibilité",
        "À la fin du contrat, quelle qu'en soit la cause, l'Hébergeur restitue au Client "
        "l'ensemble des données de santé hébergées, dans un format standard et exploitable, "
        "puis procède à leur destruction et en remet un procès-verbal.",
        "Le plan de réversibilité est tenu à jour et testé chaque année avec le Client, "
        "qui peut en demander une copie à tout moment.",
    ]
    doc = read_pdf(make_pdf(["# " + texts[0], *texts[1:]]))
    found = paragraphs(body_lines(doc))
    assert [p.text for p in found] == texts
    second = found[1]
    assert len(second.lines) > 1
    offset = second.text.index("procès-verbal")
    assert "procès-verbal" in second.line_at(offset).text
    assert second.line_at(0) is second.lines[0]
