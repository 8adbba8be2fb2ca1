"""Read-side helpers shared by the JSON API, the pages and the CLI (below all three).

Thin glue over the query library (``dossier.analyze``) and the store: lists are paginated,
and the few views the pages need that the library does not return directly (the actor
network, the sentence each report used, a document's outlet) are assembled from store
records here. No logging configuration, no HTTP.
"""
from __future__ import annotations

from typing import Any, Iterable

from dossier import analyze
from dossier.errors import NotFound

ALL = None  # no limit


def check_date(value: str | None) -> str | None:
    """Validate a ``from``/``to`` query value (YYYY, YYYY-MM or YYYY-MM-DD); E302 if bad."""
    return analyze.check_date(value.strip() if isinstance(value, str) else value)


def to_json(record: Any) -> dict:
    """A record (dataclass with ``to_json``) or a dict, as a JSON-ready dict."""
    if record is None:
        return {}
    if isinstance(record, dict):
        return record
    return record.to_json()


def page(items: list, total: int, limit: int, offset: int) -> dict:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def paginate(items: list, limit: int, offset: int) -> dict:
    return page(items[offset:offset + limit], len(items), limit, offset)


# ------------------------------------------------------------------ documents

def documents(store, limit: int, offset: int, source: str | None = None) -> dict:
    if source:
        rows = list(store.list_documents(limit=ALL, offset=0, source=source))
        return paginate(rows, limit, offset)
    rows = list(store.list_documents(limit=limit, offset=offset, source=None))
    return page(rows, int(store.count_documents()), limit, offset)


class DocumentIndex:
    """doc id -> its metadata row (title, source, published, copy_of ...), read from the
    store when first asked for: a page about one event or claim reads the rows of its own
    reports, not every document in the store."""

    def __init__(self, store) -> None:
        self._store = store
        self._rows: dict[str, dict | None] = {}

    def get(self, doc_id: str | None, default: Any = None) -> Any:
        if not doc_id:
            return default
        if doc_id not in self._rows:
            self._rows[doc_id] = self._store.document_info(doc_id)
        row = self._rows[doc_id]
        return default if row is None else row

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self.get(doc_id) is not None


def document_index(store) -> DocumentIndex:
    """doc id -> its metadata row, looked up lazily (see ``DocumentIndex``)."""
    return DocumentIndex(store)


def document(store, doc_id: str) -> dict:
    doc = store.get_document(doc_id)
    if doc is None:
        raise NotFound("document", doc_id)
    ext = store.get_extraction(doc_id)
    if ext is not None:
        data = ext.to_json()
    else:
        data = {"doc": doc.doc_json(), "text": doc.text,
                "repairs": [r.to_json() for r in doc.repairs],
                "entities": [], "times": [], "events": [], "statements": []}
    data["doc"]["similarity"] = doc.similarity
    return data


# ------------------------------------------------------------------ entities

def entity_list(store, q: str | None = None, type: str | None = None) -> list:
    """Canonical entities (records), filtered by a name query and a type."""
    type = (type or "").strip().upper() or None
    return list(store.list_entities(q=q or None, type=type, limit=None, offset=0))


def entities(store, q: str | None, type: str | None, limit: int, offset: int) -> dict:
    """A page of entities, read slim (``documents`` is empty, ``n_documents`` counts them;
    ``GET /api/entities/{id}`` has the full record), paged in SQL."""
    type = (type or "").strip().upper() or None
    rows = analyze.entities(store, q or None, type, limit=limit + 1, offset=offset, slim=True)
    more = len(rows) > limit
    rows = rows[:limit]
    if rows:
        marks = ", ".join("?" * len(rows))
        counts = {r["id"]: int(r["n"] or 0) for r in store.backend.query(
            f"SELECT id, n_documents AS n FROM entities WHERE id IN ({marks})",
            [r["id"] for r in rows])}
        for row in rows:
            row["n_documents"] = counts.get(row["id"], len(set(row.get("documents") or [])))
    if more or (not rows and offset):
        total = store.count_entities(q or None, type)
    else:
        total = offset + len(rows)
    out = page(rows, total, limit, offset)
    out["has_more"] = more
    return out


def member_map(store) -> dict[tuple[str, str], Any]:
    """(doc id, doc-level entity id) -> its canonical entity."""
    out = {}
    for ent in entity_list(store):
        for m in ent.members:
            out[(m.get("doc"), m.get("entity"))] = ent
    return out


def entity_profile(store, entity_id: str) -> dict:
    """An entity (by id, or by name) with its events, statements by and about it, and
    co-actors: ``analyze.actor``."""
    if store.get_entity(entity_id) is None:
        raise NotFound("entity", entity_id)
    return analyze.actor(store, entity_id)


# ------------------------------------------------------------------ timeline, claims

def timeline_page(store, date_from=None, date_to=None, entity=None, limit: int = 100,
                  offset: int = 0) -> dict:
    """A page of ``analyze.timeline`` (filtered and paged in SQL), with its total counted in
    SQL rather than by reading every item."""
    date_from, date_to = check_date(date_from), check_date(date_to)
    ref = analyze.entity(store, entity)["id"] if entity else None
    rows = analyze.timeline(store, date_from, date_to, ref, limit=limit, offset=offset)
    if len(rows) < limit and (rows or offset == 0):
        total = offset + len(rows)  # the last page: no count needed
    else:
        total = count_timeline(store, date_from, date_to, ref)
    return page(rows, total, limit, offset)


