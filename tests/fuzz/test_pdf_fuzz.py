"""Fuzzing the PDF reading: sound PDFs cut, flipped and spliced go through ``extractors.pdf``
directly and through the sandboxed extraction; neither may raise, and what they return is well
formed (a kind of the report's specification, 1-based pages in order, errors with a code)."""

from __future__ import annotations

import json
import typing
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given

from extractors.pdf import read_pdf
from extractors.types import Kind
from hdswatch.samples import demo_specs, write_bad_files, write_contract_pdf
from hdswatch.sandbox import Limits, extract_limited
from tests.fuzz.conftest import examples
from tests.fuzz.mutations import pdf_mutations

KINDS = set(typing.get_args(Kind))


def _seeds() -> list[bytes]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        bad = write_bad_files(folder)
        spec = demo_specs(date(2026, 11, 29))[1]
        contract = write_contract_pdf(spec, Path(folder) / "c.pdf")
        return [
            bad["invoice"].read_bytes(),
            bad["encrypted"].read_bytes(),
            bad["truncated"].read_bytes()[:6000],
            contract.read_bytes(),
        ]


SEEDS = _seeds()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@examples(300)
@given(data=pdf_mutations(SEEDS))
def test_read_pdf_never_raises_on_mutated_pdfs(data: bytes, folder: Path) -> None:
    path = folder / "mutated.pdf"
    path.write_bytes(data)
    document = read_pdf(path, max_pages=20)
    assert document.kind in KINDS
    assert [p.number for p in document.pages] == sorted({p.number for p in document.pages})
    assert all(1 <= p.number <= 20 for p in document.pages)
    assert all(line.page == page.number for page in document.pages for line in page.lines)
    assert all(e.code and isinstance(e.message, str) for e in document.errors)
    if document.kind in ("empty", "unreadable", "encrypted"):
        assert document.errors


@examples(20)
@given(data=pdf_mutations(SEEDS))
def test_sandboxed_extraction_never_raises_on_mutated_pdfs(data: bytes, folder: Path) -> None:
    path = folder / "mutated-sandboxed.pdf"
    path.write_bytes(data)
    extraction = extract_limited(path, Limits(timeout_s=60, max_pages=20))
    assert extraction.kind in KINDS
    assert extraction.file == "mutated-sandboxed.pdf"
    assert path.read_bytes() == data  # read, never written
    json.dumps(extraction.to_dict())  # storable as the registry stores it
    if extraction.kind not in ("contract", "damaged"):
        assert extraction.clauses == {} and extraction.errors
