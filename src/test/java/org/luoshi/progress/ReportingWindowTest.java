package org.luoshi.progress;

import static java.time.LocalDate.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.luoshi.DomainException;
import org.luoshi.calendar.WorkingDays;
import org.luoshi.item.Cadence;

class ReportingWindowTest {

    private static final WorkingDays CAL = org.luoshi.support.Holidays2026.calendar();

    private final ReportingWindow window = new ReportingWindow(5);

    private LocalDate due(String period, Cadence cadence) {
        return window.dueOn(ReportingPeriod.parse(period, cadence, of(2026, 1, 1), of(2026, 12, 31)), CAL);
    }

    @Test
    void aMonthIsDueOnTheFifthWorkingDayOfTheNext() {
        // the fixture holds no May Day holiday: Friday 1, then 4, 5, 6 and 7 May
        assertThat(due("2026-04", Cadence.MONTHLY)).isEqualTo(of(2026, 5, 7));
        // September's report: 1–7 October off, then 8, 9, Saturday 10 (worked), 12, 13
        assertThat(due("2026-09", Cadence.MONTHLY)).isEqualTo(of(2026, 10, 13));
        // January's report: 2–6 February, before the Spring Festival
        assertThat(due("2026-01", Cadence.MONTHLY)).isEqualTo(of(2026, 2, 6));
        assertThat(due("2026-Q3", Cadence.QUARTERLY)).isEqualTo(of(2026, 10, 13));
    }

    @Test
    void aWeekIsDueOnItsFridayOrTheLastWorkingDayBefore() {
        assertThat(due("2026-W41", Cadence.WEEKLY)).isEqualTo(of(2026, 10, 9));
        // week 40 ends in the National Day holiday: Wednesday 30 September is its last working day
        assertThat(due("2026-W40", Cadence.WEEKLY)).isEqualTo(of(2026, 9, 30));
        // week 8 is wholly off for the Spring Festival: due on the first working day after it
        assertThat(due("2026-W08", Cadence.WEEKLY)).isEqualTo(of(2026, 2, 24));
    }

    @Test
    void aOnceOnlyReportIsDueByTheDeadline() {
        assertThat(due("ONCE", Cadence.ONCE)).isEqualTo(of(2026, 12, 31));
    }

    @Test
    void periodsAreReadForTheItemsCadenceOnly() {
        ReportingPeriod w21 = ReportingPeriod.parse("2026-w21", Cadence.WEEKLY, null, null);
        assertThat(w21.start()).isEqualTo(of(2026, 5, 18));
        assertThat(w21.end()).isEqualTo(of(2026, 5, 24));
        assertThat(w21.label()).isEqualTo("2026年第21周");
        assertThat(ReportingPeriod.parse("2026-W53", Cadence.WEEKLY, null, null).end())
                .isEqualTo(of(2027, 1, 3));
        assertThat(ReportingPeriod.parse("2026-Q2", Cadence.QUARTERLY, null, null)
                        .label())
                .isEqualTo("2026年第二季度");
        assertThatThrownBy(() -> ReportingPeriod.parse("2025-W53", Cadence.WEEKLY, null, null))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("没有第53周");
        assertThatThrownBy(() -> ReportingPeriod.parse("2026-W21", Cadence.MONTHLY, null, null))
                .hasMessageContaining("2026-05");
        assertThatThrownBy(() -> ReportingPeriod.parse("2026-13", Cadence.MONTHLY, null, null))
                .hasMessageContaining("月份");
        assertThat(ReportingPeriod.containing(of(2026, 1, 1), Cadence.WEEKLY, null, null)
                        .key())
                .as("1 January 2026 is a Thursday in ISO week 1")
                .isEqualTo("2026-W01");
        assertThat(ReportingPeriod.parse("2026-05", Cadence.MONTHLY, null, null)
                        .previous()
                        .key())
                .isEqualTo("2026-04");
    }
}
