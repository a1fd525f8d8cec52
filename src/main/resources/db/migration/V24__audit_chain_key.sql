-- The chain is keyed: each hash is HMAC-SM3 under a key kept outside the database, so whoever can
-- bypass the append-only guard still cannot re-chain an altered record. key_check (the key's MAC
-- of a fixed text) lets the chainer and verify tell a wrong key from a broken chain; a chain made
-- before keys is re-keyed once by `audit rekey` after it has been verified.
ALTER TABLE audit_chain_head ADD COLUMN key_check char(64);
