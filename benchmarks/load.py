"""Load: N concurrent clients over a mixed read workload against `dossier serve` (issue #16).

Starts `dossier serve` on 127.0.0.1 (only there) over a store, then runs N clients for a
fixed time. Each client (a minimal asyncio HTTP/1.1 client) holds one keep-alive connection and loops over a mixed list of
reads picked at random (seeded): document, entity, timeline, claims and search lists,
single documents, entities, events and claims, and the HTML pages. Records every
latency per endpoint kind, every answer >= 500, and every dropped connection (a request
that got no answer at all); prints a table and writes a JSON file.

    python benchmarks/load.py --reports 100 --clients 50 --seconds 20        # builds a store
    python benchmarks/load.py --db /tmp/kb.db --clients 1,10,50 --workers 2
    python benchmarks/load.py --db big.db --clients 50 --revalidate          # If-None-Match

The store is built from `synth.py` reports with extraction (cached in
`/tmp/dossier-load-<n>.db`). `--revalidate`: clients keep the ETag of what they read and
send If-None-Match, as a browser does; `--fresh`: every request asks for a fresh answer
(Cache-Control: no-cache), which measures the routes without the response cache.
Clients and server share the machine: on 2 cores the figures include the clients' CPU.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
DOSSIER = [sys.executable, "-c", "from dossier.cli import main; main()"]
HOST = "127.0.0.1"  # never anything else


def build_store(n: int, db: str) -> None:
    from synth import founding_text, generate
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        for rec in generate(n, seed=16):
            Path(tmp, f"{rec['id']}.txt").write_text(founding_text(rec), encoding="utf-8")
        subprocess.run(DOSSIER + ["ingest", tmp, "--db", db, "-q"], check=True)


def urls(db: str, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, url) pairs of a mixed read workload over what the store holds."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    docs = [r[0] for r in con.execute("SELECT doc_id FROM documents ORDER BY seq LIMIT 500")]
    ents = [r[0] for r in con.execute("SELECT id FROM entities ORDER BY n LIMIT 500")]
    events = [r[0] for r in con.execute("SELECT id FROM timeline ORDER BY n LIMIT 500")]
    claims = [r[0] for r in con.execute("SELECT id FROM claims ORDER BY n LIMIT 500")]
    names = [r[0] for r in con.execute("SELECT name FROM entities ORDER BY n LIMIT 50")]
    con.close()
    words = ["talks", "ceasefire", "minister", "sanctions", "envoy", "Geneva", "aid", "strike"]
    out: list[tuple[str, str]] = []
    for off in (0, 50, 100):
        out += [("list_documents", f"/api/documents?offset={off}"),
                ("list_entities", f"/api/entities?offset={off}"),
                ("list_claims", f"/api/claims?offset={off}")]
    out += [("timeline", "/api/timeline"), ("timeline", "/api/timeline?from=2025-11&to=2025-12")]
    out += [("search", f"/api/search?q={w}") for w in words]
    out += [("entities_q", f"/api/entities?q={n.split()[-1]}") for n in names[:10]]
    out += [("document", f"/api/documents/{d}") for d in rng.sample(docs, min(20, len(docs)))]
    out += [("entity", f"/api/entities/{e}") for e in rng.sample(ents, min(20, len(ents)))]
    out += [("event", f"/api/events/{e}") for e in rng.sample(events, min(20, len(events)))]
    out += [("claim", f"/api/claims/{c}") for c in rng.sample(claims, min(10, len(claims)))]
    out += [("page", p) for p in ("/", "/entities", "/claims", "/documents", "/network",
                                  "/search?q=talks")]
    out += [("page_event", f"/events/{e}") for e in rng.sample(events, min(5, len(events)))]
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(db: str, workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    proc = subprocess.Popen(DOSSIER + ["serve", "--db", db, "--host", HOST, "--port", str(port),
                                       "--workers", str(workers), "--log-level", "warning"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return proc, port
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(proc.stderr.read().decode())
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


async def _get(reader, writer, port: int, url: str, headers: dict[str, str]
               ) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 GET on a keep-alive connection (a minimal client: httpx costs the
    client more CPU per request than the cached server answer, on the same 2 cores)."""
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    writer.write(f"GET {url} HTTP/1.1\r\nHost: {HOST}:{port}\r\n{head}\r\n".encode())
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed")
    status = int(status_line.split()[1])
    resp_headers: dict[str, str] = {}
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        k, _, v = line.decode("latin-1").partition(":")
        resp_headers[k.strip().lower()] = v.strip()
    if "content-length" in resp_headers:
        body = await reader.readexactly(int(resp_headers["content-length"]))
    elif resp_headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            if size == 0:
                await reader.readline()
                break
            parts.append(await reader.readexactly(size))
            await reader.readline()
        body = b"".join(parts)
    else:
        body = b""
    return status, resp_headers, body


