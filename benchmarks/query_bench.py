"""Store scale benchmark: ingest N synthetic reports, then time the queries.

spaCy is skipped so 100k documents fit in minutes: each synthetic report's extraction is
built from the facts its template used (entities with every mention's offsets, the
weekday time expression, one PLOVER event, the quotes as direct statements) and written
through the store API (``Store.add_document``, one transaction per document, exactly as
``dossier ingest`` does). The cross-document resolution is either ``dossier.resolve.rebuild``
(``--resolve real``) or a fast synthetic one built from the same facts (default
``--resolve synth``), written with ``Store.replace_resolution``.

Then it measures, over ``--repeat`` randomised calls each, p50/p95/max latency of the
store queries behind ``dossier timeline / entities / actor / claims / search`` (and of
``dossier.analyze`` when present). Goal: p95 <= 50 ms at 100k documents.

    python benchmarks/query_bench.py 10000
    python benchmarks/query_bench.py 100000 --db /tmp/q100k.db --keep
    python benchmarks/query_bench.py 2000 --resolve real
"""
from __future__ import annotations

import argparse
import calendar
import json
import os
import random
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import generate  # noqa: E402

from dossier.ids import content_hash, stable_id  # noqa: E402
from dossier.records import (CanonicalEntity, Claim, Document, Entity, Event,  # noqa: E402
                             Extraction, Mention, Statement, TimeExpr, TimelineItem)

WEEKDAY_RE = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
QUOTE_RE = re.compile(r"\u201c([^\u201d]+)\u201d|\"([^\"]+)\"")
GPE_COUNTRIES = {"Ukraine": "UKR", "Russia": "RUS", "the United States": "USA", "France": "FRA",
                 "Germany": "DEU", "Britain": "GBR", "Poland": "POL", "Turkey": "TUR",
                 "Norway": "NOR", "Sweden": "SWE", "Qatar": "QAT"}


def _mentions(text: str, forms: list[str]) -> list[Mention]:
    out, taken = [], set()
    for form in sorted(set(forms), key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(form) + r"\b", text):
            if any(i in taken for i in range(m.start(), m.end())):
                continue
            taken.update(range(m.start(), m.end()))
            out.append(Mention(start=m.start(), end=m.end(), text=form,
                               kind="title" if form.startswith(("President", "Minister")) else "name"))
    return sorted(out, key=lambda m: m.start)


def synthetic_extraction(rec: dict) -> Extraction:
    """The extraction a perfect pipeline would produce for a synthetic report."""
    f = rec["_facts"]
    text = rec["text"]
    doc = Document(id=rec["id"], text=text, raw_text=text, title=rec["title"],
                   published=rec["published"], source=rec["source"], url=rec["url"],
                   origin="synth", format="jsonl")
    doc.content_hash = content_hash(text)
    specs = [(f["a"]["name"], "PERSON", f["a"]["iso"], [f["a"]["name"], f["a"]["last"]], [f["a"]["title"]]),
             (f["b"]["name"], "PERSON", f["b"]["iso"], [f["b"]["name"], f["b"]["last"]], [f["b"]["title"]]),
             (f["venue"], "GPE", None, [f["venue"]], []),
             (f["place"], "GPE" if not f["place"].startswith("the ") else "LOC", "UKR", [f["place"]], []),
             (f["org"].removeprefix("the "), "ORG", None, [f["org"].removeprefix("the ")], []),
             (f["outlet"], "ORG", None, [f["outlet"]], [])]
    for country, iso in GPE_COUNTRIES.items():
        specs.append((country.removeprefix("the "), "GPE", iso, [country.removeprefix("the ")], []))
    entities, ids = [], {}
    for name, etype, iso, forms, roles in specs:
        if name in ids:
            continue
        mentions = _mentions(text, forms)
        if not mentions:
            continue
        eid = f"e{len(entities) + 1}"
        ids[name] = eid
        entities.append(Entity(id=eid, name=name, type=etype, aliases=sorted(set(m.text for m in mentions)),
                               roles=roles, country=iso, mentions=mentions))
    times = [TimeExpr(start=m.start(), end=m.end(), text=m.group(0), value=f["date"], anchor="publication")
             for m in WEEKDAY_RE.finditer(text)]
    first_sentence_end = text.find(". ") + 1 or len(text)
    a_id, b_id = ids.get(f["a"]["name"]), ids.get(f["b"]["name"])
    events = [Event(id="v1", type=f["type"], trigger=rec["title"].split()[1] if len(rec["title"].split()) > 1 else "",
                    actors=[a_id] if a_id else [], targets=[b_id] if b_id else [],
                    location=ids.get(f["venue"]), date=f["date"],
                    evidence={"start": 0, "end": first_sentence_end})]
    statements = []
    for m in QUOTE_RE.finditer(text):
        content = m.group(1) or m.group(2) or ""
        after = text[m.end(): m.end() + 60]
        speaker = next((ids[p["name"]] for p in (f["a"], f["b"])
                        if p["last"] in after and p["name"] in ids), None)
        statements.append(Statement(id=f"s{len(statements) + 1}", kind="direct", cue="said",
                                    content=content, content_span={"start": m.start(), "end": m.end()},
                                    speaker=speaker, date=f["date"],
                                    about=[b_id] if b_id else []))
    return Extraction(doc=doc, entities=entities, times=times, events=events, statements=statements)


