package org.luoshi.progress;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps today's pace of open items in {@code item_pace}, so that counts by colour are a join and a
 * GROUP BY. The database marks a row stale whenever something the pace reads changes (V22); this
 * recomputes stale rows, and rows of another day or policy, for whatever set of items is asked for.
 */
@Component
public class PaceStore {

    /** Statuses whose pace the dashboard counts: under way, in the sense of {@code ItemStatus.open()}. */
    public static final String OPEN = "('DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'CLOSURE_REQUESTED')";

    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final PaceService pace;
    private final ItemQuery items;
    private final Clock clock;
    private final String policy;

    PaceStore(JdbcClient jdbc, PaceService pace, ItemQuery items, Clock clock) {
        this.jdbc = jdbc;
        this.pace = pace;
        this.items = items;
        this.clock = clock;
        // a row computed under other thresholds or another due day is stale
        this.policy = pace.policyKey();
    }

    /** The key rows must carry to count as current, with {@link #today()}. */
    public String policy() {
        return policy;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * Brings up to date the pace of the open items on which {@code condition} (over an item aliased
     * {@code i}) holds; returns how many were recomputed.
     */
    public int refresh(String condition, Map<String, Object> params) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("paceToday", today());
        p.put("pacePolicy", policy);
        // one pass to find what is stale, then chunks: repeated keyset scans of a province cost minutes
        List<Long> stale = jdbc.sql("SELECT i.id FROM item i LEFT JOIN item_pace ip ON ip.item_id = i.id"
                        + " WHERE i.status IN " + OPEN + " AND (" + condition + ")"
                        + " AND (ip.item_id IS NULL OR ip.stale OR ip.as_of <> :paceToday"
                        + " OR ip.policy <> :pacePolicy OR ip.basis IS NULL) ORDER BY i.id")
                .params(p)
                .query(Long.class)
                .list();
        int done = 0;
        for (int from = 0; from < stale.size(); from += CHUNK) {
            done += write(stale.subList(from, Math.min(stale.size(), from + CHUNK)));
        }
        return done;
    }

    /** Every open item of the platform: the nightly job, so that the first dashboard of a day is quick. */
    public int refreshAll() {
        return refresh("TRUE", Map.of());
    }

    private int write(List<Long> ids) {
        Long[] array = ids.toArray(Long[]::new);
        jdbc.sql("INSERT INTO item_pace (item_id) SELECT unnest(CAST(:ids AS bigint[])) ORDER BY 1"
                        + " ON CONFLICT (item_id) DO NOTHING")
                .param("ids", array)
                .update();
        // read gen before the facts: a change committed after this bumps it and our write misses
        Map<Long, Long> gens = new HashMap<>();
        jdbc.sql("SELECT item_id, gen FROM item_pace WHERE item_id = ANY(:ids)")
                .param("ids", array)
                .query(rs -> {
                    gens.put(rs.getLong(1), rs.getLong(2));
                });
        List<ItemData> rows = items.byIds(ids);
        Map<Long, Pace> paces = pace.live(rows);
        List<Long> id = new ArrayList<>();
        List<Long> gen = new ArrayList<>();
        List<String> warning = new ArrayList<>();
        List<Integer> lag = new ArrayList<>();
        List<Boolean> missing = new ArrayList<>();
        List<String> deadline = new ArrayList<>(); // ISO text: the driver binds no date[]
        List<Double> timeRatio = new ArrayList<>();
        List<Double> progressRatio = new ArrayList<>();
        List<String> basis = new ArrayList<>();
        List<Boolean> overdue = new ArrayList<>();
        for (ItemData item : rows) {
            Pace p = paces.get(item.id());
            if (p != null && gens.containsKey(item.id())) {
                id.add(item.id());
                gen.add(gens.get(item.id()));
                warning.add(p.warning().name());
                lag.add(p.lagPoints());
                missing.add(p.missingReport());
                deadline.add(item.deadline() == null ? null : item.deadline().toString());
                timeRatio.add(p.timeRatio());
                progressRatio.add(p.progressRatio());
                basis.add(p.basis().name());
                overdue.add(p.overdue());
            }
        }
        if (id.isEmpty()) {
            return 0;
        }
        jdbc.sql("""
                        UPDATE item_pace ip
                           SET stale = false, as_of = :today, policy = :policy,
                               warning = u.w, lag_points = u.l, missing_report = u.m, deadline = u.d,
                               time_ratio = u.t, progress_ratio = u.p, basis = u.b, overdue = u.o
                          FROM unnest(CAST(:id AS bigint[]), CAST(:gen AS bigint[]), CAST(:w AS text[]),
                                      CAST(:l AS int[]), CAST(:m AS boolean[]), CAST(:d AS date[]),
                                      CAST(:t AS float8[]), CAST(:p AS float8[]), CAST(:b AS text[]),
                                      CAST(:o AS boolean[]))
                                      AS u (id, gen, w, l, m, d, t, p, b, o)
                         WHERE ip.item_id = u.id AND ip.gen = u.gen
                        """)
                .param("today", today())
                .param("policy", policy)
                .param("id", id.toArray(Long[]::new))
                .param("gen", gen.toArray(Long[]::new))
                .param("w", warning.toArray(String[]::new))
                .param("l", lag.toArray(Integer[]::new))
                .param("m", missing.toArray(Boolean[]::new))
                .param("d", deadline.toArray(String[]::new))
                .param("t", timeRatio.toArray(Double[]::new))
                .param("p", progressRatio.toArray(Double[]::new))
                .param("b", basis.toArray(String[]::new))
                .param("o", overdue.toArray(Boolean[]::new))
                .update();
        return id.size();
    }
}
