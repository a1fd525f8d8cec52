package org.luoshi.item;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ItemRepository {

    static final String COLUMNS = """
            i.id, i.code, i.parent_id, i.kind, i.title, i.content, i.level, i.cadence, i.lead_unit_id,
            i.lead_unit_path, i.lead_leader_id, i.start_date, i.deadline, i.deadline_days, i.status,
            i.closure_rating, i.pending_deadline, i.pending_reason, i.dispatched_at, i.closed_at, i.version,
            i.created_at, i.created_by, i.tags
            """;

    private final JdbcClient jdbc;

    ItemRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code n} codes of the year in one step, in order: a ledger import numbers its rows at once. */
    java.util.List<String> nextCodes(int year, int n) {
        int last = jdbc.sql("""
                        INSERT INTO item_code_counter (year, last) VALUES (:y, :n)
                        ON CONFLICT (year) DO UPDATE SET last = item_code_counter.last + :n
                        RETURNING last
                        """)
                .param("y", year)
                .param("n", n)
                .query(Integer.class)
                .single();
        java.util.List<String> codes = new java.util.ArrayList<>(n);
        for (int k = last - n + 1; k <= last; k++) {
            codes.add(String.format("DB-%d-%04d", year, k));
        }
        return codes;
    }

    /** Ids for items about to be inserted, so that their co-units and steps can go in the same batch. */
    java.util.List<Long> newIds(int n) {
        return jdbc.sql("SELECT nextval(pg_get_serial_sequence('item', 'id')) FROM generate_series(1, :n)")
                .param("n", n)
                .query(Long.class)
                .list();
    }

    /** A draft to insert in a batch: its id from {@link #newIds}, its code from {@link #nextCodes}. */
    record Draft(long id, NewItem item, String code, int year, String unitPath, String by) {}

    /** Drafts and what hangs on them (co-units, steps, source links, a timeline entry), a statement each. */
    void insertAll(java.util.List<Draft> drafts, java.util.Map<Long, String> unitPaths, String timelineActor) {
        org.luoshi.Unnest items = new org.luoshi.Unnest(
                "id bigint",
                "code text",
                "year int",
                "parent bigint",
                "kind text",
                "title text",
                "content text",
                "level text",
                "cadence text",
                "unit bigint",
                "path text",
                "leader bigint",
                "start date",
                "deadline date",
                "days int",
                "by text",
                "tags text",
                "doc text");
        org.luoshi.Unnest coUnits = new org.luoshi.Unnest("i bigint", "u bigint", "p text");
        org.luoshi.Unnest steps = new org.luoshi.Unnest("i bigint", "s int", "t text", "d date");
        org.luoshi.Unnest links = new org.luoshi.Unnest("i bigint", "s bigint");
        org.luoshi.Unnest timeline = new org.luoshi.Unnest("i bigint", "x text");
        for (Draft d : drafts) {
            NewItem n = d.item();
            items.add(
                    d.id(),
                    d.code(),
                    d.year(),
                    n.parentId(),
                    n.kind().name(),
                    n.title(),
                    n.content(),
                    n.level().name(),
                    n.cadence().name(),
                    n.leadUnitId(),
                    d.unitPath(),
                    n.leadLeaderId(),
                    n.startDate(),
                    n.deadline(),
                    n.deadlineDays(),
                    d.by(),
                    org.luoshi.Unnest.arrayLiteral(n.tags()),
                    searchText(n));
            for (Long u : n.coUnitIds()) {
                coUnits.add(d.id(), u, unitPaths.get(u));
            }
            int seq = 0;
            for (Milestone.Plan m : n.milestones()) {
                steps.add(d.id(), ++seq, m.title(), m.dueDate());
            }
            for (Long s : n.sourceIds()) {
                links.add(d.id(), s);
            }
            timeline.add(d.id(), "立项：" + n.title());
        }
        items.update(jdbc, """
                INSERT INTO item (id, code, year, parent_id, kind, title, content, level, cadence, lead_unit_id,
                                  lead_unit_path, lead_leader_id, start_date, deadline, deadline_days, status,
                                  created_by, tags, search_doc)
                SELECT id, code, year, parent, kind, title, content, level, cadence, unit, path, leader, start,
                       deadline, days, 'DRAFT', by, CAST(tags AS text[]), to_tsvector('simple', doc)
                  FROM {rows}
                """);
        coUnits.update(jdbc, "INSERT INTO item_co_unit (item_id, unit_id, unit_path) SELECT i, u, p FROM {rows}");
        steps.update(jdbc, "INSERT INTO item_milestone (item_id, seq, title, due_date) SELECT i, s, t, d FROM {rows}");
        links.update(jdbc, """
                INSERT INTO item_source_link (item_id, source_id) SELECT i, s FROM {rows} ON CONFLICT DO NOTHING""");
        timeline.update(
                jdbc,
                "INSERT INTO item_event (item_id, actor, type, text) SELECT i, :a, 'CREATED', x FROM {rows}",
                java.util.Map.of("a", timelineActor));
    }

    Optional<ItemData> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM item i WHERE i.id = :id")
                .param("id", id)
                .query(ItemRepository::map)
                .optional();
    }

    /** DB-2026-0001: numbered per year without gaps between committed items of one node or many. */
    String nextCode(int year) {
        int n = jdbc.sql("""
                        INSERT INTO item_code_counter (year, last) VALUES (:y, 1)
                        ON CONFLICT (year) DO UPDATE SET last = item_code_counter.last + 1
                        RETURNING last
                        """).param("y", year).query(Integer.class).single();
        return String.format("DB-%d-%04d", year, n);
    }

    long insert(NewItem n, String code, int year, String unitPath, String by, ItemStatus status) {
        return jdbc.sql("""
                        INSERT INTO item (code, year, parent_id, kind, title, content, level, cadence, lead_unit_id,
                                          lead_unit_path, lead_leader_id, start_date, deadline, deadline_days,
                                          status, dispatched_at, created_by, tags, search_doc)
                        VALUES (:code, :year, :parent, :kind, :title, :content, :level, :cadence, :unit, :path,
                                :leader, :start, :deadline, :days, :status,
                                CASE WHEN :status = 'DRAFT' THEN NULL ELSE now() END, :by, :tags,
                                to_tsvector('simple', :doc))
                        RETURNING id
                        """)
                .params(fields(n, unitPath))
                .param("code", code)
                .param("year", year)
                .param("parent", n.parentId())
                .param("by", by)
                .param("status", status.name())
                .param("doc", searchText(n))
                .query(Long.class)
                .single();
    }

    /** A draft's fields as edited, if nobody changed it since it was read. */
    boolean update(long id, int version, NewItem n, String unitPath) {
        return jdbc.sql("""
                        UPDATE item SET kind = :kind, title = :title, content = :content, level = :level,
                               cadence = :cadence, lead_unit_id = :unit, lead_unit_path = :path, lead_leader_id = :leader,
                               start_date = :start, deadline = :deadline, deadline_days = :days, tags = :tags,
                               version = version + 1, updated_at = now()
                         WHERE id = :id AND version = :version AND status = 'DRAFT'
                        """)
                        .params(fields(n, unitPath))
                        .param("id", id)
                        .param("version", version)
                        .update()
                == 1;
    }

    /**
     * The item's character pairs for its search column, made here rather than by the database's
     * trigger, whose plpgsql took 1 s of a 10,000-row import. An edit leaves it to the trigger.
     */
    private static String searchText(NewItem n) {
        // as the SQL expression: no content, no text (the trigger then has its say)
        return n.title() == null || n.content() == null
                ? null
                : org.luoshi.Bigrams.document(n.title() + " " + n.content());
    }

    /** The columns an item's registration and a draft's edit both write. */
    private static java.util.Map<String, Object> fields(NewItem n, String unitPath) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("kind", n.kind().name());
        p.put("title", n.title());
        p.put("content", n.content());
        p.put("level", n.level().name());
        p.put("cadence", n.cadence().name());
        p.put("unit", n.leadUnitId());
        p.put("path", unitPath);
        p.put("leader", n.leadLeaderId());
        p.put("start", n.startDate());
        p.put("deadline", n.deadline());
        p.put("days", n.deadlineDays());
        p.put("tags", n.tags().toArray(String[]::new));
        return p;
    }

    /** Counts as a change of the item, so that a concurrent edit of the row itself is detected. */
    boolean touch(long id, int version) {
        return jdbc.sql("UPDATE item SET version = version + 1, updated_at = now() WHERE id = :id AND version = :v")
                        .param("id", id)
                        .param("v", version)
                        .update()
                == 1;
    }

    void clearCoUnits(long itemId) {
        jdbc.sql("DELETE FROM item_co_unit WHERE item_id = :i")
                .param("i", itemId)
                .update();
    }

    void replaceMilestones(long itemId, java.util.List<Milestone.Plan> plans) {
        jdbc.sql("DELETE FROM item_milestone WHERE item_id = :i")
                .param("i", itemId)
                .update();
        int seq = 0;
        for (Milestone.Plan m : plans) {
            jdbc.sql("INSERT INTO item_milestone (item_id, seq, title, due_date) VALUES (:i, :s, :t, :d)")
                    .param("i", itemId)
                    .param("s", ++seq)
                    .param("t", m.title())
                    .param("d", m.dueDate())
                    .update();
        }
    }

    boolean completeMilestone(long itemId, int seq, java.time.LocalDate on, String by) {
        return jdbc.sql("UPDATE item_milestone SET done_on = :on, done_by = :by"
                                + " WHERE item_id = :i AND seq = :s AND done_on IS NULL")
                        .param("on", on)
                        .param("by", by)
                        .param("i", itemId)
                        .param("s", seq)
                        .update()
                == 1;
    }

    void replaceSources(long itemId, java.util.List<Long> sourceIds) {
        jdbc.sql("DELETE FROM item_source_link WHERE item_id = :i")
                .param("i", itemId)
                .update();
        sourceIds.forEach(s -> linkSource(itemId, s));
    }

    boolean linkSource(long itemId, long sourceId) {
        return jdbc.sql("INSERT INTO item_source_link (item_id, source_id) VALUES (:i, :s) ON CONFLICT DO NOTHING")
                        .param("i", itemId)
                        .param("s", sourceId)
                        .update()
                == 1;
    }

    boolean unlinkSource(long itemId, long sourceId) {
        return jdbc.sql("DELETE FROM item_source_link WHERE item_id = :i AND source_id = :s")
                        .param("i", itemId)
                        .param("s", sourceId)
                        .update()
                == 1;
    }

    void addCoUnit(long itemId, long unitId, String unitPath) {
        jdbc.sql("INSERT INTO item_co_unit (item_id, unit_id, unit_path) VALUES (:i, :u, :p)")
                .param("i", itemId)
                .param("u", unitId)
                .param("p", unitPath)
                .update();
    }

    /** The dates an item taken over from paper already had. */
    void takenOver(long id, LocalDate dispatchedOn, LocalDate closedOn, ClosureRating rating) {
        jdbc.sql("UPDATE item SET dispatched_at = CAST(:d AS date), closed_at = CAST(:c AS date), closure_rating = :r"
                        + " WHERE id = :id")
                .param("d", dispatchedOn)
                .param("c", closedOn)
                .param("r", rating == null ? null : rating.name())
                .param("id", id)
                .update();
    }

    /** Saves the moved item if nobody else moved it since it was read. */
    boolean save(Item item) {
        ItemData d = item.data();
        return jdbc.sql("""
                        UPDATE item SET status = :status, deadline = :deadline, pending_deadline = :pendingDeadline,
                               pending_reason = :pendingReason, closure_rating = :rating,
                               dispatched_at = CASE WHEN :dispatched THEN now() ELSE dispatched_at END,
                               closed_at = CASE WHEN :closed THEN now() WHEN :status <> 'CLOSED' THEN NULL ELSE closed_at END,
                               version = version + 1, updated_at = now()
                         WHERE id = :id AND version = :version
                        """)
                        .param("status", item.status().name())
                        .param("deadline", item.deadline())
                        .param("pendingDeadline", item.pendingDeadline())
                        .param("pendingReason", item.pendingReason())
                        .param(
                                "rating",
                                item.rating() == null ? null : item.rating().name())
                        .param("dispatched", item.dispatchedNow())
                        .param("closed", item.closedNow())
                        .param("id", d.id())
                        .param("version", d.version())
                        .update()
                == 1;
    }

    void timeline(long itemId, String actor, String type, String text) {
        jdbc.sql("INSERT INTO item_event (item_id, actor, type, text) VALUES (:i, :a, :t, :x)")
                .param("i", itemId)
                .param("a", actor)
                .param("t", type)
                .param("x", text)
                .update();
    }

    static ItemData map(ResultSet rs, int row) throws SQLException {
        String rating = rs.getString("closure_rating");
        return new ItemData(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getObject("parent_id", Long.class),
                ItemKind.valueOf(rs.getString("kind")),
                rs.getString("title"),
                rs.getString("content"),
                ItemLevel.valueOf(rs.getString("level")),
                Cadence.valueOf(rs.getString("cadence")),
                rs.getLong("lead_unit_id"),
                rs.getString("lead_unit_path"),
                rs.getObject("lead_leader_id", Long.class),
                rs.getObject("start_date", LocalDate.class),
                rs.getObject("deadline", LocalDate.class),
                rs.getObject("deadline_days", Integer.class),
                ItemStatus.valueOf(rs.getString("status")),
                rating == null ? null : ClosureRating.valueOf(rating),
                rs.getObject("pending_deadline", LocalDate.class),
                rs.getString("pending_reason"),
                instant(rs.getTimestamp("dispatched_at")),
                instant(rs.getTimestamp("closed_at")),
                rs.getInt("version"),
                instant(rs.getTimestamp("created_at")),
                rs.getString("created_by"),
                tags(rs.getArray("tags")));
    }

    private static java.util.List<String> tags(java.sql.Array a) throws SQLException {
        return a == null ? java.util.List.of() : java.util.List.of((String[]) a.getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
