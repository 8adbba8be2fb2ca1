"""``dossier resolve | entities | actor | timeline | claims | disputes | export``: thin wrappers over
``dossier.resolve.rebuild`` and the query library ``dossier.analyze``."""
from __future__ import annotations

import contextlib
import sys

import click

from dossier.cli.output import by_first_day, db_option, emit, format_option


@contextlib.contextmanager
def _store(db):
    """The store, which must exist: reading a mistyped path reports it, never creates it."""
    from dossier.errors import DossierError
    from dossier.store import open_store
    try:
        store = open_store(db, create=False)
    except DossierError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        yield store
    except DossierError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()


@click.command("resolve")
@db_option()
@format_option()
@click.option("--rebuild", "full", is_flag=True,
              help="Re-resolve every stored report (after a model or rule change), in blocks"
                   " of --chunk reports in publication order (bounded memory); without it,"
                   " only the reports stored since the last resolution, with their block.")
@click.option("--whole", is_flag=True, help="With --rebuild: all reports at once, in memory.")
@click.option("--chunk", type=click.IntRange(min=1), default=None,
              help="With --rebuild: reports per block (default: data/resolve/incremental.json).")
@click.option("--cluster", metavar="URL", default=None,
              help="With --rebuild: resolve independent blocks (entities by name key, timeline"
                   " and claims by time window) on Dask: a scheduler address"
                   " (tcp://host:8786), or 'local' for a local cluster of --workers processes.")
@click.option("--workers", type=click.IntRange(min=0), default=0, show_default=True,
              help="With --cluster local: worker processes (0: one per CPU).")
def resolve(db, fmt, full, whole, chunk, cluster, workers):
    """Resolve the cross-document entities, timeline and claims from the stored extractions."""
    from dossier.resolve import rebuild, update
    from dossier.resolve.incremental import rebuild_in_blocks
    if cluster and (not full or whole):
        raise click.UsageError("--cluster goes with --rebuild (and not --whole).")
    with _store(db) as store, store.writer():
        if full and cluster:
            counts = _rebuild_on_cluster(store, cluster, workers)
        elif full and whole:
            counts = rebuild(store)
        elif full:
            counts = rebuild_in_blocks(store, chunk=chunk)
        else:
            counts = update(store)
    emit([counts], fmt, as_object=True)


def _rebuild_on_cluster(store, cluster: str, workers: int) -> dict:
    """The full rebuild as independent blocks, the blocks resolved on Dask."""
    from dossier.distributed import dask_runner
    from dossier.resolve.cluster import rebuild_partitioned
    with dask_runner(workers=workers, cluster=None if cluster == "local" else cluster) as run:
        return rebuild_partitioned(store, run)


@click.command("entities")
@db_option()
@format_option()
@click.option("-q", "--query", "q", default=None, help="Only entities with a name containing this.")
@click.option("--type", "etype", default=None,
              type=click.Choice(["PERSON", "ORG", "GPE", "LOC", "NORP", "OTHER"]),
              help="Only entities of this type.")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many.")
def entities(db, fmt, q, etype, limit):
    """Canonical entities across all documents (contract section 2)."""
    from dossier import analyze
    with _store(db) as store:
        rows = analyze.entities(store, q=q, type=etype, limit=limit)
    if fmt == "table":
        rows = [{**r, "documents": len(r["documents"]),
                 "conflicts": [c.get("name") for c in r["conflicts"]]} for r in rows]
    emit(rows, fmt, columns=["id", "name", "type", "country", "documents", "aliases", "conflicts"]
         if fmt in ("table", "csv") else None)


