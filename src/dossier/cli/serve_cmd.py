"""``dossier serve``: the HTTP API and the web pages over one store (uvicorn).

Binds 127.0.0.1 by default. Without ``--token`` (or ``DOSSIER_TOKEN``) the API is
read-only; with one, ``POST /api/documents`` ingests reports sent with
``Authorization: Bearer <token>``. A bind address other than loopback needs a token (the
store is then reachable from the network: put TLS in front, README "Guarantees"). The
``Host`` header is always checked against the loopback names, the bound address, this
machine's names and ``--allowed-host`` (DNS rebinding). ``--workers N`` runs N server
processes, each with its own store connections and response cache.
"""
from __future__ import annotations

import ipaddress
import json
import os
import socket

import click

from dossier.cli.output import db_option

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
WILDCARD = {"0.0.0.0", "::", ""}
CONFIG_ENV = "DOSSIER_SERVE_CONFIG"  # how --workers N hands the settings to each process


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and ``localhost``."""
    if host.strip("[]").lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_host_names(host: str, extra: tuple[str, ...] = ()) -> list[str]:
    """The ``Host`` names a server bound to ``host`` answers: loopback names, the bound
    address, this machine's names for a wildcard bind, and ``extra``."""
    names = set(LOOPBACK) | {h.strip().lower().strip("[]") for h in extra if h.strip()}
    if host in WILDCARD:
        for name in (socket.gethostname(), socket.getfqdn()):
            if name:
                names.add(name.lower())
    else:
        names.add(host.lower().strip("[]"))
    return sorted(names)


@click.command("serve")
@db_option()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback exposes the store to the network "
                   "and needs --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--token", envvar="DOSSIER_TOKEN", default=None,
              help="Bearer token that allows uploads (env DOSSIER_TOKEN); none: read-only.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Also answer requests for this Host name (repeatable), e.g. the name a "
                   "TLS proxy in front forwards.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              envvar="DOSSIER_SERVE_WORKERS", help="Server processes.")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
def serve(db, host, port, token, allowed_hosts, workers, log_level):
    """Serve the timeline, entity, claims, article, network and search pages plus the JSON
    API (reference at /docs)."""
    import uvicorn

    from dossier.api import create_app
    from dossier.errors import DossierError
    from dossier.store import open_store

    if not is_loopback(host) and not token:
        raise click.ClickException(
            f"refusing to serve on {host} without a token: anyone on the network could "
            "read the store. Give --token (or DOSSIER_TOKEN), put TLS in front, or bind "
            "127.0.0.1")
    try:  # a read-only server over a missing file is a mistake; with a token, start empty
        with open_store(db, create=bool(token)):
            pass
    except DossierError as exc:
        raise click.ClickException(str(exc)) from None
    allowed = allowed_host_names(host, allowed_hosts)
    if not is_loopback(host):
        click.echo(f"warning: serving on {host}: the store is readable from the network; "
                   "put a TLS proxy in front (the token travels in every upload). "
                   f"Host names answered: {', '.join(allowed)}", err=True)
    click.echo(f"Dossier on http://{'[' + host + ']' if ':' in host else host}:{port}/ "
               f"(API reference /docs; {'uploads need the token' if token else 'read-only'}"
               f"{f'; {workers} workers' if workers > 1 else ''})", err=True)
    common = dict(host=host, port=port, log_level=log_level, server_header=False)
    if workers > 1:  # uvicorn starts each worker from an import string
        os.environ[CONFIG_ENV] = json.dumps({"db": db, "token": token, "allowed_hosts": allowed})
        uvicorn.run("dossier.api.app:app_from_env", factory=True, workers=workers, **common)
        return
    uvicorn.run(create_app(db, token=token, allowed_hosts=allowed), **common)
