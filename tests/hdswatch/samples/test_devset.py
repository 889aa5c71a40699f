"""The labelled development set: coverage of the hard cases, labels true to the rendered PDFs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from hdswatch.samples import (
    CLAUSE_IDS,
    DEVSET_AS_OF,
    NON_COMPLIANT_SUPPORTED,
    ContractSpec,
    devset_specs,
    render_contract,
    texts_en,
    texts_en_alt,
    texts_fr,
    texts_fr_alt,
    write_devset,
)
from hdswatch.samples.compose import compose
from hdswatch.samples.devset import CASES, devset_labels
from hdswatch.samples.spec import EEA

CLI = [sys.executable, "-m", "hdswatch.cli"]
HOLDOUT = ["ds07", "ds08", "ds15", "ds21", "ds27", "ds29", "ds32", "ds33", "ds36", "ds38", "ds42"]


def pages_text(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(path)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def specs() -> dict[str, ContractSpec]:
    return {spec.name: spec for spec in devset_specs()}


@pytest.fixture(scope="module")
def written(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[dict[str, Any], list[str]]]:
    """Every contract written once: its labels line and the text of each of its pages."""
    folder = tmp_path_factory.mktemp("devset")
    paths = write_devset(folder, split="all")
    lines = (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    labels = [json.loads(line) for line in lines]
    assert [label["file"] for label in labels] == [path.name for path in paths]
    return {path.stem: (label, pages_text(path)) for path, label in zip(paths, labels, strict=True)}


def test_size_languages_and_split(specs: dict[str, ContractSpec]) -> None:
    assert len(specs) == len(CASES) == 44
    assert Counter(spec.language for spec in specs.values()) == {"fr": 24, "en": 20}
    assert Counter(spec.wording_pool for spec in specs.values()) == {
        "alt": 28,
        "base": 9,
        "mixed": 7,
    }
    holdout = sorted(name[:4] for name, spec in specs.items() if spec.split == "holdout")
    assert holdout == HOLDOUT
    assert len({spec.client for spec in specs.values()}) == 34
    assert len({spec.host for spec in specs.values()}) == 24


def test_every_clause_is_missing_somewhere_and_never_more_than_six(
    specs: dict[str, ContractSpec],
) -> None:
    missing = Counter(cid for spec in specs.values() for cid in spec.omit)
    assert set(missing) == set(CLAUSE_IDS)
    assert min(missing.values()) >= 1
    assert max(len(spec.omit) for spec in specs.values()) == 6
    assert sum(not spec.omit and not spec.non_compliant for spec in specs.values()) == 6


def test_each_contradiction_twice_or_more(specs: dict[str, ContractSpec]) -> None:
    wrong = Counter(cid for spec in specs.values() for cid in spec.non_compliant)
    assert set(wrong) == set(NON_COMPLIANT_SUPPORTED)
    assert min(wrong.values()) >= 2
    for spec in specs.values():
        outside = [code for code in spec.storage_countries if code not in EEA]
        assert bool(outside) == ("hosting_locations" in spec.non_compliant), spec.name
        assert (spec.breach_hours > 72) == (
            "breach_notification_to_controller" in spec.non_compliant
        ), spec.name


def test_the_hard_cases_are_all_there(specs: dict[str, ContractSpec]) -> None:
    values = list(specs.values())

    def count(test: Any) -> int:
        return sum(1 for spec in values if test(spec))

    assert count(lambda s: s.scanned_pages) == 7
    assert {s.language for s in values if s.scanned_pages} == {"fr", "en"}
    assert count(lambda s: s.layout.columns == 2) == 5
    assert count(lambda s: s.amendment and s.amendment.new_end_date) == 5
    assert count(lambda s: s.amendment and s.amendment.new_notice_amount) == 5
    assert count(lambda s: s.indefinite) == 3
    assert count(lambda s: s.express_renewal) == 3
    assert count(lambda s: s.effective_on_signature) == 4
    assert count(lambda s: s.renewal_same_as_initial) == 3
    assert count(lambda s: s.annex_split) == 6
    assert count(lambda s: s.absent_annex_reference) == 6
    assert count(lambda s: s.uncertified_subprocessor) == 3
    assert count(lambda s: s.layout.toc) == 6
    assert {s.layout.outline for s in values} == {"standard", "flat", "dpa_annex"}
    assert {s.layout.font for s in values} == {"Helvetica", "Times-Roman", "Courier"}
    assert len({s.layout.heading_style for s in values}) == 5
    assert len({s.layout.date_style for s in values}) >= 8
    assert {s.layout.number_style for s in values} == {"both", "words", "digits"}
    assert {s.party_terms for s in values} == {0, 1, 2, 3}
    assert count(lambda s: s.notice_unit == "days") == 7


def test_omitted_clauses_are_not_in_the_text(
    specs: dict[str, ContractSpec], written: dict[str, tuple[dict[str, Any], list[str]]]
) -> None:
    """No heading of an omitted clause, in any of its wordings, and no sentence of its bodies:
    only an absent-annex reference keeps a heading, over a one-sentence referral."""
    for name, spec in specs.items():
        composition = compose(spec)
        text = flat(" ".join(written[name][1]))
        headings = [(i, block[1]) for i, block in enumerate(composition.blocks)
                    if block[0] == "heading"]  # fmt: skip
        for cid in spec.omit:
            titles, bodies = _wordings(spec.language, cid)
            for index, heading in headings:
                if not any(heading.lower().endswith(title.lower()) for title in titles):
                    continue
                assert cid in spec.absent_annex_reference, (name, heading)
                referral = composition.blocks[index + 1][1]
                assert re.search(r"(annexe|Annexe|Annex|Schedule|Appendix) \d", referral), (
                    name,
                    referral,
                )
                assert composition.blocks[index + 2][0] == "heading", (name, heading)
            for body in bodies:
                for piece in re.split(r"\{\w+\}|\n", body):
                    if len(piece) >= 40:
                        assert flat(piece) not in text, (name, cid, piece)


def _wordings(language: str, cid: str) -> tuple[set[str], list[str]]:
    titles: set[str] = set()
    bodies: list[str] = []
    for module in (texts_fr, texts_fr_alt) if language == "fr" else (texts_en, texts_en_alt):
        for table in (module.CLAUSES, module.NON_COMPLIANT):
            for key, variants in table.items():
                if key.split("+")[0] == cid:
                    titles |= {title for title, _ in variants}
                    bodies += [body for _, body in variants]
    return titles, bodies


def test_present_clauses_are_on_their_labelled_pages(
    specs: dict[str, ContractSpec], written: dict[str, tuple[dict[str, Any], list[str]]]
) -> None:
    for name, spec in specs.items():
        labels, pages = written[name]
        composition = compose(spec)
        present = [cid for cid, status in labels["clauses"].items() if status != "missing"]
        assert sorted(labels["clause_pages"]) == sorted(present), name
        for cid in present:
            numbers = labels["clause_pages"][cid]
            assert numbers and numbers == sorted(set(numbers)), (name, cid)
            blocks = [b for b, tag in zip(composition.blocks, composition.tags, strict=True)
                      if tag == cid]  # fmt: skip
            first, last = _probe(blocks[0], head=True), _probe(blocks[-1], head=False)
            if numbers[0] not in labels["ocr_pages"]:
                assert first in flat(pages[numbers[0] - 1]), (name, cid, numbers, first)
            if numbers[-1] not in labels["ocr_pages"]:
                assert last in flat(pages[numbers[-1] - 1]), (name, cid, numbers, last)
            outside = set(range(numbers[0], numbers[-1] + 1)) - set(numbers)
            assert all(n in labels["ocr_pages"] or first not in flat(pages[n - 1])
                       for n in outside)  # fmt: skip


def _probe(block: tuple[Any, ...], head: bool) -> str:
    """A few words of a block that pypdfium2 gives back on one line or across lines."""
    if block[0] == "table":
        return flat(block[1][-1][0] if not head else block[1][0][0]).split()[0]
    words = flat(block[1]).split()
    return " ".join(words[:4] if head else words[-3:])


def test_scanned_pages_have_no_text_layer(
    written: dict[str, tuple[dict[str, Any], list[str]]],
) -> None:
    scanned = {name: labels["ocr_pages"] for name, (labels, _) in written.items()
               if labels["ocr_pages"]}  # fmt: skip
    assert sum(len(numbers) for numbers in scanned.values()) == 8
    for name, numbers in scanned.items():
        labels, pages = written[name]
        assert len(pages) == labels["pages"]
        for number, text in enumerate(pages, start=1):
            assert (text.strip() == "") == (number in numbers), (name, number)


def test_labels_state_what_the_text_says(
    specs: dict[str, ContractSpec], written: dict[str, tuple[dict[str, Any], list[str]]]
) -> None:
    for name, spec in specs.items():
        labels, _ = written[name]
        text = flat(" ".join(str(b[1]) for b in compose(spec).blocks if len(b) > 1))
        assert labels["host"] in text and labels["client"] in text
        dates = labels["dates"]
        if dates["notice_period_text"]:
            assert flat(dates["notice_period_text"]) in text, name
        if labels["hds_certificate"]:
            assert labels["hds_certificate"]["number"] in text
            assert labels["hds_certificate"]["certifier"] in text
        else:
            assert spec.certificate_number not in text
        if labels["storage_countries"] is None:  # the data centres are nowhere in the text
            for module in (texts_fr, texts_en):
                for code in spec.storage_countries:
                    assert f"{module.CITIES[code]} ({module.COUNTRY_NAMES[code]})" not in text
        assert (labels["breach_notification_hours"] is None) == (
            "breach_notification_to_controller" in spec.omit
        )
        assert labels["non_eea_access"] is (
            None if "non_eea_access_safeguards" in spec.omit else spec.non_eea_access
        )
        if spec.amendment:
            assert spec.signature_date < spec.amendment.date < DEVSET_AS_OF
        assert spec.certificate_issue < spec.signature_date <= spec.effective_date, name


def test_dated_cases_fall_in_their_alert_windows(
    written: dict[str, tuple[dict[str, Any], list[str]]],
) -> None:
    alerts = {name[:4]: labels["alerts"] for name, (labels, _) in written.items()}
    dated = {key: [a for a in value if not a.startswith(("missing", "non_compliant"))]
             for key, value in alerts.items()}  # fmt: skip
    assert "notice_deadline_within_7d" in dated["ds13"]
    assert "notice_deadline_within_30d" in dated["ds14"]
    assert "notice_deadline_within_90d" in dated["ds15"]
    assert "notice_deadline_passed" in dated["ds16"]
    assert "expiring_30d:contract" in dated["ds17"]
    assert "expired:contract" in dated["ds18"]
    assert "expiring_180d:hds_certificate" in dated["ds12"]
    assert "outdated_referential:hds_certificate" in dated["ds12"]
    assert "expiring_7d:hds_certificate" in dated["ds27"]
    assert "expiring_90d:hds_certificate" in dated["ds32"]
    assert "expired:hds_certificate" in dated["ds34"]
    assert "notice_deadline_within_180d" in dated["ds41"]
    assert [key for key, value in dated.items() if "unknown:hds_certificate_expiry" in value] == [
        "ds07", "ds20", "ds44",
    ]  # fmt: skip
    assert sorted(k for k, v in dated.items() if "subprocessor_not_hds_certified" in v) == [
        "ds10", "ds24", "ds29",
    ]  # fmt: skip


def test_terms_without_end_or_renewal(written: dict[str, tuple[dict[str, Any], list[str]]]) -> None:
    for name, (labels, pages) in written.items():
        dates = labels["dates"]
        if dates["initial_term_months"] is None:  # durée indéterminée
            assert dates["tacit_renewal"] is None and dates["end_date"] is None
            assert dates["notice_deadline"] is None and dates["notice_period_days"] in (
                90,
                120,
                180,
            )
            assert not any(
                a.endswith(":contract") or a.startswith("notice") for a in labels["alerts"]
            )
            wording = (
                r"indéterminée|sans limitation de durée|indefinite period|without limit of time"
            )
            assert re.search(wording, flat(" ".join(pages))), name
        if dates["tacit_renewal"] is False:
            assert dates["renewal_term_months"] is None and dates["notice_period_days"] is None


def test_one_contract_exactly(written: dict[str, tuple[dict[str, Any], list[str]]]) -> None:
    labels = next(labels for name, (labels, _) in written.items() if name.startswith("ds20_"))
    assert labels == {
        "file": "ds20_institut_de_cancerologie_atlantique.pdf", "split": "dev", "as_of": "2026-11-29",
        "kind": "contract",
        "language": "en", "pages": 6, "ocr_pages": [],
        "host": "Polder Health Platform B.V.", "client": "Institut de cancérologie Atlantique",
        "dates": {
            "signature_date": "2026-01-01", "effective_date": "2026-01-01",
            "initial_term_months": None, "tacit_renewal": None, "renewal_term_months": None,
            "notice_period_days": 90, "notice_period_text": "three months",
            "hds_certificate_expiry": None, "end_date": None, "notice_deadline": None,
        },
        "hds_certificate": None, "storage_countries": ["FR"], "non_eea_access": False,
        "breach_notification_hours": 48, "amendments": [],
        "clauses": {cid: "missing" if cid in ("hds_certificate_scope",
                    "subcontracting_external_providers", "transfer_mapping_public_url")
                    else "present" for cid in CLAUSE_IDS},
        "clause_pages": labels["clause_pages"],
        "alerts": ["missing:hds_certificate_scope", "missing:subcontracting_external_providers",
                   "missing:transfer_mapping_public_url", "unknown:hds_certificate_expiry"],
    }  # fmt: skip
    assert labels["clause_pages"]["quality_performance_indicators"] == [2, 6]
    assert labels["clause_pages"]["reversibility"] == [4]


def test_same_specs_same_bytes(specs: dict[str, ContractSpec]) -> None:
    for key in ("ds04", "ds11", "ds21", "ds31"):  # scanned, scanned last page, toc, two columns
        spec = next(spec for name, spec in specs.items() if name.startswith(key))
        first, second = render_contract(spec), render_contract(spec)
        assert first.data == second.data and first.clause_pages == second.clause_pages
    assert [spec.name for spec in devset_specs()] == list(specs)


def test_labels_follow_the_reference_date(specs: dict[str, ContractSpec]) -> None:
    spec = next(spec for name, spec in specs.items() if name.startswith("ds13"))
    rendered = render_contract(spec)
    now = devset_labels(spec, rendered, DEVSET_AS_OF)
    later = devset_labels(spec, rendered, date(2027, 9, 1))
    assert "notice_deadline_within_7d" in now["alerts"]
    assert later["dates"]["end_date"] > now["dates"]["end_date"]  # renewed in between
    assert now["clauses"] == later["clauses"] and now["clause_pages"] == later["clause_pages"]


def test_cli_writes_the_holdout_split(tmp_path: Path) -> None:
    result = subprocess.run(
        [*CLI, "devset", str(tmp_path), "--split", "holdout", "--as-of", "2027-01-15"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = (tmp_path / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    labels = [json.loads(line) for line in lines]
    assert len(labels) == 11 and {label["split"] for label in labels} == {"holdout"}
    assert {label["as_of"] for label in labels} == {"2027-01-15"}
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == sorted(
        label["file"] for label in labels
    )
    assert result.stdout.strip() == f"11 contrat(s), étiquettes : {tmp_path / 'labels.jsonl'}"
    bad = subprocess.run([*CLI, "devset", str(tmp_path), "--split", "test"],
                         capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert bad.returncode == 2
