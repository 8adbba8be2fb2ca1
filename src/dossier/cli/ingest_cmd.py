"""``dossier ingest PATH...``: read, clean, deduplicate, extract and store documents."""
from __future__ import annotations

import sys

import click

from ..errors import DossierError
from .output import db_option


def _report(err: DossierError) -> None:
    from tqdm import tqdm
    tqdm.write(str(err), file=sys.stderr)  # keeps a running progress bar intact


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option()
@click.option("--no-extract", is_flag=True, help="Store the documents only; extract later.")
@click.option("--workers", type=click.IntRange(min=0), default=0, show_default=True,
              envvar="DOSSIER_WORKERS",
              help="Extraction worker processes (0 or 1: in this process).")
@click.option("--cluster", metavar="URL", envvar="DOSSIER_CLUSTER", default=None,
              help="Extract on Dask: a scheduler address (tcp://host:8786), or 'local' "
                   "for a local cluster of --workers processes.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=10_000_000, show_default=True,
              envvar="DOSSIER_MAX_BYTES", help="Refuse documents larger than this.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line.")
@click.pass_context
def ingest(ctx, paths, db, no_extract, workers, cluster, max_bytes, quiet):
    """Ingest files, directories, feeds or JSON Lines (`-` reads stdin) into the store.

    Errors are printed as `[Exxx] path: message` and do not stop the batch; the exit
    status is 1 if any input failed.
    """
    from ..pipeline import ingest as run
    from ..store import open_store
    try:
        with open_store(db) as store:
            summary = run(list(paths), store, extract=not no_extract, workers=workers,
                          cluster=cluster, progress=not quiet, max_bytes=max_bytes,
                          on_error=_report)
    except DossierError as exc:
        click.echo(str(exc), err=True)
        ctx.exit(1)
    if not quiet:
        click.echo(str(summary), err=True)
    ctx.exit(1 if summary.failed else 0)
