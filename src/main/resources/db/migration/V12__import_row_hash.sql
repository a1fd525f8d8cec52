-- The imported row as it was last read: a row that has not changed is left alone on re-import.
ALTER TABLE import_key ADD COLUMN row_hash varchar(64);
