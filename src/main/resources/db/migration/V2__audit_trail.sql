-- 审计日志: append-only. Rows are inserted on the request path without a hash; the chainer
-- assigns chain_seq and the SM3 hash later, in one sequence, so writers never queue on a lock.
CREATE TABLE audit_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz  NOT NULL,
    actor       varchar(64),
    address     varchar(64),
    action      varchar(64)  NOT NULL,
    outcome     varchar(10)  NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE', 'DENIED')),
    target_type varchar(32),
    target_id   varchar(64),
    summary     text         NOT NULL,
    before      jsonb,
    after       jsonb,
    chain_seq   bigint,
    prev_hash   char(64),
    hash        char(64)
);
CREATE UNIQUE INDEX audit_event_chain_seq_uq ON audit_event (chain_seq);
CREATE INDEX audit_event_pending_idx ON audit_event (id) WHERE chain_seq IS NULL;
CREATE INDEX audit_event_time_idx ON audit_event (occurred_at DESC);
CREATE INDEX audit_event_actor_idx ON audit_event (actor, occurred_at DESC);
CREATE INDEX audit_event_action_idx ON audit_event (action, occurred_at DESC);

-- The head lets verify notice records cut from the end of the chain.
CREATE TABLE audit_chain_head (
    id        smallint PRIMARY KEY CHECK (id = 1),
    last_seq  bigint   NOT NULL,
    last_hash char(64) NOT NULL
);
INSERT INTO audit_chain_head VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
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
CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
