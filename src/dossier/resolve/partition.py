"""A full rebuild cut into blocks that workers resolve independently (``--cluster``).

Two partitions, one per stage of the resolution:

- **Entities, by blocking key.** Every rule of ``entities.resolve_members`` joins members
  whose keys begin alike: a shared name key, a surname spelt two ways (same first letter),
  a surname alone and the full name that bears it, an acronym and the long name it
  abbreviates, a name typed differently (the same key). A member's *letter* is the first
  character of the key of its name's last word (a person's surname; an organisation's or
  place's last word, known short forms expanded, so that a person's name typed as an
  organisation falls with the person), an acronym's last letter (the initial of the long
  name's last word); members whose names carry two letters tie those letters together
  (``entity_blocks``). Blocks of letters are resolved apart: the result is the whole
  corpus's but for the context rules that look across letters (a surname-only mention
  attached by the other entities its reports name), and the pairwise comparisons
  (surname spellings) shrink with the block.
- **Timeline and claims, by time window.** Documents in publication order are cut into
  windows of ``window_reports`` reports (``time_windows``); a window's worker also gets
  the reports of the ``lookback_days`` before it (the widest span a resolver links
  reports across) and keeps the items that hold a report of its own window. Items that
  reach across a window's edge (a report of one window in the item of another) are tied
  (``stitch_groups``); the later window's items stand for the group when they hold all
  its reports (``settle``), else the coordinator resolves the group's reports again.

The workers' functions (``resolve_entity_block``, ``resolve_window``) take plain records
(``Member``, ``Extraction``, ``CanonicalEntity``) and return records: no store handle
crosses to a worker. Settings: ``data/resolve/cluster.json``.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any, Iterable

from ..records import CanonicalEntity, Claim, Dispute, Extraction, TimelineItem
from .common import load_data, name_key
from .disputes import build_claims_and_disputes, timeline_disputes
from .entities import Member, class_key, name_parts, resolve_members, type_class
from .timeline import build_timeline

__all__ = ["settings", "letters_of", "entity_blocks", "time_windows", "resolve_entity_block",
           "resolve_window", "trim_entity", "stitch_groups", "settle", "restrict"]


def settings() -> dict[str, Any]:
    return load_data("cluster.json")


# ---------------------------------------------------------------------------- entities

def letters_of(m: Member) -> set[str]:
    """The blocking keys of a member: for each name, the first letter of the key of its
    last word (a person's surname; an organisation's or place's last word, known short
    forms expanded), or the last letter of an acronym (the initial of the long name's
    last word)."""
    cls = type_class(m.type)
    out = set()
    for nm in m.names:
        if cls == "PERSON":
            k = name_key(name_parts(nm)[1]) or name_key(nm)
            k = k.split()[-1] if k else k
        else:
            k = class_key(cls, nm)
            # an acronym's last letter, keyed as a word's first letter is (c as k)
            k = name_key(k[-1]) if k.startswith("=") else (k.split()[-1] if k.split() else "")
        if k:
            out.add(k[0])
    return out or {""}


def entity_blocks(members: Iterable[Member], max_block: int | None = None
                  ) -> list[list[Member]]:
    """Members in blocks that no rule of the resolver joins across: the letters a member's
    names carry are tied together (union-find), each group of letters is one block. Small
    groups are packed together up to ``max_block`` members (fewer, larger tasks), largest
    first."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_member: list[tuple[Member, str]] = []
    for m in members:
        ls = sorted(letters_of(m))
        for other in ls[1:]:
            a, b = find(ls[0]), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
        by_member.append((m, ls[0]))
    groups: dict[str, list[Member]] = defaultdict(list)
    for m, letter in by_member:
        groups[find(letter)].append(m)
    cap = max_block or settings()["entity_block_members"]
    blocks: list[list[Member]] = []
    for _, ms in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        small = [b for b in blocks if len(b) + len(ms) <= cap]
        if small and len(ms) < cap:
            min(small, key=len).extend(ms)
        else:
            blocks.append(list(ms))
    return blocks


def resolve_entity_block(members: list[Member], copy_of: dict[str, str | None]
                         ) -> tuple[list[CanonicalEntity], list[tuple[str, str, str]]]:
    """Worker: the canonical entities of one block and its (doc, entity, canonical id) map."""
    entities, mapping = resolve_members(members, copy_of)
    return entities, [(d, e, c) for (d, e), c in mapping.items()]


def trim_entity(e: CanonicalEntity, docs: set[str]) -> CanonicalEntity:
    """What a window's resolvers read of an entity (name, type, country, aliases, roles
    (the claims read who holds a title or speaks for a state body) and its conflicts in
    the window's reports), without its member and document lists."""
    return dataclasses.replace(e, documents=[], members=[],
                               conflicts=[c for c in e.conflicts if c.get("doc") in docs])


