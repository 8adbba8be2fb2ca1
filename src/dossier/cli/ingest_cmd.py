"""``dossier ingest PATH...``: read, clean, deduplicate, extract and store documents."""
from __future__ import annotations

import sys

import click

from ..errors import DossierError
from ..limits import MAX_BYTES
from .output import db_option


def _reporter(bar: bool):
    """Print one error a line, whatever the file name holds (no forged lines): through
    tqdm when a progress bar runs (keeps it intact), else straight to stderr (a million
    bad lines print in seconds)."""
    from ..ingest.sniff import safe_name
    if bar and sys.stderr.isatty():
        from tqdm import tqdm
        return lambda err: tqdm.write(safe_name(str(err)), file=sys.stderr)
    write = sys.stderr.write
    return lambda err: write(safe_name(str(err)) + "\n")


def _note(message: str) -> None:
    click.echo(message, err=True)


@click.command("ingest")
@click.argument("paths", nargs=-1)
@db_option()
@click.option("--no-extract", is_flag=True, help="Store the documents only; extract later.")
@click.option("--workers", type=click.IntRange(min=0), default=0, show_default=True,
              envvar="DOSSIER_WORKERS",
              help="Extraction worker processes (0 or 1: in this process).")
@click.option("--cluster", metavar="URL", envvar="DOSSIER_CLUSTER", default=None,
              help="Extract on Dask: a scheduler address (tcp://host:8786), or 'local' "
                   "for a local cluster of --workers processes.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES, show_default=True,
              envvar="DOSSIER_MAX_BYTES", help="Refuse documents larger than this.")
@click.option("--reextract", type=click.Choice(["missing", "all"]), default=None,
              help="Then extract stored documents again: those never extracted, or all "
                   "(after a model change); the resolution is rebuilt.")
@click.option("--allow-urls", is_flag=True,
              help="Fetch http(s) URLs given as PATH (public addresses only, size and time "
                   "limits, redirects checked).")
@click.option("--url-list", "url_list", metavar="FILE", default=None,
              help="Also fetch the URLs listed in FILE, one a line (implies --allow-urls).")
@click.option("--follow-symlinks", is_flag=True,
              help="Read symbolic links inside directories even when they lead outside "
                   "the directory (refused by default, E114).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, writable=True),
              default=None, metavar="FILE.jsonl",
              help="Write one JSON line per input item: input (path or path:line), id, "
                   "status (stored, near-duplicate, duplicate, failed), code, message.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line.")
@click.pass_context
def ingest(ctx, paths, db, no_extract, workers, cluster, max_bytes, reextract, allow_urls,
           url_list, quiet, follow_symlinks, report_path):
    """Ingest files, directories, feeds, JSON Lines (`-` reads stdin) or, with --allow-urls,
    web pages and feeds by URL into the store.

    Errors are printed as `[Exxx] path: message` and do not stop the batch; the exit
    status is 1 if any input failed.
    """
    from ..pipeline import ingest as run
    from ..pipeline import reextract as rerun
    from ..pipeline import rebuild_resolution
    from ..store import open_store
    if url_list:
        from ..ingest.url import read_url_list
        try:
            paths = (*paths, *read_url_list(url_list))
        except DossierError as exc:
            click.echo(str(exc), err=True)
            ctx.exit(1)
        allow_urls = True
    if not paths and not reextract:
        raise click.UsageError("give PATH... to ingest, or --reextract missing|all")
    if reextract and no_extract:
        raise click.UsageError("--reextract and --no-extract contradict each other")
    failed = 0

    show = _reporter(bar=not quiet)

    def report(err: DossierError) -> None:
        nonlocal failed
        failed += 1
        show(err)

    report_file = None
    on_item = None
    if report_path:
        import json
        try:
            report_file = open(report_path, "w", encoding="utf-8")
        except OSError as exc:
            raise click.UsageError(f"--report {report_path}: {exc.strerror}") from None

        def on_item(record: dict) -> None:
            report_file.write(json.dumps(record, ensure_ascii=False) + "\n")

    try:
        with open_store(db) as store:
            if paths:
                summary = run(list(paths), store, extract=not no_extract, workers=workers,
                              cluster=cluster, progress=not quiet, max_bytes=max_bytes,
                              resolve=not reextract, on_error=report, allow_urls=allow_urls,
                              on_item=on_item, follow_symlinks=follow_symlinks, on_wait=_note)
                if not quiet:
                    for notice in summary.notices:
                        click.echo(f"notice: {notice}", err=True)
                    click.echo(str(summary), err=True)
            if reextract:
                again = rerun(store, only_missing=reextract == "missing", workers=workers,
                              cluster=cluster, progress=not quiet, resolve=False,
                              on_error=report)
                if not quiet:
                    click.echo(f"re-extracted {again.ingested}, failed {again.failed}", err=True)
                if again.ingested or (paths and summary.ingested):
                    rebuild_resolution(store, report)
    except DossierError as exc:
        click.echo(str(exc), err=True)
        ctx.exit(1)
    finally:
        if report_file is not None:
            report_file.close()
    ctx.exit(1 if failed else 0)
