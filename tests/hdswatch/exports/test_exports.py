"""The iCalendar feed and the CSV / XLSX exports of the register and the open findings, read back
with the libraries a mail client or a spreadsheet would use."""

from __future__ import annotations

import csv
import doctest
import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import openpyxl
import pytest
from click.testing import CliRunner

from hdswatch.cli import cli
from hdswatch.exports import export_calendar, export_csv, export_xlsx
from hdswatch.exports import files as files_module
from hdswatch.registry.db import session_scope, upgrade
from hdswatch.registry.findings import key_of, resolve, sync_contract
from hdswatch.registry.judgment import AlertFact
from hdswatch.registry.store import attach_document, host_named, record_document, update_register
from hdswatch.severity import severity_of

AS_OF = date(2026, 11, 29)
BASE = "https://hdswatch.ght.example/"


@pytest.fixture
def db_url(registry_url: str) -> str:
    """Two contracts: one renews tacitly (notice deadline), one does not; three findings."""
    upgrade(registry_url)
    with session_scope(registry_url) as session:
        for sha, code, name, dates, host, codes in (
            (
                "a",
                "PDT",
                "c03.pdf",
                {
                    "end_date": "2027-03-19",
                    "tacit_renewal": True,
                    "notice_period_text": "ninety (90) days",
                    "notice_deadline": "2026-12-19",
                    "hds_certificate_expiry": "2028-02-07",
                    "signature_date": "2025-03-10",
                },
                "Cirrus Medica Hosting B.V.",
                ["notice_deadline_within_30d"],
            ),
            (
                "b",
                "CHB",
                "c02.pdf",
                {
                    "end_date": "2029-09-30",
                    "tacit_renewal": False,
                    "hds_certificate_expiry": "2026-12-19",
                },
                None,
                ["missing:reversibility", "expiring_30d:hds_certificate"],
            ),
        ):
            document, _ = record_document(
                session,
                sha256=sha * 64,
                file_name=name,
                stored_path=f"/in/{code}/{name}",
                establishment=code,
                size_bytes=1,
            )
            contract = attach_document(session, document, None)
            update_register(contract, dates, host_named(session, host), {"number": "HDS-7"}, AS_OF)
            facts = [
                AlertFact(
                    code=c,
                    key=key_of(c),
                    severity=severity_of(c),
                    document_id=document.id,
                    clause_id=c.partition(":")[2] if c.startswith("missing:") else None,
                    due_date=date.fromisoformat(dates["hds_certificate_expiry"])
                    if "certificate" in c
                    else None,
                    page=None,
                    quote=None,
                )
                for c in codes
            ]
            sync_contract(session, contract.id, facts, AS_OF)
        # a resolved finding is not an open one
        extra = AlertFact(
            code="expiring_180d:contract", key="x", severity="info", document_id=document.id
        )
        found = sync_contract(session, contract.id, [*facts, extra], AS_OF).opened[0]
        session.flush()
        resolve(session, found.id, "rssi")
    return registry_url


def test_one_event_per_deadline_with_reminders(db_url: str) -> None:
    text = export_calendar(db_url, base_url=BASE, now=datetime(2026, 11, 29, 8, tzinfo=UTC))
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    feed = icalendar.Calendar.from_ical(text)
    events = [
        (str(e["uid"]), e.decoded("dtstart"), str(e["summary"]), len(e.subcomponents))
        for e in feed.walk("VEVENT")
    ]
    assert events == [
        (
            "hdswatch-1-notice_deadline@hdswatch.ght.example",
            date(2026, 12, 19),
            "Date limite de préavis — c03.pdf (PDT)",
            3,
        ),
        (
            "hdswatch-1-certificate_expiry@hdswatch.ght.example",
            date(2028, 2, 7),
            "Expiration du certificat HDS — c03.pdf (PDT)",
            2,
        ),
        (
            "hdswatch-1-end_of_term@hdswatch.ght.example",
            date(2027, 3, 19),
            "Fin de la période en cours — c03.pdf (PDT)",
            1,
        ),
        # no tacit renewal: no notice deadline event
        (
            "hdswatch-2-certificate_expiry@hdswatch.ght.example",
            date(2026, 12, 19),
            "Expiration du certificat HDS — c02.pdf (CHB)",
            2,
        ),
        (
            "hdswatch-2-end_of_term@hdswatch.ght.example",
            date(2029, 9, 30),
            "Fin de la période en cours — c02.pdf (CHB)",
            1,
        ),
    ]
    notice = feed.walk("VEVENT")[0]
    assert notice.decoded("dtend") == date(2026, 12, 20)
    assert str(notice["url"]) == "https://hdswatch.ght.example/contracts/1"
    assert str(notice["description"]).splitlines() == [
        "Contrat\u00a0: c03.pdf",
        "Établissement\u00a0: PDT",
        "Hébergeur\u00a0: Cirrus Medica Hosting B.V.",
        "Sans dénonciation avant cette date, le contrat est reconduit tacitement.",
        "Vérifier dans hdswatch\u00a0: https://hdswatch.ght.example/contracts/1",
    ]
    assert [a.decoded("trigger") for a in notice.walk("VALARM")] == [
        timedelta(days=-90),
        timedelta(days=-30),
        timedelta(days=-7),
    ]
    assert "DTSTAMP:20261129T080000Z\r\n" in text
    english = export_calendar(db_url, lang="en")
    assert "SUMMARY:Notice deadline — c03.pdf (PDT)\r\n" in english
    assert "UID:hdswatch-1-notice_deadline@hdswatch.invalid\r\n" in english


