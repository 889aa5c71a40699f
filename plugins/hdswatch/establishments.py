"""Establishments, each autonomous with its own DPO and contacts, read from a YAML file (named by
``HDSWATCH_ESTABLISHMENTS``) and stored in the registry.

In: a file like the one below. Out: :class:`EstablishmentSpec` values, then rows of the registry
(``apply`` creates or updates each establishment and replaces its contacts; establishments that
the file does not name are left as they are).

.. code-block:: yaml

    establishments:
      - code: CSR                       # the inbox sub-folder
        name: Clinique Saint-Roch
        dpo: {name: Claire Martin, email: dpo@csr.example, lang: fr}
        contacts:
          - {name: Service juridique, email: juridique@csr.example, role: legal, digest: true}
        s3: {bucket: contrats-csr, prefix: depot/}   # optional: its own S3 inbox

The DPO receives the alerts and the nightly digest of their establishment; a contact with
``digest: true`` receives them too; ``lang`` (``fr`` or ``en``) is their language. With ``s3``,
the establishment has its own S3 inbox: every PDF under ``prefix`` in ``bucket`` (default: the
``HDSWATCH_S3_BUCKET``) is its own, the key's folders naming the contract.

>>> specs = parse("establishments: [{code: CSR, name: Clinique Saint-Roch,"
...               " dpo: {email: dpo@csr.example}}]")
>>> specs[0].code, specs[0].dpo_email, specs[0].contacts
('CSR', 'dpo@csr.example', ())
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from hdswatch.errors import ConfigError, DocumentNotFound

__all__ = ["ContactSpec", "EstablishmentSpec", "apply", "load", "parse"]

_CODE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")
_LANGS = ("fr", "en")
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


@dataclass(frozen=True)
class ContactSpec:
    email: str
    role: str
    name: str | None = None
    lang: str | None = None
    digest: bool = False


@dataclass(frozen=True)
class EstablishmentSpec:
    code: str
    name: str
    dpo_email: str | None = None
    dpo_name: str | None = None
    dpo_lang: str | None = None
    contacts: tuple[ContactSpec, ...] = ()
    s3_bucket: str | None = None
    s3_prefix: str | None = None


def load(path: Path) -> list[EstablishmentSpec]:
    """Read and check the establishments file. Raises ``DocumentNotFound`` or ``ConfigError``."""
    if not path.is_file():
        raise DocumentNotFound(str(path))
    return parse(path.read_text("utf-8"), where=str(path))


def parse(text: str, where: str = "HDSWATCH_ESTABLISHMENTS") -> list[EstablishmentSpec]:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: YAML illisible / unreadable YAML: {exc}") from None
    entries = data.get("establishments") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(
            f"{where}: une liste « establishments: » est attendue / "
            "an 'establishments:' list is expected"
        )
    specs = [
        _establishment(entry, f"{where}: establishments[{i}]") for i, entry in enumerate(entries)
    ]
    codes = [spec.code for spec in specs]
    if len(set(codes)) != len(codes):
        twice = sorted({code for code in codes if codes.count(code) > 1})
        raise ConfigError(f"{where}: code en double / duplicate code: {', '.join(twice)}")
    return specs


def apply(session: Session, specs: Sequence[EstablishmentSpec]) -> int:
    """Create or update each establishment in the registry; returns how many were written."""
    from hdswatch.registry.models import Contact
    from hdswatch.registry.store import establishment

    for spec in specs:
        row = establishment(session, spec.code)
        row.name, row.dpo_name, row.dpo_email, row.lang = (
            spec.name,
            spec.dpo_name,
            spec.dpo_email,
            spec.dpo_lang,
        )
        row.contacts.clear()
        session.flush()  # the old contacts go before the new ones take their addresses
        row.contacts.extend(
            Contact(name=c.name, email=c.email, role=c.role, lang=c.lang, digest=c.digest)
            for c in spec.contacts
        )
    session.flush()
    return len(specs)


def _establishment(entry: Any, where: str) -> EstablishmentSpec:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: une table est attendue / a mapping is expected")
    code = str(entry.get("code") or "")
    if not _CODE.match(code):
        raise ConfigError(
            f"{where}: code {code!r} invalide (lettres, chiffres, - et _) / "
            "invalid code (letters, digits, - and _)"
        )
    dpo = entry.get("dpo") or {}
    if not isinstance(dpo, dict):
        raise ConfigError(f"{where}.dpo: une table est attendue / a mapping is expected")
    contacts = entry.get("contacts") or []
    if not isinstance(contacts, list):
        raise ConfigError(f"{where}.contacts: une liste est attendue / a list is expected")
    parsed = tuple(_contact(c, f"{where}.contacts[{i}]") for i, c in enumerate(contacts))
    emails = [c.email.casefold() for c in parsed]
    if len(set(emails)) != len(emails):
        raise ConfigError(f"{where}.contacts: adresse en double / duplicate address")
    bucket, prefix = _s3(entry.get("s3"), f"{where}.s3")
    return EstablishmentSpec(
        code=code,
        name=str(entry.get("name") or code),
        dpo_email=_email(dpo.get("email"), f"{where}.dpo.email", required=False),
        dpo_name=_text(dpo.get("name")),
        dpo_lang=_lang(dpo.get("lang"), f"{where}.dpo.lang"),
        contacts=parsed,
        s3_bucket=bucket,
        s3_prefix=prefix,
    )


def _s3(value: Any, where: str) -> tuple[str | None, str | None]:
    """``{bucket, prefix}`` of an establishment's own S3 inbox; the prefix ends with ``/``."""
    if value in (None, ""):
        return None, None
    if not isinstance(value, dict) or not set(value) <= {"bucket", "prefix"} or not value:
        raise ConfigError(
            f"{where}: une table {{bucket, prefix}} est attendue / a {{bucket, prefix}} mapping "
            "is expected"
        )
    bucket, prefix = value.get("bucket"), value.get("prefix")
    if bucket is not None and not _BUCKET.match(str(bucket)):
        raise ConfigError(f"{where}.bucket: nom de seau invalide / invalid bucket name: {bucket!r}")
    cleaned = str(prefix or "").strip().strip("/")
    return (str(bucket) if bucket else None), (f"{cleaned}/" if cleaned else "")


def _contact(entry: Any, where: str) -> ContactSpec:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: une table est attendue / a mapping is expected")
    digest = entry.get("digest", False)
    if not isinstance(digest, bool):
        raise ConfigError(f"{where}.digest: true ou false / true or false")
    email = _email(entry.get("email"), f"{where}.email", required=True)
    assert email is not None
    return ContactSpec(
        email=email,
        role=_text(entry.get("role")) or "contact",
        name=_text(entry.get("name")),
        lang=_lang(entry.get("lang"), f"{where}.lang"),
        digest=digest,
    )


def _email(value: Any, where: str, *, required: bool) -> str | None:
    if value in (None, ""):
        if required:
            raise ConfigError(f"{where}: adresse manquante / address missing")
        return None
    if not isinstance(value, str) or not _EMAIL.match(value.strip()):
        raise ConfigError(f"{where}: adresse invalide / invalid address: {value!r}")
    return value.strip()


def _lang(value: Any, where: str) -> str | None:
    if value in (None, ""):
        return None
    if value not in _LANGS:
        raise ConfigError(f"{where}: {value!r} — 'fr' ou 'en' / 'fr' or 'en'")
    return str(value)


def _text(value: Any) -> str | None:
    return " ".join(str(value).split()) or None if value not in (None, "") else None
