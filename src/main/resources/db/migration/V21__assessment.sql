-- Assessment (考核): a scheme per jurisdiction and span; bonus and deduction lines; appeals. Once a
-- scheme is published its result is stored and nothing about it changes any more.
CREATE TABLE assessment_scheme (
    id           bigserial    PRIMARY KEY,
    unit_id      bigint       NOT NULL REFERENCES unit (id),
    unit_path    text         NOT NULL,
    name         text         NOT NULL,
    period_from  date         NOT NULL,
    period_to    date         NOT NULL CHECK (period_to >= period_from),
    scale        int          NOT NULL CHECK (scale IN (100, 1000)),
    assessed     text         NOT NULL DEFAULT 'ALL' CHECK (assessed IN ('ALL', 'REGIONS', 'DEPARTMENTS')),
    lead_credit  numeric(4, 2) NOT NULL,
    co_credit    numeric(4, 2) NOT NULL,
    weights      jsonb        NOT NULL,
    grades       jsonb        NOT NULL,
    stage        text         NOT NULL DEFAULT 'DRAFT' CHECK (stage IN ('DRAFT', 'PUBLICIZED', 'PUBLISHED')),
    appeal_until date,
    result       jsonb,
    created_by   text         NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    published_at timestamptz,
    published_by text,
    version      int          NOT NULL DEFAULT 0
);
CREATE INDEX assessment_scheme_path ON assessment_scheme (unit_path text_pattern_ops, period_from DESC);

CREATE TABLE assessment_appeal (
    id          bigserial   PRIMARY KEY,
    scheme_id   bigint      NOT NULL REFERENCES assessment_scheme (id),
    unit_id     bigint      NOT NULL REFERENCES unit (id),
    line        text        NOT NULL,
    reason      text        NOT NULL,
    status      text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACCEPTED', 'REJECTED')),
    reply       text,
    filed_by    text        NOT NULL,
    filed_at    timestamptz NOT NULL DEFAULT now(),
    answered_by text,
    answered_at timestamptz
);
CREATE INDEX assessment_appeal_scheme ON assessment_appeal (scheme_id, unit_id);

CREATE TABLE assessment_adjustment (
    id         bigserial    PRIMARY KEY,
    scheme_id  bigint       NOT NULL REFERENCES assessment_scheme (id),
    unit_id    bigint       NOT NULL REFERENCES unit (id),
    points     numeric(7, 2) NOT NULL,
    reason     text         NOT NULL,
    evidence   text         NOT NULL,
    file_name  text,
    file_type  text,
    file_data  bytea,
    appeal_id  bigint       REFERENCES assessment_appeal (id),
    created_by text         NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX assessment_adjustment_scheme ON assessment_adjustment (scheme_id, unit_id);

CREATE FUNCTION assessment_published_is_final() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    scheme bigint;
BEGIN
    IF TG_TABLE_NAME = 'assessment_scheme' THEN
        IF OLD.stage = 'PUBLISHED' THEN
            RAISE EXCEPTION 'assessment % is published and locked', OLD.id USING ERRCODE = 'check_violation';
        END IF;
    ELSE
        scheme := CASE WHEN TG_OP = 'DELETE' THEN OLD.scheme_id ELSE NEW.scheme_id END;
        IF EXISTS (SELECT 1 FROM assessment_scheme WHERE id = scheme AND stage = 'PUBLISHED') THEN
            RAISE EXCEPTION 'assessment % is published and locked', scheme USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER assessment_scheme_final BEFORE UPDATE OR DELETE ON assessment_scheme
    FOR EACH ROW EXECUTE FUNCTION assessment_published_is_final();
CREATE TRIGGER assessment_adjustment_final BEFORE INSERT OR UPDATE OR DELETE ON assessment_adjustment
    FOR EACH ROW EXECUTE FUNCTION assessment_published_is_final();
CREATE TRIGGER assessment_appeal_final BEFORE INSERT OR UPDATE OR DELETE ON assessment_appeal
    FOR EACH ROW EXECUTE FUNCTION assessment_published_is_final();
