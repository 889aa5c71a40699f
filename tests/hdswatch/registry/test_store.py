"""Documents, contracts and hosts in the registry, on SQLite and on PostgreSQL."""

from __future__ import annotations

import doctest
from datetime import date

import pytest

from hdswatch.registry import store as store_module
from hdswatch.registry.db import session_scope, upgrade
from hdswatch.registry.models import Contract, Document, Establishment, Host
from hdswatch.registry.store import (
    attach_document,
    host_named,
    latest_extractions,
    record_analysis,
    record_document,
    role_of,
    update_register,
)


@pytest.fixture
def db_url(registry_url: str) -> str:
    upgrade(registry_url)
    return registry_url


def document(session, sha: str, name: str, establishment: str = "CSR") -> Document:  # type: ignore[no-untyped-def]
    row, _ = record_document(
        session,
        sha256=sha * 64,
        file_name=name,
        stored_path=f"/in/{name}",
        establishment=establishment,
        size_bytes=10,
    )
    return row


def test_same_file_twice_is_one_document(db_url: str) -> None:
    with session_scope(db_url) as session:
        first, created = record_document(
            session,
            sha256="a" * 64,
            file_name="c.pdf",
            stored_path="/in/c.pdf",
            establishment="CSR",
            size_bytes=10,
        )
        again, created_again = record_document(
            session,
            sha256="a" * 64,
            file_name="copie.pdf",
            stored_path="/in/copie.pdf",
            establishment="CSR",
            size_bytes=10,
        )
        assert (created, created_again, first.id == again.id) == (True, False, True)
        assert session.query(Document).count() == 1


def test_a_file_alone_is_a_contract_of_its_own(db_url: str) -> None:
    with session_scope(db_url) as session:
        one = attach_document(session, document(session, "a", "c01.pdf"), None)
        two = attach_document(session, document(session, "b", "avenant-c01.pdf"), None)
        assert one.id != two.id
        assert [
            (c.reference, c.grouped) for c in session.query(Contract).order_by(Contract.id)
        ] == [
            ("c01.pdf", False),
            ("avenant-c01.pdf", False),
        ]
        # a file with no sub-folder is always the main document of its contract
        assert [d.role for d in session.query(Document).order_by(Document.id)] == ["main", "main"]
        # the establishment is created from the inbox code when unknown
        assert [(e.code, e.name) for e in session.query(Establishment)] == [("CSR", "CSR")]


def test_a_folder_is_one_contract_with_its_annexes_and_amendments(db_url: str) -> None:
    with session_scope(db_url) as session:
        main = attach_document(session, document(session, "a", "contrat.pdf"), "nuage-2024")
        annex = attach_document(session, document(session, "b", "Annexe 2 - SLA.pdf"), "nuage-2024")
        amendment = attach_document(
            session, document(session, "c", "Avenant n°1.pdf"), "nuage-2024"
        )
        second = attach_document(session, document(session, "d", "contrat-v2.pdf"), "nuage-2024")
        other = attach_document(session, document(session, "e", "x.pdf", "CHB"), "nuage-2024")
        assert main.id == annex.id == amendment.id == second.id != other.id
        roles = [(d.file_name, d.role) for d in main.documents]
        assert roles == [
            ("contrat.pdf", "main"),
            ("Annexe 2 - SLA.pdf", "annex"),
            ("Avenant n°1.pdf", "amendment"),
            ("contrat-v2.pdf", "amendment"),  # a second main-looking file comes later: amends
        ]
        assert (main.reference, main.grouped) == ("nuage-2024", True)


def test_roles_by_file_name() -> None:
    assert [
        role_of(name)
        for name in (
            "AVENANT_2.pdf",
            "amendment-no-3.pdf",
            "Addendum.pdf",
            "annex_B.pdf",
            "Appendix 1.pdf",
            "Schedule 2 - Security.pdf",
            "contrat-hebergement.pdf",
            "planning-annuel.pdf",
        )
    ] == ["amendment", "amendment", "amendment", "annex", "annex", "annex", "main", "main"]


def test_hosts_are_matched_without_case_accents_or_spaces(db_url: str) -> None:
    with session_scope(db_url) as session:
        first = host_named(session, "Nuage  Santé SAS")
        again = host_named(session, "NUAGE SANTE sas")
        assert first is not None and again is not None
        assert first.id == again.id
        assert host_named(session, "  ") is None
        assert [(h.name, h.name_key) for h in session.query(Host)] == [
            ("Nuage Santé SAS", "nuage sante sas")
        ]


def test_register_dates_and_certificate(db_url: str) -> None:
    with session_scope(db_url) as session:
        contract = attach_document(session, document(session, "a", "c.pdf"), None)
        host = host_named(session, "Cirrus Medica")
        update_register(
            contract,
            {
                "end_date": "2027-03-19",
                "notice_deadline": "2026-12-19",
                "tacit_renewal": True,
                "notice_period_text": "trois (3) mois",
                "hds_certificate_expiry": "2028-02-07",
                "signature_date": None,
            },
            host,
            {"number": "HDS-1", "certifier": "AFNOR", "referential": "v2"},
            date(2026, 11, 29),
        )
    with session_scope(db_url) as session:
        contract = session.query(Contract).one()
        assert (
            contract.judged_on,
            contract.end_date,
            contract.notice_deadline,
            contract.tacit_renewal,
            contract.notice_period_text,
            contract.signature_date,
        ) == (
            date(2026, 11, 29),
            date(2027, 3, 19),
            date(2026, 12, 19),
            True,
            "trois (3) mois",
            None,
        )
        assert contract.host is not None
        assert (
            contract.host.certificate_number,
            contract.host.certifier,
            contract.host.certificate_expiry,
        ) == ("HDS-1", "AFNOR", date(2028, 2, 7))


def test_latest_extraction_of_each_document_main_first(db_url: str) -> None:
    with session_scope(db_url) as session:
        annex = document(session, "b", "annexe.pdf")
        main = document(session, "a", "contrat.pdf")
        attach_document(session, main, "dossier")
        attach_document(session, annex, "dossier")
        report = {"kind": "contract"}
        record_analysis(session, annex, as_of=date(2026, 1, 1), extraction={"v": 1}, report=report)
        record_analysis(session, main, as_of=date(2026, 1, 1), extraction={"v": 2}, report=report)
        record_analysis(session, main, as_of=date(2026, 2, 1), extraction={"v": 3}, report=report)
        contract_id = main.contract_id
        assert contract_id is not None
        pairs = latest_extractions(session, [contract_id])
        assert [(d.file_name, e) for d, e in pairs] == [
            ("contrat.pdf", {"v": 3}),
            ("annexe.pdf", {"v": 1}),
        ]


def test_docstring_examples_hold() -> None:
    failures, tried = doctest.testmod(store_module)
    assert (tried > 0, failures) == (True, 0)
