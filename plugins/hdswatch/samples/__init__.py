"""Synthetic HDS hosting contracts, as PDFs, for the demo inbox and the tests.

In: a :class:`ContractSpec` (parties, dates, certificate, places, clauses left out or written
against the rule). Out: a realistic French or English contract PDF (:func:`write_contract_pdf`),
the report facts it implies (:func:`expected_labels`), the three demo contracts
(:func:`demo_specs`, :func:`write_demo_inbox`), broken or off-topic files
(:func:`write_bad_files`) and the labelled development set (:func:`devset_specs`,
:func:`write_devset`; see DEVSET.md).

Importing this package is light: reportlab and Pillow are imported only when a file is written.

>>> from datetime import date
>>> from hdswatch.samples import demo_specs, expected_labels
>>> expected_labels(demo_specs(date(2026, 11, 29))[1])["clauses"]["reversibility"]
'missing'
"""

from __future__ import annotations

from hdswatch.samples.bad_files import write_bad_files
from hdswatch.samples.devset import DEVSET_AS_OF, devset_specs, write_devset
from hdswatch.samples.render import (
    RenderedContract,
    contract_pdf_bytes,
    demo_specs,
    render_contract,
    write_contract_pdf,
    write_demo_inbox,
)
from hdswatch.samples.spec import (
    CLAUSE_IDS,
    NON_COMPLIANT_SUPPORTED,
    Amendment,
    ContractSpec,
    Layout,
    expected_labels,
)

__all__ = [
    "CLAUSE_IDS",
    "DEVSET_AS_OF",
    "NON_COMPLIANT_SUPPORTED",
    "Amendment",
    "ContractSpec",
    "Layout",
    "RenderedContract",
    "contract_pdf_bytes",
    "demo_specs",
    "devset_specs",
    "expected_labels",
    "render_contract",
    "write_bad_files",
    "write_contract_pdf",
    "write_demo_inbox",
    "write_devset",
]
