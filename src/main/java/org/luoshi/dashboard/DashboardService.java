package org.luoshi.dashboard;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.luoshi.security.DataScopes;
import org.luoshi.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Counts a unit's ledger (with everything under it) for the dashboard: by status, kind and colour,
 * the overdue and the red, units ranked by on-time closure, and closures and reports month by month.
 */
@Service
public class DashboardService {

    private static final int LIST = 10;

    private final ItemQuery items;
    private final UnitQuery units;
    private final PaceStore paces;
    private final UnitTallies tallies;
    private final org.luoshi.database.CustomPlans plans;
    private final JdbcClient jdbc;
    private final DataScopes scopes;

    DashboardService(
            ItemQuery items,
            UnitQuery units,
            PaceStore paces,
            UnitTallies tallies,
            JdbcClient jdbc,
            org.luoshi.database.CustomPlans plans,
            DataScopes scopes) {
        this.plans = plans;
        this.scopes = scopes;
        this.items = items;
        this.units = units;
        this.paces = paces;
        this.tallies = tallies;
        this.jdbc = jdbc;
    }

    /** The unit a person's dashboard opens on: a supervisor's jurisdiction, anyone else's own unit. */
    public long home(CurrentUser user, UnitScope scope) {
        List<Unit> chain = scopes.lineage(user);
        if (chain.isEmpty()) {
            throw DomainException.notFound("unit.notFound", "单位不存在或不在您的数据范围内");
        }
        Unit own = chain.getLast();
        Unit home = user.has(Role.SUPERVISOR) || user.has(Role.LEADER) ? UnitQuery.jurisdictionIn(chain) : own;
        return scope.covers(home.path()) ? home.id() : own.id();
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
        // whoever sees everything led in the subtree needs no visibility test, and the kept counts apply
        boolean whole = leaderId == null && items.seesAllLedUnder(user, unit.path());
        String where = (whole ? "" : visible.sql() + " AND ")
                + "i.lead_unit_path >= :dLo AND i.lead_unit_path < :dHi AND i.status NOT IN ('DRAFT', 'CANCELLED')"
                + (leaderId == null ? "" : " AND i.lead_leader_id = :dLeader");
        List<Unit> children = units.children(unit.id(), scope);
        Map<Long, Tally> byUnit = whole ? kept(unit, children) : counted(where, params, unit, children);
        Tally total = byUnit.get(TOTAL);
        List<List<ItemRow>> lists = plans.read(() -> lists(where, params, today));
        String ledger = "/items?unit=" + unit.id() + (leaderId == null ? "" : "&leader=" + leaderId);
        String live = ledger + "&stage=LIVE";
        List<Count> byStatus = new ArrayList<>();
        for (ItemStatus s : ItemStatus.values()) {
            int n = total.status(s);
            if (n > 0) {
                byStatus.add(new Count(s.name(), s.label(), n, ledger + "&status=" + s.name()));
            }
        }
        List<Count> byKind = new ArrayList<>();
        for (ItemKind k : ItemKind.values()) {
            int n = total.kind(k);
            if (n > 0) {
                byKind.add(new Count(k.name(), k.label(), n, live + "&kind=" + k.name()));
            }
        }
        List<Count> byWarning = new ArrayList<>();
        for (Warning w : Warning.values()) {
            byWarning.add(new Count(w.name(), w.label(), total.get(Tally.GREEN + w.ordinal()), "/pace"));
        }
        return new Dashboard(
                unit.id(),
                unit.name(),
                today,
                total.get(Tally.N),
                total.get(Tally.OPEN),
                total.get(Tally.CLOSED),
                total.get(Tally.ON_TIME),
                total.get(Tally.OVERDUE),
                total.get(Tally.MISSING),
                byStatus,
                byKind,
                byWarning,
                ranking(unit, children, byUnit, leaderId),
                lists.get(0),
                lists.get(1),
                months(total, today));
    }

    // the key of the whole subtree's tally beside the units' own (a unit's own tally is under its id)
    private static final long TOTAL = -1;

    /** The kept per-unit counts: the unit's whole subtree, each child's subtree, the unit's own items. */
    private Map<Long, Tally> kept(Unit unit, List<Unit> children) {
        List<Long> ids = new ArrayList<>();
        ids.add(unit.id());
        children.forEach(c -> ids.add(c.id()));
        Map<Long, UnitTallies.Counts> counts = tallies.of(unit, ids);
        Map<Long, Tally> byUnit = new HashMap<>();
        byUnit.put(TOTAL, counts.get(unit.id()).subtree());
        byUnit.put(unit.id(), counts.get(unit.id()).own());
        children.forEach(c -> byUnit.put(c.id(), counts.get(c.id()).subtree()));
        return byUnit;
    }

