package org.luoshi.dashboard;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.luoshi.item.ItemKind;
import org.luoshi.item.ItemStatus;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitPath;
import org.luoshi.progress.PaceStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The per-unit counts kept in {@code unit_tally} (V23): each unit's own items and its whole subtree
 * as of today. Reading a unit and its children is a primary-key lookup; rows that are not current
 * are claimed, recomputed from the deepest up (a unit's subtree is its own items plus its children's
 * subtrees) and written back unless someone claimed them again meanwhile.
 */
@Component
class UnitTallies {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String COUNTED = "i.status NOT IN ('DRAFT', 'CANCELLED')";

    private final JdbcClient jdbc;
    private final PaceStore paces;

    UnitTallies(JdbcClient jdbc, PaceStore paces) {
        this.jdbc = jdbc;
        this.paces = paces;
    }

    /** Rows kept under another pace policy or another layout of {@link Tally} are not current. */
    private String policy() {
        return paces.policy() + "|tally-" + Tally.LAYOUT;
    }

    /** A unit's own items and its subtree's. */
    record Counts(Tally own, Tally subtree) {}

    /** Current counts of the given units, all of which lie in {@code root}'s subtree. */
    Map<Long, Counts> of(Unit root, Collection<Long> unitIds) {
        Map<Long, Counts> current = read(unitIds);
        if (current.size() < unitIds.size()) {
            // what this reader computes is current as of its own reading, even if a write lands before it is kept
            Map<Long, Counts> computed =
                    refresh(root.path().value(), root.path().upperBound());
            for (Long id : unitIds) {
                Counts c = computed.get(id);
                if (c != null) {
                    current.put(id, c);
                }
            }
            if (current.size() < unitIds.size()) {
                current.putAll(read(
                        unitIds.stream().filter(id -> !current.containsKey(id)).toList(), false));
            }
        }
        return current;
    }

    /** Brings every unit's counts up to date: the job, so that the first dashboard of a day reads kept rows. */
    int refreshAll() {
        return refresh("/", "0").size();
    }

    private Map<Long, Counts> read(Collection<Long> ids) {
        return read(ids, true);
    }

    private Map<Long, Counts> read(Collection<Long> ids, boolean currentOnly) {
        Map<Long, Counts> rows = new HashMap<>();
        jdbc.sql("SELECT unit_id, own, subtree FROM unit_tally WHERE unit_id = ANY(:ids)"
                        + (currentOnly
                                ? " AND NOT stale AND as_of = :today AND policy = :policy AND subtree IS NOT NULL"
                                : ""))
                .param("ids", ids.toArray(Long[]::new))
                .param("today", paces.today())
                .param("policy", policy())
                .query(rs -> {
                    rows.put(
                            rs.getLong("unit_id"),
                            new Counts(parse(rs.getString("own")), parse(rs.getString("subtree"))));
                });
        return rows;
    }

