-- The ledger's default order (deadline, then id) over every stage, or the live ones with the closed:
-- item_deadline_idx holds open items only, so the province's unfiltered ledger sorted 650,000 rows
-- for its first twenty (320 ms); this index reads them in order (0.1 ms).
CREATE INDEX item_deadline_all_idx ON item (deadline, id);
