package org.luoshi.audit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the trail, newest first, with every filter a bound parameter. */
@Component
public class AuditQuery {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;

    AuditQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public AuditPage find(AuditFilter filter) {
        int page = filter.pageOrFirst();
        List<AuditEntry> rows = jdbc.sql("""
                SELECT id, occurred_at, actor, address, action, outcome, target_type, target_id, summary,
                       before::text AS before, after::text AS after, chain_seq
                  FROM audit_event
                 WHERE (CAST(:actor AS text) IS NULL OR actor = :actor)
                   AND (CAST(:action AS text) IS NULL OR starts_with(action, :action))
                   AND (CAST(:outcome AS text) IS NULL OR outcome = :outcome)
                   AND (CAST(:from AS timestamptz) IS NULL OR occurred_at >= :from)
                   AND (CAST(:to AS timestamptz) IS NULL OR occurred_at < :to)
                   AND (CAST(:text AS text) IS NULL OR strpos(summary, :text) > 0
                        OR target_id = :text)
                 ORDER BY id DESC
                 LIMIT :limit OFFSET :offset
                """)
                .param("actor", blankToNull(filter.actor()))
                .param("action", blankToNull(filter.action()))
                .param(
                        "outcome",
                        filter.outcome() == null ? null : filter.outcome().name())
                .param("from", startOf(filter.from()))
                .param("to", startOf(filter.to() == null ? null : filter.to().plusDays(1)))
                .param("text", blankToNull(filter.text()))
                .param("limit", AuditFilter.PAGE_SIZE + 1)
                .param("offset", (page - 1) * AuditFilter.PAGE_SIZE)
                .query(AuditEntry.class)
                .list();
        boolean hasNext = rows.size() > AuditFilter.PAGE_SIZE;
        return new AuditPage(hasNext ? rows.subList(0, AuditFilter.PAGE_SIZE) : rows, page, hasNext);
    }

    /** The distinct action names, for the filter's choices. */
    /** What has left the table for archive files: how many archives and records, over which days. */
    public record Archives(long files, long records, LocalDate oldest, LocalDate newest, String lastFile) {}

    public Archives archives() {
        return jdbc.sql("""
                        SELECT count(*), coalesce(sum(records), 0), min(oldest_at), max(newest_at),
                               (SELECT file_name FROM audit_archive ORDER BY first_seq DESC LIMIT 1)
                          FROM audit_archive
                        """)
                .query((rs, i) -> new Archives(
                        rs.getLong(1),
                        rs.getLong(2),
                        day(rs.getObject(3, java.time.OffsetDateTime.class)),
                        day(rs.getObject(4, java.time.OffsetDateTime.class)),
                        rs.getString(5)))
                .single();
    }

    private static LocalDate day(java.time.OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(ZONE).toLocalDate();
    }

    public List<String> actions() {
        return jdbc.sql("SELECT DISTINCT action FROM audit_event ORDER BY action")
                .query(String.class)
                .list();
    }

    private static java.time.OffsetDateTime startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZONE).toOffsetDateTime();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
