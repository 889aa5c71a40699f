"""The ``hdswatch`` command line.

    hdswatch analyze FILE... [--as-of YYYY-MM-DD] [--format jsonl|table]
    hdswatch drop FILE... [--establishment CODE]     copy into the inbox and signal the pipeline
    hdswatch ingest [--as-of DATE]                    run the ingest steps without Airflow
    hdswatch audit [--as-of DATE]                     run the nightly audit without Airflow
    hdswatch samples DIR [--today DATE]               write the sample contracts
    hdswatch db upgrade                               create or migrate the registry
    hdswatch demo [--home DIR]                        the whole pipeline on sample contracts

Exit codes: 0 all good, 1 at least one file could not be analysed, 2 usage or input error.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from pathlib import Path

import click

from hdswatch.clock import today_in_paris
from hdswatch.errors import HdswatchError

__all__ = ["main"]

NOT_ANALYSED = ("encrypted", "empty", "not_contract", "unreadable")


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date:
    if value is None:
        return today_in_paris()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} : date attendue au format AAAA-MM-JJ") from exc


as_of_option = click.option(
    "--as-of",
    "as_of",
    callback=_as_of,
    metavar="YYYY-MM-DD",
    help="Date de référence des alertes (défaut : aujourd'hui, Europe/Paris).",
)


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Journal détaillé sur la sortie d'erreur.")
def cli(verbose: bool) -> None:
    """hdswatch : veille des contrats d'hébergement de données de santé (HDS)."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@as_of_option
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True
)
def analyze(files: tuple[Path, ...], as_of: date, fmt: str) -> None:
    """Analyse des PDF et affiche un rapport par fichier (JSON Lines ou tableau)."""
    from hdswatch.report import analyse_file
    from hdswatch.table import format_table

    missing = [f for f in files if not f.is_file()]
    for path in missing:
        click.echo(f"hdswatch: {path}: fichier introuvable / file not found", err=True)
    if missing:
        sys.exit(2)
    failed = 0
    total = len(files)
    for index, path in enumerate(files, start=1):
        if total > 1:
            click.echo(f"[{index}/{total}] {path.name}", err=True)
        report = analyse_file(path, as_of)
        if report["kind"] in NOT_ANALYSED or (
            report["kind"] == "damaged" and not report["clauses"]
        ):
            failed += 1
        if fmt == "jsonl":
            click.echo(json.dumps(report, ensure_ascii=False))
        else:
            click.echo(format_table(report))
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--establishment",
    "-e",
    default="DEFAULT",
    show_default=True,
    help="Code de l'établissement (sous-dossier de la boîte de dépôt).",
)
def drop(files: tuple[Path, ...], establishment: str) -> None:
    """Dépose des PDF dans la boîte de dépôt et prévient le pipeline."""
    from hdswatch.inbox import drop as drop_file
    from hdswatch.settings import get_settings

    inbox = get_settings().inbox
    for path in files:
        click.echo(str(drop_file(path, inbox, establishment)))


@cli.command()
@as_of_option
def ingest(as_of: date) -> None:
    """Analyse les nouveaux documents de la boîte de dépôt (sans Airflow)."""
    from hdswatch import pipeline
    from hdswatch.settings import get_settings

    settings = get_settings()
    ids = []
    pending = pipeline.pending_documents(settings)
    for index, path in enumerate(pending, start=1):
        click.echo(f"[{index}/{len(pending)}] {Path(path).name}", err=True)
        staged = pipeline.validate(pipeline.analyse(path, settings), as_of, settings)
        ids.append(pipeline.store(staged, as_of, settings))
    sent = pipeline.alert_new(ids, settings)
    click.echo(f"{len(ids)} document(s) analysé(s), {sent} e-mail(s) envoyé(s)")


@cli.command()
@as_of_option
def audit(as_of: date) -> None:
    """Réévalue tous les contrats enregistrés et envoie le récapitulatif (sans Airflow)."""
    from hdswatch import pipeline
    from hdswatch.settings import get_settings

    settings = get_settings()
    result = pipeline.audit(as_of, settings)
    result["emails"] = pipeline.digest(as_of, settings)
    click.echo(json.dumps(result))


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--today", callback=_as_of, default=None, metavar="YYYY-MM-DD")
def samples(directory: Path, today: date) -> None:
    """Écrit les trois contrats d'exemple dans DIRECTORY."""
    from hdswatch.samples import write_demo_inbox

    for path in write_demo_inbox(directory, today):
        click.echo(str(path))


@cli.command()
@click.option(
    "--home",
    type=click.Path(path_type=Path),
    default=Path(".demo"),
    show_default=True,
    help="Dossier de travail de la démonstration (effacé puis recréé).",
)
@click.option("--today", callback=_as_of, default=None, metavar="YYYY-MM-DD")
def demo(home: Path, today: date) -> None:
    """Démonstration complète : Airflow réel, trois contrats, e-mails reçus localement."""
    from hdswatch.demo import run_demo

    sys.exit(run_demo(home.absolute(), today))


@cli.group()
def db() -> None:
    """Base de registre."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Crée ou met à jour le schéma du registre."""
    from hdswatch.registry.db import upgrade
    from hdswatch.settings import get_settings

    upgrade(get_settings().db_url)
    click.echo("registre à jour")


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="hdswatch", standalone_mode=True)
    except HdswatchError as exc:
        click.echo(f"hdswatch: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
