"""Resolution across documents: canonical entities, timeline items and claims.

``rebuild(store)`` streams the stored extractions once, keeps a compact copy of each (no
full text, no mentions: only the evidence sentences of events), runs the three resolvers
and replaces the store's resolution tables. The resolvers are pure functions over records.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..records import Document, Entity, Extraction
from .disputes import build_claims, build_claims_and_disputes, denial_sentences, timeline_disputes
from .entities import resolve_entities
from .timeline import build_timeline

if TYPE_CHECKING:
    from ..store.protocol import StoreProtocol

__all__ = ["rebuild", "resolve_entities", "build_timeline", "build_claims", "slim",
           "resolve_all", "update"]


def slim(ex: Extraction, denials: bool = True) -> Extraction:
    """A compact copy: no document text or mentions, event evidence kept as snippets;
    ``denials``: with the denial sentences no statement covers (``meta["denials"]``)."""
    d = ex.doc
    snippets = {}
    for v in ex.events:
        ev = v.evidence or {}
        if "start" in ev:
            a, b = ev["start"], ev.get("end", ev["start"])
            snippets[f"{a}:{b}"] = d.text[a:b]
    doc = Document(id=d.id, text="", raw_text="", title=d.title, published=d.published,
                   source=d.source, url=d.url, lang=d.lang, copy_of=d.copy_of,
                   similarity=d.similarity,
                   meta={"snippets": snippets,
                         "denials": denial_sentences(ex) if denials else []})
    ents = [Entity(id=e.id, name=e.name, type=e.type, aliases=list(e.aliases),
                   roles=list(e.roles), country=e.country, lat=e.lat, lon=e.lon)
            for e in ex.entities]
    return Extraction(doc=doc, entities=ents, events=list(ex.events),
                      statements=list(ex.statements))


def resolve_all(extractions) -> tuple[list, list, list, list]:
    """(entities, timeline, claims, disputes) for a list of extractions."""
    extractions = list(extractions)
    entities, mapping = resolve_entities(extractions)
    names = {e.id: e.name for e in entities}
    claims, disputes = build_claims_and_disputes(extractions, mapping, names=names,
                                                 entities=entities)
    timeline = build_timeline(extractions, mapping, claims=claims, entities=entities)
    return entities, timeline, claims, disputes + timeline_disputes(timeline, claims)


def rebuild(store: StoreProtocol) -> dict[str, Any]:
    """Re-resolve everything in ``store`` and write it back; returns counts."""
    compact = [slim(ex) for ex in store.iter_extractions()]
    entities, timeline, claims, disputes = resolve_all(compact)
    store.replace_resolution(entities, timeline, claims, disputes=disputes)
    return {"documents": len(compact), "entities": len(entities), "timeline": len(timeline),
            "claims": len(claims),
            "conflicts": sum(len(e.conflicts) for e in entities),
            "contradictions": sum(len(c.contradictions) for c in claims),
            "disputes": len(disputes)}


from .incremental import update  # noqa: E402 - new reports resolved against the stored ones
