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


def _in_thread(work):  # type: ignore[no-untyped-def]
    import threading

    out: dict[str, object] = {}
    done = threading.Event()

    def run() -> None:
        try:
            out["value"] = work()
        except Exception as exc:  # reported to the test, not lost in the thread
            out["error"] = exc
        done.set()

    threading.Thread(target=run, daemon=True).start()
    return out, done


def test_an_establishment_created_meanwhile_by_another_worker_is_the_one_returned(
    db_url: str,
) -> None:
    from hdswatch.registry.store import establishment

    if not db_url.startswith("postgresql"):  # one writer at a time: one after the other
        with session_scope(db_url) as first:
            created_id = establishment(first, "NEW").id
        with session_scope(db_url) as second:
            assert establishment(second, "NEW").id == created_id
        return
    with session_scope(db_url) as first:
        created = establishment(first, "NEW")
        first.flush()  # inserted, not committed: the other worker's insert now waits on it

        def other() -> int:
            with session_scope(db_url) as second:
                return int(establishment(second, "NEW").id)

        out, done = _in_thread(other)
        assert not done.wait(0.5)  # held by the unique index
        created_id = created.id
    assert done.wait(30)
    assert out == {"value": created_id}  # no IntegrityError: the committed row
    with session_scope(db_url) as session:
        assert session.query(Establishment).filter_by(code="NEW").count() == 1


def test_documents_of_one_establishment_are_stored_one_at_a_time(db_url: str) -> None:
    from hdswatch.registry.store import lock_establishment

    if not db_url.startswith("postgresql"):
        with session_scope(db_url) as session:
            lock_establishment(session, "CSR")  # nothing to do: SQLite has one writer at a time
        return
    with session_scope(db_url) as holder:
        lock_establishment(holder, "CSR")

        def locked(code: str):  # type: ignore[no-untyped-def]
            def work() -> str:
                with session_scope(db_url) as session:
                    lock_establishment(session, code)
                return code

            return work

        same, same_done = _in_thread(locked("CSR"))
        other, other_done = _in_thread(locked("CHB"))
        assert other_done.wait(30) and other == {"value": "CHB"}  # another establishment
        assert not same_done.wait(0.5)  # waits for the holder's transaction
    assert same_done.wait(30)
    assert same == {"value": "CSR"}
