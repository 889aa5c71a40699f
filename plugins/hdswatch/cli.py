"""The ``hdswatch`` command line.

    hdswatch analyze FILE... [--as-of YYYY-MM-DD] [--format jsonl|table] [--jobs N]
    hdswatch drop FILE... [--establishment CODE]     copy into the inbox and signal the pipeline
    hdswatch ingest [--as-of DATE]                    run the ingest steps without Airflow
    hdswatch audit [--as-of DATE]                     run the nightly audit without Airflow
    hdswatch samples DIR [--today DATE]               write the sample contracts
    hdswatch devset DIR [--as-of DATE] [--split dev|holdout|all]
                                                      write the labelled development set
    hdswatch eval LABELS DIR [--as-of DATE]           accuracy against labels, next to a keyword baseline
    hdswatch db upgrade                               create or migrate the registry
    hdswatch demo [--home DIR]                        the whole pipeline on sample contracts
    hdswatch establishments load FILE | list          establishments, their DPO and contacts
    hdswatch findings list [--all] | ack ID | resolve ID | decide ID DECISION
    hdswatch export ics|csv|xlsx [--what contracts|findings] [-o FILE] [--lang fr|en]
    hdswatch outbox list | send                       e-mails waiting, and sending them now
    hdswatch hosts import FILE | check NAME           the ANS list of certified hosts (CSV/XLSX)
    hdswatch docs build [FILE...] [--as-of] [--out]   GX Data Docs of a validation run (offline HTML)
    hdswatch suites export [--check]                  the expectation suites as JSON snapshots
    hdswatch serve [--host H] [--port P]              the review web page (HDSWATCH_WEB_SECRET)
    hdswatch users add LOGIN --role R [-e CODE]...    an account of the review web page

Exit codes: 0 all good, 1 at least one file could not be analysed, 2 usage or input error.
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import click

from hdswatch.clock import today_in_paris
from hdswatch.errors import HdswatchError
from hdswatch.privacy import forget, purge
from hdswatch.quarantine import quarantine
from hdswatch.redact import install as install_redaction
from hdswatch.s3commands import s3
from hdswatch.web.commands import review

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
    install_redaction()  # no secret value of the environment in any log line


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@as_of_option
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Fichiers analysés en parallèle (0 : un par cœur). Les rapports restent dans l'ordre.",
)
def analyze(files: tuple[Path, ...], as_of: date, fmt: str, jobs: int) -> None:
    """Analyse des PDF et affiche un rapport par fichier (JSON Lines ou tableau)."""
    from hdswatch.batch import analyse_many
    from hdswatch.table import format_table

    missing = [f for f in files if not f.is_file()]
    for path in missing:
        click.echo(f"hdswatch: {path}: fichier introuvable / file not found", err=True)
    if missing:
        sys.exit(2)
    failed = 0
    total = len(files)
    reports = analyse_many(files, as_of, jobs)
    for index, (path, report) in enumerate(zip(files, reports, strict=True), start=1):
        if total > 1:
            click.echo(f"[{index}/{total}] {path.name}", err=True)
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


@cli.command("eval")
@click.argument("labels", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--as-of",
    "as_of",
    default=None,
    metavar="YYYY-MM-DD",
    help="Date de référence (défaut : le champ as_of de chaque étiquette, sinon aujourd'hui).",
)
@click.option("--jobs", "-j", default=1, show_default=True, help="Processus en parallèle.")
@click.option("--errors", "show_errors", is_flag=True, help="Liste aussi chaque écart.")
def evaluate(
    labels: Path, directory: Path, as_of: str | None, jobs: int, show_errors: bool
) -> None:
    """Précision, rappel et F1 des constats, dates et pages de preuve sur des PDF étiquetés,
    comparés à une simple recherche de mots-clés (LABELS : JSONL au format du rapport)."""
    from hdswatch.evaluation import compare, format_comparison

    day = _as_of(click.get_current_context(), click.Option(["--as-of"]), as_of) if as_of else None
    comparison = compare(labels, directory, day, jobs=max(1, jobs))
    for line in format_comparison(comparison, errors=show_errors):
        click.echo(line)


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--today", callback=_as_of, default=None, metavar="YYYY-MM-DD")
def samples(directory: Path, today: date) -> None:
    """Écrit les trois contrats d'exemple dans DIRECTORY."""
    from hdswatch.samples import write_demo_inbox

    for path in write_demo_inbox(directory, today):
        click.echo(str(path))