class SynthResolution:
    """Cross-document merge of synthetic extractions by exact name / event key / quote."""

    def __init__(self) -> None:
        self.entities: dict[tuple[str, str], dict] = {}
        self.events: dict[tuple, dict] = {}
        self.claims: dict[tuple, dict] = {}

    def add(self, ex: Extraction) -> None:
        by_local = {}
        for e in ex.entities:
            key = (e.type, e.name)
            ent = self.entities.setdefault(key, {"e": e, "docs": [], "aliases": set(), "members": []})
            ent["docs"].append(ex.doc.id)
            ent["aliases"].update(e.aliases)
            if len(ent["members"]) < 50:
                ent["members"].append({"doc": ex.doc.id, "entity": e.id})
            by_local[e.id] = stable_id("ent", e.type, e.name)
        names = {e.id: e.name for e in ex.entities}
        for v in ex.events:
            parts = tuple(sorted(names.get(i, "") for i in v.actors + v.targets))
            key = (v.type, v.date, parts)
            item = self.events.setdefault(key, {"v": v, "docs": [], "sources": set(),
                                                "loc": names.get(v.location or "")})
            item["docs"].append(ex.doc.id)
            item["sources"].add(ex.doc.source)
        for s in ex.statements:
            key = (s.content, names.get(s.speaker or ""))
            c = self.claims.setdefault(key, {"s": s, "docs": [], "outlets": set(), "first": s.date,
                                             "first_doc": ex.doc.id,
                                             "about": sorted({names[i] for i in s.about if i in names})})
            c["docs"].append(ex.doc.id)
            c["outlets"].add(ex.doc.source)
            if s.date and (c["first"] is None or s.date < c["first"]):
                c["first"], c["first_doc"] = s.date, ex.doc.id

    def records(self):
        ents = []
        for (etype, name), d in self.entities.items():
            ents.append(CanonicalEntity(id=stable_id("ent", etype, name), name=name, type=etype,
                                        aliases=sorted(d["aliases"]), country=d["e"].country,
                                        documents=d["docs"], members=d["members"]))
        ent_id = {e.name: e.id for e in ents}
        timeline = []
        for (etype, date, parts), d in sorted(self.events.items(), key=lambda kv: (kv[0][1] or "", kv[0][0])):
            v = d["v"]
            timeline.append(TimelineItem(
                id=stable_id("evt", etype, date, parts), date=date, type=etype, mode=v.mode,
                status=v.status, summary=f"{etype} {' / '.join(p for p in parts if p)}",
                participants=[p for p in parts if p], participant_ids=[ent_id[p] for p in parts if p in ent_id],
                location=d["loc"], documents=d["docs"], independent_reports=len(d["sources"]),
                reports=[{"doc": doc, "event": "v1"} for doc in d["docs"][:50]]))
        claims = []
        for (content, speaker), d in self.claims.items():
            claims.append(Claim(id=stable_id("clm", content, speaker), content=content, speaker=speaker,
                                speaker_id=ent_id.get(speaker or ""), kind="direct",
                                first_reported=d["first"], first_document=d["first_doc"],
                                outlets=sorted(o for o in d["outlets"] if o), documents=d["docs"],
                                independent_reports=len(d["outlets"]), about=d["about"],
                                reports=[{"doc": doc} for doc in d["docs"][:50]]))
        return ents, timeline, claims


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = min(len(values) - 1, max(0, int(round(q * (len(values) - 1)))))
    return values[k]


