package org.luoshi.item;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.luoshi.org.UnitPath;
import org.luoshi.security.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Ledger reads (台账), always within the caller's scope and with bound parameters. */
@Component
public class ItemQuery {

    public static final int MAX_PAGE_SIZE = 200;

    private final JdbcClient jdbc;
    private final org.luoshi.database.CustomPlans plans;
    private final ItemScopes scopes;
    private final Clock clock;

    ItemQuery(JdbcClient jdbc, ItemScopes scopes, Clock clock, org.luoshi.database.CustomPlans plans) {
        this.plans = plans;
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.clock = clock;
    }

    public record Filter(
            ItemStatus status,
            Stage stage,
            ItemKind kind,
            ItemLevel level,
            Long unitId,
            Long leaderId,
            Boolean overdue,
            LocalDate deadlineFrom,
            LocalDate deadlineTo,
            String q,
            String tag,
            Long sourceId,
            Sort sort,
            int page,
            int size) {

        /** Everything in one stage, of one lead leader (or any, for null), by deadline: for counting. */
        public static Filter byStage(Stage stage, Long leaderId, int page, int size) {
            return only(null, stage, leaderId, page, size);
        }

        /** Everything in one status (or all, for null), by deadline: for pages that list a unit's work. */
        public static Filter byStatus(ItemStatus status, int page, int size) {
            return only(status, null, null, page, size);
        }

        private static Filter only(ItemStatus status, Stage stage, Long leaderId, int page, int size) {
            return new Filter(
                    status,
                    stage,
                    null,
                    null,
                    null,
                    leaderId,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Sort.DEADLINE,
                    page,
                    size);
        }
    }

    /** Groups of statuses a dashboard counts by: under way (派发 to 申请办结), or anything past the draft and not cancelled. */
    public enum Stage {
        OPEN,
        LIVE
    }

    /** Orders a ledger may be read in; each one ends on the id so pages never shuffle. */
    public enum Sort {
        DEADLINE("i.deadline NULLS LAST, i.id"),
        NEWEST("i.id DESC"),
        CODE("i.code");

        private final String sql;

        Sort(String sql) {
            this.sql = sql;
        }
    }

    /**
     * A page of a view and the view's size; {@code capped} when counting stopped at a cap, so that
     * {@code total} is a lower bound, and {@code hasNext} when rows follow this page.
     */
    public record Page(List<ItemData> items, long total, boolean capped, boolean hasNext) {}

    /** Past this many rows a screen's count says "more than": nobody pages through them by hand. */
    public static final int COUNT_CAP = 10_000;

    public record TimelineRow(long id, java.time.OffsetDateTime at, String actor, String type, String text) {}

    Optional<ItemData> find(long id, ItemScope scope) {
        return jdbc.sql("SELECT " + ItemRepository.COLUMNS + " FROM item i WHERE i.id = :id AND " + scope.sql())
                .param("id", id)
                .params(scope.params())
                .query(ItemRepository::map)
                .optional();
    }

    /**
     * What a person may see, as a condition on an item aliased {@code i} with its parameters: for the
     * parts that join their own rows to items (search).
     */
    public record Visible(String sql, Map<String, Object> params) {}

    public Visible visible(CurrentUser user) {
        ItemScope scope = scopes.of(user);
        return new Visible(scope.sql(), scope.params());
    }

    /** Whether the account sees every item led within a subtree, so that counts kept per unit apply to it. */
    public boolean seesAllLedUnder(CurrentUser user, UnitPath path) {
        return scopes.of(user).units().covers(path);
    }

    /**
     * One page of a ledger view and the view's size, from one pass over the view's index entries
     * (ids and the window's count), then the page's rows by id.
     */
    public Page list(CurrentUser user, Filter f, String unitPath) {
        return windowed(where(user, f, unitPath), f);
    }

    private Page windowed(Where w, Filter f) {
        int size = Math.min(Math.max(f.size(), 1), MAX_PAGE_SIZE);
        int page = Math.max(f.page(), 1);
        Map<String, Object> params = new HashMap<>(w.params());
        params.put("limit", size);
        params.put("offset", (long) (page - 1) * size);
        List<Long> ids = new ArrayList<>();
        long[] total = {-1};
        plans.read(() -> {
            jdbc.sql("SELECT i.id, count(*) OVER () AS total FROM item i WHERE " + w.sql() + " ORDER BY "
                            + (f.sort() == null ? Sort.DEADLINE : f.sort()).sql + " LIMIT :limit OFFSET :offset")
                    .params(params)
                    .query(rs -> {
                        ids.add(rs.getLong(1));
                        total[0] = rs.getLong(2);
                    });
            return ids;
        });
        if (total[0] < 0) {
            // past the last page, or nothing at all: the window had no row to carry the count
            total[0] = page == 1
                    ? 0
                    : jdbc.sql("SELECT count(*) FROM item i WHERE " + w.sql())
                            .params(w.params())
                            .query(Long.class)
                            .single();
        }
        return new Page(rows(ids), total[0], false, (long) page * size < total[0]);
    }

