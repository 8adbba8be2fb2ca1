-- Issue #16. The store's version: a counter every write transaction raises (a document, an
-- extraction, a resolution), so readers (the server's response cache) know when what they
-- answered may have changed. Each extraction keeps the version it was written at, and the
-- resolution keeps what it was built from (how many extractions, the highest version
-- among them): re-extracting a document or adding one while a resolution is built leaves
-- it visibly stale, and the next ingest rebuilds it.
CREATE TABLE store_version (
    id INTEGER PRIMARY KEY,
    n  BIGINT NOT NULL
);
INSERT INTO store_version (id, n) VALUES (1, 1);
ALTER TABLE extractions ADD COLUMN rev BIGINT NOT NULL DEFAULT 0;
ALTER TABLE resolution_state ADD COLUMN max_rev BIGINT;
