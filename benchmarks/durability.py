"""What synchronous=FULL costs an ingest (issue #16): the same reports stored with SQLite's
``synchronous`` at FULL (the default: a commit survives a power loss) and at NORMAL (the
last commits may roll back after one), without extraction so that the commits weigh most.

    python benchmarks/durability.py --reports 2000
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def run(level: str, jsonl: str, tmp: str) -> float:
    from dossier import pipeline
    from dossier.store import backends, open_store
    backends.SQLITE_SYNCHRONOUS = level
    db = str(Path(tmp) / f"{level}.db")
    with open_store(db) as store:
        t0 = time.perf_counter()
        s = pipeline.ingest([jsonl], store, extract=False, progress=False, resolve=False)
        dt = time.perf_counter() - t0
    return s.ingested / dt


def main() -> None:
    from synth import generate
    import json
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = str(Path(tmp) / "r.jsonl")
        with open(jsonl, "w", encoding="utf-8") as fp:
            for rec in generate(args.reports, seed=3):
                fp.write(json.dumps(rec) + "\n")
        rates: dict[str, list[float]] = {"FULL": [], "NORMAL": []}
        for _ in range(args.rounds):
            for level in ("NORMAL", "FULL"):
                rates[level].append(run(level, jsonl, tmp))
                Path(tmp, f"{level}.db").unlink()
        for level, r in rates.items():
            print(f"synchronous={level:<6} {max(r):7.1f} docs/s (best of {len(r)}: "
                  f"{', '.join(f'{x:.1f}' for x in r)})")


if __name__ == "__main__":
    main()
