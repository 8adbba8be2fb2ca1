"""Resolution cost as the store grows: a base of N reports, then M more, as `dossier ingest` adds them.

Builds a store of ``--base`` synthetic reports from the growing world of ``world.py``
(their perfect extractions written through ``Store.add_document``, as the pipeline
writes them), resolves it, then adds ``--add`` more reports the same way and times the
resolution step that `dossier ingest` runs after storing them
(``dossier.pipeline.rebuild_resolution``: incremental, ``dossier.resolve.update``), then
a full rebuild of all N + M (``--rebuild blocks``, the default: ``dossier resolve
--rebuild``, in bounded memory; ``--rebuild whole``: in memory). The base is resolved
the same way. Writes JSON::

    python benchmarks/incremental.py --base 2000 --add 200 --json /tmp/inc-2k.json
    python benchmarks/incremental.py --base 20000 --add 200 --json /tmp/inc-20k.json
    python benchmarks/incremental.py --base 2000 --add 200 --db postgresql:///dossier_bench

Fields: ``base``, ``add``, ``resolve_add_s`` (seconds to resolve the added reports),
``resolve_add_cpu_s`` (the same in CPU seconds of this process: the figure to compare
on a busy machine), ``resolve_add`` (``mode``: incremental or full, ``block``: the
reports resolved, ``sizes``: how they were reached),
``counts_add`` (the counts after it), ``rebuild_s`` (full rebuild of the N + M; ``rebuild_cpu_s``:
in CPU seconds of this process), ``build_s`` (storing the base), ``peak_rss_mb``
(this process, high-water mark), ``counts`` (entities, timeline items, claims after it),
``world`` (people, spellings, stories, events in the corpus).
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from world import extraction, generate, stats  # noqa: E402


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _drop(db: str) -> None:
    """Start from an empty SQLite file (a PostgreSQL database must be given empty)."""
    if db.startswith("postgresql:"):
        return
    for p in (db, db + "-wal", db + "-shm"):
        if os.path.exists(p):
            os.remove(p)


def _stored(store, records, tx_batch: int) -> None:
    """Store the records' perfect extractions, ``tx_batch`` documents per transaction."""
    batch: list = []
    for rec in records:
        batch.append(rec)
        if len(batch) == tx_batch:
            _store_batch(store, batch)
            batch = []
    if batch:
        _store_batch(store, batch)


def _store_batch(store, batch: list) -> None:
    with store.transaction():
        for rec in batch:
            ex = extraction(rec)
            store.add_document(ex.doc, ex)


