"""The analyst's workspace over the store, shared by the JSON API and the pages: one set of
filters (dates, outlet, event type, status, country, actor, contested) and what it selects
(timeline items, claims, entities, documents), claims grouped by dispute with both sides of
each disagreement, the actor network with the events behind each link, and CSV rows of
what a page shows. Plain functions over the store and ``dossier.query``; no HTTP.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from dossier import analyze
from dossier.query import (ALL, DocumentIndex, check_date, document_index, entity_list,
                           paginate, timeline_page)
from dossier.errors import DossierError, E

# ------------------------------------------------------------------ filters

STATUSES = ("occurred", "planned", "hypothetical", "negated")
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
               "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
               "COERCE", "ASSAULT")
FILTER_KEYS = ("from", "to", "outlet", "type", "status", "country", "actor", "contested")


@dataclass
class Filters:
    """The filters every listing page and ``/api`` list shares (one set of URL parameters).

    ``notice``: what was corrected (a reversed date range is swapped on the pages)."""

    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    type: str | None = None
    status: str | None = None
    country: str | None = None
    actor: str | None = None
    contested: bool = False
    notice: str | None = None

    def params(self, **extra: Any) -> dict[str, str]:
        """The non-empty filters as URL parameters (``extra`` added, None dropped)."""
        out = {"from": self.date_from, "to": self.date_to, "outlet": self.outlet,
               "type": self.type, "status": self.status, "country": self.country,
               "actor": self.actor, "contested": "true" if self.contested else None}
        out.update(extra)
        return {k: str(v) for k, v in out.items() if v not in (None, "", False)}

    def query(self, **extra: Any) -> str:
        """``params`` as a URL query string (without ``?``)."""
        return urlencode(self.params(**extra))

    @property
    def active(self) -> bool:
        return bool(self.params())


def parse_filters(date_from: str | None = None, date_to: str | None = None,
                  outlet: str | None = None, type: str | None = None,  # noqa: A002
                  status: str | None = None, country: str | None = None,
                  actor: str | None = None, contested: bool = False,
                  swap: bool = True) -> Filters:
    """Validated filters. A bad date is E302; a ``from`` after ``to`` is swapped (with a
    ``notice``) when ``swap``, else E302 saying so."""
    date_from, date_to = check_date(date_from), check_date(date_to)
    notice = None
    if date_from and date_to and date_from[:len(date_to)] > date_to:
        if not swap:
            raise DossierError(E.E302, detail=f"from {date_from} is after to {date_to}: "
                                              "swap them")
        notice = f"The range was reversed (from {date_from} to {date_to}): showing " \
                 f"{date_to} to {date_from}."
        date_from, date_to = date_to, date_from
    status = (status or "").strip().lower() or None
    if status and status not in STATUSES:
        raise DossierError(E.E302, detail=f"status {status!r} (use one of {', '.join(STATUSES)})")
    return Filters(date_from=date_from, date_to=date_to,
                   outlet=(outlet or "").strip() or None,
                   type=(type or "").strip().upper() or None, status=status,
                   country=(country or "").strip().upper() or None,
                   actor=(actor or "").strip() or None, contested=bool(contested),
                   notice=notice)


def entity_countries(store) -> dict[str, str]:
    """canonical entity id -> its ISO alpha-3 country (entities that have one)."""
    return {e.id: e.country for e in store.list_entities(limit=None, slim=True) if e.country}


def _is_contested(claim) -> bool:
    return bool(claim.contradictions or getattr(claim, "dispute", None))


def contested_claim_ids(store, items: list | None = None) -> set[str]:
    """Ids of the claims another report contradicts: all of them, or (``items``) those
    among the statements of these timeline items (read one by one: a bounded cost)."""
    if items is None:
        return {c.id for c in store.list_claims(limit=None) if _is_contested(c)}
    ids = {s for it in items for s in it.statements or []}
    return {c.id for c in claims_by_ids(store, ids) if _is_contested(c)}


def claims_by_ids(store, ids) -> list:
    """The claims of these ids (statement ids that are not claims are skipped)."""
    found = (store.get_claim(i) for i in sorted(ids) if str(i).startswith("clm_"))
    return [c for c in found if c is not None]


def item_outlets(item) -> list[str]:
    """The outlets reporting a timeline item, most reports first."""
    c = Counter(r.get("source") for r in item.reports or [] if r.get("source"))
    return [name for name, _ in c.most_common()]


def item_contested(item, contested_claims: set[str]) -> bool:
    return bool(getattr(item, "contradictions", None) or getattr(item, "dispute", None)
                or any(s in contested_claims for s in item.statements or []))


def item_place_ids(item) -> list[str]:
    return list(dict.fromkeys(r["location"] for r in item.reports or [] if r.get("location")))


class ItemFilter:
    """Tests timeline items against ``Filters`` (outlet, type, status, country, contested;
    dates and the actor are filtered by the store query). Reads what it needs once."""

    def __init__(self, store, f: Filters):
        self.f = f
        self.countries = entity_countries(store) if f.country else {}
        self.contested = contested_claim_ids(store) if f.contested else set()

    def __call__(self, item) -> bool:
        f = self.f
        if f.type and item.type != f.type:
            return False
        if f.status and item.status != f.status:
            return False
        if f.outlet and f.outlet.casefold() not in {o.casefold() for o in item_outlets(item)}:
            return False
        if f.country:
            ids = list(item.participant_ids or []) + item_place_ids(item)
            if f.country not in {self.countries.get(i) for i in ids}:
                return False
        return not f.contested or item_contested(item, self.contested)


def actor_id(store, actor: str | None) -> str | None:
    """The canonical id of an actor filter (id or any name); E203 when none matches."""
    return analyze.entity(store, actor)["id"] if actor else None


def item_anchor(item) -> str | None:
    """The day a timeline item belongs at (ISO): the first day of its date (day, week,
    month, year); for an undated item or an unknown year, its first report's publication."""
    from dossier.dates import period_start
    value = item.date or ""
    if re.fullmatch(r"\d{4}-\d{2}-XX", value):
        value = value[:7]
    start = period_start(value) if value else None
    if start:
        return start
    days = sorted(str(r["published"])[:10] for r in item.reports or [] if r.get("published"))
    return days[0] if days else None


