package org.luoshi.bulletin;

import java.time.LocalDate;
import java.util.List;

/**
 * What a bulletin counted, as of its day: the totals, the units ranked, and the items it names. Kept
 * with the bulletin, so that its figures do not move once published.
 */
public record BulletinFigures(
        String jurisdiction,
        LocalDate from,
        LocalDate to,
        LocalDate asOf,
        Totals totals,
        List<UnitRank> ranking,
        List<ItemLine> overdue,
        List<ItemLine> red,
        List<ItemLine> reopened,
        List<ItemLine> good,
        List<ItemLine> bad) {

    public record Totals(
            int live,
            int open,
            int due,
            int closedOnTime,
            int reportsDue,
            int reportsOnTime,
            int green,
            int yellow,
            int red,
            int overdue) {}

    /**
     * One unit's line, ranked within its group (regions apart from departments, as bulletins do):
     * due = items due or closed within the period, closedOnTime of them; reports
     * due and sent on time; open items by colour; the score is the mean of the rates it has.
     */
    public record UnitRank(
            String group,
            int rank,
            boolean tied,
            long unitId,
            String name,
            int due,
            int closedOnTime,
            Double closureRate,
            int reportsDue,
            int reportsOnTime,
            Double punctualityRate,
            int open,
            int green,
            int yellow,
            int red,
            Double paceRate,
            int overdue,
            Double score) {

        UnitRank ranked(int place, boolean isTied) {
            return new UnitRank(
                    group,
                    place,
                    isTied,
                    unitId,
                    name,
                    due,
                    closedOnTime,
                    closureRate,
                    reportsDue,
                    reportsOnTime,
                    punctualityRate,
                    open,
                    green,
                    yellow,
                    red,
                    paceRate,
                    overdue,
                    score);
        }
    }

    /** An item a bulletin names, with why. */
    public record ItemLine(long itemId, String code, String title, String unit, LocalDate deadline, String note) {}

    /** Percent with one decimal, or null when there is nothing to divide. */
    static Double rate(int part, int whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }
}
