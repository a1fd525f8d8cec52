-- Each open item's pace as computed on one day under one policy, so that a dashboard counts
-- colours in SQL instead of assessing a whole province's items in Java. Whatever the pace reads
-- (the item, its reports, indicators and milestones, the calendar) marks the row stale and bumps
-- gen in the same transaction; a refresher writes its result only if gen is still what it read,
-- so a change that lands while it computes is never overwritten by an older answer.
CREATE TABLE item_pace (
    item_id        bigint      PRIMARY KEY REFERENCES item (id) ON DELETE CASCADE,
    stale          boolean     NOT NULL DEFAULT true,
    gen            bigint      NOT NULL DEFAULT 0,
    as_of          date,
    policy         text,
    warning        varchar(8),
    lag_points     integer,
    missing_report boolean
);
CREATE INDEX item_pace_red_idx ON item_pace (lag_points DESC) WHERE warning = 'RED';

CREATE FUNCTION item_pace_stale_by_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO item_pace (item_id, stale, gen)
    SELECT DISTINCT c.item_id, true, 1 FROM changed c JOIN item i ON i.id = c.item_id ORDER BY 1
    ON CONFLICT (item_id) DO UPDATE SET stale = true, gen = item_pace.gen + 1;
    RETURN NULL;
END $$;

CREATE FUNCTION item_pace_stale_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO item_pace (item_id, stale, gen)
    SELECT c.id, true, 1 FROM changed c ORDER BY 1
    ON CONFLICT (item_id) DO UPDATE SET stale = true, gen = item_pace.gen + 1;
    RETURN NULL;
END $$;

CREATE FUNCTION item_pace_stale_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE item_pace SET stale = true, gen = gen + 1 WHERE NOT stale;
    RETURN NULL;
END $$;

-- Transition tables allow one event per trigger, hence three per table.
CREATE TRIGGER item_pace_item AFTER UPDATE ON item
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION item_pace_stale_item();

CREATE TRIGGER item_pace_report_ins AFTER INSERT ON progress_report
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION item_pace_stale_by_item();
CREATE TRIGGER item_pace_report_upd AFTER UPDATE ON progress_report
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION item_pace_stale_by_item();
CREATE TRIGGER item_pace_report_del AFTER DELETE ON progress_report
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION item_pace_stale_by_item();

CREATE TRIGGER item_pace_indicator_ins AFTER INSERT ON indicator
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION item_pace_stale_by_item();
CREATE TRIGGER item_pace_indicator_upd AFTER UPDATE ON indicator
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION item_pace_stale_by_item();
CREATE TRIGGER item_pace_indicator_del AFTER DELETE ON indicator
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION item_pace_stale_by_item();

CREATE TRIGGER item_pace_milestone_ins AFTER INSERT ON item_milestone
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION item_pace_stale_by_item();
CREATE TRIGGER item_pace_milestone_upd AFTER UPDATE ON item_milestone
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION item_pace_stale_by_item();
CREATE TRIGGER item_pace_milestone_del AFTER DELETE ON item_milestone
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION item_pace_stale_by_item();

-- Working days decide when a report is due, hence whether one is missing.
CREATE TRIGGER item_pace_calendar AFTER INSERT OR UPDATE OR DELETE ON calendar_day
    FOR EACH STATEMENT EXECUTE FUNCTION item_pace_stale_all();

CREATE INDEX progress_report_sent_idx ON progress_report (first_submitted_at) INCLUDE (item_id)
    WHERE first_submitted_at IS NOT NULL;
