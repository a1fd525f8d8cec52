-- A citizen's name is personal data like the phone: kept sealed (SM4-GCM, key outside the database)
-- with a masked copy for lists. Names written before are sealed by the application at start-up,
-- since the key never reaches the database.
ALTER TABLE suggestion ADD COLUMN name_cipher bytea;
