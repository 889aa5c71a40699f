"""The ``hdswatch s3`` commands: set up the bucket's notifications, and see what the S3 inbox
holds in the registry.

In: ``HDSWATCH_S3_BUCKET``, ``HDSWATCH_S3_PREFIX``, ``HDSWATCH_SQS_QUEUE_URL`` (or the options),
the ``AWS_*`` environment. Out: the queue's ARN; a count of objects per state. Importing this
module is light (click only).

    $ hdswatch s3 connect
    notifications s3:ObjectCreated:* de s3://contrats/inbox/ → arn:aws:sqs:eu-west-3:…:hdswatch
    $ hdswatch s3 status
    processed  198
    gone         2   inbox/CSR/retire.pdf: objet supprimé (ou remplacé) avant d'avoir pu être lu…
"""

from __future__ import annotations

import json

import click

from hdswatch.errors import ConfigError

__all__ = ["object_states", "s3"]


@click.group()
def s3() -> None:
    """Boîte de dépôt S3 : notifications et état des objets."""


@s3.command()
@click.option("--bucket", help="Seau (défaut : HDSWATCH_S3_BUCKET).")
@click.option("--prefix", help="Préfixe des clés (défaut : HDSWATCH_S3_PREFIX).")
@click.option("--queue-url", help="File SQS (défaut : HDSWATCH_SQS_QUEUE_URL).")
def connect(bucket: str | None, prefix: str | None, queue_url: str | None) -> None:
    """Envoie les créations d'objets du seau (sous le préfixe) à la file SQS."""
    from hdswatch.s3 import connect_notifications
    from hdswatch.settings import get_settings

    settings = get_settings()
    bucket = bucket or settings.s3_bucket
    queue_url = queue_url or settings.sqs_queue_url
    prefix = settings.s3_prefix if prefix is None else prefix
    if not bucket or not queue_url:
        raise ConfigError(
            "HDSWATCH_S3_BUCKET et HDSWATCH_SQS_QUEUE_URL (ou --bucket, --queue-url) sont "
            "nécessaires / HDSWATCH_S3_BUCKET and HDSWATCH_SQS_QUEUE_URL are required"
        )
    arn = connect_notifications(bucket, prefix, queue_url)
    click.echo(f"notifications s3:ObjectCreated:* de s3://{bucket}/{prefix} → {arn}")


@s3.command()
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
def status(as_json: bool) -> None:
    """Objets de la boîte S3 par état (vus, traités, doublons, en quarantaine, disparus)."""
    from hdswatch.registry.db import upgrade
    from hdswatch.settings import get_settings

    settings = get_settings()
    upgrade(settings.db_url)
    counts, gone = object_states(settings.db_url)
    if as_json:
        click.echo(json.dumps({"states": counts, "gone": gone}, ensure_ascii=False))
        return
    for state, count in counts.items():
        click.echo(f"{state:<12}{count:>6}")
    for key, message in gone:
        click.echo(f"  {key}: {message}")


def object_states(db_url: str) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Objects per state (every state listed, in their life's order), and the gone objects'
    keys with their message (the last 20)."""
    from sqlalchemy import func, select

    from hdswatch.registry.db import session_scope
    from hdswatch.registry.models import OBJECT_STATES, S3Object
    from hdswatch.s3inbox import settle

    with session_scope(db_url) as session:
        settle(session)
        session.flush()
        found = dict(
            session.execute(select(S3Object.state, func.count()).group_by(S3Object.state)).all()
        )
        gone = session.execute(
            select(S3Object.key, S3Object.message)
            .where(S3Object.state == "gone")
            .order_by(S3Object.id.desc())
            .limit(20)
        ).all()
    counts = {state: int(found.get(state, 0)) for state in OBJECT_STATES}
    return counts, [(key, message or "") for key, message in gone]