def test_register_as_csv_in_french_and_english(db_url: str) -> None:
    french = export_csv(db_url, "contracts", base_url=BASE)
    assert french.startswith("\ufeffN°;Établissement;Nom de l’établissement;Contrat;Hébergeur;")
    rows = list(csv.DictReader(io.StringIO(french.lstrip("\ufeff")), delimiter=";"))
    assert [
        (r["Contrat"], r["Reconduction tacite"], r["Date limite de préavis"]) for r in rows
    ] == [
        ("c02.pdf", "non", ""),
        ("c03.pdf", "oui", "2026-12-19"),
    ]
    assert rows[1]["Hébergeur"] == "Cirrus Medica Hosting B.V."
    assert rows[1]["Préavis"] == "ninety (90) days"
    assert (rows[0]["Constats ouverts"], rows[0]["Gravité la plus haute"]) == ("2", "Critique")
    assert rows[0]["Lien"] == "https://hdswatch.ght.example/contracts/2"
    english = export_csv(db_url, "contracts", lang="en")
    assert english.startswith("\ufeffNo.,Establishment,Establishment name,Contract,Host,")


def test_open_findings_as_csv_most_severe_first(db_url: str) -> None:
    text = export_csv(db_url, "findings")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert [(r["Contrat"], r["Code"], r["Gravité"], r["État"], r["Échéance"]) for r in rows] == [
        ("c02.pdf", "missing:reversibility", "Critique", "nouveau", ""),
        ("c02.pdf", "expiring_30d:hds_certificate", "Élevée", "nouveau", "2026-12-19"),
        ("c03.pdf", "notice_deadline_within_30d", "Élevée", "nouveau", ""),
    ]
    assert rows[1]["Alerte"] == "Le certificat HDS de l’hébergeur expire dans les 30 jours"


def test_workbook_has_both_sheets_with_real_dates(db_url: str, tmp_path: Path) -> None:
    path = export_xlsx(db_url, tmp_path / "registre.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Contrats", "Constats"]
    contracts = book["Contrats"]
    header = [cell.value for cell in contracts[1]]
    assert header[:4] == ["N°", "Établissement", "Nom de l’établissement", "Contrat"]
    end = contracts.cell(row=3, column=header.index("Fin de la période en cours") + 1)
    assert (end.value, end.number_format) == (datetime(2027, 3, 19), "yyyy-mm-dd")
    assert contracts.freeze_panes == "A2"
    assert contracts.auto_filter.ref == "A1:S3"
    assert book["Constats"].max_row == 4


def test_export_command(db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"HDSWATCH_DB_URL": db_url, "HDSWATCH_LANG": "en"}
    result = runner.invoke(cli, ["export", "csv", "--what", "findings"], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("\ufeffNo.,Contract no.,Contract,Document,Establishment,")
    result = runner.invoke(cli, ["export", "ics", "-o", str(tmp_path / "e.ics")], env=env)
    assert (result.exit_code, (tmp_path / "e.ics").read_text().count("BEGIN:VEVENT")) == (0, 5)
    result = runner.invoke(cli, ["export", "xlsx"], env=env)
    assert result.exit_code == 2
    assert "--output" in result.output


def test_docstring_examples_hold() -> None:
    failures, tried = doctest.testmod(files_module)
    assert (tried > 0, failures) == (True, 0)


def test_importing_the_exports_loads_neither_icalendar_nor_openpyxl() -> None:
    import subprocess
    import sys

    code = (
        "import sys, hdswatch.exports; "
        "print(sorted(m for m in ('icalendar', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, timeout=120
    )
    assert (out.returncode, out.stdout) == (0, "[]\n"), out.stderr
