-- A kept pace holds the whole figure (time and progress ratios, what the progress was read from,
-- overdue), so that a ledger page shows it without reading every report of its items again.
ALTER TABLE item_pace
    ADD COLUMN time_ratio double precision,
    ADD COLUMN progress_ratio double precision,
    ADD COLUMN basis varchar(20),
    ADD COLUMN overdue boolean;

-- A change to an item's reports, indicators or steps also changes the items it was decomposed from:
-- their indicators add up their children's. Before, a parent's kept colour stayed as it was until
-- the next day.
CREATE OR REPLACE FUNCTION item_pace_stale_by_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH RECURSIVE up (id, parent_id) AS (
        SELECT i.id, i.parent_id FROM item i WHERE i.id = ANY(ARRAY(SELECT DISTINCT item_id FROM changed))
        UNION
        SELECT p.id, p.parent_id FROM item p JOIN up ON p.id = up.parent_id
    )
    INSERT INTO item_pace (item_id, stale, gen)
    SELECT id, true, 1 FROM up ORDER BY 1
    ON CONFLICT (item_id) DO UPDATE SET stale = true, gen = item_pace.gen + 1;
    RETURN NULL;
END $$;
