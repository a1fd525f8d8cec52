-- A ledger export left to run in the background: followed by a progress bar, found again later
CREATE TABLE export_run (
    id           bigserial   PRIMARY KEY,
    created_by   text        NOT NULL,
    file_name    text        NOT NULL,
    query        text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    total        integer,
    done         integer     NOT NULL DEFAULT 0,
    content      bytea,
    message      text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz
);
CREATE INDEX export_run_by ON export_run (created_by, id DESC);