def count_timeline(store, date_from=None, date_to=None, entity=None) -> int:
    """How many items ``analyze.timeline(store, date_from, date_to, entity)`` returns
    (``entity``: a canonical entity id): the date bounds as the periods the store filters."""
    from dossier.dates import period_end, period_start
    return store.count_timeline(entity, start_from=period_start(date_from) if date_from else None,
                                end_to=period_end(date_to) if date_to else None)


def timeline_items(store, date_from=None, date_to=None, entity=None,
                   limit: int | None = None) -> list:
    """Timeline records in the date window (``limit``: at most that many, oldest first)."""
    return list(store.list_timeline(date_from=date_from, date_to=date_to, entity=entity,
                                    limit=limit, offset=0))


def get_event(store, item_id: str):
    item = store.get_timeline_item(item_id)
    if item is None:
        raise NotFound("event", item_id)
    return item


def claims_page(store, about=None, limit: int = 100, offset: int = 0) -> dict:
    """A page of ``analyze.claims`` (paged in SQL), its total counted in SQL."""
    ref = analyze.entity(store, about)["id"] if about else None
    rows = analyze.claims(store, ref, limit=limit, offset=offset)
    if len(rows) < limit and (rows or offset == 0):
        total = offset + len(rows)
    else:
        total = store.count_claims(about=ref)
    return page(rows, total, limit, offset)


def search(store, q: str, limit: int, offset: int) -> dict:
    """A page of search hits. ``total``: every match, counted on the full-text index;
    ``has_more``: a further page exists."""
    rows = list(analyze.search(store, q, limit=limit, offset=offset))
    if len(rows) < limit and (rows or offset == 0):
        total = offset + len(rows)
    else:
        total = max(store.count_search(q), offset + len(rows))
    out = page(rows, total, limit, offset)
    out["has_more"] = offset + len(rows) < total
    return out


# ------------------------------------------------------------------ sentences

def span_text(text: str, span: Any) -> str | None:
    """The text of a ``{"start", "end"}`` span (or the string itself)."""
    if isinstance(span, str):
        return span
    if isinstance(span, dict) and "start" in span and "end" in span:
        try:
            return text[int(span["start"]):int(span["end"])]
        except (TypeError, ValueError):
            return None
    return None


def event_reports(store, item) -> list[dict]:
    """Every report of a timeline item: outlet, document, and the sentence it used."""
    docs = document_index(store)
    texts: dict[str, str] = {}
    out = []
    for rep in item.reports or [{"doc": d} for d in item.documents]:
        doc_id = rep.get("doc")
        row = docs.get(doc_id, {})
        sentence = rep.get("evidence") if isinstance(rep.get("evidence"), str) else None
        if sentence is None:
            if doc_id not in texts:
                d = store.get_document(doc_id) if doc_id else None
                texts[doc_id] = d.text if d else ""
            sentence = span_text(texts[doc_id], rep.get("evidence"))
            if not sentence and rep.get("event"):
                ext = store.get_extraction(doc_id)
                for v in (ext.events if ext else []):
                    if v.id == rep["event"]:
                        sentence = span_text(texts[doc_id], v.evidence)
        out.append({"doc": doc_id, "title": row.get("title"),
                    "source": rep.get("source") or row.get("source"),
                    "published": row.get("published"), "copy_of": row.get("copy_of"),
                    "sentence": (sentence or "").strip()})
    return out


_SENT_END = ".!?\n"


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of ``text`` holding ``[start, end)``."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    a = start
    while a > 0 and not (text[a - 1] in _SENT_END and (a == start or text[a].isspace())):
        a -= 1
    b = end
    while b < len(text) and text[b - 1:b] not in ("\n",) and not (
            text[b - 1] in ".!?" and b > end and (b == len(text) or text[b].isspace())):
        b += 1
    return text[a:b].strip()


class Texts:
    """Document texts and extractions, loaded once per request."""

    def __init__(self, store):
        self.store, self.texts, self.exts = store, {}, {}

    def text(self, doc_id: str) -> str:
        if doc_id not in self.texts:
            d = self.store.get_document(doc_id) if doc_id else None
            self.texts[doc_id] = d.text if d else ""
        return self.texts[doc_id]

    def statement_span(self, doc_id: str, sid: str) -> dict | None:
        if doc_id not in self.exts:
            self.exts[doc_id] = self.store.get_extraction(doc_id) if doc_id else None
        ext = self.exts[doc_id]
        for st in (ext.statements if ext else []):
            if st.id == sid:
                return st.content_span
        return None


def claim_reports(store, claim, docs: "DocumentIndex", texts: "Texts | None" = None) -> list[dict]:
    """Every report carrying a claim: outlet, document and the sentence it used."""
    texts = texts or Texts(store)
    out = []
    for rep in claim.reports or []:
        doc_id = rep.get("doc")
        row = docs.get(doc_id, {})
        span = rep.get("span") if isinstance(rep.get("span"), dict) else None
        if span is None and rep.get("statement"):
            span = texts.statement_span(doc_id, rep["statement"])
        sentence = ""
        if span and "start" in span and "end" in span:
            sentence = sentence_around(texts.text(doc_id), int(span["start"]), int(span["end"]))
        out.append({"doc": doc_id, "title": row.get("title"),
                    "source": rep.get("source") or row.get("source"),
                    "published": row.get("published"),
                    "sentence": sentence or (rep.get("content") or "").strip()})
    return out


def outlets(rows: Iterable[dict]) -> list[str]:
    return sorted({r["source"] for r in rows if r.get("source")})
