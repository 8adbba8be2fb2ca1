"""Partial updates of the stored resolution (issue #12): the look-ups incremental
resolution makes through the store's key tables, and the write that replaces a part of
the resolution (some entities, timeline items, claims and disputes) in one transaction.

The store knows nothing of how items are resolved (``dossier.resolve.incremental`` does):
it finds what new extractions are, which documents lie in a date window, which items a
set of documents reports, and swaps items for others.
"""
from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Sequence

from ..records import CanonicalEntity, Claim, Dispute, Extraction, Repair, TimelineItem
from .store import (_DOC_COLUMNS, Store, _document, _dumps, _entity_summary, _loads, _pair_rows,
                    _timeline_rows, _unique_by_id, insert_claims, insert_disputes, norm_name,
                    write_doc_keys)

CHUNK = 500


def _chunks(values: Sequence[Any]) -> Iterator[list[Any]]:
    values = list(values)
    for i in range(0, len(values), CHUNK):
        yield values[i:i + CHUNK]


def _in(n: int) -> str:
    return "(" + ", ".join("?" * n) + ")"


def _column_where_in(store: Store, column: str, table: str, key: str,
                     values: Iterable[str]) -> set[str]:
    """The values of ``column`` in the rows of ``table`` whose ``key`` is one of ``values``."""
    out: set[str] = set()
    for part in _chunks(sorted(set(values))):
        out |= {r[column] for r in store.backend.query(
            f"SELECT {column} FROM {table} WHERE {key} IN {_in(len(part))}", part)}
    return out


def keys_ready(store: Store) -> bool:
    """Does the stored resolution have its document keys (a resolution written before
    migration 009 has none: it needs one full rebuild)?"""
    b = store.backend
    if b.query_one("SELECT 1 AS x FROM resolution_state") is None:
        return False
    if b.query_one("SELECT 1 AS x FROM timeline") is None and \
            b.query_one("SELECT 1 AS x FROM claims") is None:
        return True
    return (b.query_one("SELECT 1 AS x FROM timeline_documents") is not None
            or b.query_one("SELECT 1 AS x FROM claim_documents") is not None)


def new_documents(store: Store) -> list[dict[str, Any]]:
    """Documents whose extraction was written after the resolution was built: {doc_id,
    published}. Notes the stamp the update will cover (as ``iter_extractions`` does)."""
    store._read_stamp = store._stamp()
    row = store.backend.query_one("SELECT MAX(max_rev) AS rev FROM resolution_state")
    rev = int(row["rev"] or 0) if row else 0
    return store.backend.query(
        "SELECT d.doc_id, d.published FROM extractions x JOIN documents d"
        " ON d.doc_id = x.doc_id WHERE x.rev > ? ORDER BY d.seq", (rev,))


def count_extractions(store: Store) -> int:
    return store._count("SELECT COUNT(*) AS n FROM extractions")


def documents_by_date(store: Store) -> list[dict[str, Any]]:
    """Every document with an extraction: {doc_id, published}, oldest first (undated last)."""
    return store.backend.query(
        "SELECT d.doc_id, d.published FROM documents d JOIN extractions x"
        " ON x.doc_id = d.doc_id ORDER BY d.published IS NULL, d.published, d.seq")


def window_documents(store: Store, lo: str, end: str) -> list[str]:
    """Documents with an extraction published from day ``lo`` to before day ``end`` (ISO
    dates; the date index)."""
    return [r["doc_id"] for r in store.backend.query(
        "SELECT d.doc_id FROM documents d WHERE d.published >= ? AND d.published < ?"
        " AND EXISTS (SELECT 1 FROM extractions x WHERE x.doc_id = d.doc_id)", (lo, end))]


def names_in(store: Store, docs: Iterable[str]) -> set[str]:
    """The normalised names of the entities of ``docs`` (``doc_entities``)."""
    return _column_where_in(store, "name_norm", "doc_entities", "doc_id", docs)


def named_in_window(store: Store, names: Iterable[str], lo: str, end: str
                    ) -> dict[str, list[tuple[str, str]]]:
    """Canonical entities bearing one of ``names`` → their documents published from ``lo``
    to before ``end``: [(doc id, published)]."""
    out: dict[str, list[tuple[str, str]]] = {}
    for part in _chunks(sorted({n for n in names if n})):
        for r in store.backend.query(
                "SELECT DISTINCT en.entity_id, d.doc_id, d.published FROM entity_names en"
                " JOIN entity_documents ed ON ed.entity_id = en.entity_id"
                " JOIN documents d ON d.doc_id = ed.doc_id"
                f" WHERE en.name_norm IN {_in(len(part))} AND d.published >= ?"
                " AND d.published < ?", [*part, lo, end]):
            out.setdefault(r["entity_id"], []).append((r["doc_id"], r["published"]))
    return out


def items_of(store: Store, docs: Iterable[str]) -> tuple[set[str], set[str], set[str]]:
    """(timeline ids, claim ids, dispute ids) of what ``docs`` report."""
    b = store.backend
    items, claims, disputes = set(), set(), set()
    for part in _chunks(sorted(set(docs))):
        q = _in(len(part))
        items |= {r["item_id"] for r in b.query(
            f"SELECT item_id FROM timeline_documents WHERE doc_id IN {q}", part)}
        claims |= {r["claim_id"] for r in b.query(
            f"SELECT claim_id FROM claim_documents WHERE doc_id IN {q}", part)}
        disputes |= {r["dispute_id"] for r in b.query(
            f"SELECT dispute_id FROM dispute_links WHERE ref_kind = 'doc' AND ref IN {q}", part)}
    return items, claims, disputes


