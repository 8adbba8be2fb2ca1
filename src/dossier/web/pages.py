"""The server-rendered pages: timeline board, event, entity, claims (by dispute), article,
network, map, search, and ``/docs`` (the API reference rendered from the OpenAPI schema, no
external assets). The listing pages share one set of filters (``W.Filters``), kept in every
link, and link downloads of what they show.

Templates run with autoescape on; article text and everything derived from it reach the
templates as plain strings, so every piece is escaped. No inline script or style: the CSP
forbids it, the behaviour lives in ``static/*.js``.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from dossier import query as Q
from dossier.query import workspace as W
from dossier.web import TEMPLATES_DIR
from dossier.web import highlight as H
from dossier.web.layout import (FAMILIES, LANE_MODES, STATUS_ICON, circular_layout, date_key,
                                family, timeline_board, volume_strip)

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
                          autoescape=True, trim_blocks=True, lstrip_blocks=True)
_env.filters["seg"] = lambda v: quote(str(v), safe="")  # an id as one URL path segment
templates = Jinja2Templates(env=_env)
router = APIRouter(include_in_schema=False)

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "OTHER")
TIMELINE_CAP = 500  # the most items the timeline page draws; narrow the range for more


def _render(request: Request, name: str, status: int = 200, headers=None, **ctx: Any):
    return templates.TemplateResponse(request, name, ctx, status_code=status, headers=headers)


def render_error(request: Request, status: int, code: str, message: str, headers=None):
    return _render(request, "error.html", status=status, headers=headers,
                   status_code=status, code=code, message=message, title=f"Error {status}")


def _store(request: Request):
    return request.app.state.open_store()


def page_filters(request: Request, swap: bool = True) -> W.Filters:
    """The shared filter parameters of a page's URL (``entity`` is the old name of
    ``actor``); a reversed date range is swapped, with a notice."""
    p = request.query_params
    contested = (p.get("contested") or "").lower() in ("1", "true", "on", "yes")
    return W.parse_filters(p.get("from"), p.get("to"), p.get("outlet"), p.get("type"),
                           p.get("status"), p.get("country"),
                           p.get("actor") or p.get("entity"), contested, swap=swap)


def filter_choices(store, items: list | None = None, docs: list | None = None) -> dict:
    """What the filter form offers: outlets, event types, statuses, countries, actors."""
    docs = docs if docs is not None else store.list_documents(limit=None, offset=0)
    outlets = sorted({r["source"] for r in docs if r.get("source")}, key=str.casefold)
    ents = store.list_entities(limit=None, slim=True)
    countries = sorted({e.country for e in ents if e.country})
    actors = [e.name for e in ents if e.type in ("PERSON", "ORG", "GPE", "NORP")][:400]
    types = sorted({it.type for it in items}) if items else list(W.EVENT_TYPES)
    return {"outlets": outlets, "types": types, "statuses": W.STATUSES,
            "countries": countries, "actors": sorted(set(actors), key=str.casefold)}


def _actor_name(store, f: W.Filters) -> str | None:
    if not f.actor:
        return None
    ent = store.get_entity(f.actor)
    return ent.name if ent else f.actor


@router.get("/", response_class=HTMLResponse)
def timeline_page(request: Request, lanes: str = Query("actor")):
    f = page_filters(request)
    with _store(request) as store:
        items = W.filtered_items(store, f, limit=TIMELINE_CAP + 1, by_anchor=True)
        capped = len(items) > TIMELINE_CAP
        items = items[:TIMELINE_CAP]
        docs = store.list_documents(limit=None, offset=0)
        choices = filter_choices(store, docs=docs)
        published = [r.get("published") for r in docs
                     if not f.outlet or (r.get("source") or "").casefold() == f.outlet.casefold()]
        actor_name = _actor_name(store, f)
        contested = W.contested_claim_ids(store, items)
    board = timeline_board(items, lanes, f.date_from, f.date_to)
    strip = volume_strip(published, board.start, board.end)
    cards = {it.id: {"outlets": W.item_outlets(it), "contested": W.item_contested(it, contested),
                     "family": family(it.type)} for it in items}
    return _render(request, "timeline.html", title="Timeline", board=board, strip=strip,
                   cards=cards, f=f, choices=choices, actor_name=actor_name, capped=capped,
                   cap=TIMELINE_CAP, lane_modes=LANE_MODES, icons=STATUS_ICON,
                   families=FAMILIES, action="/", download="/api/timeline")


@router.get("/events/{item_id}", response_class=HTMLResponse)
def event_page(request: Request, item_id: str):
    with _store(request) as store:
        item = Q.get_event(store, item_id)
        reports = Q.event_reports(store, item)
        claims = []
        for sid in item.statements or []:
            c = store.get_claim(sid) if str(sid).startswith("clm_") else None
            if c is not None:
                claims.append(c)
        plans = [p for p in (store.get_timeline_item(x) for x in item.planned_by or []) if p]
        disputes = W.disputes_touching(store, item=item)
    roles = participant_roles(item)
    participants = list(zip(item.participants or [],
                            list(item.participant_ids or []) + [None] * len(item.participants)))
    day = date_key(item.date)
    around = ({"from": (day - timedelta(days=7)).isoformat(),
               "to": (day + timedelta(days=7)).isoformat()} if day else None)
    return _render(request, "event.html", title=item.summary or item.type, item=item,
                   around=around,
                   reports=reports, participants=participants, claims=claims, plans=plans,
                   outlets=Q.outlets(reports), disputes=disputes, roles=roles)


def participant_roles(item) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """``[(role, [(name, id)])]``: the item's own roles when the resolution gives them
    (``roles``/``participant_roles``: ``{"role", "name"|"entity", "id"}``), else who acts
    and who is acted on, from its reports."""
    names = dict(zip(item.participant_ids or [], item.participants or []))
    given = getattr(item, "participant_roles", None) or getattr(item, "roles", None)
    out: dict[str, list] = {}
    if isinstance(given, dict) and given:  # the resolution's {name: part}
        ids = {n: p for p, n in names.items()}
        for name in item.participants or []:
            if name in given:
                out.setdefault(str(given[name]), []).append((name, ids.get(name)))
        rest = [(n, ids.get(n)) for n in item.participants or [] if n not in given]
        if rest:
            out.setdefault("also named", []).extend(rest)
        return list(out.items())
    if isinstance(given, list) and given and isinstance(given[0], dict):
        for r in given:
            pid = r.get("id") or r.get("entity")
            out.setdefault(str(r.get("role") or "participant"), []).append(
                (r.get("name") or names.get(pid) or pid, pid))
        return list(out.items())
    seen: set = set()
    for role, key in (("acting", "actors"), ("with / on", "targets")):
        for rep in item.reports or []:
            for pid in rep.get(key) or []:
                if pid in names and pid not in seen:
                    seen.add(pid)
                    out.setdefault(role, []).append((names[pid], pid))
    rest = [(n, p) for p, n in names.items() if p not in seen]
    if rest:
        out.setdefault("also named", []).extend(rest)
    return list(out.items())


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, q: str | None = None, type: str | None = None):
    f = page_filters(request)
    with _store(request) as store:
        ents = W.filtered_entities(store, f, q, type)
        choices = filter_choices(store)
    return _render(request, "entities.html", title="Entities", entities=ents, q=q or "",
                   type=(type or "").upper(), types=ENTITY_TYPES, f=f, choices=choices,
                   action="/entities", download="/api/entities", dl_limit=1000,
                   hidden={"q": q, "type": type},
                   fields=["from", "to", "outlet", "country", "actor"])


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str):
    with _store(request) as store:
        prof = Q.entity_profile(store, entity_id)
        docs = Q.document_index(store)
    variants = sorted(set(prof.get("aliases") or []) | {prof["name"]})
    return _render(request, "entity.html", title=prof["name"], ent=prof, variants=variants,
                   docs=docs, events=prof["events"], said=prof["statements"],
                   about=prof["claims_about"], co_actors=prof["co_actors"])


CLAIMS_PER_PAGE = 50


def _pack(groups: list[list], size: int) -> list[list[list]]:
    """Groups in pages of at most ``size`` claims (a larger group gets a page of its own)."""
    pages: list[list[list]] = []
    cur: list[list] = []
    n = 0
    for g in groups:
        if cur and n + len(g) > size:
            pages.append(cur)
            cur, n = [], 0
        cur.append(g)
        n += len(g)
    if cur:
        pages.append(cur)
    return pages or [[]]


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, page: int = Query(1, ge=1)):
    f = page_filters(request)
    if request.query_params.get("about") and not f.actor:
        f.actor = request.query_params["about"].strip() or None
    with _store(request) as store:
        claims = W.filtered_claims(store, f)
        groups = W.disputes(claims, store.get_claim)
        groups.sort(key=lambda g: 0 if any(c.contradictions for c in g) else 1)
        pages = _pack(groups, CLAIMS_PER_PAGE)
        page = min(page, len(pages))
        docs = Q.document_index(store)
        texts = Q.Texts(store)
        views = []
        for g in pages[page - 1]:
            v = W.dispute_view(g, docs)
            v["reports"] = {c.id: Q.claim_reports(store, c, docs, texts) for c in g}
            views.append(v)
        choices = filter_choices(store)
    n_disputes = sum(1 for g in groups if len(g) > 1 or g[0].contradictions)
    return _render(request, "claims.html", title="Claims", groups=views, f=f, choices=choices,
                   n_claims=len(claims), n_disputes=n_disputes, page=page, n_pages=len(pages),
                   action="/claims", download="/api/claims", dl_limit=1000,
                   fields=["from", "to", "outlet", "country", "actor", "contested"])


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, source: str | None = None,
                   offset: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=1000)):
    f = page_filters(request)
    if source and not f.outlet:
        f.outlet = source.strip() or None
    with _store(request) as store:
        if f.date_from or f.date_to or f.actor:
            data = Q.paginate(W.filtered_documents(store, f), limit, offset)
        else:
            data = Q.documents(store, limit, offset, f.outlet)
        choices = filter_choices(store)
    return _render(request, "documents.html", title="Documents", data=data, f=f,
                   choices=choices, action="/documents", download="/api/documents",
                   dl_limit=1000, fields=["from", "to", "outlet", "actor"])


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str):
    from dossier.errors import DossierError, E

    with _store(request) as store:
        doc = store.get_document(doc_id)
        if doc is None:
            raise DossierError(E.E202, detail=doc_id)
        ext = store.get_extraction(doc_id)
        members = Q.member_map(store)
        items: dict[str, str] = {}  # doc-level event id -> timeline item id
        for t in store.list_timeline(limit=None, offset=0):
            for rep in t.reports or []:
                if rep.get("doc") == doc_id and rep.get("event"):
                    items.setdefault(rep["event"], t.id)
        disputes = W.disputes_touching(store, doc_id=doc_id)
    canon = {}
    if ext is not None:
        ext.doc = doc if not ext.doc.text else ext.doc
        for ent in ext.entities:
            c = members.get((doc_id, ent.id))
            if c is not None:
                canon[ent.id] = c
        segs = H.highlight(ext, lambda eid: (f"/entities/{quote(canon[eid].id, safe='')}"
                                             if eid in canon else None))
    else:
        segs = H.plain(doc.text)
    names = {e.id: e.name for e in (ext.entities if ext else [])}
    return _render(request, "document.html", title=doc.title or doc.id, doc=doc, ext=ext,
                   segments=segs, canon=canon, names=names, items=items, disputes=disputes)


NODE_TYPES = (("PERSON", "person"), ("ORG", "organisation"), ("GPE", "country, city"),
              ("LOC", "place"), ("NORP", "group"), ("OTHER", "other"))


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, max_nodes: int = Query(40, ge=1, le=500),
                 include_unreal: bool = False):
    f = page_filters(request)
    with _store(request) as store:
        net = W.network(store, max_nodes, f, include_unreal)
        choices = filter_choices(store)
    graph = circular_layout(net["nodes"], net["edges"])
    names = {n["id"]: n["name"] for n in net["nodes"]}
    edges = sorted(graph["edges"], key=lambda e: (-e["weight"], names[e["source"]]))
    return _render(request, "network.html", title="Actor network", graph=graph, f=f,
                   choices=choices, names=names, edge_list=edges, node_types=NODE_TYPES,
                   include_unreal=include_unreal, action="/network",
                   download="/api/network", dl_limit=None,
                   dl_extra={"include_unreal": "true" if include_unreal else None,
                             "max_nodes": max_nodes if max_nodes != 40 else None},
                   hidden={"include_unreal": "true" if include_unreal else None},
                   fields=["from", "to", "outlet", "type", "status", "country", "contested"])


def places_of(store, items: list) -> tuple[list[dict], list]:
    """Places with coordinates and the items that happened there (most events first), and
    the items with no known place."""
    places: dict[str, dict | None] = {}
    nowhere = []
    for it in items:
        found = False
        for pid in W.item_place_ids(it):
            if pid not in places:
                ent = store.get_entity(pid)
                places[pid] = ({"id": pid, "name": ent.name, "lat": ent.lat, "lon": ent.lon,
                                "country": ent.country, "events": []}
                               if ent and ent.lat is not None and ent.lon is not None else None)
            place = places[pid]
            if place is not None:
                place["events"].append(it)
                found = True
        if not found:
            nowhere.append(it)
    out = sorted((p for p in places.values() if p), key=lambda p: (-len(p["events"]), p["name"]))
    return out, nowhere


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request):
    f = page_filters(request)
    with _store(request) as store:
        items = W.filtered_items(store, f, limit=TIMELINE_CAP, by_anchor=True)
        places, nowhere = places_of(store, items)
        choices = filter_choices(store)
    return _render(request, "map.html", title="Map", places=places, nowhere=nowhere,
                   n_items=len(items), f=f, choices=choices, action="/map",
                   download="/api/timeline", dl_limit=10000, icons=STATUS_ICON)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", offset: int = Query(0, ge=0)):
    q = q.strip()
    data = None
    if q:
        with _store(request) as store:
            data = Q.search(store, q, 20, offset)
        terms = [t.strip('"*()') for t in q.split() if t.upper() not in ("AND", "OR", "NOT")]
        variants: list[str] = next((r.get("variants") for r in data["items"] if r.get("variants")), [])
        for row in data["items"]:
            row["_pieces"] = H.snippet_pieces(str(row.get("snippet") or ""), terms + variants)
            row["_other_names"] = [m for m in row.get("matched") or []
                                   if q.casefold() not in m.casefold()]
        data["variants"] = variants
    return _render(request, "search.html", title="Search", q=q, search_q=q, data=data,
                   f=W.Filters(), download="/api/search" if q else None, dl_limit=200,
                   dl_extra={"q": q, "offset": offset or None})


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p.get("name"), "in": p.get("in"),
                       "required": p.get("required", False),
                       "type": _schema_type(p.get("schema", {})),
                       "description": p.get("description")
                       or p.get("schema", {}).get("description", "")}
                      for p in op.get("parameters", [])]
            body = list((op.get("requestBody") or {}).get("content", {}).keys())
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary"),
                        "tags": op.get("tags", []), "params": params, "body": body,
                        "responses": sorted(op.get("responses", {}).keys()),
                        "auth": bool(op.get("security"))})
    return _render(request, "docs.html", title="API", spec=spec, ops=ops)


def _schema_type(schema: dict) -> str:
    if "type" in schema:
        return str(schema["type"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " | ".join(_schema_type(s) for s in schema[key])
    return "any"
