-- What the stored cross-document resolution was built from: the number of extractions
-- at the time. An ingest killed after storing documents but before the resolution
-- committed leaves it behind; the next ingest sees that and rebuilds it.
CREATE TABLE resolution_state (
    id          INTEGER PRIMARY KEY,
    extractions INTEGER NOT NULL,
    built_at    TEXT NOT NULL
);
