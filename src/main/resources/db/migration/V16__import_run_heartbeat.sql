-- A running import says it is alive every few seconds; one whose node died stops saying so
ALTER TABLE import_run ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now();
