-- Issue #12. Keys for incremental resolution: which timeline items and claims each
-- document reports (so the items a new document's neighbourhood touches are an index
-- look-up), and the extractions written since the resolution was built (rev > max_rev).
-- Filled by Store.replace_resolution and by dossier.store.delta for a partial update.
CREATE TABLE timeline_documents (
    item_id TEXT NOT NULL REFERENCES timeline (id) ON DELETE CASCADE,
    doc_id  TEXT NOT NULL,
    PRIMARY KEY (item_id, doc_id)
);
CREATE INDEX timeline_documents_doc ON timeline_documents (doc_id);

CREATE TABLE claim_documents (
    claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    doc_id   TEXT NOT NULL,
    PRIMARY KEY (claim_id, doc_id)
);
CREATE INDEX claim_documents_doc ON claim_documents (doc_id);

CREATE INDEX extractions_rev ON extractions (rev);
