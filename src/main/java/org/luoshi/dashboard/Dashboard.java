package org.luoshi.dashboard;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The numbers behind a dashboard for one unit and everything under it, each with the ledger view it
 * counts ({@code href}), so that a click shows the items behind a number.
 */
public record Dashboard(
        long unitId,
        String unitName,
        LocalDate today,
        int total,
        int open,
        int closed,
        int closedOnTime,
        int overdue,
        int missingReport,
        List<Count> byStatus,
        List<Count> byKind,
        List<Count> byWarning,
        List<UnitRow> units,
        List<ItemRow> red,
        List<ItemRow> dueThisWeek,
        List<MonthRow> months) {

    /** A number with what it counts and where the items behind it are listed. */
    public record Count(String key, String label, int count, String href) {}

    /** One child unit (or the unit itself, as 本级) in the ranking. */
    public record UnitRow(
            int rank,
            long unitId,
            String name,
            int total,
            int open,
            int closed,
            int closedOnTime,
            int overdue,
            int green,
            int yellow,
            int red,
            Integer onTimeRate,
            String href) {}

    public record ItemRow(
            long id, String code, String title, String unit, LocalDate deadline, String note, String href) {}

    /** Items closed and reports first sent up in a month ("2026-05"). */
    public record MonthRow(String month, int closed, int reports) {}

    /** The share closed on time of all closed, in percent; null when nothing closed. */
    public static Integer rate(int part, int whole) {
        return whole == 0 ? null : Math.round(part * 100f / whole);
    }

    public Map<String, Object> summary() {
        return Map.of("total", total, "open", open, "closed", closed, "overdue", overdue);
    }
}
