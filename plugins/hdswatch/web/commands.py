"""Command line of the review page's data: ``hdswatch review export-labels DIR``.

In: the registry named by the ``HDSWATCH_*`` settings. Out: ``DIR/labels.jsonl`` (the reviewers'
corrections, see :mod:`hdswatch.web.corrections`) and the reviewed PDFs beside it, ready for
``hdswatch eval DIR/labels.jsonl DIR``.
"""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["review"]


@click.group()
def review() -> None:
    """Données de la page de revue / review page data."""


@review.command("export-labels")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def export_labels(folder: Path) -> None:
    """Écrit les corrections des juristes en étiquettes (FOLDER/labels.jsonl) avec les PDF."""
    from hdswatch.registry.db import session_scope, upgrade
    from hdswatch.settings import get_settings
    from hdswatch.web.corrections import write_label_folder

    settings = get_settings()
    upgrade(settings.db_url)
    with session_scope(settings.db_url) as session:
        out, count = write_label_folder(session, None, folder)
    click.echo(f"{count} document(s) étiqueté(s) / labelled: {out}")
