-- A half-year summary once a person has edited it: kept whole, so a later look shows the edits
CREATE TABLE summary_draft (
    unit_id    bigint      NOT NULL REFERENCES unit (id),
    period     text        NOT NULL,
    body       jsonb       NOT NULL,
    version    integer     NOT NULL DEFAULT 1,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (unit_id, period)
);
