package org.luoshi.item;

import java.time.Instant;
import java.time.LocalDate;

/** An item as stored. */
public record ItemData(
        long id,
        String code,
        Long parentId,
        ItemKind kind,
        String title,
        String content,
        ItemLevel level,
        Cadence cadence,
        long leadUnitId,
        String leadUnitPath,
        Long leadLeaderId,
        LocalDate startDate,
        LocalDate deadline,
        Integer deadlineDays,
        ItemStatus status,
        ClosureRating closureRating,
        LocalDate pendingDeadline,
        String pendingReason,
        Instant dispatchedAt,
        Instant closedAt,
        int version,
        Instant createdAt,
        String createdBy,
        java.util.List<String> tags) {

    public ItemData {
        tags = tags == null ? java.util.List.of() : java.util.List.copyOf(tags);
    }

    /** Past its deadline while still being worked on; derived, never stored. */
    public boolean overdueOn(LocalDate today) {
        return status.open() && deadline != null && deadline.isBefore(today);
    }
}