async def client(port: int, work: list[tuple[str, str]], until: float, seed: int,
                 revalidate: bool, fresh: bool, out: dict) -> None:
    rng = random.Random(seed)
    tags: dict[str, str] = {}
    conn = None
    while time.perf_counter() < until:
        kind, url = rng.choice(work)
        headers = {}
        if fresh:
            headers["Cache-Control"] = "no-cache"
        elif revalidate and url in tags:
            headers["If-None-Match"] = tags[url]
        t0 = time.perf_counter()
        try:
            if conn is None:
                conn = await asyncio.wait_for(asyncio.open_connection(HOST, port), 30)
            status, resp_headers, _ = await asyncio.wait_for(_get(*conn, port, url, headers), 30)
        except asyncio.TimeoutError:  # no answer within 30 s: counted apart from drops
            out["timeouts"].append(url)
            if conn is not None:
                conn[1].close()
            conn = None
            continue
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            out["dropped"].append(f"{url}: {type(exc).__name__}")
            if conn is not None:
                conn[1].close()
            conn = None
            continue
        dt = (time.perf_counter() - t0) * 1000
        out["lat"].setdefault(kind, []).append(dt)
        out["all"].append(dt)
        out["status"][status] = out["status"].get(status, 0) + 1
        if status >= 500:
            out["server_errors"].append(f"{url}: {status}")
        if resp_headers.get("etag"):
            tags[url] = resp_headers["etag"]
        if resp_headers.get("connection", "").lower() == "close":
            conn[1].close()
            conn = None
    if conn is not None:
        conn[1].close()


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its children still running (the
    uvicorn workers), from /proc: robust on a shared machine where wall time is not."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    try:
        for line in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            pids.append(int(line))
    except OSError:
        pass
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return total


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def run(port: int, work, clients: int, seconds: float, revalidate: bool, fresh: bool,
        server_pid: int | None = None) -> dict:
    out = {"lat": {}, "all": [], "status": {}, "dropped": [], "server_errors": [],
           "timeouts": []}
    cpu0 = cpu_seconds(server_pid) if server_pid else 0.0

    async def main():
        until = time.perf_counter() + seconds
        await asyncio.gather(*(client(port, work, until, i, revalidate, fresh, out)
                               for i in range(clients)))

    t0 = time.perf_counter()
    asyncio.run(main())
    wall = time.perf_counter() - t0
    cpu = (cpu_seconds(server_pid) - cpu0) if server_pid else float("nan")
    return {
        "server_cpu_ms_per_request": round(1000 * cpu / max(1, len(out["all"])), 2),
        "load_avg": os.getloadavg()[0],
        "clients": clients, "seconds": round(wall, 1), "requests": len(out["all"]),
        "rps": round(len(out["all"]) / wall, 1),
        "p50_ms": round(pct(out["all"], 50), 1), "p95_ms": round(pct(out["all"], 95), 1),
        "p99_ms": round(pct(out["all"], 99), 1), "max_ms": round(max(out["all"] or [0]), 1),
        "by_kind": {k: {"n": len(v), "p50_ms": round(pct(v, 50), 1),
                        "p95_ms": round(pct(v, 95), 1)} for k, v in sorted(out["lat"].items())},
        "status": out["status"], "dropped": len(out["dropped"]),
        "timeouts": len(out["timeouts"]),
        "server_errors": len(out["server_errors"]),
        "examples": (out["dropped"] + out["server_errors"])[:5],
    }


