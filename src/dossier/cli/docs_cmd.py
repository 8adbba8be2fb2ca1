"""``dossier docs``, ``dossier show ID`` and ``dossier search QUERY``: the stored documents."""
from __future__ import annotations

import click

from ..errors import DossierError, E
from .output import db_option, emit, format_option

DOC_COLUMNS = ["id", "published", "source", "title", "copy_of", "n_entities", "n_events",
               "n_statements"]
SEARCH_COLUMNS = ["id", "published", "source", "title", "snippet", "rank"]


def open_or_exit(ctx: click.Context, db: str):
    """The store at ``db`` (which must exist), or a printed E2xx and exit status 1."""
    from ..store import open_store
    try:
        return open_store(db, create=False)
    except DossierError as exc:
        click.echo(str(exc), err=True)
        ctx.exit(1)


TABLE_LIMIT = 100  # rows a table shows by default (json, jsonl and csv: all)


@click.command("docs")
@db_option()
@format_option()
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help=f"At most this many (0: all). Default: {TABLE_LIMIT} for a table, all "
                   "for json, jsonl and csv.")
@click.option("--offset", type=click.IntRange(min=0), default=0)
@click.option("--source", default=None, help="Only documents from this outlet.")
@click.pass_context
def docs(ctx, db, fmt, limit, offset, source):
    """List the stored documents, in ingestion order. When a limit leaves some out, a note
    on stderr says so (stdout stays clean JSON)."""
    if limit is None:
        limit = TABLE_LIMIT if fmt == "table" else 0
    with open_or_exit(ctx, db) as store:
        rows = store.list_documents(limit=limit + 1 if limit else None, offset=offset,
                                    source=source)
        more = bool(limit) and len(rows) > limit
        if more:
            rows = rows[:limit]
            total = store.count_documents() if not source else None
    emit(rows, fmt, columns=DOC_COLUMNS if fmt in ("table", "csv") else None)
    if more:
        of = f" of {total}" if total is not None else ""
        click.echo(f"note: showing {len(rows)}{of} documents from offset {offset}; "
                   "--limit 0 for all, --offset to page", err=True)


def _show_text(info: dict, extraction) -> str:
    lines = []
    for key in ("id", "title", "published", "source", "url", "origin", "format", "lang",
                "copy_of", "similarity", "ingested_at", "extracted_at", "chars"):
        if info.get(key) is not None:
            lines.append(f"{key:<13}{info[key]}")
    if info["copies"]:
        lines.append(f"{'copies':<13}{', '.join(info['copies'])}")
    counts = ", ".join(f"{info.get('n_' + k) or 0} {k}"
                       for k in ("entities", "times", "events", "statements"))
    lines.append(f"{'extracted':<13}{counts if info.get('extracted_at') else 'no'}")
    lines.append(f"{'repairs':<13}{len(info['repairs'])}")
    for r in info["repairs"]:
        lines.append(f"  {r['start']}-{r['end']}  {r['original']} → {r['replacement']}")
    if extraction is not None:
        lines += extraction_tables(extraction)
    return "\n".join(lines)


def extraction_tables(ext) -> list[str]:
    """An extraction as text: its entities, times, events and statements as tables."""
    from .output import table
    names = {e.id: e.name for e in ext.entities}
    out = []
    sections = [
        ("entities", [{"id": e.id, "type": e.type, "name": e.name, "mentions": len(e.mentions),
                       "aliases": [a for a in e.aliases if a != e.name], "roles": e.roles}
                      for e in ext.entities], ["id", "type", "name", "mentions", "aliases", "roles"]),
        ("times", [{"text": t.text, "value": t.value} for t in ext.times], ["text", "value"]),
        ("events", [{"id": v.id, "date": v.date, "type": v.type, "mode": v.mode,
                     "status": v.status, "trigger": v.trigger,
                     "actors": [names.get(a, a) for a in v.actors],
                     "targets": [names.get(a, a) for a in v.targets],
                     "location": names.get(v.location, v.location)} for v in ext.events],
         ["id", "date", "type", "mode", "status", "trigger", "actors", "targets", "location"]),
        ("statements", [{"id": st.id, "speaker": st.speaker_text or names.get(st.speaker) or "",
                         "kind": st.kind, "date": st.date, "content": st.content}
                        for st in ext.statements], ["id", "speaker", "kind", "date", "content"]),
    ]
    for title, rows, cols in sections:
        if rows:
            out += ["", f"{title} ({len(rows)})", table(rows, cols)]
    return out


@click.command("show")
@click.argument("doc_id")
@db_option()
@format_option(choices=("table", "json"))
@click.pass_context
def show(ctx, doc_id, db, fmt):
    """One document: metadata, repairs and what was extracted (`--format json`: all of it)."""
    with open_or_exit(ctx, db) as store:
        info = store.document_info(doc_id)
        extraction = store.get_extraction(doc_id) if info else None
    if info is None:
        click.echo(str(DossierError(E.E202, detail=doc_id)), err=True)
        ctx.exit(1)
    if fmt == "json":
        emit([{**info, "extraction": extraction.to_json() if extraction else None}], "json",
             as_object=True)
    else:
        click.echo(_show_text(info, extraction))


@click.command("search")
@click.argument("query")
@db_option()
@format_option()
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@click.pass_context
def search(ctx, query, db, fmt, limit, offset):
    """Full-text search over the titles and texts of the stored documents."""
    with open_or_exit(ctx, db) as store:
        rows = store.search(query, limit=limit, offset=offset)
    for r in rows:
        r["rank"] = round(r["rank"], 4)
    emit(rows, fmt, columns=SEARCH_COLUMNS if fmt in ("table", "csv") else None)
