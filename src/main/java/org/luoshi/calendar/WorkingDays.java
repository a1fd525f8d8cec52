package org.luoshi.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.Set;

/**
 * Counting working days: Monday to Friday, except official holidays, plus make-up working days.
 * Immutable and pure; a snapshot of the calendar at one moment.
 */
public final class WorkingDays {

    /** Far enough for any deadline; stops a runaway loop on absurd input. */
    private static final int MAX_DAYS = 3_660;

    private final Map<LocalDate, DayKind> special;
    private final Set<Integer> knownYears;

    public WorkingDays(Map<LocalDate, DayKind> special, Set<Integer> knownYears) {
        this.special = Map.copyOf(special);
        this.knownYears = Set.copyOf(knownYears);
    }

    public boolean isWorkingDay(LocalDate day) {
        DayKind kind = special.get(day);
        if (kind != null) {
            return kind == DayKind.WORKDAY;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /**
     * The n-th working day after {@code from}, the start itself not counted: "5个工作日内" from a
     * dispatch on {@code from}. With n = 0, {@code from} itself.
     */
    public LocalDate plus(LocalDate from, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("working days must not be negative: " + n);
        }
        LocalDate day = from;
        int counted = 0;
        for (int i = 0; counted < n; i++) {
            if (i > MAX_DAYS) {
                throw new IllegalArgumentException("more working days than ten years hold: " + n);
            }
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** Working days in (from, to]: how many have passed since {@code from} by the end of {@code to}. */
    public int between(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -between(to, from);
        }
        if (to.toEpochDay() - from.toEpochDay() > MAX_DAYS) {
            throw new IllegalArgumentException("span longer than ten years: " + from + " to " + to);
        }
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /** The n-th working day of a month (1-based): "每月前5个工作日内报送". */
    public LocalDate nthOfMonth(YearMonth month, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n starts at 1: " + n);
        }
        LocalDate before = month.atDay(1).minusDays(1);
        LocalDate day = plus(before, n);
        if (!YearMonth.from(day).equals(month)) {
            throw new IllegalArgumentException(month + " has fewer than " + n + " working days");
        }
        return day;
    }

    /** Whether the official arrangement of {@code year} has been entered. */
    public boolean knows(int year) {
        return knownYears.contains(year);
    }
}