def prefill(port: int, work) -> dict:
    """Every URL of the workload once, in turn (the cold cost of each kind; afterwards the
    response cache holds them all)."""
    out: dict = {"lat": {}, "all": [], "status": {}, "dropped": [], "server_errors": [],
                 "timeouts": []}

    async def main():
        reader, writer = await asyncio.open_connection(HOST, port)
        for kind, url in work:
            t0 = time.perf_counter()
            status, _, _ = await _get(reader, writer, port, url, {})
            out["lat"].setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
        writer.close()

    asyncio.run(main())
    return {k: {"n": len(v), "p50_ms": round(pct(v, 50), 1), "max_ms": round(max(v), 1)}
            for k, v in sorted(out["lat"].items())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", help="an existing store (else one is built from --reports)")
    ap.add_argument("--reports", type=int, default=100)
    ap.add_argument("--clients", default="1,50", help="comma-separated client counts")
    ap.add_argument("--seconds", type=float, default=15.0, help="per client count")
    ap.add_argument("--workers", type=int, default=1, help="dossier serve --workers")
    ap.add_argument("--revalidate", action="store_true", help="send If-None-Match")
    ap.add_argument("--fresh", action="store_true", help="send Cache-Control: no-cache")
    ap.add_argument("--warmup", type=float, default=3.0, help="seconds of one client first")
    ap.add_argument("--prefill", action="store_true",
                    help="first request every URL once (cold figures; then all are cached)")
    ap.add_argument("-o", "--out", default=None, help="write the results as JSON")
    args = ap.parse_args()
    db = args.db or f"/tmp/dossier-load-{args.reports}.db"
    if not os.path.exists(db):
        print(f"building {db} from {args.reports} synthetic reports ...", file=sys.stderr)
        build_store(args.reports, db)
    work = urls(db, random.Random(16))
    proc, port = start_server(db, args.workers)
    results = {"db": db, "workers": args.workers, "revalidate": args.revalidate,
               "fresh": args.fresh, "load_before": os.getloadavg()[0], "runs": []}
    try:
        if args.prefill:
            results["cold"] = prefill(port, work)
            print("cold, one request per URL: " + ", ".join(
                f"{k} p50 {v['p50_ms']} max {v['max_ms']} ms" for k, v in results["cold"].items()))
        if args.warmup:
            run(port, work, 1, args.warmup, False, args.fresh)
        for n in (int(x) for x in args.clients.split(",")):
            r = run(port, work, n, args.seconds, args.revalidate, args.fresh, proc.pid)
            results["runs"].append(r)
            print(f"{n:>3} clients: {r['requests']:>6} requests {r['rps']:>7} /s  "
                  f"p50 {r['p50_ms']:>7} ms  p95 {r['p95_ms']:>7} ms  p99 {r['p99_ms']:>7} ms  "
                  f"dropped {r['dropped']}  timeouts {r['timeouts']}  "
                  f"5xx {r['server_errors']}  "
                  f"server CPU {r['server_cpu_ms_per_request']} ms/request  "
                  f"load {r['load_avg']:.1f}")
            worst = sorted(r["by_kind"].items(), key=lambda kv: -kv[1]["p95_ms"])[:3]
            print("      slowest p95: " + ", ".join(f"{k} {v['p95_ms']} ms" for k, v in worst))
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)
    results["load_after"] = os.getloadavg()[0]
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
