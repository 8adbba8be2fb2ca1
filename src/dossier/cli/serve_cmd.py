"""``dossier serve``: the HTTP API and the web pages over one store (uvicorn).

Binds 127.0.0.1 by default. Without ``--token`` (or ``DOSSIER_TOKEN``) the API is
read-only; with one, ``POST /api/documents`` ingests reports sent with
``Authorization: Bearer <token>``.
"""
from __future__ import annotations

import click

from dossier.cli.output import db_option

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@click.command("serve")
@db_option()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback exposes the store to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--token", envvar="DOSSIER_TOKEN", default=None,
              help="Bearer token that allows uploads (env DOSSIER_TOKEN); none: read-only.")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
def serve(db, host, port, token, log_level):
    """Serve the timeline, entity, claims, article, network and search pages plus the JSON
    API (reference at /docs)."""
    import uvicorn

    from dossier.api import create_app
    from dossier.errors import DossierError
    from dossier.store import open_store

    try:  # a read-only server over a missing file is a mistake; with a token, start empty
        with open_store(db, create=bool(token)):
            pass
    except DossierError as exc:
        raise click.ClickException(str(exc)) from None
    if host not in LOOPBACK:
        click.echo(f"warning: serving on {host}: the store is readable from the network",
                   err=True)
    click.echo(f"Dossier on http://{'[' + host + ']' if ':' in host else host}:{port}/ "
               f"(API reference /docs; {'uploads need the token' if token else 'read-only'})",
               err=True)
    allowed = sorted(LOOPBACK) if host in LOOPBACK else None
    uvicorn.run(create_app(db, token=token, allowed_hosts=allowed), host=host, port=port,
                log_level=log_level, server_header=False)
