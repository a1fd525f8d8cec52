-- An item's character pairs kept in a column instead of an index over luoshi_bigrams(): the function
-- costs ~100 µs a row in plpgsql, most of a bulk insert's time; the application computes the same
-- text in Java for the rows it writes. A row written without it (by hand, by an older node) gets it
-- here, and a changed title or content recomputes it.
ALTER TABLE item ADD COLUMN search_doc tsvector;

-- the backfill changes no fact an item's pace or a unit's tally depends on
ALTER TABLE item DISABLE TRIGGER item_pace_item;
ALTER TABLE item DISABLE TRIGGER unit_tally_item_upd;
UPDATE item SET search_doc = to_tsvector('simple', luoshi_bigrams(title || ' ' || content));
ALTER TABLE item ENABLE TRIGGER item_pace_item;
ALTER TABLE item ENABLE TRIGGER unit_tally_item_upd;

DROP INDEX item_search_idx;
CREATE INDEX item_search_idx ON item USING gin (search_doc);

CREATE FUNCTION item_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_doc := to_tsvector('simple', luoshi_bigrams(NEW.title || ' ' || NEW.content));
    RETURN NEW;
END
$$;

CREATE TRIGGER item_search_doc_new BEFORE INSERT ON item
    FOR EACH ROW WHEN (NEW.search_doc IS NULL) EXECUTE FUNCTION item_search_doc();
CREATE TRIGGER item_search_doc_changed BEFORE UPDATE OF title, content ON item
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.content IS DISTINCT FROM NEW.content)
    EXECUTE FUNCTION item_search_doc();
