"""The synthetic contract generator: PDFs read back with pypdfium2, labels, bad files."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml

import hdswatch.samples as samples
from hdswatch.samples import (
    CLAUSE_IDS,
    NON_COMPLIANT_SUPPORTED,
    Amendment,
    ContractSpec,
    contract_pdf_bytes,
    demo_specs,
    expected_labels,
    texts_en,
    texts_fr,
    write_bad_files,
    write_contract_pdf,
    write_demo_inbox,
)
from hdswatch.samples.bad_files import ENCRYPTED_PASSWORD
from hdswatch.samples.render import OUTLINE, contract_blocks

TODAY = date(2026, 11, 29)
REPO = Path(__file__).resolve().parents[3]


def pages_text(path: Path, password: str | None = None) -> list[str]:
    pdf = pdfium.PdfDocument(path, password=password)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def flat(pages: list[str]) -> str:
    """One string, line breaks and no-break spaces turned into plain spaces."""
    return " ".join(" ".join(pages).replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    paths = write_demo_inbox(tmp_path_factory.mktemp("inbox"), TODAY)
    return {path.stem: pages_text(path) for path in paths}


def test_clause_ids_are_the_catalogue_ids_in_order() -> None:
    catalogue = yaml.safe_load((REPO / "expectations/catalogue/hds_contract.v1.yaml").read_text())
    assert list(CLAUSE_IDS) == [clause["id"] for clause in catalogue["clauses"]]
    placed = [cid for kind, key, members in OUTLINE for cid in (members or (key,))
              if kind in ("clause", "group")]  # fmt: skip
    assert sorted(placed) == sorted(CLAUSE_IDS)


@pytest.mark.parametrize("texts", [texts_fr, texts_en], ids=["fr", "en"])
def test_every_clause_has_two_or_three_wordings(texts: object) -> None:
    clauses, non_compliant = texts.CLAUSES, texts.NON_COMPLIANT  # type: ignore[attr-defined]
    assert {key.split("+")[0] for key in clauses} == set(CLAUSE_IDS)
    assert all(2 <= len(variants) <= 3 for variants in clauses.values())
    assert set(non_compliant) == set(NON_COMPLIANT_SUPPORTED)


def test_numbers_dates_and_durations_in_words() -> None:
    assert texts_fr.quantity(90, "days") == "quatre-vingt-dix (90) jours"
    assert texts_fr.quantity(3, "months") == "trois (3) mois"
    assert texts_fr.quantity(71, "days") == "soixante et onze (71) jours"
    assert texts_fr.quantity(80, "days") == "quatre-vingts (80) jours"
    assert texts_fr.quantity(1, "years") == "un (1) an"
    assert texts_fr.long_date(date(2025, 1, 1)) == "1er janvier 2025"
    assert texts_fr.numeric_date(date(2025, 1, 1)) == "01/01/2025"
    assert texts_en.quantity(90, "days") == "ninety (90) days"
    assert texts_en.quantity(125, "days") == "one hundred and twenty-five (125) days"
    assert texts_en.long_date(date(2025, 8, 1)) == "1 August 2025"


def test_demo_contracts_page_count_and_footer(inbox: dict[str, list[str]]) -> None:
    assert list(inbox) == [spec.name for spec in demo_specs(TODAY)]
    for pages in inbox.values():
        assert 3 <= len(pages) <= 10
        assert f"Page 1 / {len(pages)}" in pages[0]
        assert f"Page {len(pages)} / {len(pages)}" in pages[-1]
    first = inbox["c01_clinique_saint_roch"][0]
    assert "SOMMAIRE" in first and "Confidentiel — Nuagesanté SAS" in first


def test_contract_b_lacks_reversibility_and_cites_its_certificate(
    inbox: dict[str, list[str]],
) -> None:
    spec = demo_specs(TODAY)[1]
    text = flat(inbox[spec.name])
    lowered = text.lower()
    for words in ("réversibilité", "restitution des données", "plan de sortie",
                  "délégué à la protection des données"):  # fmt: skip
        assert words not in lowered
    assert spec.certificate_number in text
    assert "Ashburn (États-Unis)" in text
    assert "ARTICLE IV – CERTIFICAT DE CONFORMITÉ – PÉRIMÈTRE" in text
    assert "audit des comptes" in text  # the statutory-audit distractor stays


def test_demo_values_are_written_in_words(inbox: dict[str, list[str]]) -> None:
    a, b, c = demo_specs(TODAY)
    text_a, text_c = flat(inbox[a.name]), flat(inbox[c.name])
    assert "au moins trois (3) mois avant l’échéance" in text_a
    assert "Fait à Paris, le 10 avril 2026" in text_a
    assert "le 10 février 2026 par AFNOR Certification" in text_a
    assert "at least ninety (90) days before the end of the then-current term" in text_c
    assert "Signed in Paris, on 10 March 2025" in text_c
    assert "3. Term " in text_c and "4. Certificate Scope " in text_c
    assert "pour une durée ferme de 48 mois" in flat(inbox[b.name])


def test_same_spec_gives_identical_bytes(tmp_path: Path) -> None:
    spec = demo_specs(TODAY)[0]
    first = write_contract_pdf(spec, tmp_path / "one.pdf").read_bytes()
    second = write_contract_pdf(spec, tmp_path / "two.pdf").read_bytes()
    assert first == second
    assert contract_pdf_bytes(replace(spec, style_seed=1)) != first


def test_labels_of_contract_b() -> None:
    labels = expected_labels(demo_specs(TODAY)[1], as_of=TODAY)
    missing, wrong = {"reversibility", "dpo_audit"}, {"hosting_locations"}
    assert labels["clauses"] == {
        cid: "missing" if cid in missing else "non_compliant" if cid in wrong else "present"
        for cid in CLAUSE_IDS
    }
    assert len(labels["clauses"]) == 23
    assert labels["storage_countries"] == ["FR", "US"]
    assert labels["dates"]["hds_certificate_expiry"] == "2026-12-19"
    assert labels["dates"]["tacit_renewal"] is False
    assert labels["alerts"] == [
        "non_compliant:hosting_locations", "missing:dpo_audit", "missing:reversibility",
        "expiring_30d:hds_certificate", "outdated_referential:hds_certificate",
    ]  # fmt: skip


def test_labels_of_contracts_a_and_c() -> None:
    a, _, c = demo_specs(TODAY)
    labels_a, labels_c = expected_labels(a, as_of=TODAY), expected_labels(c, as_of=TODAY)
    assert labels_a["alerts"] == []
    assert set(labels_a["clauses"].values()) == {"present"}
    assert labels_a["dates"] == {
        "signature_date": "2026-04-10", "effective_date": "2026-05-01", "initial_term_months": 36,
        "tacit_renewal": True, "renewal_term_months": 12, "notice_period_days": 90,
        "notice_period_text": "trois (3) mois", "hds_certificate_expiry": "2029-02-09",
        "end_date": "2029-04-30", "notice_deadline": "2029-01-30",
    }  # fmt: skip
    assert labels_c["alerts"] == ["notice_deadline_within_30d"]
    assert labels_c["dates"]["notice_deadline"] == "2026-12-19"
    assert labels_c["dates"]["end_date"] == "2027-03-19"
    assert labels_c["dates"]["notice_period_text"] == "ninety (90) days"
    assert labels_c["non_eea_access"] is True and labels_c["language"] == "en"


@pytest.mark.parametrize("today", [date(2025, 3, 10), date(2026, 2, 28), date(2027, 7, 31)])
def test_demo_dates_hold_for_any_day(today: date) -> None:
    a, b, c = (expected_labels(spec, as_of=today) for spec in demo_specs(today))
    assert a["dates"]["hds_certificate_expiry"] > (today + timedelta(days=365)).isoformat()
    assert a["dates"]["notice_deadline"] > (today + timedelta(days=180)).isoformat()
    assert b["dates"]["hds_certificate_expiry"] == (today + timedelta(days=20)).isoformat()
    deadline = date.fromisoformat(c["dates"]["notice_deadline"])
    assert 20 <= (deadline - today).days <= 23
    for labels, spec in zip((a, b, c), demo_specs(today), strict=True):
        assert spec.certificate_issue < spec.signature_date < spec.effective_date
        assert "expired:hds_certificate" not in labels["alerts"]


def test_omitting_a_clause_removes_its_heading() -> None:
    def titles(spec: ContractSpec) -> set[str]:  # "Article 18 – Title" and "10.8 Title" → "Title"
        headings = [block[1] for block in contract_blocks(spec) if block[0] == "heading"]
        return {h.split(" – ", 1)[1] if " – " in h else h.split(" ", 1)[1] for h in headings}

    spec = demo_specs(TODAY)[0]
    cut = replace(spec, omit=frozenset({"reversibility", "dpo_audit"}))
    assert titles(spec) - titles(cut) == {"Plan de sortie et restitution des données", "Audit"}
    assert titles(cut) < titles(spec)


def test_non_compliant_wordings(tmp_path: Path) -> None:
    spec = replace(
        demo_specs(TODAY)[0], storage_countries=["FR", "US"], non_eea_access=True, breach_hours=360,
        non_compliant=frozenset(NON_COMPLIANT_SUPPORTED),
    )  # fmt: skip
    text = flat(pages_text(write_contract_pdf(spec, tmp_path / "bad.pdf")))
    assert "quinze (15) jours" in text
    assert "à des fins statistiques et d’amélioration de ses produits" in text
    assert "à la discrétion de l’Hébergeur" in text
    assert "Ashburn (États-Unis)" in text
    labels = expected_labels(spec)
    assert labels["breach_notification_hours"] == 360
    assert [cid for cid, status in labels["clauses"].items() if status != "present"] == [
        "hosting_locations", "breach_notification_to_controller", "purpose_limitation",
        "reversibility",
    ]  # fmt: skip


def test_inconsistent_specs_are_refused() -> None:
    spec = demo_specs(TODAY)[0]
    with pytest.raises(ValueError, match="non-EEA storage country"):
        replace(spec, storage_countries=["FR", "US"], non_eea_access=True)
    with pytest.raises(ValueError, match="breach_hours > 72"):
        replace(spec, breach_hours=360)
    with pytest.raises(ValueError, match="no non-compliant wording for 'dpo_audit'"):
        replace(spec, non_compliant=frozenset({"dpo_audit"}))
    with pytest.raises(ValueError, match="tacit renewal needs"):
        replace(spec, notice_amount=None, notice_unit=None)


def test_amendment_and_pages_hint(tmp_path: Path) -> None:
    base = demo_specs(TODAY)[2]
    natural = len(pages_text(write_contract_pdf(base, tmp_path / "base.pdf")))
    amended = replace(
        base, pages_hint=natural + 2,
        amendment=Amendment("Amendment No. 1", date(2026, 6, 1), new_end_date=date(2027, 6, 30)),
    )  # fmt: skip
    pages = pages_text(write_contract_pdf(amended, tmp_path / "amended.pdf"))
    assert len(pages) == natural + 2  # the amendment's page, then neutral articles for one more
    assert "Force Majeure" in flat(pages) and "Force Majeure" not in flat(
        pages_text(write_contract_pdf(replace(amended, pages_hint=None), tmp_path / "plain.pdf"))
    )
    assert "AMENDMENT NO. 1" in pages[-1]
    assert "the current term ends on 30 June 2027" in flat(pages[-1:])
    labels = expected_labels(amended, as_of=TODAY)
    assert labels["dates"]["end_date"] == "2027-06-30"
    assert labels["dates"]["notice_deadline"] == "2027-04-01"  # 90 days before 30 June
    assert labels["amendments"] == [
        {"title": "Amendment No. 1", "date": "2026-06-01", "changes": ["end_date"]}
    ]


def test_bad_files(tmp_path: Path) -> None:
    files = write_bad_files(tmp_path)
    assert sorted(files) == ["empty", "encrypted", "invoice", "not_a_pdf", "scanned_like",
                             "truncated"]  # fmt: skip
    assert files["empty"].stat().st_size == 0
    assert files["not_a_pdf"].read_bytes().startswith(b"<!DOCTYPE html>")
    with pytest.raises(pdfium.PdfiumError, match="password"):
        pdfium.PdfDocument(files["encrypted"])
    assert "CONTRAT D’HÉBERGEMENT" in pages_text(files["encrypted"], ENCRYPTED_PASSWORD)[0]
    truncated = files["truncated"].read_bytes()
    assert truncated.startswith(b"%PDF-") and b"%%EOF" not in truncated and b"xref" not in truncated
    scanned = pages_text(files["scanned_like"])
    assert len(scanned) == 1 and scanned[0].strip() == ""
    invoice = pages_text(files["invoice"])
    assert len(invoice) == 1 and "FACTURE N° F-2025-10-0192" in invoice[0]
    assert write_bad_files(tmp_path / "again")["encrypted"].read_bytes() == (
        files["encrypted"].read_bytes()
    )


def test_public_names_and_light_import() -> None:
    assert all(hasattr(samples, name) for name in samples.__all__)
    assert isinstance(demo_specs(TODAY)[0], ContractSpec)
    code = (
        "import sys, hdswatch.samples; "
        "print(sorted(m for m in ('reportlab', 'PIL', 'pypdfium2') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