def _devset_as_of(ctx: click.Context, param: click.Parameter, value: str | None) -> date:
    if value is None:
        from hdswatch.samples.devset import DEVSET_AS_OF

        return DEVSET_AS_OF
    return _as_of(ctx, param, value)


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--as-of",
    "as_of",
    callback=_devset_as_of,
    metavar="YYYY-MM-DD",
    help="Date de référence des alertes des étiquettes (défaut : 2026-11-29).",
)
@click.option(
    "--split",
    type=click.Choice(["dev", "holdout", "all"]),
    default="dev",
    show_default=True,
    help="Partie du jeu à écrire.",
)
def devset(directory: Path, as_of: date, split: str) -> None:
    """Écrit le jeu de développement étiqueté (PDF et labels.jsonl) dans DIRECTORY."""
    from hdswatch.samples.devset import write_devset

    paths = write_devset(directory, as_of, split)
    click.echo(f"{len(paths)} contrat(s), étiquettes : {directory / 'labels.jsonl'}")


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


def _who() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


by_option = click.option(
    "--by", default=None, help="Qui décide (défaut : l'utilisateur du système)."
)
note_option = click.option("--note", default=None, help="Commentaire gardé dans l'historique.")


@cli.group()
def establishments() -> None:
    """Établissements, leur DPO et leurs contacts."""


@establishments.command("load")
@click.argument("file", type=click.Path(path_type=Path))
def establishments_load(file: Path) -> None:
    """Charge le fichier YAML des établissements dans le registre."""
    from hdswatch.establishments import apply, load
    from hdswatch.registry.db import session_scope, upgrade
    from hdswatch.settings import get_settings

    settings = get_settings()
    specs = load(file)
    upgrade(settings.db_url)
    with session_scope(settings.db_url) as session:
        count = apply(session, specs)
    click.echo(f"{count} établissement(s) enregistré(s)")


@establishments.command("list")
def establishments_list() -> None:
    """Liste les établissements connus, leur DPO et leurs contacts."""
    from sqlalchemy import select

    from hdswatch.registry.db import session_scope
    from hdswatch.registry.models import Establishment
    from hdswatch.settings import get_settings

    with session_scope(get_settings().db_url) as session:
        for est in session.scalars(select(Establishment).order_by(Establishment.code)):
            click.echo(f"{est.code}\t{est.name}\tDPO: {est.dpo_email or '—'}")
            for contact in est.contacts:
                digest = " (récapitulatif)" if contact.digest else ""
                click.echo(f"\t{contact.role}: {contact.email}{digest}")


@cli.group()
def findings() -> None:
    """Constats : liste, prise en compte, résolution, décision de revue."""


@findings.command("list")
@click.option("--all", "show_all", is_flag=True, help="Inclure les constats résolus.")
def findings_list(show_all: bool) -> None:
    """Liste les constats ouverts (les plus graves d'abord)."""
    from hdswatch.exports import findings_table
    from hdswatch.registry.db import session_scope
    from hdswatch.settings import get_settings

    settings = get_settings()
    states = ("new", "acknowledged", "reopened") + (("resolved",) if show_all else ())
    with session_scope(settings.db_url) as session:
        table = findings_table(session, lang=settings.lang, states=states)
    index = {key: i for i, key in enumerate(table.keys)}
    for row in table.rows:
        due = f"  {row[index['due_date']]}" if row[index["due_date"]] else ""
        click.echo(
            f"{row[index['id']]}\t{row[index['severity']]}\t{row[index['state']]}\t"
            f"{row[index['contract']]} ({row[index['establishment']]})\t"
            f"{row[index['alert']]}{due}"
        )


