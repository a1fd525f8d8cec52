package org.luoshi.importing;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.luoshi.DomainException;
import org.luoshi.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports that take longer than a page should wait: run in the background, their progress shown
 * while they run, their outcome kept so that whoever started one can leave and find it again.
 */
@Service
public class ImportRuns {

    private static final Logger log = LoggerFactory.getLogger(ImportRuns.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LedgerImporter importer;
    private final JdbcClient jdbc;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Long, AtomicIntegerArray> live = new ConcurrentHashMap<>();

    ImportRuns(LedgerImporter importer, JdbcClient jdbc) {
        this.importer = importer;
        this.jdbc = jdbc;
    }

    /** A run as its starter sees it; {@code done} and {@code total} are live while it runs on this node. */
    public record Run(
            long id,
            String mode,
            String fileName,
            String status,
            Integer total,
            Integer done,
            Integer imported,
            Integer updated,
            Integer unchanged,
            List<RowError> errors,
            String message,
            Instant createdAt,
            Instant finishedAt) {

        public int percent() {
            return total == null || total == 0 || done == null ? 0 : Math.min(100, done * 100 / total);
        }

        public boolean running() {
            return status.equals("RUNNING");
        }
    }

    public long start(CurrentUser user, LedgerImporter.Mode mode, String fileName, byte[] file) {
        if (!user.has(org.luoshi.security.Role.SUPERVISOR)) {
            throw DomainException.forbidden("import.notAllowed", "只有督查员可以导入台账");
        }
        String name = fileName == null || fileName.isBlank() ? "台账.xlsx" : fileName.strip();
        long id = jdbc.sql("""
                        INSERT INTO import_run (mode, file_name, status, created_by) VALUES (:m, :f, 'RUNNING', :by)
                        RETURNING id
                        """)
                .param("m", mode.name())
                .param("f", name.length() > 200 ? name.substring(0, 200) : name)
                .param("by", user.username())
                .query(Long.class)
                .single();
        AtomicIntegerArray progress = new AtomicIntegerArray(2);
        live.put(id, progress);
        // the audit trail names the supervisor who imported, not the server, for what the run writes
        executor.submit(new org.springframework.security.concurrent.DelegatingSecurityContextRunnable(
                () -> execute(id, user, mode, file, progress)));
        return id;
    }

    private void execute(
            long id, CurrentUser user, LedgerImporter.Mode mode, byte[] file, AtomicIntegerArray progress) {
        try {
            ImportResult r;
            try {
                r = importer.run(user, new ByteArrayInputStream(file), false, mode, new LedgerImporter.Progress() {
                    @Override
                    public void total(int rows) {
                        progress.set(0, rows);
                    }

                    @Override
                    public void written(int rows) {
                        progress.set(1, rows);
                    }
                });
            } catch (LedgerImporter.RowRefused e) {
                r = new ImportResult(0, 0, 0, false, List.of(e.error()));
            }
            finish(id, r.ok() ? "DONE" : "REFUSED", r, null);
        } catch (DomainException e) {
            finish(id, "REFUSED", null, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("导入 {} 失败", id, e);
            finish(id, "FAILED", null, "导入失败：" + e.getMessage());
        } finally {
            live.remove(id);
        }
    }

    private void finish(long id, String status, ImportResult r, String message) {
        jdbc.sql("""
                        UPDATE import_run SET status = :s, total = :t, imported = :i, updated = :u, unchanged = :n,
                               errors = CAST(:e AS jsonb), message = :m, finished_at = now()
                         WHERE id = :id
                        """)
                .param("s", status)
                .param("t", r == null ? null : r.imported() + r.updated() + r.unchanged())
                .param("i", r == null ? null : r.imported())
                .param("u", r == null ? null : r.updated())
                .param("n", r == null ? null : r.unchanged())
                .param("e", r == null ? null : JSON.writeValueAsString(r.errors()))
                .param("m", message)
                .param("id", id)
                .update();
    }

    /** One's own run; another's is "not found", as everywhere. */
    public Run find(CurrentUser user, long id) {
        return runs(user, id, 1).stream()
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("import.notFound", "导入记录不存在"));
    }

    public List<Run> recent(CurrentUser user) {
        return runs(user, null, 10);
    }

    private List<Run> runs(CurrentUser user, Long id, int limit) {
        abandoned();
        return jdbc.sql("""
                        SELECT * FROM import_run WHERE created_by = :by AND (CAST(:id AS bigint) IS NULL OR id = :id)
                         ORDER BY id DESC LIMIT :limit
                        """)
                .param("by", user.username())
                .param("id", id)
                .param("limit", limit)
                .query((rs, i) -> {
                    long runId = rs.getLong("id");
                    AtomicIntegerArray p = live.get(runId);
                    String errors = rs.getString("errors");
                    return new Run(
                            runId,
                            rs.getString("mode"),
                            rs.getString("file_name"),
                            rs.getString("status"),
                            p != null ? Integer.valueOf(p.get(0)) : (Integer) rs.getObject("total"),
                            p != null ? Integer.valueOf(p.get(1)) : (Integer) rs.getObject("total"),
                            (Integer) rs.getObject("imported"),
                            (Integer) rs.getObject("updated"),
                            (Integer) rs.getObject("unchanged"),
                            errors == null ? List.of() : List.of(JSON.readValue(errors, RowError[].class)),
                            rs.getString("message"),
                            rs.getTimestamp("created_at").toInstant(),
                            Optional.ofNullable(rs.getTimestamp("finished_at"))
                                    .map(java.sql.Timestamp::toInstant)
                                    .orElse(null));
                })
                .list();
    }

    /** Every few seconds: the runs of this node are alive. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelay = 5_000)
    void heartbeat() {
        if (!live.isEmpty()) {
            jdbc.sql("UPDATE import_run SET heartbeat_at = now() WHERE id = ANY(:ids) AND status = 'RUNNING'")
                    .param("ids", live.keySet().toArray(Long[]::new))
                    .update();
        }
    }

    /**
     * Runs whose node stopped saying they are alive (it was stopped or killed) are not running any
     * more; their one transaction never committed, so nothing of them was written.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void abandoned() {
        jdbc.sql("UPDATE import_run SET status = 'FAILED', message = '导入中断（服务停止），未写入任何数据，请重新导入',"
                        + " finished_at = now() WHERE status = 'RUNNING' AND heartbeat_at < now() - interval '30 seconds'"
                        + " AND NOT (id = ANY(:live))")
                .param("live", live.keySet().toArray(Long[]::new))
                .update();
    }
}
