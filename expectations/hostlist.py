"""The ANS list of HDS-certified hosts, imported from the CSV or XLSX file a user downloads from
esante.gouv.fr, and kept as a small JSON file for the checks of :mod:`expectations.hostcheck`.

Expected columns: names are matched without case, accents or punctuation, in any order; other
columns are ignored. Only the host's name is required.

==================  =========================================================================
field               accepted headers
==================  =========================================================================
name                Raison sociale, Nom, Nom de l'hébergeur, Hébergeur, Société, Dénomination,
                    Entreprise, Company, Host, Name
activities          Activités, Activités certifiées, Périmètre, Périmètre de certification,
                    Scope, Activities; or one column per activity, « Activité 1 » … « Activité 6 »,
                    marked X / Oui / Yes / 1
certifier           Organisme certificateur, Certificateur, Organisme de certification,
                    Certification body, Certifier
certificate_number  Numéro de certificat, N° de certificat, Certificat, Certificate number
issued              Date de délivrance, Date de certification, Date d'obtention, Date de début de
                    validité, Issue date, Valid from
expires             Date d'expiration, Date de fin de validité, Fin de validité, Valable jusqu'au,
                    Date d'échéance, Expiry date, Valid until
referential         Référentiel, Version du référentiel, Referential
url                 URL, Page de transparence, Lien, Site, Website
siren               SIREN, SIRET
==================  =========================================================================

CSV: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252; separated by ``;``, ``,``, tab
or ``|``. A title row above the header is skipped: the header is the first row naming the host
and at least one other known column. Dates: ``31/12/2027``, ``31-12-2027``, ``31.12.2027``,
``2027-12-31``, ``31 décembre 2027`` or spreadsheet dates. Activities: numbers 1 to 6, ranges
(« 1 à 6 », ``1-4``), or the activity names of CSP R.1111-9.

>>> hosts = read_host_list(Path("liste_hebergeurs_certifies.csv"))   # doctest: +SKIP
>>> hosts.records[0].name, hosts.records[0].activities               # doctest: +SKIP
('Nuagesanté SAS', ('1', '2', '3', '4', '5', '6'))
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

__all__ = [
    "HostList",
    "HostListError",
    "HostRecord",
    "activities_of",
    "fold",
    "read_host_list",
]


class HostListError(ValueError):
    """The file is not a list of certified hosts this importer can read; the message says why."""


@dataclass(frozen=True)
class HostRecord:
    """One row of the list: a host and one of its certificates. Dates are ISO strings."""

    name: str
    activities: tuple[str, ...] = ()
    certifier: str | None = None
    certificate_number: str | None = None
    issued: str | None = None
    expires: str | None = None
    referential: str | None = None
    url: str | None = None
    siren: str | None = None


@dataclass(frozen=True)
class HostList:
    """The imported list: its rows, the file it came from, when, and which header fed which
    field."""

    records: tuple[HostRecord, ...]
    source: str
    imported_on: str
    columns: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HostList:
        records = tuple(
            HostRecord(**{**r, "activities": tuple(r.get("activities", ()))})
            for r in data["records"]
        )
        return cls(records, data["source"], data["imported_on"], dict(data.get("columns", {})))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1), "utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> HostList:
        try:
            return cls.from_dict(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise HostListError(f"{path}: liste illisible / unreadable list ({exc})") from exc


def fold(text: str) -> str:
    """Lower case, no accents, every run of other characters one space: « N° de certificat » →
    ``n de certificat``."""
    decomposed = unicodedata.normalize("NFKD", text.replace("°", " "))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


_HEADERS: dict[str, tuple[str, ...]] = {
    "name": (
        "raison sociale",
        "nom",
        "nom de l hebergeur",
        "hebergeur",
        "societe",
        "denomination",
        "denomination sociale",
        "entreprise",
        "company",
        "company name",
        "host",
        "name",
    ),
    "activities": (
        "activites",
        "activites certifiees",
        "perimetre",
        "perimetre de certification",
        "perimetre du certificat",
        "scope",
        "activities",
        "certified activities",
    ),
    "certifier": (
        "organisme certificateur",
        "certificateur",
        "organisme de certification",
        "certification body",
        "certifier",
    ),
    "certificate_number": (
        "numero de certificat",
        "n de certificat",
        "numero du certificat",
        "certificat",
        "certificate number",
        "certificate",
    ),
    "issued": (
        "date de delivrance",
        "date de certification",
        "date d obtention",
        "date de debut de validite",
        "debut de validite",
        "issue date",
        "valid from",
    ),
    "expires": (
        "date d expiration",
        "date de fin de validite",
        "fin de validite",
        "valable jusqu au",
        "date d echeance",
        "date de fin",
        "expiry date",
        "expiration date",
        "valid until",
    ),
    "referential": ("referentiel", "version du referentiel", "referential"),
    "url": ("url", "page de transparence", "lien", "site", "site internet", "website"),
    "siren": ("siren", "siret"),
}
_LOOKUP = {header: name for name, headers in _HEADERS.items() for header in headers}
_ACTIVITY_COLUMN = re.compile(r"^(?:activite|activity)\s*(?:n\s*)?([1-6])$")


def _mapping(row: Sequence[Any]) -> tuple[dict[str, int], dict[int, str], dict[str, str]]:
    """Field → column index, activity number → column index, field → header as written."""
    fields: dict[str, int] = {}
    activities: dict[int, str] = {}
    written: dict[str, str] = {}
    for index, cell in enumerate(row):
        header = fold(str(cell or ""))
        match = _ACTIVITY_COLUMN.match(header)
        if match:
            activities[index] = match.group(1)
            written.setdefault("activities", str(cell))
        elif header in _LOOKUP and _LOOKUP[header] not in fields:
            fields[_LOOKUP[header]] = index
            written[_LOOKUP[header]] = str(cell).strip()
    return fields, activities, written


_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip


def _date(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = fold(str(value or ""))
    patterns = (
        (r"^(\d{4}) (\d{1,2}) (\d{1,2})(?: .*)?$", (1, 2, 3)),
        (r"^(\d{1,2}) (\d{1,2}) (\d{4})$", (3, 2, 1)),
    )
    for pattern, (y, m, d) in patterns:
        match = re.match(pattern, text)
        if match:
            try:
                return date(int(match[y]), int(match[m]), int(match[d])).isoformat()
            except ValueError:
                return None
    match = re.match(r"^(\d{1,2})(?: er)? ([a-z]+) (\d{4})$", text)
    if match and match[2] in _MONTHS:
        try:
            return date(int(match[3]), _MONTHS[match[2]], int(match[1])).isoformat()
        except ValueError:
            return None
    return None


_ACTIVITY_NAMES = (
    ("1", ("sites physiques", "physical sites")),
    ("2", ("infrastructure materielle", "hardware infrastructure")),
    ("3", ("infrastructure virtuelle", "virtual infrastructure")),
    ("4", ("plateforme d hebergement d applications", "application hosting platform")),
    ("5", ("administration et exploitation", "administration and operation")),
    ("6", ("sauvegarde", "backup")),
)


def activities_of(text: str) -> tuple[str, ...]:
    """The activity numbers a cell names: « 1 à 4 et 6 » → ('1', '2', '3', '4', '6')."""
    folded = fold(text)
    found: set[int] = set()
    ranged = fold(re.sub(r"[-–]", " a ", text))
    for start, end in re.findall(r"\b([1-6]) (?:a|to) ([1-6])\b", ranged):
        found.update(range(int(start), int(end) + 1))
    found.update(int(n) for n in re.findall(r"\b([1-6])\b", folded))
    for number, names in _ACTIVITY_NAMES:
        if any(name in folded for name in names):
            found.add(int(number))
    return tuple(str(n) for n in sorted(found))


_MARKED = {"x", "oui", "yes", "1", "true", "vrai", "o", "y"}


def _records(rows: Iterable[Sequence[Any]], source: str) -> tuple[list[HostRecord], dict[str, str]]:
    iterator: Iterator[Sequence[Any]] = iter(rows)
    for row in iterator:
        fields, activity_columns, written = _mapping(row)
        if "name" in fields and (len(fields) + bool(activity_columns)) >= 2:
            break
    else:
        raise HostListError(
            f"{source}: aucune ligne d'en-tête reconnue (il faut au moins la raison sociale et une "
            "autre colonne connue) / no header row found (the host's name and one other known "
            "column are needed)"
        )

    def cell(row: Sequence[Any], name: str) -> Any:
        index = fields.get(name)
        return row[index] if index is not None and index < len(row) else None

    def text(row: Sequence[Any], name: str) -> str | None:
        value = cell(row, name)
        cleaned = " ".join(str(value).split()) if value not in (None, "") else ""
        return cleaned or None

    records = []
    for row in iterator:
        name = text(row, "name")
        if not name:
            continue
        activities = set(activities_of(str(cell(row, "activities") or "")))
        for index, number in activity_columns.items():
            value = row[index] if index < len(row) else None
            if fold(str(value if value is not None else "")) in _MARKED:
                activities.add(number)
        records.append(
            HostRecord(
                name=name,
                activities=tuple(sorted(activities)),
                certifier=text(row, "certifier"),
                certificate_number=text(row, "certificate_number"),
                issued=_date(cell(row, "issued")),
                expires=_date(cell(row, "expires")),
                referential=text(row, "referential"),
                url=text(row, "url"),
                siren=text(row, "siren"),
            )
        )
    return records, written


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _csv_rows(raw: bytes) -> list[list[str]]:
    text = _decode(raw)
    sample = "\n".join(text.splitlines()[:20])
    counts = {sep: sample.count(sep) for sep in (";", "\t", ",", "|")}
    separator = max(counts, key=lambda sep: counts[sep])
    return list(csv.reader(io.StringIO(text), delimiter=separator))


def _xlsx_rows(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
            if any(_mapping(row)[0].get("name") is not None for row in rows[:30]):
                return rows
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_host_list(path: Path, today: date | None = None) -> HostList:
    """Read the ANS list from a ``.csv`` or ``.xlsx`` file. Raises :class:`HostListError` when the
    file cannot be read or has no recognisable header."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise HostListError(f"{path}: {exc.strerror or exc}") from exc
    if raw.startswith(b"PK"):
        try:
            rows = _xlsx_rows(path)
        except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
            raise HostListError(
                f"{path}: classeur XLSX illisible / unreadable workbook ({exc})"
            ) from exc
    elif raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise HostListError(
            f"{path}: ancien format Excel (.xls) : enregistrez-le en .xlsx ou .csv / old Excel "
            "format (.xls): save it as .xlsx or .csv"
        )
    else:
        rows = _csv_rows(raw)
    records, written = _records(rows, path.name)
    if not records:
        raise HostListError(f"{path}: aucun hébergeur dans le fichier / no host in the file")
    imported = (today or date.today()).isoformat()
    return HostList(tuple(records), path.name, imported, written)