def _finding_step(step: str, finding_id: int, by: str | None, note: str | None) -> None:
    from hdswatch.registry import findings as life
    from hdswatch.registry.db import session_scope
    from hdswatch.settings import get_settings

    with session_scope(get_settings().db_url) as session:
        finding = getattr(life, step)(session, finding_id, by or _who(), note)
        click.echo(f"constat {finding.id} : {finding.state}")


@findings.command("ack")
@click.argument("finding_id", type=int)
@by_option
@note_option
def findings_ack(finding_id: int, by: str | None, note: str | None) -> None:
    """Prend en compte un constat : plus de rappel, sauf s'il s'aggrave."""
    _finding_step("acknowledge", finding_id, by, note)


@findings.command("resolve")
@click.argument("finding_id", type=int)
@by_option
@note_option
def findings_resolve(finding_id: int, by: str | None, note: str | None) -> None:
    """Clôt un constat ; il ne revient que s'il devient plus urgent."""
    _finding_step("resolve", finding_id, by, note)


@findings.command("decide")
@click.argument("finding_id", type=int)
@click.argument(
    "decision", type=click.Choice(["confirmed", "false_positive", "accepted_risk", "fixed"])
)
@by_option
@note_option
def findings_decide(finding_id: int, decision: str, by: str | None, note: str | None) -> None:
    """Enregistre une décision de revue sur un constat et l'applique."""
    from hdswatch.registry.db import session_scope
    from hdswatch.registry.findings import decide
    from hdswatch.settings import get_settings

    with session_scope(get_settings().db_url) as session:
        record = decide(session, finding_id, decision, by or _who(), note)
        click.echo(f"décision {record.id} : {record.decision}")


@cli.command("export")
@click.argument("fmt", metavar="ics|csv|xlsx", type=click.Choice(["ics", "csv", "xlsx"]))
@click.option(
    "--what",
    type=click.Choice(["contracts", "findings"]),
    default="contracts",
    show_default=True,
    help="Pour csv : le registre des contrats ou les constats ouverts.",
)
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None)
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None)
def export(fmt: str, what: str, output: Path | None, lang: str | None) -> None:
    """Exporte les échéances (iCalendar), le registre et les constats (CSV, XLSX)."""
    from hdswatch.exports import export_calendar, export_csv, export_xlsx
    from hdswatch.settings import get_settings

    settings = get_settings()
    lang = lang or settings.lang
    if fmt == "xlsx":
        if output is None:
            raise click.UsageError("xlsx : indiquez le fichier avec --output / -o")
        click.echo(str(export_xlsx(settings.db_url, output, lang=lang, base_url=settings.base_url)))
        return
    if fmt == "ics":
        text = export_calendar(settings.db_url, lang=lang, base_url=settings.base_url)
    else:
        text = export_csv(settings.db_url, what, lang=lang, base_url=settings.base_url)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, "utf-8", newline="")
        click.echo(str(output))


@cli.group()
def outbox() -> None:
    """File d'envoi des e-mails."""


@outbox.command("list")
def outbox_list() -> None:
    """Liste les e-mails pas encore remis au serveur SMTP."""
    from sqlalchemy import select

    from hdswatch.registry.db import session_scope
    from hdswatch.registry.models import Email
    from hdswatch.settings import get_settings

    with session_scope(get_settings().db_url) as session:
        waiting = session.scalars(select(Email).where(Email.status != "sent").order_by(Email.id))
        for email in waiting:
            click.echo(
                f"{email.id}\t{email.status}\t{email.attempts} essai(s)\t{email.recipients}\t"
                f"{email.subject}\t{email.last_error or ''}"
            )