def _store_bytes(db: str) -> int:
    return sum(os.path.getsize(p) for p in (db, db + "-wal", db + "-shm") if os.path.exists(p))


def run(n: int, db: str, *, resolve: str = "synth", repeat: int = 200, seed: int = 7,
        keep: bool = False, limit: int = 50, quiet: bool = False, tx_batch: int = 1,
        reuse: bool = False, budget: float = 30.0, only: str | None = None) -> dict:
    from dossier.store import open_store
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    reuse = reuse and os.path.exists(db)
    for p in (db, db + "-wal", db + "-shm"):
        if os.path.exists(p) and not reuse:
            os.remove(p)
    result: dict = {"benchmark": "query_bench", "n_documents": n, "db": db, "resolve": resolve,
                    "repeat": repeat, "limit": limit, "tx_batch": tx_batch}
    res = SynthResolution()
    persons, days, words = set(), set(), 0
    with open_store(db) as store:
        t0 = time.perf_counter()
        outer = None
        for i, rec in enumerate(generate(n, seed=seed)):
            if reuse:  # the store is already built: only collect the query arguments
                persons.update((rec["_facts"]["a"]["name"], rec["_facts"]["b"]["name"]))
                days.add(rec["_facts"]["date"])
                continue
            ex = synthetic_extraction(rec)
            words += len(rec["text"].split())
            if tx_batch > 1 and i % tx_batch == 0:  # group documents per commit
                if outer is not None:
                    outer.__exit__(None, None, None)
                outer = store.transaction()
                outer.__enter__()
            store.add_document(ex.doc, ex)
            res.add(ex)
            persons.update((rec["_facts"]["a"]["name"], rec["_facts"]["b"]["name"]))
            days.add(rec["_facts"]["date"])
            if (i + 1) % 10000 == 0:
                say(f"  {i + 1} documents, {(i + 1) / (time.perf_counter() - t0):.0f} docs/s")
        if outer is not None:
            outer.__exit__(None, None, None)
        t_ingest = time.perf_counter() - t0
        if reuse:
            assert store.count_documents() == n, "--reuse: the store holds another corpus"
            result["reused_store"] = True
        if not reuse:
            result["ingest_seconds"] = round(t_ingest, 2)
            result["ingest_docs_per_s"] = round(n / t_ingest, 1)
            result["ingest_words_per_s"] = round(words / t_ingest, 1)
            say(f"ingested {n} in {t_ingest:.1f}s ({n / t_ingest:.0f} docs/s)")

        t0 = time.perf_counter()
        if reuse:
            result["resolve_counts"] = store.counts()
        elif resolve == "real":
            from dossier.resolve import rebuild
            result["resolve_counts"] = rebuild(store)
        else:
            ents, timeline, claims = res.records()
            store.replace_resolution(ents, timeline, claims)
            result["resolve_counts"] = {"entities": len(ents), "timeline": len(timeline),
                                        "claims": len(claims)}
        result["resolve_seconds"] = round(time.perf_counter() - t0, 2)
        say(f"resolution ({resolve}) in {result['resolve_seconds']}s: {result['resolve_counts']}")
        try:
            store.backend.execute("PRAGMA wal_checkpoint(TRUNCATE)") if store.dialect == "sqlite" else None
        except Exception:  # noqa: BLE001
            pass
        result["store_bytes"] = _store_bytes(db)
        result["store_mb"] = round(result["store_bytes"] / 1e6, 1)
        result["bytes_per_document"] = round(result["store_bytes"] / max(1, n))

        rng = random.Random(seed + 1)
        persons_l, days_l = sorted(persons), sorted(days)
        surnames = sorted({p.split()[-1] for p in persons_l})
        terms = ["ceasefire", "sanctions", "drones", "Geneva", "prisoner exchanges", "grain",
                 "air defence", "Kharkiv", "reconstruction", "nuclear plant", "frozen assets"]

        def month_window():
            d = rng.choice(days_l)
            last = calendar.monthrange(int(d[:4]), int(d[5:7]))[1]
            return d[:7] + "-01", f"{d[:7]}-{last:02d}"

        try:
            from dossier import analyze  # the query library behind the CLI and API
        except ImportError:
            analyze = None
        if not hasattr(analyze, "timeline"):  # not built yet
            analyze = None

        queries = {
            "timeline_window": lambda: store.list_timeline(*month_window(), limit=limit),
            "timeline_entity": lambda: store.list_timeline(entity=rng.choice(persons_l), limit=limit),
            "timeline_entity_window": lambda: store.list_timeline(*month_window(), entity=rng.choice(surnames), limit=limit),
            "entities_q": lambda: store.list_entities(q=rng.choice(surnames), limit=20),
            "entities_type": lambda: store.list_entities(type="PERSON", limit=limit),
            "entities_type_slim": lambda: store.list_entities(type="PERSON", limit=limit, slim=True),
            "entity_get": lambda: store.get_entity(stable_id("ent", "PERSON", rng.choice(persons_l))),
            "claims_about": lambda: store.list_claims(about=rng.choice(persons_l), limit=limit),
            "claims_speaker": lambda: store.list_claims(speaker=rng.choice(persons_l), limit=limit),
            "search": lambda: store.search(rng.choice(terms), limit=20),
            "search_two_terms": lambda: store.search(f"{rng.choice(surnames)} {rng.choice(terms).split()[0]}", limit=20),
            "documents_first_page": lambda: store.list_documents(limit=limit, offset=0),
            "documents_deep_page": lambda: store.list_documents(limit=limit, offset=rng.randrange(max(1, n - limit))),
            "document_get": lambda: store.get_extraction(f"syn-{rng.randrange(n):06d}"),
        }
        if analyze is not None:
            for name, fn in (("analyze.timeline", lambda: analyze.timeline(store, *month_window(), None, limit=limit)),
                             ("analyze.timeline_entity", lambda: analyze.timeline(
                                 store, None, None, rng.choice(persons_l), limit=limit)),
                             ("analyze.timeline_entity_window", lambda: analyze.timeline(
                                 store, *month_window(), rng.choice(persons_l), limit=limit)),
                             ("analyze.entities_type", lambda: analyze.entities(
                                 store, type="PERSON", limit=limit, slim=True)),
                             ("analyze.entities", lambda: analyze.entities(store, rng.choice(surnames))),
                             ("analyze.actor", lambda: analyze.actor(store, rng.choice(persons_l))),
                             ("analyze.claims", lambda: analyze.claims(store, rng.choice(persons_l))),
                             ("analyze.search", lambda: analyze.search(store, rng.choice(terms)))):
                queries[name] = fn
        if only:
            queries = {k: v for k, v in queries.items() if any(o in k for o in only.split(","))}
        lat: dict[str, dict] = {}
        for name, fn in queries.items():
            samples, rows, failed = [], 0, None
            try:
                fn()  # warm the page cache once
                started = time.perf_counter()
                for _ in range(repeat):
                    if time.perf_counter() - started > budget and len(samples) >= 5:
                        break  # a slow query: enough samples to know
                    t = time.perf_counter()
                    out = fn()
                    samples.append((time.perf_counter() - t) * 1000)
                    rows += len(out) if hasattr(out, "__len__") else 1
            except Exception as exc:  # noqa: BLE001 - report, keep measuring the others
                failed = f"{type(exc).__name__}: {exc}"[:200]
            lat[name] = {"calls": len(samples), "p50_ms": round(_pct(samples, 0.5), 2), "p95_ms": round(_pct(samples, 0.95), 2),
                         "max_ms": round(max(samples), 2) if samples else None,
                         "mean_rows": round(rows / max(1, len(samples)), 1),
                         "ok_p95_le_50ms": bool(samples) and _pct(samples, 0.95) <= 50.0}
            if failed:
                lat[name]["error"] = failed
            say(f"  {name:32s} p50 {lat[name]['p50_ms']:8.2f} ms  p95 {lat[name]['p95_ms']:8.2f} ms"
                f"  rows {lat[name]['mean_rows']}" + (f"  ERROR {failed}" if failed else ""))
        result["latency"] = lat
        if store.dialect == "sqlite":
            result["query_plans"] = _plans(store, rng.choice(persons_l))
    if not keep:
        for p in (db, db + "-wal", db + "-shm"):
            if os.path.exists(p):
                os.remove(p)
    return result


