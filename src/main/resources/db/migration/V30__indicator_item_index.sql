-- The unique (item_id, seq) index already finds an item's indicators by its leading column; the
-- separate one on item_id alone was paid on every indicator written and never chosen over it.
DROP INDEX indicator_item_idx;
