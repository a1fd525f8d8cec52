package org.luoshi.progress;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import org.luoshi.calendar.WorkingDays;

/**
 * When a period's report is due: a week's by its Friday (the last working day up to Friday when
 * Friday is a holiday, the next working day when the whole week is off); a month's and a quarter's by
 * the N-th working day of the following month; a once-only report by the item's deadline.
 */
public record ReportingWindow(int nthWorkingDay) {

    public ReportingWindow {
        if (nthWorkingDay < 1 || nthWorkingDay > 20) {
            throw new IllegalArgumentException(
                    "the reporting day must be the 1st to 20th working day: " + nthWorkingDay);
        }
    }

    public LocalDate dueOn(ReportingPeriod period, WorkingDays calendar) {
        return switch (period.cadence()) {
            case WEEKLY -> {
                LocalDate friday = period.start().with(DayOfWeek.FRIDAY);
                for (LocalDate d = friday; !d.isBefore(period.start()); d = d.minusDays(1)) {
                    if (calendar.isWorkingDay(d)) {
                        yield d;
                    }
                }
                yield calendar.plus(period.end(), 1);
            }
            case MONTHLY, QUARTERLY ->
                calendar.nthOfMonth(YearMonth.from(period.end()).plusMonths(1), nthWorkingDay);
            case ONCE -> period.end();
        };
    }
}
