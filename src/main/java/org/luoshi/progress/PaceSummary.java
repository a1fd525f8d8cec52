package org.luoshi.progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.luoshi.DomainException;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemQuery;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitQuery;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.DataScopes;
import org.springframework.stereotype.Service;

/** Pace rolled up: a unit's items by colour, and the same tallies per kind, per leader, per unit. */
@Service
public class PaceSummary {

    private final ItemQuery items;
    private final UnitQuery units;
    private final DataScopes scopes;
    private final PaceService pace;

    PaceSummary(ItemQuery items, UnitQuery units, DataScopes scopes, PaceService pace) {
        this.items = items;
        this.units = units;
        this.scopes = scopes;
        this.pace = pace;
    }

    /** Counts of open items by colour, with the missing-report and overdue flags. */
    public record Tally(String key, String label, int total, int green, int yellow, int red, int missing, int overdue) {

        Tally add(Pace p) {
            return new Tally(
                    key,
                    label,
                    total + 1,
                    green + (p.warning() == Warning.GREEN ? 1 : 0),
                    yellow + (p.warning() == Warning.YELLOW ? 1 : 0),
                    red + (p.warning() == Warning.RED ? 1 : 0),
                    missing + (p.missingReport() ? 1 : 0),
                    overdue + (p.overdue() ? 1 : 0));
        }

        public int redShare() {
            return total == 0 ? 0 : Math.round(red * 100f / total);
        }

        public Map<String, Object> json() {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("key", key);
            j.put("label", label);
            j.put("total", total);
            j.put("GREEN", green);
            j.put("YELLOW", yellow);
            j.put("RED", red);
            j.put("missingReport", missing);
            j.put("overdue", overdue);
            return j;
        }
    }

    public Unit requireUnit(CurrentUser user, long unitId) {
        return units.find(unitId, scopes.of(user))
                .orElseThrow(() -> DomainException.notFound("unit.notFound", "单位不存在或不在您的数据范围内"));
    }

    public Tally ofUnit(CurrentUser user, long unitId) {
        Unit unit = requireUnit(user, unitId);
        Tally t = new Tally(Long.toString(unit.id()), unit.name(), 0, 0, 0, 0, 0, 0);
        for (Pace p : pace.of(open(user, unit.path().value())).values()) {
            t = t.add(p);
        }
        return t;
    }

    /** Everything the user sees that is under way, with its pace. */
    public Map<ItemData, Pace> openWithPace(CurrentUser user) {
        List<ItemData> rows = open(user, null);
        Map<Long, Pace> paces = pace.of(rows);
        Map<ItemData, Pace> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(r, paces.get(r.id())));
        return out;
    }

    public List<Tally> group(Map<ItemData, Pace> all, Function<ItemData, String> key, Function<String, String> label) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        all.forEach((item, p) -> {
            String k = key.apply(item);
            if (k != null && p != null) {
                tallies.compute(
                        k, (kk, t) -> (t == null ? new Tally(kk, label.apply(kk), 0, 0, 0, 0, 0, 0) : t).add(p));
            }
        });
        List<Tally> list = new ArrayList<>(tallies.values());
        list.sort((a, b) -> b.red() != a.red() ? b.red() - a.red() : b.total() - a.total());
        return list;
    }

    private List<ItemData> open(CurrentUser user, String unitPath) {
        List<ItemData> rows = new ArrayList<>();
        for (int page = 1; ; page++) {
            var result = items.list(user, ItemQuery.Filter.byStatus(null, page, ItemQuery.MAX_PAGE_SIZE), unitPath);
            result.items().stream().filter(i -> i.status().open()).forEach(rows::add);
            if (result.items().size() < ItemQuery.MAX_PAGE_SIZE) {
                return rows;
            }
        }
    }
}
