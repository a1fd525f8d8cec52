-- What each imported row became, so that importing the same sheet again updates instead of duplicating.
CREATE TABLE import_key (
    key        varchar(400) PRIMARY KEY,
    item_id    bigint       NOT NULL REFERENCES item (id),
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz
);
