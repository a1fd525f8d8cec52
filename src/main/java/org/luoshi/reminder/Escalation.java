package org.luoshi.reminder;

import java.time.LocalDate;
import org.luoshi.calendar.WorkingDays;

/**
 * When a cause persists, the next reminder goes one level up, but only after the last one had
 * some working days to be acted on. A heads-up before a deadline never escalates.
 */
public record Escalation(int afterWorkingDays) {

    /** The level due now, or null when nothing is due: first a notice, then one step per wait. */
    public Level due(Cause cause, Level last, LocalDate lastSentOn, LocalDate today, WorkingDays calendar) {
        if (last == null) {
            return Level.NOTICE;
        }
        if (cause == Cause.DUE_SOON || last == Level.RED) {
            return null;
        }
        return calendar.between(lastSentOn, today) >= afterWorkingDays ? last.next() : null;
    }
}