def reports_of(store: Store, items: Iterable[str], claims: Iterable[str]
               ) -> tuple[dict[str, set[str]], dict[str, set[str]], set[str]]:
    """What the timeline ``items`` and ``claims`` are made of: (doc → event ids,
    doc → statement ids, every document they list, near-duplicate copies included)."""
    b = store.backend
    events: dict[str, set[str]] = {}
    statements: dict[str, set[str]] = {}
    docs: set[str] = set()
    for table, ids, key, into in (("timeline", items, "event", events),
                                  ("claims", claims, "statement", statements)):
        for part in _chunks(sorted(set(ids))):
            for r in b.query(f"SELECT data FROM {table} WHERE id IN {_in(len(part))}", part):
                data = _loads(r["data"]) or {}
                docs.update(data.get("documents") or [])
                for rep in data.get("reports") or []:
                    if rep.get("doc") and rep.get(key):
                        into.setdefault(rep["doc"], set()).add(rep[key])
    return events, statements, docs


def dispute_refs(store: Store, disputes: Iterable[str]) -> tuple[set[str], set[str], set[str]]:
    """(timeline ids, claim ids, document ids) the ``disputes`` link."""
    out: dict[str, set[str]] = {"item": set(), "claim": set(), "doc": set()}
    for part in _chunks(sorted(set(disputes))):
        for r in store.backend.query(
                "SELECT ref_kind, ref FROM dispute_links WHERE ref_kind IN ('item', 'claim',"
                f" 'doc') AND dispute_id IN {_in(len(part))}", part):
            out[r["ref_kind"]].add(r["ref"])
    return out["item"], out["claim"], out["doc"]


def load_extractions(store: Store, docs: Iterable[str]) -> Iterator[Extraction]:
    """The stored extractions of ``docs``, in ingestion order."""
    cols = ", ".join("d." + c.strip() for c in _DOC_COLUMNS.split(","))
    rows: list[dict] = []
    for part in _chunks(sorted(set(docs))):
        rows += store.backend.query(
            f"SELECT {cols}, x.data AS data FROM documents d JOIN extractions x"
            f" ON x.doc_id = d.doc_id WHERE d.doc_id IN {_in(len(part))}", part)
    rows.sort(key=lambda r: r["seq"])
    for row in rows:
        data = _loads(row.pop("data"))
        repairs = [Repair.from_json(r) for r in data.get("repairs", [])]
        yield Extraction.from_json(data, document=_document(row, repairs))


def document_seqs(store: Store, docs: Iterable[str]) -> dict[str, int]:
    """Document id → its ingestion order (``seq``)."""
    out: dict[str, int] = {}
    for part in _chunks(sorted(set(docs))):
        out.update((r["doc_id"], int(r["seq"])) for r in store.backend.query(
            f"SELECT doc_id, seq FROM documents WHERE doc_id IN {_in(len(part))}", part))
    return out


def entities_of(store: Store, docs: Iterable[str] = (), names: Iterable[str] = (),
                ids: Iterable[str] = ()) -> list[CanonicalEntity]:
    """Canonical entities with a member in ``docs``, bearing one of ``names`` (normalised
    as the store normalises them), or with one of ``ids``."""
    b = store.backend
    found: set[str] = set(ids)
    for part in _chunks(sorted(set(docs))):
        found |= {r["entity_id"] for r in b.query(
            f"SELECT entity_id FROM entity_documents WHERE doc_id IN {_in(len(part))}", part)}
    keys = sorted({k for k in (norm_name(n) for n in names) if k})
    for part in _chunks(keys):
        found |= {r["entity_id"] for r in b.query(
            f"SELECT entity_id FROM entity_names WHERE name_norm IN {_in(len(part))}", part)}
    out: list[CanonicalEntity] = []
    for part in _chunks(sorted(found)):
        out += [CanonicalEntity.from_json(_loads(r["data"])) for r in b.query(
            f"SELECT data FROM entities WHERE id IN {_in(len(part))}", part)]
    return out


def keys_token(b) -> str:
    """Which resolution the look-up keys of migration 010 belong to: what the resolution
    covers, when it was written, and how many entities and claims it holds."""
    row = b.query_one("SELECT extractions, max_rev, built_at FROM resolution_state")
    if row is None:
        return ""
    n = b.query_one("SELECT (SELECT COUNT(*) FROM entities) AS e, (SELECT COUNT(*) FROM claims)"
                    " AS c")
    return f"{row['extractions']}:{row['max_rev']}:{row['built_at']}:{n['e']}:{n['c']}"


def keys_valid(store: Store, version: str = "") -> bool:
    """Were the look-up keys written for the stored resolution (not an older one), in the
    caller's ``version`` of them?"""
    b = store.backend
    row = b.query_one("SELECT token FROM incremental_keys_state")
    return row is not None and row["token"] == f"{version}|{keys_token(b)}"


def iter_entity_names(store: Store) -> Iterator[tuple[str, str, list[str]]]:
    """(id, type, [name, *aliases]) of every stored entity (their slim records)."""
    for r in store.backend.query("SELECT id, type, summary FROM entities"):
        data = _loads(r["summary"]) or {}
        yield r["id"], r["type"], [data.get("name") or "", *(data.get("aliases") or [])]


def claims_last_published(store: Store) -> dict[str, str]:
    """Claim id → the last publication date among its documents."""
    return {r["claim_id"]: r["last"] for r in store.backend.query(
        "SELECT cd.claim_id, MAX(d.published) AS last FROM claim_documents cd JOIN documents d"
        " ON d.doc_id = cd.doc_id GROUP BY cd.claim_id") if r["last"]}


def iter_claims(store: Store) -> Iterator[Claim]:
    for r in store.backend.query("SELECT data FROM claims"):
        yield Claim.from_json(_loads(r["data"]))


