"""The full rebuild as independent blocks (``dossier resolve --rebuild --cluster``).

``rebuild_partitioned(store, run)`` is the coordinator; ``run(fn, args)`` maps a worker
function over argument tuples and yields the results in order (``serial``: in this
process; ``dossier.distributed.map_on_dask``: on a Dask cluster). Workers get plain
records and return records: only the coordinator reads and writes the store.

1. Entities: the stored extractions are streamed once; their members (one per document
   entity: names, type, roles, country) are cut into blocks by blocking key
   (``partition.entity_blocks``) and each block is resolved by a worker.
2. Timeline and claims: documents in publication order are cut into windows
   (``partition.time_windows``), each shipped with the reports of the days before it,
   the canonical ids of its entities and those entities' names; a worker resolves the
   window's items, claims and disputes.
3. Stitching: items and claims that reach across a window's edge are resolved again on
   the coordinator from their reports together (``partition.stitch_groups``).
4. The entities, items, claims and disputes replace the stored resolution in one
   transaction.

Memory on the coordinator: the members and the entity map (a few hundred bytes per
document entity), the resolved records, and the windows in flight; the extractions are
never all held at once.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from ..ids import stable_id
from ..records import CanonicalEntity, Extraction
from .entities import Member, members_of
from .partition import (entity_blocks, resolve_entity_block, resolve_window, restrict,
                        settings, settle, stitch_groups, time_windows, trim_entity)
from .timeline import timeline_sort_key

if TYPE_CHECKING:
    from ..store.store import Store

Runner = Callable[[Callable[..., Any], Iterable[tuple]], Iterator[Any]]

__all__ = ["rebuild_partitioned", "serial"]


def serial(fn: Callable[..., Any], args: Iterable[tuple]) -> Iterator[Any]:
    """Run the tasks one after the other in this process (no cluster)."""
    for a in args:
        yield fn(*a)


def rebuild_partitioned(store: Store, run: Runner | None = None, *,
                        window_reports: int | None = None, window_days: int | None = None,
                        entity_block: int | None = None, on_step=None) -> dict[str, Any]:
    """Re-resolve every stored report as independent blocks; returns counts (``mode``:
    ``cluster``) with the blocks' and windows' sizes."""
    from ..store import delta
    run = run or serial
    cfg = settings()
    size = window_reports or cfg["window_reports"]
    days = cfg["lookback_days"] if window_days is None else window_days
    say = on_step or (lambda *_: None)
    members: list[Member] = []
    copy_of: dict[str, str | None] = {}
    for ex in store.iter_extractions():  # notes what the resolution will cover
        ms, co = members_of([ex])
        members += ms
        copy_of.update(co)
    stamp = store._read_stamp
    blocks = entity_blocks(members, entity_block)
    say(f"entities: {len(members)} document entities in {len(blocks)} blocks")
    del members
    block_sizes = [len(b) for b in blocks]
    entities, mapping = _gather_entities(run, blocks, copy_of)
    say(f"entities: {len(entities)} canonical")
    rows = delta.documents_by_date(store)
    windows = time_windows(rows, size, days)
    owner = {d: k for k, (own, _) in enumerate(windows) for d in own}
    by_id = {e.id: e for e in entities}
    results: list[tuple] = []
    links: dict[str, list] = {}
    for k, res in enumerate(run(resolve_window, _window_tasks(store, windows, mapping, by_id))):
        results.append(_own(k, res, owner, links))
    say(f"timeline: {len(windows)} windows resolved")
    timeline, claims, disputes, stitched = _stitch(store, results, owner, mapping, by_id, links)
    say(f"stitched {stitched} reports across window edges")
    _write(store, stamp, entities, timeline, claims, disputes)
    return {"documents": len(copy_of), "entities": len(entities), "timeline": len(timeline),
            "claims": len(claims), "conflicts": sum(len(e.conflicts) for e in entities),
            "contradictions": sum(len(c.contradictions) for c in claims),
            "disputes": len(disputes), "mode": "cluster",
            "entity_blocks": len(block_sizes), "largest_entity_block": max(block_sizes, default=0),
            "windows": len(windows), "stitched_reports": stitched}


def _write(store: Store, stamp, entities, timeline, claims, disputes) -> None:
    """The resolution emptied, then written in one transaction (the partial write of
    ``store.delta``, which serialises large entities without deep copies)."""
    from ..store import delta
    store._read_stamp = (0, -1)  # covers nothing until the part below is written
    store.replace_resolution([], [], [])
    delta.replace_part(store, drop_entities=[], entities=entities, drop_items=[],
                       timeline=timeline, drop_claims=[], claims=claims, drop_disputes=[],
                       disputes=disputes, covers=stamp)


def _gather_entities(run: Runner, blocks: list[list[Member]], copy_of: dict[str, str | None]
                     ) -> tuple[list[CanonicalEntity], dict[tuple[str, str], str]]:
    """Resolve the blocks; an id two blocks give is made unique as the resolver does."""
    def tasks():  # a block leaves the coordinator's memory as it is handed out
        blocks.reverse()
        while blocks:
            b = blocks.pop()
            yield b, {d: copy_of.get(d) for d in {m.doc for m in b}}

    entities: list[CanonicalEntity] = []
    mapping: dict[tuple[str, str], str] = {}
    used: set[str] = set()
    for ents, pairs in run(resolve_entity_block, tasks()):
        renamed = {}
        for e in ents:
            if e.id in used:
                m = e.members[0]
                new = stable_id("ent", e.type, e.id, m["doc"], m["entity"])
                renamed[e.id] = new
                e.id = new
            used.add(e.id)
            entities.append(e)
        for d, eid, cid in pairs:
            mapping[(d, eid)] = renamed.get(cid, cid)
    entities.sort(key=lambda e: (-len(e.documents), e.name))
    return entities, mapping


def _shipped(ex: Extraction, mapping: dict[tuple[str, str], str], out: list,
             cids: set[str]) -> Extraction:
    from . import slim
    for x in ex.entities:
        c = mapping.get((ex.doc.id, x.id))
        if c is not None:
            out.append((ex.doc.id, x.id, c))
            cids.add(c)
    return slim(ex)


def _window_tasks(store: Store, windows, mapping, by_id) -> Iterator[tuple]:
    """(extractions, entity map, entities) of each window, loaded when the runner asks.
    A report is read and slimmed once: those the next window looks back on are kept."""
    from ..store import delta
    kept: dict[str, tuple[Extraction, list]] = {}
    for k, (own, back) in enumerate(windows):
        docs = set(own) | set(back)
        fresh = docs - set(kept)
        for ex in delta.load_extractions(store, fresh):
            pairs: list[tuple[str, str, str]] = []
            kept[ex.doc.id] = (_shipped(ex, mapping, pairs, set()), pairs)
        compact = [kept[d][0] for d in sorted(docs & set(kept), key=_order(own, back))]
        pairs = [p for d in docs if d in kept for p in kept[d][1]]
        cids = {c for _, _, c in pairs}
        nxt = set(windows[k + 1][1]) if k + 1 < len(windows) else set()
        kept = {d: v for d, v in kept.items() if d in nxt}
        yield compact, pairs, [trim_entity(by_id[c], docs) for c in sorted(cids) if c in by_id]


def _order(own: list[str], back: list[str]):
    rank = {d: i for i, d in enumerate([*back, *own])}
    return lambda d: rank[d]


def _unique(records: list) -> list:
    seen: set[str] = set()
    out = []
    for r in records:
        if r.id not in seen:
            seen.add(r.id)
            out.append(r)
    return out


def _own(k: int, res: tuple, owner: dict[str, int], links: dict[str, list]) -> tuple:
    """A window's result without the items and claims that hold none of its own reports
    (another window holds them); of those claims, only the contradictions are kept (the
    disputes a window found looking back)."""
    timeline, claims, disputes = res

    def mine(rec, key):
        return any(owner.get(r.get("doc")) == k for r in rec.reports if r.get(key))

    for c in claims:
        if not mine(c, "statement") and c.contradictions:
            links.setdefault(c.id, []).extend(c.contradictions)
    return ([t for t in timeline if mine(t, "event")],
            [c for c in claims if mine(c, "statement")], disputes)


def _stitch(store: Store, results: list, owner: dict[str, int], mapping, by_id,
            links: dict[str, list]):
    """The windows' records kept as they are, and those across an edge resolved again."""
    from ..store import delta
    tl = [r[0] for r in results]
    cl = [r[1] for r in results]
    alone_t, groups_t = stitch_groups(tl, owner, "event")
    alone_c, groups_c = stitch_groups(cl, owner, "statement")
    for alone, groups, recs, key in ((alone_t, groups_t, tl, "event"),
                                     (alone_c, groups_c, cl, "statement")):
        late, left = settle(groups, recs, key)
        alone += late
        groups[:] = left
    events: dict[str, set[str]] = {}
    statements: dict[str, set[str]] = {}
    for groups, recs, key, into in ((groups_t, tl, "event", events),
                                    (groups_c, cl, "statement", statements)):
        for g in groups:
            for k, j in g:
                for r in recs[k][j].reports:
                    if r.get("doc") and r.get(key):
                        into.setdefault(r["doc"], set()).add(str(r[key]))
    timeline = [tl[k][j] for k, j in alone_t]
    claims = [cl[k][j] for k, j in alone_c]
    extra_disputes: list = []
    stitched = sum(len(v) for v in events.values()) + sum(len(v) for v in statements.values())
    docs = set(events) | set(statements)
    if docs:
        pairs: list[tuple[str, str, str]] = []
        cids: set[str] = set()
        compact = [restrict(_shipped(ex, mapping, pairs, cids), events.get(ex.doc.id),
                            statements.get(ex.doc.id))
                   for ex in delta.load_extractions(store, docs)]
        t2, c2, d2 = resolve_window(compact, pairs, [trim_entity(by_id[c], docs)
                                                     for c in sorted(cids) if c in by_id])
        timeline += t2
        claims += c2
        extra_disputes = d2
    timeline = sorted(_unique(timeline), key=timeline_sort_key)
    claims = sorted(_unique(claims), key=lambda c: (c.first_reported or "9999",
                                                     c.first_document or "", c.id))
    final = {t.id for t in timeline} | {c.id for c in claims}
    kept_from: dict[int, set[str]] = {}
    for k, j in alone_t:
        kept_from.setdefault(k, set()).add(tl[k][j].id)
    for k, j in alone_c:
        kept_from.setdefault(k, set()).add(cl[k][j].id)
    disputes, seen = [], set()
    for k, r in enumerate(results):
        for d in r[2]:
            refs = set(d.items) | set(d.claims)
            if refs and refs <= final and refs & kept_from.get(k, set()) and d.id not in seen:
                seen.add(d.id)
                disputes.append(d)
    for d in extra_disputes:
        if d.id not in seen:
            seen.add(d.id)
            disputes.append(d)
    disputes = _widest(disputes)
    for window in cl:
        for c in window:
            links.setdefault(c.id, []).extend(c.contradictions)
    _relink(claims, links, {d.id for d in disputes})
    return timeline, claims, disputes, stitched


