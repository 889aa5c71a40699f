"""Hypothesis strategies: sound PDFs cut, flipped, spliced; contract-like French and English text.

>>> pdf_mutations([b"%PDF-1.7 ..."]).example()   # doctest: +SKIP
b'%PDF-1.7 .\\x00.'
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

_TOKENS = [
    b"obj",
    b"endobj",
    b"stream",
    b"endstream",
    b"xref",
    b"trailer",
    b"startxref",
    b"%%EOF",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"/Length 999999999",
    b"/Count -1",
    b"/Filter /FlateDecode",
    b"/Type /Page",
    b"/Kids [1 0 R]",
    b"0 0 R",
    b"99999 0 obj",
    b"(",
    b")",
    b"\\",
    b"\x00",
    b"\xff\xfe",
]


@st.composite
def pdf_mutations(draw: st.DrawFn, seeds: Sequence[bytes]) -> bytes:
    """One of ``seeds`` with 1 to 6 edits: cut, bytes flipped, a PDF token inserted, a span
    deleted, duplicated or swapped with another seed's."""
    data = bytearray(draw(st.sampled_from(list(seeds))))
    for _ in range(draw(st.integers(1, 6))):
        size = len(data)
        at = draw(st.integers(0, size))
        edit = draw(st.sampled_from(["cut", "flip", "token", "delete", "repeat", "splice"]))
        if edit == "cut":
            del data[at:]
        elif edit == "flip" and size:
            at = min(at, size - 1)
            data[at] ^= draw(st.integers(1, 255))
        elif edit == "token":
            data[at:at] = draw(st.sampled_from(_TOKENS))
        elif edit == "delete":
            del data[at : at + draw(st.integers(1, 4096))]
        elif edit == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 512))] * draw(st.integers(2, 20))
        elif edit == "splice":
            other = draw(st.sampled_from(list(seeds)))
            start = draw(st.integers(0, len(other)))
            data[at:at] = other[start : start + draw(st.integers(1, 2048))]
    return bytes(data)


WORDS = [
    # French contract vocabulary
    "le", "contrat", "prend", "effet", "à", "compter", "du", "pour", "une", "durée", "de",
    "trois", "(3)", "ans", "mois", "jours", "reconduit", "tacitement", "préavis", "avant",
    "l'échéance", "certificat", "HDS", "n°", "valable", "jusqu'au", "délivré", "par",
    "hébergées", "en", "France", "Allemagne", "États-Unis", "Maroc", "Suisse", "Union",
    "européenne", "notifie", "violation", "dans", "un", "délai", "quarante-huit", "heures",
    "1er", "janvier", "février", "mars", "31", "décembre", "2024", "2027", "Fait", "Paris",
    "le", "Hébergeur", "Client", "sous-traitant", "avenant", "Article", "12", "–", "douze",
    "quatre-vingt-dix", "vingt", "et", "un",
    # English
    "this", "agreement", "shall", "commence", "on", "for", "a", "term", "of", "thirty-six",
    "(36)", "months", "renew", "automatically", "notice", "days", "prior", "to", "expiry",
    "certificate", "valid", "until", "stored", "in", "Germany", "Ireland", "United",
    "States", "India", "notify", "breach", "within", "72", "hours", "March", "1st", "2025",
    "12/31/2026", "2026-02-30", "31/02/2026", "00/00/0000", "9999", "0", "-1",
]  # fmt: skip

_GLUE = st.sampled_from([" ", " ", " ", ", ", ". ", " ; ", "\n", "/", "-", " (", ") "])


@st.composite
def contract_text(draw: st.DrawFn, max_words: int = 60) -> str:
    """Words of contracts in both languages, numbers, dates (some impossible) and noise."""
    word = st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(WORDS),
        st.integers(-5, 10**12).map(str),
        st.text(max_size=8),
    )
    words = draw(st.lists(word, max_size=max_words))
    return "".join(w + draw(_GLUE) for w in words)
