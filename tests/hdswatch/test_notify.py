"""Who gets which e-mail, what an item shows, the digest's limit, and the two ways to the SMTP
relay (plain settings, or an Airflow connection), against a real SMTP server on loopback."""

from __future__ import annotations

import json
from datetime import date
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from hdswatch import notify
from hdswatch.errors import ConfigError
from hdswatch.establishments import apply, parse
from hdswatch.mail import MailCatcher
from hdswatch.mail.connection import smtp_settings
from hdswatch.registry.db import session_scope, upgrade
from hdswatch.registry.findings import key_of, sync_contract
from hdswatch.registry.judgment import AlertFact
from hdswatch.registry.store import attach_document, record_document
from hdswatch.settings import Settings
from hdswatch.severity import severity_of

NIGHT = date(2026, 11, 30)
PEOPLE = """
establishments:
  - code: CSR
    name: Clinique Saint-Roch
    dpo: {email: dpo@csr.example, lang: en}
    contacts:
      - {email: achats@ght.example, role: purchasing, digest: true}
      - {email: archives@csr.example, role: records}
  - code: CHB
    name: Centre hospitalier de Bellecombe
    dpo: {email: RSSI@ght.example}
    contacts:
      - {email: achats@ght.example, role: purchasing, digest: true}
"""


def settings_for(url: str, port: int, **more: str) -> Settings:
    return Settings.from_env(
        {
            "HDSWATCH_DB_URL": url,
            "HDSWATCH_SMTP_PORT": str(port),
            "HDSWATCH_RSSI_EMAIL": "rssi@ght.example",
            "HDSWATCH_MAIL_FROM": "hdswatch@ght.example",
            "HDSWATCH_BASE_URL": "https://hdswatch.ght.example",
            **more,
        }
    )


@pytest.fixture
def db_url(registry_url: str) -> str:
    upgrade(registry_url)
    with session_scope(registry_url) as session:
        apply(session, parse(PEOPLE))
    return registry_url


def contract_with(url: str, code: str, name: str, *facts: dict[str, object]) -> int:
    with session_scope(url) as session:
        document, _ = record_document(
            session,
            sha256=(name * 64)[:64],
            file_name=name,
            stored_path=f"/in/{code}/{name}",
            establishment=code,
            size_bytes=1,
        )
        contract = attach_document(session, document, None)
        alerts = [
            AlertFact(
                key=key_of(str(f["code"])),
                severity=severity_of(str(f["code"])),
                document_id=document.id,
                **f,  # type: ignore[arg-type]
            )
            for f in facts
        ]
        sync_contract(session, contract.id, alerts, NIGHT)
        return document.id


def test_audience_rssi_everything_dpo_and_contacts_their_establishments(db_url: str) -> None:
    with session_scope(db_url) as session:
        people = notify.audience(session, settings_for(db_url, 25))
        codes = {e.id: e.code for e in session.query(notify.Establishment)}
    seen = {
        p.email: (
            p.lang,
            None if p.establishments is None else sorted(codes[i] for i in p.establishments),
        )
        for p in people
    }
    assert seen == {
        "rssi@ght.example": ("fr", None),  # also CHB's DPO: still everything, once
        "dpo@csr.example": ("en", ["CSR"]),
        "achats@ght.example": ("fr", ["CHB", "CSR"]),
    }


def test_an_item_shows_contract_clause_law_page_quote_reason_and_link(
    db_url: str, tmp_path: Path
) -> None:
    contract_with(
        db_url,
        "CSR",
        "c07.pdf",
        {
            "code": "non_compliant:hosting_locations",
            "clause_id": "hosting_locations",
            "legal_ref": "CSP R.1111-11 I 3°",
            "page": 3,
            "quote": "Les données sont hébergées en France et aux États-Unis.",
            "why": "Stockage hors de l'EEE : US",
        },
        {"code": "expiring_90d:contract", "due_date": date(2027, 2, 1)},
    )
    with MailCatcher(tmp_path / "box") as catcher:
        sent = notify.send_digest(NIGHT, settings_for(db_url, catcher.port))
    assert sent == 3  # the RSSI, CSR's DPO (in English) and the purchasing contact
    by_to = {str(m["To"]): m for m in catcher.messages()}
    text = by_to["rssi@ght.example"].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    from expectations.catalogue import load_catalogue

    title = load_catalogue().get("hosting_locations").title_fr
    assert (
        f"1. [Critique] Clause non conforme\u00a0: {title}\n"
        "   Contrat\u00a0: c07.pdf\n"
        "   Établissement\u00a0: Clinique Saint-Roch (CSR)\n"
        "   Base légale\u00a0: CSP R.1111-11 I 3°\n"
        "   Motif\u00a0: Stockage hors de l'EEE : US\n"
        "   Preuve\u00a0: page 3 — «\u00a0Les données sont hébergées en France et aux États-Unis.\u00a0»\n"
        "   Vérifier dans hdswatch <https://hdswatch.ght.example/findings/1>\n"
    ) in text
    assert "   Échéance\u00a0: 1 février 2027 (dans 63 jours)\n" in text
    english = by_to["dpo@csr.example"].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "   Reason: Stockage hors de l'EEE : US\n" in english
    assert "Establishments: Clinique Saint-Roch (CSR).\n" in english


