"""A full rebuild of the resolution at scale: on a Dask cluster, in this process, or as
`dossier resolve --rebuild` does it.

Stores N reports of the growing world of ``world.py`` (their perfect extractions, through
``Store.add_document``) unless ``--db`` already holds them, then times one full rebuild:

- ``--mode cluster`` (``dossier resolve --rebuild --cluster local --workers W``): entity
  blocks and time windows resolved on a local Dask cluster (``--cluster tcp://...`` for
  a running one), stitched and written by this process;
- ``--mode serial``: the same blocks and windows, one after the other in this process;
- ``--mode blocks``: ``dossier resolve --rebuild`` (``rebuild_in_blocks``);
- ``--mode whole``: ``dossier resolve --rebuild --whole`` (in memory).

A rebuild replaces the whole resolution, so runs can follow each other on one store. Run
each mode in its own process (peak RSS is the process's)::

    python benchmarks/rebuild.py --reports 20000 --db /tmp/w20k.db --mode cluster --workers 2
    python benchmarks/rebuild.py --reports 20000 --db /tmp/w20k.db --mode blocks
    python benchmarks/rebuild.py --reports 2000 --db postgresql:///dossier_bench --mode cluster

Fields: ``rebuild_s``, ``peak_rss_mb`` (this process: the coordinator), ``worker_peak_rss_mb``
(the largest worker's high-water mark, read on the workers after each task),
``coordinator_cpu_s`` and ``worker_cpu_s`` (CPU seconds: steadier than wall time on a
shared machine), 
``counts`` (what the rebuild returns), ``tasks`` (per task: kind, seconds on the worker,
size), ``build_s`` (storing the reports, when built), ``load_avg`` (at the start).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _measured(fn, *args):
    """Run on a worker: the task's result, its time and the worker's peak RSS."""
    import resource as r
    import time as t
    t0, c0 = t.perf_counter(), t.process_time()
    out = fn(*args)
    return (out, t.perf_counter() - t0, t.process_time() - c0,
            r.getrusage(r.RUSAGE_SELF).ru_maxrss / 1024)


def build(n: int, db: str, seed: int = 7) -> float:
    from world import extraction, generate

    from dossier.store import open_store
    t0 = time.perf_counter()
    with open_store(db) as store:
        for rec in generate(n, seed=seed):
            ex = extraction(rec)
            store.add_document(ex.doc, ex)
    return round(time.perf_counter() - t0, 2)


def _stored(db: str) -> int:
    from dossier.store import open_store
    if not db.startswith("postgresql:") and not os.path.exists(db):
        return 0
    with open_store(db) as store:
        return store.counts()["extractions"]


def run(db: str, mode: str, workers: int, cluster: str | None, quiet: bool = False) -> dict:
    from dossier.resolve import rebuild
    from dossier.resolve.cluster import rebuild_partitioned, serial
    from dossier.resolve.incremental import rebuild_in_blocks
    from dossier.store import open_store
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    out: dict = {"mode": mode, "workers": workers if mode == "cluster" else 1,
                 "load_avg": os.getloadavg()[0]}
    tasks: list[dict] = []
    t0 = time.perf_counter()
    own0 = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = own0.ru_utime + own0.ru_stime

    def step(msg: str) -> None:
        say(f"{time.perf_counter() - t0:7.1f} s  {msg}  (RSS peak {_peak_rss_mb()} MB)")

    def measured(runner):
        def run_tasks(fn, args):
            for res, secs, cpu, rss in runner(_measured, ((fn, *a) for a in args)):
                tasks.append({"task": fn.__name__, "s": round(secs, 2), "cpu_s": round(cpu, 2),
                              "rss_mb": round(rss, 1),
                              "size": len(res[0]) if isinstance(res, tuple) else None})
                yield res
        return run_tasks

    with open_store(db) as store, store.writer():
        if mode == "whole":
            counts = rebuild(store)
        elif mode == "blocks":
            counts = rebuild_in_blocks(store, on_block=lambda o: step(f"block {o and o.get('block')}"))
        elif mode == "serial":
            counts = rebuild_partitioned(store, measured(serial), on_step=step)
        else:
            from dossier.distributed import dask_runner
            with dask_runner(workers=workers, cluster=cluster) as runner:
                step("cluster up")
                counts = rebuild_partitioned(store, measured(runner), on_step=step)
    out["rebuild_s"] = round(time.perf_counter() - t0, 2)
    own = resource.getrusage(resource.RUSAGE_SELF)
    out["coordinator_cpu_s"] = round(own.ru_utime + own.ru_stime - cpu0, 1)
    out["peak_rss_mb"] = _peak_rss_mb()
    if tasks:
        out["worker_peak_rss_mb"] = max(t["rss_mb"] for t in tasks)
        out["worker_s"] = round(sum(t["s"] for t in tasks), 1)
        out["worker_cpu_s"] = round(sum(t["cpu_s"] for t in tasks), 1)
    out["counts"] = counts
    out["tasks"] = tasks
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=2000, help="world reports to store")
    ap.add_argument("--db", default=None, help="the store (built when it holds no reports)")
    ap.add_argument("--mode", choices=("cluster", "serial", "blocks", "whole"), default="cluster")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cluster", default=None, help="a Dask scheduler (default: a local one)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", default=None, help="write the result here too")
    ap.add_argument("-q", "--quiet", action="store_true")
    a = ap.parse_args(argv)
    db = a.db or f"/tmp/dossier-rebuild-{a.reports}.db"
    out: dict = {"benchmark": "rebuild", "reports": a.reports,
                 "backend": "postgresql" if db.startswith("postgresql:") else "sqlite"}
    if _stored(db) == 0:
        out["build_s"] = build(a.reports, db, a.seed)
    out.update(run(db, a.mode, a.workers, a.cluster, a.quiet))
    text = json.dumps(out, indent=1)
    print(json.dumps({k: v for k, v in out.items() if k != "tasks"}, indent=1))
    if a.json:
        Path(a.json).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
