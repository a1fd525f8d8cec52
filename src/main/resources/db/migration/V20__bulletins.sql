-- Bulletins (通报): drafted for a jurisdiction and a period, edited, published. The figures are kept
-- as they were computed, so that a published bulletin says tomorrow what it said today.
CREATE TABLE bulletin (
    id           bigserial   PRIMARY KEY,
    unit_id      bigint      NOT NULL REFERENCES unit (id),
    unit_path    text        NOT NULL,
    period_kind  text        NOT NULL CHECK (period_kind IN ('WEEK', 'MONTH', 'QUARTER')),
    period_start date        NOT NULL,
    period_end   date        NOT NULL,
    number       text,
    title        text        NOT NULL,
    issuer       text        NOT NULL,
    figures      jsonb       NOT NULL,
    blocks       jsonb       NOT NULL,
    body_text    text        NOT NULL,
    edited       boolean     NOT NULL DEFAULT false,
    status       text        NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED')),
    drafted_at   timestamptz NOT NULL DEFAULT now(),
    drafted_by   text        NOT NULL,
    published_at timestamptz,
    published_by text,
    version      int         NOT NULL DEFAULT 0,
    UNIQUE (unit_id, period_kind, period_start)
);
CREATE INDEX bulletin_path ON bulletin (unit_path text_pattern_ops, period_start DESC);
CREATE INDEX bulletin_search ON bulletin
    USING gin (to_tsvector('simple', luoshi_bigrams(title || ' ' || body_text)));

-- Published is final: no update or delete gets past the database itself.
CREATE FUNCTION bulletin_published_is_final() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'PUBLISHED' THEN
        RAISE EXCEPTION 'bulletin % is published and cannot be changed', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER bulletin_final BEFORE UPDATE OR DELETE ON bulletin
    FOR EACH ROW EXECUTE FUNCTION bulletin_published_is_final();
