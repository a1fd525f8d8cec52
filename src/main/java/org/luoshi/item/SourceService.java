package org.luoshi.item;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.luoshi.DomainException;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 来源: the government work report, a meeting, a leader's instruction… Registered by supervisors;
 * sources are city documents, so anyone signed in may read them, while the items under a source are
 * still shown within the reader's own scope.
 */
@Service
public class SourceService {

    static final int MAX_TITLE = 200;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    SourceService(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    public ItemSource create(CurrentUser user, NewSource s) {
        if (!user.has(Role.SUPERVISOR)) {
            throw ItemRefusals.notAllowed("登记来源", "督查员");
        }
        return register(s, user.username());
    }

    /** Registration without an actor check, for the platform itself (demo city, ledger import). */
    @Transactional
    public ItemSource register(NewSource s, String by) {
        if (s.kind() == null) {
            throw DomainException.invalid("source.kind", "kind", "请选择来源类别");
        }
        String title = s.title() == null ? "" : s.title().strip();
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            throw DomainException.invalid("source.title", "title", "来源名称须为1至{0}个字", MAX_TITLE);
        }
        String number = blankToNull(s.docNumber(), 64, "docNumber", "文号");
        String leader = blankToNull(s.leaderName(), 64, "leaderName", "批示领导");
        if (s.kind() == SourceKind.INSTRUCTION && (s.issuedOn() == null || leader == null)) {
            throw DomainException.invalid(
                    "source.instruction", s.issuedOn() == null ? "issuedOn" : "leaderName", "领导批示须写明批示日期和批示领导");
        }
        long id = jdbc.sql("""
                        INSERT INTO item_source (kind, title, doc_number, issued_on, leader_name, created_by)
                        VALUES (:kind, :title, :number, :issued, :leader, :by) RETURNING id
                        """)
                .param("kind", s.kind().name())
                .param("title", title)
                .param("number", number)
                .param("issued", s.issuedOn())
                .param("leader", leader)
                .param("by", by)
                .query(Long.class)
                .single();
        events.publishEvent(new SourceEvent(id, s.kind().name(), title));
        return find(id).orElseThrow();
    }

    public Optional<ItemSource> find(long id) {
        return jdbc.sql(SELECT + " WHERE s.id = :id GROUP BY s.id")
                .param("id", id)
                .query(SourceService::map)
                .optional();
    }

    /** Newest first, optionally of one kind or matching a text in title or number. */
    public List<ItemSource> list(SourceKind kind, String q, int limit) {
        String text = q == null ? "" : q.strip();
        return jdbc.sql(SELECT + """
                         WHERE (CAST(:kind AS text) IS NULL OR s.kind = :kind)
                           AND (:q = '' OR strpos(s.title, :q) > 0 OR s.doc_number = :q)
                         GROUP BY s.id ORDER BY s.issued_on DESC NULLS LAST, s.id DESC LIMIT :limit
                        """)
                .param("kind", kind == null ? null : kind.name())
                .param("q", text)
                .param("limit", Math.min(Math.max(limit, 1), 500))
                .query(SourceService::map)
                .list();
    }

    /** The sources of many items in one query. */
    public Map<Long, List<ItemSource>> ofItems(Collection<Long> itemIds) {
        Map<Long, List<ItemSource>> result = new HashMap<>();
        if (itemIds.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        SELECT l.item_id, s.id, s.kind, s.title, s.doc_number, s.issued_on, s.leader_name, 0 AS items
                          FROM item_source_link l JOIN item_source s ON s.id = l.source_id
                         WHERE l.item_id = ANY(:ids) ORDER BY s.issued_on NULLS LAST, s.id
                        """).param("ids", itemIds.toArray(Long[]::new)).query(rs -> {
            result.computeIfAbsent(rs.getLong("item_id"), k -> new java.util.ArrayList<>())
                    .add(map(rs, 0));
        });
        return result;
    }

    /** Refuses unknown sources by naming them, before anything is written. */
    /** Of these source ids, those that exist. */
    java.util.Set<Long> existing(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("SELECT id FROM item_source WHERE id = ANY(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(Long.class)
                .list());
    }

    void requireAll(List<Long> ids) {
        for (Long id : ids) {
            if (id == null || find(id).isEmpty()) {
                throw DomainException.invalid("item.source.unknown", "sourceIds", "来源 {0} 不存在", id);
            }
        }
    }

    private static final String SELECT = """
            SELECT s.id, s.kind, s.title, s.doc_number, s.issued_on, s.leader_name, count(l.item_id) AS items
              FROM item_source s LEFT JOIN item_source_link l ON l.source_id = s.id
            """;

    private static ItemSource map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ItemSource(
                rs.getLong("id"),
                SourceKind.valueOf(rs.getString("kind")),
                rs.getString("title"),
                rs.getString("doc_number"),
                rs.getObject("issued_on", LocalDate.class),
                rs.getString("leader_name"),
                rs.getLong("items"));
    }

    private static String blankToNull(String v, int max, String field, String what) {
        if (v == null || v.isBlank()) {
            return null;
        }
        String t = v.strip();
        if (t.length() > max) {
            throw DomainException.invalid("source.field.long", field, "{0}不能超过{1}个字", what, max);
        }
        return t;
    }
}
