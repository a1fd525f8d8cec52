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

    /**
     * Whether the item was on the ledger before the instant: from its dispatch, which for an item
     * taken over from paper lies before the day it was typed in; a draft from its registration.
     */
    public boolean existedBefore(Instant t) {
        return dispatchedAt != null ? dispatchedAt.isBefore(t) : createdAt.isBefore(t);
    }

    /** Past its deadline while still being worked on; derived, never stored. */
    public boolean overdueOn(LocalDate today) {
        return status.open() && deadline != null && deadline.isBefore(today);
    }
}
