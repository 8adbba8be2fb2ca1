"""Exports of the whole store: JSON Lines (everything), a PLOVER-style events CSV, and the
actor network as GraphML (co-participation in timeline events, weighted edges).

The events CSV has one row per timeline item ("wide" layout). Cells that hold several
values join them with ``"; "``: ``actor`` lists every participant that acts (in any
report), ``target`` every other participant acted on or met (never one already among the
actors), ``actor_country`` and ``target_country`` give their countries in the same order
(empty where unknown), and ``participants`` lists everyone, actors first."""
from __future__ import annotations

import csv
import json
from collections import Counter
from itertools import combinations
from typing import IO, TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    from ..store.protocol import StoreProtocol

EVENT_COLUMNS = ["event_id", "date", "event_type", "mode", "status", "actor", "actor_country",
                 "target", "target_country", "location", "lat", "lon", "sources",
                 "independent_reports", "summary", "participants"]
SEP = "; "


def _line(fp: IO[str], obj) -> None:
    fp.write(json.dumps(obj, ensure_ascii=False) + "\n")


def export_jsonl(store: StoreProtocol, fp: IO[str]) -> int:
    """Every document's extraction, then entities, timeline items and claims; one JSON per line."""
    n = 0
    for ex in store.iter_extractions():
        _line(fp, {"kind": "extraction", **ex.to_json()})
        n += 1
    for e in store.list_entities():
        _line(fp, {"kind": "entity", **e.to_json()})
        n += 1
    for t in store.list_timeline():
        _line(fp, {"kind": "timeline", **t.to_json()})
        n += 1
    for c in store.list_claims():
        _line(fp, {"kind": "claim", **c.to_json()})
        n += 1
    return n


def _majority(reports, key):
    c = Counter(x for r in reports for x in (r.get(key) or [])) if key != "location" else \
        Counter(r.get("location") for r in reports if r.get("location"))
    return c.most_common(1)[0][0] if c else None


def _roles(t) -> tuple[list[str], list[str]]:
    """Every acting participant and every other one acted on (canonical ids), most
    reported first; without per-report roles, the first participant acts."""
    acts = Counter(x for r in t.reports for x in (r.get("actors") or []))
    on = Counter(x for r in t.reports for x in (r.get("targets") or []))
    actors = [x for x, _ in acts.most_common()]
    targets = [x for x, _ in on.most_common() if x not in acts]
    if not actors and t.participant_ids:
        actors = [t.participant_ids[0]]
    rest = [p for p in t.participant_ids if p not in actors and p not in targets]
    return actors, targets + rest


def export_events_csv(store: StoreProtocol, fp: IO[str]) -> int:
    """One row per timeline item: PLOVER-style columns (EVENT_COLUMNS), every participant
    (see the module's note on the layout)."""
    cache: dict[str, object] = {}

    def ent(eid):
        if eid and eid not in cache:
            cache[eid] = store.get_entity(eid)
        return cache.get(eid) if eid else None

    w = csv.DictWriter(fp, fieldnames=EVENT_COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for t in store.list_timeline():
        names = dict(zip(t.participant_ids, t.participants))
        actors, targets = _roles(t)

        def name(eid):
            e = ent(eid)
            return e.name if e else names.get(eid, eid)

        def country(eid):
            e = ent(eid)
            return (e.country or "") if e else ""
        loc = ent(_majority(t.reports, "location"))
        w.writerow({
            "event_id": t.id, "date": t.date or "", "event_type": t.type, "mode": t.mode or "",
            "status": t.status, "actor": SEP.join(name(a) for a in actors),
            "actor_country": SEP.join(country(a) for a in actors),
            "target": SEP.join(name(a) for a in targets),
            "target_country": SEP.join(country(a) for a in targets),
            "location": t.location or "", "lat": loc.lat if loc and loc.lat is not None else "",
            "lon": loc.lon if loc and loc.lon is not None else "",
            "sources": ";".join(t.documents), "independent_reports": t.independent_reports,
            "summary": t.summary,
            "participants": SEP.join(name(a) for a in actors + targets)})
        n += 1
    return n


def export_graphml(store: StoreProtocol, fp: IO[str]) -> int:
    """The actor network: entities as nodes, co-participation in events as weighted edges."""
    weights: Counter = Counter()
    names: dict[str, str] = {}
    for t in store.list_timeline():
        ids = list(dict.fromkeys(t.participant_ids))
        for pid, pname in zip(t.participant_ids, t.participants):
            names[pid] = pname
        for a, b in combinations(sorted(ids), 2):
            weights[(a, b)] += 1
    nodes = {}
    for pid in names:
        e = store.get_entity(pid)
        nodes[pid] = e
    fp.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    fp.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
             'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
             'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    for key, target, name, typ in (("d0", "node", "name", "string"), ("d1", "node", "type", "string"),
                                   ("d2", "node", "country", "string"),
                                   ("d3", "node", "documents", "int"),
                                   ("d4", "edge", "weight", "double")):
        fp.write(f'  <key id="{key}" for="{target}" attr.name="{name}" attr.type="{typ}"/>\n')
    fp.write('  <graph id="actors" edgedefault="undirected">\n')
    for pid in sorted(nodes):
        e = nodes[pid]
        fp.write(f"    <node id={quoteattr(pid)}>\n")
        fp.write(f'      <data key="d0">{escape(e.name if e else names[pid])}</data>\n')
        if e:
            fp.write(f'      <data key="d1">{escape(e.type)}</data>\n')
            if e.country:
                fp.write(f'      <data key="d2">{escape(e.country)}</data>\n')
            fp.write(f'      <data key="d3">{len(e.documents)}</data>\n')
        fp.write("    </node>\n")
    for i, ((a, b), wgt) in enumerate(sorted(weights.items())):
        fp.write(f'    <edge id="e{i}" source={quoteattr(a)} target={quoteattr(b)}>\n')
        fp.write(f'      <data key="d4">{float(wgt)}</data>\n')
        fp.write("    </edge>\n")
    fp.write("  </graph>\n</graphml>\n")
    return len(nodes)
