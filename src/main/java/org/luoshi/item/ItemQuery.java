package org.luoshi.item;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.luoshi.security.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Ledger reads (台账), always within the caller's scope and with bound parameters. */
@Component
public class ItemQuery {

    public static final int MAX_PAGE_SIZE = 200;

    private final JdbcClient jdbc;
    private final ItemScopes scopes;
    private final Clock clock;

    ItemQuery(JdbcClient jdbc, ItemScopes scopes, Clock clock) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.clock = clock;
    }

    public record Filter(
            ItemStatus status,
            ItemKind kind,
            Long unitId,
            Long leaderId,
            Boolean overdue,
            String q,
            int page,
            int size) {}

    public record Page(List<ItemData> items, long total) {}

    public record TimelineRow(long id, java.time.OffsetDateTime at, String actor, String type, String text) {}

    Optional<ItemData> find(long id, ItemScope scope) {
        return jdbc.sql("SELECT " + ItemRepository.COLUMNS + " FROM item i WHERE i.id = :id AND " + scope.sql())
                .param("id", id)
                .params(scope.params())
                .query(ItemRepository::map)
                .optional();
    }

    public Page list(CurrentUser user, Filter f, String unitPath) {
        ItemScope scope = scopes.of(user);
        Map<String, Object> params = new HashMap<>(scope.params());
        String where = scope.sql() + """
                 AND (CAST(:status AS text) IS NULL OR i.status = :status)
                 AND (CAST(:kind AS text) IS NULL OR i.kind = :kind)
                 AND (CAST(:unitLo AS text) IS NULL OR (i.lead_unit_path >= :unitLo AND i.lead_unit_path < :unitHi))
                 AND (CAST(:leader AS bigint) IS NULL OR i.lead_leader_id = :leader)
                 AND (CAST(:overdue AS boolean) IS NULL OR :overdue = (i.status IN ('DISPATCHED', 'ACCEPTED',
                      'IN_PROGRESS', 'CLOSURE_REQUESTED') AND i.deadline < :today))
                 AND (:q = '' OR i.title LIKE '%' || :q || '%' OR i.code = :q)
                """;
        params.put("status", f.status() == null ? null : f.status().name());
        params.put("kind", f.kind() == null ? null : f.kind().name());
        params.put("unitLo", unitPath);
        params.put("unitHi", unitPath == null ? null : unitPath.substring(0, unitPath.length() - 1) + "0");
        params.put("leader", f.leaderId());
        params.put("overdue", f.overdue());
        params.put("today", LocalDate.now(clock));
        params.put("q", f.q() == null ? "" : f.q().strip());
        long total = jdbc.sql("SELECT count(*) FROM item i WHERE " + where)
                .params(params)
                .query(Long.class)
                .single();
        int size = Math.min(Math.max(f.size(), 1), MAX_PAGE_SIZE);
        int page = Math.max(f.page(), 1);
        params.put("limit", size);
        params.put("offset", (long) (page - 1) * size);
        List<ItemData> rows = jdbc.sql("SELECT " + ItemRepository.COLUMNS + " FROM item i WHERE " + where
                        + " ORDER BY i.deadline NULLS LAST, i.id LIMIT :limit OFFSET :offset")
                .params(params)
                .query(ItemRepository::map)
                .list();
        return new Page(rows, total);
    }

    /** Of these items, the ones the user may see, in id order. */
    public List<ItemData> visible(CurrentUser user, List<Long> ids) {
        ItemScope scope = scopes.of(user);
        return jdbc.sql("SELECT " + ItemRepository.COLUMNS + " FROM item i WHERE i.id = ANY(:ids) AND " + scope.sql()
                        + " ORDER BY i.id")
                .param("ids", ids.toArray(Long[]::new))
                .params(scope.params())
                .query(ItemRepository::map)
                .list();
    }

    public List<Long> children(long id) {
        return jdbc.sql("SELECT id FROM item WHERE parent_id = :id ORDER BY id")
                .param("id", id)
                .query(Long.class)
                .list();
    }

    public List<TimelineRow> timeline(long id) {
        return jdbc.sql("SELECT id, at, actor, type, text FROM item_event WHERE item_id = :id ORDER BY id")
                .param("id", id)
                .query(TimelineRow.class)
                .list();
    }
}
