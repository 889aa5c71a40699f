"""Documents in quarantine: those that could not be processed (kind ``encrypted``, ``empty`` or
``unreadable``, a parsing limit included), listed with the proof that the original is intact,
and read again on request (after a password was removed or a limit raised).

In: the registry (``HDSWATCH_DB_URL``). Out: :class:`Quarantined` rows; the commands
``hdswatch quarantine list [--json]`` and ``hdswatch quarantine retry ID [--as-of]``.
Importing this module is light (click only). The customer's file is never moved nor modified: ``intact`` compares its bytes now with the
sha256 and size recorded when it arrived.

>>> rows = quarantined("sqlite:///var/registry.db")   # doctest: +SKIP
>>> rows[0].file_name, rows[0].reason, rows[0].intact  # doctest: +SKIP
('scan.pdf', 'parse_timeout', True)
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import click

__all__ = ["Quarantined", "quarantine", "quarantined", "retry"]


@dataclass(frozen=True)
class Quarantined:
    id: int
    establishment: str
    file_name: str
    kind: str | None
    reason: str | None
    since: str
    stored_path: str
    sha256: str
    size_bytes: int
    intact: bool | None  # None: the file is no longer where it was found


def quarantined(db_url: str) -> list[Quarantined]:
    """Every document in quarantine, the oldest first, each checked against its file."""
    from sqlalchemy import select

    from extractors.extract import sha256_of
    from hdswatch.registry.db import session_scope
    from hdswatch.registry.models import Document

    with session_scope(db_url) as session:
        rows = list(
            session.scalars(
                select(Document)
                .where(Document.quarantined_at.is_not(None))
                .order_by(Document.quarantined_at, Document.id)
            )
        )
        found = []
        for doc in rows:
            path = Path(doc.stored_path)
            intact = None
            if path.is_file():
                intact = path.stat().st_size == doc.size_bytes and sha256_of(path) == doc.sha256
            assert doc.quarantined_at is not None
            found.append(
                Quarantined(
                    doc.id,
                    doc.establishment_code,
                    doc.file_name,
                    doc.kind,
                    doc.quarantine_reason,
                    doc.quarantined_at.isoformat(timespec="seconds"),
                    doc.stored_path,
                    doc.sha256,
                    doc.size_bytes,
                    intact,
                )
            )
    return found


def retry(document_id: int, as_of: date, settings: object) -> str | None:
    """Read a quarantined document again with the current settings and store the result;
    returns its new kind (None when the id is not in quarantine)."""
    from hdswatch import pipeline
    from hdswatch.errors import InputError
    from hdswatch.registry.db import session_scope
    from hdswatch.registry.models import Document
    from hdswatch.settings import Settings

    assert isinstance(settings, Settings)
    with session_scope(settings.db_url) as session:
        doc = session.get(Document, document_id)
        if doc is None or doc.quarantined_at is None:
            return None
        path = doc.stored_path
    if not Path(path).is_file():
        raise InputError(f"{path!r} : fichier introuvable / file not found")
    staged = pipeline.validate(pipeline.analyse(path, settings), as_of, settings)
    stored = pipeline.store(staged, as_of, settings)
    with session_scope(settings.db_url) as session:
        again = session.get(Document, stored)
        return again.kind if again is not None else None


@click.group()
def quarantine() -> None:
    """Documents qui n'ont pas pu être traités (chiffrés, vides, illisibles, hors limites)."""


@quarantine.command("list")
@click.option("--json", "as_json", is_flag=True, help="Une ligne JSON par document.")
def quarantine_list(as_json: bool) -> None:
    """Liste les documents en quarantaine et vérifie que chaque original est intact."""
    from hdswatch.pipeline import prepare
    from hdswatch.settings import get_settings

    settings = get_settings()
    prepare(settings)
    rows = quarantined(settings.db_url)
    for row in rows:
        if as_json:
            click.echo(json.dumps(asdict(row), ensure_ascii=False))
            continue
        state = {True: "intact", False: "MODIFIÉ / CHANGED", None: "absent / missing"}[row.intact]
        click.echo(
            f"{row.id}\t{row.establishment}\t{row.file_name!r}\t{row.kind}\t{row.reason}\t"
            f"{row.since}\t{row.size_bytes} o\t{state}"
        )
    if not as_json:
        click.echo(f"{len(rows)} document(s) en quarantaine / in quarantine", err=True)


@quarantine.command("retry")
@click.argument("document_id", type=int)
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD")
def quarantine_retry(document_id: int, as_of: str | None) -> None:
    """Relit un document en quarantaine avec les réglages actuels (limites, mot de passe retiré)."""
    from hdswatch.clock import today_in_paris
    from hdswatch.pipeline import prepare
    from hdswatch.settings import get_settings

    settings = get_settings()
    prepare(settings)
    day = date.fromisoformat(as_of) if as_of else today_in_paris()
    kind = retry(document_id, day, settings)
    if kind is None:
        raise click.ClickException(
            f"document {document_id} : pas en quarantaine / not in quarantine"
        )
    click.echo(f"document {document_id} : {kind}")
