package org.luoshi.dashboard;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.dashboard.Dashboard.Count;
import org.luoshi.dashboard.Dashboard.ItemRow;
import org.luoshi.dashboard.Dashboard.MonthRow;
import org.luoshi.dashboard.Dashboard.UnitRow;
import org.luoshi.item.ItemKind;
import org.luoshi.item.ItemQuery;
import org.luoshi.item.ItemStatus;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.progress.Pace;
import org.luoshi.progress.PaceStore;
import org.luoshi.progress.Warning;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Counts a unit's ledger (with everything under it) for the dashboard: by status, kind and colour,
 * the overdue and the red, units ranked by on-time closure, and closures and reports month by month.
 */
@Service
public class DashboardService {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int LIST = 10;
    private static final int MONTHS = 6;
    // the grouped query's counts, in the order of a ranking row's numbers
    private static final String[] TALLY = {"n", "open", "closed", "on_time", "overdue", "green", "yellow", "red"};

    private final ItemQuery items;
    private final UnitQuery units;
    private final PaceStore paces;
    private final JdbcClient jdbc;

    DashboardService(ItemQuery items, UnitQuery units, PaceStore paces, JdbcClient jdbc) {
        this.items = items;
        this.units = units;
        this.paces = paces;
        this.jdbc = jdbc;
    }

    /** The unit a person's dashboard opens on: a supervisor's jurisdiction, anyone else's own unit. */
    public long home(CurrentUser user, UnitScope scope) {
        Unit own = units.get(user.unitId(), UnitScope.all());
        Unit home = user.has(Role.SUPERVISOR) || user.has(Role.LEADER) ? units.jurisdictionOf(own) : own;
        return units.find(home.id(), scope).map(Unit::id).orElse(own.id());
    }

    public Dashboard of(CurrentUser user, UnitScope scope, long unitId) {
        return of(user, scope, unitId, null);
    }

    /** A leader's portfolio when {@code leaderId} is given: only the items he leads, within the unit. */
    public Dashboard of(CurrentUser user, UnitScope scope, long unitId, Long leaderId) {
        Unit unit = units.find(unitId, scope)
                .orElseThrow(() -> DomainException.notFound("unit.notFound", "单位不存在或不在您的数据范围内"));
        LocalDate today = paces.today();
        ItemQuery.Visible visible = items.visible(user);
        Map<String, Object> params = new HashMap<>(visible.params());
        params.put("dLo", unit.path().value());
        params.put("dHi", unit.path().upperBound());
        params.put("dLeader", leaderId);
        params.put("dToday", today);
        params.put("dPolicy", paces.policy());
        String where = visible.sql() + " AND i.lead_unit_path >= :dLo AND i.lead_unit_path < :dHi"
                + " AND i.status NOT IN ('DRAFT', 'CANCELLED')"
                + " AND (CAST(:dLeader AS bigint) IS NULL OR i.lead_leader_id = :dLeader)";
        paces.refresh(where, params);
        String ledger = "/items?unit=" + unit.id() + (leaderId == null ? "" : "&leader=" + leaderId);
        String live = ledger + "&stage=LIVE";

        List<Unit> children = units.children(unit.id(), scope);
        Tally tally = tally(where, params, unit, children);
        List<Count> byStatus = new ArrayList<>();
        tally.statuses.forEach(
                (s, n) -> byStatus.add(new Count(s.name(), s.label(), n, ledger + "&status=" + s.name())));
        List<Count> byKind = new ArrayList<>();
        tally.kinds.forEach((k, n) -> byKind.add(new Count(k.name(), k.label(), n, live + "&kind=" + k.name())));
        List<Count> byWarning = new ArrayList<>();
        for (Warning w : Warning.values()) {
            byWarning.add(new Count(w.name(), w.label(), tally.total[5 + w.ordinal()], "/pace"));
        }
        int[] t = tally.total;
        return new Dashboard(
                unit.id(),
                unit.name(),
                today,
                t[0],
                t[1],
                t[2],
                t[3],
                t[4],
                tally.missing,
                byStatus,
                byKind,
                byWarning,
                ranking(unit, children, tally.units, leaderId),
                red(where, params),
                dueThisWeek(where, params, today),
                months(where, params, today));
    }

