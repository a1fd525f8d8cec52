package org.luoshi.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.luoshi.DomainException;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Indicators of items and their current values. A value counts once its report has reached the
 * supervisor (submitted or accepted); a parent without values of its own takes its children's:
 * sums for amounts, target-weighted means for rates.
 */
@Service
public class IndicatorService {

    static final int MAX_INDICATORS = 20;

    private final JdbcClient jdbc;
    private final ItemQuery items;

    IndicatorService(JdbcClient jdbc, ItemQuery items) {
        this.jdbc = jdbc;
        this.items = items;
    }

    /** Reads {@code "indicators": [{"name", "measure", "baseline", "target", "direction", "weight"}]}. */
    @SuppressWarnings("unchecked")
    static List<IndicatorSpec> parse(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> list)) {
            throw DomainException.invalid("indicator.list", "indicators", "indicators 须为数组");
        }
        List<IndicatorSpec> specs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String row = "第" + (i + 1) + "个指标的";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw DomainException.invalid("indicator.row", "indicators", "第{0}个指标须为对象", i + 1);
            }
            Map<String, Object> f = (Map<String, Object>) m;
            specs.add(new IndicatorSpec(
                    Figures.parse(f.get("id"), "indicators", row + "id") == null
                            ? null
                            : Figures.parse(f.get("id"), "indicators", row + "id")
                                    .longValue(),
                    text(f.get("name")),
                    text(f.get("measure")),
                    Figures.parse(f.get("baseline"), "indicators", row + "基期值"),
                    Figures.parse(f.get("target"), "indicators", row + "目标值"),
                    Figures.enumOf(Direction.class, f.get("direction"), "indicators", row + "方向"),
                    Figures.enumOf(Accumulation.class, f.get("accumulation"), "indicators", row + "取值方式"),
                    Figures.parse(f.get("weight"), "indicators", row + "权重")));
        }
        return specs;
    }

    /** Sets an item's indicators from a request's {@code "indicators"} array. */
    @Transactional
    public void set(long itemId, Object raw) {
        List<IndicatorSpec> specs = parse(raw);
        replace(itemId, specs == null ? List.of() : specs);
    }

    /**
     * Sets an item's indicators to these: existing ones (by id) are changed, new ones added, missing
     * ones removed unless figures were already reported on them.
     */
    @Transactional
    public void replace(long itemId, List<IndicatorSpec> specs) {
        replace(itemId, specs, false);
    }

    /**
     * The same; for an item just created ({@code fresh}) there is nothing to read or renumber first,
     * which matters when a ledger import registers thousands in one transaction.
     */
    @Transactional
    public void replace(long itemId, List<IndicatorSpec> specs, boolean fresh) {
        List<Indicator> existing =
                fresh ? List.of() : ofItems(List.of(itemId), false, null).getOrDefault(itemId, List.of());
        Set<Long> known = new HashSet<>(existing.stream().map(Indicator::id).toList());
        List<IndicatorSpec> valid = checked(specs, known);
        Set<Long> kept = new HashSet<>();
        valid.stream().map(IndicatorSpec::id).filter(java.util.Objects::nonNull).forEach(kept::add);
        for (Indicator gone : existing) {
            if (!kept.contains(gone.id())) {
                long reported = jdbc.sql("SELECT count(*) FROM indicator_value WHERE indicator_id = :i")
                        .param("i", gone.id())
                        .query(Long.class)
                        .single();
                if (reported > 0) {
                    throw DomainException.conflict("indicator.inUse", "指标“{0}”已有{1}期填报数据，不能删除", gone.name(), reported);
                }
                jdbc.sql("DELETE FROM indicator WHERE id = :i")
                        .param("i", gone.id())
                        .update();
            }
        }
        if (!existing.isEmpty()) {
            // seq is unique per item: move the kept ones out of the way before renumbering
            jdbc.sql("UPDATE indicator SET seq = -seq WHERE item_id = :item")
                    .param("item", itemId)
                    .update();
        }
        int seq = 0;
        for (IndicatorSpec s : valid) {
            seq++;
            if (s.id() != null) {
                jdbc.sql("""
                                UPDATE indicator SET seq = :seq, name = :name, measure = :measure, baseline = :baseline,
                                       target = :target, direction = :direction, accumulation = :acc, weight = :weight
                                 WHERE id = :id
                                """).params(params(s, seq)).param("id", s.id()).update();
            } else {
                jdbc.sql("""
                                INSERT INTO indicator (item_id, seq, name, measure, baseline, target, direction,
                                                       accumulation, weight)
                                VALUES (:item, :seq, :name, :measure, :baseline, :target, :direction, :acc, :weight)
                                """).params(params(s, seq)).param("item", itemId).update();
            }
        }
    }

    /** An item's indicators as given, checked: each valid, no name twice, an id only of {@code known}. */
    public List<IndicatorSpec> checked(List<IndicatorSpec> specs, Set<Long> known) {
        if (specs.size() > MAX_INDICATORS) {
            throw DomainException.invalid("indicator.many", "indicators", "一个事项最多{0}个指标", MAX_INDICATORS);
        }
        Set<String> names = new HashSet<>();
        List<IndicatorSpec> valid = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            IndicatorSpec s = validate(specs.get(i), i + 1);
            if (!names.add(s.name())) {
                throw DomainException.invalid("indicator.duplicate", "indicators", "指标“{0}”重复", s.name());
            }
            if (s.id() != null && !known.contains(s.id())) {
                throw DomainException.invalid(
                        "indicator.unknown", "indicators", "第{0}个指标的 id {1} 不属于该事项", i + 1, s.id());
            }
            valid.add(s);
        }
        return valid;
    }

    /** The checked indicators of items just registered, in one batch (a ledger import's thousands). */
    @Transactional
    public void addToNew(Map<Long, List<IndicatorSpec>> checkedByItem) {
        org.luoshi.Unnest rows = new org.luoshi.Unnest(
                "item bigint",
                "seq smallint",
                "name text",
                "measure text",
                "baseline numeric",
                "target numeric",
                "direction text",
                "acc text",
                "weight numeric");
        checkedByItem.forEach((item, specs) -> {
            int seq = 0;
            for (IndicatorSpec s : specs) {
                rows.add(
                        item,
                        ++seq,
                        s.name(),
                        s.measure(),
                        s.baseline(),
                        s.target(),
                        s.direction().name(),
                        s.accumulation().name(),
                        s.weight());
            }
        });
        rows.update(jdbc, """
                INSERT INTO indicator (item_id, seq, name, measure, baseline, target, direction, accumulation, weight)
                SELECT item, seq, name, measure, baseline, target, direction, acc, weight FROM {rows}
                """);
    }

    /**
     * Children take their parent's indicators: rates as they are, amounts shared equally, so that
     * the children's figures add up to the parent's target; the supervisor may adjust them later.
     */
    @Transactional
    public void share(ItemData parent, List<ItemData> children) {
        List<Indicator> of = ofItems(List.of(parent.id()), false, null).getOrDefault(parent.id(), List.of());
        if (of.isEmpty() || children.isEmpty()) {
            return;
        }
        BigDecimal n = BigDecimal.valueOf(children.size());
        for (ItemData child : children) {
            replace(
                    child.id(),
                    of.stream()
                            .map(i -> new IndicatorSpec(
                                    null,
                                    i.name(),
                                    i.measure(),
                                    i.isRate() ? i.baseline() : i.baseline().divide(n, 4, RoundingMode.HALF_UP),
                                    i.isRate() ? i.target() : i.target().divide(n, 4, RoundingMode.HALF_UP),
                                    i.direction(),
                                    i.accumulation(),
                                    i.weight()))
                            .toList());
        }
    }

    /** Indicators of many items with current values, parents rolled up from their children. */
    public Map<Long, List<Indicator>> ofItems(Collection<Long> itemIds) {
        return ofItems(itemIds, true, null);
    }

    /** As they stood at the end of {@code day}: only reports of periods ended by then count. */
    public Map<Long, List<Indicator>> ofItems(Collection<Long> itemIds, java.time.LocalDate day) {
        return ofItems(itemIds, true, day);
    }

    private Map<Long, List<Indicator>> ofItems(Collection<Long> itemIds, boolean rollUp, java.time.LocalDate day) {
        Map<Long, List<Indicator>> result = new HashMap<>();
        if (itemIds.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        SELECT i.id, i.item_id, i.seq, i.name, i.measure, i.baseline, i.target, i.direction,
                               i.accumulation, i.weight,
                               CASE WHEN i.accumulation = 'CUMULATIVE'
                                    THEN CASE WHEN s.n > 0 THEN i.baseline + s.total END
                                    ELSE s.latest END AS current
                          FROM indicator i
                          -- one pass over an indicator's values gives both the sum and the latest
                          LEFT JOIN LATERAL (SELECT sum(v.value) AS total, count(*) AS n,
                                                    (array_agg(v.value ORDER BY r.period_end DESC))[1] AS latest
                                               FROM indicator_value v JOIN progress_report r ON r.id = v.report_id
                                              WHERE v.indicator_id = i.id AND r.status IN ('SUBMITTED', 'ACCEPTED')
                                                AND r.period_end <= :day) s
                                 ON true
                         WHERE i.item_id = ANY(:ids)
                         ORDER BY i.item_id, i.seq
                        """)
                .param("ids", itemIds.toArray(Long[]::new))
                .param("day", day == null ? java.time.LocalDate.of(9999, 12, 31) : day)
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("item_id"), k -> new ArrayList<>())
                            .add(new Indicator(
                                    rs.getLong("id"),
                                    rs.getLong("item_id"),
                                    rs.getInt("seq"),
                                    rs.getString("name"),
                                    rs.getString("measure"),
                                    rs.getBigDecimal("baseline"),
                                    rs.getBigDecimal("target"),
                                    Direction.valueOf(rs.getString("direction")),
                                    Accumulation.valueOf(rs.getString("accumulation")),
                                    rs.getBigDecimal("weight"),
                                    rs.getBigDecimal("current")));
                });
        if (rollUp) {
            rollUp(result, day);
        }
        return result;
    }

    private void rollUp(Map<Long, List<Indicator>> result, java.time.LocalDate day) {
        List<Long> waiting = result.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(i -> i.current() == null))
                .map(Map.Entry::getKey)
                .toList();
        if (waiting.isEmpty()) {
            return;
        }
        Map<Long, List<Long>> children = items.children(waiting);
        List<Long> allChildren =
                children.values().stream().flatMap(List::stream).toList();
        if (allChildren.isEmpty()) {
            return;
        }
        Map<Long, List<Indicator>> ofChildren = ofItems(allChildren, true, day);
        for (Long parent : waiting) {
            List<Indicator> rolled = new ArrayList<>();
            for (Indicator i : result.get(parent)) {
                if (i.current() != null) {
                    rolled.add(i);
                    continue;
                }
                List<Indicator> same = children.getOrDefault(parent, List.of()).stream()
                        .flatMap(c -> ofChildren.getOrDefault(c, List.of()).stream())
                        .filter(c ->
                                c.name().equals(i.name()) && c.measure().equals(i.measure()) && c.current() != null)
                        .toList();
                rolled.add(same.isEmpty() ? i : i.withCurrent(combine(i, same)));
            }
            result.put(parent, rolled);
        }
    }

    static BigDecimal combine(Indicator parent, List<Indicator> children) {
        if (!parent.isRate()) {
            return children.stream().map(Indicator::current).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        BigDecimal weights = children.stream().map(c -> c.target().abs()).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (weights.signum() == 0) {
            return children.stream()
                    .map(Indicator::current)
                    .reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(children.size()), 4, RoundingMode.HALF_UP);
        }
        return children.stream()
                .map(c -> c.current().multiply(c.target().abs()))
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(weights, 4, RoundingMode.HALF_UP);
    }

    private static IndicatorSpec validate(IndicatorSpec s, int n) {
        String row = "第" + n + "个指标：";
        String name = s.name() == null ? "" : s.name().strip();
        String measure = s.measure() == null ? "" : s.measure().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw DomainException.invalid("indicator.name", "indicators", row + "请填写不超过100个字的指标名称");
        }
        if (measure.isEmpty() || measure.length() > 16) {
            throw DomainException.invalid("indicator.measure", "indicators", row + "请填写计量单位（如 亿元、%、个）");
        }
        if (s.target() == null) {
            throw DomainException.invalid("indicator.target", "indicators", row + "请填写目标值");
        }
        if (s.direction() == null) {
            throw DomainException.invalid("indicator.direction", "indicators", row + "请选择方向：INCREASE、DECREASE 或 REACH");
        }
        BigDecimal baseline = s.baseline() == null ? BigDecimal.ZERO : s.baseline();
        if (s.direction() == Direction.INCREASE && s.target().compareTo(baseline) < 0
                || s.direction() == Direction.DECREASE && s.target().compareTo(baseline) > 0) {
            throw DomainException.invalid(
                    "indicator.sense",
                    "indicators",
                    row + "方向为“{0}”时，目标值 {1} 与基期值 {2} 相矛盾",
                    s.direction().label(),
                    s.target(),
                    baseline);
        }
        BigDecimal weight = s.weight() == null ? BigDecimal.ONE : s.weight();
        if (weight.signum() <= 0 || weight.compareTo(new BigDecimal("1000")) > 0) {
            throw DomainException.invalid("indicator.weight", "indicators", row + "权重须大于0且不超过1000");
        }
        return new IndicatorSpec(
                s.id(),
                name,
                measure,
                baseline,
                s.target(),
                s.direction(),
                s.accumulation() == null ? Accumulation.LATEST : s.accumulation(),
                weight);
    }

    private static Map<String, Object> params(IndicatorSpec s, int seq) {
        Map<String, Object> p = new HashMap<>();
        p.put("seq", seq);
        p.put("name", s.name());
        p.put("measure", s.measure());
        p.put("baseline", s.baseline());
        p.put("target", s.target());
        p.put("direction", s.direction().name());
        p.put("acc", s.accumulation().name());
        p.put("weight", s.weight());
        return p;
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
