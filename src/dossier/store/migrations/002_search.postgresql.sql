-- Full-text search over title + text: a GIN index on the English tsvector.
CREATE INDEX documents_search ON documents
    USING GIN (to_tsvector('english', coalesce(title, '') || ' ' || text));
