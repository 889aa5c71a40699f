"""The spaCy side: a pipeline built from config.cfg, registered components, JSONL patterns,
loaded once per process; the packaged statistical model for organisation names."""

from __future__ import annotations

import pytest

from extractors.nlp import analyse, load_pipeline, organisations


def test_pipeline_is_built_from_the_config_once() -> None:
    nlp = load_pipeline()
    assert nlp.pipe_names == ["sentencizer", "cues", "scope"]
    assert nlp.get_pipe_meta("cues").factory == "hdswatch_cue_ruler"
    assert nlp.get_pipe_meta("scope").factory == "hdswatch_cue_scope"
    assert len(nlp.get_pipe("cues").patterns) > 20  # read from patterns/cues.v1.jsonl
    assert load_pipeline() is nlp


def _scopes(text: str) -> list[tuple[str, str]]:
    doc = analyse([text])[0]
    return [(s.label_, s.kb_id_) for s in doc.spans["scopes"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("la reversibilite est traitee a l'annexe 5.", [("REFERS", "5")]),
        ("la reversibilite n'est pas prevue au present contrat.", [("NEGATED", "")]),
        ("les modalites seront definies d'un commun accord ulterieurement.", [("DEFERRED", "")]),
        (
            "l'hebergeur pourra utiliser les donnees a des fins statistiques.",
            [("SECONDARY_USE", "")],
        ),
        (
            "le client autorise l'hebergeur a exploiter les donnees pour ses propres besoins.",
            [("SECONDARY_USE", "")],
        ),
        ("l'hebergeur s'interdit d'utiliser les donnees a des fins statistiques.", []),
        ("le client pourra utiliser les statistiques issues de ses donnees.", []),
        ("the provider shall not use customer data for its own purposes.", []),
        ("return formats are determined at the host's sole discretion.", [("HOST_DISCRETION", "")]),
        ("return of data will be performed at the client's discretion.", []),
        ("the host is under no obligation to return the data.", [("NO_OBLIGATION", "")]),
    ],
)
def test_cue_scopes(text: str, expected: list[tuple[str, str]]) -> None:
    assert _scopes(text) == expected


def test_scopes_are_per_sentence() -> None:
    doc = analyse(["la reversibilite est prevue. elle n'est pas applicable aux archives."])[0]
    assert [(s.label_, s.text) for s in doc.spans["scopes"]] == [
        ("NEGATED", "elle n'est pas applicable aux archives.")
    ]


def test_statistical_model_finds_organisations() -> None:
    found = organisations("Entre la société Nuagesanté Hébergement SAS et la Clinique du Parc")
    assert found[0] == "Nuagesanté Hébergement SAS"


def test_token_offsets_give_what_char_span_expand_gives() -> None:
    from extractors.nlp.components import TokenOffsets

    nlp = load_pipeline()
    doc = nlp.make_doc("  l'hebergeur  restitue les donnees (article 9.2) au client.\n\nfin ")
    offsets = TokenOffsets(doc)
    checked = 0
    for start in range(len(doc.text) + 1):
        for end in range(start + 1, len(doc.text) + 1):
            span = doc.char_span(start, end, alignment_mode="expand")
            expected = None if span is None or len(span) == 0 else (span.start, span.end)
            assert offsets.expand(start, end) == expected, (start, end)
            checked += 1
    assert checked == 2211


def test_every_sentence_of_a_long_document_gets_its_scope() -> None:
    sentence = "la reversibilite est traitee a l'annexe 5. "
    doc = analyse([sentence * 3000])[0]
    assert len(doc.spans["scopes"]) == 3000
    assert {(s.label_, s.kb_id_) for s in doc.spans["scopes"]} == {("REFERS", "5")}
    assert [(s.start, s.end) for s in doc.spans["scopes"]][:3] == [(0, 9), (9, 18), (18, 27)]