@outbox.command("send")
def outbox_send() -> None:
    """Envoie maintenant les e-mails en attente (ceux dont le prochain essai est dû)."""
    from hdswatch.notify import deliver
    from hdswatch.settings import get_settings

    click.echo(f"{deliver(get_settings())} e-mail(s) envoyé(s)")


@cli.group()
def hosts() -> None:
    """Liste des hébergeurs certifiés HDS publiée par l'ANS."""


@hosts.command("import")
@click.argument("file", type=click.Path(path_type=Path))
def hosts_import(file: Path) -> None:
    """Importe la liste de l'ANS (CSV ou XLSX) : chaque contrat est ensuite vérifié contre elle
    (hébergeur absent, dates du certificat différentes, activités non couvertes)."""
    from expectations import HostListError, read_host_list
    from hdswatch.errors import DocumentNotFound, InputError
    from hdswatch.settings import get_settings

    settings = get_settings()
    if not file.is_file():
        raise DocumentNotFound(str(file))
    try:
        host_list = read_host_list(file, today_in_paris())
    except HostListError as exc:
        raise InputError(str(exc)) from exc
    target = settings.hosts_list or settings.home / "ans_hosts.json"
    host_list.save(target)
    click.echo(f"{len(host_list.records)} hébergeur(s) importé(s) : {target}")
    for field, header in host_list.columns.items():
        click.echo(f"  {field} \u2190 {header}")


@hosts.command("check")
@click.argument("name")
def hosts_check(name: str) -> None:
    """Cherche un hébergeur dans la liste importée."""
    from expectations.hostcheck import find_host
    from hdswatch.errors import ConfigError
    from hdswatch.report import judging

    host_list = judging().hosts
    if host_list is None:
        raise ConfigError("aucune liste importée / no list imported: hdswatch hosts import FILE")
    found = find_host(name, host_list)
    for record in found:
        click.echo(
            f"{record.name}\tactivités {','.join(record.activities) or '?'}\t"
            f"{record.certifier or '?'}\t{record.issued or '?'} \u2192 {record.expires or '?'}"
        )
    if not found:
        click.echo(f"{name} : absent de la liste ({host_list.source}, {host_list.imported_on})")
        sys.exit(1)


@cli.group()
def docs() -> None:
    """Data Docs : le rapport d'audit d'une validation (HTML lisible hors ligne)."""


def _stored_subjects() -> list[Any]:
    from sqlalchemy import select

    from expectations import Subject
    from extractors.types import Extraction
    from hdswatch.registry.db import session_scope
    from hdswatch.registry.models import Contract
    from hdswatch.registry.store import latest_extractions
    from hdswatch.settings import get_settings

    subjects = []
    with session_scope(get_settings().db_url) as session:
        ids = list(session.scalars(select(Contract.id).order_by(Contract.id)))
        for document, data in latest_extractions(session, ids):
            extraction = Extraction.from_dict(data)
            if document.role != "main":  # an annex or amendment requires no clause on its own
                values = replace(extraction.values, contract_type="amendment")
                extraction = replace(extraction, values=values)
            subjects.append(Subject(extraction, document.establishment_code))
    return subjects


@docs.command("build")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@as_of_option
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Dossier des Data Docs (défaut : $HDSWATCH_DATADOCS/<date>).",
)
def docs_build(files: tuple[Path, ...], as_of: date, out: Path | None) -> None:
    """Valide les contrats enregistrés (ou les PDF FILES) et écrit les Data Docs de GX, lisibles
    sans réseau ; affiche le chemin de la page d'accueil."""
    from expectations import Subject
    from expectations.evaluation import build_data_docs
    from hdswatch.report import extract_file, judging
    from hdswatch.settings import get_settings

    settings = get_settings()
    context = judging()
    subjects = [Subject(extract_file(path)) for path in files] if files else _stored_subjects()
    folder = out or (settings.datadocs or settings.home / "datadocs") / as_of.isoformat()
    index = build_data_docs(
        subjects, as_of, folder.absolute(), policies=context.policies, hosts=context.hosts
    )
    click.echo(str(index))