def _timeline_pages(store, size: int = 2000, **kw):
    """Timeline records in chronological order, read a page at a time."""
    offset = 0
    while True:
        page = store.list_timeline(order="chrono", limit=size, offset=offset, **kw)
        yield from page
        if len(page) < size:
            return
        offset += size


def filtered_items(store, f: Filters, limit: int | None = None,
                   by_anchor: bool = False) -> list:
    """Timeline records matching every filter, in chronological order. Dates as periods:
    an item is in the range when its whole period lies within it; ``by_anchor``: when its
    ``item_anchor`` day does (undated items then count at their first report's date).
    Reads the store a page at a time and stops once ``limit`` items matched."""
    from dossier.dates import period_end, period_start
    ref = actor_id(store, f.actor)
    lo = period_start(f.date_from) if f.date_from else None
    hi = period_end(f.date_to) if f.date_to else None
    if by_anchor:
        items = _timeline_pages(store, entity=ref)
    else:
        items = _timeline_pages(store, entity=ref, start_from=lo, end_to=hi)
    keep = ItemFilter(store, f)
    out = []
    for t in items:
        if by_anchor and (lo or hi):
            a = item_anchor(t)
            if not a or (lo and a < lo) or (hi and a > hi):
                continue
        if keep(t):
            out.append(t)
            if limit is not None and len(out) >= limit:
                break
    return out


def filtered_timeline_page(store, f: Filters, limit: int, offset: int) -> dict:
    """``timeline_page`` with every filter (the contract's JSON rows)."""
    if not (f.outlet or f.type or f.status or f.country or f.contested):
        return timeline_page(store, f.date_from, f.date_to, f.actor, limit, offset)
    rows = [analyze.timeline_dict(t) for t in filtered_items(store, f)]
    return paginate(rows, limit, offset)


