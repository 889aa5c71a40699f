"""Commands of the product's own data protection: forget a contract on request, purge by retention.

    hdswatch forget (--contract ID | --sha256 HEX) --yes [--delete-original] [--by WHO]
    hdswatch purge [--as-of YYYY-MM-DD]

In: the ``HDSWATCH_*`` settings. Out: one line saying what was deleted (no file name, no quote).
``forget`` does nothing without ``--yes``: it prints what it would delete and exits 1.

>>> from click.testing import CliRunner
>>> CliRunner().invoke(forget, ["--contract", "3"]).exit_code   # doctest: +SKIP
1
"""

from __future__ import annotations

import getpass
from datetime import date

import click

__all__ = ["forget", "purge"]


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


@click.command()
@click.option("--contract", "contract_id", type=int, default=None, help="Id du contrat.")
@click.option("--sha256", default=None, help="Empreinte d'un de ses documents.")
@click.option("--yes", is_flag=True, help="Confirme la suppression définitive.")
@click.option(
    "--delete-original",
    is_flag=True,
    help="Supprime aussi l'original déposé dans la boîte de dépôt locale.",
)
@click.option("--by", default=None, help="Qui demande (défaut : l'utilisateur du système).")
def forget(
    contract_id: int | None, sha256: str | None, yes: bool, delete_original: bool, by: str | None
) -> None:
    """Supprime un contrat et tout ce qui en dérive (registre, rapports, e-mails, copies)."""
    from hdswatch.registry.db import session_scope, upgrade
    from hdswatch.registry.erase import forget as run
    from hdswatch.registry.erase import resolve_target
    from hdswatch.settings import get_settings

    settings = get_settings()
    upgrade(settings.db_url)
    if not yes:
        with session_scope(settings.db_url) as session:
            found, documents = resolve_target(session, contract_id, sha256)
        click.echo(
            f"contrat {found} : {len(documents)} document(s) seraient supprimés "
            "— relancez avec --yes pour confirmer / rerun with --yes to confirm",
            err=True,
        )
        raise SystemExit(1)
    done = run(
        settings,
        contract_id=contract_id,
        sha256=sha256,
        by=by or _who(),
        delete_original=delete_original,
    )
    click.echo(
        f"contrat {done.contract_id} oublié / forgotten : {done.documents} document(s), "
        f"{done.analyses} analyse(s), {done.findings} constat(s), {done.emails} e-mail(s), "
        f"{done.files} fichier(s)"
    )
    if done.kept_originals:
        click.echo(
            f"{len(done.kept_originals)} original(aux) gardé(s) dans la boîte de dépôt "
            "(--delete-original pour les supprimer) / original(s) kept in the inbox",
            err=True,
        )


@click.command()
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD")
def purge(as_of: str | None) -> None:
    """Applique les durées de conservation (HDSWATCH_RETENTION_*)."""
    from hdswatch.clock import today_in_paris
    from hdswatch.registry.db import upgrade
    from hdswatch.retention import purge as run
    from hdswatch.settings import get_settings

    try:
        night = date.fromisoformat(as_of) if as_of else today_in_paris()
    except ValueError as exc:
        raise click.BadParameter(f"{as_of!r} : date attendue au format AAAA-MM-JJ") from exc
    settings = get_settings()
    upgrade(settings.db_url)
    done = run(night, settings)
    click.echo(
        f"purge {night} : {done.reports} rapport(s), {done.staging} fichier(s) de travail, "
        f"{done.mails} e-mail(s) effacé(s)"
    )