# ---------------------------------------------------------------------------- time windows

def time_windows(rows: list[dict], size: int, days: int) -> list[tuple[list[str], list[str]]]:
    """Documents ({doc_id, published}, oldest first, undated last) in windows of ``size``
    reports: (the window's own reports, the reports published within ``days`` before its
    first). Undated reports belong to the last window."""
    import datetime as dt
    dated = [(r["doc_id"], _day(r["published"])) for r in rows]
    undated = [d for d, day in dated if day is None]
    dated = [(d, day) for d, day in dated if day is not None]
    out: list[tuple[list[str], list[str]]] = []
    lo = 0  # the first dated report inside the look-back of the current window
    for i in range(0, len(dated), size):
        start = dated[i][1] - dt.timedelta(days=days)
        while dated[lo][1] < start:
            lo += 1
        out.append(([d for d, _ in dated[i:i + size]], [d for d, _ in dated[lo:i]]))
    if undated:
        if out:
            out[-1][0].extend(undated)
        else:
            out.append((undated, []))
    return out


def _day(published: str | None):
    import datetime as dt
    try:
        return dt.date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


def resolve_window(extractions: list[Extraction], mapping: list[tuple[str, str, str]],
                   entities: list[CanonicalEntity]
                   ) -> tuple[list[TimelineItem], list[Claim], list[Dispute]]:
    """Worker: the timeline items, claims and disputes of one window's reports."""
    emap = {(d, e): c for d, e, c in mapping}
    names = {e.id: e.name for e in entities}
    claims, disputes = build_claims_and_disputes(extractions, emap, names=names,
                                                 entities=entities)
    timeline = build_timeline(extractions, emap, claims=claims, entities=entities)
    return timeline, claims, disputes + timeline_disputes(timeline, claims)


# ---------------------------------------------------------------------------- stitching

def _report_keys(record, key: str) -> list[tuple[str, str]]:
    return [(r["doc"], str(r[key])) for r in record.reports if r.get("doc") and r.get(key)]


def stitch_groups(windows: list[list], owner: dict[str, int], key: str
                  ) -> tuple[list[tuple[int, int]], list[list[tuple[int, int]]]]:
    """Items (or claims) of the windows, ``windows[k]`` the records of window ``k``, each
    with ``reports`` ({"doc", key}); ``owner``: document → its window. A record that holds
    none of its window's own reports is left to the others. A record holding a report of
    another window is tied to the record that window put that report in: tied records
    are one group. Returns (records kept as they are, groups to resolve again), as
    (window, index) pairs."""
    auth: dict[tuple[str, str], tuple[int, int]] = {}
    for k, records in enumerate(windows):
        for j, rec in enumerate(records):
            for rk in _report_keys(rec, key):
                if owner.get(rk[0]) == k:
                    auth[rk] = (k, j)
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    kept: list[tuple[int, int]] = []
    for k, records in enumerate(windows):
        for j, rec in enumerate(records):
            keys = _report_keys(rec, key)
            if not any(owner.get(d) == k for d, _ in keys):
                continue
            kept.append((k, j))
            find((k, j))
            for rk in keys:
                a = auth.get(rk)
                if a is not None and a != (k, j):
                    ra, rb = find(a), find((k, j))
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    groups: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for x in kept:
        groups[find(x)].append(x)
    alone = [g[0] for g in groups.values() if len(g) == 1]
    return alone, [g for g in groups.values() if len(g) > 1]


def settle(groups: list[list[tuple[int, int]]], windows: list[list], key: str
           ) -> tuple[list[tuple[int, int]], list[list[tuple[int, int]]]]:
    """Groups whose every report the latest of their windows holds (it looked back on the
    others' reports and resolved them together, as the whole would): that window's records
    stand for the group. Returns (records kept, groups left to resolve again)."""
    kept: list[tuple[int, int]] = []
    left: list[list[tuple[int, int]]] = []
    for g in groups:
        last = max(k for k, _ in g)
        late = [x for x in g if x[0] == last]
        seen = {rk for k, j in late for rk in _report_keys(windows[k][j], key)}
        if all(rk in seen for k, j in g if k != last
               for rk in _report_keys(windows[k][j], key)):
            kept += late
        else:
            left.append(g)
    return kept, left


def restrict(ex: Extraction, events: set[str] | None, statements: set[str] | None
             ) -> Extraction:
    """A slim extraction with only the given events and statements (denials included)."""
    ev = set(events or ())
    st = set(statements or ())
    meta = dict(ex.doc.meta or {})
    meta["denials"] = [d for d in meta.get("denials") or [] if str(d.get("id")) in st]
    doc = dataclasses.replace(ex.doc, meta=meta)
    return Extraction(doc=doc, entities=ex.entities,
                      events=[v for v in ex.events if str(v.id) in ev],
                      statements=[s for s in ex.statements if str(s.id) in st])
