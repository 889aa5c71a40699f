"""The ANS list of certified hosts: CSV and XLSX files made here, in several encodings, separators
and column orders; parsing of dates and activities; names matched; a contract's host checked."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from expectations.hostcheck import check_host, find_host, normalise_name
from expectations.hostlist import (
    HostList,
    HostListError,
    HostRecord,
    activities_of,
    read_host_list,
)
from tests.expectations.builders import values

TODAY = date(2026, 11, 29)
EXPECTED = (
    HostRecord(
        name="Nuagesanté SAS",
        activities=("1", "2", "3", "4", "5", "6"),
        certifier="AFNOR Certification",
        certificate_number="HDS-2024-0457",
        issued="2024-12-20",
        expires="2027-12-19",
        referential="v2",
        url="https://nuagesante.example/garanties",
        siren="123456789",
    ),
    HostRecord(
        name="DataSoin Hébergement SA",
        activities=("1", "2", "6"),
        certifier="Bureau Veritas Certification",
        certificate_number="HDS-2023-0112",
        issued="2023-12-19",
        expires="2026-12-18",
        referential="v1.1",
        url=None,
        siren=None,
    ),
)

FRENCH = [
    ["Liste des hébergeurs certifiés HDS — mise à jour du 01/11/2026"],
    [],
    [
        "Raison sociale",
        "SIREN",
        "Organisme certificateur",
        "N° de certificat",
        "Date de délivrance",
        "Date d'expiration",
        "Activités certifiées",
        "Référentiel",
        "Page de transparence",
    ],
    [
        "Nuagesanté SAS",
        "123456789",
        "AFNOR Certification",
        "HDS-2024-0457",
        "20/12/2024",
        "19/12/2027",
        "Activités 1 à 6",
        "v2",
        "https://nuagesante.example/garanties",
    ],
    [
        "DataSoin Hébergement SA",
        "",
        "Bureau Veritas Certification",
        "HDS-2023-0112",
        "19/12/2023",
        "18 décembre 2026",
        "1, 2 et sauvegarde",
        "v1.1",
        "",
    ],
]


def _csv(rows: list[list[str]], separator: str) -> str:
    def cell(text: str) -> str:
        return f'"{text}"' if separator in text or "," in text else text

    return "\r\n".join(separator.join(cell(c) for c in row) for row in rows) + "\r\n"


def _reordered(rows: list[list[str]]) -> list[list[str]]:
    """Other headers, other order, an extra column, no title row."""
    header = rows[2]
    order = [8, 6, 5, 4, 3, 2, 1, 0, 7]
    renamed = {
        "Raison sociale": "Hébergeur",
        "Date d'expiration": "Fin de validité",
        "Activités certifiées": "Périmètre",
        "N° de certificat": "Numéro de certificat",
        "Page de transparence": "URL",
    }
    out = [[renamed.get(header[i], header[i]) for i in order] + ["Commentaire"]]
    out += [[row[i] for i in order] + ["—"] for row in rows[3:]]
    return out


@pytest.mark.parametrize(
    ("encoding", "separator", "rows"),
    [
        ("utf-8", ";", FRENCH),
        ("utf-8-sig", ";", FRENCH),
        ("cp1252", ";", FRENCH),
        ("utf-16", "\t", FRENCH),
        ("utf-8", ",", _reordered(FRENCH)),
        ("cp1252", "|", _reordered(FRENCH)),
    ],
)
def test_csv_in_any_encoding_separator_and_column_order(
    tmp_path: Path, encoding: str, separator: str, rows: list[list[str]]
) -> None:
    path = tmp_path / "liste.csv"
    path.write_bytes(_csv(rows, separator).encode(encoding))
    hosts = read_host_list(path, TODAY)
    assert hosts.records == EXPECTED
    assert (hosts.source, hosts.imported_on) == ("liste.csv", "2026-11-29")
    assert set(hosts.columns) == {
        "name",
        "siren",
        "certifier",
        "certificate_number",
        "issued",
        "expires",
        "activities",
        "referential",
        "url",
    }


def test_xlsx_with_dates_and_one_column_per_activity(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    notes = workbook.active
    notes.title = "Notes"
    notes.append(["Ce classeur liste les hébergeurs certifiés."])
    sheet = workbook.create_sheet("Hébergeurs")
    sheet.append(["Certified hosts"])
    sheet.append(
        ["Company", "Certification body", "Certificate number", "Issue date", "Expiry date"]
        + [f"Activité {n}" for n in range(1, 7)]
        + ["Referential", "Website", "SIRET"]
    )
    sheet.append(
        [
            *("Nuagesanté SAS", "AFNOR Certification", "HDS-2024-0457"),
            *(datetime(2024, 12, 20), date(2027, 12, 19)),
            *("X", "x", "Oui", "oui", "yes", "1"),
            *("v2", "https://nuagesante.example/garanties", 123456789),
        ]
    )
    sheet.append(
        [
            *("DataSoin Hébergement SA", "Bureau Veritas Certification", "HDS-2023-0112"),
            *("2023-12-19", "18.12.2026"),
            *("X", "X", "", None, "non", "X"),
            *("v1.1", None, None),
        ]
    )
    path = tmp_path / "liste.xlsx"
    workbook.save(path)
    assert read_host_list(path, TODAY).records == EXPECTED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Activités 1 à 6", ("1", "2", "3", "4", "5", "6")),
        ("1-4", ("1", "2", "3", "4")),
        ("1 – 3, 6", ("1", "2", "3", "6")),
        ("activities 2 to 3", ("2", "3")),
        ("1, 2 et 6", ("1", "2", "6")),
        ("Hébergement d'infrastructure virtuelle ; sauvegarde", ("3", "6")),
        ("administration et exploitation du système d'information", ("5",)),
        ("", ()),
    ],
)
def test_activities(text: str, expected: tuple[str, ...]) -> None:
    assert activities_of(text) == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Nom;Ville\r\nA;Paris\r\n", "aucune ligne d'en-tête"),
        (b"Raison sociale;Date d'expiration\r\n", "aucun hébergeur"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "ancien format Excel"),
        (b"PK\x03\x04 not really a workbook", "classeur XLSX illisible"),
    ],
)
def test_unusable_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "liste.csv"
    path.write_bytes(content)
    with pytest.raises(HostListError, match=message):
        read_host_list(path, TODAY)


def test_saved_and_loaded(tmp_path: Path) -> None:
    hosts = HostList(EXPECTED, "liste.csv", "2026-11-29", {"name": "Raison sociale"})
    hosts.save(tmp_path / "ans_hosts.json")
    assert HostList.load(tmp_path / "ans_hosts.json") == hosts
    (tmp_path / "bad.json").write_text("{", "utf-8")
    with pytest.raises(HostListError, match="liste illisible"):
        HostList.load(tmp_path / "bad.json")


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("Nuagesanté SAS", "nuagesante"),
        ("Cirrus Medica Hosting B.V.", "cirrus medica hosting"),
        ("OVH S.A.S.", "ovh"),
        ("SA", "sa"),
    ],
)
def test_names_are_compared_without_legal_forms(name: str, normalised: str) -> None:
    assert normalise_name(name) == normalised


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("NUAGESANTE", ["Nuagesanté SAS"]),
        ("Datasoin hébergement", ["DataSoin Hébergement SA"]),
        ("DataSoin", ["DataSoin Hébergement SA"]),
        ("Hébergement", ["DataSoin Hébergement SA"]),
        ("Cumulus Santé", []),
        ("", []),
    ],
)
def test_find_host(name: str, found: list[str]) -> None:
    hosts = HostList(EXPECTED, "liste.csv", "2026-11-29")
    assert [r.name for r in find_host(name, hosts)] == found


def test_check_host() -> None:
    hosts = HostList(EXPECTED, "liste.csv", "2026-11-29")
    check = check_host(
        values(
            host="DataSoin Hébergement", hds_certificate_expiry="2026-12-31", hds_scope=["1", "5"]
        ),
        hosts,
    )
    assert check is not None
    assert (check.listed, check.list_expiry, check.gap_days, check.missing_activities) == (
        True,
        date(2026, 12, 18),
        13,
        ("5",),
    )
    assert check_host(values(host="Cumulus"), hosts).listed is False  # type: ignore[union-attr]
    assert check_host(values(host=None), hosts) is None
    assert check_host(values(host="Nuagesanté"), None) is None
