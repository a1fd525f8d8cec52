package org.luoshi.progress;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luoshi.DomainException;
import org.luoshi.item.Cadence;

/**
 * 反馈期: a week ({@code 2026-W21}, ISO weeks), a month ({@code 2026-05}), a quarter
 * ({@code 2026-Q2}), or the item's whole span for a once-only report ({@code ONCE}).
 */
public record ReportingPeriod(Cadence cadence, String key, LocalDate start, LocalDate end) {

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    public static final String ONCE = "ONCE";

    /** Reads a period written for an item of this cadence; the item's span bounds a once-only one. */
    public static ReportingPeriod parse(String text, Cadence cadence, LocalDate spanStart, LocalDate spanEnd) {
        String t = text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT);
        Matcher m;
        return switch (cadence) {
            case WEEKLY -> {
                if (!(m = WEEK.matcher(t)).matches()) {
                    throw wrong(text, "每周反馈的事项，反馈期写作 2026-W21");
                }
                int year = Integer.parseInt(m.group(1));
                int week = Integer.parseInt(m.group(2));
                // 28 December always lies in the last ISO week of its year
                if (week < 1 || week > LocalDate.of(year, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)) {
                    throw wrong(text, year + "年没有第" + week + "周");
                }
                yield week(year, week);
            }
            case MONTHLY -> {
                if (!(m = MONTH.matcher(t)).matches()) {
                    throw wrong(text, "每月反馈的事项，反馈期写作 2026-05");
                }
                int month = Integer.parseInt(m.group(2));
                if (month < 1 || month > 12) {
                    throw wrong(text, "月份须在01至12之间");
                }
                yield month(YearMonth.of(Integer.parseInt(m.group(1)), month));
            }
            case QUARTERLY -> {
                if (!(m = QUARTER.matcher(t)).matches()) {
                    throw wrong(text, "每季度反馈的事项，反馈期写作 2026-Q2");
                }
                yield quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            case ONCE -> {
                if (!t.equals(ONCE) && !t.isEmpty()) {
                    throw wrong(text, "一次性反馈的事项，反馈期写作 ONCE");
                }
                yield new ReportingPeriod(Cadence.ONCE, ONCE, spanStart, spanEnd);
            }
        };
    }

    /** The period of this cadence that holds the day. */
    public static ReportingPeriod containing(LocalDate day, Cadence cadence, LocalDate spanStart, LocalDate spanEnd) {
        return switch (cadence) {
            case WEEKLY -> week(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTHLY -> month(YearMonth.from(day));
            case QUARTERLY -> quarter(day.getYear(), day.get(IsoFields.QUARTER_OF_YEAR));
            case ONCE -> new ReportingPeriod(Cadence.ONCE, ONCE, spanStart, spanEnd);
        };
    }

    public ReportingPeriod previous() {
        return cadence == Cadence.ONCE ? this : containing(start.minusDays(1), cadence, start, end);
    }

    public ReportingPeriod next() {
        return cadence == Cadence.ONCE ? this : containing(end.plusDays(1), cadence, start, end);
    }

    public boolean overlaps(LocalDate from, LocalDate to) {
        return !end.isBefore(from) && !start.isAfter(to);
    }

    /** "2026年5月", "2026年第21周", "2026年第二季度", "一次性". */
    public String label() {
        return switch (cadence) {
            case WEEKLY ->
                start.get(IsoFields.WEEK_BASED_YEAR) + "年第" + start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + "周";
            case MONTHLY -> start.getYear() + "年" + start.getMonthValue() + "月";
            case QUARTERLY -> start.getYear() + "年第" + "一二三四".charAt(start.get(IsoFields.QUARTER_OF_YEAR) - 1) + "季度";
            case ONCE -> "一次性";
        };
    }

    static ReportingPeriod week(int year, int week) {
        LocalDate monday = LocalDate.of(year, 1, 4)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new ReportingPeriod(Cadence.WEEKLY, String.format("%d-W%02d", year, week), monday, monday.plusDays(6));
    }

    static ReportingPeriod month(YearMonth m) {
        return new ReportingPeriod(Cadence.MONTHLY, m.toString(), m.atDay(1), m.atEndOfMonth());
    }

    static ReportingPeriod quarter(int year, int q) {
        YearMonth first = YearMonth.of(year, (q - 1) * 3 + 1);
        return new ReportingPeriod(
                Cadence.QUARTERLY,
                year + "-Q" + q,
                first.atDay(1),
                first.plusMonths(2).atEndOfMonth());
    }

    private static DomainException wrong(String text, String why) {
        return DomainException.invalid("report.period", "period", "反馈期“{0}”不正确：{1}", text, why);
    }
}