def write_keys(store: Store, entity_keys: list[tuple[str, str]],
               claim_keys: list[tuple[str, str, str | None]], event_keys: list[tuple],
               version: str = "") -> None:
    """Replace every look-up key with these and record them as the stored resolution's."""
    b = store.backend
    with b.transaction():
        for table in ("entity_keys", "claim_keys", "event_keys"):
            b.execute(f"DELETE FROM {table}")
        _insert_keys(b, entity_keys, claim_keys)
        _insert_event_keys(b, event_keys)
        _stamp_keys(b, version)


def _insert_event_keys(b, rows: list[tuple]) -> None:
    """(key, doc, event, first day, last day, published) rows of ``event_keys``."""
    b.executemany("INSERT INTO event_keys (key, doc_id, event_id, date_start, date_end,"
                  " published) VALUES (?, ?, ?, ?, ?, ?)", list(dict.fromkeys(rows)))


def events_by_keys(store: Store, keys: Iterable[str], lo: str, end: str
                   ) -> list[tuple[str, str, str, str | None, str | None]]:
    """(key, doc, event, first day, last day) of the events no item holds under ``keys``
    whose days meet ``lo`` to before ``end`` (undated: published then)."""
    out: list[tuple[str, str, str, str | None, str | None]] = []
    for part in _chunks(sorted(set(keys))):
        out += [(r["key"], r["doc_id"], r["event_id"], r["date_start"], r["date_end"])
                for r in store.backend.query(
            "SELECT key, doc_id, event_id, date_start, date_end FROM event_keys"
            f" WHERE key IN {_in(len(part))} AND ((date_start < ? AND date_end >= ?) OR"
            " (date_start IS NULL AND published >= ? AND published < ?))",
            [*part, end, lo, lo, end])]
    return out


def events_in(store: Store, docs: Iterable[str]) -> list[tuple[str, str, str]]:
    """(key, doc, event) of the events no item holds in ``docs``."""
    out: list[tuple[str, str, str]] = []
    for part in _chunks(sorted(set(docs))):
        out += [(r["key"], r["doc_id"], r["event_id"]) for r in store.backend.query(
            f"SELECT key, doc_id, event_id FROM event_keys WHERE doc_id IN {_in(len(part))}",
            part)]
    return out


def _items_data(store: Store, items: Iterable[str]) -> Iterator[dict]:
    """The stored records (``data``) of the timeline ``items``."""
    for part in _chunks(sorted(set(items))):
        for r in store.backend.query(f"SELECT data FROM timeline WHERE id IN {_in(len(part))}",
                                     part):
            yield _loads(r["data"]) or {}


def items_reports(store: Store, items: Iterable[str]
                  ) -> dict[str, tuple[str, str, list[dict]]]:
    """item → (type, status, its reports: doc, event, date, published) of the timeline
    ``items``."""
    return {d["id"]: (d.get("type") or "", d.get("status") or "",
                      [{k: r.get(k) for k in ("doc", "event", "date", "published")}
                       for r in d.get("reports") or []])
            for d in _items_data(store, items) if d.get("id")}


def inferred_events(store: Store, docs: Iterable[str]) -> set[tuple[str, str]]:
    """(doc, event) of the events of ``docs`` dated by their publication, not by their text
    (``date_inferred``), read from the stored extractions."""
    b = store.backend
    if b.name == "sqlite":
        sql = ("SELECT x.doc_id, json_extract(j.value, '$.id') AS event FROM extractions x,"
               " json_each(x.data, '$.events') j WHERE x.doc_id IN {}"
               " AND json_extract(j.value, '$.date_inferred') = 1")
    else:
        sql = ("SELECT x.doc_id, j->>'id' AS event FROM extractions x,"
               " json_array_elements((x.data::json)->'events') j WHERE x.doc_id IN {}"
               " AND (j->>'date_inferred') = 'true'")
    out: set[tuple[str, str]] = set()
    for part in _chunks(sorted(set(docs))):
        out |= {(r["doc_id"], r["event"]) for r in b.query(sql.format(_in(len(part))), part)}
    return out


def history_documents(store: Store, items: Iterable[str]) -> set[str]:
    """The documents of the plans folded into ``items`` (their ``history``)."""
    return {d for data in _items_data(store, items) for h in data.get("history") or []
            for d in h.get("documents") or []}


def claims_of_items(store: Store, items: Iterable[str]) -> set[str]:
    """The claims the evidence sentences of ``items`` hold (their ``statements``)."""
    return {x for data in _items_data(store, items) for x in data.get("statements") or []
            if isinstance(x, str) and x.startswith("clm_")}


def iter_timeline_reports(store: Store) -> Iterator[tuple[str, str]]:
    """(doc, event) of every report every stored timeline item holds."""
    for r in store.backend.query("SELECT data FROM timeline"):
        for rep in (_loads(r["data"]) or {}).get("reports") or []:
            yield rep.get("doc"), rep.get("event")


def iter_entity_members(store: Store) -> Iterator[tuple[str, str, str]]:
    """(doc, document entity, canonical id) of every stored entity's members."""
    for r in store.backend.query("SELECT id, data FROM entities"):
        for m in (_loads(r["data"]) or {}).get("members") or []:
            yield m["doc"], m["entity"], r["id"]


def _insert_keys(b, entity_keys, claim_keys) -> None:
    b.executemany("INSERT INTO entity_keys (key, entity_id) VALUES (?, ?)",
                  list(dict.fromkeys((k, i) for i, k in entity_keys)))
    b.executemany("INSERT INTO claim_keys (key, claim_id, last_pub) VALUES (?, ?, ?)",
                  list({(k, i): (k, i, p) for i, k, p in claim_keys}.values()))


def _stamp_keys(b, version: str) -> None:
    b.execute("DELETE FROM incremental_keys_state")
    b.execute("INSERT INTO incremental_keys_state (id, token) VALUES (1, ?)",
              (f"{version}|{keys_token(b)}",))


