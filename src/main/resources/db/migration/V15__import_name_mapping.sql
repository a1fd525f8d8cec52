-- 对照表: a name a unit's sheets use for a unit or a leader that the platform knows by another name,
-- saved once by a supervisor of that unit and applied to every later import of the unit's sheets
CREATE TABLE import_name_mapping (
    owner_unit_id bigint      NOT NULL REFERENCES unit (id),
    kind          text        NOT NULL CHECK (kind IN ('UNIT', 'LEADER')),
    name          text        NOT NULL,
    target_id     bigint      NOT NULL,
    written_as    text        NOT NULL,
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner_unit_id, kind, name)
);
