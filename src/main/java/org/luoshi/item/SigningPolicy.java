package org.luoshi.item;

import java.time.LocalDate;
import java.time.ZoneId;
import org.luoshi.calendar.WorkingDays;

/** 签收时限: a dispatched item not signed within N working days is flagged (逾期未签收). */
public record SigningPolicy(int workingDays) {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public SigningPolicy {
        if (workingDays < 1) {
            throw new IllegalArgumentException("signing time must be at least one working day");
        }
    }

    public boolean overdue(ItemData item, LocalDate today, WorkingDays calendar) {
        if (item.status() != ItemStatus.DISPATCHED || item.dispatchedAt() == null) {
            return false;
        }
        LocalDate dispatched = item.dispatchedAt().atZone(ZONE).toLocalDate();
        return calendar.between(dispatched, today) > workingDays;
    }
}