def entities_by_keys(store: Store, keys: Iterable[str]) -> dict[str, set[str]]:
    """Look-up key → the stored entities that have it."""
    out: dict[str, set[str]] = {}
    for part in _chunks(sorted(set(keys))):
        for r in store.backend.query(
                f"SELECT key, entity_id FROM entity_keys WHERE key IN {_in(len(part))}", part):
            out.setdefault(r["key"], set()).add(r["entity_id"])
    return out


def claims_by_keys(store: Store, keys: Iterable[str], since: str) -> dict[str, set[str]]:
    """Look-up key → the claims that have it and were reported on day ``since`` or later
    (or carry no date)."""
    out: dict[str, set[str]] = {}
    for part in _chunks(sorted(set(keys))):
        for r in store.backend.query(
                f"SELECT key, claim_id FROM claim_keys WHERE key IN {_in(len(part))}"
                " AND (last_pub IS NULL OR last_pub >= ?)", [*part, since]):
            out.setdefault(r["key"], set()).add(r["claim_id"])
    return out


def claim_key_values(store: Store, claims: Iterable[str], prefix: str) -> dict[str, str]:
    """Claim id → the rest of its look-up key that starts with ``prefix`` (one per claim)."""
    out: dict[str, str] = {}
    for part in _chunks(sorted(set(claims))):
        for r in store.backend.query(
                f"SELECT claim_id, key FROM claim_keys WHERE claim_id IN {_in(len(part))}"
                " AND key >= ? AND key < ?", [*part, prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)]):
            out[r["claim_id"]] = r["key"][len(prefix):]
    return out


def claims_naming(store: Store, entities: Iterable[str], since: str
                  ) -> dict[str, list[tuple[str, str | None]]]:
    """Entity → the claims whose speaker or topic it is, reported since day ``since``:
    [(claim id, first reported)]."""
    out: dict[str, list[tuple[str, str | None]]] = {}
    for part in _chunks(sorted(set(entities))):
        for r in store.backend.query(
                "SELECT DISTINCT ce.entity_id, ce.claim_id, c.first_reported FROM claim_entities ce"
                " JOIN claims c ON c.id = ce.claim_id JOIN claim_keys k"
                " ON k.claim_id = ce.claim_id AND k.key >= 'p:' AND k.key < 'p;'"
                f" WHERE ce.entity_id IN {_in(len(part))} AND (k.last_pub IS NULL"
                " OR k.last_pub >= ?)", [*part, since]):
            out.setdefault(r["entity_id"], []).append((r["claim_id"], r["first_reported"]))
    return out


def entities_of_claims(store: Store, claims: Iterable[str]) -> set[str]:
    """The entities the ``claims`` name (speaker or topic)."""
    return _column_where_in(store, "entity_id", "claim_entities", "claim_id", claims)


def with_conflicts(store: Store, entities: Iterable[str]) -> set[str]:
    """Those of ``entities`` that a name dispute is about."""
    out: set[str] = set()
    for part in _chunks(sorted(set(entities))):
        out |= {r["ref"] for r in store.backend.query(
            "SELECT DISTINCT ref FROM dispute_links WHERE ref_kind = 'entity' AND ref IN "
            f"{_in(len(part))}", part)}
    return out


def conflict_documents(store: Store, entities: Iterable[str]) -> dict[str, set[str]]:
    """Entity id → the documents of its recorded conflicts (other name forms, roles)."""
    out: dict[str, set[str]] = {}
    for part in _chunks(sorted(set(entities))):
        for r in store.backend.query(
                f"SELECT id, summary FROM entities WHERE id IN {_in(len(part))}", part):
            out[r["id"]] = {c.get("doc") for c in (_loads(r["summary"]) or {}).get("conflicts")
                            or [] if c.get("doc")}
    return out


def documents_of_claims(store: Store, claims: Iterable[str]) -> set[str]:
    return _column_where_in(store, "doc_id", "claim_documents", "claim_id", claims)


def claims_of_speakers(store: Store, entities: Iterable[str], since: str) -> set[str]:
    """The claims whose speaker is one of ``entities``, reported since day ``since``."""
    out: set[str] = set()
    for part in _chunks(sorted(set(entities))):
        out |= {r["id"] for r in store.backend.query(
            "SELECT DISTINCT c.id FROM claims c JOIN claim_keys k ON k.claim_id = c.id"
            " AND k.key >= 'p:' AND k.key < 'p;'"
            f" WHERE c.speaker_id IN {_in(len(part))} AND (k.last_pub IS NULL"
            " OR k.last_pub >= ?)", [*part, since])}
    return out


def claims_said_by(store: Store, claims: Iterable[str], etype: str) -> set[str]:
    """Those of the ``claims`` each of whose reports is a statement whose speaker its text
    types ``etype`` (the stored claims' reports, their statements' speakers)."""
    reports: dict[str, list[tuple[str, str]]] = {}
    for part in _chunks(sorted(set(claims))):
        for r in store.backend.query(f"SELECT id, data FROM claims WHERE id IN {_in(len(part))}",
                                     part):
            reports[r["id"]] = [(x.get("doc") or "", x.get("statement") or "")
                                for x in (_loads(r["data"]) or {}).get("reports") or []]
    typed: dict[tuple[str, str], str] = {}
    for part in _chunks(sorted({d for rs in reports.values() for d, _ in rs})):
        typed.update(((r["doc_id"], r["statement_id"]), r["type"]) for r in store.backend.query(
            "SELECT s.doc_id, s.statement_id, de.type FROM statements s JOIN doc_entities de"
            " ON de.doc_id = s.doc_id AND de.entity_id = s.speaker"
            f" WHERE s.doc_id IN {_in(len(part))}", part))
    return {c for c, rs in reports.items() if rs and all(typed.get(x) == etype for x in rs)}


