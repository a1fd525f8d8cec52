-- The ceiling for the month-end surge: the rows one progress report writes
-- (ReportService.write correcting a submitted report), in one transaction, straight to
-- PostgreSQL. bench/run fills bench_target with the same liaisons and items the HTTP run used.
\set k random(1, :targets)
SELECT item_id AS item, unit_id AS unit, who FROM bench_target WHERE k = :k \gset
BEGIN;
INSERT INTO progress_report (item_id, unit_id, period, period_start, period_end, due_on, status, created_by)
VALUES (:item, :unit, ':period', CAST(':period' || '-01' AS date),
        CAST(':period' || '-01' AS date) + interval '1 month' - interval '1 day',
        CAST(':period' || '-01' AS date) + interval '1 month' + interval '6 days', 'DRAFT', ':who')
ON CONFLICT (item_id, period) DO NOTHING;
SELECT id AS report, revision AS rev FROM progress_report WHERE item_id = :item AND period = ':period' FOR UPDATE \gset
SELECT count(*) FROM indicator_value WHERE report_id = :report;
UPDATE progress_report SET status = 'SUBMITTED', narrative = 'pgbench ' || :k, percent_complete = :k % 100,
       revision = :rev + 1, submitted_at = now(), submitted_by = ':who',
       first_submitted_at = coalesce(first_submitted_at, now()), decided_at = NULL, decided_by = NULL,
       version = version + 1, updated_at = now()
 WHERE id = :report;
DELETE FROM indicator_value WHERE report_id = :report;
DELETE FROM progress_report_file WHERE report_id = :report;
INSERT INTO progress_report_revision (report_id, revision, status, content, by_user)
VALUES (:report, :rev + 1, 'SUBMITTED',
        CAST('{"values": {}, "fileIds": [], "narrative": "pgbench", "percentComplete": 50}' AS jsonb), ':who');
INSERT INTO item_event (item_id, actor, type, text) VALUES (:item, ':who', 'REPORT_SUBMITTED', '修改并报送进展，完成50%');
INSERT INTO audit_event (occurred_at, actor, address, action, outcome, target_type, target_id, summary, after)
VALUES (now(), ':who', '127.0.0.1', 'progress.submitted', 'SUCCESS', 'report', :report, '报送进展',
        CAST('{"status": "SUBMITTED"}' AS jsonb));
COMMIT;
