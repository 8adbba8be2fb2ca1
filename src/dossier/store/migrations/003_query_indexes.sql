-- Indexes for the query latencies measured by benchmarks/query_bench.py at 100k documents.
-- list_timeline orders by (undated last, date, n): with this index a timeline filtered
-- by an entity walks the items in order and stops after LIMIT matches instead of
-- sorting every item of the entity (100k documents: p50 774 ms -> ~2 ms).
-- The expression must stay identical to the ORDER BY in Store.list_timeline.
CREATE INDEX timeline_order ON timeline ((CASE WHEN date IS NULL THEN 1 ELSE 0 END), date, n);
