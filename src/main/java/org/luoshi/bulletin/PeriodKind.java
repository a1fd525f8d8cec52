package org.luoshi.bulletin;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/** The span a bulletin covers. */
public enum PeriodKind {
    WEEK("周报"),
    MONTH("月报"),
    QUARTER("季报");

    private static final String[] QUARTERS = {"一", "二", "三", "四"};

    private final String label;

    PeriodKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** First and last day of the period that holds the day. */
    public record Span(LocalDate from, LocalDate to) {}

    public Span containing(LocalDate day) {
        return switch (this) {
            case WEEK -> new Span(day.with(DayOfWeek.MONDAY), day.with(DayOfWeek.SUNDAY));
            case MONTH -> new Span(day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()));
            case QUARTER -> {
                LocalDate first = day.with(IsoFields.DAY_OF_QUARTER, 1);
                yield new Span(first, first.plusMonths(3).minusDays(1));
            }
        };
    }

    /** The last period that had ended before the day. */
    public Span lastEndedBefore(LocalDate day) {
        return containing(containing(day).from().minusDays(1));
    }

    /** "2026年第48周（11月23日—11月29日）", "2026年11月", "2026年第四季度". */
    public String describe(LocalDate from) {
        return switch (this) {
            case WEEK ->
                from.get(IsoFields.WEEK_BASED_YEAR) + "年第" + from.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + "周（"
                        + from.getMonthValue() + "月" + from.getDayOfMonth() + "日—"
                        + from.plusDays(6).getMonthValue() + "月"
                        + from.plusDays(6).getDayOfMonth() + "日）";
            case MONTH -> from.getYear() + "年" + from.getMonthValue() + "月";
            case QUARTER -> from.getYear() + "年第" + QUARTERS[from.get(IsoFields.QUARTER_OF_YEAR) - 1] + "季度";
        };
    }
}