    /**
     * Counted on the spot, for what the kept counts do not describe: a leader's portfolio, or an
     * account that sees only part of the subtree. The child is the path segment after the unit's own
     * path, so no unit is looked up per item.
     */
    private Map<Long, Tally> counted(String where, Map<String, Object> params, Unit unit, List<Unit> children) {
        paces.refresh(where, params);
        Map<String, Object> p = new HashMap<>(params);
        p.put("dLen", unit.path().value().length());
        Map<String, Tally> bySegment =
                plans.read(() -> tallies.count("split_part(substr(i.lead_unit_path, :dLen + 1), '/', 1)", where, p));
        Map<String, Long> childIds = new HashMap<>();
        children.forEach(c -> childIds.put(String.valueOf(c.id()), c.id()));
        Map<Long, Tally> byUnit = new HashMap<>();
        Tally total = Tally.empty();
        bySegment.forEach((segment, tally) -> {
            total.add(tally);
            byUnit.merge(childIds.getOrDefault(segment, unit.id()), tally, Tally::add);
        });
        byUnit.put(TOTAL, total);
        return byUnit;
    }

    /** The unit's children (and the unit itself for what it leads directly), best on-time closure first. */
    private List<UnitRow> ranking(Unit unit, List<Unit> children, Map<Long, Tally> counts, Long leaderId) {
        List<UnitRow> rows = new ArrayList<>();
        for (Unit c : children) {
            rows.add(unitRow(
                    c.id(),
                    c.name(),
                    counts.getOrDefault(c.id(), Tally.empty()),
                    "/items?unit=" + c.id() + "&stage=LIVE" + (leaderId == null ? "" : "&leader=" + leaderId)));
        }
        Tally own = counts.get(unit.id());
        if (own != null && own.get(Tally.N) > 0) {
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

    private static UnitRow unitRow(long id, String name, Tally t, String href) {
        return new UnitRow(
                0,
                id,
                name,
                t.get(Tally.N),
                t.get(Tally.OPEN),
                t.get(Tally.CLOSED),
                t.get(Tally.ON_TIME),
                t.get(Tally.OVERDUE),
                t.get(Tally.GREEN),
                t.get(Tally.YELLOW),
                t.get(Tally.RED),
                Dashboard.rate(t.get(Tally.ON_TIME), t.get(Tally.CLOSED)),
                href);
    }

    /**
     * The ten furthest behind time (from the kept paces) and the first ten due by Sunday, in one
     * statement: each list keeps its own order by the sort keys it carries out.
     */
    private List<List<ItemRow>> lists(String where, Map<String, Object> params, LocalDate today) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("dSunday", today.with(DayOfWeek.SUNDAY));
        String columns = "i.id, i.code, i.title, un.name AS unit_name, i.deadline, i.status";
        String open = " WHERE " + where + " AND i.status IN " + PaceStore.OPEN;
        List<List<ItemRow>> lists = List.of(new ArrayList<>(), new ArrayList<>());
        jdbc.sql("(SELECT 0 AS list, " + columns + ", ip.lag_points, ip.deadline AS by_deadline"
                        + " FROM item i JOIN item_pace ip ON ip.item_id = i.id JOIN unit un ON un.id = i.lead_unit_id"
                        + open + " AND ip.warning = 'RED'"
                        + " AND ip.as_of = :dToday AND ip.policy = :dPolicy AND NOT ip.stale"
                        + " ORDER BY ip.lag_points DESC, ip.deadline, ip.item_id LIMIT " + LIST + ")"
                        + " UNION ALL (SELECT 1, " + columns + ", 0, i.deadline"
                        + " FROM item i JOIN unit un ON un.id = i.lead_unit_id" + open
                        + " AND i.deadline >= :dToday AND i.deadline <= :dSunday ORDER BY i.deadline, i.id LIMIT "
                        + LIST + ")"
                        + " ORDER BY list, lag_points DESC, by_deadline, id")
                .params(p)
                .query(rs -> {
                    boolean red = rs.getInt("list") == 0;
                    lists.get(red ? 0 : 1)
                            .add(new ItemRow(
                                    rs.getLong("id"),
                                    rs.getString("code"),
                                    rs.getString("title"),
                                    rs.getString("unit_name"),
                                    rs.getObject("deadline", LocalDate.class),
                                    red
                                            ? Pace.sentence(rs.getInt("lag_points"))
                                            : ItemStatus.valueOf(rs.getString("status"))
                                                    .label(),
                                    "/items/" + rs.getLong("id")));
                });
        return lists;
    }

    /** Closures and first submissions of reports in each of the last six months. */
    private static List<MonthRow> months(Tally total, LocalDate today) {
        YearMonth first = YearMonth.from(today).minusMonths(Tally.MONTHS - 1);
        List<MonthRow> rows = new ArrayList<>();
        for (int m = 0; m < Tally.MONTHS; m++) {
            rows.add(new MonthRow(first.plusMonths(m).toString(), total.closedIn(m), total.reportsIn(m)));
        }
        return rows;
    }
}
