package org.luoshi.scheduling;

import java.time.Instant;

/** A job as the administrator sees it. */
public record JobRun(
        String name,
        String description,
        int intervalSeconds,
        boolean enabled,
        Instant nextRunAt,
        Instant leaseUntil,
        Instant lastStartedAt,
        Instant lastFinishedAt,
        String lastStatus,
        String lastResult,
        String lastNode,
        long runs,
        long failures) {}