    /**
     * Recomputes the units of the subtree [lo, hi) whose rows are not current, and returns what it
     * computed, whether or not it could keep it.
     */
    private Map<Long, Counts> refresh(String lo, String hi) {
        record Node(long id, String path, int depth) {}
        String notCurrent = "(t.stale OR t.as_of IS DISTINCT FROM :today OR t.policy IS DISTINCT FROM :policy"
                + " OR t.subtree IS NULL)";
        Map<String, Object> range = Map.of("lo", lo, "hi", hi, "today", paces.today(), "policy", policy());
        List<String> paths = jdbc.sql("SELECT u.path FROM unit_tally t JOIN unit u ON u.id = t.unit_id"
                        + " WHERE u.path >= :lo AND u.path < :hi AND " + notCurrent)
                .params(range)
                .query(String.class)
                .list();
        if (paths.isEmpty()) {
            return Map.of();
        }
        // paces first: their refresh marks these units stale again, which the claim below then clears
        paces.refresh("i.lead_unit_path = ANY(:tallyPaths)", Map.of("tallyPaths", paths.toArray(String[]::new)));
        Map<Long, Long> claims = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        jdbc.sql("""
                        WITH locked AS (
                            SELECT t.unit_id FROM unit_tally t JOIN unit u ON u.id = t.unit_id
                             WHERE u.path = ANY(:paths) ORDER BY t.unit_id FOR UPDATE OF t),
                        claimed AS (
                            UPDATE unit_tally t SET stale = false, as_of = NULL, gen = t.gen + 1
                              FROM locked l WHERE t.unit_id = l.unit_id
                         RETURNING t.unit_id, t.gen)
                        SELECT c.unit_id, c.gen, u.path
                          FROM claimed c JOIN unit u ON u.id = c.unit_id
                        """).param("paths", paths.toArray(String[]::new)).query(rs -> {
            claims.put(rs.getLong("unit_id"), rs.getLong("gen"));
            nodes.add(new Node(
                    rs.getLong("unit_id"),
                    rs.getString("path"),
                    // from the path itself: a parent must come after all its children whatever the column says
                    new UnitPath(rs.getString("path")).depth()));
        });
        Map<String, Tally> own = count(
                "i.lead_unit_path",
                "i.lead_unit_path = ANY(:tallyPaths) AND " + COUNTED,
                Map.of("tallyPaths", paths.toArray(String[]::new)));
        // children outside the claim are current: their kept subtrees complete their parents'
        Map<Long, List<Long>> children = new HashMap<>();
        List<Long> outside = new ArrayList<>();
        jdbc.sql("SELECT id, parent_id FROM unit WHERE parent_id = ANY(:ids)")
                .param("ids", claims.keySet().toArray(Long[]::new))
                .query(rs -> {
                    long id = rs.getLong("id");
                    children.computeIfAbsent(rs.getLong("parent_id"), k -> new ArrayList<>())
                            .add(id);
                    if (!claims.containsKey(id)) {
                        outside.add(id);
                    }
                });
        Map<Long, Counts> result = new HashMap<>(outside.isEmpty() ? Map.of() : read(outside, false));
        nodes.sort(Comparator.comparingInt(Node::depth).reversed());
        for (Node node : nodes) {
            Tally mine = own.getOrDefault(node.path(), Tally.empty());
            Tally subtree = Tally.empty().add(mine);
            for (Long child : children.getOrDefault(node.id(), List.of())) {
                Counts c = result.get(child);
                if (c != null && c.subtree() != null) {
                    subtree.add(c.subtree());
                }
            }
            result.put(node.id(), new Counts(mine, subtree));
        }
        keep(claims, result);
        return result;
    }

    // every statement locks unit_tally rows in unit_id order, as the marking trigger does: no deadlocks
    private void keep(Map<Long, Long> claims, Map<Long, Counts> result) {
        List<Long> ids = new ArrayList<>(claims.keySet());
        ids.sort(null);
        List<Long> gens = new ArrayList<>();
        List<String> own = new ArrayList<>();
        List<String> subtree = new ArrayList<>();
        for (Long id : ids) {
            gens.add(claims.get(id));
            own.add(result.get(id).own().encode());
            subtree.add(result.get(id).subtree().encode());
        }
        jdbc.sql("""
                        WITH k AS (
                            SELECT * FROM unnest(CAST(:ids AS bigint[]), CAST(:gens AS bigint[]),
                                                 CAST(:own AS text[]), CAST(:sub AS text[])) AS k (id, gen, own, sub)),
                        locked AS (
                            SELECT t.unit_id FROM unit_tally t JOIN k ON k.id = t.unit_id AND k.gen = t.gen
                             ORDER BY t.unit_id FOR UPDATE OF t)
                        UPDATE unit_tally t
                           SET as_of = :today, policy = :policy, own = k.own, subtree = k.sub
                          FROM locked l JOIN k ON k.id = l.unit_id
                         WHERE t.unit_id = l.unit_id AND t.gen = k.gen
                        """)
                .param("today", paces.today())
                .param("policy", policy())
                .param("ids", ids.toArray(Long[]::new))
                .param("gens", gens.toArray(Long[]::new))
                .param("own", own.toArray(String[]::new))
                .param("sub", subtree.toArray(String[]::new))
                .update();
    }

