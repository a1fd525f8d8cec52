package org.luoshi.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of a scheme, apart from where the numbers come from: each criterion's rate times
 * its points, rescaled over the criteria a unit has data for; bonus and deduction lines added;
 * ranks with ties shared; grades handed out best first within each grade's quota.
 */
public final class Scoring {

    private Scoring() {}

    /** A criterion's numbers for one unit: weighted part of a weighted whole, out of 100 each. */
    public record Measure(double part, double whole, String detail) {

        /** The rate in percent, or null when the unit had nothing to measure. */
        Double rate() {
            return whole <= 0 ? null : Math.min(100.0, part * 100.0 / whole);
        }
    }

    /** A bonus (positive) or deduction (negative) with why. */
    public record Bonus(long id, BigDecimal points, String reason, String evidence) {}

    /** One line of a unit's derivation. */
    public record Line(String key, String label, String detail, Double rate, BigDecimal points, BigDecimal max) {}

    /** A unit's result. */
    public record UnitScore(
            long unitId, String name, List<Line> lines, BigDecimal total, int rank, boolean tied, String grade) {}

    /** What a unit brings: its name, its measures by criterion, its bonus lines. */
    public record Input(long unitId, String name, Map<Criterion, Measure> measures, List<Bonus> bonuses) {}

    public static List<UnitScore> score(
            int scale, List<Scheme.Weight> weights, List<Scheme.Grade> grades, List<Input> inputs) {
        List<UnitScore> scored = new ArrayList<>();
        List<UnitScore> idle = new ArrayList<>();
        for (Input in : inputs) {
            UnitScore s = one(scale, weights, in);
            // a unit with nothing to measure and no bonus line is not assessed this time
            if (s.lines().stream().allMatch(l -> l.points() == null)) {
                idle.add(new UnitScore(s.unitId(), s.name(), s.lines(), s.total(), 0, false, NOT_ASSESSED));
            } else {
                scored.add(s);
            }
        }
        scored.sort(Comparator.comparing(UnitScore::total).reversed().thenComparing(UnitScore::name));
        List<UnitScore> ranked = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            UnitScore s = scored.get(i);
            boolean samePrevious = i > 0 && scored.get(i - 1).total().compareTo(s.total()) == 0;
            boolean sameNext =
                    i + 1 < scored.size() && scored.get(i + 1).total().compareTo(s.total()) == 0;
            int rank = samePrevious ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(new UnitScore(s.unitId(), s.name(), s.lines(), s.total(), rank, samePrevious || sameNext, null));
        }
        List<UnitScore> out = new ArrayList<>(grade(ranked, grades));
        out.addAll(idle);
        return out;
    }

    /** The grade of a unit that had nothing to be measured on. */
    public static final String NOT_ASSESSED = "不参与（本期无考核数据）";

    private static UnitScore one(int scale, List<Scheme.Weight> weights, Input in) {
        List<Line> lines = new ArrayList<>();
        double earned = 0;
        double measurable = 0;
        double total = 0;
        Map<Criterion, Double> rates = new EnumMap<>(Criterion.class);
        for (Scheme.Weight w : weights) {
            Measure m = in.measures().get(w.criterion());
            Double rate = m == null ? null : m.rate();
            rates.put(w.criterion(), rate);
            total += w.points().doubleValue();
            if (rate != null) {
                earned += rate / 100.0 * w.points().doubleValue();
                measurable += w.points().doubleValue();
            }
        }
        // a criterion the unit had nothing for is left out, the rest rescaled to its points
        double factor = measurable == 0 ? 0 : total / measurable;
        for (Scheme.Weight w : weights) {
            Measure m = in.measures().get(w.criterion());
            Double rate = rates.get(w.criterion());
            BigDecimal points =
                    rate == null ? null : round(rate / 100.0 * w.points().doubleValue() * factor);
            String detail = rate == null
                    ? "本期无此项，按其余指标折算"
                    : m.detail() + "，" + round(rate) + "% × "
                            + w.points().stripTrailingZeros().toPlainString() + "分"
                            + (factor == 1 ? "" : " × 折算系数" + round(factor));
            // the line's ceiling is rescaled with it, so that points never stand above their maximum
            BigDecimal max = rate == null ? w.points() : round(w.points().doubleValue() * factor);
            lines.add(new Line(w.criterion().name(), w.criterion().label(), detail, rate, points, max));
        }
        BigDecimal sum = round(earned * factor);
        for (Bonus b : in.bonuses()) {
            lines.add(new Line(
                    "ADJ:" + b.id(),
                    b.points().signum() >= 0 ? "加分" : "减分",
                    b.reason() + (b.evidence() == null ? "" : "（依据：" + b.evidence() + "）"),
                    null,
                    b.points(),
                    null));
            sum = sum.add(b.points());
        }
        BigDecimal capped = sum.max(BigDecimal.ZERO).min(BigDecimal.valueOf(scale));
        return new UnitScore(in.unitId(), in.name(), lines, capped.setScale(2, RoundingMode.HALF_UP), 0, false, null);
    }

    /**
     * Best first, each grade takes at most its share of all units (rounded down) and only those at or
     * above its minimum; units tied at the edge of a quota all drop to the next grade rather than
     * break the quota; the last grade takes the rest.
     */
    static List<UnitScore> grade(List<UnitScore> ranked, List<Scheme.Grade> grades) {
        int n = ranked.size();
        List<UnitScore> out = new ArrayList<>();
        int at = 0;
        for (int g = 0; g < grades.size(); g++) {
            Scheme.Grade grade = grades.get(g);
            boolean last = g == grades.size() - 1 || grade.maxShare() == null;
            int quota = last ? n - at : (int) Math.floor(grade.maxShare().doubleValue() * n + 1e-9);
            int take = 0;
            while (at + take < n && (last || take < quota)) {
                UnitScore s = ranked.get(at + take);
                if (!last && grade.minScore() != null && s.total().compareTo(grade.minScore()) < 0) {
                    break;
                }
                take++;
            }
            // a tie across the quota's edge: the tied units all stay below
            if (!last
                    && take > 0
                    && at + take < n
                    && ranked.get(at + take)
                                    .total()
                                    .compareTo(ranked.get(at + take - 1).total())
                            == 0) {
                BigDecimal edge = ranked.get(at + take - 1).total();
                while (take > 0 && ranked.get(at + take - 1).total().compareTo(edge) == 0) {
                    take--;
                }
            }
            for (int i = 0; i < take; i++) {
                UnitScore s = ranked.get(at + i);
                out.add(new UnitScore(s.unitId(), s.name(), s.lines(), s.total(), s.rank(), s.tied(), grade.name()));
            }
            at += take;
            if (last) {
                break;
            }
        }
        return out;
    }

    static BigDecimal round(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }
}
