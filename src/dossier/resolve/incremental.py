"""Incremental resolution (issue #12): new reports resolved against what is stored.

``update(store)`` finds the extractions written since the resolution was built (their
``rev``), and re-resolves only their neighbourhood, the *block* they touch:

- the stored reports published within ``window_days`` of them (the date index); in a
  busy window (``connect``), only those that name a stored entity the new reports name
  (``entity_names``, ``entity_documents``), an entity most of the window names (a
  country, a leader) connecting only reports within ``hub_days``;
- every report of a timeline item, claim or dispute one of those reports belongs to (the
  key tables ``timeline_documents``, ``claim_documents``, ``dispute_links``), with its
  document, and so on while the block holds at most ``closure_max`` documents; past
  that, only the touched items' own reports in further documents (``_closure``);
- the canonical entities of the block's reports, or whose names they bear. An entity
  that also has members outside the block takes part as one *seed* member (its name,
  aliases, type and country), so that the block's mentions join it as the full resolver
  would join them to its members; it keeps its id, name and members outside the block,
  and one that a block merges into another keeps the id of the larger.

The block's extractions go through the same resolvers as a full rebuild (``resolve_members``,
``build_claims_and_disputes``, ``build_timeline``); its items replace the items they
touched in one transaction (``dossier.store.delta.replace_part``). When the new reports
are most of the store (``full_fraction``), one has no publication date to window by, or
the stored resolution predates the key tables, the full rebuild runs instead.

``rebuild_in_blocks`` is the full rebuild in bounded memory: the documents fed in
publication order, ``rebuild_chunk`` at a time, each chunk resolved as above.
Settings: ``data/resolve/incremental.json``.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..ids import stable_id
from ..names import normalize
from ..records import CanonicalEntity, Extraction
from .common import load_data
from .disputes import build_claims_and_disputes, timeline_disputes
from .entities import Member, members_of, resolve_members
from .timeline import build_timeline

if TYPE_CHECKING:
    from ..store.store import Store

SEED = "\x00seed:"  # the document id of an entity's seed member


def settings() -> dict[str, Any]:
    return load_data("incremental.json")


def update(store: Store, *, full_fraction: float | None = None,
           window_days: int | None = None, connect: dict | None = None) -> dict[str, Any]:
    """Resolve what was stored since the resolution was built; returns counts (with
    ``mode``: ``incremental``, ``full`` or ``none``)."""
    from ..store import delta
    from . import rebuild
    cfg = settings()
    frac = cfg["full_fraction"] if full_fraction is None else full_fraction
    if not hasattr(store, "backend") or not delta.keys_ready(store):
        return {**rebuild(store), "mode": "full"}
    new = delta.new_documents(store)
    if not new:
        return {"documents": 0, "mode": "none", **_totals(store)}
    total = delta.count_extractions(store)
    if len(new) >= frac * total:
        return {**rebuild(store), "mode": "full"}
    out = resolve_documents(store, new, window_days=window_days, limit=frac * total,
                            connect=connect)
    if out is None:  # undated, or a block that is most of the store
        store._read_stamp = None
        return {**rebuild(store), "mode": "full"}
    return out


def resolve_documents(store, new: list[dict], *, window_days: int | None = None,
                      limit: float | None = None, ahead: bool = True,
                      connect: dict | None = None, covers=None) -> dict[str, Any] | None:
    """Re-resolve the block of the documents ``new`` ({doc_id, published}) and swap its
    items in; None (nothing written) when one has no date or the block reaches ``limit``
    documents. ``ahead``: the window reaches after the latest too (not needed when the
    later documents are resolved afterwards, as a rebuild in blocks does). ``connect``
    (default: settings): in a window of more than ``min_window`` reports, only those that
    share a stored entity with the new ones join the block (``_connected``); ``{}``: the
    whole window."""
    from ..store import delta
    from . import slim
    days = settings()["window_days"] if window_days is None else window_days
    found = [_day(r["published"]) for r in new]
    dates = [d for d in found if d is not None]
    if len(dates) < len(found):
        return None
    lo = (min(dates) - dt.timedelta(days=days)).isoformat()
    end = (max(dates) + dt.timedelta(days=(days if ahead else 0) + 1)).isoformat()
    new_ids = {r["doc_id"] for r in new}
    window = set(delta.window_documents(store, lo, end))
    narrow = settings()["connect"] if connect is None else connect
    if narrow and len(window) > narrow["min_window"]:
        docs = new_ids | _connected(store, new_ids, len(window), lo, end, dates, narrow)
    else:
        docs = window | new_ids
    if limit is not None and len(docs) >= limit:
        return None
    sizes = {"window": len(window), "connected": len(docs)}
    items, claims, disputes, events, statements, reach = _closure(store, docs, limit)
    sizes.update(closed=len(docs), partial=len(reach))
    compact = []
    for ex in delta.load_extractions(store, docs | reach):
        if ex.doc.id not in docs:
            ex.events = [v for v in ex.events if v.id in events.get(ex.doc.id, ())]
            ex.statements = [x for x in ex.statements
                             if x.id in statements.get(ex.doc.id, ())]
        compact.append(slim(ex))
    out = resolve_block(store, compact, docs | reach)
    delta.replace_part(store, drop_items=items, drop_claims=claims, drop_disputes=disputes,
                       covers=covers, **out)
    return {"documents": len(new), "block": len(compact), "mode": "incremental", "sizes": sizes,
            **_totals(store),
            "written": {k: len(out[k]) for k in ("entities", "timeline", "claims", "disputes")}}


def _closure(store, docs: set[str], limit: float | None):
    """What the block's reports belong to is re-resolved with them: the items, claims and
    disputes they are in (and the disputes' claims and items), whose documents join the
    block, and so on while the block stays under ``closure_max`` documents. Past that,
    only the reports of those items in further documents come along (their other
    reports stay where they are). Grows ``docs``; returns (item ids, claim ids, dispute
    ids, doc → event ids, doc → statement ids, the further documents)."""
    from ..store import delta
    cap = settings()["closure_max"]
    items: set[str] = set()
    claims: set[str] = set()
    disputes: set[str] = set()
    events: dict[str, set[str]] = {}
    statements: dict[str, set[str]] = {}
    reach: set[str] = set()
    frontier = set(docs)
    while frontier:
        i, c, d = delta.items_of(store, frontier)
        di, dc, dd = delta.dispute_refs(store, d - disputes)
        i, c = (i | di) - items, (c | dc) - claims
        items |= i
        claims |= c
        disputes |= d
        ev, st, more = delta.reports_of(store, i, c)
        for into, part in ((events, ev), (statements, st)):
            for doc, ids in part.items():
                into.setdefault(doc, set()).update(ids)
        reach |= more | dd
        frontier = reach - docs
        if len(docs) + len(frontier) > cap or (limit is not None
                                                and len(docs) + len(frontier) >= limit):
            break
        docs |= frontier
    return items, claims, disputes, events, statements, reach - docs


def _totals(store) -> dict[str, int]:
    """The store's entities, timeline items and claims after a partial update."""
    counts = store.counts()
    return {k: counts[k] for k in ("entities", "timeline", "claims")}


def _connected(store, new_ids: set[str], n_window: int, lo: str, end: str, dates: list,
               cfg: dict) -> set[str]:
    """The window's reports that name a stored entity the new reports name (the name keys
    of ``entity_names``). An entity that more than ``hub_share`` of the window names (a
    country, a leader) connects only reports within ``hub_days`` of the new ones."""
    from ..store import delta
    hub = cfg["hub_share"] * n_window
    near_lo = (min(dates) - dt.timedelta(days=cfg["hub_days"])).isoformat()
    near_end = (max(dates) + dt.timedelta(days=cfg["hub_days"] + 1)).isoformat()
    out: set[str] = set()
    for rows in delta.named_in_window(store, delta.names_in(store, new_ids), lo, end).values():
        docs = dict(rows)
        if len(docs) > hub:
            docs = {d: p for d, p in docs.items() if near_lo <= (p or "") < near_end}
        out.update(docs)
    return out


def rebuild_in_blocks(store, *, chunk: int | None = None, window_days: int | None = None,
                      connect: dict | None = None, on_block=None) -> dict[str, Any]:
    """A full rebuild in bounded memory: the resolution emptied, then the documents fed in
    publication order, ``chunk`` at a time, each chunk resolved as an ingest resolves its
    new reports (its block only). Memory holds one block, not the store. Documents
    without a publication date leave it to the in-memory rebuild."""
    from ..store import delta
    from . import rebuild
    rows = delta.documents_by_date(store)
    if not rows or any(_day(r["published"]) is None for r in rows):
        return {**rebuild(store), "mode": "full"}
    chunk = chunk or settings()["rebuild_chunk"]
    stamp = store._stamp()
    store.replace_resolution([], [], [])
    delta.mark_stale(store)  # until the last block: a rebuild stopped midway is redone
    blocks = 0
    for i in range(0, len(rows), chunk):
        last = i + chunk >= len(rows)
        out = resolve_documents(store, rows[i:i + chunk], window_days=window_days,
                                ahead=False, connect=connect,
                                covers=stamp if last else (0, -1))
        blocks += 1
        if on_block is not None:
            on_block(out)
    return {"documents": len(rows), **_totals(store), "blocks": blocks, "mode": "blocks"}


def _day(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


def resolve_block(store, compact: list[Extraction], docs: set[str]) -> dict[str, Any]:
    """The block's entities (merged into the stored ones), timeline, claims and disputes."""
    from ..store import delta
    members, copy_of = members_of(compact)
    stored = delta.entities_of(store, docs=docs, names={n for m in members for n in m.names})
    entities, mapping, drop = entities_of_block(
        members, copy_of, stored, docs,
        taken=lambda ids: delta.existing_ids(store, "entities", ids) - {e.id for e in stored})
    names = {e.id: e.name for e in entities}
    claims, disputes = build_claims_and_disputes(compact, mapping, names=names, entities=entities)
    timeline = build_timeline(compact, mapping, claims=claims, entities=entities)
    return {"drop_entities": drop, "entities": entities, "timeline": timeline, "claims": claims,
            "disputes": disputes + timeline_disputes(timeline, claims)}


def seed_of(e: CanonicalEntity) -> Member:
    """A stored entity as one member: what its members outside the block contribute."""
    names = [n for n in dict.fromkeys([e.name, *e.aliases]) if n and normalize(n)]
    return Member(SEED + e.id, e.id, e.type, e.name, names or [e.name], [], e.country,
                  None, None, e.lat, e.lon)


def entities_of_block(members: list[Member], copy_of: dict, stored: list[CanonicalEntity],
                      docs: set[str], taken=lambda ids: set()):
    """(entities to write, (doc, entity) → canonical id for the block's members, ids of
    stored entities to drop). Stored entities with members outside the block are seeds;
    ``taken(ids)``: which of ``ids`` entities outside the block hold."""
    by_id = {e.id: e for e in stored}
    outside = {e.id: [m for m in e.members if m["doc"] not in docs] for e in stored}
    seeds = [seed_of(e) for e in stored if outside[e.id]]
    copy_of = {**copy_of, **{s.doc: None for s in seeds}}
    resolved, mapping = resolve_members(members + seeds, copy_of)
    out: list[CanonicalEntity] = []
    remap: dict[str, str] = {}
    kept: set[str] = set()
    merged: set[str] = set()
    fresh: list[tuple[str, CanonicalEntity]] = []
    for r in resolved:
        seeded = sorted((m["entity"] for m in r.members if m["doc"].startswith(SEED)),
                        key=lambda i: (-len(by_id[i].documents), i))
        real = _strip(r)
        if not real.members:
            continue  # a seed that nothing in the block joined: left as it is
        if seeded:
            real = _combine([by_id[i] for i in seeded], outside, real)
            kept.add(seeded[0])
            merged.update(seeded[1:])  # the block joins them: the larger keeps its id
            remap[r.id] = real.id
        else:
            fresh.append((r.id, real))
        out.append(real)
    # stored entities the block took members from and that no group kept
    for e in stored:
        if e.id in kept or e.id in merged:
            continue
        if any(m["doc"] in docs for m in e.members) and outside[e.id]:
            out.append(_combine([e], outside, None))
            kept.add(e.id)
    # dropped: those merged into another and those whose members were all in the block
    # and that no group kept; a seed that joined nothing stays as it is
    drop = merged | {e.id for e in stored if not outside[e.id] and e.id not in kept}
    # a new group's id that an entity kept, left as it is or outside the block holds
    used = {e.id for e in stored if e.id not in drop} | taken([real.id for _, real in fresh])
    for rid, real in fresh:
        if real.id in used:
            m = real.members[0]
            real.id = stable_id("ent", real.type, real.id, m["doc"], m["entity"])
        used.add(real.id)
        remap[rid] = real.id
    mapping = {k: remap.get(v, v) for k, v in mapping.items() if not k[0].startswith(SEED)}
    return out, mapping, drop


def _strip(r: CanonicalEntity) -> CanonicalEntity:
    """A resolved group without its seed members."""
    return CanonicalEntity(
        id=r.id, name=r.name, type=r.type, aliases=list(r.aliases), country=r.country,
        documents=[d for d in r.documents if not d.startswith(SEED)],
        roles=[x for x in r.roles if not str(x.get("doc", "")).startswith(SEED)],
        conflicts=[x for x in r.conflicts if not str(x.get("doc", "")).startswith(SEED)],
        members=[m for m in r.members if not m["doc"].startswith(SEED)], lat=r.lat, lon=r.lon)


def _combine(stored: list[CanonicalEntity], outside: dict, block: CanonicalEntity | None
             ) -> CanonicalEntity:
    """The first stored entity with its (and the others') members outside the block and
    the block's members of the group."""
    keep = stored[0]
    inside = {m["doc"] for e in stored for m in e.members} - {
        m["doc"] for e in stored for m in outside[e.id]}
    members = [m for e in stored for m in outside[e.id]] + (block.members if block else [])
    roles = [x for e in stored for x in e.roles if x.get("doc") not in inside]
    conflicts = [x for e in stored for x in e.conflicts if x.get("doc") not in inside]
    aliases = [keep.name, *keep.aliases]
    for e in stored[1:]:
        aliases += [e.name, *e.aliases]
    if block:
        roles += block.roles
        conflicts += block.conflicts
        aliases += block.aliases
    seen: set[str] = set()
    uniq = []
    for a in aliases:
        k = normalize(a)
        if k and k not in seen:
            seen.add(k)
            uniq.append(a)
    roles.sort(key=lambda x: (x.get("date") or "", x.get("doc") or ""))
    return CanonicalEntity(
        id=keep.id, name=keep.name, type=keep.type, aliases=uniq,
        country=keep.country or (block.country if block else None),
        documents=sorted({m["doc"] for m in members}), roles=roles,
        conflicts=list({(c.get("name"), c.get("doc"), c.get("reason")): c
                        for c in conflicts}.values()),
        members=list({(m["doc"], m["entity"]): m for m in members}.values()),
        lat=keep.lat if keep.lat is not None else (block.lat if block else None),
        lon=keep.lon if keep.lon is not None else (block.lon if block else None))
