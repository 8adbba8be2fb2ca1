"""The query library behind the CLI and the HTTP API: timeline, entities, actors, claims,
search and exports. Every function takes an open ``Store`` and returns plain dicts (the
contract's sections 2 and 3, with extra fields) or writes to a file object.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..errors import E, DossierError, NotFound
from ..dates import chrono_key, period_end, period_start
from .export import export_events_csv, export_graphml, export_jsonl

if TYPE_CHECKING:
    from ..store.protocol import StoreProtocol

__all__ = ["timeline", "entities", "entity", "actor", "claims", "disputes", "search",
           "export_jsonl", "export_events_csv", "export_graphml", "check_date"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_date(value: str | None) -> str | None:
    """A date bound as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; DossierError E302 otherwise."""
    if value is None or value == "":
        return None
    value = value.strip()
    if not _DATE.match(value):
        raise DossierError(E.E302, detail=repr(value))
    parts = [int(x) for x in value.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise DossierError(E.E302, detail=repr(value))
    if len(parts) > 2:
        import datetime as _dt
        try:
            _dt.date(*parts)
        except ValueError:
            raise DossierError(E.E302, detail=repr(value)) from None
    return value


def timeline_dict(t) -> dict[str, Any]:
    return {"id": t.id, "date": t.date, "type": t.type, "mode": t.mode, "status": t.status,
            "summary": t.summary, "participants": list(t.participants), "location": t.location,
            "documents": list(t.documents), "independent_reports": t.independent_reports,
            "statements": list(t.statements), "participant_ids": list(t.participant_ids),
            "planned_by": list(t.planned_by),
            "contradictions": list(getattr(t, "contradictions", []) or []),
            "reports": list(t.reports),
            **{k: getattr(t, k, None) for k in ("roles", "affiliations", "host", "date_range",
                                                 "dates_reported", "places_reported", "history")}}


def entity_dict(e) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
            "country": e.country, "documents": list(e.documents), "roles": list(e.roles),
            "conflicts": list(e.conflicts), "lat": e.lat, "lon": e.lon}


def claim_dict(c) -> dict[str, Any]:
    # c.to_json() without asdict's deep copy (a claim may list thousands of documents);
    # the record is a throwaway read from the store
    from dataclasses import fields
    return {f.name: getattr(c, f.name) for f in fields(c)}


def _resolve_entity(store: StoreProtocol, name: str):
    if not name or not name.strip():
        raise NotFound("entity", repr(name))
    found = store.get_entity(name)
    if found is None:
        # find it by name on the slim rows, then read the one full record
        hit = next(iter(store.list_entities(q=name, limit=1, slim=True)), None)
        found = store.get_entity(hit.id) if hit is not None else None
    if found is None:
        raise NotFound("entity", repr(name))
    return found


def timeline(store: StoreProtocol, date_from: str | None = None, date_to: str | None = None,
             entity: str | None = None, limit: int | None = None,
             offset: int = 0) -> list[dict[str, Any]]:
    """Timeline items (contract section 3), oldest first, undated last."""
    date_from, date_to = check_date(date_from), check_date(date_to)
    ref = None
    if entity:
        ref = _resolve_entity(store, entity).id
    lo = period_start(date_from) if date_from else None
    hi = period_end(date_to) if date_to else None
    # filtered, ordered and paged in SQL (the store's date_start/date_end/chrono columns)
    items = store.list_timeline(entity=ref, start_from=lo, end_to=hi, order="chrono",
                                limit=limit, offset=offset)
    return [timeline_dict(t) for t in items]


_chrono = chrono_key  # the contract order of timeline items


def entities(store: StoreProtocol, q: str | None = None, type: str | None = None,  # noqa: A002
             limit: int | None = None, offset: int = 0,
             slim: bool = False) -> list[dict[str, Any]]:
    """Canonical entities (contract section 2) with roles and conflicts. ``slim``: without
    their document lists (``n_documents`` instead; fast for pages of entities)."""
    if slim:
        found = store.list_entities(q=q or None, type=type, limit=limit, offset=offset, slim=True)
        return [{**entity_dict(e), "documents": []} for e in found]
    return [entity_dict(e) for e in store.list_entities(q=q or None, type=type, limit=limit,
                                                        offset=offset)]


def entity(store: StoreProtocol, ref: str) -> dict[str, Any]:
    return entity_dict(_resolve_entity(store, ref))


def actor(store: StoreProtocol, name: str, events_limit: int | None = 200,
          events_offset: int = 0) -> dict[str, Any]:
    """One actor: names, roles over time, events, statements, co-actors, conflicts.

    ``events_limit``: at most that many events (oldest first, from ``events_offset``; None:
    all);
    ``n_events`` is the count of all of them, and co-actors are counted over all of them."""
    e = _resolve_entity(store, name)
    events = [timeline_dict(t) for t in store.list_timeline(
        entity=e.id, order="chrono", limit=events_limit, offset=events_offset)]
    n_events = store.count_timeline(entity=e.id) if events_limit is not None \
        or events_offset else len(events)
    co_actors = [{"id": r["id"], "name": r["name"], "events": int(r["events"])}
                 for r in store.co_participants(e.id)]
    said = store.list_claims(speaker=e.id)
    about = [c for c in store.list_claims(about=e.id) if c.speaker_id != e.id]
    roles = sorted(e.roles, key=lambda r: (r.get("date") or "", r.get("doc") or ""))
    return {**entity_dict(e), "names": list(e.aliases), "roles": roles,
            "events": events, "n_events": n_events,
            "statements": [claim_dict(c) for c in said],
            "claims_about": [claim_dict(c) for c in about],
            "co_actors": co_actors}


def claims(store: StoreProtocol, about: str | None = None, limit: int | None = None,
           offset: int = 0) -> list[dict[str, Any]]:
    """Claims across reports (optionally about an entity), with contradictions."""
    ref = _resolve_entity(store, about).id if about else None
    return [claim_dict(c) for c in store.list_claims(about=ref, limit=limit, offset=offset)]


def disputes(store: StoreProtocol, doc: str | None = None, item: str | None = None,
             claim: str | None = None, kind: str | None = None, limit: int | None = None,
             offset: int = 0) -> list[dict[str, Any]]:
    """Points on which reports disagree, each once, with the claims (or timeline items) and
    evidence of every side; only those touching a document, timeline item or claim."""
    return [d.to_json() for d in store.list_disputes(doc=doc, item=item, claim=claim, kind=kind,
                                                      limit=limit, offset=offset)]


def search(store: StoreProtocol, q: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    return store.search(q, limit=limit, offset=offset)