def entity_ids_of_docs(store: Store, docs: Iterable[str]) -> set[str]:
    return _column_where_in(store, "entity_id", "entity_documents", "doc_id", docs)


def items_naming(store: Store, entities: Iterable[str], types: Iterable[str], lo: str,
                 end: str) -> list[tuple[str, str, str, str | None, str | None]]:
    """(item, entity, type, first day, last day) of the timeline items of ``types`` that
    name one of ``entities`` (participant or place) and whose period meets days ``lo`` to
    before ``end`` (``timeline_entities``' per-entity date index), or that carry no date
    and were reported in those days."""
    kinds = sorted(set(types))
    out: list[tuple[str, str, str, str | None, str | None]] = []
    if not kinds:
        return out
    for part in _chunks(sorted(set(entities))):
        out += [(r["item_id"], r["entity_id"], r["type"], r["date_start"], r["date_end"])
                for r in store.backend.query(
            "SELECT te.item_id, te.entity_id, t.type, te.date_start, te.date_end"
            " FROM timeline_entities te JOIN timeline t ON t.id = te.item_id"
            f" WHERE te.entity_id IN {_in(len(part))} AND t.type IN {_in(len(kinds))}"
            " AND ((te.date_start < ? AND te.date_end >= ?) OR (te.date_start IS NULL AND"
            " EXISTS (SELECT 1 FROM timeline_documents td JOIN documents d"
            " ON d.doc_id = td.doc_id WHERE td.item_id = te.item_id AND d.published >= ?"
            " AND d.published < ?)))", [*part, *kinds, end, lo, lo, end])]
    return out


def items_naming_days(store: Store, entities: Iterable[str], types: Iterable[str], lo: str,
                      end: str) -> list[tuple[str, str, str, str | None, str | None, str | None]]:
    """``items_naming`` with what tells each row's days: (item, entity, type, first day,
    last day, None) of a dated item, (item, entity, type, None, None, published) of an
    undated one for each of its documents published from ``lo`` to before ``end`` (the
    rows of several look-ups in one query, each then taking its days)."""
    kinds = sorted(set(types))
    out: list[tuple[str, str, str, str | None, str | None, str | None]] = []
    for part in _chunks(sorted(set(entities))) if kinds else ():
        args = [*part, *kinds]
        where = f" WHERE te.entity_id IN {_in(len(part))} AND t.type IN {_in(len(kinds))}"
        out += [(r["item_id"], r["entity_id"], r["type"], r["date_start"], r["date_end"], None)
                for r in store.backend.query(
            "SELECT te.item_id, te.entity_id, t.type, te.date_start, te.date_end"
            " FROM timeline_entities te JOIN timeline t ON t.id = te.item_id" + where +
            " AND te.date_start < ? AND te.date_end >= ?", [*args, end, lo])]
        out += [(r["item_id"], r["entity_id"], r["type"], None, None, r["published"])
                for r in store.backend.query(
            "SELECT DISTINCT te.item_id, te.entity_id, t.type, d.published"
            " FROM timeline_entities te JOIN timeline t ON t.id = te.item_id"
            " JOIN timeline_documents td ON td.item_id = te.item_id JOIN documents d"
            " ON d.doc_id = td.doc_id" + where + " AND te.date_start IS NULL"
            " AND d.published >= ? AND d.published < ?", [*args, lo, end])]
    return out


def item_parties(store: Store, items: Iterable[str]
                 ) -> dict[str, tuple[str, str | None, str | None, list[tuple]]]:
    """item → (type, first day, last day, (entity, role, entity type, country) of each
    entity it names) of the timeline ``items`` (none of their reports read)."""
    out: dict[str, tuple[str, str | None, str | None, list[tuple]]] = {}
    for part in _chunks(sorted(set(items))):
        for r in store.backend.query(
                "SELECT t.id, t.type, t.date_start, t.date_end, te.entity_id, te.role,"
                " e.type AS etype, e.country FROM timeline t LEFT JOIN timeline_entities te"
                " ON te.item_id = t.id LEFT JOIN entities e ON e.id = te.entity_id"
                f" WHERE t.id IN {_in(len(part))}", part):
            row = out.setdefault(r["id"], (r["type"], r["date_start"], r["date_end"], []))
            if r["entity_id"]:
                row[3].append((r["entity_id"], r["role"], r["etype"], r["country"]))
    return out


def last_published(store: Store, items: Iterable[str]) -> dict[str, str]:
    """item → the latest publication of the documents of the timeline ``items``."""
    out: dict[str, str] = {}
    for part in _chunks(sorted(set(items))):
        out.update((r["item_id"], r["last"] or "") for r in store.backend.query(
            "SELECT td.item_id, MAX(d.published) AS last FROM timeline_documents td"
            f" JOIN documents d ON d.doc_id = td.doc_id WHERE td.item_id IN {_in(len(part))}"
            " GROUP BY td.item_id", part))
    return out


def items_of_type(store: Store, items: Iterable[str], kind: str, status: str = "occurred"
                  ) -> dict[str, tuple[str | None, str | None, set[str]]]:
    """The ``items`` of type ``kind`` and ``status``: item → (first day, last day, the
    entities it names, participants and places)."""
    out: dict[str, tuple[str | None, str | None, set[str]]] = {}
    for part in _chunks(sorted(set(items))):
        for r in store.backend.query(
                "SELECT t.id, t.date_start, t.date_end, te.entity_id FROM timeline t"
                " LEFT JOIN timeline_entities te ON te.item_id = t.id"
                f" WHERE t.id IN {_in(len(part))} AND t.type = ? AND t.status = ?",
                [*part, kind, status]):
            row = out.setdefault(r["id"], (r["date_start"], r["date_end"], set()))
            if r["entity_id"]:
                row[2].add(r["entity_id"])
    return out


