package org.luoshi.reminder;

import static java.time.LocalDate.of;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.luoshi.calendar.WorkingDays;

class EscalationTest {

    private static final WorkingDays CAL = org.luoshi.support.Holidays2026.calendar();

    private final Escalation escalation = new Escalation(2);

    @Test
    void aFirstReminderIsANotice() {
        assertThat(escalation.due(Cause.OVERDUE, null, null, of(2026, 9, 1), CAL))
                .isEqualTo(Level.NOTICE);
        assertThat(escalation.due(Cause.DUE_SOON, null, null, of(2026, 9, 1), CAL))
                .isEqualTo(Level.NOTICE);
    }

    @Test
    void itClimbsOneCardAfterTwoWorkingDaysIgnored() {
        // Monday's notice: Tuesday is one working day, Wednesday two
        assertThat(escalation.due(Cause.OVERDUE, Level.NOTICE, of(2026, 9, 14), of(2026, 9, 15), CAL))
                .isNull();
        assertThat(escalation.due(Cause.OVERDUE, Level.NOTICE, of(2026, 9, 14), of(2026, 9, 16), CAL))
                .isEqualTo(Level.YELLOW);
        assertThat(escalation.due(Cause.MISSING_REPORT, Level.YELLOW, of(2026, 9, 14), of(2026, 9, 16), CAL))
                .isEqualTo(Level.RED);
    }

    @Test
    void holidaysDoNotCountAsTimeToAct() {
        // a yellow card on Wednesday 30 September: the holiday passes, then Thursday 8 and Friday 9 October
        assertThat(escalation.due(Cause.OVERDUE, Level.YELLOW, of(2026, 9, 30), of(2026, 10, 7), CAL))
                .isNull();
        assertThat(escalation.due(Cause.OVERDUE, Level.YELLOW, of(2026, 9, 30), of(2026, 10, 8), CAL))
                .isNull();
        assertThat(escalation.due(Cause.OVERDUE, Level.YELLOW, of(2026, 9, 30), of(2026, 10, 9), CAL))
                .isEqualTo(Level.RED);
    }

    @Test
    void theRedCardIsTheLastAndAHeadsUpNeverEscalates() {
        assertThat(escalation.due(Cause.OVERDUE, Level.RED, of(2026, 9, 1), of(2026, 9, 30), CAL))
                .isNull();
        assertThat(escalation.due(Cause.DUE_SOON, Level.NOTICE, of(2026, 9, 1), of(2026, 9, 30), CAL))
                .isNull();
    }
}
