"""Establishments from their YAML file into the registry, and the command-line steps on findings
and on the outbox."""

from __future__ import annotations

import doctest
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from hdswatch import establishments as establishments_module
from hdswatch.cli import cli
from hdswatch.errors import ConfigError
from hdswatch.establishments import apply, parse
from hdswatch.registry.db import session_scope, upgrade
from hdswatch.registry.findings import key_of, sync_contract
from hdswatch.registry.judgment import AlertFact
from hdswatch.registry.models import Establishment, Finding, FindingEvent
from hdswatch.registry.store import attach_document, record_document

FILE = """
establishments:
  - code: CSR
    name: Clinique Saint-Roch
    dpo: {name: Claire Martin, email: dpo@csr.example, lang: fr}
    contacts:
      - {name: Service juridique, email: juridique@csr.example, role: legal, digest: true}
      - {email: achats@csr.example, role: purchasing, lang: en}
  - code: CHB
    name: Centre hospitalier de Bellecombe
"""


@pytest.fixture
def db_url(registry_url: str) -> str:
    upgrade(registry_url)
    return registry_url


def test_the_file_fills_the_registry_and_a_second_load_replaces_contacts(db_url: str) -> None:
    with session_scope(db_url) as session:
        assert apply(session, parse(FILE)) == 2
    smaller = FILE.replace(
        "      - {email: achats@csr.example, role: purchasing, lang: en}\n", ""
    ).replace("dpo@csr.example", "dpo2@csr.example")
    with session_scope(db_url) as session:
        apply(session, parse(smaller))
    with session_scope(db_url) as session:
        rows = {
            e.code: (
                e.name,
                e.dpo_name,
                e.dpo_email,
                e.lang,
                [(c.email, c.role, c.digest) for c in e.contacts],
            )
            for e in session.query(Establishment)
        }
    assert rows == {
        "CSR": (
            "Clinique Saint-Roch",
            "Claire Martin",
            "dpo2@csr.example",
            "fr",
            [("juridique@csr.example", "legal", True)],
        ),
        "CHB": ("Centre hospitalier de Bellecombe", None, None, None, []),
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("establishments: {}", "an 'establishments:' list is expected"),
        ("establishments: [{code: 'C S R'}]", "establishments[0]: code 'C S R' invalide"),
        ("establishments: [{code: A}, {code: A}]", "duplicate code: A"),
        ("establishments: [{code: A, dpo: {email: nobody}}]", "establishments[0].dpo.email"),
        ("establishments: [{code: A, dpo: {email: a@b.fr, lang: de}}]", "'fr' or 'en'"),
        ("establishments: [{code: A, contacts: [{role: legal}]}]", "contacts[0].email"),
        ("establishments: [{code: A, contacts: [{email: a@b.fr, digest: oui}]}]", "true or false"),
        ("establishments: [", "unreadable YAML"),
    ],
)
def test_a_wrong_file_says_where(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse(text, where="etab.yaml")


def test_commands_on_establishments_findings_and_outbox(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "etab.yaml").write_text(FILE, "utf-8")
    runner = CliRunner()
    env = {"HDSWATCH_DB_URL": db_url, "HDSWATCH_SMTP_PORT": "1"}
    result = runner.invoke(cli, ["establishments", "load", str(tmp_path / "etab.yaml")], env=env)
    assert (result.exit_code, result.output) == (0, "2 établissement(s) enregistré(s)\n")
    result = runner.invoke(cli, ["establishments", "list"], env=env)
    assert result.output.splitlines() == [
        "CHB\tCentre hospitalier de Bellecombe\tDPO: —",
        "CSR\tClinique Saint-Roch\tDPO: dpo@csr.example",
        "\tlegal: juridique@csr.example (récapitulatif)",
        "\tpurchasing: achats@csr.example",
    ]
    with session_scope(db_url) as session:
        document, _ = record_document(
            session,
            sha256="f" * 64,
            file_name="c.pdf",
            stored_path="/c.pdf",
            establishment="CSR",
            size_bytes=1,
        )
        contract = attach_document(session, document, None)
        code = "expiring_30d:hds_certificate"
        fact = AlertFact(code=code, key=key_of(code), severity="high", document_id=document.id)
        sync_contract(session, contract.id, [fact], date(2026, 11, 29))
        finding_id = session.query(Finding).one().id
    result = runner.invoke(cli, ["findings", "list"], env=env)
    assert result.output == (
        f"{finding_id}\tÉlevée\tnouveau\tc.pdf (CSR)\t"
        "Le certificat HDS de l’hébergeur expire dans les 30 jours\n"
    )
    result = runner.invoke(
        cli, ["findings", "ack", str(finding_id), "--by", "rssi", "--note", "vu"], env=env
    )
    assert (result.exit_code, result.output) == (0, f"constat {finding_id} : acknowledged\n")
    result = runner.invoke(
        cli, ["findings", "decide", str(finding_id), "fixed", "--by", "dpo"], env=env
    )
    assert (result.exit_code, result.output) == (0, "décision 1 : fixed\n")
    assert runner.invoke(cli, ["findings", "list"], env=env).output == ""
    assert "résolu" in runner.invoke(cli, ["findings", "list", "--all"], env=env).output
    result = runner.invoke(cli, ["findings", "ack", "999"], env=env)
    assert result.exit_code == 1
    assert isinstance(result.exception, Exception)
    with session_scope(db_url) as session:
        events = [
            (e.event, e.by, e.note) for e in session.query(FindingEvent).order_by(FindingEvent.id)
        ]
    assert events == [
        ("opened", "hdswatch", None),
        ("acknowledged", "rssi", "vu"),
        ("resolved", "dpo", "décision / decision: fixed"),
    ]
    # nothing queued: nothing to send, nothing listed
    assert runner.invoke(cli, ["outbox", "list"], env=env).output == ""
    assert runner.invoke(cli, ["outbox", "send"], env=env).output == "0 e-mail(s) envoyé(s)\n"


def test_docstring_examples_hold() -> None:
    failures, tried = doctest.testmod(establishments_module)
    assert (tried > 0, failures) == (True, 0)


def test_an_establishment_s_own_s3_inbox() -> None:
    from hdswatch.errors import ConfigError
    from hdswatch.establishments import parse

    specs = parse(
        "establishments:\n"
        "  - {code: HPV, s3: {bucket: contrats-hpv, prefix: /depot/}}\n"
        "  - {code: CSR, s3: {prefix: inbox/csr}}\n"
        "  - {code: ABC}\n"
    )
    assert [(s.code, s.s3_bucket, s.s3_prefix) for s in specs] == [
        ("HPV", "contrats-hpv", "depot/"),
        ("CSR", None, "inbox/csr/"),
        ("ABC", None, None),
    ]
    with pytest.raises(ConfigError, match=r"establishments\[0\]\.s3\.bucket: nom de seau invalide"):
        parse("establishments: [{code: X, s3: {bucket: Pas_Valide}}]")
    with pytest.raises(ConfigError, match=r"establishments\[0\]\.s3: une table"):
        parse("establishments: [{code: X, s3: {region: eu-west-3}}]")