def items_of_kinds(store: Store, types: Iterable[str], lo: str, end: str
                   ) -> list[tuple[str, str, str, str | None, str | None]]:
    """(item, "@", type, first day, last day) of the dated timeline items of ``types``
    whose period meets days ``lo`` to before ``end`` (the ``timeline_start`` index)."""
    out: list[tuple[str, str, str, str | None, str | None]] = []
    for kind in sorted(set(types)):
        out += [(r["id"], "@", kind, r["date_start"], r["date_end"]) for r in store.backend.query(
            "SELECT id, date_start, date_end FROM timeline WHERE date_start < ? AND"
            " date_start >= ? AND date_end >= ? AND type = ?",
            (end, _back(lo, 3), lo, kind))]
    return out


def items_reported(store: Store, entities: Iterable[str], types: Iterable[str], lo: str,
                   end: str) -> list[tuple[str, str, str, str]]:
    """(item, entity, type, published) of the timeline items of ``types`` naming one of
    ``entities`` that hold an undated report published from day ``lo`` to before ``end``
    (the per-entity index, then the item's documents)."""
    kinds = sorted(set(types))
    out: list[tuple[str, str, str, str]] = []
    for part in _chunks(sorted(set(entities))) if kinds else ():
        out += [(r["item_id"], r["entity_id"], r["type"], r["published"])
                for r in store.backend.query(
            "SELECT DISTINCT te.item_id, te.entity_id, t.type, d.published"
            " FROM timeline_entities te JOIN timeline t ON t.id = te.item_id"
            " JOIN timeline_documents td ON td.item_id = te.item_id JOIN documents d"
            f" ON d.doc_id = td.doc_id WHERE te.entity_id IN {_in(len(part))}"
            f" AND t.type IN {_in(len(kinds))} AND d.published >= ? AND d.published < ?",
            [*part, *kinds, lo, end])]
    return out


def items_of_states(store: Store, countries: Iterable[str], types: Iterable[str], lo: str,
                    end: str, states: bool = False) -> list[tuple]:
    """(item, "#" + country, type, first day, last day) of the dated timeline items of
    ``types`` whose period meets days ``lo`` to before ``end`` (the date index) with a
    participant of one of ``countries`` (a person and their state are one party). With
    ``states``: only participants that are places (GPE), as (item, "$" + country, type,
    first day, last day, the place's name)."""
    want = set(countries)
    out: list[tuple] = []
    mark, only = ("$", " AND e.type = 'GPE'") if states else ("#", "")
    for kind in sorted(set(types)) if want else ():
        out += [(r["id"], mark + r["country"], kind, r["date_start"], r["date_end"],
                 *((r["name"],) if states else ()))
                for r in store.backend.query(
            "SELECT DISTINCT t.id, e.country, e.name, t.date_start, t.date_end FROM timeline t"
            " JOIN timeline_entities te ON te.item_id = t.id JOIN entities e"
            " ON e.id = te.entity_id WHERE t.date_start < ? AND t.date_start >= ? AND"
            " t.date_end >= ? AND t.type = ? AND te.role = 'participant'"
            " AND e.country IS NOT NULL" + only,  # (a period item starts a month before at most)
            (end, _back(lo, 31), lo, kind)) if r["country"] in want]
    return out


def _back(day: str, n: int) -> str:
    from datetime import date, timedelta
    try:
        return (date.fromisoformat(day[:10]) - timedelta(days=n)).isoformat()
    except ValueError:
        return day


def items_on(store: Store, days: Iterable[tuple[str, str]]) -> list[tuple[str, str, str, str]]:
    """(item, type, day, a participant's country) of the timeline items of a type dated a
    day: {(type, day)}."""
    out: list[tuple[str, str, str, str]] = []
    for kind, day in sorted(set(days)):
        out += [(r["id"], kind, day, r["country"]) for r in store.backend.query(
            "SELECT DISTINCT t.id, e.country FROM timeline t JOIN timeline_entities te"
            " ON te.item_id = t.id JOIN entities e ON e.id = te.entity_id WHERE t.date = ?"
            " AND t.type = ? AND te.role = 'participant' AND e.country IS NOT NULL",
            (day, kind))]
    return out


def items_and_claims_of_entities(store: Store, entities: Iterable[str]
                                 ) -> tuple[set[str], set[str]]:
    """(timeline ids, claim ids) that name one of ``entities``."""
    items: set[str] = set()
    claims: set[str] = set()
    for part in _chunks(sorted(set(entities))):
        q = _in(len(part))
        items |= {r["item_id"] for r in store.backend.query(
            f"SELECT item_id FROM timeline_entities WHERE entity_id IN {q}", part)}
        claims |= {r["claim_id"] for r in store.backend.query(
            f"SELECT claim_id FROM claim_entities WHERE entity_id IN {q}", part)}
    return items, claims


def disputes_of(store: Store, items: Iterable[str], claims: Iterable[str],
                docs: Iterable[str], entities: Iterable[str] = ()) -> set[str]:
    """The disputes that link one of ``items``, ``claims`` or ``docs``, or are about one
    of ``entities``."""
    out: set[str] = set()
    for kind, ids in (("item", items), ("claim", claims), ("doc", docs), ("entity", entities)):
        for part in _chunks(sorted(set(ids))):
            out |= {r["dispute_id"] for r in store.backend.query(
                "SELECT dispute_id FROM dispute_links WHERE ref_kind = ? AND ref IN "
                f"{_in(len(part))}", [kind, *part])}
    return out


