-- Each unit's dashboard counts as of one day under one pace policy: its own items (own) and its
-- whole subtree (subtree), so that a province's dashboard reads its children's rows instead of
-- counting half a million items. Writers only mark a unit and its ancestors stale, and only a row
-- that is not stale yet: nothing is locked by every write, so the province's row does not queue the
-- month-end surge. A reader claims the rows that are not current (stale := false, gen + 1),
-- recomputes them bottom-up and writes its result only if gen is still its claim; a write landing
-- meanwhile leaves the row stale for the next reader.
CREATE TABLE unit_tally (
    unit_id  bigint  PRIMARY KEY REFERENCES unit (id) ON DELETE CASCADE,
    stale    boolean NOT NULL DEFAULT true,
    gen      bigint  NOT NULL DEFAULT 0,
    as_of    date,
    policy   text,
    own      text,   -- Tally's numbers in one line
    subtree  text
);
INSERT INTO unit_tally (unit_id) SELECT id FROM unit;

-- The units on the given paths and all their ancestors ("/1/7/42/" names 1, 7 and 42).
CREATE FUNCTION unit_tally_mark(paths text[]) RETURNS void LANGUAGE sql AS $$
    UPDATE unit_tally t SET stale = true
      FROM (SELECT u.unit_id FROM unit_tally u
             WHERE u.unit_id IN (SELECT DISTINCT CAST(a AS bigint)
                                   FROM unnest(paths) AS p, unnest(string_to_array(btrim(p, '/'), '/')) AS a)
               AND NOT u.stale
             ORDER BY u.unit_id FOR UPDATE) s
     WHERE t.unit_id = s.unit_id;
$$;

CREATE FUNCTION unit_tally_by_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM unit_tally_mark(ARRAY(SELECT DISTINCT lead_unit_path FROM changed));
    RETURN NULL;
END $$;

-- An update may move an item from one unit to another: both sides change.
CREATE FUNCTION unit_tally_by_item_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM unit_tally_mark(ARRAY(SELECT lead_unit_path FROM changed
                                  UNION SELECT lead_unit_path FROM prior));
    RETURN NULL;
END $$;

CREATE FUNCTION unit_tally_by_pace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM unit_tally_mark(ARRAY(SELECT DISTINCT i.lead_unit_path FROM changed c JOIN item i ON i.id = c.item_id));
    RETURN NULL;
END $$;

-- Only a pace that turns stale, is recomputed, or changes colour moves a unit's counts: the month-end
-- surge writes report after report on items whose pace is stale already, and marks nothing more.
CREATE FUNCTION unit_tally_by_pace_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM unit_tally_mark(ARRAY(
        SELECT DISTINCT i.lead_unit_path
          FROM changed c JOIN prior p ON p.item_id = c.item_id JOIN item i ON i.id = c.item_id
         WHERE p.stale IS DISTINCT FROM c.stale OR p.as_of IS DISTINCT FROM c.as_of
            OR p.warning IS DISTINCT FROM c.warning OR p.missing_report IS DISTINCT FROM c.missing_report));
    RETURN NULL;
END $$;

CREATE FUNCTION unit_tally_new_units() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO unit_tally (unit_id) SELECT id FROM changed ORDER BY 1 ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER unit_tally_item_ins AFTER INSERT ON item
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION unit_tally_by_item();
CREATE TRIGGER unit_tally_item_upd AFTER UPDATE ON item
    REFERENCING OLD TABLE AS prior NEW TABLE AS changed FOR EACH STATEMENT
    EXECUTE FUNCTION unit_tally_by_item_update();
CREATE TRIGGER unit_tally_item_del AFTER DELETE ON item
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION unit_tally_by_item();

-- Reports (also those counted per month), indicators, milestones and the calendar reach the counts
-- through the item's pace, which every one of their writes marks (V22).
CREATE TRIGGER unit_tally_pace_ins AFTER INSERT ON item_pace
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION unit_tally_by_pace();
CREATE TRIGGER unit_tally_pace_upd AFTER UPDATE ON item_pace
    REFERENCING OLD TABLE AS prior NEW TABLE AS changed FOR EACH STATEMENT
    EXECUTE FUNCTION unit_tally_by_pace_update();

CREATE TRIGGER unit_tally_unit_ins AFTER INSERT ON unit
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION unit_tally_new_units();

-- The red list is ordered by lag, then deadline: with the deadline kept beside the lag, a province's
-- ten furthest behind are the first ten entries of an index instead of a sort of thousands of equals.
ALTER TABLE item_pace ADD COLUMN deadline date;
UPDATE item_pace ip SET deadline = i.deadline FROM item i WHERE i.id = ip.item_id AND i.deadline IS NOT NULL;
DROP INDEX item_pace_red_idx;
CREATE INDEX item_pace_red_idx ON item_pace (lag_points DESC, deadline, item_id) WHERE warning = 'RED';

-- Deadlines this week come out in (deadline, id) order: thousands share a day in a province.
DROP INDEX item_deadline_idx;
CREATE INDEX item_deadline_idx ON item (deadline, id) WHERE status NOT IN ('CLOSED', 'CANCELLED');

-- A ledger view (a subtree, a stage, a kind, not overdue) is counted and paged from the index alone.
DROP INDEX item_scope_idx;
CREATE INDEX item_scope_idx ON item (lead_unit_path, status, kind, deadline) INCLUDE (id);
-- A view of one kind (each kind on the dashboard links to one) seeks its statuses within the subtree.
CREATE INDEX item_kind_scope_idx ON item (kind, status, lead_unit_path, deadline) INCLUDE (id);