    /**
     * One page of a ledger view for a screen, counted only up to {@code cap}: counting a province's
     * open items exactly means reading all 140,000 of them (0.3–0.7 s) for a figure nobody pages
     * through, while the page itself is fifty index entries in deadline order.
     */
    public Page listCapped(CurrentUser user, Filter f, String unitPath, int cap) {
        Where w = where(user, f, unitPath);
        if (w.scoped()) {
            // a visibility test hides from the planner how few rows qualify: given a LIMIT it walked a
            // province's items in deadline order looking for a liaison's twenty (3 s); counted whole,
            // the scope's own index finds them at once
            return windowed(w, f);
        }
        int size = Math.min(Math.max(f.size(), 1), MAX_PAGE_SIZE);
        int page = Math.max(f.page(), 1);
        Map<String, Object> params = new HashMap<>(w.params());
        params.put("limit", size + 1); // one more says whether a next page exists
        params.put("cap", cap + 1);
        long offset = (long) (page - 1) * size;
        params.put("offset", offset);
        List<ItemData> rows = new ArrayList<>();
        // one read-only transaction for the page, whole rows, and its count: each statement costs a
        // round trip, and under a LIMIT the rows are read from the heap for the filter anyway
        long counted = plans.read(() -> {
            rows.addAll(jdbc.sql("SELECT " + ItemRepository.COLUMNS + " FROM item i WHERE " + w.sql() + " ORDER BY "
                            + (f.sort() == null ? Sort.DEADLINE : f.sort()).sql + " LIMIT :limit OFFSET :offset")
                    .params(params)
                    .query(ItemRepository::map)
                    .list());
            if (rows.size() <= size && (!rows.isEmpty() || offset == 0)) {
                return offset + rows.size(); // the last page: what precedes it and what it holds
            }
            return jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM item i WHERE " + w.countSql() + " LIMIT :cap) t")
                    .params(params)
                    .query(Long.class)
                    .single();
        });
        boolean hasNext = rows.size() > size;
        if (hasNext) {
            rows.removeLast();
        }
        return new Page(List.copyOf(rows), Math.min(counted, cap), counted > cap, hasNext);
    }

    private List<ItemData> rows(List<Long> ids) {
        Map<Long, ItemData> byId = new HashMap<>();
        byIds(ids).forEach(d -> byId.put(d.id(), d));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The ids of a ledger view in its order, at most {@code limit} of them: an export reads a view of
     * 100,000 rows once in order instead of counting and skipping it again for every page.
     */
    public List<Long> ids(CurrentUser user, Filter f, String unitPath, int limit) {
        Where w = where(user, f, unitPath);
        Map<String, Object> params = new HashMap<>(w.params());
        params.put("limit", limit);
        return plans.read(() -> jdbc.sql("SELECT i.id FROM item i WHERE " + w.sql() + " ORDER BY "
                        + (f.sort() == null ? Sort.DEADLINE : f.sort()).sql + " LIMIT :limit")
                .params(params)
                .query(Long.class)
                .list());
    }

    /**
     * The conditions, and the same conditions as a capped count wants them written; {@code scoped}
     * when they include the account's visibility test.
     */
    private record Where(String sql, String countSql, Map<String, Object> params, boolean scoped) {}

    private static final String OPEN = "('DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'CLOSURE_REQUESTED')";

    /** Open and not overdue, for a page: in deadline order the planner finds it through two indexes. */
    private static final String NOT_OVERDUE = "(i.deadline IS NULL OR i.deadline >= :today)";

    /**
     * The same for a count, as one test on the deadline the scope index holds: counted from that index
     * alone instead of a bitmap over both (a city's open projects: 4.3 ms against 7.5 ms). Not for a
     * page: in deadline order it walked the overdue items first (210 ms).
     */
    private static final String NOT_OVERDUE_COUNTED = "(i.deadline < :today) IS NOT TRUE";

    /**
     * Only the conditions a filter sets, each in a form an index can use: a catch-all text with
     * "parameter IS NULL OR …" hides from the planner that, say, "not overdue" among open items is a
     * deadline from today on, and it then read a province's overdue items in deadline order to find
     * fifty that are not.
     */
    private Where where(CurrentUser user, Filter f, String unitPath) {
        ItemScope scope = scopes.of(user);
        Map<String, Object> params = new HashMap<>();
        List<String> and = new ArrayList<>();
        int notOverdue = -1; // where NOT_OVERDUE stands, for the count's form of it
        // a subtree the account sees whole needs no visibility test of its own
        boolean scoped = (unitPath == null || !scope.units().covers(new UnitPath(unitPath)))
                && !scope.units().everything();
        if (scoped) {
            and.add(scope.sql(ItemScope.Reading.VIEW));
            params.putAll(scope.params());
        }
        boolean open =
                f.stage() == Stage.OPEN || (f.status() != null && f.status().open());
        if (f.status() != null) {
            and.add("i.status = :status");
            params.put("status", f.status().name());
        }
        if (f.stage() == Stage.OPEN) {
            and.add("i.status IN " + OPEN);
        } else if (f.stage() == Stage.LIVE) {
            and.add("i.status NOT IN ('DRAFT', 'CANCELLED')");
        }
        if (f.kind() != null) {
            and.add("i.kind = :kind");
            params.put("kind", f.kind().name());
        }
        if (f.level() != null) {
            and.add("i.level = :level");
            params.put("level", f.level().name());
        }
        if (f.deadlineFrom() != null) {
            and.add("i.deadline >= :from");
            params.put("from", f.deadlineFrom());
        }
        if (f.deadlineTo() != null) {
            and.add("i.deadline <= :to");
            params.put("to", f.deadlineTo());
        }
        if (unitPath != null) {
            and.add("i.lead_unit_path >= :unitLo AND i.lead_unit_path < :unitHi");
            params.put("unitLo", unitPath);
            params.put("unitHi", new UnitPath(unitPath).upperBound());
        }
        if (f.leaderId() != null) {
            and.add("i.lead_leader_id = :leader");
            params.put("leader", f.leaderId());
        }
        if (f.overdue() != null) {
            params.put("today", LocalDate.now(clock));
            if (f.overdue()) {
                and.add("i.status IN " + OPEN + " AND i.deadline < :today");
            } else if (open) {
                notOverdue = and.size();
                and.add(NOT_OVERDUE);
            } else {
                and.add("(i.status NOT IN " + OPEN + " OR i.deadline IS NULL OR i.deadline >= :today)");
            }
        }
        String q = f.q() == null ? "" : f.q().strip();
        if (!q.isEmpty()) {
            and.add("(strpos(i.title, :q) > 0 OR i.code = :q)"); // strpos: a typed % or _ is a character
            params.put("q", q);
        }
        String tag = f.tag() == null ? "" : f.tag().strip();
        if (!tag.isEmpty()) {
            and.add("i.tags @> ARRAY[CAST(:tag AS text)]");
            params.put("tag", tag);
        }
        if (f.sourceId() != null) {
            and.add("EXISTS (SELECT 1 FROM item_source_link l WHERE l.item_id = i.id AND l.source_id = :source)");
            params.put("source", f.sourceId());
        }
        String sql = and.isEmpty() ? "TRUE" : String.join(" AND ", and);
        if (notOverdue >= 0) {
            and.set(notOverdue, NOT_OVERDUE_COUNTED);
        }
        return new Where(sql, and.isEmpty() ? "TRUE" : String.join(" AND ", and), params, scoped);
    }

    /**
     * Items under way across the whole platform, by id after {@code afterId}: for the platform's own
     * jobs (reminders), never for a person's screen.
     */
    public List<ItemData> openAfter(long afterId, int limit) {
        return jdbc.sql("SELECT " + ItemRepository.COLUMNS + " FROM item i WHERE i.id > :after"
                        + " AND i.status IN ('DISPATCHED', 'ACCEPTED', 'IN_PROGRESS') ORDER BY i.id LIMIT :limit")
                .param("after", afterId)
                .param("limit", limit)
                .query(ItemRepository::map)
                .list();
    }

    /** The queues of a workbench: what waits for this user, oldest deadline first. */
    public enum Queue {
        TO_DISPATCH("i.status = 'DRAFT'"),
        TO_JUDGE("i.status = 'CLOSURE_REQUESTED'"),
        EXTENSIONS("i.pending_deadline IS NOT NULL"),
        TO_SIGN("i.status = 'DISPATCHED' AND i.lead_unit_id = :myUnit"),
        DUE_SOON("i.status IN ('ACCEPTED', 'IN_PROGRESS') AND i.lead_unit_id = :myUnit"
                + " AND i.deadline >= :today AND i.deadline <= :soon"),
        OVERDUE("i.status IN ('DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'CLOSURE_REQUESTED') AND i.deadline < :today");

        private final String condition;

        Queue(String condition) {
            this.condition = condition;
        }
    }

    public List<ItemData> queue(CurrentUser user, Queue queue, int limit) {
        ItemScope scope = scopes.of(user);
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql("SELECT " + ItemRepository.COLUMNS + " FROM item i WHERE " + scope.sql() + " AND "
                        + queue.condition + " ORDER BY i.deadline NULLS LAST, i.id LIMIT :limit")
                .params(scope.params())
                .param("myUnit", user.unitId())
                .param("today", today)
                .param("soon", today.plusDays(14))
                .param("limit", limit)
                .query(ItemRepository::map)
                .list();
    }

    /**
     * Every item under a unit that has left the draft and was not cancelled: for the platform's own
     * work on a jurisdiction (bulletins drafted on schedule), never for a person's screen.
     */
    public List<ItemData> liveUnder(String unitPath) {
        String hi = unitPath.substring(0, unitPath.length() - 1) + "0";
        List<ItemData> rows = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            List<ItemData> page = jdbc.sql("SELECT " + ItemRepository.COLUMNS + " FROM item i WHERE i.id > :after"
                            + " AND i.lead_unit_path >= :lo AND i.lead_unit_path < :hi"
                            + " AND i.status NOT IN ('DRAFT', 'CANCELLED') ORDER BY i.id LIMIT 1000")
                    .param("after", after)
                    .param("lo", unitPath)
                    .param("hi", hi)
                    .query(ItemRepository::map)
                    .list();
            rows.addAll(page);
            if (page.size() < 1000) {
                return rows;
            }
            after = page.getLast().id();
        }
    }

    /** These items, whoever may see them: for the platform's own work (keeping paces current). */
    public List<ItemData> byIds(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + ItemRepository.COLUMNS + " FROM item i WHERE i.id = ANY(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(ItemRepository::map)
                .list();
    }

    /** Of these items, those whose timeline has an entry of the type within [from, to). */
    public java.util.Set<Long> happened(
            java.util.Collection<Long> ids, String type, java.time.Instant from, java.time.Instant to) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                        SELECT DISTINCT item_id FROM item_event
                         WHERE item_id = ANY(:ids) AND type = :type AND at >= :from AND at < :to
                        """)
                .param("ids", ids.toArray(Long[]::new))
                .param("type", type)
                .param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to))
                .query(Long.class)
                .list());
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

    /** 协办/配合单位 of an item. */
    public List<Long> coUnits(long id) {
        return coUnits(List.of(id)).getOrDefault(id, List.of());
    }

    public List<Long> children(long id) {
        return children(List.of(id)).getOrDefault(id, List.of());
    }

    /** Co-units of many items in one query, for a ledger page. */
    public Map<Long, List<Long>> coUnits(java.util.Collection<Long> ids) {
        return grouped("SELECT item_id, unit_id FROM item_co_unit WHERE item_id = ANY(:ids) ORDER BY unit_id", ids);
    }

    /** Children of many items in one query, for a ledger page. */
    public Map<Long, List<Long>> children(java.util.Collection<Long> ids) {
        return grouped("SELECT parent_id, id FROM item WHERE parent_id = ANY(:ids) ORDER BY id", ids);
    }

    private Map<Long, List<Long>> grouped(String sql, java.util.Collection<Long> ids) {
        Map<Long, List<Long>> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.sql(sql).param("ids", ids.toArray(Long[]::new)).query(rs -> {
            result.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
                    .add(rs.getLong(2));
        });
        return result;
    }

    /** Codes of items by id, whoever may see them: a parent's code is shown beside its child. */
    public Map<Long, String> codes(java.util.Collection<Long> ids) {
        Map<Long, String> codes = new HashMap<>();
        jdbc.sql("SELECT id, code FROM item WHERE id = ANY(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    codes.put(rs.getLong(1), rs.getString(2));
                });
        return codes;
    }

    public int fileCount(long itemId) {
        return jdbc.sql("SELECT count(*) FROM item_file WHERE item_id = :i")
                .param("i", itemId)
                .query(Integer.class)
                .single();
    }

    public List<Milestone> milestones(long id) {
        return milestones(List.of(id)).getOrDefault(id, List.of());
    }

    /** Milestones of many items in one query, in date order. */
    public Map<Long, List<Milestone>> milestones(java.util.Collection<Long> ids) {
        Map<Long, List<Milestone>> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.sql("SELECT item_id, seq, title, due_date, done_on, done_by FROM item_milestone"
                        + " WHERE item_id = ANY(:ids) ORDER BY item_id, due_date, seq")
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("item_id"), k -> new java.util.ArrayList<>())
                            .add(new Milestone(
                                    rs.getInt("seq"),
                                    rs.getString("title"),
                                    rs.getObject("due_date", LocalDate.class),
                                    rs.getObject("done_on", LocalDate.class),
                                    rs.getString("done_by")));
                });
        return result;
    }

    public List<TimelineRow> timeline(long id) {
        return jdbc.sql("SELECT id, at, actor, type, text FROM item_event WHERE item_id = :id ORDER BY id")
                .param("id", id)
                .query(TimelineRow.class)
                .list();
    }
}
