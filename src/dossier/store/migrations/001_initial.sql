-- Dossier store schema, version 1: documents, their extractions, and the
-- cross-document resolution. Portable SQL; the only dialect tokens are
-- {{serial}} (an auto-increment primary key), {{float}} and {{json}}.
-- Columns avoid the reserved words start/end: spans are start_char/end_char.

CREATE TABLE documents (
    seq          {{serial}},
    doc_id       TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    title        TEXT,
    published    TEXT,
    source       TEXT,
    url          TEXT,
    origin       TEXT,
    format       TEXT NOT NULL DEFAULT 'text',
    lang         TEXT NOT NULL DEFAULT 'en',
    raw_text     TEXT NOT NULL,
    text         TEXT NOT NULL,
    copy_of      TEXT,
    similarity   {{float}},
    meta         {{json}},
    signature    {{json}},
    ingested_at  TEXT NOT NULL
);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_source ON documents (source);
CREATE INDEX documents_copy_of ON documents (copy_of);

CREATE TABLE repairs (
    doc_id      TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    n           INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    original    TEXT NOT NULL,
    replacement TEXT NOT NULL,
    PRIMARY KEY (doc_id, n)
);

CREATE TABLE extractions (
    doc_id       TEXT PRIMARY KEY REFERENCES documents (doc_id) ON DELETE CASCADE,
    schema_name  TEXT NOT NULL,
    n_entities   INTEGER NOT NULL DEFAULT 0,
    n_times      INTEGER NOT NULL DEFAULT 0,
    n_events     INTEGER NOT NULL DEFAULT 0,
    n_statements INTEGER NOT NULL DEFAULT 0,
    data         {{json}} NOT NULL,
    extracted_at TEXT NOT NULL
);

-- normalised copies of the extraction, for queries by span, type, date and name
CREATE TABLE doc_entities (
    doc_id    TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    name      TEXT NOT NULL,
    name_norm TEXT NOT NULL,
    type      TEXT NOT NULL,
    country   TEXT,
    PRIMARY KEY (doc_id, entity_id)
);
CREATE INDEX doc_entities_name ON doc_entities (name_norm);

CREATE TABLE mentions (
    doc_id     TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    n          INTEGER NOT NULL,
    entity_id  TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    PRIMARY KEY (doc_id, n)
);

CREATE TABLE times (
    doc_id     TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    n          INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    value      TEXT,
    PRIMARY KEY (doc_id, n)
);
CREATE INDEX times_value ON times (value);

CREATE TABLE events (
    doc_id     TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    event_id   TEXT NOT NULL,
    type       TEXT NOT NULL,
    mode       TEXT,
    status     TEXT NOT NULL,
    date       TEXT,
    trigger_text TEXT NOT NULL,
    start_char INTEGER,
    end_char   INTEGER,
    PRIMARY KEY (doc_id, event_id)
);
CREATE INDEX events_type_date ON events (type, date);

CREATE TABLE statements (
    doc_id       TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    statement_id TEXT NOT NULL,
    kind         TEXT NOT NULL,
    speaker      TEXT,
    speaker_text TEXT,
    date         TEXT,
    content      TEXT NOT NULL,
    start_char   INTEGER,
    end_char     INTEGER,
    PRIMARY KEY (doc_id, statement_id)
);

-- cross-document resolution: rebuilt as a whole by replace_resolution()
CREATE TABLE entities (
    id          TEXT PRIMARY KEY,
    n           INTEGER NOT NULL,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    country     TEXT,
    n_documents INTEGER NOT NULL DEFAULT 0,
    data        {{json}} NOT NULL
);
CREATE INDEX entities_type ON entities (type);

CREATE TABLE entity_names (
    entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    name_norm TEXT NOT NULL,
    PRIMARY KEY (entity_id, name_norm)
);
CREATE INDEX entity_names_name ON entity_names (name_norm);

CREATE TABLE entity_documents (
    entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    doc_id    TEXT NOT NULL,
    PRIMARY KEY (entity_id, doc_id)
);
CREATE INDEX entity_documents_doc ON entity_documents (doc_id);

CREATE TABLE timeline (
    id     TEXT PRIMARY KEY,
    n      INTEGER NOT NULL,
    date   TEXT,
    type   TEXT NOT NULL,
    status TEXT NOT NULL,
    data   {{json}} NOT NULL
);
CREATE INDEX timeline_date ON timeline (date);

CREATE TABLE timeline_entities (
    item_id   TEXT NOT NULL REFERENCES timeline (id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (item_id, entity_id)
);
CREATE INDEX timeline_entities_entity ON timeline_entities (entity_id);

CREATE TABLE claims (
    id             TEXT PRIMARY KEY,
    n              INTEGER NOT NULL,
    speaker_id     TEXT,
    first_reported TEXT,
    data           {{json}} NOT NULL
);

CREATE TABLE claim_entities (
    claim_id  TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    role      TEXT NOT NULL,
    PRIMARY KEY (claim_id, entity_id, role)
);
CREATE INDEX claim_entities_entity ON claim_entities (entity_id);
