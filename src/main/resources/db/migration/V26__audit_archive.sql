-- 审计日志归档: chained records older than the online retention (at least 180 days) are written
-- to a file and leave the table; each archive leaves an anchor, MACed under the audit key, that
-- names its range, its last hash and its file's SM3, so verify carries the chain on from it and
-- an archive file can be checked against it years later.
CREATE TABLE audit_archive (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    first_seq       bigint      NOT NULL UNIQUE,
    last_seq        bigint      NOT NULL,
    first_prev_hash char(64)    NOT NULL,
    last_hash       char(64)    NOT NULL,
    records         bigint      NOT NULL,
    oldest_at       timestamptz NOT NULL,
    newest_at       timestamptz NOT NULL,
    file_name       text        NOT NULL,
    file_sm3        char(64)    NOT NULL,
    archived_at     timestamptz NOT NULL DEFAULT now(),
    anchor_mac      char(64)    NOT NULL,
    CHECK (last_seq >= first_seq AND records = last_seq - first_seq + 1)
);

CREATE FUNCTION audit_archive_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_archive is append-only';
END;
$$;
CREATE TRIGGER audit_archive_append_only
    BEFORE UPDATE OR DELETE ON audit_archive
    FOR EACH ROW EXECUTE FUNCTION audit_archive_guard();

-- A chained record may leave only inside an archiving transaction and only once an anchor covers
-- it: whoever sets the flag by hand can delete nothing that is still the live chain.
CREATE OR REPLACE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF current_setting('luoshi.audit_archiving', true) = 'on' AND OLD.chain_seq IS NOT NULL
            AND OLD.chain_seq <= (SELECT max(last_seq) FROM audit_archive) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_event is append-only';
    END IF;
    IF OLD.chain_seq IS NOT NULL
        OR (OLD.occurred_at, OLD.actor, OLD.address, OLD.action, OLD.outcome, OLD.target_type,
            OLD.target_id, OLD.summary, OLD.before, OLD.after)
           IS DISTINCT FROM
           (NEW.occurred_at, NEW.actor, NEW.address, NEW.action, NEW.outcome, NEW.target_type,
            NEW.target_id, NEW.summary, NEW.before, NEW.after) THEN
        RAISE EXCEPTION 'audit_event is append-only';
    END IF;
    RETURN NEW;
END;
$$;
