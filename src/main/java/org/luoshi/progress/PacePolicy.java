package org.luoshi.progress;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * 时间过半、任务过半: the one place where pace is decided. Time ratio t is the share of the planned
 * span gone; progress ratio p comes from the indicators (weighted, each clamped to [0, 1] and
 * direction-aware), else from the milestones done, else from the last reported percent. The lag
 * t − p in points is green up to {@code yellowAbove}, yellow up to {@code redAbove}, red beyond;
 * an open item past its deadline is red whatever its lag.
 */
public record PacePolicy(int yellowAbove, int redAbove) {

    public PacePolicy {
        if (yellowAbove < 0 || redAbove < yellowAbove) {
            throw new IllegalArgumentException(
                    "thresholds must satisfy 0 <= yellow <= red: " + yellowAbove + ", " + redAbove);
        }
    }

    /** What the policy needs to know of one item today. */
    public record Facts(
            LocalDate start,
            LocalDate deadline,
            LocalDate today,
            boolean closed,
            List<Indicator> indicators,
            int milestonesDone,
            int milestonesTotal,
            Double lastPercent,
            boolean missingReport) {}

    public Pace assess(Facts f) {
        double t = timeRatio(f.start(), f.deadline(), f.today());
        if (f.closed()) {
            return new Pace(t, 1.0, Pace.Basis.CLOSED, 0, Warning.GREEN, false, false);
        }
        Pace.Basis basis;
        double p;
        Double fromIndicators = weighted(f.indicators());
        if (fromIndicators != null) {
            basis = Pace.Basis.INDICATORS;
            p = fromIndicators;
        } else if (f.milestonesTotal() > 0) {
            basis = Pace.Basis.MILESTONES;
            p = (double) f.milestonesDone() / f.milestonesTotal();
        } else if (f.lastPercent() != null) {
            basis = Pace.Basis.REPORTED_PERCENT;
            p = clamp(f.lastPercent() / 100.0);
        } else {
            basis = Pace.Basis.NONE;
            p = 0;
        }
        int lag = (int) Math.round((t - p) * 100);
        boolean overdue = f.deadline() != null && f.deadline().isBefore(f.today());
        Warning warning = overdue || lag > redAbove ? Warning.RED : lag > yellowAbove ? Warning.YELLOW : Warning.GREEN;
        return new Pace(t, p, basis, lag, warning, f.missingReport(), overdue);
    }

    /** Share of the span from start to deadline gone by the end of today, in [0, 1]. */
    static double timeRatio(LocalDate start, LocalDate deadline, LocalDate today) {
        if (start == null || deadline == null) {
            return 0;
        }
        long span = ChronoUnit.DAYS.between(start, deadline);
        if (span <= 0) {
            // a one-day (or inverted) span: nothing gone before it, all gone once it is reached
            return today.isBefore(deadline) ? 0 : 1;
        }
        return clamp((double) ChronoUnit.DAYS.between(start, today) / span);
    }

    /** Weighted mean completion of the indicators that have been reported on; null if none has. */
    static Double weighted(List<Indicator> indicators) {
        double sum = 0;
        double weights = 0;
        for (Indicator i : indicators) {
            Double c = i.completion();
            if (c != null) {
                double w = i.weight().doubleValue();
                sum += c * w;
                weights += w;
            }
        }
        return weights == 0 ? null : sum / weights;
    }

    /** One indicator's completion in [0, 1]. */
    static double completion(double baseline, double target, double value, Direction direction) {
        return switch (direction) {
            case INCREASE ->
                target == baseline ? (value >= target ? 1 : 0) : clamp((value - baseline) / (target - baseline));
            case DECREASE ->
                target == baseline ? (value <= target ? 1 : 0) : clamp((baseline - value) / (baseline - target));
            case REACH ->
                target == baseline
                        ? (value == target ? 1 : 0)
                        : clamp(1 - Math.abs(target - value) / Math.abs(target - baseline));
        };
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
