package org.luoshi.reminder;

import java.time.Instant;

/** One way out for one reminder: an e-mail address or a webhook, with its attempts. */
public record Delivery(
        long id,
        long reminderId,
        String channel,
        String format,
        String target,
        String status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant sentAt,
        String sentByNode) {}
