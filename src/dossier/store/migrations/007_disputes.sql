-- Disputes: one row per point on which reports disagree (dossier.resolve.disputes), with
-- the claims, timeline items, documents and entity it links in dispute_links, so that the
-- disputes of one document, one timeline item or one claim are an index look-up.
CREATE TABLE disputes (
    id   TEXT PRIMARY KEY,
    n    INTEGER NOT NULL,
    kind TEXT NOT NULL,
    data {{json}} NOT NULL
);

CREATE TABLE dispute_links (
    dispute_id TEXT NOT NULL REFERENCES disputes (id) ON DELETE CASCADE,
    ref_kind   TEXT NOT NULL,
    ref        TEXT NOT NULL,
    PRIMARY KEY (dispute_id, ref_kind, ref)
);
CREATE INDEX dispute_links_ref ON dispute_links (ref_kind, ref);
