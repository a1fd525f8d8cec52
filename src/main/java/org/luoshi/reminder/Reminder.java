package org.luoshi.reminder;

import java.time.Instant;

/** A reminder as stored, with (for an inbox) whether its reader has read it. */
public record Reminder(
        long id,
        long itemId,
        long unitId,
        Cause cause,
        Level level,
        String subject,
        String message,
        Instant createdAt,
        String createdBy,
        boolean read) {}
