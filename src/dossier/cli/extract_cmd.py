"""``dossier extract FILE...``: section 1 of the contract, one JSON object per document."""
from __future__ import annotations

import json

import click

from ..errors import DossierError
from ..limits import MAX_BYTES
from .output import format_option


@click.command("extract")
@click.argument("files", nargs=-1, required=True)
@format_option(default="jsonl", choices=("jsonl", "json", "table"))
@click.option("--workers", type=click.IntRange(min=0), default=0, show_default=True,
              envvar="DOSSIER_WORKERS", help="Worker processes (0 or 1: in this process).")
@click.option("--cluster", metavar="URL", envvar="DOSSIER_CLUSTER", default=None,
              help="Extract on Dask: a scheduler address, or 'local'.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES, show_default=True,
              envvar="DOSSIER_MAX_BYTES", help="Refuse documents larger than this.")
@click.option("--allow-urls", is_flag=True,
              help="Fetch http(s) URLs given as FILE (public addresses only, with limits).")
@click.pass_context
def extract(ctx, files, fmt, workers, cluster, max_bytes, allow_urls):
    """Extract entities, times, events and statements, without a store.

    One JSON object per input document, in input order (`jsonl`: one per line; `json`:
    a list; `table`: each document's entities, times, events and statements as tables). A file that cannot be read is reported on stderr, gets no output, and makes
    the exit status 1; the other files are still processed.
    """
    from ..pipeline import extract_files
    failed = 0
    collected = []
    try:
        for result in extract_files(list(files), workers=workers, cluster=cluster,
                                    max_bytes=max_bytes, allow_urls=allow_urls):
            if isinstance(result, DossierError):
                failed += 1
                click.echo(str(result), err=True)
            elif fmt == "jsonl":
                click.echo(json.dumps(result.to_json(), ensure_ascii=False))
            elif fmt == "table":
                from .docs_cmd import extraction_tables
                doc = result.doc
                click.echo(f"== {doc.id}  {doc.published or 'undated'}  {doc.source or ''}  "
                           f"{doc.title or ''}".rstrip())
                click.echo("\n".join(extraction_tables(result)).strip("\n") + "\n")
            else:
                collected.append(result.to_json())
    except DossierError as exc:  # e.g. the model is missing: nothing can be extracted
        click.echo(str(exc), err=True)
        ctx.exit(1)
    if fmt == "json":
        click.echo(json.dumps(collected, ensure_ascii=False, indent=2))
    ctx.exit(1 if failed else 0)