    /**
     * Counts the items on which {@code where} holds (over an item aliased {@code i}), grouped by
     * {@code key}: today's colours from the kept paces, closures and reports of the last six months.
     */
    Map<String, Tally> count(String key, String where, Map<String, Object> params) {
        LocalDate today = paces.today();
        Map<String, Object> p = new HashMap<>(params);
        p.put("tToday", today);
        p.put("tPolicy", paces.policy());
        YearMonth first = YearMonth.from(today).minusMonths(Tally.MONTHS - 1);
        p.put("tFrom", first.atDay(1).atStartOfDay(ZONE).toOffsetDateTime());
        Map<String, Tally> tallies = new HashMap<>();
        jdbc.sql("SELECT " + key + " AS k, i.status, i.kind, count(*) AS n,"
                        + " count(*) FILTER (WHERE i.status IN " + PaceStore.OPEN + ") AS open,"
                        + " count(*) FILTER (WHERE i.status = 'CLOSED') AS closed,"
                        + " count(*) FILTER (WHERE i.status = 'CLOSED' AND i.closed_at IS NOT NULL"
                        + "   AND (i.deadline IS NULL OR CAST(i.closed_at AT TIME ZONE 'Asia/Shanghai' AS date)"
                        + "   <= i.deadline)) AS on_time,"
                        + " count(*) FILTER (WHERE i.status IN " + PaceStore.OPEN + " AND i.deadline < :tToday)"
                        + "   AS overdue,"
                        + " count(*) FILTER (WHERE ip.warning = 'GREEN') AS green,"
                        + " count(*) FILTER (WHERE ip.warning = 'YELLOW') AS yellow,"
                        + " count(*) FILTER (WHERE ip.warning = 'RED') AS red,"
                        + " count(*) FILTER (WHERE ip.missing_report) AS missing"
                        + " FROM item i LEFT JOIN item_pace ip ON ip.item_id = i.id AND i.status IN "
                        + PaceStore.OPEN + " AND ip.as_of = :tToday AND ip.policy = :tPolicy AND NOT ip.stale"
                        + " WHERE " + where + " GROUP BY 1, 2, 3")
                .params(p)
                .query(rs -> {
                    int[] figures = new int[Tally.COLUMNS.length];
                    for (int c = 0; c < figures.length; c++) {
                        figures[c] = rs.getInt(Tally.COLUMNS[c]);
                    }
                    tallies.computeIfAbsent(rs.getString("k"), k -> Tally.empty())
                            .addGroup(
                                    ItemStatus.valueOf(rs.getString("status")),
                                    ItemKind.valueOf(rs.getString("kind")),
                                    figures);
                });
        jdbc.sql("SELECT " + key + " AS k, to_char(i.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS m,"
                        + " count(*) AS n FROM item i WHERE " + where + " AND i.closed_at >= :tFrom GROUP BY 1, 2")
                .params(p)
                .query(rs -> {
                    tallies.computeIfAbsent(rs.getString("k"), k -> Tally.empty())
                            .addMonth(monthIndex(first, rs.getString("m")), rs.getInt("n"), 0);
                });
        jdbc.sql("SELECT " + key + " AS k,"
                        + " to_char(r.first_submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS m, count(*) AS n"
                        + " FROM progress_report r JOIN item i ON i.id = r.item_id"
                        + " WHERE " + where + " AND r.first_submitted_at >= :tFrom GROUP BY 1, 2")
                .params(p)
                .query(rs -> {
                    tallies.computeIfAbsent(rs.getString("k"), k -> Tally.empty())
                            .addMonth(monthIndex(first, rs.getString("m")), 0, rs.getInt("n"));
                });
        return tallies;
    }

    private static int monthIndex(YearMonth first, String month) {
        return (int) first.until(YearMonth.parse(month), java.time.temporal.ChronoUnit.MONTHS);
    }

    private static Tally parse(String line) {
        return line == null ? null : Tally.decode(line);
    }
}