def _in_range(day: str | None, f: Filters) -> bool:
    """Does an ISO date (prefix) fall within the filters' from/to (as periods)?"""
    if not (f.date_from or f.date_to):
        return True
    if not day:
        return False
    return (not f.date_from or day[:len(f.date_from)] >= f.date_from) and \
        (not f.date_to or day[:len(f.date_to)] <= f.date_to)


def filtered_claims(store, f: Filters) -> list:
    """Claim records matching the filters: first reported within the dates, carried by
    the outlet, about the actor (or said by it), with a contradiction, with a speaker or
    subject from the country."""
    ref = actor_id(store, f.actor)
    claims = list(store.list_claims(limit=None, offset=0))
    if ref:
        ids = {c.id for c in store.list_claims(about=ref, limit=None)} | \
              {c.id for c in store.list_claims(speaker=ref, limit=None)}
        claims = [c for c in claims if c.id in ids]
    countries = entity_countries(store) if f.country else {}
    out = []
    for c in claims:
        if f.contested and not (c.contradictions or getattr(c, "dispute", None)):
            continue
        if f.outlet and f.outlet.casefold() not in {o.casefold() for o in c.outlets or []}:
            continue
        if not _in_range(c.first_reported, f):
            continue
        if f.country and countries.get(c.speaker_id) != f.country:
            continue
        out.append(c)
    return out


def disputes(claims: list, lookup=None) -> list[list]:
    """Claims grouped by dispute: each group is claims linked by contradictions (or
    sharing a ``dispute`` id when the resolution gives one), in the order of their first
    member; an uncontested claim is a group of one. ``lookup(id)``: a claim outside
    ``claims`` (the other side of a contradiction), or None."""
    by_id = {c.id: c for c in claims}
    parent: dict[str, str] = {c.id: c.id for c in claims}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    tags: dict[str, str] = {}
    for c in claims:
        tag = getattr(c, "dispute", None)
        if isinstance(tag, str) and tag:
            union(tags.setdefault(tag, c.id), c.id)
        for x in c.contradictions or []:
            other = x.get("claim")
            if not other:
                continue
            if other not in by_id and lookup is not None:
                found = lookup(other)
                if found is not None:
                    by_id[other] = found
            if other in by_id:
                union(c.id, other)
    groups: dict[str, list] = {}
    for c in claims:
        groups.setdefault(find(c.id), []).append(c)
    for root, members in groups.items():  # the other sides outside the filtered list
        have = {m.id for m in members}
        members += [by_id[i] for i in parent if i not in have and i in by_id
                    and find(i) == root]
    return list(groups.values())


def _side(claim, evidence: list[dict], docs: DocumentIndex) -> list[dict]:
    """One side of a contradiction: the evidence from the claim's own reports, else the
    claim's reports (outlet and content)."""
    mine = set(claim.documents or []) if claim is not None else set()
    out = [e for e in evidence if e["doc"] in mine]
    if not out and claim is not None:
        out = [{"doc": r.get("doc"), "text": r.get("content") or claim.content,
                "source": r.get("source") or docs.get(r.get("doc"), {}).get("source")}
               for r in claim.reports or []][:3]
    return out


def _value_key(value: Any) -> str:
    """What a disputed value says, spelled any way: its digits (``27 points``,
    ``27-point``), else its words in lower case."""
    text = str(value or "")
    digits = re.sub(r"\D", "", text)
    return digits or " ".join(re.findall(r"\w+", text.casefold()))


def _split_sides(c, other, evidence: list[dict], docs: DocumentIndex):
    """(this side, other side) of one contradiction: its evidence in order (this, other),
    completed from the claims' own reports where the evidence lacks a side."""
    if len(evidence) >= 2:
        return [evidence[0]], evidence[1:]
    if len(evidence) == 1:
        ev = evidence[0]
        if ev["doc"] in set(c.documents or []) and (
                other is None or ev["doc"] not in set(other.documents or [])):
            return [ev], _side(other, [], docs)
        return _side(c, [], docs), [ev]
    return _side(c, [], docs), _side(other, [], docs)


