package org.luoshi.calendar;

import static java.time.LocalDate.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    private static final WorkingDays CAL_2026 = org.luoshi.support.Holidays2026.calendar();

    @Test
    void ordinaryWeeksSkipWeekends() {
        // Friday 2026-03-06 + 1 working day is Monday 2026-03-09
        assertThat(CAL_2026.plus(of(2026, 3, 6), 1)).isEqualTo(of(2026, 3, 9));
        assertThat(CAL_2026.plus(of(2026, 3, 2), 5)).isEqualTo(of(2026, 3, 9));
        assertThat(CAL_2026.plus(of(2026, 3, 2), 0)).isEqualTo(of(2026, 3, 2));
    }

    @Test
    void springFestivalHolidayAndItsMakeUpSaturdays() {
        LocalDate thursday = of(2026, 2, 12);
        assertThat(CAL_2026.plus(thursday, 1)).isEqualTo(of(2026, 2, 13)); // Friday
        assertThat(CAL_2026.plus(thursday, 2)).isEqualTo(of(2026, 2, 14)); // Saturday worked in exchange
        assertThat(CAL_2026.plus(thursday, 3)).isEqualTo(of(2026, 2, 24)); // first day back after the nine days off
        assertThat(CAL_2026.isWorkingDay(of(2026, 2, 16))).isFalse(); // a Monday off
        assertThat(CAL_2026.isWorkingDay(of(2026, 2, 28))).isTrue(); // a Saturday worked
        // "5个工作日内" from Friday 13th ends on Saturday the 28th: 14th, 24th, 25th, 26th, 27th
        assertThat(CAL_2026.plus(of(2026, 2, 13), 5)).isEqualTo(of(2026, 2, 27));
        assertThat(CAL_2026.plus(of(2026, 2, 13), 6)).isEqualTo(of(2026, 2, 28));
    }

    @Test
    void nationalDayHolidayAndItsMakeUpDays() {
        assertThat(CAL_2026.isWorkingDay(of(2026, 9, 20))).isTrue(); // Sunday worked
        LocalDate wednesday = of(2026, 9, 30);
        assertThat(CAL_2026.plus(wednesday, 1)).isEqualTo(of(2026, 10, 8));
        assertThat(CAL_2026.plus(wednesday, 3)).isEqualTo(of(2026, 10, 10)); // Saturday worked
        assertThat(CAL_2026.plus(wednesday, 4)).isEqualTo(of(2026, 10, 12));
    }

    @Test
    void countsWorkingDaysBetweenDates() {
        assertThat(CAL_2026.between(of(2026, 2, 13), of(2026, 2, 27))).isEqualTo(5);
        assertThat(CAL_2026.between(of(2026, 2, 27), of(2026, 2, 13))).isEqualTo(-5);
        assertThat(CAL_2026.between(of(2026, 3, 2), of(2026, 3, 2))).isZero();
        // consistent with plus: n working days after d lie exactly n working days away
        for (int n = 0; n < 40; n++) {
            LocalDate from = of(2026, 9, 14);
            assertThat(CAL_2026.between(from, CAL_2026.plus(from, n))).isEqualTo(n);
        }
    }

    @Test
    void nthWorkingDayOfAMonthForReportingWindows() {
        // October 2026: 1-7 off, 8 Thu, 9 Fri, 10 Sat worked, 12 Mon, 13 Tue
        assertThat(CAL_2026.nthOfMonth(YearMonth.of(2026, 10), 1)).isEqualTo(of(2026, 10, 8));
        assertThat(CAL_2026.nthOfMonth(YearMonth.of(2026, 10), 5)).isEqualTo(of(2026, 10, 13));
        assertThat(CAL_2026.nthOfMonth(YearMonth.of(2026, 3), 1)).isEqualTo(of(2026, 3, 2));
        assertThatThrownBy(() -> CAL_2026.nthOfMonth(YearMonth.of(2026, 3), 30))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> CAL_2026.plus(of(2026, 1, 1), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CAL_2026.plus(of(2026, 1, 1), 5_000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(CAL_2026.knows(2026)).isTrue();
        assertThat(CAL_2026.knows(2027)).isFalse();
    }
}
