"""``Store``: documents, extractions and the cross-document resolution, in SQL.

Owns every read and write of the knowledge base. Each write method is one transaction
(a document with its repairs and extraction; a whole resolution), so a failure leaves
nothing half-written. Records go in and come out as the dataclasses of
``dossier.records``; the full record is kept as JSON next to the indexed columns that
queries need.
"""
from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone
from typing import Any, Iterator, Sequence

from unidecode import unidecode

from ..errors import DossierError, E
from ..ids import content_hash
from ..records import (EXTRACT_SCHEMA, CanonicalEntity, Claim, Dispute, Document, Extraction,
                       Repair, TimelineItem, field_names)
from .backends import Backend
from .migrate import current_version, migrate

_PAGE = 64  # rows per round trip when streaming
# LSH banding of the stored near-duplicate index (migration 008): datasketch's optimum for
# a 0.6 candidate threshold over 128 permutations; candidates looked at per lookup
LSH_BANDS, LSH_ROWS = 18, 7
NEAR_DUPLICATE_CANDIDATES = 256


def band_keys(signature: list[int]) -> list[int]:
    """The LSH band keys of a MinHash signature: one signed 64-bit hash per band."""
    keys = []
    for i in range(LSH_BANDS):
        values = signature[i * LSH_ROWS:(i + 1) * LSH_ROWS]
        blob = i.to_bytes(2, "big") + b"".join(int(v).to_bytes(8, "big") for v in values)
        keys.append(int.from_bytes(hashlib.blake2b(blob, digest_size=8).digest(), "big",
                                   signed=True))
    return keys


def norm_name(name: str | None) -> str:
    """The lookup key of a name: ASCII, lower case, words separated by one space."""
    return " ".join(re.findall(r"[a-z0-9]+", unidecode(name or "").lower()))


def _dumps(value: Any) -> str:
    # default=str: a reader's metadata may hold dates or other non-JSON values
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def _fields(rec: Any) -> dict[str, Any]:
    """A resolution record's fields as a shallow dict, for ``_dumps``: their values are JSON
    values already (``to_json``'s ``asdict`` deep-copies them, most of a write's time)."""
    return {name: getattr(rec, name) for name in field_names(type(rec))}


def _loads(value: Any) -> Any:
    if value is None or isinstance(value, (dict, list)):
        return value
    return json.loads(value)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


_DOC_COLUMNS = ("seq, doc_id, content_hash, title, published, source, url, origin, format, lang,"
                " raw_text, text, copy_of, similarity, meta, ingested_at")