def _plans(store, person: str) -> dict:
    """EXPLAIN QUERY PLAN of the hot queries (to spot a missing index)."""
    from dossier.store import norm_name
    sqls = {
        "timeline_window": ("SELECT t.data FROM timeline t WHERE t.date IS NOT NULL AND t.date >= ? AND t.date <= ?"
                            " ORDER BY CASE WHEN t.date IS NULL THEN 1 ELSE 0 END, t.date, t.n LIMIT 50",
                            ["2025-03-01", "2025-03-31~"]),
        "timeline_chrono_window": ("SELECT t.data FROM timeline t WHERE t.date_start IS NOT NULL"
                                   " AND t.date_start >= ? AND COALESCE(t.date_end, '9999') <= ?"
                                   " ORDER BY t.date_start, t.chrono LIMIT 50",
                                   ["2025-03-01", "2025-03-31"]),
        "timeline_entity_chrono": ("SELECT t.data FROM (SELECT te.item_id, te.chrono FROM timeline_entities te"
                                   " WHERE te.entity_id IN (?) ORDER BY te.chrono LIMIT 50) p"
                                   " JOIN timeline t ON t.id = p.item_id ORDER BY p.chrono", ["x"]),
        "entity_names": ("SELECT entity_id FROM entity_names WHERE name_norm = ?", [norm_name(person)]),
        "claims_about": ("SELECT c.data FROM claims c WHERE EXISTS (SELECT 1 FROM claim_entities ce"
                         " WHERE ce.claim_id = c.id AND ce.role = ? AND ce.entity_id IN (?)) ORDER BY c.n LIMIT 50",
                         ["about", "x"]),
    }
    out = {}
    for name, (sql, params) in sqls.items():
        try:
            rows = store.backend.query("EXPLAIN QUERY PLAN " + sql, params)
            out[name] = [r.get("detail") for r in rows]
        except Exception as exc:  # noqa: BLE001
            out[name] = [f"{type(exc).__name__}: {exc}"]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, nargs="?", default=10000, help="number of synthetic reports")
    ap.add_argument("--db", default=None, help="SQLite path or postgresql:// URL (default: a temp file)")
    ap.add_argument("--resolve", choices=["synth", "real"], default="synth")
    ap.add_argument("--repeat", type=int, default=200, help="calls per query")
    ap.add_argument("--limit", type=int, default=50, help="page size of list queries")
    ap.add_argument("--keep", action="store_true", help="keep the store file")
    ap.add_argument("--reuse", action="store_true", help="query an existing --db built by an earlier run")
    ap.add_argument("--budget", type=float, default=30.0,
                    help="seconds of sampling per query at most (at least 5 calls)")
    ap.add_argument("--only", default=None, help="comma list of query name parts to run")
    ap.add_argument("--tx-batch", type=int, default=1,
                    help="documents per transaction (1 = one per document, as `dossier ingest`)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=None, help="JSON result path (default benchmarks/results/)")
    args = ap.parse_args(argv)
    db = args.db or f"/tmp/dossier-query-bench-{args.n}.db"
    result = run(args.n, db, resolve=args.resolve, repeat=args.repeat, seed=args.seed,
                 keep=args.keep or args.reuse, limit=args.limit, tx_batch=args.tx_batch,
                 reuse=args.reuse, budget=args.budget, only=args.only)
    result["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    out = Path(args.out) if args.out else HERE / "results" / (
        f"query_bench_{args.n}{'_reuse' if args.reuse else ''}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(f"\nstore: {result['n_documents']} documents, {result['store_mb']} MB "
          f"({result['bytes_per_document']} B/doc); ingest {result.get('ingest_docs_per_s', '-')} docs/s; "
          f"resolution {result['resolve_seconds']} s")
    print(f"{'query':32s} {'p50 ms':>9s} {'p95 ms':>9s} {'max ms':>9s} {'rows':>7s}  p95<=50ms")
    for name, r in result["latency"].items():
        print(f"{name:32s} {r['p50_ms']:9.2f} {r['p95_ms']:9.2f} {r['max_ms'] or float('nan'):9.2f} "
              f"{r['mean_rows']:7.1f}  {'yes' if r['ok_p95_le_50ms'] else 'NO'}"
              + (f"  ({r['error']})" if r.get("error") else ""))
    print(f"JSON: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
