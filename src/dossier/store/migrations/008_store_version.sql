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
-- The near-duplicate index, kept in the store: each original document's MinHash signature
-- cut into LSH bands (18 bands of 7 values), one hashed key per band. An ingest looks up
-- the candidates of a new document here (an index range per band) instead of loading
-- every stored signature into memory first (seconds and hundreds of MB per 30k documents).
CREATE TABLE doc_bands (
    band_key BIGINT NOT NULL,
    seq      BIGINT NOT NULL
);
CREATE INDEX doc_bands_key ON doc_bands (band_key, seq);