def _widest(disputes: list) -> list:
    """A dispute that one window found in part and a later one (looking back) whole: the
    part goes (same kind, its claims and items among the whole's)."""
    by_ref: dict[str, list[int]] = {}
    refs = [set(d.claims) | set(d.items) for d in disputes]
    for i, r in enumerate(refs):
        for x in r:
            by_ref.setdefault(x, []).append(i)
    out = []
    for i, d in enumerate(disputes):
        others = {j for x in refs[i] for j in by_ref[x]} - {i}
        if not any(disputes[j].kind == d.kind and refs[i] < refs[j] for j in others):
            out.append(d)
    return out


def _relink(claims: list, found: dict[str, list], disputes: set[str]) -> None:
    """A claim's contradictions and disputes as the disputes kept give them (``found``:
    claim id → the contradictions of every copy of it the windows made): a window that
    looked back on a claim may have found a dispute its own window could not see."""
    for c in claims:
        links = [x for x in c.contradictions if x.get("dispute") in disputes]
        seen = {x.get("dispute") for x in links}  # one entry per claim and dispute
        for x in found.get(c.id, []):
            if x.get("dispute") in disputes and x.get("dispute") not in seen:
                seen.add(x.get("dispute"))
                links.append(x)
        c.contradictions = links
        c.disputes = list(dict.fromkeys(x["dispute"] for x in links))
