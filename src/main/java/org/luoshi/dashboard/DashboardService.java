package org.luoshi.dashboard;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.dashboard.Dashboard.Count;
import org.luoshi.dashboard.Dashboard.ItemRow;
import org.luoshi.dashboard.Dashboard.MonthRow;
import org.luoshi.dashboard.Dashboard.UnitRow;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemKind;
import org.luoshi.item.ItemQuery;
import org.luoshi.item.ItemStatus;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.progress.Pace;
import org.luoshi.progress.PaceService;
import org.luoshi.progress.ReportService;
import org.luoshi.progress.Warning;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
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

    private final ItemQuery items;
    private final UnitQuery units;
    private final PaceService pace;
    private final ReportService reports;
    private final Clock clock;

    DashboardService(ItemQuery items, UnitQuery units, PaceService pace, ReportService reports, Clock clock) {
        this.items = items;
        this.units = units;
        this.pace = pace;
        this.reports = reports;
        this.clock = clock;
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
        LocalDate today = LocalDate.now(clock);
        List<ItemData> all = ledger(user, unit.path().value(), leaderId);
        List<ItemData> open = all.stream().filter(i -> i.status().open()).toList();
        Map<Long, Pace> paces = pace.of(open);
        String ledger = "/items?unit=" + unit.id() + (leaderId == null ? "" : "&leader=" + leaderId);
        String live = ledger + "&stage=LIVE";

        Map<ItemStatus, Integer> statuses = new EnumMap<>(ItemStatus.class);
        Map<ItemKind, Integer> kinds = new EnumMap<>(ItemKind.class);
        Map<Warning, Integer> warnings = new EnumMap<>(Warning.class);
        int closed = 0, closedOnTime = 0, overdue = 0, missing = 0;
        for (ItemData i : all) {
            statuses.merge(i.status(), 1, Integer::sum);
            kinds.merge(i.kind(), 1, Integer::sum);
            if (i.status() == ItemStatus.CLOSED) {
                closed++;
                if (onTime(i)) {
                    closedOnTime++;
                }
            }
            if (i.overdueOn(today)) {
                overdue++;
            }
            Pace p = paces.get(i.id());
            if (p != null) {
                warnings.merge(p.warning(), 1, Integer::sum);
                if (p.missingReport()) {
                    missing++;
                }
            }
        }
        List<Count> byStatus = new ArrayList<>();
        statuses.forEach((s, n) -> byStatus.add(new Count(s.name(), s.label(), n, ledger + "&status=" + s.name())));
        List<Count> byKind = new ArrayList<>();
        kinds.forEach((k, n) -> byKind.add(new Count(k.name(), k.label(), n, live + "&kind=" + k.name())));
        List<Count> byWarning = new ArrayList<>();
        for (Warning w : Warning.values()) {
            byWarning.add(new Count(w.name(), w.label(), warnings.getOrDefault(w, 0), "/pace"));
        }

        return new Dashboard(
                unit.id(),
                unit.name(),
                today,
                all.size(),
                open.size(),
                closed,
                closedOnTime,
                overdue,
                missing,
                byStatus,
                byKind,
                byWarning,
                ranking(scope, unit, all, paces, today, leaderId),
                red(open, paces),
                dueThisWeek(open, today),
                months(all, today));
    }

    /** Every item of the unit's subtree that has left the draft and was not cancelled. */
    private List<ItemData> ledger(CurrentUser user, String unitPath, Long leaderId) {
        List<ItemData> rows = new ArrayList<>();
        for (int page = 1; ; page++) {
            var f = ItemQuery.Filter.byStage(ItemQuery.Stage.LIVE, leaderId, page, ItemQuery.MAX_PAGE_SIZE);
            var result = items.list(user, f, unitPath);
            rows.addAll(result.items());
            if (result.items().size() < ItemQuery.MAX_PAGE_SIZE) {
                return rows;
            }
        }
    }

    private boolean onTime(ItemData i) {
        return i.closedAt() != null
                && (i.deadline() == null
                        || !i.closedAt().atZone(ZONE).toLocalDate().isAfter(i.deadline()));
    }

    /** The unit's children (and the unit itself for what it leads directly), best on-time closure first. */
    private List<UnitRow> ranking(
            UnitScope scope, Unit unit, List<ItemData> all, Map<Long, Pace> paces, LocalDate today, Long leaderId) {
        List<Unit> children = units.children(unit.id(), scope);
        Map<Long, int[]> counts = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        for (Unit c : children) {
            counts.put(c.id(), new int[8]);
            names.put(c.id(), c.name());
        }
        counts.put(unit.id(), new int[8]);
        names.put(unit.id(), unit.name() + "（本级）");
        for (ItemData i : all) {
            long owner = unit.id();
            for (Unit c : children) {
                if (i.leadUnitPath().startsWith(c.path().value())) {
                    owner = c.id();
                    break;
                }
            }
            int[] n = counts.get(owner);
            n[0]++;
            if (i.status().open()) {
                n[1]++;
            }
            if (i.status() == ItemStatus.CLOSED) {
                n[2]++;
                if (onTime(i)) {
                    n[3]++;
                }
            }
            if (i.overdueOn(today)) {
                n[4]++;
            }
            Pace p = paces.get(i.id());
            if (p != null) {
                n[5 + p.warning().ordinal()]++;
            }
        }
        List<UnitRow> rows = new ArrayList<>();
        counts.forEach((id, n) -> {
            if (n[0] > 0 || !id.equals(unit.id())) {
                rows.add(new UnitRow(
                        0,
                        id,
                        names.get(id),
                        n[0],
                        n[1],
                        n[2],
                        n[3],
                        n[4],
                        n[5],
                        n[6],
                        n[7],
                        Dashboard.rate(n[3], n[2]),
                        // the unit's own row has no ledger view of its own: the ledger's unit includes those below
                        id.equals(unit.id())
                                ? null
                                : "/items?unit=" + id + "&stage=LIVE"
                                        + (leaderId == null ? "" : "&leader=" + leaderId)));
            }
        });
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

    private List<ItemRow> red(List<ItemData> open, Map<Long, Pace> paces) {
        Map<Long, String> names = unitNames(open);
        return open.stream()
                .filter(i -> paces.get(i.id()) != null && paces.get(i.id()).warning() == Warning.RED)
                .sorted(Comparator.comparing((ItemData i) -> paces.get(i.id()).lagPoints())
                        .reversed())
                .limit(LIST)
                .map(i -> row(i, names, paces.get(i.id()).sentence()))
                .toList();
    }

    private List<ItemRow> dueThisWeek(List<ItemData> open, LocalDate today) {
        LocalDate sunday = today.with(DayOfWeek.SUNDAY);
        Map<Long, String> names = unitNames(open);
        return open.stream()
                .filter(i -> i.deadline() != null
                        && !i.deadline().isBefore(today)
                        && !i.deadline().isAfter(sunday))
                .sorted(Comparator.comparing(ItemData::deadline))
                .limit(LIST)
                .map(i -> row(i, names, i.status().label()))
                .toList();
    }

    private Map<Long, String> unitNames(List<ItemData> rows) {
        return units.names(rows.stream().map(ItemData::leadUnitId).distinct().toList());
    }

    private static ItemRow row(ItemData i, Map<Long, String> names, String note) {
        return new ItemRow(
                i.id(),
                i.code(),
                i.title(),
                names.getOrDefault(i.leadUnitId(), ""),
                i.deadline(),
                note,
                "/items/" + i.id());
    }

    private List<MonthRow> months(List<ItemData> all, LocalDate today) {
        YearMonth first = YearMonth.from(today).minusMonths(MONTHS - 1);
        Map<String, Integer> sent =
                reports.sentByMonth(all.stream().map(ItemData::id).toList(), first.atDay(1));
        Map<String, Integer> closures = new LinkedHashMap<>();
        for (ItemData i : all) {
            if (i.closedAt() != null) {
                closures.merge(YearMonth.from(i.closedAt().atZone(ZONE)).toString(), 1, Integer::sum);
            }
        }
        List<MonthRow> rows = new ArrayList<>();
        for (int m = 0; m < MONTHS; m++) {
            String key = first.plusMonths(m).toString();
            rows.add(new MonthRow(key, closures.getOrDefault(key, 0), sent.getOrDefault(key, 0)));
        }
        return rows;
    }
}
