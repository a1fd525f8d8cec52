-- Citizens' suggestions (群众意见和建议): submitted on a public page, triaged by a supervisor of the
-- region they were sent to. The phone number is kept only as SM4 ciphertext and a masked copy.
CREATE TABLE suggestion (
    id               bigserial PRIMARY KEY,
    tracking_code    text        NOT NULL UNIQUE,
    category         text        NOT NULL,
    content          text        NOT NULL,
    citizen_name     text,
    phone_cipher     bytea,
    phone_masked     text,
    attachment_name  text,
    attachment_type  text,
    attachment       bytea,
    region_id        bigint      NOT NULL REFERENCES unit (id),
    region_path      text        NOT NULL,
    status           text        NOT NULL,
    handled_by       text,
    item_id          bigint      REFERENCES item (id),
    merged_into      bigint      REFERENCES suggestion (id),
    answer           text,
    answered_at      timestamptz,
    decline_reason   text,
    rating           text,
    rating_comment   text,
    rated_at         timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          int         NOT NULL DEFAULT 0
);
CREATE INDEX suggestion_region ON suggestion (region_path text_pattern_ops, status, created_at DESC);
CREATE INDEX suggestion_item ON suggestion (item_id) WHERE item_id IS NOT NULL;
CREATE INDEX suggestion_search ON suggestion
    USING gin (to_tsvector('simple', luoshi_bigrams(content)));

-- What happened to a suggestion, for the handling supervisor (the citizen sees only the status).
CREATE TABLE suggestion_event (
    id            bigserial PRIMARY KEY,
    suggestion_id bigint      NOT NULL REFERENCES suggestion (id),
    at            timestamptz NOT NULL DEFAULT now(),
    actor         text        NOT NULL,
    type          text        NOT NULL,
    text          text        NOT NULL
);
CREATE INDEX suggestion_event_of ON suggestion_event (suggestion_id, at);

-- Requests per address and hour from the public pages; shared by every node.
CREATE TABLE public_rate (
    bucket       text        NOT NULL,
    address_hash text        NOT NULL,
    window_start timestamptz NOT NULL,
    hits         int         NOT NULL,
    PRIMARY KEY (bucket, address_hash, window_start)
);

-- Questions asked on the public form; each answer is good once, within its lifetime.
CREATE TABLE public_challenge (
    id         uuid        PRIMARY KEY,
    answer     int         NOT NULL,
    expires_at timestamptz NOT NULL
);

-- The key for personal data when none is configured (a zero-setup run); production configures one.
CREATE TABLE crypto_key (
    name       text        PRIMARY KEY,
    key_bytes  bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
