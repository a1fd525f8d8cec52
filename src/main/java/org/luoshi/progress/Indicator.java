package org.luoshi.progress;

import java.math.BigDecimal;

/** 指标 on an item, with its current value from the reports so far (null before any report). */
public record Indicator(
        long id,
        long itemId,
        int seq,
        String name,
        String measure,
        BigDecimal baseline,
        BigDecimal target,
        Direction direction,
        Accumulation accumulation,
        BigDecimal weight,
        BigDecimal current) {

    /** Rates are averaged, not summed, when children roll up to their parent. */
    public boolean isRate() {
        return measure.equals("%") || measure.equals("‰") || measure.contains("率");
    }

    /** Weighted mean completion of those reported on, 0 to 1; null if none has been. */
    public static Double completionOf(java.util.List<Indicator> indicators) {
        return PacePolicy.weighted(indicators);
    }

    /** How far along: 0 to 1, direction-aware; null when nothing has been reported. */
    public Double completion() {
        return current == null
                ? null
                : PacePolicy.completion(baseline.doubleValue(), target.doubleValue(), current.doubleValue(), direction);
    }

    public Indicator withCurrent(BigDecimal value) {
        return new Indicator(id, itemId, seq, name, measure, baseline, target, direction, accumulation, weight, value);
    }
}