def test_the_mime_that_arrives_has_a_utf8_subject_and_both_parts(
    db_url: str, tmp_path: Path
) -> None:
    contract_with(
        db_url, "CHB", "c02.pdf", {"code": "missing:reversibility", "clause_id": "reversibility"}
    )
    with MailCatcher(tmp_path / "box") as catcher:
        notify.send_digest(NIGHT, settings_for(db_url, catcher.port))
    raw = next(
        p for p in sorted((tmp_path / "box").glob("*.eml")) if b"rssi@ght.example" in p.read_bytes()
    )
    head = raw.read_bytes().split(b"\n\n", 1)[0].decode("ascii")
    assert "Subject: [hdswatch] =?utf-8?q?Synth=C3=A8se_d" in head  # encoded on the wire
    message = BytesParser(policy=policy.default).parsebytes(raw.read_bytes())
    assert (
        str(message["Subject"])
        == "[hdswatch] Synthèse du 30 novembre 2026 — 1 alerte, dont 1 critique"
    )
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert '<a href="https://hdswatch.ght.example/findings/1"' in html
    assert "Synthèse du 30 novembre 2026" in html


def test_the_digest_lists_the_most_urgent_and_counts_what_it_leaves_out(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notify, "DIGEST_LIMIT", 2)
    contract_with(
        db_url,
        "CHB",
        "c02.pdf",
        {"code": "missing:reversibility", "clause_id": "reversibility"},
        {"code": "non_compliant:hosting_locations", "clause_id": "hosting_locations"},
        {"code": "outdated_referential:hds_certificate"},
        {"code": "expiring_30d:hds_certificate", "due_date": date(2026, 12, 19)},
        {"code": "notice_deadline_within_90d", "due_date": date(2027, 2, 1)},
    )
    with MailCatcher(tmp_path / "box") as catcher:
        notify.send_digest(NIGHT, settings_for(db_url, catcher.port))
    rssi = next(m for m in catcher.messages() if str(m["To"]) == "rssi@ght.example")
    text = rssi.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert str(rssi["Subject"]).endswith("— 5 alertes, dont 3 critiques")
    assert text.count(". [Critique]") == 2
    assert ". [Élevée]" not in text
    assert (
        "Autres alertes, moins urgentes, non détaillées ici\u00a0: 3. "
        "Toutes sont dans le registre (hdswatch export xlsx).\n"
        "Ouvrir le registre <https://hdswatch.ght.example>\n"
    ) in text
    # left out of the list, but announced: not repeated tomorrow
    with MailCatcher(tmp_path / "box2") as catcher:
        notify.send_digest(date(2026, 12, 1), settings_for(db_url, catcher.port))
    [quiet] = catcher.messages()
    assert str(quiet["Subject"]).endswith("rien à signaler")


def test_an_airflow_smtp_connection_is_used_when_named(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    contract_with(
        db_url, "CHB", "c02.pdf", {"code": "missing:reversibility", "clause_id": "reversibility"}
    )
    with MailCatcher(tmp_path / "box") as catcher:
        connection = {
            "conn_type": "smtp",
            "host": "127.0.0.1",
            "port": catcher.port,
            "extra": {
                "disable_ssl": True,
                "disable_tls": True,
                "from_email": "alertes@ght.example",
            },
        }
        monkeypatch.setenv("AIRFLOW_CONN_HDSWATCH_SMTP", json.dumps(connection))
        settings = settings_for(db_url, 1, HDSWATCH_SMTP_CONN_ID="hdswatch_smtp")  # port 1: unused
        assert notify.send_digest(NIGHT, settings) == 2  # the RSSI and the purchasing contact
    for received in catcher.messages():
        assert (str(received["From"]), str(received["X-Envelope-From"])) == (
            "alertes@ght.example",
            "alertes@ght.example",
        )


def test_connection_fields_map_as_airflow_reads_them() -> None:
    plain, sender = smtp_settings(
        "relay", 2525, "u", "p", {"disable_ssl": "true", "disable_tls": True}
    )
    assert (plain.host, plain.port, plain.ssl, plain.starttls, plain.username, sender) == (
        "relay",
        2525,
        False,
        False,
        "u",
        None,
    )
    tls, _ = smtp_settings("relay", None, None, None, {"disable_ssl": True})
    assert (tls.port, tls.ssl, tls.starttls, tls.username) == (25, False, True, None)
    smtps, _ = smtp_settings("relay", None, None, None, {"timeout": 5})
    assert (smtps.port, smtps.ssl, smtps.starttls, smtps.timeout) == (465, True, False, 5.0)
    with pytest.raises(ConfigError, match="only basic authentication"):
        smtp_settings("relay", 25, None, None, {"auth_type": "oauth2"})
    with pytest.raises(ConfigError, match="without a host"):
        smtp_settings(None, 25, None, None, {})
