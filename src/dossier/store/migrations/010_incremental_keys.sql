-- Issue #12. Look-up keys for resolving new reports against the stored resolution
-- without loading it: the matching keys of each canonical entity (name and
-- transliteration keys, surname and spelling-variant keys, acronyms: computed by
-- dossier.resolve.incremental from the entity's names) and the blocking keys of each
-- claim (speaker key, rare content words: the claim's signature) with the last day it
-- was reported. A derived cache: incremental_keys_state records which resolution the
-- keys were written for; after any other write of the resolution they are rebuilt.
CREATE TABLE entity_keys (
    key       TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (key, entity_id)
);
CREATE INDEX entity_keys_entity ON entity_keys (entity_id);

CREATE TABLE claim_keys (
    key      TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    last_pub TEXT,
    PRIMARY KEY (key, claim_id)
);
CREATE INDEX claim_keys_claim ON claim_keys (claim_id);

CREATE TABLE incremental_keys_state (
    id    INTEGER PRIMARY KEY,
    token TEXT NOT NULL
);

-- The events of stored reports that no timeline item holds (a background mention, a
-- one-party report, a plan folded into the item that fulfilled it, left out for now),
-- under the type and canonical entity of each participant and place, with the days they
-- may join: a new report of the event brings them back into its resolution.
CREATE TABLE event_keys (
    key        TEXT NOT NULL,
    doc_id     TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    date_start TEXT,
    date_end   TEXT,
    published  TEXT
);
CREATE INDEX event_keys_key ON event_keys (key, date_start);
CREATE INDEX event_keys_doc ON event_keys (doc_id, event_id);

-- How many statements of the stored extractions use each content lemma (lemma '' holds
-- the number of statements), and which documents are counted: a claim decision weighs
-- words by the whole corpus's frequencies, not by those of the few reports it looks at.
CREATE TABLE lemma_df (
    lemma TEXT PRIMARY KEY,
    n     BIGINT NOT NULL
);
CREATE TABLE lemma_counted (
    doc_id TEXT PRIMARY KEY
);
