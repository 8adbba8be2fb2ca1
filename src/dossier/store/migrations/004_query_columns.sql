-- Query columns for the latencies measured by benchmarks/query_bench.py at 100k documents.
-- Filled by Store.replace_resolution (and back-filled once by Store when an older store is
-- opened), so that the timeline and entity lists are paged in SQL instead of in Python.
--
-- timeline: the period a date names (first and last day, ISO; NULL when undated or
-- unknown) and `chrono`, the item's rank in the contract's timeline order (oldest first
-- by period start, undated last; the order dossier.analyze.timeline returns).
ALTER TABLE timeline ADD COLUMN date_start TEXT;
ALTER TABLE timeline ADD COLUMN date_end TEXT;
ALTER TABLE timeline ADD COLUMN chrono INTEGER;
CREATE INDEX timeline_chrono ON timeline (chrono);
CREATE INDEX timeline_start ON timeline (date_start, chrono);

-- timeline_entities carries the item's sort and filter keys, so that a timeline of one
-- entity (optionally within dates) is an index range, sorted and limited before any item
-- is read; `role` ('participant' or 'location') lets co-actors be counted in SQL.
ALTER TABLE timeline_entities ADD COLUMN role TEXT;
ALTER TABLE timeline_entities ADD COLUMN date TEXT;
ALTER TABLE timeline_entities ADD COLUMN n INTEGER;
ALTER TABLE timeline_entities ADD COLUMN date_start TEXT;
ALTER TABLE timeline_entities ADD COLUMN date_end TEXT;
ALTER TABLE timeline_entities ADD COLUMN chrono INTEGER;
CREATE INDEX timeline_entities_chrono ON timeline_entities (entity_id, chrono);
CREATE INDEX timeline_entities_start ON timeline_entities (entity_id, date_start, chrono);
CREATE INDEX timeline_entities_date ON timeline_entities (entity_id, date, n);

-- entities: the record without its document and member lists, for list queries.
ALTER TABLE entities ADD COLUMN summary {{json}};
CREATE INDEX entities_type_n ON entities (type, n);

-- documents: a slim index in ingestion order, so a deep page skips index entries
-- instead of whole rows (OFFSET), per source as well.
CREATE INDEX documents_seq ON documents (seq);
CREATE INDEX documents_source_seq ON documents (source, seq);

-- co-participants: how many timeline items an entity (any role) shares with each other
-- entity taking part in them, counted at resolution time (an actor's co-actors).
CREATE TABLE timeline_pairs (
    entity_id TEXT NOT NULL,
    other_id  TEXT NOT NULL,
    events    INTEGER NOT NULL,
    PRIMARY KEY (entity_id, other_id)
);
