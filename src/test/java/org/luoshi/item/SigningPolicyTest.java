package org.luoshi.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.luoshi.calendar.DayKind;
import org.luoshi.calendar.WorkingDays;

class SigningPolicyTest {

    private static final SigningPolicy THREE_DAYS = new SigningPolicy(3);
    private static final WorkingDays CALENDAR = new WorkingDays(
            Map.of(LocalDate.of(2026, 10, 1), DayKind.HOLIDAY, LocalDate.of(2026, 10, 2), DayKind.HOLIDAY),
            Set.of(2026));

    @Test
    void flagsAnItemUnsignedAfterTheWorkingDaysAllowed() {
        ItemData dispatchedMonday = item(ItemStatus.DISPATCHED, LocalDate.of(2026, 3, 2));
        assertThat(THREE_DAYS.overdue(dispatchedMonday, LocalDate.of(2026, 3, 5), CALENDAR))
                .isFalse(); // Thursday
        assertThat(THREE_DAYS.overdue(dispatchedMonday, LocalDate.of(2026, 3, 6), CALENDAR))
                .isTrue(); // Friday
    }

    @Test
    void holidaysDoNotCount() {
        ItemData beforeHoliday = item(ItemStatus.DISPATCHED, LocalDate.of(2026, 9, 30)); // Wednesday
        // 10/1 and 10/2 are off, 10/3-4 a weekend: Monday 10/5 is only the first working day
        assertThat(THREE_DAYS.overdue(beforeHoliday, LocalDate.of(2026, 10, 7), CALENDAR))
                .isFalse();
        assertThat(THREE_DAYS.overdue(beforeHoliday, LocalDate.of(2026, 10, 8), CALENDAR))
                .isTrue();
    }

    @Test
    void onlyDispatchedItemsWaitForASignature() {
        ItemData accepted = item(ItemStatus.ACCEPTED, LocalDate.of(2026, 3, 2));
        assertThat(THREE_DAYS.overdue(accepted, LocalDate.of(2026, 4, 1), CALENDAR))
                .isFalse();
    }

    private static ItemData item(ItemStatus status, LocalDate dispatched) {
        return new ItemData(
                1,
                "DB-2026-0001",
                null,
                ItemKind.INSTRUCTION,
                "批示件",
                "内容",
                ItemLevel.NORMAL,
                Cadence.ONCE,
                7,
                "/1/7/",
                null,
                null,
                LocalDate.of(2026, 12, 31),
                null,
                status,
                null,
                null,
                null,
                dispatched.atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant(),
                null,
                0,
                null,
                "supervisor",
                null);
    }
}