def uncounted_documents(store: Store) -> list[str]:
    """Documents with an extraction whose statements ``lemma_df`` does not count yet."""
    return [r["doc_id"] for r in store.backend.query(
        "SELECT x.doc_id FROM extractions x WHERE NOT EXISTS (SELECT 1 FROM lemma_counted c"
        " WHERE c.doc_id = x.doc_id) ORDER BY x.doc_id")]


def add_lemma_counts(store: Store, docs: Iterable[str], counts: dict[str, int], units: int
                     ) -> None:
    """Count the statements of ``docs`` in: ``counts`` (lemma → statements using it) and
    ``units`` statements."""
    b = store.backend
    rows = [(k, n) for k, n in counts.items() if k] + [("", units)]
    with b.transaction():
        b.executemany("INSERT INTO lemma_df (lemma, n) VALUES (?, ?) ON CONFLICT (lemma)"
                      " DO UPDATE SET n = lemma_df.n + excluded.n", rows)
        b.executemany("INSERT INTO lemma_counted (doc_id) VALUES (?) ON CONFLICT (doc_id)"
                      " DO NOTHING", [(d,) for d in dict.fromkeys(docs)])


def lemma_frequencies(store: Store, lemmas: Iterable[str]) -> tuple[dict[str, int], int]:
    """(lemma → statements of the corpus using it, number of statements)."""
    out: dict[str, int] = {}
    for part in _chunks(sorted(set(lemmas) - {""})):
        out.update((r["lemma"], int(r["n"])) for r in store.backend.query(
            f"SELECT lemma, n FROM lemma_df WHERE lemma IN {_in(len(part))}", part))
    row = store.backend.query_one("SELECT n FROM lemma_df WHERE lemma = ''")
    return out, int(row["n"]) if row else 0


def existing_ids(store: Store, table: str, ids: Iterable[str]) -> set[str]:
    return _column_where_in(store, "id", table, "id", ids)


def _delete(b, table: str, col: str, ids: Iterable[str]) -> None:
    for part in _chunks(sorted(set(ids))):
        b.execute(f"DELETE FROM {table} WHERE {col} IN {_in(len(part))}", part)


def _next_n(b, table: str) -> int:
    row = b.query_one(f"SELECT COALESCE(MAX(n), -1) AS n FROM {table}")
    return int(row["n"]) + 1