def run(base: int, add: int, db: str, seed: int = 7, quiet: bool = False,
        how: str = "blocks", tx_batch: int = 500, base_db: str | None = None,
        profile: str | None = None, skip_rebuild: bool = False,
        profile_rebuild: str | None = None, per_day: int | None = None) -> dict:
    from dossier.pipeline import rebuild_resolution
    from dossier.resolve.incremental import rebuild_in_blocks
    from dossier.store import open_store

    def full(store):  # `dossier resolve --rebuild` (blocks) or `--rebuild --whole`
        if how == "whole":
            return rebuild_resolution(store, full=True)
        with store.writer():
            return rebuild_in_blocks(store)
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    _drop(db)
    facts: list[dict] = []

    def noted(records):  # what world.stats reads, kept as the records stream by
        for r in records:
            facts.append({"_facts": {k: r["_facts"][k] for k in ("people", "story", "event")}})
            yield r
    records = noted(generate(base + add, seed=seed, per_day=per_day))
    head = itertools.islice(records, base)
    out: dict = {"benchmark": "incremental", "base": base, "add": add, "seed": seed,
                 "per_day": per_day,
                 "backend": "postgresql" if db.startswith("postgresql:") else "sqlite",
                 "rebuild": how}
    reused = bool(base_db and os.path.exists(base_db) and not db.startswith("postgresql:"))
    if reused:  # the same base, stored and resolved by an earlier run
        shutil.copyfile(base_db, db)
        out["base_reused"] = True
        for _ in head:
            pass
    with open_store(db) as store:
        if not reused:
            t0 = time.perf_counter()
            _stored(store, head, tx_batch)
            out["build_s"] = round(time.perf_counter() - t0, 2)
            say(f"stored {base} reports in {out['build_s']} s; resolving the base")
            t1, c1 = time.perf_counter(), time.process_time()
            full(store)
            out["resolve_base_s"] = round(time.perf_counter() - t1, 2)
            out["resolve_base_cpu_s"] = round(time.process_time() - c1, 2)
            say(f"base resolved in {out['resolve_base_s']} s; adding {add}")
    if base_db and not reused and not db.startswith("postgresql:"):
        shutil.copyfile(db, base_db)
    with open_store(db) as store:
        t0 = time.perf_counter()
        _stored(store, records, 1)  # the rest, one transaction per document, as an ingest
        out["store_add_s"] = round(time.perf_counter() - t0, 2)
        t1, c1 = time.perf_counter(), time.process_time()
        if profile:
            import cProfile
            prof = cProfile.Profile()
            added = prof.runcall(rebuild_resolution, store)
            prof.dump_stats(profile)
        else:
            added = rebuild_resolution(store)  # what `dossier ingest` runs after storing new reports
        out["resolve_add_s"] = round(time.perf_counter() - t1, 2)
        out["resolve_add_cpu_s"] = round(time.process_time() - c1, 2)  # steadier on a busy machine
        out["resolve_add"] = {k: added.get(k) for k in ("mode", "block", "sizes")} if added else None
        out["counts_add"] = store.counts()  # after the incremental step (counts: after rebuild)
        say(f"added {add}: resolution in {out['resolve_add_s']} s ({out['resolve_add_cpu_s']}"
            f" CPU s) {out['resolve_add']}")
        if not skip_rebuild:
            t1, c1 = time.perf_counter(), time.process_time()
            if profile_rebuild:
                import cProfile
                prof = cProfile.Profile()
                prof.runcall(full, store)
                prof.dump_stats(profile_rebuild)
            else:
                full(store)
            out["rebuild_s"] = round(time.perf_counter() - t1, 2)
            out["rebuild_cpu_s"] = round(time.process_time() - c1, 2)
            out["counts"] = store.counts()
    out["peak_rss_mb"] = _peak_rss_mb()
    out["world"] = stats(facts)
    say(f"full rebuild {out.get('rebuild_s')} s, peak RSS {out['peak_rss_mb']} MB")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", type=int, required=True, help="reports stored and resolved first")
    ap.add_argument("--add", type=int, required=True, help="reports added afterwards")
    ap.add_argument("--db", help="SQLite file or postgresql://... (default: a temporary file)")
    ap.add_argument("--json", help="write the result here (default stdout)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-day", type=int, help="a steady world of about this many reports a"
                    " day whatever the base (world.generate); default: the first world")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--rebuild", choices=("blocks", "whole"), default="blocks",
                    help="the base's resolution and the full rebuild: in blocks (bounded"
                         " memory, `dossier resolve --rebuild`) or whole, in memory")
    ap.add_argument("--tx-batch", type=int, default=500,
                    help="base documents stored per transaction (the added ones: one each)")
    ap.add_argument("--base-db", help="SQLite file of the stored and resolved base: copied"
                    " when it exists, written after the base is resolved otherwise")
    ap.add_argument("--profile", help="write a cProfile of the incremental step here")
    ap.add_argument("--profile-rebuild", help="write a cProfile of the full rebuild here")
    ap.add_argument("--no-rebuild", action="store_true", help="skip the full rebuild at the end")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "incremental.db")
        result = run(args.base, args.add, db, seed=args.seed, quiet=args.quiet,
                     how=args.rebuild, tx_batch=args.tx_batch, base_db=args.base_db,
                     profile=args.profile, skip_rebuild=args.no_rebuild,
                     profile_rebuild=args.profile_rebuild, per_day=args.per_day)
    text = json.dumps(result, indent=1)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