class Store:
    """The knowledge base behind one SQLite file or PostgreSQL database.

    Use ``open_store(url)``; a ``Store`` is a context manager that closes on exit.
    """

    def __init__(self, backend: Backend, url: str = "") -> None:
        self.backend = backend
        self.url = url
        self._read_stamp: tuple[int, int] | None = None
        before = current_version(backend)
        self.schema_version = migrate(backend)
        if before and before < 4 <= self.schema_version:
            self._backfill_query_columns()
        if before and before < 8 <= self.schema_version:
            self._backfill_bands()

    def _count(self, sql: str, params: Sequence[Any] = ()) -> int:
        """The ``n`` of a ``SELECT COUNT(*) AS n ...`` query."""
        row = self.backend.query_one(sql, params)
        return int(row["n"]) if row else 0

    # ------------------------------------------------------------------ lifecycle
    @property
    def dialect(self) -> str:
        return self.backend.name

    def transaction(self):
        """A context manager: the writes inside it commit together or not at all."""
        return self.backend.transaction()

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.dialect} schema v{self.schema_version}>"

    # ------------------------------------------------------------------ writes
    def add_document(self, doc: Document, extraction: Extraction | None = None,
                     signature: list[int] | None = None) -> str:
        """Store a document (+ repairs, + extraction) in one transaction; return its id.

        Content already stored is not stored twice: the existing id is returned. An id
        already used by different content gets a deterministic suffix (``-<hash>``), set
        on ``doc`` (and ``extraction.doc``) as well.
        """
        doc.content_hash = doc.content_hash or content_hash(doc.text)
        for attempt in range(3):
            try:
                return self._add_document(doc, extraction, signature)
            except Exception as exc:
                # a concurrent writer (PostgreSQL) stored the same content or took the id
                # between our check and our insert: look again, in a new transaction
                if attempt == 2 or self.backend.in_transaction() \
                        or not self.backend.is_unique_violation(exc):
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _add_document(self, doc: Document, extraction: Extraction | None,
                      signature: list[int] | None) -> str:
        with self.backend.transaction():
            existing = self.find_by_hash(doc.content_hash)
            if existing is not None:
                return existing
            self._bump()
            doc.id = self.free_id(doc.id, doc.content_hash)
            if extraction is not None:
                extraction.doc.id = doc.id
            self.backend.execute(
                "INSERT INTO documents (doc_id, content_hash, title, published, source, url,"
                " origin, format, lang, raw_text, text, copy_of, similarity, meta, signature,"
                " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.id, doc.content_hash, doc.title, doc.published, doc.source, doc.url,
                 doc.origin, doc.format, doc.lang, doc.raw_text, doc.text, doc.copy_of,
                 doc.similarity, _dumps(doc.meta or {}),
                 None if signature is None else _dumps([int(x) for x in signature]), _now()))
            self.backend.executemany(
                "INSERT INTO repairs (doc_id, n, start_char, end_char, original, replacement)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(doc.id, i, r.start, r.end, r.original, r.replacement)
                 for i, r in enumerate(doc.repairs)])
            if signature is not None and doc.copy_of is None and len(signature) >= \
                    LSH_BANDS * LSH_ROWS:  # a copy is found through its original
                self.backend.executemany(
                    "INSERT INTO doc_bands (band_key, seq) SELECT ?, seq FROM documents"
                    " WHERE doc_id = ?", [(k, doc.id) for k in band_keys(signature)])
            if extraction is not None:
                self._write_extraction(extraction)
        return doc.id

    def save_extraction(self, extraction: Extraction) -> None:
        """Replace the extraction of a stored document (one transaction)."""
        with self.backend.transaction():
            if not self.has_document(extraction.doc.id):
                raise DossierError(E.E202, detail=extraction.doc.id)
            self._bump()
            self._write_extraction(extraction)

    def free_id(self, doc_id: str, digest: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
        """``doc_id``, or ``<doc_id>-<digest prefix>`` when a stored document (or one of
        ``taken``) already has that id."""
        candidate, width = doc_id, 8
        while candidate in taken or self.has_document(candidate):
            candidate = f"{doc_id}-{digest[:width]}"
            width += 4
        return candidate

    def _write_extraction(self, ext: Extraction) -> None:
        doc_id = ext.doc.id
        b = self.backend
        for table in ("extractions", "doc_entities", "mentions", "times", "events", "statements"):
            b.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
        b.execute(
            "INSERT INTO extractions (doc_id, schema_name, n_entities, n_times, n_events,"
            " n_statements, data, extracted_at, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
            " (SELECT n FROM store_version WHERE id = 1))",
            (doc_id, EXTRACT_SCHEMA, len(ext.entities), len(ext.times), len(ext.events),
             len(ext.statements), _dumps(ext.to_json()), _now()))
        b.executemany(
            "INSERT INTO doc_entities (doc_id, entity_id, name, name_norm, type, country)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            list(_unique_by_id(
                (e.id, (doc_id, e.id, e.name, norm_name(e.name), e.type, e.country))
                for e in ext.entities)))
        b.executemany(
            "INSERT INTO mentions (doc_id, n, entity_id, start_char, end_char, text, kind)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, i, e.id, m.start, m.end, m.text, m.kind)
             for i, (e, m) in enumerate((e, m) for e in ext.entities for m in e.mentions)])
        b.executemany(
            "INSERT INTO times (doc_id, n, start_char, end_char, text, value)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(doc_id, i, t.start, t.end, t.text, t.value) for i, t in enumerate(ext.times)])
        b.executemany(
            "INSERT INTO events (doc_id, event_id, type, mode, status, date, trigger_text,"
            " start_char, end_char) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            list(_unique_by_id(
                (v.id, (doc_id, v.id, v.type, v.mode, v.status, v.date, v.trigger,
                        (v.evidence or {}).get("start"), (v.evidence or {}).get("end")))
                for v in ext.events)))
        b.executemany(
            "INSERT INTO statements (doc_id, statement_id, kind, speaker, speaker_text, date,"
            " content, start_char, end_char) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            list(_unique_by_id(
                (s.id, (doc_id, s.id, s.kind, s.speaker, s.speaker_text, s.date, s.content,
                        (s.content_span or {}).get("start"), (s.content_span or {}).get("end")))
                for s in ext.statements)))

    def replace_resolution(self, entities: list[CanonicalEntity], timeline: list[TimelineItem],
                           claims: list[Claim], disputes: list[Dispute] | None = None) -> None:
        """Swap the whole cross-document resolution for a new one (one transaction)."""
        by_name: dict[str, str] = {}
        for ent in entities:
            for name in [ent.name, *ent.aliases]:
                by_name.setdefault(norm_name(name), ent.id)
        b = self.backend
        with b.transaction():
            for table in ("dispute_links", "disputes", "claim_documents", "claim_entities",
                          "claims", "timeline_pairs", "timeline_documents", "timeline_entities",
                          "timeline",
                          "entity_documents", "entity_names", "entities", "resolution_state"):
                b.execute(f"DELETE FROM {table}")
            # stamped with what the resolution read (taken when iter_extractions began),
            # not what is stored now: a document stored meanwhile leaves it stale
            covers = self._read_stamp if self._read_stamp is not None else self._stamp()
            self._read_stamp = None
            self._bump()
            b.execute("INSERT INTO resolution_state (id, extractions, max_rev, built_at)"
                      " VALUES (1, ?, ?, ?)",
                      (covers[0], covers[1],
                       datetime.now(timezone.utc).isoformat(timespec="seconds")))
            entities = list(_unique_by_id((e.id, e) for e in entities))
            b.executemany(
                "INSERT INTO entities (id, n, name, type, country, n_documents, data, summary)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(e.id, i, e.name, e.type, e.country, len(set(e.documents)), _dumps(data),
                  _dumps(_entity_summary(data)))
                 for i, e in enumerate(entities) for data in [_fields(e)]])
            b.executemany(
                "INSERT INTO entity_names (entity_id, name_norm) VALUES (?, ?)",
                [(e.id, key) for e in entities
                 for key in dict.fromkeys(norm_name(n) for n in [e.name, *e.aliases]) if key])
            b.executemany(
                "INSERT INTO entity_documents (entity_id, doc_id) VALUES (?, ?)",
                [(e.id, d) for e in entities for d in dict.fromkeys(e.documents)])
            timeline = list(_unique_by_id((t.id, t) for t in timeline))
            tl_rows, te_rows = _timeline_rows(timeline, by_name)
            b.executemany(
                "INSERT INTO timeline (id, n, date, type, status, data, date_start, date_end,"
                " chrono) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", tl_rows)
            b.executemany(
                "INSERT INTO timeline_entities (item_id, entity_id, role, date, n, date_start,"
                " date_end, chrono) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", te_rows)
            b.executemany("INSERT INTO timeline_pairs (entity_id, other_id, events)"
                          " VALUES (?, ?, ?)", _pair_rows(te_rows))
            claims = list(_unique_by_id((c.id, c) for c in claims))
            insert_claims(b, claims, by_name)
            write_doc_keys(b, timeline, claims)
            self._write_disputes(disputes or [])

    def _write_disputes(self, disputes: list[Dispute]) -> None:
        insert_disputes(self.backend, list(_unique_by_id((d.id, d) for d in disputes)))

    def list_disputes(self, doc: str | None = None, item: str | None = None,
                      claim: str | None = None, kind: str | None = None,
                      limit: int | None = None, offset: int = 0) -> list[Dispute]:
        """Disputes in resolution order; only those touching a document, a timeline item or a
        claim (ids), or of one kind (number, date, name, place, participants, denial)."""
        where, params = [], []
        for ref_kind, ref in (("doc", doc), ("item", item), ("claim", claim)):
            if ref:
                where.append("EXISTS (SELECT 1 FROM dispute_links l WHERE l.dispute_id = d.id"
                             " AND l.ref_kind = ? AND l.ref = ?)")
                params += [ref_kind, ref]
        if kind:
            where.append("d.kind = ?")
            params.append(kind)
        clause, more = self.backend.limit_clause(limit, offset)
        sql = ("SELECT d.data FROM disputes d" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY d.n" + clause)
        return [Dispute.from_json(_loads(r["data"])) for r in self.backend.query(sql, params + more)]

    def get_dispute(self, id: str) -> Dispute | None:
        row = self.backend.query_one("SELECT data FROM disputes WHERE id = ?", (id,))
        return Dispute.from_json(_loads(row["data"])) if row else None

    def _backfill_query_columns(self) -> None:
        """Fill the query columns of migration 004 for a resolution stored before it."""
        b = self.backend
        by_name: dict[str, str] = {}
        for r in b.query("SELECT n.entity_id, n.name_norm FROM entity_names n"
                         " JOIN entities e ON e.id = n.entity_id ORDER BY e.n"):
            by_name.setdefault(r["name_norm"], r["entity_id"])
        with b.transaction():
            for r in b.query("SELECT id, data FROM entities"):
                b.execute("UPDATE entities SET summary = ? WHERE id = ?",
                          (_dumps(_entity_summary(_loads(r["data"]))), r["id"]))
            timeline = [TimelineItem.from_json(_loads(r["data"]))
                        for r in b.query("SELECT data FROM timeline ORDER BY n")]
            tl_rows, te_rows = _timeline_rows(timeline, by_name)
            b.executemany("UPDATE timeline SET date_start = ?, date_end = ?, chrono = ?"
                          " WHERE id = ?", [(r[6], r[7], r[8], r[0]) for r in tl_rows])
            b.execute("DELETE FROM timeline_entities")
            b.executemany(
                "INSERT INTO timeline_entities (item_id, entity_id, role, date, n, date_start,"
                " date_end, chrono) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", te_rows)
            b.execute("DELETE FROM timeline_pairs")
            b.executemany("INSERT INTO timeline_pairs (entity_id, other_id, events)"
                          " VALUES (?, ?, ?)", _pair_rows(te_rows))

    # ------------------------------------------------------------------ documents
    def find_by_hash(self, content_hash: str) -> str | None:
        row = self.backend.query_one("SELECT doc_id FROM documents WHERE content_hash = ?",
                                     (content_hash,))
        return row["doc_id"] if row else None

    def has_document(self, doc_id: str) -> bool:
        return self.backend.query_one("SELECT 1 AS x FROM documents WHERE doc_id = ?",
                                      (doc_id,)) is not None

    def get_document(self, doc_id: str) -> Document | None:
        row = self.backend.query_one(f"SELECT {_DOC_COLUMNS} FROM documents WHERE doc_id = ?",
                                     (doc_id,))
        if row is None:
            return None
        repairs = [Repair(start=r["start_char"], end=r["end_char"], original=r["original"],
                          replacement=r["replacement"])
                   for r in self.backend.query(
                       "SELECT start_char, end_char, original, replacement FROM repairs"
                       " WHERE doc_id = ? ORDER BY n", (doc_id,))]
        return _document(row, repairs)

    def get_extraction(self, doc_id: str) -> Extraction | None:
        row = self.backend.query_one("SELECT data FROM extractions WHERE doc_id = ?", (doc_id,))
        if row is None:
            return None
        return Extraction.from_json(_loads(row["data"]), document=self.get_document(doc_id))

    def document_info(self, doc_id: str) -> dict[str, Any] | None:
        """A document's metadata, repairs and extraction counts (for ``dossier show``)."""
        row = self.backend.query_one(
            "SELECT d.doc_id AS id, d.title, d.published, d.source, d.url, d.origin, d.format,"
            " d.lang, d.content_hash, d.copy_of, d.similarity, d.meta, d.ingested_at,"
            " LENGTH(d.text) AS chars, x.n_entities, x.n_times, x.n_events, x.n_statements,"
            " x.extracted_at FROM documents d LEFT JOIN extractions x ON x.doc_id = d.doc_id"
            " WHERE d.doc_id = ?", (doc_id,))
        if row is None:
            return None
        row["meta"] = _loads(row["meta"]) or {}
        row["repairs"] = [
            {"start": r["start_char"], "end": r["end_char"], "original": r["original"],
             "replacement": r["replacement"]}
            for r in self.backend.query(
                "SELECT start_char, end_char, original, replacement FROM repairs"
                " WHERE doc_id = ? ORDER BY n", (doc_id,))]
        row["copies"] = [r["doc_id"] for r in self.backend.query(
            "SELECT doc_id FROM documents WHERE copy_of = ? ORDER BY seq", (doc_id,))]
        return row

    def list_documents(self, limit: int | None = 100, offset: int = 0,
                       source: str | None = None) -> list[dict[str, Any]]:
        where, params = "", []
        if source:
            where, params = " WHERE source = ?", [source]
        clause, more = self.backend.limit_clause(limit, offset)
        cols = ("SELECT d.doc_id AS id, d.title, d.published, d.source, d.url, d.copy_of,"
                " d.similarity, COALESCE(x.n_entities, 0) AS n_entities,"
                " COALESCE(x.n_times, 0) AS n_times, COALESCE(x.n_events, 0) AS n_events,"
                " COALESCE(x.n_statements, 0) AS n_statements, d.ingested_at"
                " FROM documents d LEFT JOIN extractions x ON x.doc_id = d.doc_id")
        if not clause:
            return self.backend.query(cols + where.replace("source", "d.source")
                                      + " ORDER BY d.seq", params)
        # the page's keys first, from the slim (source, seq) / (seq) index: a deep OFFSET
        # skips index entries, not whole document rows
        return self.backend.query(
            f"{cols} WHERE d.seq IN (SELECT seq FROM documents{where} ORDER BY seq{clause})"
            " ORDER BY d.seq", params + more)

    def count_documents(self) -> int:
        return self._count("SELECT COUNT(*) AS n FROM documents")

    def iter_documents(self, without_extraction: bool = False) -> Iterator[Document]:
        """Every stored document (repairs included), in ingestion order, streamed;
        ``without_extraction``: only those not extracted yet."""
        sql = f"SELECT {_DOC_COLUMNS} FROM documents"
        if without_extraction:
            sql += (" WHERE NOT EXISTS (SELECT 1 FROM extractions x"
                    " WHERE x.doc_id = documents.doc_id)")
        for row in self._pages(sql, where_and=without_extraction):
            yield self.get_document(row["doc_id"]) or _document(row, [])

    def iter_extractions(self) -> Iterator[Extraction]:
        """Every stored extraction, in document (ingestion) order, streamed page by page.

        Notes what it starts from (``_stamp``): the next ``replace_resolution`` records it
        as what the resolution covers."""
        self._read_stamp = self._stamp()
        sql = (f"SELECT {', '.join('d.' + c.strip() for c in _DOC_COLUMNS.split(','))},"
               " x.data AS data FROM documents d JOIN extractions x ON x.doc_id = d.doc_id")
        for row in self._pages(sql, key="d.seq"):
            data = _loads(row["data"])
            repairs = [Repair.from_json(r) for r in data.get("repairs", [])]
            yield Extraction.from_json(data, document=_document(row, repairs))

    def near_duplicate_candidates(self, signature: list[int],
                                  limit: int = NEAR_DUPLICATE_CANDIDATES
                                  ) -> list[tuple[str, list[int]]]:
        """``(doc_id, signature)`` of stored originals sharing an LSH band with
        ``signature``, earliest first, at most ``limit`` (one index range per band: the
        cost does not grow with the store)."""
        if len(signature) < LSH_BANDS * LSH_ROWS:
            return []
        keys = band_keys(signature)
        rows = self.backend.query(
            "SELECT doc_id, signature FROM documents WHERE seq IN (SELECT seq FROM doc_bands"
            f" WHERE band_key IN ({', '.join('?' * len(keys))})) ORDER BY seq LIMIT ?",
            [*keys, int(limit)])
        return [(r["doc_id"], _loads(r["signature"])) for r in rows if r["signature"]]

    def _backfill_bands(self) -> None:
        """Band keys for the originals stored before migration 008."""
        rows = self._pages("SELECT seq, doc_id, signature FROM documents"
                           " WHERE signature IS NOT NULL AND copy_of IS NULL", where_and=True)
        batch: list[tuple[int, int]] = []
        with self.backend.transaction():
            for row in rows:
                sig = _loads(row["signature"])
                if len(sig) >= LSH_BANDS * LSH_ROWS:
                    batch += [(k, row["seq"]) for k in band_keys(sig)]
                if len(batch) >= 10_000:
                    self.backend.executemany(
                        "INSERT INTO doc_bands (band_key, seq) VALUES (?, ?)", batch)
                    batch = []
            self.backend.executemany("INSERT INTO doc_bands (band_key, seq) VALUES (?, ?)", batch)

    def iter_signatures(self) -> Iterator[tuple[str, list[int]]]:
        for row in self._pages("SELECT seq, doc_id, signature FROM documents"
                               " WHERE signature IS NOT NULL", where_and=True):
            yield row["doc_id"], _loads(row["signature"])

    def _pages(self, sql: str, key: str = "seq", where_and: bool = False) -> Iterator[dict]:
        """Keyset pagination: streams without holding a cursor open between pages."""
        last = -1
        joiner = " AND " if where_and else " WHERE "
        while True:
            rows = self.backend.query(f"{sql}{joiner}{key} > ? ORDER BY {key} LIMIT ?",
                                      (last, _PAGE))
            yield from rows
            if len(rows) < _PAGE:
                return
            last = rows[-1]["seq"]

    # ------------------------------------------------------------------ search
    def search(self, q: str, limit: int = 20, offset: int = 0,
               variants: bool = True) -> list[dict[str, Any]]:
        """Full-text search over titles and texts: ``id, title, published, source, snippet,
        rank``. ``variants``: a query word or phrase naming an entity also matches its other
        names (``Witkoff`` finds ``Vitkoff``); each row's ``matched`` lists the names of the
        query found in its snippet, and ``variants`` the names searched for."""
        groups = self.search_groups(q) if variants else None
        if not groups or all(len(g) == 1 for g in groups):
            rows = self.backend.search(q or "", limit, offset)
            groups = None
        else:
            rows = self.backend.search(q or "", limit, offset, groups=groups)
        names = [v for g in groups or [] for v in g]
        for r in rows:
            snip = norm_name(r.get("snippet") or "")
            r["matched"] = [v for v in names if f" {norm_name(v)} " in f" {snip} "]
            r["variants"] = names
        return rows

    def count_search(self, q: str, variants: bool = True) -> int:
        """How many documents ``search(q)`` matches (counted on the index: no ranking)."""
        groups = self.search_groups(q) if variants else None
        if not groups or all(len(g) == 1 for g in groups):
            return self.backend.count_search(q or "")
        return self.backend.count_search(q or "", groups=groups)

    def search_groups(self, q: str, longest: int = 4) -> list[list[str]]:
        """The query as groups of alternatives: each run of words naming an entity (the
        longest first) becomes that entity's names; any other word stays itself."""
        words = re.findall(r"\w+", q or "")
        groups, i = [], 0
        while i < len(words):
            for n in range(min(longest, len(words) - i), 0, -1):
                names = self._names_of(" ".join(words[i:i + n]))
                if names:
                    groups.append(names)
                    i += n
                    break
            else:
                groups.append([words[i]])
                i += 1
        return groups

    def _names_of(self, phrase: str) -> list[str]:
        """Every name of the entities one of whose names is ``phrase`` (the phrase first)."""
        key = norm_name(phrase)
        if not key or len(key) < 3:
            return []
        ids = [r["entity_id"] for r in self.backend.query(
            "SELECT entity_id FROM entity_names WHERE name_norm = ? LIMIT 5", (key,))]
        if not ids:
            return []
        names = [phrase]
        for eid in ids:
            ent = self.get_entity(eid)
            for name in ([ent.name, *ent.aliases] if ent else []):
                if name and norm_name(name) not in {norm_name(x) for x in names}:
                    names.append(name)
        return names

    # ------------------------------------------------------------------ resolution
    def _entity_refs(self, ref: str) -> tuple[str, list[Any]]:
        """SQL (a sub-select of entity ids) matching an entity id, a name, or a name key."""
        key = norm_name(ref)
        return ("SELECT ? UNION SELECT ? UNION SELECT entity_id FROM entity_names"
                " WHERE name_norm = ?", [ref, f"name:{key}", key])

    def list_entities(self, q: str | None = None, type: str | None = None,
                      limit: int | None = None, offset: int = 0,
                      slim: bool = False) -> list[CanonicalEntity]:
        """Canonical entities; ``q`` matches any name or alias (exact matches first).
        ``slim``: without their document and member lists (fast; ``get_entity`` has them)."""
        where, params = self._entity_where(q, type)
        order, order_params = "e.n", []
        if q:
            key = norm_name(q)
            order = ("CASE WHEN e.id = ? OR EXISTS (SELECT 1 FROM entity_names m"
                     " WHERE m.entity_id = e.id AND m.name_norm = ?) THEN 0 ELSE 1 END,"
                     " e.n_documents DESC, e.n")
            order_params = [q, key]
        clause, more = self.backend.limit_clause(limit, offset)
        col = "COALESCE(e.summary, e.data)" if slim else "e.data"
        sql = (f"SELECT {col} AS data FROM entities e"
               + (" WHERE " + " AND ".join(where) if where else "")
               + f" ORDER BY {order}{clause}")
        return [CanonicalEntity.from_json(_loads(r["data"]))
                for r in self.backend.query(sql, params + order_params + more)]

    @staticmethod
    def _entity_where(q: str | None, type: str | None) -> tuple[list[str], list[Any]]:  # noqa: A002
        """WHERE terms of ``list_entities``: a type, a name or alias containing ``q``."""
        where, params = [], []
        if type:
            where.append("e.type = ?")
            params.append(type)
        if q:
            where.append("(e.id = ? OR EXISTS (SELECT 1 FROM entity_names m"
                         " WHERE m.entity_id = e.id AND m.name_norm LIKE ?))")
            params += [q, f"%{norm_name(q)}%"]
        return where, params

    def count_entities(self, q: str | None = None, type: str | None = None) -> int:  # noqa: A002
        """How many entities ``list_entities(q, type)`` lists."""
        where, params = self._entity_where(q, type)
        return self._count(
            "SELECT COUNT(*) AS n FROM entities e"
            + (" WHERE " + " AND ".join(where) if where else ""), params)

    def get_entity(self, id: str) -> CanonicalEntity | None:
        row = self.backend.query_one("SELECT data FROM entities WHERE id = ?", (id,))
        return CanonicalEntity.from_json(_loads(row["data"])) if row else None

    def _entity_ids(self, ref: str) -> list[str]:
        """The ids ``_entity_refs`` stands for (an id, a name key, the entities of a name)."""
        key = norm_name(ref)
        ids = dict.fromkeys([ref, f"name:{key}"])
        for r in self.backend.query("SELECT entity_id FROM entity_names WHERE name_norm = ?",
                                    (key,)):
            ids.setdefault(r["entity_id"])
        # only those some item refers to: one id makes the timeline an ordered index range
        found = [i for i in ids if self.backend.query_one(
            "SELECT 1 AS x FROM timeline_entities WHERE entity_id = ? LIMIT 1", (i,))]
        return found or [ref]

    def list_timeline(self, date_from: str | None = None, date_to: str | None = None,
                      entity: str | None = None, limit: int | None = None,
                      offset: int = 0, *, start_from: str | None = None,
                      end_to: str | None = None, order: str = "date") -> list[TimelineItem]:
        """Timeline items, oldest first. Dates compare as ISO prefixes (``--to 2025-12``
        includes December); with a date bound, undated items and unknown years are left out.
        ``entity`` is a canonical entity id or any of its names.

        ``start_from`` / ``end_to`` (ISO days): only items whose whole period (the day,
        week, month or year their date names) lies within them. ``order="chrono"``: the
        contract's order (by period start, more precise first, undated last) instead of
        by date string."""
        chrono = order == "chrono"
        periods = bool(start_from or end_to)
        where, params = [], []

        def filters(a: str) -> None:
            if date_from or date_to:
                where.append(f"{a}.date IS NOT NULL AND {a}.date NOT LIKE 'X%'")
            if date_from:
                where.append(f"{a}.date >= ?")
                params.append(date_from)
            if date_to:
                where.append(f"{a}.date <= ?")
                params.append(date_to + "~")  # '~' sorts after digits, '-', 'W' and 'X'
            _period_where(a, start_from, end_to, where, params)

        def order_by(a: str) -> str:
            if chrono:  # with a period bound every start is set: (start, chrono) = chrono
                return f"{a}.date_start, {a}.chrono" if periods else f"{a}.chrono"
            return f"CASE WHEN {a}.date IS NULL THEN 1 ELSE 0 END, {a}.date, {a}.n"

        clause, more = self.backend.limit_clause(limit, offset)
        if entity and not (chrono or periods or date_from or date_to):
            # by date only: walk the items in order (index timeline_order, migration 003) and
            # stop after LIMIT of them that have the entity
            sub, sub_params = self._entity_refs(entity)
            sql = ("SELECT t.data FROM timeline t WHERE EXISTS (SELECT 1 FROM timeline_entities"
                   f" te WHERE te.item_id = t.id AND te.entity_id IN ({sub}))"
                   f" ORDER BY {order_by('t')}{clause}")
            return [TimelineItem.from_json(_loads(r["data"]))
                    for r in self.backend.query(sql, sub_params + more)]
        if entity:
            # the entity's rows of timeline_entities carry the sort and filter keys: the
            # page is chosen there (an index range), then only its items are read
            ids = self._entity_ids(entity)
            where.append(f"te.entity_id IN ({', '.join('?' * len(ids))})")
            params += ids
            filters("te")
            keys = ("te.date_start, te.chrono" if chrono and periods else "te.chrono" if chrono
                    else "CASE WHEN te.date IS NULL THEN 1 ELSE 0 END AS undated, te.date, te.n")
            inner = (f"SELECT {'DISTINCT ' if len(ids) > 1 else ''}te.item_id, {keys}"
                     " FROM timeline_entities te"
                     f" WHERE {' AND '.join(where)} ORDER BY {order_by('te')}{clause}")
            sql = (f"SELECT t.data FROM ({inner}) p JOIN timeline t ON t.id = p.item_id"
                   f" ORDER BY {order_by('p')}")
        else:
            filters("t")
            sql = ("SELECT t.data FROM timeline t"
                   + (" WHERE " + " AND ".join(where) if where else "")
                   + f" ORDER BY {order_by('t')}{clause}")
        return [TimelineItem.from_json(_loads(r["data"]))
                for r in self.backend.query(sql, params + more)]

    def count_timeline(self, entity: str | None = None, *, start_from: str | None = None,
                       end_to: str | None = None) -> int:
        """How many timeline items (with ``entity`` among their participants or place; whose
        period lies within ``start_from``/``end_to``, as in ``list_timeline``)."""
        where: list[str] = []
        params: list[Any] = []
        _period_where("a", start_from, end_to, where, params)
        if not entity:
            return self._count(
                "SELECT COUNT(*) AS n FROM timeline a"
                + (" WHERE " + " AND ".join(where) if where else ""), params)
        ids = self._entity_ids(entity)
        where.insert(0, f"a.entity_id IN ({', '.join('?' * len(ids))})")
        params[:0] = ids
        count = "COUNT(*)" if len(ids) == 1 else "COUNT(DISTINCT a.item_id)"
        return self._count(
            f"SELECT {count} AS n FROM timeline_entities a WHERE " + " AND ".join(where),
            params)

    def co_participants(self, entity_id: str, limit: int | None = None) -> list[dict[str, Any]]:
        """Who takes part in the timeline items of an entity: ``{"id", "name", "events"}``
        (``events``: items shared), most shared first."""
        clause, more = self.backend.limit_clause(limit, 0)
        return self.backend.query(
            "SELECT p.other_id AS id, COALESCE(e.name, p.other_id) AS name, p.events"
            " FROM timeline_pairs p LEFT JOIN entities e ON e.id = p.other_id"
            " WHERE p.entity_id = ? ORDER BY p.events DESC, p.other_id" + clause,
            [entity_id, *more])

    def get_timeline_item(self, id: str) -> TimelineItem | None:
        row = self.backend.query_one("SELECT data FROM timeline WHERE id = ?", (id,))
        return TimelineItem.from_json(_loads(row["data"])) if row else None

    def list_claims(self, about: str | None = None, limit: int | None = None,
                    offset: int = 0, speaker: str | None = None) -> list[Claim]:
        """Claims in resolution order; ``about``/``speaker``: an entity id or name."""
        where, params = self._claim_where(about, speaker)
        clause, more = self.backend.limit_clause(limit, offset)
        sql = ("SELECT c.data FROM claims c"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY c.n" + clause)
        return [Claim.from_json(_loads(r["data"])) for r in self.backend.query(sql, params + more)]

    def _claim_where(self, about: str | None, speaker: str | None
                     ) -> tuple[list[str], list[Any]]:
        """WHERE terms of ``list_claims``: claims about, or said by, an entity."""
        where, params = [], []
        for role, ref in (("about", about), ("speaker", speaker)):
            if ref:
                sub, sub_params = self._entity_refs(ref)
                where.append("EXISTS (SELECT 1 FROM claim_entities ce WHERE ce.claim_id = c.id"
                             f" AND ce.role = ? AND ce.entity_id IN ({sub}))")
                params += [role, *sub_params]
        return where, params

    def count_claims(self, about: str | None = None, speaker: str | None = None) -> int:
        """How many claims ``list_claims(about, speaker)`` lists."""
        where, params = self._claim_where(about, speaker)
        return self._count(
            "SELECT COUNT(*) AS n FROM claims c"
            + (" WHERE " + " AND ".join(where) if where else ""), params)

    def get_claim(self, id: str) -> Claim | None:
        row = self.backend.query_one("SELECT data FROM claims WHERE id = ?", (id,))
        return Claim.from_json(_loads(row["data"])) if row else None

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables (documents, extractions, entities, timeline, claims)."""
        return {t: self._count(f"SELECT COUNT(*) AS n FROM {t}")
                for t in ("documents", "extractions", "entities", "timeline", "claims")}

    def resolution_stale(self) -> bool:
        """True when the extractions differ from those the resolution was built from: some
        stored (or re-extracted) after it was built, e.g. by an ingest killed between its
        last document and the resolution, or by a writer that ran while it was built."""
        row = self.backend.query_one(
            "SELECT (SELECT COUNT(*) FROM extractions) AS now,"
            " (SELECT MAX(rev) FROM extractions) AS now_rev,"
            " (SELECT MAX(extractions) FROM resolution_state) AS built,"
            " (SELECT MAX(max_rev) FROM resolution_state) AS built_rev")
        if row is None or int(row["now"]) == 0:
            return False
        if row["built"] is None or int(row["built"]) != int(row["now"]):
            return True
        return row["built_rev"] is not None and int(row["built_rev"]) != int(row["now_rev"] or 0)

    def _stamp(self) -> tuple[int, int]:
        """(number of extractions, highest version among them): what a resolution built
        now would cover."""
        row = self.backend.query_one(
            "SELECT COUNT(*) AS n, COALESCE(MAX(rev), 0) AS rev FROM extractions")
        return (int(row["n"]), int(row["rev"])) if row else (0, 0)

    def _bump(self) -> None:
        """Inside a write transaction: raise the store's version (``data_version``)."""
        self.backend.execute("UPDATE store_version SET n = n + 1 WHERE id = 1")

    def data_version(self) -> int:
        """The store's version: it changes with every committed write (a document, an
        extraction, a resolution). Cheap: one row. What the server's cache is keyed by."""
        row = self.backend.query_one("SELECT n FROM store_version WHERE id = 1")
        return int(row["n"]) if row else 0

    def writer(self, on_wait=None):
        """A context manager holding this store's writer lock: one ingest (or re-extraction,
        or resolution rebuild) at a time per store, across processes and machines. Another
        writer waits; ``on_wait(message)`` is called once if it has to. Re-entrant."""
        return self.backend.writer_lock(on_wait)

    def version(self) -> int:
        return current_version(self.backend)


def insert_disputes(b, disputes: list[Dispute], first_n: int = 0) -> None:
    """Write ``disputes`` (numbered from ``first_n``) and their links to claims, timeline
    items, documents and the entity a name dispute is about."""
    b.executemany("INSERT INTO disputes (id, n, kind, data) VALUES (?, ?, ?, ?)",
                  [(d.id, first_n + i, d.kind, _dumps(_fields(d)))
                   for i, d in enumerate(disputes)])
    links: dict[tuple[str, str, str], None] = {}
    for d in disputes:
        for kind, refs in (("claim", d.claims), ("item", d.items), ("doc", d.documents),
                           ("entity", [d.entity] if d.entity else [])):
            for ref in refs:
                links[(d.id, kind, ref)] = None
    b.executemany("INSERT INTO dispute_links (dispute_id, ref_kind, ref) VALUES (?, ?, ?)",
                  list(links))


def insert_claims(b, claims: list[Claim], by_name: dict[str, str], first_n: int = 0) -> None:
    """Write ``claims`` (numbered from ``first_n``) and their speaker and about links."""
    b.executemany(
        "INSERT INTO claims (id, n, speaker_id, first_reported, data) VALUES (?, ?, ?, ?, ?)",
        [(c.id, first_n + i, c.speaker_id, c.first_reported, _dumps(_fields(c)))
         for i, c in enumerate(claims)])
    rows: dict[tuple[str, str, str], None] = {}
    for c in claims:
        if c.speaker_id or c.speaker:
            rows[(c.id, c.speaker_id or _ref(c.speaker, by_name), "speaker")] = None
        for name in c.about:
            rows[(c.id, _ref(name, by_name), "about")] = None
    b.executemany("INSERT INTO claim_entities (claim_id, entity_id, role) VALUES (?, ?, ?)",
                  list(rows))


def _ref(name: str | None, by_name: dict[str, str]) -> str:
    key = norm_name(name)
    return by_name.get(key, f"name:{key}")


def _unique_by_id(pairs) -> Iterator[Any]:
    seen: set[str] = set()
    for key, value in pairs:
        if key not in seen:
            seen.add(key)
            yield value


def _document(row: dict[str, Any], repairs: list[Repair]) -> Document:
    return Document(id=row["doc_id"], text=row["text"], raw_text=row["raw_text"],
                    title=row["title"], published=row["published"], source=row["source"],
                    url=row["url"], lang=row["lang"], origin=row["origin"], format=row["format"],
                    repairs=repairs, content_hash=row["content_hash"], copy_of=row["copy_of"],
                    similarity=row["similarity"], meta=_loads(row["meta"]) or {})


def _period_where(a: str, start_from: str | None, end_to: str | None,
                  where: list[str], params: list[Any]) -> None:
    """Items of table alias ``a`` whose whole period lies within ``start_from``/``end_to``."""
    if start_from or end_to:
        where.append(f"{a}.date_start IS NOT NULL")
    if start_from:
        where.append(f"{a}.date_start >= ?")
        params.append(start_from)
    if end_to:
        where.append(f"COALESCE({a}.date_end, '9999') <= ?")
        params.append(end_to)


def _entity_summary(data: dict[str, Any]) -> dict[str, Any]:
    """An entity's JSON without its (long) document and member lists, for list queries."""
    return {**data, "documents": [], "members": [],
            "n_documents": len(set(data.get("documents") or []))}


def _timeline_rows(timeline: list[TimelineItem], by_name: dict[str, str]):
    """Rows of ``timeline`` and ``timeline_entities`` for the items (in resolution order)."""
    from ..dates import chrono_key, period_end, period_start
    rank = {t.id: i for i, t in enumerate(sorted(timeline, key=chrono_key))}
    tl_rows, te_rows = [], []
    for i, t in enumerate(timeline):
        start = period_start(t.date)
        end = period_end(t.date) if start else None
        if end and t.date_range:  # talks over several days: the index holds their last day
            end = max(end, period_end(t.date_range[-1]) or end)
        tl_rows.append((t.id, i, t.date, t.type, t.status, _dumps(_fields(t)), start, end,
                        rank[t.id]))
        refs: dict[str, str] = {}
        for ref in [*t.participant_ids, *(_ref(n, by_name) for n in t.participants)]:
            refs.setdefault(ref, "participant")
        if t.location:
            refs.setdefault(_ref(t.location, by_name), "location")
        te_rows += [(t.id, ref, role, t.date, i, start, end, rank[t.id])
                    for ref, role in refs.items()]
    return tl_rows, te_rows


def _pair_rows(te_rows) -> list[tuple[str, str, int]]:
    """``timeline_pairs`` rows: for each entity linked to an item (any role), each other
    entity taking part in it (not an unresolved ``name:`` reference), once per item."""
    from collections import Counter, defaultdict
    by_item: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in te_rows:
        by_item[row[0]].append((row[1], row[2]))
    pairs: Counter = Counter()
    for refs in by_item.values():
        others = [r for r, role in refs if role == "participant" and not r.startswith("name:")]
        for me, _ in refs:
            for other in others:
                if other != me:
                    pairs[(me, other)] += 1
    return [(me, other, n) for (me, other), n in pairs.items()]


def write_doc_keys(b: Backend, timeline: list[TimelineItem], claims: list[Claim]) -> None:
    """``timeline_documents`` and ``claim_documents`` rows: the documents each item reports."""
    b.executemany("INSERT INTO timeline_documents (item_id, doc_id) VALUES (?, ?)",
                  list(dict.fromkeys((t.id, d) for t in timeline for d in t.documents)))
    b.executemany("INSERT INTO claim_documents (claim_id, doc_id) VALUES (?, ?)",
                  list(dict.fromkeys((c.id, d) for c in claims for d in c.documents)))