def replace_part(store: Store, *, drop_entities: Iterable[str], entities: list[CanonicalEntity],
                 drop_items: Iterable[str], timeline: list[TimelineItem],
                 drop_claims: Iterable[str], claims: list[Claim],
                 drop_disputes: Iterable[str], disputes: list[Dispute],
                 covers: tuple[int, int] | None = None,
                 entity_keys: list[tuple[str, str]] | None = None,
                 claim_keys: list[tuple[str, str, str | None]] | None = None,
                 event_keys: list[tuple] | None = None,
                 events_seen: Iterable[tuple[str, str]] = (),
                 keys_version: str = "") -> None:
    """Swap part of the resolution in one transaction: the ``drop_*`` rows go, the given
    records come in (an entity, item or claim kept under its id is dropped and written
    again). Readers see the old or the new resolution, never a mixture. ``covers``: what
    the resolution is recorded to cover (default: what was read, as ``replace_resolution``);
    (0, -1) records it as covering nothing (stale), as a rebuild does until its last block.
    ``entity_keys`` / ``claim_keys``: the look-up keys of the entities and claims written
    ((id, key) / (id, key, last day reported)); ``event_keys``: the rows of the events
    no item holds among ``events_seen`` ((doc, event): those the update resolved); without
    them the stored keys are left behind (rebuilt on the next incremental update)."""
    b = store.backend
    entities = list(_unique_by_id((e.id, e) for e in entities))
    timeline = list(_unique_by_id((t.id, t) for t in timeline))
    claims = list(_unique_by_id((c.id, c) for c in claims))
    disputes = list(_unique_by_id((d.id, d) for d in disputes))
    with b.transaction():
        keyed = entity_keys is not None and claim_keys is not None \
            and event_keys is not None and keys_valid(store, keys_version)
        old_items = set(drop_items) | {t.id for t in timeline}
        old_te = _pair_entities(b, old_items)
        _delete(b, "dispute_links", "dispute_id", set(drop_disputes) | {d.id for d in disputes})
        _delete(b, "disputes", "id", set(drop_disputes) | {d.id for d in disputes})
        for table, col in (("claim_documents", "claim_id"), ("claim_entities", "claim_id"),
                           ("claims", "id")):
            _delete(b, table, col, set(drop_claims) | {c.id for c in claims})
        for table, col in (("timeline_documents", "item_id"), ("timeline_entities", "item_id"),
                           ("timeline", "id")):
            _delete(b, table, col, old_items)
        for table, col in (("entity_documents", "entity_id"), ("entity_names", "entity_id"),
                           ("entities", "id")):
            _delete(b, table, col, set(drop_entities) | {e.id for e in entities})
        _insert_entities(b, entities)
        by_name = _names_of(b, timeline, claims)
        n0 = _next_n(b, "timeline")
        tl_rows, te_rows = _timeline_rows(timeline, by_name)
        tl_rows = [(r[0], n0 + r[1], *r[2:]) for r in tl_rows]
        te_rows = [(*r[:4], n0 + r[4], *r[5:]) for r in te_rows]
        b.executemany("INSERT INTO timeline (id, n, date, type, status, data, date_start,"
                      " date_end, chrono) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", tl_rows)
        b.executemany("INSERT INTO timeline_entities (item_id, entity_id, role, date, n,"
                      " date_start, date_end, chrono) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", te_rows)
        insert_claims(b, claims, by_name, _next_n(b, "claims"))
        write_doc_keys(b, timeline, claims)
        insert_disputes(b, disputes, _next_n(b, "disputes"))
        _rerank(b)
        _repair_pairs(b, old_te, [(r[0], r[1], r[2]) for r in te_rows])
        if covers is None:
            covers = store._read_stamp if store._read_stamp is not None else store._stamp()
        store._read_stamp = None
        store._bump()
        b.execute("DELETE FROM resolution_state")
        b.execute("INSERT INTO resolution_state (id, extractions, max_rev, built_at)"
                  " VALUES (1, ?, ?, ?)",
                  (covers[0], covers[1], datetime.now(timezone.utc).isoformat(timespec="seconds")))
        if keyed:
            _delete(b, "entity_keys", "entity_id", set(drop_entities) | {e.id for e in entities})
            _delete(b, "claim_keys", "claim_id", set(drop_claims) | {c.id for c in claims})
            _insert_keys(b, entity_keys or [], claim_keys or [])
            seen = sorted(set(events_seen))
            for i in range(0, len(seen), CHUNK // 2):
                part = seen[i:i + CHUNK // 2]
                b.execute("DELETE FROM event_keys WHERE " + " OR ".join(
                    ["(doc_id = ? AND event_id = ?)"] * len(part)), [x for p in part for x in p])
            _insert_event_keys(b, event_keys or [])
            _stamp_keys(b, keys_version)
        else:
            b.execute("DELETE FROM incremental_keys_state")


def mark_stale(store: Store) -> None:
    """Record the resolution as covering nothing: the next ingest rebuilds it (a rebuild in
    blocks marks it so until its last block is written)."""
    with store.backend.transaction():
        store.backend.execute("UPDATE resolution_state SET extractions = 0, max_rev = -1")


def _pair_entities(b, items: set[str]) -> list[tuple]:
    """(item, entity, role) rows of ``timeline_entities`` for ``items``."""
    out: list[tuple] = []
    for part in _chunks(sorted(items)):
        out += [(r["item_id"], r["entity_id"], r["role"]) for r in b.query(
            "SELECT item_id, entity_id, role FROM timeline_entities WHERE item_id IN "
            f"{_in(len(part))}", part)]
    return out


def _insert_entities(b, entities: list[CanonicalEntity]) -> None:
    n0 = _next_n(b, "entities")
    rows = []
    for i, e in enumerate(entities):
        # a shallow dict (the fields are JSON values): asdict's deep copy of a large
        # entity's member list is most of the write's time
        data = {f.name: getattr(e, f.name) for f in fields(e)}
        rows.append((e.id, n0 + i, e.name, e.type, e.country, len(set(e.documents)),
                     _dumps(data), _dumps(_entity_summary(data))))
    b.executemany("INSERT INTO entities (id, n, name, type, country, n_documents, data, summary)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    b.executemany("INSERT INTO entity_names (entity_id, name_norm) VALUES (?, ?)",
                  [(e.id, key) for e in entities
                   for key in dict.fromkeys(norm_name(n) for n in [e.name, *e.aliases]) if key])
    b.executemany("INSERT INTO entity_documents (entity_id, doc_id) VALUES (?, ?)",
                  [(e.id, d) for e in entities for d in dict.fromkeys(e.documents)])


def _names_of(b, timeline: list[TimelineItem], claims: list[Claim]) -> dict[str, str]:
    """Normalised name → entity id for the names the items cite (first by list order)."""
    names = {norm_name(n) for t in timeline for n in [*t.participants, t.location] if n}
    names |= {norm_name(n) for c in claims for n in [c.speaker, *c.about] if n}
    by_name: dict[str, str] = {}
    for part in _chunks(sorted(k for k in names if k)):
        for r in b.query("SELECT n.entity_id, n.name_norm FROM entity_names n JOIN entities e"
                         f" ON e.id = n.entity_id WHERE n.name_norm IN {_in(len(part))}"
                         " ORDER BY e.n", part):
            by_name.setdefault(r["name_norm"], r["entity_id"])
    return by_name


def _rerank(b) -> None:
    """The contract's timeline order (``chrono``) for every item, rewritten where it moved."""
    from ..dates import chrono_key

    class _K:  # what chrono_key reads
        __slots__ = ("id", "date", "type", "summary")
        id: str
        date: str | None
        type: str
        summary: str

    summary = ("json_extract(data, '$.summary')" if b.name == "sqlite"
               else "(data::json)->>'summary'")
    rows = b.query(f"SELECT id, date, type, chrono, {summary} AS summary FROM timeline")
    keyed = []
    for r in rows:
        k = _K()
        k.id, k.date, k.type = r["id"], r["date"], r["type"]
        k.summary = r["summary"] or ""
        keyed.append((chrono_key(k), r["id"], r["chrono"]))
    keyed.sort(key=lambda x: x[0])
    moved = [(rank, iid) for rank, (_, iid, old) in enumerate(keyed) if old != rank]
    b.executemany("UPDATE timeline SET chrono = ? WHERE id = ?", moved)
    b.executemany("UPDATE timeline_entities SET chrono = ? WHERE item_id = ?", moved)


def _repair_pairs(b, old_te: list[tuple], new_te: list[tuple]) -> None:
    """``timeline_pairs`` moved by the items swapped: the old items' pairs counted out,
    the new ones' counted in (an upsert), pairs left at zero removed."""
    from collections import Counter
    delta: Counter = Counter()
    for me, other, n in _pair_rows(old_te):
        delta[(me, other)] -= n
    for me, other, n in _pair_rows(new_te):
        delta[(me, other)] += n
    b.executemany("INSERT INTO timeline_pairs (entity_id, other_id, events) VALUES (?, ?, ?)"
                  " ON CONFLICT (entity_id, other_id) DO UPDATE"
                  " SET events = timeline_pairs.events + excluded.events",
                  [(me, other, n) for (me, other), n in delta.items() if n])
    b.execute("DELETE FROM timeline_pairs WHERE events <= 0")