@click.command("actor")
@click.argument("name")
@db_option()
@format_option()
def actor(name, db, fmt):
    """One actor: names, roles over time, events, statements and co-actors."""
    from dossier import analyze
    with _store(db) as store:
        a = analyze.actor(store, name)
    if fmt in ("json", "jsonl"):
        emit([a], fmt, as_object=True)
        return
    click.echo(f"{a['name']}  ({a['type']}{', ' + a['country'] if a['country'] else ''})  {a['id']}")
    click.echo(f"names: {', '.join(a['names'])}")
    for c in a["conflicts"]:
        click.echo(f"conflict: {c.get('name')} in {c.get('doc')}: {c.get('reason')}")
    if a["roles"]:
        click.echo("roles:")
        for r in by_first_day(a["roles"], "date"):
            click.echo(f"  {r.get('date') or '?':10}  {r['role']}  [{r.get('doc')}]")
    click.echo("events:")
    emit(by_first_day(a["events"], "date"), "table" if fmt == "table" else fmt,
         columns=["date", "type", "status", "summary", "independent_reports"])
    if a["statements"]:
        click.echo("statements:")
        emit(a["statements"], "table" if fmt == "table" else fmt,
             columns=["first_reported", "content", "independent_reports"])
    if a["co_actors"]:
        click.echo("co-actors: " + ", ".join(f"{c['name']} ({c['events']})" for c in a["co_actors"]))


@click.command("timeline")
@db_option()
@format_option()
@click.option("--from", "date_from", default=None, help="From this date (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", default=None, help="Up to this date (inclusive).")
@click.option("--entity", default=None, help="Only events with this participant (name or id).")
def timeline(db, fmt, date_from, date_to, entity):
    """The events across reports, oldest first (contract section 3)."""
    from dossier import analyze
    with _store(db) as store:
        rows = analyze.timeline(store, date_from=date_from, date_to=date_to, entity=entity)
    if fmt in ("json", "jsonl"):
        keys = ["id", "date", "type", "mode", "status", "summary", "participants", "location",
                "documents", "independent_reports", "statements", "planned_by", "contradictions",
                "roles", "affiliations", "host", "date_range", "dates_reported",
                "places_reported", "history"]
        rows = [{k: r[k] for k in keys} for r in rows]
    else:  # by the first day of a week or month; outlets rather than document ids
        rows = [{**r, "outlets": sorted({x.get("source") for x in r["reports"]
                                         if x.get("source")})}
                for r in by_first_day(rows, "date")]
    columns = ["date", "type", "status", "summary", "participants", "location", "outlets",
               "independent_reports"]
    emit(rows, fmt, columns=columns if fmt == "table" else columns + ["documents"]
         if fmt == "csv" else None)


@click.command("claims")
@db_option()
@format_option()
@click.option("--about", default=None, help="Only claims about this entity (name or id).")
def claims(db, fmt, about):
    """Statements as carried across reports: first report, outlets, contradictions."""
    from dossier import analyze
    with _store(db) as store:
        rows = analyze.claims(store, about=about)
    if fmt in ("table", "csv"):
        rows = [{**r, "contradicts": "; ".join(f"{c['this']} vs {c['other']}"
                                               for c in r["contradictions"])} for r in rows]
    emit(rows, fmt, columns=["first_reported", "speaker", "content", "outlets",
                             "independent_reports", "contradicts"]
         if fmt in ("table", "csv") else None)


@click.command("disputes")
@db_option()
@format_option()
@click.option("--doc", default=None, help="Only disputes a document (doc id) takes part in.")
@click.option("--item", default=None, help="Only disputes of a timeline item (id).")
@click.option("--kind", default=None,
              help="number, date, name, place, participants or denial.")
def disputes(db, fmt, doc, item, kind):
    """Points on which reports disagree, each once, with the reports on every side."""
    from dossier import analyze
    with _store(db) as store:
        rows = analyze.disputes(store, doc=doc, item=item, kind=kind)
    if fmt in ("table", "csv"):
        rows = [{"kind": r["kind"], "topic": r["topic"],
                 "sides": " | ".join(f"{s['value']}: {', '.join(s['documents'])}"
                                     for s in r["sides"])} for r in rows]
    emit(rows, fmt, columns=["kind", "topic", "sides"] if fmt in ("table", "csv") else None)


@click.command("export")
@db_option()
@format_option(default="jsonl", choices=("jsonl", "csv", "graphml"))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file (default: standard output).")
def export(db, fmt, output):
    """Export everything (jsonl), the events (csv, PLOVER-style) or the actor network (graphml)."""
    from dossier import analyze
    fn = {"jsonl": analyze.export_jsonl, "csv": analyze.export_events_csv,
          "graphml": analyze.export_graphml}[fmt]
    with _store(db) as store:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as fp:
                fn(store, fp)
        else:
            fn(store, sys.stdout)
