package org.luoshi.support;

import static java.time.LocalDate.of;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.luoshi.calendar.DayKind;
import org.luoshi.calendar.WorkingDays;

/**
 * 2026's Spring Festival (15–23 February off, Saturdays 14 and 28 February worked) and National Day
 * (1–7 October off, Sunday 20 September and Saturday 10 October worked), written out for tests.
 */
public final class Holidays2026 {

    private Holidays2026() {}

    public static WorkingDays calendar() {
        Map<LocalDate, DayKind> days = new HashMap<>();
        for (LocalDate d = of(2026, 2, 15); !d.isAfter(of(2026, 2, 23)); d = d.plusDays(1)) {
            days.put(d, DayKind.HOLIDAY);
        }
        days.put(of(2026, 2, 14), DayKind.WORKDAY);
        days.put(of(2026, 2, 28), DayKind.WORKDAY);
        for (LocalDate d = of(2026, 10, 1); !d.isAfter(of(2026, 10, 7)); d = d.plusDays(1)) {
            days.put(d, DayKind.HOLIDAY);
        }
        days.put(of(2026, 9, 20), DayKind.WORKDAY);
        days.put(of(2026, 10, 10), DayKind.WORKDAY);
        return new WorkingDays(days, Set.of(2026));
    }
}