def dispute_view(group: list, docs: DocumentIndex) -> dict:
    """One dispute for the pages: its claims, and each disagreement once (the same two
    values however spelled, either way round) with both sides' outlets and sentences."""
    by_id = {c.id: c for c in group}
    merged: dict[tuple, dict] = {}
    for c in group:
        for x in c.contradictions or []:
            evidence = [{"doc": ev.get("doc"), "text": ev.get("text") or "",
                         "source": ev.get("source") or docs.get(ev.get("doc"), {}).get("source")}
                        for ev in x.get("evidence") or []]
            this_side, other_side = _split_sides(c, by_id.get(x.get("claim")), evidence, docs)
            a, b = _value_key(x.get("this")), _value_key(x.get("other"))
            key = (str(x.get("kind")), *sorted((a, b)))
            if key not in merged:
                merged[key] = {"kind": x.get("kind"), "this": x.get("this"),
                               "other": x.get("other"), "claim": c.id,
                               "other_claim": x.get("claim"), "sides": [[], []], "_a": a}
            entry = merged[key]
            if entry["_a"] != a:  # the same disagreement, seen from the other side
                this_side, other_side = other_side, this_side
            for i, side in enumerate((this_side, other_side)):
                for ev in side:
                    if ev not in entry["sides"][i]:
                        entry["sides"][i].append(ev)
    sides = []
    for entry in merged.values():
        entry.pop("_a")
        entry["evidence"] = entry["sides"][0] + entry["sides"][1]
        sides.append(entry)
    tag = getattr(group[0], "dispute", None)
    return {"id": tag if isinstance(tag, str) and tag else min(c.id for c in group),
            "claims": group, "contradictions": sides,
            "outlets": sorted({o for c in group for o in c.outlets or []}, key=str.casefold)}


def disputes_touching(store, doc_id: str | None = None, item=None) -> list[dict]:
    """The disputes a document or a timeline item touches: claims it carries (an item: its
    statements) that another report contradicts, and the item's own disagreements between
    reports."""
    docs = document_index(store)
    if doc_id is not None:
        mine = [c for c in store.list_claims(limit=None, offset=0) if _is_contested(c) and (
            doc_id in (c.documents or []) or any(
                ev.get("doc") == doc_id for x in c.contradictions or []
                for ev in x.get("evidence") or []))]
    else:  # the item's own statements
        mine = [c for c in claims_by_ids(store, item.statements or []) if _is_contested(c)]
    out = [dispute_view(g, docs) for g in disputes(mine, store.get_claim)]
    if item is not None and getattr(item, "contradictions", None):
        sides = []
        for x in item.contradictions:
            ev = [{"doc": e.get("doc"), "text": e.get("text") or "",
                   "source": e.get("source") or docs.get(e.get("doc"), {}).get("source")}
                  for e in x.get("evidence") or []]
            sides.append({"kind": x.get("kind"), "this": x.get("this"), "other": x.get("other"),
                          "evidence": ev, "sides": [ev[:1], ev[1:]]})
        out.insert(0, {"id": item.id, "claims": [], "contradictions": sides,
                       "outlets": item_outlets(item)})
    return out


def filtered_entities(store, f: Filters, q: str | None = None,
                      type: str | None = None) -> list:  # noqa: A002
    """Entity records matching a name query, a type, the country and the outlet / date
    range of the documents that name them."""
    ents = entity_list(store, q, type)
    if f.country:
        ents = [e for e in ents if e.country == f.country]
    if f.outlet or f.date_from or f.date_to:
        docs = {d["id"] for d in filtered_documents(store, f)}
        ents = [e for e in ents if docs & set(e.documents or [])]
    if f.actor:
        ref = actor_id(store, f.actor)
        co = {r["id"] for r in store.co_participants(ref)} | {ref}
        ents = [e for e in ents if e.id in co]
    return ents


def filtered_documents(store, f: Filters) -> list[dict]:
    """Document rows from the outlet, published within the dates, naming the actor."""
    rows = list(store.list_documents(limit=ALL, offset=0))
    if f.outlet:
        rows = [r for r in rows if (r.get("source") or "").casefold() == f.outlet.casefold()]
    rows = [r for r in rows if _in_range(r.get("published"), f)]
    if f.actor:
        ent = store.get_entity(actor_id(store, f.actor))
        named = set(ent.documents or []) if ent else set()
        rows = [r for r in rows if r["id"] in named]
    return rows