@cli.group()
def suites() -> None:
    """Les suites d'attentes (Great Expectations) construites dans le code."""


@suites.command("export")
@click.option("--check", is_flag=True, help="Ne rien écrire : code 1 si un instantané diffère.")
def suites_export(check: bool) -> None:
    """Écrit les suites en JSON dans expectations/suites/ (ou vérifie qu'elles y sont à jour)."""
    from expectations.snapshot import SUITES_DIR, stale_snapshots, write_snapshots

    if check:
        stale = stale_snapshots()
        for name in stale:
            click.echo(f"instantané périmé / stale snapshot: {name}", err=True)
        sys.exit(1 if stale else 0)
    for name in write_snapshots():
        click.echo(str(SUITES_DIR / name))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Adresse d'écoute.")
@click.option("--port", default=8080, show_default=True, help="Port d'écoute.")
@click.option("--ssl-certfile", type=click.Path(exists=True, dir_okay=False), default=None)
@click.option("--ssl-keyfile", type=click.Path(exists=True, dir_okay=False), default=None)
def serve(host: str, port: int, ssl_certfile: str | None, ssl_keyfile: str | None) -> None:
    """La page de revue (cookies « Secure » : HTTPS, ou 127.0.0.1 / localhost).

    Le secret de session vient de HDSWATCH_WEB_SECRET (≥ 32 caractères) ; sans lui, un secret
    aléatoire est tiré et les sessions ne survivent pas à un redémarrage."""
    import os
    import secrets

    import uvicorn

    from hdswatch.registry.db import upgrade
    from hdswatch.settings import get_settings
    from hdswatch.web.app import create_app

    settings = get_settings()
    upgrade(settings.db_url)
    secret = os.environ.get("HDSWATCH_WEB_SECRET", "")
    if not secret:
        click.echo(
            "HDSWATCH_WEB_SECRET absent : secret aléatoire, sessions perdues au redémarrage",
            err=True,
        )
        secret = secrets.token_urlsafe(48)
    app = create_app(settings, secret)
    uvicorn.run(
        app,
        host=host,
        port=port,
        ssl_certfile=ssl_certfile,
        ssl_keyfile=ssl_keyfile,
        proxy_headers=True,
        log_level="info",
    )


@cli.group()
def users() -> None:
    """Comptes de la page de revue."""


@users.command("add")
@click.argument("login")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["rssi", "dpo", "legal", "auditor", "admin"]),
    help="rssi, auditor, admin : tous les établissements ; dpo, legal : les leurs.",
)
@click.option("-e", "--establishment", "codes", multiple=True, help="Code d'établissement.")
@click.option("--name", default=None, help="Nom affiché.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@click.option(
    "--password",
    prompt="Mot de passe",
    hide_input=True,
    confirmation_prompt=True,
    envvar="HDSWATCH_NEW_PASSWORD",
    help="Demandé si absent (ou HDSWATCH_NEW_PASSWORD).",
)
def users_add(
    login: str, role: str, codes: tuple[str, ...], name: str | None, lang: str, password: str
) -> None:
    """Crée un compte (ou change son mot de passe, son rôle, ses établissements)."""
    from hdswatch.registry.db import session_scope, upgrade
    from hdswatch.settings import get_settings
    from hdswatch.web.users import add_user

    settings = get_settings()
    upgrade(settings.db_url)
    with session_scope(settings.db_url) as session:
        add_user(session, login, password, role=role, establishments=codes, name=name, lang=lang)
    click.echo(f"compte {login} ({role}) enregistré")


cli.add_command(quarantine)
cli.add_command(forget)
cli.add_command(purge)
cli.add_command(review)
cli.add_command(s3)


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="hdswatch", standalone_mode=True)
    except HdswatchError as exc:
        click.echo(f"hdswatch: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