    /** Counts over the whole subtree, and per child unit (key: the child's id, or the unit's own for 本级). */
    private static final class Tally {
        final Map<ItemStatus, Integer> statuses = new EnumMap<>(ItemStatus.class);
        final Map<ItemKind, Integer> kinds = new EnumMap<>(ItemKind.class);
        // total, open, closed, closed on time, overdue, green, yellow, red
        final int[] total = new int[8];
        final Map<Long, int[]> units = new HashMap<>();
        int missing;
    }

    /**
     * One pass over the subtree in the database, grouped by child, status and kind; the child is the
     * path segment after the unit's own path, so no unit is looked up per item.
     */
    private Tally tally(String where, Map<String, Object> params, Unit unit, List<Unit> children) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("dLen", unit.path().value().length());
        Map<String, Long> childIds = new HashMap<>();
        children.forEach(c -> childIds.put(String.valueOf(c.id()), c.id()));
        Tally tally = new Tally();
        jdbc.sql("SELECT split_part(substr(i.lead_unit_path, :dLen + 1), '/', 1) AS child, i.status, i.kind,"
                        + " count(*) AS n,"
                        + " count(*) FILTER (WHERE i.status IN " + PaceStore.OPEN + ") AS open,"
                        + " count(*) FILTER (WHERE i.status = 'CLOSED') AS closed,"
                        + " count(*) FILTER (WHERE i.status = 'CLOSED' AND i.closed_at IS NOT NULL"
                        + "   AND (i.deadline IS NULL OR CAST(i.closed_at AT TIME ZONE 'Asia/Shanghai' AS date)"
                        + "   <= i.deadline)) AS on_time,"
                        + " count(*) FILTER (WHERE i.status IN " + PaceStore.OPEN + " AND i.deadline < :dToday)"
                        + "   AS overdue,"
                        + " count(*) FILTER (WHERE ip.warning = 'GREEN') AS green,"
                        + " count(*) FILTER (WHERE ip.warning = 'YELLOW') AS yellow,"
                        + " count(*) FILTER (WHERE ip.warning = 'RED') AS red,"
                        + " count(*) FILTER (WHERE ip.missing_report) AS missing"
                        + " FROM item i LEFT JOIN item_pace ip ON ip.item_id = i.id AND i.status IN "
                        + PaceStore.OPEN + " AND ip.as_of = :dToday AND ip.policy = :dPolicy AND NOT ip.stale"
                        + " WHERE " + where + " GROUP BY 1, 2, 3")
                .params(p)
                .query(rs -> {
                    ItemStatus status = ItemStatus.valueOf(rs.getString("status"));
                    ItemKind kind = ItemKind.valueOf(rs.getString("kind"));
                    int n = rs.getInt("n");
                    tally.statuses.merge(status, n, Integer::sum);
                    tally.kinds.merge(kind, n, Integer::sum);
                    tally.missing += rs.getInt("missing");
                    long owner = childIds.getOrDefault(rs.getString("child"), unit.id());
                    int[] row = tally.units.computeIfAbsent(owner, k -> new int[8]);
                    for (int c = 0; c < TALLY.length; c++) {
                        int v = rs.getInt(TALLY[c]);
                        row[c] += v;
                        tally.total[c] += v;
                    }
                });
        return tally;
    }

    /** The unit's children (and the unit itself for what it leads directly), best on-time closure first. */
    private List<UnitRow> ranking(Unit unit, List<Unit> children, Map<Long, int[]> counts, Long leaderId) {
        List<UnitRow> rows = new ArrayList<>();
        for (Unit c : children) {
            rows.add(unitRow(
                    c.id(),
                    c.name(),
                    counts.getOrDefault(c.id(), new int[8]),
                    "/items?unit=" + c.id() + "&stage=LIVE" + (leaderId == null ? "" : "&leader=" + leaderId)));
        }
        int[] own = counts.get(unit.id());
        if (own != null && own[0] > 0) {
            // the unit's own row has no ledger view of its own: the ledger's unit includes those below
            rows.add(unitRow(unit.id(), unit.name() + "（本级）", own, null));
        }
        rows.sort(Comparator.comparing((UnitRow r) -> r.onTimeRate() == null ? -1 : r.onTimeRate())
                .reversed()
                .thenComparing(UnitRow::red)
                .thenComparing(UnitRow::overdue)
                .thenComparing(UnitRow::name));
        List<UnitRow> ranked = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            UnitRow r = rows.get(i);
            ranked.add(new UnitRow(
                    i + 1,
                    r.unitId(),
                    r.name(),
                    r.total(),
                    r.open(),
                    r.closed(),
                    r.closedOnTime(),
                    r.overdue(),
                    r.green(),
                    r.yellow(),
                    r.red(),
                    r.onTimeRate(),
                    r.href()));
        }
        return ranked;
    }

    private static UnitRow unitRow(long id, String name, int[] n, String href) {
        return new UnitRow(
                0, id, name, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], Dashboard.rate(n[3], n[2]), href);
    }

    /** The ten furthest behind time, from the kept paces. */
    private List<ItemRow> red(String where, Map<String, Object> params) {
        return rows(
                "SELECT i.id, i.code, i.title, i.lead_unit_id, i.deadline, i.status, ip.lag_points"
                        + " FROM item i JOIN item_pace ip ON ip.item_id = i.id"
                        + " WHERE " + where + " AND i.status IN " + PaceStore.OPEN + " AND ip.warning = 'RED'"
                        + " AND ip.as_of = :dToday AND ip.policy = :dPolicy AND NOT ip.stale"
                        + " ORDER BY ip.lag_points DESC, i.deadline, i.id LIMIT " + LIST,
                params,
                true);
    }

    private List<ItemRow> dueThisWeek(String where, Map<String, Object> params, LocalDate today) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("dSunday", today.with(DayOfWeek.SUNDAY));
        return rows(
                "SELECT i.id, i.code, i.title, i.lead_unit_id, i.deadline, i.status, 0 AS lag_points"
                        + " FROM item i WHERE " + where + " AND i.status IN " + PaceStore.OPEN
                        + " AND i.deadline >= :dToday AND i.deadline <= :dSunday ORDER BY i.deadline, i.id LIMIT "
                        + LIST,
                p,
                false);
    }

    private List<ItemRow> rows(String sql, Map<String, Object> params, boolean lagNote) {
        record Raw(long id, String code, String title, long unitId, LocalDate deadline, ItemStatus status, int lag) {}
        List<Raw> raw = jdbc.sql(sql)
                .params(params)
                .query((rs, n) -> new Raw(
                        rs.getLong("id"),
                        rs.getString("code"),
                        rs.getString("title"),
                        rs.getLong("lead_unit_id"),
                        rs.getObject("deadline", LocalDate.class),
                        ItemStatus.valueOf(rs.getString("status")),
                        rs.getInt("lag_points")))
                .list();
        Map<Long, String> names =
                units.names(raw.stream().map(Raw::unitId).distinct().toList());
        return raw.stream()
                .map(r -> new ItemRow(
                        r.id(),
                        r.code(),
                        r.title(),
                        names.getOrDefault(r.unitId(), ""),
                        r.deadline(),
                        lagNote ? Pace.sentence(r.lag()) : r.status().label(),
                        "/items/" + r.id()))
                .toList();
    }

    /** Closures and first submissions of reports per month, counted in the database. */
    private List<MonthRow> months(String where, Map<String, Object> params, LocalDate today) {
        YearMonth first = YearMonth.from(today).minusMonths(MONTHS - 1);
        Map<String, Object> p = new HashMap<>(params);
        p.put("dFrom", first.atDay(1).atStartOfDay(ZONE).toOffsetDateTime());
        Map<String, Integer> closures = new HashMap<>();
        jdbc.sql("SELECT to_char(i.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS m, count(*) AS n"
                        + " FROM item i WHERE " + where + " AND i.closed_at >= :dFrom GROUP BY 1")
                .params(p)
                .query(rs -> {
                    closures.put(rs.getString("m"), rs.getInt("n"));
                });
        Map<String, Integer> sent = new HashMap<>();
        jdbc.sql("SELECT to_char(r.first_submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS m, count(*) AS n"
                        + " FROM progress_report r JOIN item i ON i.id = r.item_id"
                        + " WHERE " + where + " AND r.first_submitted_at >= :dFrom GROUP BY 1")
                .params(p)
                .query(rs -> {
                    sent.put(rs.getString("m"), rs.getInt("n"));
                });
        List<MonthRow> rows = new ArrayList<>();
        for (int m = 0; m < MONTHS; m++) {
            String key = first.plusMonths(m).toString();
            rows.add(new MonthRow(key, closures.getOrDefault(key, 0), sent.getOrDefault(key, 0)));
        }
        return rows;
    }
}