CSV_COLUMNS = {
    "timeline": ["id", "date", "type", "mode", "status", "summary", "participants", "location",
                 "outlets", "independent_reports", "documents"],
    "claims": ["id", "first_reported", "speaker", "kind", "content", "outlets",
               "independent_reports", "contradictions", "documents"],
    "entities": ["id", "name", "type", "country", "aliases", "n_documents"],
    "documents": ["id", "published", "source", "title", "copy_of"],
    "network": ["source", "source_name", "target", "target_name", "weight", "events"],
    "search": ["id", "published", "source", "title", "matched", "snippet", "rank"],
}


def network_rows(net: dict) -> list[dict]:
    """The network's edges as rows (names and the events behind each link)."""
    names = {n["id"]: n["name"] for n in net["nodes"]}
    return [{"source": e["source"], "source_name": names.get(e["source"]),
             "target": e["target"], "target_name": names.get(e["target"]),
             "weight": e["weight"],
             "events": [f"{ev['date'] or 'undated'} {ev['summary']} ({ev['id']})"
                        for ev in e["events"]]} for e in net["edges"]]


def csv_text(rows: list[dict], kind: str) -> str:
    """Rows as CSV with the columns of ``kind``; lists joined with "; "."""
    import csv
    import io
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS[kind], extrasaction="ignore",
                       lineterminator="\n")
    w.writeheader()
    for r in rows:
        out = {}
        for k in CSV_COLUMNS[kind]:
            v = r.get(k)
            if k == "outlets" and v is None and r.get("reports") is not None:
                v = sorted({x.get("source") for x in r["reports"] if x.get("source")})
            if k == "contradictions" and isinstance(v, list):
                v = [f"{x.get('this')} vs {x.get('other')}" for x in v]
            out[k] = "; ".join(str(x) for x in v) if isinstance(v, (list, tuple)) else \
                ("" if v is None else v)
        w.writerow(out)
    return buf.getvalue()


# ------------------------------------------------------------------ network

UNREAL = ("negated", "hypothetical")


def network(store, max_nodes: int = 40, f: Filters | None = None,
            include_unreal: bool = False, max_edge_events: int = 25) -> dict:
    """Actors that share timeline events (the ``max_nodes`` busiest of those linked to
    another): nodes (id, name, type, events) and weighted edges, each listing the events behind it (``events``: up to ``max_edge_events`` of
    ``{"id", "date", "summary", "status"}``). Negated and hypothetical events are left out
    unless ``include_unreal`` (or the filters ask for that status)."""
    f = f or Filters()
    types = {e.id: e.type for e in store.list_entities(limit=None, slim=True)}
    names: dict[str, str] = {}
    count: Counter = Counter()
    links: dict[tuple, list] = {}
    items = filtered_items(store, f) if f.active else store.list_timeline(limit=None, offset=0)
    for item in items:
        if item.status in UNREAL and not include_unreal and f.status != item.status:
            continue
        ids = []
        for i, pid in enumerate(item.participant_ids or []):
            if pid and pid not in ids:
                ids.append(pid)
                if i < len(item.participants):
                    names.setdefault(pid, item.participants[i])
        for pid in ids:
            count[pid] += 1
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                links.setdefault(tuple(sorted((a, b))), []).append(item)
    linked = {pid for pair in links for pid in pair}  # an actor alone in its events: no node
    keep = [pid for pid, _ in sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))
            if pid in linked][:max_nodes]
    kept = set(keep)
    nodes = [{"id": pid, "name": names.get(pid, pid), "type": types.get(pid, "OTHER"),
              "events": count[pid]} for pid in keep]
    edges = [{"source": a, "target": b, "weight": len(evs),
              "events": [{"id": t.id, "date": t.date, "summary": t.summary, "status": t.status}
                         for t in evs[:max_edge_events]]}
             for (a, b), evs in sorted(links.items()) if a in kept and b in kept]
    return {"nodes": nodes, "edges": edges}
