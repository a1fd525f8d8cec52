package org.luoshi.item.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.luoshi.DomainException;
import org.luoshi.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ledger exports too large to wait for: written in the background page by page, their progress kept
 * in the database so that the page (on any node) can follow it and its starter find the file later.
 */
@Component
class LedgerExportRuns {

    private static final Logger log = LoggerFactory.getLogger(LedgerExportRuns.class);

    /** Views up to this size download at once; larger ones are offered as a background export. */
    static final int DIRECT_ROWS = 5_000;

    private final LedgerExport export;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    LedgerExportRuns(LedgerExport export, JdbcClient jdbc, Clock clock) {
        this.export = export;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Run(
            long id,
            String fileName,
            String query,
            String status,
            Integer total,
            int done,
            String message,
            Instant createdAt,
            Instant finishedAt) {

        public int percent() {
            return total == null || total == 0 ? (status.equals("DONE") ? 100 : 0) : Math.min(100, done * 100 / total);
        }

        public boolean running() {
            return status.equals("RUNNING");
        }
    }

    long start(CurrentUser user, LedgerParams params, String unitPath) {
        LocalDate today = LocalDate.now(clock);
        String query = params.url("/items", null);
        long id = jdbc.sql("""
                        INSERT INTO export_run (created_by, file_name, query, status)
                        VALUES (:by, :f, :q, 'RUNNING') RETURNING id
                        """)
                .param("by", user.username())
                .param("f", "督办台账-" + today + ".xlsx")
                .param("q", query)
                .query(Long.class)
                .single();
        executor.submit(() -> run(id, user, params, unitPath, today));
        return id;
    }

    private void run(long id, CurrentUser user, LedgerParams params, String unitPath, LocalDate today) {
        try {
            byte[] file = export.write(
                    user,
                    params,
                    unitPath,
                    today,
                    (done, total) -> jdbc.sql(
                                    "UPDATE export_run SET done = :d, total = :t, heartbeat_at = now() WHERE id = :id")
                            .param("d", done)
                            .param("t", (int) Math.min(total, Integer.MAX_VALUE))
                            .param("id", id)
                            .update());
            jdbc.sql("UPDATE export_run SET status = 'DONE', content = :c, finished_at = now() WHERE id = :id")
                    .param("c", file)
                    .param("id", id)
                    .update();
        } catch (DomainException e) {
            fail(id, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("导出 {} 失败", id, e);
            fail(id, "导出失败：" + e.getMessage());
        }
    }

    private void fail(long id, String message) {
        jdbc.sql("UPDATE export_run SET status = 'FAILED', message = :m, finished_at = now() WHERE id = :id")
                .param("m", message)
                .param("id", id)
                .update();
    }

    /** One's own export; another's is "not found", as everywhere. */
    Run find(CurrentUser user, long id) {
        return runs(user, id, 1).stream()
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("export.notFound", "导出记录不存在"));
    }

    List<Run> recent(CurrentUser user) {
        return runs(user, null, 10);
    }

    byte[] file(CurrentUser user, long id) {
        Run run = find(user, id);
        if (!run.status().equals("DONE")) {
            throw DomainException.conflict("export.notReady", "导出尚未完成");
        }
        return jdbc.sql("SELECT content FROM export_run WHERE id = :id")
                .param("id", id)
                .query(byte[].class)
                .single();
    }

    private List<Run> runs(CurrentUser user, Long id, int limit) {
        // an export whose node stopped mid-way says so instead of running for ever
        jdbc.sql("UPDATE export_run SET status = 'FAILED', message = '导出中断（服务停止），请重新导出', finished_at = now()"
                        + " WHERE status = 'RUNNING' AND heartbeat_at < now() - interval '2 minutes'")
                .update();
        // kept a week: a file is for downloading, not for keeping
        jdbc.sql("DELETE FROM export_run WHERE created_at < now() - interval '7 days'")
                .update();
        return jdbc.sql("""
                        SELECT id, file_name, query, status, total, done, message, created_at, finished_at
                          FROM export_run WHERE created_by = :by AND (CAST(:id AS bigint) IS NULL OR id = :id)
                         ORDER BY id DESC LIMIT :limit
                        """)
                .param("by", user.username())
                .param("id", id)
                .param("limit", limit)
                .query((rs, i) -> new Run(
                        rs.getLong("id"),
                        rs.getString("file_name"),
                        rs.getString("query"),
                        rs.getString("status"),
                        (Integer) rs.getObject("total"),
                        rs.getInt("done"),
                        rs.getString("message"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("finished_at") == null
                                ? null
                                : rs.getTimestamp("finished_at").toInstant()))
                .list();
    }
}
